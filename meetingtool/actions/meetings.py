"""Starting a meeting so that it opens by looking at what was promised last time.

A new meeting of a council gets, besides the template's items:

- **"Opfølgning fra tidligere møder"** when the council has open follow-ups from earlier
  meetings. The template's own item of kind ``opfoelgning`` is reused when there is one;
  otherwise the item goes right after the approval items (kind ``godkendelse``) that open
  the agenda. Each of those follow-ups is counted as carried over once more.
- **"Sager fra andre fora"** when other councils have escalated cases to this one that no
  meeting of it has seen yet (the template's item of that name is reused when there is one). Those follow-ups move onto this meeting's item, so its minutes
  show them and the next meeting reviews them like any other open follow-up.

Escalated follow-ups wait with ``meeting_id`` pointing at the meeting where they were
raised (another council's); that is how a waiting case is told from a received one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from meetingtool.core.dates import format_date
from meetingtool.core.errors import NotFoundError
from meetingtool.core.followups import sort_for_review
from meetingtool.core.model import AgendaTemplate, FollowUp, Meeting, MeetingItem

REVIEW_ITEM_TITLE = "Opfølgning fra tidligere møder"
ESCALATIONS_ITEM_TITLE = "Sager fra andre fora"

# Items that may open an agenda before the first real discussion: the new review item goes
# after the approvals among them.
_OPENING_KINDS = frozenset({"information", "godkendelse"})


@dataclass(frozen=True)
class Origin:
    """Where a follow-up was agreed: meeting and item, as shown beside it in a review."""

    meeting_id: int
    meeting_date: date | None
    council_name: str
    item_title: str

    @property
    def label(self) -> str:
        """E.g. "3. november 2026, Tema: Mad og måltider"."""
        when = format_date(self.meeting_date) if self.meeting_date else f"møde {self.meeting_id}"
        return f"{when}, {self.item_title}" if self.item_title else when


class Origins:
    """Looks up the origin of follow-ups, reading each meeting from the store only once."""

    def __init__(self, store) -> None:
        self._store = store
        self._meetings: dict[int, Meeting | None] = {}

    def meeting(self, meeting_id: int) -> Meeting | None:
        if meeting_id not in self._meetings:
            try:
                self._meetings[meeting_id] = self._store.meeting(meeting_id)
            except NotFoundError:
                self._meetings[meeting_id] = None
        return self._meetings[meeting_id]

    def of(self, followup: FollowUp) -> Origin:
        meeting = self.meeting(followup.meeting_id)
        if meeting is None:
            return Origin(followup.meeting_id, None, "", "")
        title = ""
        if followup.item_id is not None:
            try:
                title = meeting.item(followup.item_id).title
            except KeyError:
                title = ""
        return Origin(meeting.id, meeting.date, meeting.council_name, title)


def is_review_item(item: MeetingItem) -> bool:
    """Whether the follow-up review belongs under this item (an opfølgning item, or the
    "Sager fra andre fora" item a template may already have)."""
    return item.kind == "opfoelgning" or item.title.casefold() == ESCALATIONS_ITEM_TITLE.casefold()


def is_waiting_escalation(followup: FollowUp, own_meeting_ids: set[int]) -> bool:
    """True for a case escalated to this council that none of its meetings has received."""
    return followup.escalated_from is not None and followup.meeting_id not in own_meeting_ids


def own_meeting_ids(store, council_id: str) -> set[int]:
    return {summary.id for summary in store.meetings(council_id)}


def followups_to_review(store, meeting: Meeting) -> list[FollowUp]:
    """The follow-ups to review at ``meeting``, overdue first, then by due date.

    Those still open from the council's earlier meetings, plus those already reviewed in this
    meeting (so a follow-up just marked Udført stays on the list while the chair goes on).
    """
    own = own_meeting_ids(store, meeting.council_id)
    found = [
        followup
        for followup in store.followups(meeting.council_id)
        if followup.meeting_id != meeting.id
        and not is_waiting_escalation(followup, own)
        and (followup.is_open or _reviewed_in(followup, meeting.id))
    ]
    return sort_for_review(found, meeting.date)


def escalations_received(store, meeting: Meeting) -> list[FollowUp]:
    """Cases from other councils on this meeting's "Sager fra andre fora", and any still waiting."""
    own = own_meeting_ids(store, meeting.council_id)
    found = [
        followup
        for followup in store.followups(meeting.council_id)
        if followup.escalated_from is not None
        and (
            followup.meeting_id == meeting.id
            or (followup.is_open and is_waiting_escalation(followup, own))
        )
    ]
    return sort_for_review(found, meeting.date)


