"""Which store methods a running app calls on its own (the event loop's) thread.

Issue 14: every store call a screen starts runs on the app's writer, so the screen never
waits for a lock, an fsync or a backup. ``UiThreadCalls`` wraps every public method of the
data folder's store class (``FileStore``): a call made on the main thread while recording
is on is noted by name. The writer's thread is never the main thread, so what the writer
does is not noted; what the test itself does before ``start()`` is not noted either.

Used through the ``ui_thread_calls`` fixture (conftest.py)::

    ui_thread_calls.start()
    await pilot.press("g")
    ...
    assert ui_thread_calls.calls == []
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections.abc import Callable
from typing import Any

from meetingtool.store.files import FileStore


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
            if self.recording and threading.current_thread() is threading.main_thread():
                self.calls.append(name)
            return method(*args, **kwargs)

        return noted


def install(monkeypatch: Any) -> UiThreadCalls:
    """Wrap every public method of ``FileStore`` for this test (undone by monkeypatch)."""
    recorder = UiThreadCalls()
    for name, method in inspect.getmembers(FileStore, inspect.isfunction):
        if not name.startswith("_"):
            monkeypatch.setattr(FileStore, name, recorder.wrap(name, method))
    return recorder
