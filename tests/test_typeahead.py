"""Keys typed in one burst while a dialog opens land in its fields, in order.

Each test types the key that opens the dialog and everything after it before the app
handles the first key (``keyburst.burst``), then reads every field.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from keyburst import burst
from textual.app import App
from textual.widgets import Input
from waiting import until

from meetingtool.core.model import AgendaTemplate, Member, TemplateItem
from meetingtool.store import Store, open_store
from meetingtool.tui.dialogs import ConfirmDialog, DecisionDialog, FollowUpDialog
from meetingtool.tui.screens.meeting import MeetingScreen
from meetingtool.tui.typeahead import TypeAheadMixin

SIZE = (80, 24)


class FixedClock:
    def __init__(self) -> None:
        self.seconds = 1000.0

    def monotonic(self) -> float:
        return self.seconds

    def wall(self):
        from datetime import datetime
        return datetime(2026, 11, 22, 14, 0)


class MeetingApp(TypeAheadMixin, App):
    """The meeting screen in an app that routes typed-ahead keys, as MeetingToolApp does."""

    def __init__(self, store: Store, meeting_id: int) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.clock = FixedClock()

    def on_mount(self) -> None:
        self.push_screen(MeetingScreen(self.store, self.meeting_id,
                                       monotonic=self.clock.monotonic, wall=self.clock.wall))


@pytest.fixture
def meeting(data_dir) -> tuple[Store, int]:
    store = open_store(data_dir)
    council = store.ensure_council(
        "Bruger- og pårørenderåd Kildebo", "bruger-og-paaroerenderaad",
        members=[Member("Karen Holm", "formand"), Member("Sofie Lund", "referent")],
    )
    template = AgendaTemplate(
        kind="bruger-og-paaroerenderaad", title="Kvartalsmøde", start_time=time(14, 0),
        items=[TemplateItem("Mad og måltider", 30), TemplateItem("Eventuelt", 15)],
    )
    meeting = store.create_meeting(council.id, template, date(2026, 11, 22),
                                   start_time=time(14, 0))
    return store, meeting.id


def values(screen) -> dict[str, str]:
    return {field.id: field.value for field in screen.query(Input)}


async def test_followup_typed_in_one_burst(meeting):
    store, meeting_id = meeting
    app = MeetingApp(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen))
        await pilot.pause()
        burst(app, "o", "Undersøge tider", "tab", "Sofie Lund", "tab", "1.12.2026")
        await until(lambda: isinstance(app.screen, FollowUpDialog)
                    and values(app.screen).get("due") == "1.12.2026", what="the due date typed")
        assert values(app.screen) == {"text": "Undersøge tider", "owner": "Sofie Lund",
                                      "due": "1.12.2026"}
        assert app.screen.focused.id == "due"


async def test_followup_saved_by_enter_in_the_burst(meeting):
    store, meeting_id = meeting
    app = MeetingApp(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen))
        await pilot.pause()
        burst(app, "o", "Ringe til køkkenet", "tab", "Karen Holm", "enter")
        await until(lambda: store.open_followups(store.meeting(meeting_id).council_id),
                    what="the follow-up saved")
        [saved] = store.open_followups(store.meeting(meeting_id).council_id)
        assert (saved.text, saved.owner) == ("Ringe til køkkenet", "Karen Holm")
        assert isinstance(app.screen, MeetingScreen)


async def test_decision_typed_in_one_burst_never_fires_the_screens_keys(meeting):
    """"n" and "x" are keys of the meeting screen (next item, end meeting)."""
    store, meeting_id = meeting
    app = MeetingApp(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen))
        await pilot.pause()
        first_item = app.screen.clock.current_item_id
        burst(app, "b", "Nyt menukort x næste måned")
        await until(lambda: isinstance(app.screen, DecisionDialog)
                    and values(app.screen).get("text", "").endswith("måned"), what="the decision")
        assert values(app.screen)["text"] == "Nyt menukort x næste måned"
        assert app.screen_stack[-2].clock.current_item_id == first_item
        assert not any(isinstance(s, ConfirmDialog) for s in app.screen_stack)
