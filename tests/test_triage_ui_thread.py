"""Issue 14 on the triage round, its dialogs and the read-only meeting view: no store call
on the screen's thread, the screen open at once, keys typed early wait or are refused.

Real data folders and the real store; the Pilot drives the screens as a user would;
``ui_thread_triage`` notes every store call made on the event loop's thread.
"""

from __future__ import annotations

import asyncio
import threading

import pytest
import test_triage_screen
import test_tui_search
from keyburst import burst
from test_triage_screen import (
    back_on_board,
    cell,
    dialog,
    make_app,
    opened,
    rows,
    static_text,
)
from test_tui_search import make_app as search_app
from test_tui_search import search_for
from textual.widgets import OptionList, Static
from ui_thread import record_ui_store_calls
from waiting import until

from meetingtool.tui.dialogs import ConfirmDialog
from meetingtool.tui.dialogs.triage import (
    BorgergennemgangDialog,
    ResidentDialog,
    ResidentEscalationDialog,
    TasksDialog,
    TriageNoteDialog,
)
from meetingtool.tui.screens import triage as triage_screen
from meetingtool.tui.screens.meeting_view import MeetingViewScreen
from meetingtool.tui.screens.triage_data import LOADING
from meetingtool.tui.writer import StoreWriter

board = test_triage_screen.board  # the same fixtures, used here by name
data = test_tui_search.data


async def test_rating_a_note_and_a_borgergennemgang_stay_off_the_ui_thread(board, monkeypatch):
    store, meeting, _, ids, _ = board
    calls = record_ui_store_calls(monkeypatch, store)
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app)
        await pilot.press("1", "enter")                    # GH red, then the note
        await dialog(app, TriageNoteDialog)
        await pilot.press(*"Faldt", "tab", *"Tilsyn", "tab", *"Mette", "enter")
        await back_on_board(app)
        assert cell(app, 0, "owner") == "Mette"
        await pilot.press("down", "g")                     # CD's borgergennemgang
        await dialog(app, BorgergennemgangDialog)
        await pilot.press(*"Træt", "enter")
        await back_on_board(app)
        assert app.writer.wait_idle(10)
    assert calls == []
    assert store.triage_entries(meeting.id)[0].owner == "Mette"
    assert len(store.borgergennemgange(ids["CD"])) == 1


async def test_tasks_and_sending_on_stay_off_the_ui_thread(board, monkeypatch):
    store, meeting, _, _, _ = board
    calls = record_ui_store_calls(monkeypatch, store)
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app)
        await pilot.press("1", "o")                        # GH red: a task, listed at once
        await dialog(app, TasksDialog)
        tasks = app.screen
        await until(lambda: tasks.loaded, what="the tasks read on the writer")
        assert tasks.query_one(OptionList).option_count == 1
        await pilot.press("enter", "escape")               # Udført, and back
        await back_on_board(app)
        await pilot.press("down", "u")                     # CD to the committee
        await dialog(app, ResidentEscalationDialog)
        await pilot.press(*"fald om natten", "tab", *"Gul i tre uger", "enter")
        await back_on_board(app)
        assert "Sendt til Kvalitetsudvalg Syd" in static_text(app, "#current")
        assert app.writer.wait_idle(10)
    assert calls == []
    [task] = [f for f in store.followups(meeting_id=meeting.id)
              if f.text.startswith("Sygeplejefaglig vurdering")]
    assert task.status == "udfoert"


async def test_residents_and_leaving_stay_off_the_ui_thread(board, monkeypatch):
    store, meeting, item, ids, clock = board
    calls = record_ui_store_calls(monkeypatch, store)
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app)
        await pilot.press("a")
        await dialog(app, ResidentDialog)
        await pilot.press(*"KL", "tab", *"7", "enter")
        await back_on_board(app)
        await until(lambda: app.round_screen.selected_id == list(app.round_screen.rows)[-1]
                    and rows(app)[-1] == "KL 7", what="the new row, selected")
        await pilot.press("home", "r")
        await dialog(app, ResidentDialog)
        app.screen.query_one("#initials").value = "GK"
        await pilot.press("enter")
        await back_on_board(app)
        await pilot.press("down", "x")
        await dialog(app, ConfirmDialog)
        await pilot.press("j")
        await until(lambda: ids["CD"] not in app.round_screen.rows, what="CD moved out")
        clock.seconds += 20
        await pilot.press("escape")                        # the round's time is kept
        assert app.writer.wait_idle(10)
    assert calls == []
    assert store.meeting(meeting.id).item(item.id).round_seconds
    assert {r.initials for r in store.residents(meeting.council_id)} >= {"GK", "KL"}


async def test_the_round_opens_at_once_and_early_keys_wait_for_it(board):
    """The writer is busy (a backup, say) when `t` opens the round: the screen says so at
    once, and `↓` `1` typed meanwhile rate the second resident when the round is there."""
    store, meeting, _, ids, _ = board
    app = make_app(board)
    app.writer = writer = StoreWriter(store)
    gate = threading.Event()
    writer.submit(lambda _store: gate.wait(10))
    async with app.run_test(size=(80, 24)) as pilot:
        writer.attach(asyncio.get_running_loop())  # made before the app ran
        await until(lambda: app.screen is app.round_screen, what="the screen")
        await pilot.pause()
        assert static_text(app, "#round") == LOADING
        burst(app, "down", "1")
        gate.set()
        await until(lambda: app.round_screen.loaded and cell(app, 1, "colour") == "● Rød",
                    what="the early keys applied")
        app.round_screen.writer.flush()
    assert [(e.resident_id, e.colour) for e in store.triage_entries(meeting.id)] == [
        (ids["CD"], "roed")]


async def test_a_key_waiting_too_long_is_refused_with_a_message(board, monkeypatch):
    store, meeting, _, _, _ = board
    monkeypatch.setattr(triage_screen, "KEY_WAIT_SECONDS", 0.05)
    app = make_app(board)
    app.writer = writer = StoreWriter(store)
    gate = threading.Event()
    writer.submit(lambda _store: gate.wait(10))
    said: list[str] = []
    original = app.notify

    def notify(message: str, **options) -> None:
        said.append(message)
        original(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            writer.attach(asyncio.get_running_loop())  # made before the app ran
            await until(lambda: app.screen is app.round_screen, what="the screen")
            await pilot.press("1")
            assert said == [LOADING]
            gate.set()
            await opened(app)
            assert cell(app, 0, "colour") == "ikke vurderet"   # the refused key did nothing
    finally:
        gate.set()
    assert store.triage_entries(meeting.id) == []


@pytest.mark.parametrize("move", [False, True])
async def test_the_meeting_view_reads_on_the_writer(data, monkeypatch, move):
    """A closed meeting from the search: read in one job, items shown from what was read."""
    store = data["store"]
    app = search_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await search_for(app, pilot, "flyttes")
        calls = record_ui_store_calls(monkeypatch, store)
        await pilot.press("enter", "enter")
        await until(lambda: isinstance(app.screen, MeetingViewScreen), what="the view")
        view = app.screen
        recorded = str(view.query_one("#view-recorded", Static).render())
        assert "Måltiderne flyttes til kl. 12.30." in recorded
        if move:  # another item: shown from what was read, no new read
            await pilot.press("down")
            await until(lambda: view.item_id == data["spring"].items[1].id)
            assert "Måltiderne" not in str(view.query_one("#view-recorded", Static).render())
        assert app.writer.wait_idle(10)
    assert calls == []
