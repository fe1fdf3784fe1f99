"""What a dialog or screen reads on the app's writer, and the keys that wait for it.

A dialog opens at once ("Henter …") and asks the writer (``tui/writer.py``) for its data
in one job; the answer arrives on the event loop a few milliseconds later. A key typed in
between (``g`` right after the dialog's key) waits for it, at most ``KEY_WAIT_SECONDS``:
the keys behind it wait in the app's queue, so they act on what will be shown. If the
writer is busy longer (a backup of a large store), the key is refused with a line saying
so rather than acting on nothing. The review screen (``screens/review.py``) is the model.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["KEY_WAIT_SECONDS", "LOADING", "Arrival", "error_message", "read_for_key",
           "say_wait"]

KEY_WAIT_SECONDS = 1.0
"""How long a key typed before the data is there waits for it."""
LOADING = "Henter …"
"""Shown where the data will be, until the writer has read it."""

T = TypeVar("T")


def error_message(error: BaseException) -> str:
    """The Danish message of a ``MeetingToolError`` (any other error's text)."""
    return getattr(error, "message", str(error))


def say_wait(screen: Any) -> None:
    """A key came before the data and waited in vain: say so, politely."""
    screen.notify("Data hentes stadig. Prøv igen om et øjeblik.", title="Vent et øjeblik",
                  severity="warning")


class Arrival(Generic[T]):
    """One read's answer from the writer: its value once it came, and a way to wait."""

    def __init__(self) -> None:
        self.event = asyncio.Event()
        self.value: T | None = None
        self.arrived = False
        """True once the value came (not when the read failed)."""

    def bring(self, value: T) -> None:
        self.value = value
        self.arrived = True
        self.event.set()

    def fail(self) -> None:
        self.event.set()

    async def wait(self, timeout: float = KEY_WAIT_SECONDS) -> bool:
        """True when the value is there, waiting for it at most ``timeout`` seconds."""
        if not self.event.is_set():
            try:
                await asyncio.wait_for(self.event.wait(), timeout)
            except TimeoutError:
                pass
        return self.arrived


async def read_for_key(screen: Any, writer: Any, work: Callable[[Any], T], *, label: str,
                       title: str) -> Arrival[T]:
    """What a key needs to know before it acts, read on the writer and awaited here.

    The key's action awaits this, so the keys typed after it wait in the app's queue and
    reach what the action opens. A failed read is said (with ``title``); a read that takes
    longer than ``KEY_WAIT_SECONDS`` is refused politely. Check ``arrived`` on the answer.
    """
    read: Arrival[T] = Arrival()

    def failed(error: BaseException) -> None:
        read.fail()
        screen.notify(error_message(error), title=title, severity="error")

    writer.submit(work, read.bring, failed, label=label)
    if not await read.wait() and not read.event.is_set():
        say_wait(screen)
    return read
