"""MeetingClock driven by a fake time source: a three-hour meeting runs in milliseconds."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from meetingtool.core.clock import MeetingClock
from meetingtool.core.model import ClockState, Meeting, MeetingItem

MINUTE = 60.0


class FakeTime:
    """A monotonic clock and a wall clock that move together, only when told to."""

    def __init__(self, wall_start: datetime = datetime(2026, 11, 22, 14, 0)) -> None:
        self._monotonic = 5000.0  # arbitrary origin: only differences may matter
        self._wall = wall_start

    def monotonic(self) -> float:
        return self._monotonic

    def wall(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        self._monotonic += seconds
        self._wall += timedelta(seconds=seconds)

    def advance_minutes(self, minutes: float) -> None:
        self.advance(minutes * MINUTE)


def make_meeting(minutes=(10, 30, 20, 30), start=time(14, 0)) -> Meeting:
    items = [
        MeetingItem(id=index, title=f"Punkt {index}", planned_minutes=planned)
        for index, planned in enumerate(minutes, start=1)
    ]
    return Meeting(
        id=7,
        council_id="kildehaven",
        council_name="Kildehaven",
        kind="bruger-og-paaroerenderaad",
        title="Møde",
        date=date(2026, 11, 22),
        items=items,
        start_time=start,
    )


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


def make_clock(meeting: Meeting, fake: FakeTime) -> MeetingClock:
    return MeetingClock(meeting, monotonic=fake.monotonic, wall=fake.wall)


# --- Basics -----------------------------------------------------------------------------


def test_new_clock_is_paused_on_the_first_item(fake):
    clock = make_clock(make_meeting(), fake)
    assert not clock.running
    assert clock.current_item_id == 1
    assert clock.used_seconds() == 0
    assert clock.elapsed_seconds() == 0
    assert clock.remaining_seconds() == 10 * MINUTE
    assert clock.phase() == "normal"


def test_time_does_not_count_before_start(fake):
    meeting = make_meeting()
    clock = make_clock(meeting, fake)
    fake.advance_minutes(30)
    assert clock.used_seconds() == 0
    assert meeting.started_at is None


def test_start_records_started_at_only_the_first_time(fake):
    meeting = make_meeting()
    clock = make_clock(meeting, fake)
    fake.advance_minutes(2)
    clock.start()
    assert meeting.started_at == datetime(2026, 11, 22, 14, 2)
    fake.advance_minutes(5)
    clock.pause()
    fake.advance_minutes(5)
    clock.start()
    assert meeting.started_at == datetime(2026, 11, 22, 14, 2)


def test_start_twice_does_not_restart_the_segment(fake):
    clock = make_clock(make_meeting(), fake)
    clock.start()
    fake.advance(90)
    clock.start()
    fake.advance(30)
    assert clock.used_seconds() == 120


def test_pause_does_not_count(fake):
    clock = make_clock(make_meeting(), fake)
    clock.start()
    fake.advance_minutes(3)
    clock.pause()
    assert not clock.running
    fake.advance_minutes(20)
    assert clock.used_seconds() == 3 * MINUTE
    assert clock.elapsed_seconds() == 3 * MINUTE
    clock.toggle()
    assert clock.running
    fake.advance_minutes(2)
    assert clock.used_seconds() == 5 * MINUTE
    clock.toggle()
    fake.advance_minutes(2)
    assert clock.used_seconds() == 5 * MINUTE


def test_live_reading_needs_no_ticks(fake):
    """Nothing is called between start and reading: the time comes from the difference."""
    clock = make_clock(make_meeting(), fake)
    clock.start()
    fake.advance(61.5)
    assert clock.used_seconds() == pytest.approx(61.5)
    assert clock.remaining_seconds() == pytest.approx(10 * MINUTE - 61.5)


def test_time_goes_to_the_item_being_left(fake):
    clock = make_clock(make_meeting(), fake)
    clock.start()
    fake.advance_minutes(4)
    assert clock.next() is True
    assert clock.current_item_id == 2
    fake.advance_minutes(6)
    clock.goto(4)
    fake.advance_minutes(1)
    assert clock.previous() is True
    assert clock.current_item_id == 3
    fake.advance_minutes(2)
    assert [clock.used_seconds(i) for i in (1, 2, 3, 4)] == [4 * MINUTE, 6 * MINUTE,
                                                             2 * MINUTE, 1 * MINUTE]  # fmt: skip
    assert clock.elapsed_seconds() == 13 * MINUTE


def test_next_and_previous_stop_at_the_ends(fake):
    clock = make_clock(make_meeting(), fake)
    assert clock.previous() is False
    assert clock.current_item_id == 1
    clock.goto(4)
    assert clock.next() is False
    assert clock.current_item_id == 4


def test_goto_unknown_item_raises_and_changes_nothing(fake):
    clock = make_clock(make_meeting(), fake)
    clock.start()
    fake.advance_minutes(1)
    with pytest.raises(KeyError):
        clock.goto(99)
    assert clock.current_item_id == 1
    assert clock.used_seconds() == MINUTE


def test_switching_while_paused_moves_without_adding_time(fake):
    clock = make_clock(make_meeting(), fake)
    clock.next()
    fake.advance_minutes(10)
    assert clock.current_item_id == 2
    assert clock.elapsed_seconds() == 0


def test_three_hour_meeting_runs_instantly(fake):
    minutes = [15, 20, 10, 25, 30, 20, 15, 25, 20]  # 180 minutes
    meeting = make_meeting(minutes)
    clock = make_clock(meeting, fake)
    clock.start()
    for index, planned in enumerate(minutes):
        # every item takes exactly its plan, then a one-minute pause
        fake.advance_minutes(planned)
        clock.pause()
        fake.advance_minutes(1)
        clock.start()
        if index < len(minutes) - 1:
            assert clock.next()
    clock.pause()
    assert clock.elapsed_seconds() == 180 * MINUTE
    assert all(clock.remaining_seconds(item.id) == 0 for item in meeting.items)
    assert all(clock.phase(item.id) == "snart" for item in meeting.items)
    # 180 minutes of meeting and 9 minutes of pauses
    assert fake.wall() == datetime(2026, 11, 22, 17, 9)
    assert clock.expected_end() == fake.wall()


def test_many_small_steps_do_not_drift(fake):
    clock = make_clock(make_meeting(), fake)
    clock.start()
    for _ in range(3 * 3600 * 10):  # three hours in tenths of a second
        fake.advance(0.1)
    assert clock.used_seconds() == pytest.approx(3 * 3600, abs=1e-6)


# --- Overtime and phases ----------------------------------------------------------------


def test_overtime_is_negative_remaining(fake):
    clock = make_clock(make_meeting(), fake)
    clock.start()
    fake.advance_minutes(13)
    assert clock.remaining_seconds() == -3 * MINUTE
    assert clock.phase() == "overtid"


@pytest.mark.parametrize(
    ("planned", "used_minutes", "expected"),
    [
        # 10 minutes: 20 % is 2 minutes, so "snart" from 2 minutes left
        (10, 7.9, "normal"),
        (10, 8.0, "snart"),
        (10, 10.0, "snart"),  # exactly on time is not yet overtime
        (10, 10.02, "overtid"),
        # 60 minutes: 20 % is 12 minutes, which comes before 2 minutes
        (60, 47.9, "normal"),
        (60, 48.0, "snart"),
        # 5 minutes: 2 minutes left comes before 20 % (1 minute)
        (5, 2.9, "normal"),
        (5, 3.0, "snart"),
        (1, 0.0, "snart"),
    ],
)
def test_phase_thresholds(fake, planned, used_minutes, expected):
    clock = make_clock(make_meeting([planned]), fake)
    clock.start()
    fake.advance_minutes(used_minutes)
    assert clock.phase() == expected


def test_phase_of_another_item(fake):
    clock = make_clock(make_meeting(), fake)
    clock.start()
    fake.advance_minutes(11)
    clock.next()
    assert clock.phase(1) == "overtid"
    assert clock.phase() == "normal"


# --- Expected and planned end ------------------------------------------------------------


def test_expected_end_after_overrun_and_cutting_later_items(fake):
    """The chair's story: plan ends 15.30, item 1 runs 8 minutes over, two items lose a minute."""
    meeting = make_meeting()  # 90 minutes from 14.00
    clock = make_clock(meeting, fake)
    assert clock.planned_end() == datetime(2026, 11, 22, 15, 30)
    assert clock.expected_end() == datetime(2026, 11, 22, 15, 30)
    clock.start()
    fake.advance_minutes(18)
    assert clock.phase() == "overtid"
    assert clock.expected_end() == datetime(2026, 11, 22, 15, 38)
    clock.next()
    assert clock.expected_end() == datetime(2026, 11, 22, 15, 38)
    clock.adjust_planned(-1, 3)
    clock.adjust_planned(-1, 4)
    assert clock.expected_end() == datetime(2026, 11, 22, 15, 36)
    # the plan itself is now 88 minutes from the actual start
    assert clock.planned_end() == datetime(2026, 11, 22, 15, 28)


