"""Nothing typed is lost: a real meetingtool process is killed or hung up on, then reopened.

The child runs the real app headless (``MeetingToolApp`` with the real store and writer) and
types through Textual's pilot, then says so on stdout. The parent waits one second (the
promise is half a second; the rest is room for a busy machine) and kills it with SIGKILL,
or sends SIGHUP as a closed terminal does, and reads the data folder afresh.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from meetingtool.core.agenda import load_agenda, resolve_template
from meetingtool.store import open_store

ROOT = Path(__file__).resolve().parent.parent
NOTES = "Beboerne ønsker mere frugt om eftermiddagen"
DRAFT = "Et udkast, der aldrig blev gemt"

CHILD = textwrap.dedent('''
    import asyncio, sys
    from pathlib import Path
    from meetingtool.store import open_store
    from meetingtool.tui.app import MeetingToolApp
    from meetingtool.tui.screens.meeting import MeetingScreen

    data_dir, meeting_id, what, text = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]

    async def main():
        app = MeetingToolApp(open_store(data_dir), meeting_id=meeting_id)
        async with app.run_test(headless=True, size=(100, 30)) as pilot:
            while not isinstance(app.screen, MeetingScreen):
                await pilot.pause()
            keys = ["tab"] if what == "notes" else ["b"]
            await pilot.press(*keys, *text)
            print("typed", flush=True)
            while app.is_running:
                await asyncio.sleep(0.05)
        print(f"ended {app.return_code}", flush=True)

    asyncio.run(main())
''')


@pytest.fixture
def meeting_id(data_dir: Path) -> int:
    from meetingtool.actions.meetings import start_new_meeting

    store = open_store(data_dir)
    template = load_agenda(resolve_template("kvalitetsraad", data_dir))
    return start_new_meeting(store, template, "Kvalitetsrådet", date(2026, 11, 22)).id


def start_child(tmp_path: Path, data_dir: Path, meeting_id: int, what: str,
                text: str) -> subprocess.Popen:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, str(script), str(data_dir), str(meeting_id), what, text],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
    line = process.stdout.readline() if process.stdout else ""
    if line.strip() != "typed":
        process.kill()
        raise AssertionError(f"the child never typed: {line!r} {process.stderr.read()}")
    return process


def first_item_notes(data_dir: Path, meeting_id: int) -> str:
    return open_store(data_dir).meeting(meeting_id).items[0].notes


def test_notes_are_on_disk_a_second_after_typing_even_after_sigkill(tmp_path, data_dir,
                                                                     meeting_id):
    process = start_child(tmp_path, data_dir, meeting_id, "notes", NOTES)
    time.sleep(1.0)  # the promise is 0.5 s: what a chair might wait before a crash
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert first_item_notes(data_dir, meeting_id) == NOTES


def test_a_draft_in_an_unsaved_dialog_is_not_kept(tmp_path, data_dir, meeting_id):
    process = start_child(tmp_path, data_dir, meeting_id, "draft", DRAFT)
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert open_store(data_dir).decisions(meeting_id) == []


@pytest.mark.parametrize("name", ["SIGHUP", "SIGTERM"])
def test_a_closed_terminal_or_sigterm_ends_the_app_after_saving(tmp_path, data_dir,
                                                              meeting_id, name):
    process = start_child(tmp_path, data_dir, meeting_id, "notes", NOTES)
    signum = getattr(signal, name)
    process.send_signal(signum)  # at once: before the half-second save would come
    out, err = process.communicate(timeout=30)
    assert f"ended {128 + signum}" in out, err
    assert first_item_notes(data_dir, meeting_id) == NOTES


def read_until(master: int, wanted: bytes, timeout: float = 60.0) -> bytes:
    """Read the terminal's output until ``wanted`` shows up in it."""
    import select

    seen = b""
    deadline = time.monotonic() + timeout
    while wanted not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"never saw {wanted!r} on the terminal")
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    return seen


def test_closing_the_terminal_saves_and_ends_the_app(data_dir, meeting_id):
    """A real terminal (a pty) running ``meetingtool resume``, closed while notes wait."""
    import fcntl
    import pty
    import struct
    import termios

    pid, master = pty.fork()
    if pid == 0:  # the child: meetingtool on the pty, as from a shell
        os.environ.update({"PYTHONPATH": str(ROOT), "TERM": "xterm-256color"})
        os.execv(sys.executable, [sys.executable, "-m", "meetingtool", "resume",
                                  str(meeting_id), "--data", str(data_dir)])
    try:
        fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        read_until(master, "Noter".encode())
        os.write(master, b"\t")
        read_until(master, "Ud af noter".encode())  # the key bar: the notes have the focus
        os.write(master, NOTES.encode())
        read_until(master, b"frugt")  # typed and shown; the half-second save not yet due
    finally:
        os.close(master)  # the terminal window is closed
    deadline = time.monotonic() + 30
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            raise AssertionError("meetingtool kept running after its terminal was closed")
        time.sleep(0.05)
    assert os.WIFEXITED(status) or os.WIFSIGNALED(status)
    assert first_item_notes(data_dir, meeting_id) == NOTES
