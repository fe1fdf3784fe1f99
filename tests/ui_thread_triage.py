"""Which store methods a screen calls on the event loop's thread (issue 14).

Store work started from a screen runs on the app's one ordered writer, never on the
thread that draws. ``record_ui_store_calls`` wraps every public method of the store's
class (so a call through the app's ``GuardedStore`` and one on the bare store are both
seen) and records each call made on the main thread, where a Pilot test runs the app's
event loop, from code in ``meetingtool/tui``. The test's own store calls (building the
data, checking what was saved) do not count; calls on the writer's thread never do.

The store itself is the real one: the wrapper only notes the call and passes it on.
"""

from __future__ import annotations

import functools
import inspect
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import meetingtool.tui

TUI_FOLDER = str(Path(meetingtool.tui.__file__).resolve().parent)
GUARD = str(Path(TUI_FOLDER) / "writer.py")
"""``GuardedStore`` passes calls on: the caller is the screen or dialog behind it."""


@dataclass(frozen=True)
class UiStoreCall:
    """A store method called on the UI thread, and the TUI module that called it."""

    method: str
    caller: str
    """The innermost ``meetingtool/tui`` file on the stack, relative to that folder."""


def _tui_caller() -> str | None:
    frame = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(TUI_FOLDER) and filename != GUARD:
            return filename[len(TUI_FOLDER) + 1:]
        frame = frame.f_back
    return None


def record_ui_store_calls(monkeypatch: pytest.MonkeyPatch, store: Any) -> list[UiStoreCall]:
    """From now until the test ends: every store call on the UI thread from the TUI."""
    calls: list[UiStoreCall] = []
    store_class = type(store)

    def recorded(name: str, method: Any) -> Any:
        @functools.wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            if threading.current_thread() is threading.main_thread():
                caller = _tui_caller()
                if caller is not None:
                    calls.append(UiStoreCall(name, caller))
            return method(*args, **kwargs)

        return call

    for name in dir(store_class):
        if name.startswith("_"):
            continue
        attribute = inspect.getattr_static(store_class, name)
        if inspect.isfunction(attribute):
            monkeypatch.setattr(store_class, name, recorded(name, attribute))
    return calls
