"""Which store methods a running app calls on its own (the event loop's) thread.

Issue 14: every store call a screen starts runs on the app's writer, so the screen never
waits for a lock, an fsync or a backup. ``UiThreadCalls`` wraps every public method of the
data folder's store class (``FileStore``): a call made on the main thread while recording
is on is noted by name, when code in ``meetingtool/tui`` made it. The writer's thread is
never the main thread, so what the writer does is not noted; the test's own reads and
checks are not noted either.

Used through the ``ui_thread_calls`` fixture (conftest.py)::

    ui_thread_calls.start()
    await pilot.press("g")
    ...
    assert ui_thread_calls.calls == []
"""

from __future__ import annotations

import functools
import inspect
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import meetingtool.tui
from meetingtool.store.files import FileStore

TUI_FOLDER = str(Path(meetingtool.tui.__file__).resolve().parent)
GUARD = str(Path(TUI_FOLDER) / "writer.py")
"""``GuardedStore`` passes calls on: the caller is the screen or dialog behind it."""


class UiThreadCalls:
    """Store method names called on the main thread since ``start()``."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.recording = False

    def start(self) -> None:
        """Note calls from now on (the app is open and the test's own reads are done)."""
        self.calls.clear()
        self.recording = True

    def stop(self) -> list[str]:
        """Stop noting; the calls noted."""
        self.recording = False
        return list(self.calls)

    def wrap(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def noted(*args: Any, **kwargs: Any) -> Any:
            if (self.recording and threading.current_thread() is threading.main_thread()
                    and called_from_the_tui()):
                self.calls.append(name)
            return method(*args, **kwargs)

        return noted


def called_from_the_tui() -> bool:
    """Whether code in ``meetingtool/tui`` (other than the writer's store guard, which only
    passes calls on) is on the stack: the test's own reads and checks never count."""
    frame = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(TUI_FOLDER) and filename != GUARD:
            return True
        frame = frame.f_back
    return False


def install(monkeypatch: Any) -> UiThreadCalls:
    """Wrap every public method of ``FileStore`` for this test (undone by monkeypatch)."""
    recorder = UiThreadCalls()
    for name, method in inspect.getmembers(FileStore, inspect.isfunction):
        if not name.startswith("_"):
            monkeypatch.setattr(FileStore, name, recorder.wrap(name, method))
    return recorder


def record_ui_store_calls(monkeypatch: Any, store: Any = None) -> list[str]:
    """From now until the test ends: the store methods TUI code calls on the UI thread."""
    recorder = install(monkeypatch)
    recorder.start()
    return recorder.calls
