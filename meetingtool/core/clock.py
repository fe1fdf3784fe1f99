"""The meeting clock: time used per agenda item, overtime, and the expected end of the meeting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Literal

from meetingtool.core.model import Meeting, MeetingItem
from meetingtool.core.timesource import suspend_aware_monotonic

Phase = Literal["normal", "snart", "overtid"]

SOON_SECONDS = 120
"""An item is "snart" (nearly done) with this many seconds or fewer left ..."""
SOON_FRACTION = 0.2
"""... or with this fraction of its planned time or less left, whichever comes first."""


class MeetingClock:
    """Keeps time for one meeting: which item is current, and how long each item has taken.

    **Why differences of a monotonic clock, never counting ticks.** The screen refreshes
    with a timer, but a timer is not a clock: Textual's ``set_interval`` skips ticks it
    missed while the app was busy, a laptop lid can close, and a slow terminal delays
    callbacks. Adding "one second per tick" drifts and loses time. Instead the clock notes
    ``monotonic()`` when the current item's running segment began and, whenever asked,
    derives the time used as *stored seconds + (now - segment start)*. Monotonic time never
    jumps when the wall clock is changed (summer time, NTP), so durations stay right. The
    default source (``core.timesource``) also counts while the machine is suspended
    (``CLOCK_BOOTTIME`` on Linux): the meeting goes on in the room while a laptop lid is
    closed, and the current item must be charged for it. The wall clock (``wall()``) is used
    only for moments shown to people: when the meeting started and when it is expected to end.

    **Time is injected.** ``monotonic`` and ``wall`` are callables, so a test can run a
    three-hour meeting in milliseconds by moving a fake clock forward.

    **Surviving quit and resume.** The accrued seconds live in the meeting itself:
    ``flush()`` adds the running segment to the current item's ``used_seconds`` (and starts
    a new segment if running) and records the current item, the running flag and the wall
    time of that moment (``running_since``, for a projector in another process) in
    ``meeting.clock``; the caller then saves the meeting with ``store.save_meeting``. A clock
    built from a stored meeting carries on from those seconds and that item, but always
    *paused*: a monotonic reading from another process (or before a crash) means nothing
    now, and nobody should come back to find that the clock ran while the app was closed.
    At worst the seconds since the last flush are lost. Constructing the clock therefore
    sets ``meeting.clock.running`` to False.

    Items may be added, removed and reordered while the clock runs; if the current item is
    removed, the clock moves to the item now at the same position (its unsaved running
    segment belonged to the removed item and is dropped).
    """

    def __init__(
        self,
        meeting: Meeting,
        monotonic: Callable[[], float] = suspend_aware_monotonic,
        wall: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.meeting = meeting
        self._monotonic = monotonic
        self._wall = wall
        self._running = False
        self._segment_start = 0.0
        self._current_id: int | None = meeting.clock.current_item_id
        self._current_index = 0
        meeting.clock.running = False
        self._ran_here = False
        """Whether this clock was started: only then does it own ``running_since``."""
        self._resolve_current()

    # --- State -----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    @property
    def current_item_id(self) -> int | None:
        """The item being discussed; the first item when the meeting has not chosen one."""
        self._resolve_current()
        return self._current_id

    def _resolve_current(self) -> None:
        """Keep the current id pointing at an existing item, whatever the agenda became."""
        items = self.meeting.items
        if not items:
            self._current_id = None
            self._current_index = 0
            return
        ids = [item.id for item in items]
        if self._current_id in ids:
            self._current_index = ids.index(self._current_id)
            return
        # No choice yet, or the current item was removed: take the item at its old place.
        self._current_index = min(self._current_index, len(items) - 1)
        self._current_id = ids[self._current_index]
        self._segment_start = self._monotonic()

    def _live_seconds(self) -> float:
        if not self._running:
            return 0.0
        return max(0.0, self._monotonic() - self._segment_start)

    def _accrue(self) -> None:
        """Move the running segment's seconds into the current item and start a new segment."""
        self._resolve_current()
        if self._running and self._current_id is not None:
            now = self._monotonic()
            self.meeting.item(self._current_id).used_seconds += max(0.0, now - self._segment_start)
            self._segment_start = now

    def _item(self, item_id: int | None) -> MeetingItem | None:
        if item_id is None:
            item_id = self.current_item_id
            if item_id is None:
                return None
        return self.meeting.item(item_id)

    # --- Controls --------------------------------------------------------------------

    def start(self) -> None:
        """Start (or resume) the clock; the first start records ``meeting.started_at``."""
        if self._running:
            return
        self._resolve_current()
        self._running = True
        self._ran_here = True
        self._segment_start = self._monotonic()
        if self.meeting.started_at is None:
            self.meeting.started_at = self._wall()

    def pause(self) -> None:
        """Stop counting; the time so far stays with the current item."""
        if not self._running:
            return
        self._accrue()
        self._running = False

    def toggle(self) -> None:
        if self._running:
            self.pause()
        else:
            self.start()

    def goto(self, item_id: int) -> None:
        """Make ``item_id`` current; time so far goes to the item being left.

        Raises ``KeyError`` when the meeting has no such item.
        """
        self.meeting.item(item_id)
        self._accrue()
        self._current_id = item_id
        self._resolve_current()

    def next(self) -> bool:
        """Go to the next item; False (and nothing changes) on the last item."""
        return self._step(+1)

    def previous(self) -> bool:
        """Go to the previous item; False (and nothing changes) on the first item."""
        return self._step(-1)

    def _step(self, direction: int) -> bool:
        self._resolve_current()
        if self._current_id is None:
            return False
        target = self._current_index + direction
        if not 0 <= target < len(self.meeting.items):
            return False
        self.goto(self.meeting.items[target].id)
        return True

    def adjust_planned(self, minutes_delta: int, item_id: int | None = None) -> int:
        """Give an item more or fewer planned minutes (never below 1); returns the new plan."""
        item = self._item(item_id)
        if item is None:
            return 0
        item.planned_minutes = max(1, item.planned_minutes + minutes_delta)
        return item.planned_minutes

    def flush(self) -> None:
        """Write the accrued time and position into the meeting, ready for ``save_meeting``."""
        self._accrue()
        self.meeting.clock.current_item_id = self._current_id
        self.meeting.clock.running = self._running
        # The anchor another process counts the live seconds from (see ClockState). A
        # clock never started here (the secretary's) leaves the chair's anchor as read, so
        # merging its saves keeps the chair's.
        if self._ran_here:
            self.meeting.clock.running_since = self._wall() if self._running else None

    # --- Readings --------------------------------------------------------------------

    def used_seconds(self, item_id: int | None = None) -> float:
        """Seconds spent on an item (default: the current one), including the live segment."""
        item = self._item(item_id)
        if item is None:
            return 0.0
        used = item.used_seconds
        if item.id == self._current_id:
            used += self._live_seconds()
        return used

    def remaining_seconds(self, item_id: int | None = None) -> float:
        """Planned minus used seconds; negative means the item is in overtime."""
        item = self._item(item_id)
        if item is None:
            return 0.0
        return item.planned_minutes * 60 - self.used_seconds(item.id)

    def phase(self, item_id: int | None = None) -> Phase:
        """``overtid`` past the plan, ``snart`` with <= 2 min or <= 20 % left, else ``normal``."""
        item = self._item(item_id)
        if item is None:
            return "normal"
        remaining = self.remaining_seconds(item.id)
        if remaining < 0:
            return "overtid"
        if remaining <= max(SOON_SECONDS, SOON_FRACTION * item.planned_minutes * 60):
            return "snart"
        return "normal"

    def elapsed_seconds(self) -> float:
        """Time used by the whole meeting: the sum over all items (pauses do not count)."""
        return sum(self.used_seconds(item.id) for item in self.meeting.items)

    def _scheduled_start(self) -> datetime | None:
        start = self.meeting.started_at
        if start is None and self.meeting.start_time is not None:
            start = datetime.combine(self.meeting.date, self.meeting.start_time)
        return start

    def expected_end(self) -> datetime:
        """When the meeting will end if the rest goes to plan, given the overrun so far.

        Once started: now + what is left of the current item (nothing if it is in overtime)
        + the planned minutes of every later item. Before the start: the planned start time
        (or now, if there is none or it has already passed) + the whole plan.
        """
        now = self._wall()
        if self.meeting.started_at is None:
            start = self._scheduled_start()
            if start is not None and start.tzinfo is None and now.tzinfo is not None:
                start = start.replace(tzinfo=now.tzinfo)
            if start is None or (start.tzinfo is None) != (now.tzinfo is None) or start < now:
                start = now
            return start + timedelta(minutes=self.meeting.planned_minutes)
        self._resolve_current()
        if self._current_id is None:
            return now
        later = self.meeting.items[self._current_index + 1 :]
        seconds = max(0.0, self.remaining_seconds(self._current_id))
        seconds += sum(item.planned_minutes * 60 for item in later)
        return now + timedelta(seconds=seconds)

    def planned_end(self) -> datetime | None:
        """Start (actual, else the planned start time) + the whole plan; None without a start."""
        start = self._scheduled_start()
        if start is None:
            return None
        return start + timedelta(minutes=self.meeting.planned_minutes)
