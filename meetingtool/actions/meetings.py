"""Starting a meeting so that it opens by looking at what was promised last time.

A new meeting of a council gets, besides the template's items:

- **"Opfølgning fra tidligere møder"** when the council has open follow-ups from earlier
  meetings. The template's own item of kind ``opfoelgning`` is reused when there is one;
  otherwise the item goes right after the approval items (kind ``godkendelse``) that open
  the agenda. Every follow-up still open from an earlier meeting (also a resident's task,
  which a triage round sees on its row instead) is counted as carried over once more.
- **"Sager fra andre fora"** when other councils have sent cases here that no meeting of
  this council has received yet (the template's item of that name is reused when there is
  one). Each case becomes a follow-up of this meeting (see ``escalation``), so its minutes
  show it and the next meeting reviews it like any other open follow-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from meetingtool.actions.escalation import deliver, waiting_for
from meetingtool.actions.items import (
    ESCALATIONS_ITEM_TITLE,
    REVIEW_ITEM_TITLE,
    add_item,
    after_approvals,
    escalation_line,
    is_review_item,
    receiving_item,
    review_item,
)
from meetingtool.core.dates import format_date
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.followups import carried_over_words, sort_for_review, titled
from meetingtool.core.model import (
    AgendaTemplate,
    Council,
    FollowUp,
    Meeting,
    MeetingItem,
    MeetingSummary,
)
from meetingtool.core.vocab import MEETING_KINDS, MeetingKind, MeetingStatus

__all__ = [
    "ESCALATIONS_ITEM_TITLE",
    "REVIEW_ITEM_TITLE",
    "Origin",
    "Origins",
    "check_template_fits",
    "escalations_received",
    "followups_to_review",
    "is_review_item",
    "meeting_on",
    "start_meeting",
    "start_new_meeting",
    "without_review_listing",
]


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


def followups_to_review(store, meeting: Meeting) -> list[FollowUp]:
    """The follow-ups to review at ``meeting``, overdue first, then by due date.

    Those still open from the council's earlier meetings, plus those already reviewed in this
    meeting (so a follow-up just marked Udført stays on the list while the chair goes on).
    """
    found = {f.id: f for f in _carried_into(meeting, store.open_followups(meeting.council_id))}
    changed = store.followups(meeting.council_id, changed_in=meeting.id)
    found.update((f.id, f) for f in _carried_into(meeting, changed))
    return sort_for_review(found.values(), meeting.date)


def check_template_fits(council: Council | None, template: AgendaTemplate) -> None:
    """Refuse a template of another kind than the council (a triage team's meeting made
    from the cross-cutting council's agenda would be filed, reviewed and exported wrongly)."""
    if council is None or council.kind == template.kind:
        return
    theirs = MEETING_KINDS.get(council.kind, council.kind)
    wanted = MEETING_KINDS.get(template.kind, template.kind)
    raise MeetingToolError(
        f"{council.name} holder møder af typen {theirs}, men skabelonen »{template.title}« "
        f"er til {wanted}. Vælg en skabelon af typen {theirs}, eller skriv et andet råd."
    )


def _carried_into(meeting: Meeting, followups: list[FollowUp]) -> list[FollowUp]:
    """The council's follow-ups from earlier meetings that ``meeting`` reviews.

    At a triage meeting a resident's tasks are seen on that resident's row in the round,
    so only the team's other follow-ups go on the review item: a 15-minute round has no
    ten minutes for a list of every red resident's assessment.
    """
    return [
        f for f in followups
        if f.meeting_id != meeting.id and not (meeting.kind == MeetingKind.TRIAGE and f.resident)
    ]


def escalations_received(store, meeting: Meeting) -> list[FollowUp]:
    """The cases other councils sent here, received on this meeting."""
    received = [f for f in store.followups(meeting_id=meeting.id)
                if f.escalated_from is not None and f.council_id == meeting.council_id]
    return sort_for_review(received, meeting.date)


def start_meeting(
    store, council_id: str, template: AgendaTemplate, on: date, **options
) -> Meeting:
    """Create a meeting of the council from ``template`` with follow-up review and escalations.

    ``options`` go on to ``store.create_meeting`` (title, place, start_time, theme).
    """
    meeting = store.create_meeting(council_id, template, on, **options)
    still_open = [f for f in store.open_followups(council_id) if f.meeting_id != meeting.id]
    carried = sort_for_review(_carried_into(meeting, still_open), on)
    waiting = waiting_for(store, council_id)
    if not still_open and not waiting:
        return meeting

    origins = Origins(store)
    if carried:
        minutes = (_clamp(len(carried), 1, 3) if meeting.kind == MeetingKind.TRIAGE
                   else _clamp(2 * len(carried), 5, 15))
        review = review_item(meeting) or add_item(
            meeting, after_approvals(meeting.items), REVIEW_ITEM_TITLE, minutes
        )
        review.description = _join(review.description, _listing(
            REVIEW_LISTING, carried, origins, on, counted=True
        ))
    placed: dict[int, tuple[MeetingItem, list[FollowUp]]] = {}  # item id -> its cases
    for followup in waiting:
        kind = _council_kind(store, followup.council_id)
        item = receiving_item(meeting, kind)
        placed.setdefault(item.id, (item, []))[1].append(followup)
    for received, cases in placed.values():
        if received.planned_minutes < 5 * len(cases):
            received.planned_minutes = _clamp(5 * len(cases), 5, 20)
        received.description = _join(received.description, _listing(
            RECEIVED_LISTING, cases, origins, on, counted=False
        ))
    # The agenda first, so a follow-up never points at an item that is not on disk.
    store.save_meeting(meeting)
    # One rule for the count everywhere: every open follow-up from an earlier meeting is
    # carried over once more, also a resident's task a triage round sees on its row.
    for followup in still_open:
        followup.carried_over += 1
        store.save_followup(followup)
    for received, cases in placed.values():
        for followup in cases:
            deliver(store, followup, meeting.id, received.id)
    return meeting


def _council_kind(store, council_id: str) -> str:
    try:
        return store.council(council_id).kind
    except NotFoundError:
        return ""


def start_new_meeting(
    store, template: AgendaTemplate, council_name: str, on: date, *, title: str | None = None
) -> Meeting:
    """Create a meeting of the council called ``council_name`` from ``template``.

    A council not seen before is created with the template's kind and members; then as
    ``start_meeting``. What the home screen's "Nyt møde" and ``meetingtool run`` share.
    """
    name = " ".join(council_name.split())
    if not name:
        raise MeetingToolError("Skriv rådets navn.")
    council = store.find_council(name)
    check_template_fits(council, template)
    council = council or store.ensure_council(name, template.kind, template.members)
    return start_meeting(store, council.id, template, on, title=(title or "").strip() or None)


def meeting_on(store, council_name: str, on: date) -> MeetingSummary | None:
    """The meeting the council called ``council_name`` already has on ``on``: one running
    first, then a planned one, then an ended one (the newest of each); None if none.

    ``run`` for a council and day opens that meeting rather than making an empty one
    beside it, which would look as if the decisions were gone.
    """
    council = store.find_council(" ".join(council_name.split()))
    if council is None:
        return None
    same_day = [s for s in store.meetings(council.id) if s.date == on]
    for status in (MeetingStatus.I_GANG, MeetingStatus.PLANLAGT, MeetingStatus.AFSLUTTET):
        found = [s for s in same_day if s.status == status]
        if found:
            return max(found, key=lambda s: s.id)
    return None


REVIEW_LISTING = "Åbne opfølgningspunkter fra tidligere møder"
RECEIVED_LISTING = "Sager sendt hertil fra andre råd og udvalg"


def without_review_listing(description: str) -> str:
    """The review item's description without the list written when the meeting was made.

    That list is the agenda as it was sent out; during the meeting the screen shows each
    follow-up as it stands now instead, so one closed a minute ago does not read as overdue.
    """
    kept = [part for part in description.split("\n\n")
            if not part.startswith(f"{REVIEW_LISTING}:")]
    return "\n\n".join(kept)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _join(description: str, listing: str) -> str:
    return "\n\n".join(part for part in (description, listing) if part)


def _listing(
    heading: str, followups: list[FollowUp], origins: Origins, today: date, *, counted: bool
) -> str:
    """The item's description: one line per follow-up, as the agenda sent out shows it."""
    lines = [f"{heading}:"]
    for followup in followups:
        origin = origins.of(followup)
        if not counted and followup.escalated_to is not None:
            lines.append(escalation_line(followup.text, origin.council_name,
                                         followup.escalated_to.reason))
            continue
        parts = [titled(followup)]
        if followup.owner:
            parts.append(f"ansvarlig: {followup.owner}")
        if followup.due:
            overdue = " (overskredet)" if followup.is_overdue(today) else ""
            parts.append(f"frist: {format_date(followup.due)}{overdue}")
        parts.append(f"aftalt {origin.label}")
        if counted:
            times = followup.carried_over + 1
            parts.append(carried_over_words(times))
        lines.append("- " + " · ".join(parts))
    return "\n".join(lines)