def start_meeting(
    store, council_id: str, template: AgendaTemplate, on: date, **options
) -> Meeting:
    """Create a meeting of the council from ``template`` with follow-up review and escalations.

    ``options`` go on to ``store.create_meeting`` (title, place, start_time, theme).
    """
    meeting = store.create_meeting(council_id, template, on, **options)
    own = own_meeting_ids(store, council_id)
    carried: list[FollowUp] = []
    waiting: list[FollowUp] = []
    for followup in store.open_followups(council_id):
        if is_waiting_escalation(followup, own):
            waiting.append(followup)
        elif followup.meeting_id != meeting.id:
            carried.append(followup)
    if not carried and not waiting:
        return meeting

    origins = Origins(store)
    position = _after_approvals(meeting.items)
    if carried:
        carried = sort_for_review(carried, on)
        review = _reuse_review_item(meeting) or _insert_item(
            meeting, position, REVIEW_ITEM_TITLE, _clamp(2 * len(carried), 5, 15)
        )
        listing = _listing(
            "Åbne opfølgningspunkter fra tidligere møder", carried, origins, on, counted=True
        )
        review.description = "\n\n".join(filter(None, [review.description, listing]))
        position = meeting.items.index(review) + 1
    if waiting:
        waiting = sort_for_review(waiting, on)
        received = _reuse_escalations_item(meeting) or _insert_item(
            meeting, position, ESCALATIONS_ITEM_TITLE, _clamp(5 * len(waiting), 5, 20)
        )
        listing = _listing(
            "Sager sendt hertil fra andre råd og udvalg", waiting, origins, on, counted=False
        )
        received.description = "\n\n".join(filter(None, [received.description, listing]))
    # The agenda first, so a follow-up never points at an item that is not on disk.
    store.save_meeting(meeting)
    for followup in carried:
        followup.carried_over += 1
        store.save_followup(followup)
    for followup in waiting:
        followup.meeting_id = meeting.id
        followup.item_id = received.id
        store.save_followup(followup)
    return meeting


def _reviewed_in(followup: FollowUp, meeting_id: int) -> bool:
    return any(change.meeting_id == meeting_id for change in followup.history)


def _after_approvals(items: list[MeetingItem]) -> int:
    """Index right after the approvals that open the agenda (or after its opening items)."""
    opening = 0
    while opening < len(items) and items[opening].kind in _OPENING_KINDS:
        opening += 1
    approvals = [i for i in range(opening) if items[i].kind == "godkendelse"]
    return approvals[-1] + 1 if approvals else opening


def _reuse_review_item(meeting: Meeting) -> MeetingItem | None:
    for item in meeting.items:
        if item.kind == "opfoelgning":
            return item
    return None


def _reuse_escalations_item(meeting: Meeting) -> MeetingItem | None:
    for item in meeting.items:
        if item.title.casefold() == ESCALATIONS_ITEM_TITLE.casefold():
            return item
    return None


def _insert_item(meeting: Meeting, position: int, title: str, minutes: int) -> MeetingItem:
    item = MeetingItem(
        id=meeting.next_item_id(), title=title, planned_minutes=minutes, kind="opfoelgning"
    )
    meeting.items.insert(position, item)
    return item


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _listing(
    heading: str, followups: list[FollowUp], origins: Origins, today: date, *, counted: bool
) -> str:
    """The item's description: one line per follow-up, as the agenda sent out shows it."""
    lines = [f"{heading}:"]
    for followup in followups:
        parts = [followup.text]
        if followup.owner:
            parts.append(f"ansvarlig: {followup.owner}")
        if followup.due:
            overdue = " (overskredet)" if followup.is_overdue(today) else ""
            parts.append(f"frist: {format_date(followup.due)}{overdue}")
        origin = origins.of(followup)
        if followup.escalated_from is not None and origin.council_name:
            parts.append(f"fra {origin.council_name}")
        parts.append(f"aftalt {origin.label}")
        if counted:
            times = followup.carried_over + 1
            parts.append(f"overført {times} {'gang' if times == 1 else 'gange'}")
        lines.append("- " + " · ".join(parts))
    return "\n".join(lines)
