"""Courses of meetings (``forloeb plan``) and the wheel/course file checks, on a real store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from meetingtool.cli import main
from meetingtool.core.course import CourseError, load_course
from meetingtool.core.locations import shipped_wheels_dir
from meetingtool.core.yearwheel import WheelError, load_wheel
from meetingtool.store import open_store

COURSE = shipped_wheels_dir() / "forloeb" / "borgerens-stemme.toml"


def lay_out(data_dir, *teams: str, start: str = "22/3/2027") -> int:
    return main(["--data", str(data_dir), "forloeb", "plan", "borgerens-stemme",
                 "--centre", "Plejehjemmet Solgården", "--teams", *teams, "--start", start,
                 "--yes", "--today", "1/12/2026"])


def test_course_for_two_teams_gives_one_start_and_three_dialogues_each(data_dir, capsys):
    assert lay_out(data_dir, "Team Øst", "Team Vest") == 0
    assert lay_out(data_dir, "Team Øst", "Team Vest") == 0  # again: nothing new
    store = open_store(data_dir)
    by_council: dict[str, list] = {}
    for summary in store.meetings():
        by_council.setdefault(summary.council_name, []).append(summary)
    assert sorted(by_council) == ["Plejehjemmet Solgården: Borgerens stemme",
                                  "Team Vest: Borgerens stemme", "Team Øst: Borgerens stemme"]
    opening = by_council["Plejehjemmet Solgården: Borgerens stemme"]
    assert [(s.kind, s.date) for s in opening] == [("opstartsmoede", date(2027, 3, 22))]
    for team in ("Team Øst", "Team Vest"):
        dialogues = sorted(by_council[f"{team}: Borgerens stemme"], key=lambda s: s.date)
        assert [s.kind for s in dialogues] == ["dialogmoede"] * 3
        # 17 May 2027 is Anden pinsedag: the third meeting is the day after.
        assert [s.date for s in dialogues] == [date(2027, 4, 5), date(2027, 4, 26),
                                               date(2027, 5, 18)]
        third = store.meeting(dialogues[-1].id)
        assert third.items[-1].title == "Teamets prøvehandling"
        assert "Prøvehandling: " in third.items[-1].description
    assert "Uændret: Team Øst, dialogmøde 3 18. maj 2027" in capsys.readouterr().out


def test_course_moved_start_moves_planned_meetings_not_held_ones(data_dir, capsys):
    lay_out(data_dir, "Team Øst")
    store = open_store(data_dir)
    opening = next(s for s in store.meetings() if s.kind == "opstartsmoede")
    held = store.meeting(opening.id)
    held.status = "afsluttet"
    store.save_meeting(held)
    lay_out(data_dir, "Team Øst", start="29/3/2027")
    out = capsys.readouterr().out
    assert "Holdt (røres ikke): Opstartsmøde 22. marts 2027" in out
    assert "Flyt: Team Øst, dialogmøde 1 12. april 2027 (fra 5. april 2027)" in out
    assert len(store.meetings()) == 4


def test_shipped_course_loads():
    course = load_course(COURSE)
    assert course.title == "Borgerens stemme"
    assert [step.weeks_after_start for step in course.dialogues] == [2, 5, 8]


def test_wheel_errors_name_file_line_and_field(tmp_path):
    path = tmp_path / "fejl.toml"
    path.write_text('title = "Årshjul"\nkind = "kvalitetsraad"\ntemplate = "kvalitetsraad"\n'
                    '[rhythm]\nfrequency = "maanedlig"\nweekday = "tirsdag"\nweek = 7\n\n'
                    '[[activities]]\ntitle = "Audit"\nmonth = 13\nkind = "revision"\n',
                    encoding="utf-8")
    with pytest.raises(WheelError) as caught:
        load_wheel(path)
    message = caught.value.message
    assert f'{path}, linje 7: [rhythm], felt "week": skal være 1, 2, 3, 4 eller -1' in message
    assert f'{path}, linje 11: aktivitet 1 "Audit", felt "month": skal være et månedstal' \
           in message
    assert 'felt "kind": ukendt aktivitetstype "revision"' in message
    assert "har 3 fejl" in message


def test_wheel_refuses_a_course_and_a_course_refuses_a_wheel(tmp_path):
    with pytest.raises(WheelError, match="forløbsplan"):
        load_wheel(COURSE)
    with pytest.raises(CourseError, match=r"mangler tabellen \[opening\]"):
        load_course(shipped_wheels_dir() / "kvalitetsraad.toml")


def test_plan_error_is_danish_without_traceback(tmp_path, data_dir, capsys):
    path: Path = tmp_path / "tom.toml"
    path.write_text('title = "x"\nkind = "kvalitetsraad"\n', encoding="utf-8")
    code = main(["--data", str(data_dir), "aarshjul", "plan", str(path), "--yes"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("Fejl: Årshjulet") and 'mangler feltet "template"' in err
    assert "Traceback" not in err
