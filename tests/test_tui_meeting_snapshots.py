"""Snapshot tests (pytest-textual-snapshot) of the meeting screen and its dialogs at 80×24.

The meeting runs on a fake clock, so every time on screen is fixed. Update after an
intended change with ``pytest --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from test_tui_meeting import MEETING_DAY, MEMBERS, FakeTime, make_template
from waiting import until

from meetingtool.store import open_store
from meetingtool.tui.app import MeetingToolApp

SIZE = (80, 24)


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


@pytest.fixture
def app(data_dir, fake) -> MeetingToolApp:
    store = open_store(data_dir, now=fake.wall)
    council = store.ensure_council(
        "Bruger- og pårørenderåd Kildebo", "bruger-og-paaroerenderaad", members=MEMBERS
    )
    meeting = store.create_meeting(
        council.id, make_template(), MEETING_DAY, theme="Mad og måltider", start_time=time(14, 0)
    )
    theme = meeting.items[1].id
    store.add_decision(meeting.id, theme, "Aftensmad kl. 18 prøves i tre måneder")
    store.add_followup(
        meeting.id, theme, "Spørge køkkenet om tider", owner="Sofie Lund", due=date(2026, 12, 1)
    )
    return MeetingToolApp(
        store, meeting_id=meeting.id, monotonic=fake.monotonic, wall=fake.wall
    )


def run_to(fake: FakeTime, minutes_on_first: float, minutes_on_theme: float):
    """A ``run_before`` that starts the clock and spends time on the first two items."""

    async def run_before(pilot) -> None:
        await pilot.press("space")
        fake.advance(minutes=minutes_on_first)
        await pilot.press("n")
        fake.advance(minutes=minutes_on_theme)
        pilot.app.screen.update_display()
        await settled(pilot)

    return run_before


async def settled(pilot) -> None:
    """The item's records come from the app's writer: the picture is taken once they are in
    (the first poll is asked for at mount; an idle writer before it proves nothing)."""
    await until(lambda: getattr(pilot.app.screen, "recorded_text", None),
                what="the item's records drawn")
    await pilot.app.writer.idle()
    await pilot.pause()


def test_meeting_screen_before_start(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=settled)


def test_meeting_screen_nearly_done(snap_compare, app, fake):
    assert snap_compare(app, terminal_size=SIZE, run_before=run_to(fake, 4, 27))


def test_meeting_screen_overtime(snap_compare, app, fake):
    assert snap_compare(app, terminal_size=SIZE, run_before=run_to(fake, 6, 38))


def test_followup_dialog(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["n", "o", *"Tjek menu", "tab", "K"])


def test_prepare_screen(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["r"])


def test_attendance_screen(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["f", "down", "a"])
