"""No store call on the app's own thread: dialogs and screens read and save on the writer.

Issue 14: all store work a screen starts runs on the app's one ordered writer, so the
screen never waits for a lock, an fsync or a backup. Each test opens a dialog or screen
with its key, as the chair would, does what it is for, waits until the result shows, and
checks that no store method was called on the event loop's thread meanwhile
(``ui_thread_calls``, tests/ui_thread.py). The shared demo data set gives every kind of
item (approval, trials, indicators) with real history behind it.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_trials_tui import setup_store as trials_store
from test_trials_tui import wall as trials_wall
from test_tui_meeting import MEMBERS, FakeTime, MeetingTestApp, make_template
from textual.widgets import Input, OptionList, Static
from waiting import until

from meetingtool.actions.indicators import define, record_value
from meetingtool.actions.items import is_approval_item
from meetingtool.core.model import AgendaTemplate, TemplateItem
from meetingtool.core.trials import trials_item
from meetingtool.store import Store, open_store
from meetingtool.tui.app import MeetingToolApp
from meetingtool.tui.dialogs.approval import ApprovalDialog
from meetingtool.tui.dialogs.decisions import DecisionsDialog
from meetingtool.tui.dialogs.escalation import EscalationDialog
from meetingtool.tui.dialogs.new_meeting import NewMeetingDialog
from meetingtool.tui.dialogs.text_entry import TextEntryDialog
from meetingtool.tui.screens.home import HomeScreen
from meetingtool.tui.screens.indicators import IndicatorScreen
from meetingtool.tui.screens.meeting import MeetingScreen
from meetingtool.tui.screens.prepare import PrepareScreen
from meetingtool.tui.screens.trials import TrialsScreen

SIZE = (80, 24)


def wall() -> datetime:
    return datetime(2026, 11, 22, 10, 0)


class StillClock:
    def __call__(self) -> float:
        return 1000.0


@pytest.fixture
def demo(demo_copy) -> Store:
    return open_store(demo_copy, now=wall)


def planned_meeting(store, kind: str):
    council = next(c for c in store.councils() if c.kind == kind)
    [summary] = [s for s in store.meetings(council.id) if s.status == "planlagt"]
    return store.meeting(summary.id)


def meeting_app(store, meeting_id: int) -> MeetingToolApp:
    return MeetingToolApp(store, monotonic=StillClock(), wall=wall, meeting_id=meeting_id)


async def meeting_screen(app) -> MeetingScreen:
    """The meeting screen, once open (the app reads the meeting on its writer first)."""
    await until(lambda: isinstance(app.screen, MeetingScreen), what="the meeting screen")
    return app.screen


async def goto_item(pilot, wanted) -> None:
    """Press n until the meeting screen's current item is the one ``wanted`` accepts."""
    screen = pilot.app.screen
    for _ in range(len(screen.meeting.items)):
        if wanted(screen.current_item):
            return
        await pilot.press("n")
    assert wanted(screen.current_item)


def test_the_recorder_notes_a_tui_call_on_the_main_thread_only(demo, ui_thread_calls):
    import threading
    from pathlib import Path

    from ui_thread import TUI_FOLDER

    # A function that, by its file name, is screen code in meetingtool/tui.
    screen_code: dict = {}
    exec(compile("def read(store):\n    return store.councils()\n",
                 str(Path(TUI_FOLDER) / "screens" / "a_screen.py"), "exec"), screen_code)
    screen_code["read"](demo)  # before start(): not noted
    ui_thread_calls.start()
    demo.councils()  # the test's own read: not noted
    screen_code["read"](demo)  # the screen's, on the main thread: noted
    worker = threading.Thread(target=screen_code["read"], args=(demo,))
    worker.start()
    worker.join()  # on another thread (the writer's): not noted
    assert ui_thread_calls.stop() == ["councils"]


