"""Courses of meetings (``forloeb plan``) and the wheel/course file checks, on a real store."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from meetingtool.actions.course_trial import trial_at_course_end
from meetingtool.actions.lifecycle import end_meeting, mark_started
from meetingtool.actions.trials import start_trial
from meetingtool.cli import main
from meetingtool.core.course import CourseError, load_course
from meetingtool.core.locations import shipped_wheels_dir
from meetingtool.core.trials import trials_item
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
        assert "bliver den teamets prøvehandling" in third.items[-1].description
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


def third_dialogue(store, team: str):
    council = store.find_council(f"{team}: Borgerens stemme")
    summaries = sorted(store.meetings(council.id), key=lambda s: s.date)
    return store.meeting(summaries[-1].id), store.meeting(summaries[-2].id)


def end(store, meeting, decision: str = "") -> None:
    """Hold the meeting: a decision under its trial item (else its last), then the end."""
    if decision:
        item = trials_item(meeting) or meeting.items[-1]
        store.add_decision(meeting.id, item.id, decision)
    mark_started(meeting)
    end_meeting(meeting, datetime.combine(meeting.date, time(15, 0)))
    store.save_meeting(meeting)


def test_third_dialogue_meeting_ends_with_the_teams_trial(data_dir):
    lay_out(data_dir, "Team Øst", "Team Vest")
    store = open_store(data_dir)
    east, east_second = third_dialogue(store, "Team Øst")
    assert "proevehandlinger" in east.items[-1].receives

    end(store, east_second, "Vi lytter til fru A.s ønsker om morgenen")  # not the last one
    assert trial_at_course_end(store, east_second.id) is None

    end(store, east, "Fast kontaktperson ved morgenmaden på alle vagter")
    said = trial_at_course_end(store, east.id)
    assert said is not None and said.trial is not None
    trials = store.trials(east.council_id)
    assert [(t.title, t.evaluate, t.meeting_id, t.participants) for t in trials] == [
        ("Fast kontaktperson ved morgenmaden på alle vagter", date(2027, 7, 13), east.id,
         "Team Øst")]  # 18 May 2027 + 8 weeks
    assert "evalueres 13. juli 2027" in said.text and said.severity == "information"
    assert trial_at_course_end(store, east.id) is None  # never twice
    assert len(store.trials()) == 1

    # Team Vest ended its last meeting without a decision: told how, nothing made.
    west, _ = third_dialogue(store, "Team Vest")
    end(store, west)
    said = trial_at_course_end(store, west.id)
    assert said is not None and said.trial is None and said.severity == "warning"
    assert '--council "Team Vest: Borgerens stemme"' in said.text
    assert store.trials(west.council_id) == []


def test_a_trial_planned_at_the_meeting_is_not_made_again(data_dir):
    lay_out(data_dir, "Team Øst")
    store = open_store(data_dir)
    east, _ = third_dialogue(store, "Team Øst")
    start_trial(store, east.council_id, "Fast kontaktperson", date(2027, 9, 1),
                start=east.date, meeting_id=east.id)  # h, n on the item
    end(store, east, "Fast kontaktperson ved morgenmaden")
    assert trial_at_course_end(store, east.id) is None
    assert [t.evaluate for t in store.trials()] == [date(2027, 9, 1)]


async def test_chair_ends_the_third_dialogue_meeting_and_the_trial_is_made(data_dir):
    from test_tui_meeting import FakeTime, MeetingTestApp
    from textual.widgets import Input
    from waiting import until

    lay_out(data_dir, "Team Øst")
    store = open_store(data_dir)
    east, _ = third_dialogue(store, "Team Øst")
    app = MeetingTestApp(store, east.id, FakeTime(datetime(2027, 5, 18, 13, 30)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["n"] * (len(east.items) - 1))
        await pilot.press("b")
        app.screen.query_one(Input).value = "Fast kontaktperson ved morgenmaden"
        await pilot.press("enter")
        await pilot.press("x", "j")
        await until(lambda: any("Prøvehandlingen P1" in n for n in app.notices),
                    what="the trial told")
    trial = store.trial("P1")
    assert trial.title == "Fast kontaktperson ved morgenmaden"
    assert trial.council_id == east.council_id and trial.evaluate == date(2027, 7, 13)
