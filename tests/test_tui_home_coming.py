"""The home screen's "De næste 30 dage": planned meetings and year-wheel activities ahead.

A real data folder with a year wheel laid out by ``aarshjul plan``; the app's wall clock is
fixed at Sunday 22 November 2026, so "the coming 30 days" never depends on the test's day.
"""

from __future__ import annotations

from datetime import date, datetime, time

from waiting import until

from meetingtool.cli import main
from meetingtool.core.agenda import load_agenda, resolve_template
from meetingtool.store import open_store
from meetingtool.tui.app import MeetingToolApp
from meetingtool.tui.widgets.coming_days import ComingDays

WHEEL = """\
title = "Årshjul for prøverådet"
council = "Prøverådet"
kind = "kvalitetsraad"
template = "kvalitetsraad"
review_months = [12]

[rhythm]
frequency = "maanedlig"
weekday = "tirsdag"
week = 2
months = [12]
start_time = "14:30"

[[meetings]]
month = 12
theme = "Tryghed om natten"

[[activities]]
title = "Kompetenceplan for året"
month = 12
kind = "kompetenceplan"
responsible = "Centerlederen"
"""


def wall() -> datetime:
    return datetime(2026, 11, 22, 10, 0)


def lay_out(data_dir, tmp_path) -> None:
    path = tmp_path / "hjul.toml"
    path.write_text(WHEEL, encoding="utf-8")
    assert main(["--data", str(data_dir), "aarshjul", "plan", str(path), "--year", "2026",
                 "--yes", "--today", "1/11/2026"]) == 0
    store = open_store(data_dir)
    raad = load_agenda(resolve_template("bruger-og-paaroerenderaad", data_dir))
    kildebo = store.ensure_council("Bruger- og pårørenderåd Kildebo", raad.kind, raad.members)
    store.create_meeting(kildebo.id, raad, date(2026, 12, 3), title="Julemødet",
                         start_time=time(10, 0))
    store.create_meeting(kildebo.id, raad, date(2027, 1, 14), title="Nytårsmødet")  # too far
    held = store.create_meeting(kildebo.id, raad, date(2026, 11, 24), title="Ekstramødet")
    held.status = "afsluttet"
    store.save_meeting(held)


async def test_home_shows_meetings_and_activities_of_the_coming_30_days(data_dir, tmp_path):
    lay_out(data_dir, tmp_path)
    app = MeetingToolApp(open_store(data_dir), wall=wall, monotonic=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        coming = app.screen.query_one(ComingDays)
        await until(lambda: coming.loaded, what="the coming 30 days read")
        await pilot.pause()
        assert coming.display and coming.border_title == "De næste 30 dage"
        lines = str(coming.render()).splitlines()
        assert [line.split()[:4] for line in lines] == [
            ["december", "2026", "Årshjul:", "Kompetenceplan"],
            ["3.", "december", "2026", "10.00"],
            ["8.", "december", "2026", "14.30"],
        ]
        assert "(Centerlederen) · Prøverådet" in lines[0]
        assert "Julemødet · Bruger- og pårørenderåd Kildebo" in lines[1]
        assert "Lokalt kvalitetsråd – Tryghed om natten · Prøverådet" in lines[2]
        assert coming.region.height == 3 + 2  # three lines and the border


async def test_nothing_ahead_takes_no_room(data_dir):
    store = open_store(data_dir)
    raad = load_agenda(resolve_template("bruger-og-paaroerenderaad", data_dir))
    kildebo = store.ensure_council("Bruger- og pårørenderåd Kildebo", raad.kind, raad.members)
    store.create_meeting(kildebo.id, raad, date(2027, 3, 4), title="Forårsmødet")
    app = MeetingToolApp(store, wall=wall, monotonic=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        coming = app.screen.query_one(ComingDays)
        await until(lambda: coming.loaded, what="the coming 30 days read")
        await pilot.pause()
        assert coming.entries == [] and not coming.has_class("-filled")
        assert coming.region.height == 0