def test_expected_end_on_plan_and_with_time_to_spare(fake):
    clock = make_clock(make_meeting(), fake)
    clock.start()
    fake.advance_minutes(4)
    assert clock.expected_end() == datetime(2026, 11, 22, 15, 30)
    clock.next()  # item 1 finished 6 minutes early
    assert clock.expected_end() == datetime(2026, 11, 22, 15, 24)


def test_pause_moves_the_expected_end(fake):
    clock = make_clock(make_meeting(), fake)
    clock.start()
    fake.advance_minutes(5)
    clock.pause()
    fake.advance_minutes(10)
    assert clock.expected_end() == datetime(2026, 11, 22, 15, 40)


def test_expected_end_before_start(fake):
    # Opened at 13.40 for a 14.00 meeting: the plan from the start time.
    early = FakeTime(datetime(2026, 11, 22, 13, 40))
    assert make_clock(make_meeting(), early).expected_end() == datetime(2026, 11, 22, 15, 30)
    # No start time: from now.
    clock = make_clock(make_meeting(start=None), early)
    assert clock.expected_end() == datetime(2026, 11, 22, 15, 10)
    assert clock.planned_end() is None
    # Start time passed and not yet started: it cannot end before now + plan.
    late = FakeTime(datetime(2026, 11, 22, 14, 10))
    assert make_clock(make_meeting(), late).expected_end() == datetime(2026, 11, 22, 15, 40)


