"""The year wheel on a real data folder: ``aarshjul plan``, the daily rule, activities, show."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, time
from pathlib import Path

import pytest
from docx import Document

from meetingtool.actions import yearwheel
from meetingtool.cli import main
from meetingtool.core.locations import shipped_wheels_dir
from meetingtool.core.yearplan import danish_holidays
from meetingtool.store import open_store

MONTHLY = """\
title = "Årshjul for prøverådet"
council = "Prøverådet"
kind = "kvalitetsraad"
template = "kvalitetsraad"
review_months = [3]

[rhythm]
frequency = "maanedlig"
weekday = "{weekday}"
week = {week}
months = [{months}]
start_time = "14:00"

[[meetings]]
month = 3
theme = "Tryghed"

[[activities]]
title = "Forberedelse af tilsyn"
month = 2
kind = "tilsyn"
responsible = "Kvalitetssygeplejersken"

[[activities]]
title = "Audit af dokumentationen"
month = 6
kind = "audit"
responsible = "Teamlederen"
"""

DAILY = """\
title = "Årshjul for Team 1"
council = "Team 1"
kind = "triage"
template = "triage"

[rhythm]
frequency = "daglig"
start_time = "08:30"

[[breaks]]
name = "Sommerferie"
from = "5/7"
to = "30/7"

