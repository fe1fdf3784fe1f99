"""The clocks' time source counts a suspended laptop's time and never follows the wall clock."""

from __future__ import annotations

import inspect
import sys
import time
from datetime import datetime, timedelta

import pytest
from test_clock import MINUTE, make_meeting

from meetingtool.core import timesource
from meetingtool.core.clock import MeetingClock
from meetingtool.core.timesource import choose_time_source, suspend_aware_monotonic
from meetingtool.core.triage import RoundTimer


class SleepyMachine:
    """Two clocks of one machine: a wall clock anyone may set, and the time since boot.

    ``suspend`` is a closed lid: time passes in the room, so both clocks move on (the
    boot-time clock counts suspend). ``set_wall`` is a user or NTP changing the time: only the
    wall clock moves.
    """

    def __init__(self) -> None:
        self.since_boot = 1000.0
        self.wall_now = datetime(2026, 11, 22, 14, 0)

    def boottime(self) -> float:
        return self.since_boot

    def wall(self) -> datetime:
        return self.wall_now

    def talk(self, minutes: float) -> None:
        self.since_boot += minutes * MINUTE
        self.wall_now += timedelta(minutes=minutes)

    suspend = talk

    def set_wall(self, shift: timedelta) -> None:
        self.wall_now += shift


def test_a_closed_lid_is_charged_to_the_current_item():
    machine = SleepyMachine()
    meeting = make_meeting()
    clock = MeetingClock(meeting, monotonic=machine.boottime, wall=machine.wall)
    clock.start()
    machine.talk(5)
    machine.suspend(30)  # the lid is closed for half an hour; the council talks on
    machine.talk(2)
    assert clock.used_seconds(1) == 37 * MINUTE
    assert clock.elapsed_seconds() == 37 * MINUTE
    assert clock.phase(1) == "overtid"


def test_setting_the_wall_clock_changes_no_duration():
    machine = SleepyMachine()
    clock = MeetingClock(make_meeting(), monotonic=machine.boottime, wall=machine.wall)
    clock.start()
    machine.talk(3)
    machine.set_wall(timedelta(hours=-1))  # summer time ends during the meeting
    machine.talk(1)
    machine.set_wall(timedelta(minutes=7))  # NTP corrects a wrong clock
    assert clock.used_seconds(1) == 4 * MINUTE
    # the expected end is a moment on the (new) wall clock: 10 - 4 minutes of item 1 left
    assert clock.expected_end() == machine.wall() + timedelta(minutes=6 + 30 + 20 + 30)


def test_the_clocks_default_to_the_suspend_aware_source():
    from meetingtool.tui.app import MeetingToolApp

    for measured in (MeetingClock, RoundTimer, MeetingToolApp):
        default = inspect.signature(measured).parameters["monotonic"].default
        assert default is suspend_aware_monotonic, measured.__name__


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="CLOCK_BOOTTIME is Linux's")
def test_linux_uses_boottime():
    source = choose_time_source()
    assert source.name == "CLOCK_BOOTTIME"
    first = source.read()
    assert abs(first - time.clock_gettime(time.CLOCK_BOOTTIME)) < 1.0
    assert source.read() >= first


def test_without_boottime_the_fallback_is_time_monotonic(monkeypatch):
    monkeypatch.delattr(time, "CLOCK_BOOTTIME", raising=False)
    source = choose_time_source(platform="linux")
    assert source.name == "time.monotonic"
    assert source.read is time.monotonic
    # and the clock runs on it: a real (short) measurement, no sleep needed
    monkeypatch.setattr(timesource, "_chosen", None)
    clock = MeetingClock(make_meeting())
    clock.start()
    before = time.monotonic()
    while time.monotonic() - before < 0.01:
        pass
    assert 0.01 <= clock.used_seconds() < 5
    assert timesource.time_source().name == "time.monotonic"


def test_a_boottime_the_kernel_refuses_falls_back(monkeypatch):
    """An old kernel or a sandbox may name CLOCK_BOOTTIME but refuse to read it."""
    monkeypatch.setattr(time, "CLOCK_BOOTTIME", 7, raising=False)
    real = time.clock_gettime

    def refusing(clock_id: int) -> float:
        if clock_id == 7:
            raise OSError(22, "Invalid argument")
        return real(clock_id)

    monkeypatch.setattr(time, "clock_gettime", refusing)
    assert choose_time_source(platform="linux").name == "time.monotonic"


def test_macos_uses_clock_monotonic_which_counts_sleep(monkeypatch):
    monkeypatch.delattr(time, "CLOCK_BOOTTIME", raising=False)
    if not hasattr(time, "CLOCK_MONOTONIC"):
        pytest.skip("this Python has no clock_gettime(CLOCK_MONOTONIC)")
    source = choose_time_source(platform="darwin")
    assert source.name == "CLOCK_MONOTONIC (macOS)"
    assert source.read() >= 0


def test_windows_uses_time_monotonic(monkeypatch):
    for name in ("CLOCK_BOOTTIME", "CLOCK_MONOTONIC", "clock_gettime"):
        monkeypatch.delattr(time, name, raising=False)  # as on Windows
    assert choose_time_source(platform="win32") == ("time.monotonic", time.monotonic)


def test_one_source_per_process(monkeypatch):
    """Readings from two sources cannot be subtracted: the first choice is kept."""
    monkeypatch.setattr(timesource, "_chosen", None)
    first = timesource.time_source()
    monkeypatch.delattr(time, "CLOCK_BOOTTIME", raising=False)
    assert timesource.time_source() is first
    assert suspend_aware_monotonic() >= 0
