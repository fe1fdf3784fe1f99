"""Python's garbage collection, kept away from the chair's keys.

CPython's collector walks every object that has lived long now and then, at a moment of
its own choosing. In this app a walk took 25–200 ms on this 2-core machine (more as a
session goes on), and a key pressed meanwhile waited for it: a `p` drawn after 300 ms
instead of 30. So, while the app runs:

- what is loaded when the app starts (Textual, its styles, the modules) is moved out of
  the collector's way (``gc.freeze``): it lives as long as the app anyway;
- the collector's young generations run as usual (they are quick, and free most
  short-lived garbage), but its full walk does not start by itself: ``IdleCollector`` runs
  it when nobody has pressed a key for ``QUIET_SECONDS`` (at most every
  ``EVERY_SECONDS``), and at the latest after ``LATEST_SECONDS`` even while keys are
  pressed, so memory stays bounded (a closed screen is freed at the next quiet moment).

When the app ends, everything is as before (``thaw``), so a process that runs the app more
than once (the tests) frees each app.

Also here: ``forget_closed_watchers``, for a Textual widget that outlives its screen.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

QUIET_SECONDS = 2.0
"""No key for this long: a collection will not be felt."""
EVERY_SECONDS = 20.0
"""At most one full collection per this many seconds while the app is quiet."""
LATEST_SECONDS = 300.0
"""A full collection runs at the latest this long after the last one, keys or not."""
NEVER_BY_ITSELF = 1_000_000_000
"""The collector's own threshold for a full walk while the app runs: never reached."""


def freeze_what_is_loaded() -> None:
    """Leave everything alive now out of later full collections (collected once first)."""
    gc.collect()
    gc.freeze()


class IdleCollector:
    """Runs the full collection when the app is quiet (``check`` is called by an app timer,
    ``key`` on each key); the collector's own full walks are switched off meanwhile."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.monotonic = monotonic
        self.last_key = monotonic()
        self.last_run = monotonic()
        self.runs = 0

    def start(self) -> None:
        young, middle, _full = gc.get_threshold()
        _THRESHOLDS.append(gc.get_threshold())
        gc.set_threshold(young, middle, NEVER_BY_ITSELF)

    def key(self) -> None:
        self.last_key = self.monotonic()

    def check(self) -> None:
        now = self.monotonic()
        since = now - self.last_run
        quiet = now - self.last_key >= QUIET_SECONDS and since >= EVERY_SECONDS
        if quiet or since >= LATEST_SECONDS:
            gc.collect()
            self.last_run = self.monotonic()
            self.runs += 1


_THRESHOLDS: list[tuple[int, int, int]] = []
"""The collector's thresholds from before each running app changed them."""


def thaw() -> None:
    """The app has ended: the collector runs by itself again, over everything."""
    gc.unfreeze()
    if _THRESHOLDS:
        gc.set_threshold(*_THRESHOLDS.pop())


def forget_closed_watchers(app: object) -> None:
    """Drop the app's watchers that belong to widgets no longer on any screen.

    Textual's ``TextArea`` watches the app's theme and that watch is only cleaned up at the
    next change of theme, so every notes editor ever opened kept its whole screen alive,
    with all its drawn lines. Called when a screen with an editor closes.
    """
    watched = getattr(app, "__watchers", None)
    if not isinstance(watched, dict):
        return
    for watchers in watched.values():
        watchers[:] = [(node, callback) for node, callback in watchers
                       if node is app or getattr(node, "is_attached", True)]
