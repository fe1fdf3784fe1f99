"""The domain objects every layer shares.

Two families live here:

- *Templates* (``AgendaTemplate`` and its parts) are what an agenda TOML file describes.
  They are loaded and validated by ``meetingtool.core.agenda`` and never change a meeting.
- *Records* (``Council``, ``Meeting``, ``Decision``, ``FollowUp`` ...) are what the store keeps.
  A meeting carries its own copy of the agenda (``MeetingItem``), so editing or deleting a
  template later never touches a past meeting.

Keys such as ``kind``, ``role`` and ``status`` hold the ASCII keys of
``meetingtool.core.vocab``; the Danish labels are looked up from there when shown.
Conversion to and from JSON-ready dicts is in ``meetingtool.core.codec``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from meetingtool.core.vocab import (
    OPEN_FOLLOWUP_STATUSES,
    FollowUpStatus,
    ItemKind,
    MeetingStatus,
    Presence,
    TriageColour,
)

Day = date
"""``date`` under a name that ``Meeting``'s own ``date`` field does not hide from type checkers."""

# --- Templates --------------------------------------------------------------------------


@dataclass
class Member:
    """A person with a role in a council (``role`` is a key of ``vocab.ROLES``)."""

    name: str
    role: str = "medlem"


@dataclass
class TemplateItem:
    """One agenda item as a template describes it."""

    title: str
    planned_minutes: int
    kind: str = ItemKind.DROEFTELSE
    presenter: str = ""
    description: str = ""
    questions: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    receives: list[str] = field(default_factory=list)


@dataclass
class TriageRule:
    """A colour that creates a follow-up by itself, e.g. red -> nurse assessment within 24 h."""

    colour: str
    text: str
    due_hours: int


@dataclass
class TriageSettings:
    """How a triage round is timed and which follow-ups its colours create."""

    seconds_per_colour: dict[str, int] = field(
        default_factory=lambda: {
            TriageColour.ROED: 60, TriageColour.GUL: 30, TriageColour.GROEN: 10,
        }
    )
    rules: list[TriageRule] = field(default_factory=list)


@dataclass
class AgendaTemplate:
    """A validated agenda template, ready to become a meeting."""

    kind: str
    title: str
    items: list[TemplateItem]
    place: str = ""
    start_time: time | None = None
    members: list[Member] = field(default_factory=list)
    description: str = ""
    triage: TriageSettings | None = None
    source: Path | None = None

    @property
    def total_minutes(self) -> int:
        return sum(item.planned_minutes for item in self.items)


# --- Records ----------------------------------------------------------------------------


@dataclass
class Council:
    """A council or team that meets: its name, kind and usual members.

    ``site`` names the centre (plejecenter) the council belongs to, "" for one that
    spans the municipality; data stored before it existed loads with "".
    """

    id: str
    name: str
    kind: str
    members: list[Member] = field(default_factory=list)
    site: str = ""


@dataclass
class Attendee:
    """A person's attendance at one meeting (``presence`` is a key of ``vocab.PRESENCE``)."""

    name: str
    role: str = "medlem"
    presence: str = Presence.TIL_STEDE
    guest: bool = False


@dataclass
class MeetingItem:
    """One item of a meeting's own agenda, with what happened under it.

    ``id`` is stable within the meeting while items are added, removed and reordered;
    ``used_seconds`` is the time the clock has spent on it so far; ``round_seconds`` (a
    triage item only) the time its round has spent on each resident, by resident id.
    """

    id: int
    title: str
    planned_minutes: int
    kind: str = ItemKind.DROEFTELSE
    presenter: str = ""
    description: str = ""
    questions: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    receives: list[str] = field(default_factory=list)
    notes: str = ""
    used_seconds: float = 0.0
    round_seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class ClockState:
    """What the meeting clock needs to carry on after the app is closed and reopened.

    ``used_seconds`` of each item hold the time accrued up to the last save; the clock is
    always reopened paused, so a crash loses at most the seconds since that save.

    ``running_since`` is the wall-clock moment up to which the current item's
    ``used_seconds`` were counted, while the clock runs (None when paused): another process
    (the projector) shows the live countdown as used seconds + (now - running_since). A
    running clock renews it with every save (at least every ten seconds), so an old one
    means the terminal that ran the clock is gone (``core.room.STALE_SECONDS``).
    """

    current_item_id: int | None = None
    running: bool = False
    running_since: datetime | None = None