def test_planned_end_uses_actual_start_once_started(fake):
    fake.advance_minutes(7)
    meeting = make_meeting()
    clock = make_clock(meeting, fake)
    assert clock.planned_end() == datetime(2026, 11, 22, 15, 30)
    clock.start()
    assert clock.planned_end() == datetime(2026, 11, 22, 15, 37)


# --- Adjusting the plan -----------------------------------------------------------------


def test_adjust_planned_never_below_one_minute(fake):
    meeting = make_meeting([3, 10])
    clock = make_clock(meeting, fake)
    assert clock.adjust_planned(-1) == 2
    assert clock.adjust_planned(-5) == 1
    assert clock.adjust_planned(-1) == 1
    assert meeting.items[0].planned_minutes == 1
    assert clock.adjust_planned(+4, 2) == 14
    assert meeting.items[1].planned_minutes == 14


def test_adjust_planned_changes_remaining_and_phase(fake):
    clock = make_clock(make_meeting(), fake)
    clock.start()
    fake.advance_minutes(11)
    assert clock.phase() == "overtid"
    clock.adjust_planned(+3)
    assert clock.remaining_seconds() == 2 * MINUTE
    assert clock.phase() == "snart"
    clock.adjust_planned(+2)
    assert clock.remaining_seconds() == 4 * MINUTE
    assert clock.phase() == "normal"  # 4 minutes left of 15 is more than 20 %


# --- Flush and resume -------------------------------------------------------------------


def test_flush_writes_seconds_and_position_into_the_meeting(fake):
    meeting = make_meeting()
    clock = make_clock(meeting, fake)
    clock.start()
    fake.advance_minutes(12)
    clock.next()
    fake.advance_minutes(5)
    clock.flush()
    assert [item.used_seconds for item in meeting.items] == [12 * MINUTE, 5 * MINUTE, 0, 0]
    # running_since: the wall time the saved seconds reach, for a projector elsewhere
    assert meeting.clock == ClockState(current_item_id=2, running=True,
                                       running_since=datetime(2026, 11, 22, 14, 17))
    # flushing again does not count the same seconds twice
    fake.advance_minutes(1)
    clock.flush()
    clock.flush()
    assert meeting.items[1].used_seconds == 6 * MINUTE
    assert clock.used_seconds() == 6 * MINUTE


