"""What the room sees on the projector: the meeting reduced to what may be shown to everyone.

Pure (no Textual, no store): ``room_view`` takes a meeting as stored, its decisions and its
triage entries, and the moment to show, and returns a ``RoomView`` that holds nothing
personal. The privacy rules live here, in one place a test can read:

- notes, item descriptions and follow-ups (internal or not) are never part of the view;
- on a triage item only the counts of red, yellow and green and how many of the team's
  residents are rated — never initials or rooms (relatives may be in the room);
- decisions on "Sager fra andre fora" and on a triage item are left out: they may name a
  resident.

**The countdown across processes.** The chair's terminal saves the clock with
``ClockState.running_since`` (the wall time up to which the current item's
``used_seconds`` were counted) while it runs. The projector adds ``now - running_since``
to the current item, then asks a paused ``MeetingClock`` for the remaining time and the
expected end, so both screens compute time by the same rules.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from meetingtool.core.clock import MeetingClock, Phase
from meetingtool.core.model import Decision, Meeting, MeetingItem, TriageEntry
from meetingtool.core.triage import COLOURS

STALE_SECONDS = 45.0
"""A clock anchor older than this is taken as stopped: the chair's running clock saves
every ten seconds, so its terminal has crashed or been closed without a pause."""

ESCALATIONS_TITLE = "sager fra andre fora"
"""The item whose decisions stay off the wall (``actions.items.ESCALATIONS_ITEM_TITLE``)."""


@dataclass(frozen=True)
class AgendaLine:
    """One agenda item as the room sees it."""

    number: int
    title: str
    planned_start: datetime | None
    planned_minutes: int
    done: bool
    current: bool


@dataclass(frozen=True)
class TriageCounts:
    """How far a triage round has come, in numbers only."""

    rated: int
    residents: int
    by_colour: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class RoomView:
    """Everything the projector draws, and nothing it may not."""

    council: str
    date: date
    status: str
    running: bool
    item_number: int | None
    item_count: int
    item_title: str
    remaining_seconds: float
    phase: Phase
    expected_end: datetime
    agenda: list[AgendaLine]
    decisions: list[str]
    decisions_hidden: bool
    triage: TriageCounts | None


def is_private_item(item: MeetingItem) -> bool:
    """Items whose decisions may name a resident: received cases, triage rounds."""
    return item.kind == "triage" or item.title.strip().casefold() == ESCALATIONS_TITLE


def clock_runs(meeting: Meeting, now: datetime) -> bool:
    """Whether the chair's clock runs: a fresh anchor, on a meeting not ended."""
    since = meeting.clock.running_since
    if since is None or meeting.status == "afsluttet" or (since.tzinfo is None) != (
            now.tzinfo is None):
        return False
    return (now - since).total_seconds() <= STALE_SECONDS


def live_meeting(meeting: Meeting, now: datetime) -> Meeting:
    """A copy of ``meeting`` with the running segment added to the current item, so a
    paused clock built on it reads what the chair's running clock reads."""
    live = copy.deepcopy(meeting)
    since = live.clock.running_since
    current = live.clock.current_item_id
    if since is not None and current is not None and clock_runs(meeting, now):
        seconds = max(0.0, (now - since).total_seconds())
        try:
            live.item(current).used_seconds += seconds
        except KeyError:  # the agenda changed under the clock; the chair's screen resolves it
            pass
    return live


def room_view(meeting: Meeting, decisions: Iterable[Decision],
              triage_entries: Iterable[TriageEntry], residents: int,
              now: datetime) -> RoomView:
    """The view of ``meeting`` at ``now`` (``residents``: how many the team has)."""
    live = live_meeting(meeting, now)
    running = clock_runs(meeting, now)
    clock = MeetingClock(live, wall=lambda: now)
    current_id = clock.current_item_id
    current = None if current_id is None else live.item(current_id)
    index = None if current is None else live.items.index(current)
    finished = meeting.status == "afsluttet"
    agenda = []
    start = _planned_start(live)
    for number, item in enumerate(live.items, start=1):
        agenda.append(AgendaLine(
            number=number, title=item.title, planned_start=start,
            planned_minutes=item.planned_minutes,
            done=finished or (index is not None and number - 1 < index
                              and live.started_at is not None),
            current=item is current and not finished,
        ))
        if start is not None:
            start = start + timedelta(minutes=item.planned_minutes)
    shown: list[str] = []
    hidden = False
    triage = None
    if current is not None:
        if is_private_item(current):
            hidden = any(d.item_id == current.id for d in decisions)
        else:
            shown = [d.text for d in decisions if d.item_id == current.id]
        if current.kind == "triage":
            triage = triage_counts(triage_entries, residents)
    return RoomView(
        council=meeting.council_name,
        date=meeting.date,
        status=meeting.status,
        running=running,
        item_number=None if index is None else index + 1,
        item_count=len(live.items),
        item_title="" if current is None else current.title,
        remaining_seconds=0.0 if current is None else clock.remaining_seconds(),
        phase="normal" if current is None else clock.phase(),
        expected_end=meeting.ended_at if finished and meeting.ended_at else clock.expected_end(),
        agenda=agenda,
        decisions=shown,
        decisions_hidden=hidden,
        triage=triage,
    )


def triage_counts(entries: Iterable[TriageEntry], residents: int) -> TriageCounts:
    """Counts per colour and how many are rated; nothing that tells who."""
    colours = Counter(entry.colour for entry in entries if entry.colour in COLOURS)
    rated = sum(colours.values())
    return TriageCounts(rated=rated, residents=max(residents, rated),
                        by_colour={colour: colours.get(colour, 0) for colour in COLOURS})


def format_countdown(remaining_seconds: float) -> str:
    """"12:34" left, or "+3:20" over the plan (minutes may pass 59: "+75:00")."""
    over = remaining_seconds < 0
    seconds = int(abs(remaining_seconds)) if over else int(-(-remaining_seconds // 1))
    minutes, seconds = divmod(seconds, 60)
    return f"{'+' if over else ''}{minutes}:{seconds:02d}"


def _planned_start(meeting: Meeting) -> datetime | None:
    if meeting.start_time is None:
        return meeting.started_at
    return datetime.combine(meeting.date, meeting.start_time)