[[activities]]
title = "Stikprøve på de røde"
month = 3
kind = "audit"
responsible = "Teamlederen"
"""


def wheel_file(tmp_path: Path, text: str, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def monthly(tmp_path: Path, weekday="tirsdag", week=2, months="3, 6") -> Path:
    return wheel_file(tmp_path, MONTHLY.format(weekday=weekday, week=week, months=months))


def plan(data_dir, path, *extra: str, today: str = "1/12/2026") -> int:
    """``aarshjul plan --yes``; a refused plan fails the test (its message on stderr)."""
    code = main(["--data", str(data_dir), "aarshjul", "plan", str(path), "--year", "2027",
                 "--yes", "--today", today, *extra])
    assert code == 0
    return code


def meetings_of(data_dir, council: str):
    store = open_store(data_dir)
    found = store.find_council(council)
    return [store.meeting(s.id) for s in sorted(store.meetings(found.id), key=lambda s: s.date)]


def test_plan_twice_creates_each_meeting_once(tmp_path, data_dir, capsys):
    path = monthly(tmp_path)
    assert plan(data_dir, path) == 0
    assert plan(data_dir, path) == 0
    out = capsys.readouterr().out
    assert "Intet at ændre" in out
    found = meetings_of(data_dir, "Prøverådet")
    assert [m.date for m in found] == [date(2027, 3, 9), date(2027, 6, 8)]
    assert found[0].theme == "Tryghed" and found[0].start_time.hour == 14
    assert {m.status for m in found} == {"planlagt"}


def test_changed_plan_moves_planned_meeting_and_leaves_held_one(tmp_path, data_dir, capsys):
    plan(data_dir, monthly(tmp_path))
    store = open_store(data_dir)
    march, june = meetings_of(data_dir, "Prøverådet")
    march.status = "afsluttet"
    store.save_meeting(march)

    # The council now meets on the 3rd Thursday, and in November instead of June.
    plan(data_dir, monthly(tmp_path, weekday="torsdag", week=3, months="3, 11"))
    out = capsys.readouterr().out
    assert f"Holdt:   møde {march.id}" in out
    assert f"Flyt:    møde {june.id} fra 8. juni 2027 til 18. november 2027" in out
    after = {m.id: m for m in meetings_of(data_dir, "Prøverådet")}
    assert len(after) == 2
    assert after[march.id].date == date(2027, 3, 9)  # held: untouched
    assert after[march.id].status == "afsluttet"
    assert after[june.id].date == date(2027, 11, 18)
    assert after[june.id].status == "planlagt"

    # November dropped: the planned meeting is cancelled, never deleted or duplicated.
    plan(data_dir, monthly(tmp_path, weekday="torsdag", week=3, months="3"))
    after = {m.id: m for m in meetings_of(data_dir, "Prøverådet")}
    assert after[june.id].status == "aflyst" and len(after) == 2


def test_without_yes_at_no_terminal_nothing_changes(tmp_path, data_dir, capsys):
    code = main(["--data", str(data_dir), "aarshjul", "plan", str(monthly(tmp_path)),
                 "--year", "2027", "--today", "1/12/2026"])
    assert code == 0
    out = capsys.readouterr().out
    assert "Opret:   9. marts 2027 – Tryghed" in out and "Kør igen med --yes" in out
    assert open_store(data_dir).find_council("Prøverådet") is None


def test_holidays_are_skipped(tmp_path, data_dir, capsys):
    # The last Monday of March 2027 is Anden påskedag: the meeting goes a week earlier.
    assert danish_holidays(2027)[date(2027, 3, 29)] == "Anden påskedag"
    plan(data_dir, monthly(tmp_path, weekday="mandag", week=-1, months="3, 6"))
    assert "29. marts er Anden påskedag: mødet holdes 22. marts" in capsys.readouterr().out
    assert [m.date for m in meetings_of(data_dir, "Prøverådet")] == [
        date(2027, 3, 22), date(2027, 6, 28)]


def test_daily_rhythm_creates_todays_meeting_only(tmp_path, data_dir, capsys):
    path = wheel_file(tmp_path, DAILY)
    assert plan(data_dir, path, today="2/3/2027") == 0
    found = meetings_of(data_dir, "Team 1")
    assert [m.date for m in found] == [date(2027, 3, 2)]
    assert "oprettes på dagen" in capsys.readouterr().out

    today = ["--data", str(data_dir), "aarshjul", "idag", "--today"]
    main([*today, "2/3/2027"])  # again the same day: nothing new
    main([*today, "25/3/2027"])  # Skærtorsdag
    main([*today, "27/3/2027"])  # a Saturday
    main([*today, "6/7/2027"])  # the plan's summer break
    assert len(meetings_of(data_dir, "Team 1")) == 1
    main([*today, "3/3/2027"])
    assert [m.date for m in meetings_of(data_dir, "Team 1")] == [
        date(2027, 3, 2), date(2027, 3, 3)]


def test_activity_becomes_followup_in_its_months_meeting(tmp_path, data_dir):
    path = wheel_file(tmp_path, DAILY)
    plan(data_dir, path, today="2/3/2027")
    plan(data_dir, path, today="2/3/2027")
    store = open_store(data_dir)
    team = store.find_council("Team 1")
    followups = store.followups(team.id)
    assert [f.text for f in followups] == [
        "Årshjul · Kvalitetskontrol og audit: Stikprøve på de røde"]
    assert followups[0].owner == "Teamlederen" and followups[0].due == date(2027, 3, 31)
    meeting = meetings_of(data_dir, "Team 1")[0]
    item = meeting.item(followups[0].item_id)
    assert item.title == yearwheel.ACTIVITIES_ITEM


def test_quarterly_review_lists_done_coming_late(tmp_path, data_dir):
    path = monthly(tmp_path, months="2, 3, 6")
    plan(data_dir, path, today="1/2/2027")
    store = open_store(data_dir)
    # February's activity came up at the February meeting; it is done.
    followup = store.followups(store.find_council("Prøverådet").id)[0]
    store.update_followup(followup.id, status="udfoert")
    main(["--data", str(data_dir), "aarshjul", "idag", "--today", "3/3/2027"])
    march = next(m for m in meetings_of(data_dir, "Prøverådet") if m.date.month == 3)
    review = next(i for i in march.items if i.title == yearwheel.REVIEW_ITEM)
    assert "Udført (1):\n- februar: Forberedelse af tilsyn" in review.description
    assert "Kommende (1):\n- juni: Audit af dokumentationen" in review.description

    main(["--data", str(data_dir), "aarshjul", "show", "--year", "2027", "--today", "1/8/2027"])


def test_show_table_and_late_activity(tmp_path, data_dir, capsys):
    plan(data_dir, monthly(tmp_path))
    capsys.readouterr()
    main(["--data", str(data_dir), "aarshjul", "show", "--year", "2027", "--today", "1/7/2027"])
    out = capsys.readouterr().out
    assert "Marts · kvartalsgennemgang af årshjulet" in out
    assert "Møde 1: 09.03.2027 kl. 14.00 – Tryghed (planlagt)" in out
    assert "Forberedelse af tilsyn (forberedelse af tilsyn) · Kvalitetssygeplejersken · " \
           "! forsinket" in out


def test_printed_overview_is_one_a4_landscape_page(tmp_path, data_dir):
    shutil.copy(shipped_wheels_dir() / "kvalitetsraad.toml", tmp_path / "kvalitetsraad.toml")
    plan(data_dir, tmp_path / "kvalitetsraad.toml")
    out = tmp_path / "out"
    assert main(["--data", str(data_dir), "aarshjul", "show", "--year", "2027",
                 "--format", "docx", "--out", f"{out}/", "--today", "1/5/2027"]) == 0
    written = out / "Årshjul 2027 Lokalt kvalitetsråd.docx"
    assert written.stat().st_mode & 0o777 == 0o600  # owner-only, like the minutes
    document = Document(str(written))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (29.7, 21.0)
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert cells[1].startswith("Februar") and "Kompetenceplan for året" in cells[1]
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None or shutil.which("pdfinfo") is None:
        pytest.skip("LibreOffice or pdfinfo is not installed: page count not checked")
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(written)],
                   check=True, capture_output=True, timeout=180)
    info = subprocess.run(["pdfinfo", str(tmp_path / (written.stem + ".pdf"))],
                          check=True, capture_output=True, text=True).stdout
    assert "Pages:           1" in info


def test_ics_keeps_daily_rhythm_as_one_repeating_event(tmp_path, data_dir):
    plan(data_dir, wheel_file(tmp_path, DAILY), today="2/3/2027")
    target = tmp_path / "aar.ics"
    main(["--data", str(data_dir), "aarshjul", "show", "--format", "ics", "--out", str(target),
          "--year", "2027", "--today", "2/3/2027"])
    text = target.read_text(encoding="utf-8")
    assert text.count("RRULE:FREQ=WEEKLY;UNTIL=20271231T235900;BYDAY=MO,TU,WE,TH,FR") == 1
    assert "EXDATE:20270325T083000" in text  # Skærtorsdag
    assert "SUMMARY:Årshjul: Stikprøve på de røde" in text


@pytest.mark.parametrize("path", sorted(shipped_wheels_dir().glob("*.toml")),
                         ids=lambda p: p.stem)
def test_shipped_wheels_lay_out(path, data_dir):
    store = open_store(data_dir)
    prepared = yearwheel.prepare(store, path, 2027, date(2026, 12, 1))
    assert prepared.wheel.activities, "a shipped wheel carries the year's activities"
    assert prepared.template.kind == prepared.wheel.kind
    assert prepared.plan.of("create") or prepared.wheel.rhythm.is_rule


def test_coming_30_days_lists_meetings_and_activities(tmp_path, data_dir):
    from meetingtool.actions.yearview import coming

    plan(data_dir, monthly(tmp_path))
    store = open_store(data_dir)
    found = coming(store, date(2027, 2, 20))
    assert [(e.day, e.council, e.title, e.activity, e.whole_month) for e in found] == [
        (date(2027, 2, 20), "Prøverådet", "Forberedelse af tilsyn", "Forberedelse af tilsyn",
         True),
        (date(2027, 3, 9), "Prøverådet", "Lokalt kvalitetsråd", "", False),
    ]
    assert found[1].start == time(14, 0) and found[1].theme == "Tryghed"
    assert found[0].responsible == "Kvalitetssygeplejersken"
    # An activity already done is not coming any more.
    main(["--data", str(data_dir), "aarshjul", "idag", "--today", "1/2/2027"])
    followup = store.followups(store.find_council("Prøverådet").id)[0]
    store.update_followup(followup.id, status="udfoert")
    assert coming(store, date(2027, 2, 20)) == found[1:]


def test_activity_skips_a_held_meeting_for_the_next_planned_one(tmp_path, data_dir):
    plan(data_dir, monthly(tmp_path, months="2, 3, 6"), today="1/1/2027")
    store = open_store(data_dir)
    february = meetings_of(data_dir, "Prøverådet")[0]
    february.status = "afsluttet"
    store.save_meeting(february)
    main(["--data", str(data_dir), "aarshjul", "idag", "--today", "20/2/2027"])
    followup = store.followups(store.find_council("Prøverådet").id)[0]
    assert followup.text.endswith("Forberedelse af tilsyn")
    assert store.meeting(followup.meeting_id).date == date(2027, 3, 9)
    assert store.meeting(february.id).items == february.items  # its minutes unchanged


def test_opening_the_app_makes_todays_meeting_of_a_daily_rhythm(tmp_path, data_dir):
    from meetingtool.tui.launch import prepare_today

    plan(data_dir, wheel_file(tmp_path, DAILY), today="2/3/2027")
    store = open_store(data_dir)
    assert prepare_today(store, date(2027, 3, 3)) == []
    assert prepare_today(store, date(2027, 3, 3)) == []  # once a day, however often opened
    assert [m.date for m in meetings_of(data_dir, "Team 1")] == [
        date(2027, 3, 2), date(2027, 3, 3)]


def test_a_damaged_wheel_is_told_and_the_app_still_opens(tmp_path, data_dir):
    from meetingtool.tui.launch import prepare_today

    plan(data_dir, wheel_file(tmp_path, DAILY), today="2/3/2027")
    [kept] = [p for p in (data_dir / "aarshjul").glob("*.toml")]
    kept.write_text("title = \\n", encoding="utf-8")
    [problem] = prepare_today(open_store(data_dir), date(2027, 3, 3))
    assert problem.startswith("årshjulet kunne ikke lægge dagens møder ud") and kept.name in problem