def test_resumed_clock_continues_paused_from_the_flushed_meeting(fake):
    meeting = make_meeting()
    clock = make_clock(meeting, fake)
    clock.start()
    fake.advance_minutes(18)
    clock.next()
    fake.advance_minutes(5)
    clock.flush()
    started = meeting.started_at

    # The app is closed; another process (a new monotonic origin) opens the meeting later.
    later = FakeTime(datetime(2026, 11, 22, 14, 40))
    later._monotonic = 12.0
    resumed = make_clock(meeting, later)
    assert not resumed.running
    assert meeting.clock.running is False
    assert resumed.current_item_id == 2
    assert resumed.used_seconds(1) == 18 * MINUTE
    assert resumed.used_seconds() == 5 * MINUTE
    later.advance_minutes(3)
    assert resumed.used_seconds() == 5 * MINUTE  # paused until the chair starts it
    resumed.start()
    assert meeting.started_at == started
    later.advance_minutes(10)
    assert resumed.used_seconds() == 15 * MINUTE
    assert resumed.elapsed_seconds() == 33 * MINUTE
    # 14.53 now, 15 minutes left of item 2, then 20 + 30 planned
    assert resumed.expected_end() == datetime(2026, 11, 22, 15, 58)


def test_unflushed_seconds_are_the_only_loss_after_a_crash(fake):
    meeting = make_meeting()
    clock = make_clock(meeting, fake)
    clock.start()
    fake.advance_minutes(4)
    clock.flush()
    fake.advance_minutes(1)  # never flushed
    resumed = make_clock(meeting, fake)
    assert resumed.used_seconds() == 4 * MINUTE


def test_stored_item_that_no_longer_exists_falls_back_to_an_existing_one(fake):
    meeting = make_meeting()
    meeting.clock = ClockState(current_item_id=42, running=True)
    clock = make_clock(meeting, fake)
    assert clock.current_item_id == 1
    assert not clock.running


# --- A changing agenda ------------------------------------------------------------------


def test_items_added_and_reordered_while_running(fake):
    meeting = make_meeting()
    clock = make_clock(meeting, fake)
    clock.start()
    fake.advance_minutes(2)
    meeting.items.insert(0, MeetingItem(id=5, title="Nyt punkt", planned_minutes=5))
    assert clock.current_item_id == 1
    assert clock.previous() is True
    assert clock.current_item_id == 5
    fake.advance_minutes(1)
    assert clock.used_seconds(1) == 2 * MINUTE
    assert clock.used_seconds(5) == MINUTE


def test_removing_the_current_item_moves_to_the_item_in_its_place(fake):
    meeting = make_meeting()
    clock = make_clock(meeting, fake)
    clock.goto(2)
    clock.start()
    fake.advance_minutes(3)
    del meeting.items[1]
    assert clock.current_item_id == 3
    fake.advance_minutes(2)
    assert clock.used_seconds() == 2 * MINUTE


def test_meeting_without_items(fake):
    meeting = make_meeting([])
    clock = make_clock(meeting, fake)
    assert clock.current_item_id is None
    assert clock.next() is False
    assert clock.previous() is False
    clock.start()
    fake.advance_minutes(5)
    assert clock.used_seconds() == 0
    assert clock.phase() == "normal"
    assert clock.expected_end() == fake.wall()
    clock.flush()
    assert meeting.clock.current_item_id is None


def test_only_a_clock_started_here_moves_the_anchor(fake):
    meeting = make_meeting()
    clock = make_clock(meeting, fake)
    clock.start()
    fake.advance_minutes(3)
    clock.flush()
    anchor = fake.wall()
    assert meeting.clock.running_since == anchor
    # Another terminal's clock on the same meeting (never started there) leaves it be,
    # so its saves keep the chair's anchor when merged.
    other = make_clock(meeting, fake)
    fake.advance_minutes(1)
    other.flush()
    assert meeting.clock.running_since == anchor
    clock.pause()
    clock.flush()
    assert meeting.clock.running_since is None
