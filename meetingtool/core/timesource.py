"""The time source that measures meetings: seconds that go on while a laptop sleeps.

The meeting clock and the triage round only ever subtract two readings of one source, so the
source needs two properties: it must never jump when the wall clock is set (summer time, NTP,
a user changing the time), and it must keep counting while the machine is suspended, because
a meeting goes on in the room while the chair's laptop lid is closed. ``time.monotonic`` has
the first property but, on Linux and macOS, stops during suspend: a 30-minute lid close left a
running item 30 minutes short.

Which source is used, by platform:

- **Linux**: ``CLOCK_BOOTTIME`` (``time.clock_gettime``), the monotonic clock that includes
  suspend. This is the tested platform.
- **macOS**: ``CLOCK_MONOTONIC`` through ``clock_gettime``, which Apple documents as going on
  while the system is asleep (``time.monotonic`` there stops). Written for, untested.
- **Windows**: ``time.monotonic``, which on Python 3.11 and 3.12 reads ``GetTickCount64`` (time
  since boot, sleep included, by Microsoft's documentation) and on 3.13+
  ``QueryPerformanceCounter``. Written for, untested: whether suspended time counts there has
  not been measured.
- **Anywhere a clock above is missing or refuses to be read** (an old kernel, a sandbox):
  ``time.monotonic``. Suspended time is then lost, but the clock still never jumps.

The choice is made on first use, not at import, and kept for the life of the process so that
every reading comes from one source (differences across two sources would be meaningless).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import NamedTuple


class TimeSource(NamedTuple):
    """A monotonic clock in seconds, and a name for it to show in diagnostics."""

    name: str
    read: Callable[[], float]


def _clock_reader(clock_id: int) -> Callable[[], float]:
    def read() -> float:
        return time.clock_gettime(clock_id)

    return read


def _usable(clock_id: int) -> bool:
    """True when the clock can be read here (a kernel or sandbox may refuse it)."""
    try:
        time.clock_gettime(clock_id)
    except (OSError, AttributeError):
        return False
    return True


def choose_time_source(platform: str | None = None) -> TimeSource:
    """The best suspend-counting monotonic clock on this machine (see the module docstring).

    Looks the clocks up on the ``time`` module at call time, so a test can take one away.
    """
    platform = sys.platform if platform is None else platform
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None and _usable(boottime):
        return TimeSource("CLOCK_BOOTTIME", _clock_reader(boottime))
    if platform == "darwin":
        monotonic = getattr(time, "CLOCK_MONOTONIC", None)
        if monotonic is not None and _usable(monotonic):
            return TimeSource("CLOCK_MONOTONIC (macOS)", _clock_reader(monotonic))
    return TimeSource("time.monotonic", time.monotonic)


_chosen: TimeSource | None = None


def time_source() -> TimeSource:
    """The source chosen for this process (chosen on the first call)."""
    global _chosen
    if _chosen is None:
        _chosen = choose_time_source()
    return _chosen


def suspend_aware_monotonic() -> float:
    """Seconds from the process's time source: the default ``monotonic`` of the clocks."""
    return time_source().read()
