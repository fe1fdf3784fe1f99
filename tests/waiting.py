"""Waiting for a condition, never for a fixed time: the suite runs on busy 2-core machines.

A fixed ``pilot.pause(0.3)`` is too long on a quiet machine and too short on a loaded one;
``until`` polls a condition and gives up with a clear failure after a generous bound.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.app import App
from textual.widgets import OptionList

TIMEOUT = 10.0
"""Seconds before a wait fails; far above what any condition needs on a quiet machine."""


async def until(condition: Callable[[], object], *, timeout: float = TIMEOUT,
                what: str = "") -> None:
    """Let the app's event loop run until ``condition()`` is true; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s in vain for {what or condition}")
        await asyncio.sleep(0.01)


def palette_offers(app: App, text: str) -> bool:
    """True when the open command palette's highlighted command contains ``text``."""
    lists = app.screen.query(OptionList)
    if not lists:
        return False
    options = lists.first()
    index = options.highlighted
    if index is None or options.option_count == 0:
        return False
    return text in str(options.get_option_at_index(index).prompt)