async def test_approving_the_minutes_reads_and_saves_on_the_writer(demo, ui_thread_calls):
    meeting = planned_meeting(demo, "kvalitetsraad")
    previous = demo.previous_meeting(meeting.id)
    app = meeting_app(demo, meeting.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await meeting_screen(app)
        await goto_item(pilot, is_approval_item)
        ui_thread_calls.start()
        await pilot.press("g")
        await until(lambda: isinstance(app.screen, ApprovalDialog) and app.screen.data.arrived,
                    what="the minutes to approve")
        await pilot.press("g")
        await until(lambda: app.screen is screen, what="the approval saved")
        assert ui_thread_calls.stop() == []
    assert demo.meeting(previous.id).approval.approved_in_meeting_id == meeting.id


async def test_correcting_decisions_reads_and_saves_on_the_writer(demo, ui_thread_calls):
    meeting = planned_meeting(demo, "kvalitetsraad")
    item = meeting.items[0]
    demo.add_decision(meeting.id, item.id, "Dagsorden godkendt")
    demo.add_decision(meeting.id, item.id, "Forkert beslutning")
    app = meeting_app(demo, meeting.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await meeting_screen(app)
        await until(lambda: screen.check_action("edit_decisions", ()), what="d offered")
        ui_thread_calls.start()
        await pilot.press("d", "enter", "ctrl+u", *"Godkendt", "enter")
        dialog = app.screen
        assert isinstance(dialog, DecisionsDialog)
        await until(lambda: dialog.changed, what="the decision reworded")
        dialog.changed = False
        await pilot.press("down", "delete", "j")
        await until(lambda: dialog.changed, what="the decision removed")
        await pilot.press("escape")
        await until(lambda: app.screen is screen, what="back at the meeting")
        assert ui_thread_calls.stop() == []
    assert [d.text for d in demo.decisions(meeting.id, item.id)] == [
        "Godkendt"]


async def test_sending_a_point_on_reads_and_saves_on_the_writer(demo, ui_thread_calls):
    meeting = planned_meeting(demo, "kvalitetsudvalg")
    forum = next(c for c in demo.councils() if c.kind == "tvaergaaende-kvalitetsraad")
    app = meeting_app(demo, meeting.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await meeting_screen(app)
        ui_thread_calls.start()
        await pilot.press("s")
        dialog = app.screen
        assert isinstance(dialog, EscalationDialog)
        await until(lambda: dialog.councils, what="the councils to suggest")
        assert forum.name in str(dialog.query_one("#councils").render())
        await pilot.press(*"Fald", "tab")
        dialog.query_one("#council", Input).value = forum.name
        await pilot.press("tab", *"Ledelse", "enter")
        await until(lambda: app.screen is screen, what="sent on")
        assert ui_thread_calls.stop() == []
    [sent] = [f for f in demo.followups(meeting_id=meeting.id) if f.escalated_to]
    assert (sent.text, sent.escalated_to.to_council_id) == ("Fald", forum.id)


@pytest.fixture
def board(data_dir) -> tuple[Store, int, str]:
    """A small store: a council with one indicator, and a meeting whose second item
    receives indikatorer. Returns the store, the meeting's id and the indicator's id."""
    store = open_store(data_dir, now=wall)
    council = store.ensure_council("Ældreråd Solbakken", "aeldreraad")
    falls = define(store, council.id, "Faldhændelser", unit="fald")
    record_value(store, falls, date(2026, 10, 1), 6)
    template = AgendaTemplate(kind="aeldreraad", title="Tavlemøde", items=[
        TemplateItem("Velkomst", 5), TemplateItem("Indikatorer", 10, receives=["indikatorer"])])
    meeting = store.create_meeting(council.id, template, date(2026, 11, 22))
    return store, meeting.id, falls.id


async def test_indicator_values_are_read_and_saved_on_the_writer(board, ui_thread_calls):
    store, meeting_id, falls_id = board
    app = meeting_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await meeting_screen(app)
        await pilot.press("n")
        await until(lambda: screen.check_action("indicator_values", ()), what="k offered")
        ui_thread_calls.start()
        await pilot.press("k", *"4,5", "enter")  # typed at once: the keys wait for the read
        await until(lambda: app.screen is screen and not app.writer.busy, what="saved")
        assert ui_thread_calls.stop() == []
    entry = store.indicator(falls_id).current()[-1]
    assert (entry.value, entry.meeting_id) == (4.5, meeting_id)


async def test_the_run_charts_are_read_on_the_writer(board, ui_thread_calls):
    store, meeting_id, _ = board
    app = meeting_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await meeting_screen(app)
        ui_thread_calls.start()
        await pilot.press("i")
        charts = app.screen
        assert isinstance(charts, IndicatorScreen)
        await until(lambda: charts.loaded, what="the charts read")
        assert "Ældreråd Solbakken" in str(charts.query_one("#indicators-title").render())
        assert ui_thread_calls.stop() == []


async def test_trials_are_read_and_changed_on_the_writer(data_dir, ui_thread_calls):
    store, june = trials_store(data_dir)
    app = MeetingToolApp(store, meeting_id=june.id, monotonic=StillClock(), wall=trials_wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await meeting_screen(app)
        await goto_item(pilot, lambda item: item is trials_item(screen.meeting))
        ui_thread_calls.start()
        await pilot.press("h", "down", "s")  # typed at once: they wait for the list
        await until(lambda: isinstance(app.screen, TextEntryDialog), what="the status form")
        await pilot.press(*"Lys dæmpet", "enter")
        trials = app.screen
        assert isinstance(trials, TrialsScreen)
        await until(lambda: trials.trials["P2"].history[-1].comment == "Lys dæmpet",
                    what="the status saved and read again")
        assert ui_thread_calls.stop() == []


async def test_preparing_the_agenda_saves_and_checks_on_the_writer(board, ui_thread_calls):
    store, meeting_id, _ = board
    app = meeting_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await meeting_screen(app)
        ui_thread_calls.start()
        # A new item, then delete: whether it has decisions is read on the writer, and
        # "j" waits for the question that follows.
        await pilot.press("r", "a", *"Ekstra", "enter", "delete", "j")
        prepare = app.screen
        assert isinstance(prepare, PrepareScreen)
        await until(lambda: [i.title for i in prepare.meeting.items] == ["Velkomst",
                                                                          "Indikatorer"],
                    what="the new item removed")
        await pilot.press("escape")
        await until(lambda: app.screen is screen and not app.writer.busy, what="saved")
        assert ui_thread_calls.stop() == []
    assert [i.title for i in store.meeting(meeting_id).items] == ["Velkomst", "Indikatorer"]


async def test_the_new_meeting_dialog_checks_without_the_store(demo, ui_thread_calls):
    triage_team = next(c for c in demo.councils() if c.kind == "triage")
    app = MeetingToolApp(demo, monotonic=StillClock(), wall=wall)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, HomeScreen) and app.screen.lines,
                    what="the councils listed")
        ui_thread_calls.start()
        await pilot.press("n")
        dialog = app.screen
        assert isinstance(dialog, NewMeetingDialog)
        kinds = [choice.template.kind if choice.template else "" for choice in dialog.choices]
        dialog.query_one("#templates", OptionList).highlighted = kinds.index("triage")
        council = dialog.query_one("#council", Input)
        await until(lambda: council.value == triage_team.name, what="the council following")
        dialog.query_one("#templates", OptionList).highlighted = kinds.index("kvalitetsraad")
        await until(lambda: council.value != triage_team.name, what="the council following")
        council.value = triage_team.name  # typed: the wrong kind for this template
        await pilot.press("enter")
        message = dialog.query_one("#message", Static)
        await until(lambda: "holder møder af typen" in str(message.render()),
                    what="the template refused for the triage team")
        assert ui_thread_calls.stop() == []


async def test_renaming_a_member_renames_the_council_on_the_writer(demo, ui_thread_calls):
    meeting = planned_meeting(demo, "kvalitetsraad")
    member = meeting.attendance[0]
    assert not member.guest
    app = meeting_app(demo, meeting.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await meeting_screen(app)
        ui_thread_calls.start()
        await pilot.press("f", "n")
        await until(lambda: isinstance(app.screen, TextEntryDialog), what="the name form")
        app.screen.query_one(Input).value = "Hanne Holm"
        await pilot.press("enter", "escape")
        await until(lambda: app.screen is screen and not app.writer.busy, what="renamed")
        assert ui_thread_calls.stop() == []
    council = demo.council(meeting.council_id)
    assert "Hanne Holm" in [m.name for m in council.members]


async def test_a_correction_refused_by_the_store_is_said_in_danish(data_dir):
    """The decision was removed in another terminal after the list was read: the store
    refuses on the writer, and the chair reads why (no traceback, the dialog stays)."""
    clock = FakeTime()
    store = open_store(data_dir, now=clock.wall)
    council = store.ensure_council("Bruger- og pårørenderåd Kildebo",
                                   "bruger-og-paaroerenderaad", members=MEMBERS)
    meeting = store.create_meeting(council.id, make_template(), date(2026, 11, 22))
    decision = store.add_decision(meeting.id, meeting.items[0].id, "Dagsorden godkendt")
    app = MeetingTestApp(store, meeting.id, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await meeting_screen(app)
        await until(lambda: screen.check_action("edit_decisions", ()), what="d offered")
        await pilot.press("d")
        dialog = app.screen
        await until(lambda: dialog.recorded.arrived, what="the list read")
        await app.writer.idle()
        store.delete_decision(meeting.id, decision.id)  # "another terminal"
        await pilot.press("enter", "ctrl+u", *"Ny tekst", "enter")
        refusal = f"Beslutningen '{decision.id}' findes ikke i møde {meeting.id}."
        await until(lambda: refusal in app.notices, what="the refusal said")
        assert app.screen is dialog and not dialog.changed