@dataclass
class MinutesApproval:
    """How a meeting's minutes were approved at a later meeting of the same council."""

    approved_on: date
    approved_in_meeting_id: int | None = None
    corrections: str = ""

    @property
    def with_corrections(self) -> bool:
        return bool(self.corrections.strip())


@dataclass
class Meeting:
    """One meeting of a council, with its own agenda and attendance."""

    id: int
    council_id: str
    council_name: str
    kind: str
    title: str
    date: date
    items: list[MeetingItem] = field(default_factory=list)
    place: str = ""
    theme: str = ""
    start_time: time | None = None
    status: str = MeetingStatus.PLANLAGT
    attendance: list[Attendee] = field(default_factory=list)
    chair: str = ""
    secretary: str = ""
    started_at: datetime | None = None
    ended_at: datetime | None = None
    clock: ClockState = field(default_factory=ClockState)
    approval: MinutesApproval | None = None
    next_meeting: Day | None = None
    next_meeting_time: time | None = None
    next_meeting_place: str = ""
    next_meeting_theme: str = ""
    template_source: str = ""
    triage: TriageSettings | None = None

    def item(self, item_id: int) -> MeetingItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"punkt {item_id} findes ikke i møde {self.id}")

    def item_number(self, item_id: int) -> int:
        """The item's number as shown on the agenda (1-based position)."""
        return [item.id for item in self.items].index(item_id) + 1

    def next_item_id(self) -> int:
        return max((item.id for item in self.items), default=0) + 1

    @property
    def planned_minutes(self) -> int:
        return sum(item.planned_minutes for item in self.items)


@dataclass
class MeetingSummary:
    """The catalogue's line about a meeting: enough to list it without opening it."""

    id: int
    council_id: str
    council_name: str
    kind: str
    title: str
    date: date
    status: str = MeetingStatus.PLANLAGT
    approved: bool = False


@dataclass
class Decision:
    """A decision (beslutning) recorded under an item."""

    id: str
    meeting_id: int
    item_id: int
    text: str
    created: datetime


@dataclass
class StatusChange:
    """One entry of a follow-up's history: what changed, when, and in which meeting."""

    at: datetime
    status: str
    meeting_id: int | None = None
    due: date | None = None
    owner: str = ""
    comment: str = ""


@dataclass
class Escalation:
    """Where a follow-up was sent (or came from) between councils, and why."""

    from_council_id: str
    to_council_id: str
    reason: str
    at: datetime
    source_followup_id: str | None = None
    target_followup_id: str | None = None


@dataclass
class FollowUp:
    """A follow-up (opfølgningspunkt): what, who, by when, and its life since.

    ``internal`` follow-ups are tracked and reviewed like any other but are left out of
    minutes exported for circulation (single cases, enkeltsager). ``carried_over`` counts
    the later meetings of the council in which it was reviewed while still open.
    """

    id: str
    council_id: str
    meeting_id: int
    item_id: int | None
    text: str
    created: datetime
    owner: str = ""
    due: date | None = None
    status: str = FollowUpStatus.AABEN
    internal: bool = False
    carried_over: int = 0
    history: list[StatusChange] = field(default_factory=list)
    escalated_to: Escalation | None = None
    escalated_from: Escalation | None = None
    resident: str = ""
    carried_at_decision: int = 0
    """``carried_over`` when a meeting last decided something about it (new owner, new due
    date, closed, dropped): the carried-over warning counts from there, while
    ``carried_over`` keeps the whole count for the history."""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_FOLLOWUP_STATUSES

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due is not None and self.due < today


@dataclass
class Resident:
    """A resident on a team's triage board: initials and/or room, never a full name or CPR."""

    id: str
    council_id: str
    initials: str = ""
    room: str = ""
    active: bool = True
    moved_out: date | None = None

    @property
    def label(self) -> str:
        parts = [p for p in (self.initials, f"stue {self.room}" if self.room else "") if p]
        return ", ".join(parts)


@dataclass
class TriageEntry:
    """One resident's rating at one triage meeting."""

    id: str
    meeting_id: int
    resident_id: str
    colour: str
    change: str = ""
    action: str = ""
    owner: str = ""
    at: datetime | None = None


@dataclass
class Borgergennemgang:
    """A structured note on one resident: the five questions of the borgergennemgang."""

    id: str
    resident_id: str
    meeting_id: int | None
    at: datetime
    answers: dict[str, str] = field(default_factory=dict)
