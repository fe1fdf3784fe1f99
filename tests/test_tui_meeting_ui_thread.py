"""Issue 14 on the chair's meeting screen: what its keys do to the store runs on the app's
writer, never on the thread that draws the screen.

The demo data set and the real app (``MeetingToolApp``): the meeting is opened as
``meetingtool run`` opens it, then every key that saves, reads or plans is pressed as a
chair would, and ``ui_thread_triage`` notes any store call made on the event loop's thread.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from demo_day import DEMO_TODAY
from textual.widgets import Input
from ui_thread import record_ui_store_calls
from waiting import until

from meetingtool.actions.meetings import is_review_item
from meetingtool.store import open_store
from meetingtool.tui.app import MeetingToolApp
from meetingtool.tui.dialogs import ConfirmDialog, DecisionDialog, FollowUpDialog
from meetingtool.tui.screens.meeting import MeetingScreen
from meetingtool.tui.screens.review import ReviewScreen


def wall() -> datetime:
    return datetime.combine(DEMO_TODAY, datetime.min.time()).replace(hour=10)


@pytest.fixture
def planned(demo_copy):
    store = open_store(demo_copy, now=wall)
    council = next(c for c in store.councils() if c.kind == "kvalitetsraad")
    [summary] = [s for s in store.meetings(council.id) if s.status == "planlagt"]
    return store, summary.id


async def test_the_meeting_keys_call_the_store_only_on_the_writer(planned, monkeypatch):
    store, meeting_id = planned
    calls = record_ui_store_calls(monkeypatch, store)
    app = MeetingToolApp(store, meeting_id=meeting_id, monotonic=lambda: 1000.0, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen), what="the meeting screen")
        screen = app.screen
        await pilot.press("n", "p", "plus", "minus", "space")
        await until(lambda: isinstance(app.screen, ConfirmDialog), what="dated another day")
        await pilot.press("j")  # start the clock all the same
        await until(lambda: screen.clock.running, what="the clock running")
        await pilot.press("b", *"Vedtaget", "enter")
        await until(lambda: app.screen is screen, what="the decision saved")
        await pilot.press("o", *"Ring til køkkenet", "enter")
        await until(lambda: app.screen is screen, what="the follow-up saved")
        while not (screen.current_item is not None and is_review_item(screen.current_item)):
            await pilot.press("n")
        await pilot.press("v")
        await until(lambda: isinstance(app.screen, ReviewScreen) and app.screen.loaded,
                    what="the review list")
        await pilot.press("escape")
        await until(lambda: app.screen is screen, what="back on the meeting")
        await pilot.press("m")
        await until(lambda: app.screen.query("#date"), what="the next-meeting dialog")
        app.screen.query_one("#date", Input).value = "+28"
        await pilot.press("enter")
        await until(lambda: app.screen is screen, what="the next meeting set")
        await pilot.press("x")
        await until(lambda: isinstance(app.screen, ConfirmDialog), what="the question")
        await pilot.press("j")
        await until(lambda: "Afsluttet" in screen.status_texts()[1], what="ended")
        await app.writer.idle()
        await pilot.pause()
    assert calls == []
    decisions = [d.text for d in store.decisions(meeting_id)]
    assert "Vedtaget" in decisions
    assert any(f.text == "Ring til køkkenet" for f in store.followups(meeting_id=meeting_id))
    ended = store.meeting(meeting_id)
    assert ended.status == "afsluttet" and ended.next_meeting is not None
    assert any(s.date == ended.next_meeting for s in store.meetings(ended.council_id))
    assert isinstance(DecisionDialog.kept(app, "x"), DecisionDialog)  # kept per app
    assert isinstance(FollowUpDialog.kept(app, "x", [], DEMO_TODAY), FollowUpDialog)
