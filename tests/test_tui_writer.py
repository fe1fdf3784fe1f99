"""The app's one writer: store work off the screen's thread, in order, faults in Danish.

Real data folders in tmp_path, the real app and store; another terminal holding the data is
a real second lock on ``DATA/.lock``; a damaged file is really damaged on disk.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from filelock import FileLock
from textual.widgets import Static
from waiting import until

from meetingtool.actions.meetings import start_new_meeting
from meetingtool.core.agenda import load_agenda, resolve_template
from meetingtool.store import open_store
from meetingtool.store.files import layout
from meetingtool.store.files.lock import ENV_TIMEOUT, LOCK_NAME
from meetingtool.tui.app import DAMAGED_STATUS, MeetingToolApp
from meetingtool.tui.screens.meeting import MeetingScreen
from meetingtool.tui.writer import StoreWriter

SIZE = (100, 30)


@pytest.fixture
def meeting_id(data_dir) -> int:
    store = open_store(data_dir)
    template = load_agenda(resolve_template("kvalitetsraad", data_dir))
    return start_new_meeting(store, template, "Kvalitetsrådet", date(2026, 11, 22)).id


def meeting_screen(app: MeetingToolApp) -> MeetingScreen:
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    return screen


def test_jobs_run_in_order_on_one_thread_and_report_back(data_dir):
    writer = StoreWriter(open_store(data_dir))
    threads: list[str] = []
    order: list[int] = []
    for number in range(50):
        writer.submit(lambda _store, n=number: (threads.append(threading.current_thread().name),
                                                order.append(n)))
    assert writer.wait_idle(10)
    assert order == list(range(50))
    assert set(threads) == {"meetingtool-writer"}
    assert writer.stop(10)


async def test_a_busy_store_is_said_in_danish_and_the_screen_goes_on(
        data_dir, meeting_id, monkeypatch):
    monkeypatch.setenv(ENV_TIMEOUT, "0.3")
    app = MeetingToolApp(open_store(data_dir), meeting_id=meeting_id)
    said: list[str] = []
    original = app.notify

    def notify(message: str, **options) -> None:
        said.append(message)
        original(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen), what="the meeting")
        screen = meeting_screen(app)
        await app.writer.idle()
        other_terminal = FileLock(str(data_dir / LOCK_NAME))
        other_terminal.acquire()
        try:
            await pilot.press("plus")  # a save: waits for the lock on the writer
            await pilot.press("n")  # meanwhile the screen answers
            assert screen.query_one("#item-title", Static).content.startswith("2/")
            await until(lambda: any("optaget" in text for text in said),
                        what="the busy message")
        finally:
            other_terminal.release()
        await pilot.press("n")
        await app.writer.idle()
    assert app.writer.wait_idle(10)
    assert open_store(data_dir).meeting(meeting_id).items[0].planned_minutes == \
        screen.meeting.items[0].planned_minutes


async def test_a_damaged_meeting_file_ends_the_app_with_status_2(data_dir, meeting_id):
    app = MeetingToolApp(open_store(data_dir), meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen), what="the meeting")
        await app.writer.idle()
        layout.meeting_path(data_dir, meeting_id).write_text("{ikke json", encoding="utf-8")
        await pilot.press("n")  # the next item's records are read: the damage is met
        await until(lambda: app.damaged is not None, what="the damage noticed")
    assert app.return_code == DAMAGED_STATUS
    assert app.damaged is not None
    assert "kan ikke læses" in app.damaged.message


def test_run_app_says_what_is_damaged_and_exits_2(data_dir, meeting_id):
    import io

    from meetingtool.tui.app import run_app

    store = open_store(data_dir)
    layout.meeting_path(data_dir, meeting_id).write_text("[]", encoding="utf-8")
    err = io.StringIO()
    assert run_app(MeetingToolApp(store, meeting_id=meeting_id), headless=True,
                   stderr=err) == DAMAGED_STATUS
    assert "kan ikke læses" in err.getvalue()
    assert "uventet fejl" not in err.getvalue()
