"""Everything the minutes of one meeting need, gathered from the store in one go.

The exporters (docx, Markdown, JSON) and ``meetingtool show`` render a ``MinutesBundle``;
none of them talks to the store. ``collect_bundle`` only calls documented ``Store`` methods
(duck-typed: this module does not import ``meetingtool.store``), and it never writes.

What the bundle answers that the meeting alone does not:

- which follow-ups were *created* in the meeting, and which earlier ones were *reviewed* in
  it, with what became of them (closed, re-dated, carried over), read from their history
  entries that name this meeting;
- cases sent on to other councils from this meeting, and cases received from them;
- the council's follow-ups still open after the meeting (the last table of the minutes);
- whether the previous meeting's minutes were approved, and when the next meeting is.

The cases (sent on, received, answered) are gathered by ``export.bundle_cases``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from meetingtool.core.errors import NotFoundError
from meetingtool.core.followups import as_of, carried_over_until, naive
from meetingtool.core.indicators import Indicator, discussed
from meetingtool.core.model import (
    Borgergennemgang,
    Council,
    Decision,
    FollowUp,
    Meeting,
    MinutesApproval,
    Resident,
    StatusChange,
    TriageEntry,
)
from meetingtool.core.trials import Trial
from meetingtool.core.vocab import OPEN_FOLLOWUP_STATUSES, FollowUpStatus
from meetingtool.export.bundle_cases import CaseAnswer, EscalationLine, case_answers, case_lines

# Outcomes of a follow-up reviewed in a meeting (keys; Danish labels in OUTCOME_LABELS).
CLOSED = FollowUpStatus.UDFOERT
DROPPED = "udgaaet"
REDATED = "ny_frist"
CARRIED_OVER = "overfoert"
OUTCOME_LABELS = {
    CLOSED: "Udført",
    DROPPED: "Udgået",
    REDATED: "Ny frist",
    CARRIED_OVER: "Overført",
}


@dataclass
class ReviewedFollowUp:
    """An earlier follow-up as this meeting left it.

    ``changes`` are its history entries made in this meeting (may be empty when it was on
    the review list and simply carried over). ``origin_date`` is the day it was agreed.
    """

    followup: FollowUp
    outcome: str
    changes: list[StatusChange] = field(default_factory=list)
    origin_date: date | None = None
    origin_council: str = ""
    sent_to: str = ""  # the council it was sent on to, if it was

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    @property
    def comments(self) -> list[str]:
        return [change.comment for change in self.changes if change.comment.strip()]


@dataclass
class ApprovalInfo:
    """The previous meeting of the council and how its minutes were approved (if they were)."""

    meeting_id: int
    meeting_date: date
    approval: MinutesApproval | None


@dataclass
class MinutesBundle:
    """One meeting with everything its minutes show; built by ``collect_bundle``."""

    meeting: Meeting
    council: Council | None
    decisions: list[Decision]
    followups_created: list[FollowUp]
    followups_reviewed: list[ReviewedFollowUp]
    escalations_out: list[EscalationLine]
    escalations_in: list[EscalationLine]
    open_followups: list[FollowUp]
    previous: ApprovalInfo | None
    next_meeting: date | None
    triage_entries: list[TriageEntry] = field(default_factory=list)
    residents: dict[str, Resident] = field(default_factory=dict)
    meeting_dates: dict[int, date] = field(default_factory=dict)
    answers: list[CaseAnswer] = field(default_factory=list)
    borgergennemgange: list[Borgergennemgang] = field(default_factory=list)
    trends: dict[str, list[str | None]] = field(default_factory=dict)
    """Triage: each resident's colours at the team's latest meetings up to this one."""
    trials: list[Trial] = field(default_factory=list)
    """The council's trial actions taken up in this meeting (a step of theirs made here)."""
    personal: bool = False
    """The minutes name a resident (initials or room): internal, marked so on every page
    (decided by ``export.audience.prepare``)."""
    internal_included: bool = False
    """Exported with the internal follow-ups: "Intern" in title, header and file name."""
    residents_left_out: int = 0
    """Follow-ups naming a resident left out of minutes that go to residents and relatives."""
    indicators: list[Indicator] = field(default_factory=list)
    """The indicators the meeting discussed (``export.indicators.discussed``)."""

    def origin_date(self, followup: FollowUp) -> date | None:
        """The day the follow-up was agreed (its meeting's date, else its creation day)."""
        known = self.meeting_dates.get(followup.meeting_id)
        return known or followup.created.date()

    def decisions_for(self, item_id: int) -> list[Decision]:
        return [decision for decision in self.decisions if decision.item_id == item_id]

    def followups_for(self, item_id: int) -> list[FollowUp]:
        return [fu for fu in self.followups_created if fu.item_id == item_id]

    def unplaced_followups(self) -> list[FollowUp]:
        """Follow-ups of this meeting whose item no longer exists (item removed later)."""
        item_ids = {item.id for item in self.meeting.items}
        return [fu for fu in self.followups_created if fu.item_id not in item_ids]

    @property
    def is_triage(self) -> bool:
        return self.meeting.kind == "triage"


def collect_bundle(store, meeting_id: int) -> MinutesBundle:
    """Read everything the minutes of ``meeting_id`` need; raises NotFoundError if unknown."""
    meeting = store.meeting(meeting_id)
    try:
        council = store.council(meeting.council_id)
    except NotFoundError:
        council = None
    council_names: dict[str, str] = {meeting.council_id: meeting.council_name}

    def council_name(council_id: str) -> str:
        if council_id not in council_names:
            try:
                council_names[council_id] = store.council(council_id).name
            except NotFoundError:
                council_names[council_id] = council_id
        return council_names[council_id]

    summaries = store.meetings(meeting.council_id)
    meeting_dates = {summary.id: summary.date for summary in summaries}
    meeting_dates[meeting.id] = meeting.date

    # Everything as it stood when the meeting ended: minutes exported again later (or
    # already approved) must not pick up what happened at later meetings.
    end_of_meeting = meeting.ended_at or datetime.combine(meeting.date, datetime.max.time())
    later_starts = sorted(
        datetime.combine(summary.date, datetime.min.time()) for summary in summaries
        if (summary.date, summary.id) > (meeting.date, meeting.id)
    )
    current = store.followups(meeting.council_id)
    everything = [_then(fu, end_of_meeting, meeting, later_starts) for fu in current]
    created = [fu for fu in everything if fu.meeting_id == meeting.id]
    created.sort(key=_item_order(meeting))

    reviewed = _reviewed(meeting, everything, meeting_dates, store, council_name)
    escalations_out, escalations_in = case_lines(
        meeting, current, store, council_name, end_of_meeting
    )

    position = (meeting.date, meeting.id)
    open_after = [
        fu
        for fu in everything
        if fu.is_open
        and (fu.meeting_id == meeting.id
             or (fu.meeting_id in meeting_dates
                 and (meeting_dates[fu.meeting_id], fu.meeting_id) < position
                 and naive(fu.created) <= naive(end_of_meeting)))
    ]
    open_after.sort(key=lambda fu: (fu.due or date.max, fu.created, fu.id))

    previous = None
    before = store.previous_meeting(meeting.id)
    if before is not None:
        previous = ApprovalInfo(before.id, before.date, before.approval)
    answers = case_answers(meeting, current, store, council_name, end_of_meeting,
                            before.date if before is not None else None)

    next_meeting = meeting.next_meeting
    if next_meeting is None:
        later = [s.date for s in summaries if s.id != meeting.id and s.date > meeting.date]
        next_meeting = min(later) if later else None

    triage_entries: list[TriageEntry] = []
    residents: dict[str, Resident] = {}
    borgergennemgange: list[Borgergennemgang] = []
    trends: dict[str, list[str | None]] = {}
    if meeting.kind == "triage" or meeting.triage is not None:
        triage_entries = list(store.triage_entries(meeting.id))
        residents = {
            resident.id: resident
            for resident in store.residents(meeting.council_id, include_inactive=True)
        }
        trends = _trends(store, meeting, summaries)
        borgergennemgange = [
            review for resident_id in residents
            for review in store.borgergennemgange(resident_id)
            if review.meeting_id == meeting.id
        ]

    return MinutesBundle(
        meeting=meeting,
        council=council,
        decisions=list(store.decisions(meeting.id)),
        followups_created=created,
        followups_reviewed=reviewed,
        escalations_out=escalations_out,
        escalations_in=escalations_in,
        open_followups=open_after,
        previous=previous,
        next_meeting=next_meeting,
        triage_entries=triage_entries,
        residents=residents,
        meeting_dates=meeting_dates,
        answers=answers,
        borgergennemgange=borgergennemgange,
        trends=trends,
        trials=[trial for trial in store.trials(meeting.council_id)
                if any(step.meeting_id == meeting.id for step in trial.history)],
        indicators=discussed(meeting, store.indicators(meeting.council_id)),
    )


TREND_MEETINGS = 5
"""How many of the team's meetings (this one the last) the trend in the minutes covers."""


def _trends(store, meeting: Meeting, summaries) -> dict[str, list[str | None]]:
    """Each resident's colour at the team's last ``TREND_MEETINGS`` meetings up to this one
    (None where not rated), oldest first."""
    position = (meeting.date, meeting.id)
    earlier = sorted((s for s in summaries
                      if s.kind == meeting.kind and (s.date, s.id) < position),
                     key=lambda s: (s.date, s.id))[-(TREND_MEETINGS - 1):]
    rounds = [{e.resident_id: e.colour for e in store.triage_entries(s.id)} for s in earlier]
    rounds.append({e.resident_id: e.colour for e in store.triage_entries(meeting.id)})
    residents = {resident_id for colours in rounds for resident_id in colours}
    return {resident_id: [colours.get(resident_id) for colours in rounds]
            for resident_id in residents}


def _item_order(meeting: Meeting):
    position: dict[int | None, int] = {item.id: index for index, item in enumerate(meeting.items)}

    def key(followup: FollowUp):
        return (position.get(followup.item_id, len(position)), followup.created, followup.id)

    return key


def _then(followup: FollowUp, end: datetime, meeting: Meeting, later_starts) -> FollowUp:
    """The follow-up as ``meeting`` left it, with the carry-over count it had then
    (``later_starts``: when the council's later meetings began, in order)."""
    then = as_of(followup, end, meeting.id)
    then.carried_over = carried_over_until(followup, later_starts)
    return then


def _reviewed(meeting, followups, meeting_dates, store, council_name) -> list[ReviewedFollowUp]:
    """Earlier follow-ups changed in this meeting, or still open at it (carried over)."""
    found = []
    for followup in followups:
        if followup.meeting_id == meeting.id:
            continue
        origin_date = meeting_dates.get(followup.meeting_id)
        origin_council = ""
        if origin_date is None:  # a case from another council's meeting
            if followup.escalated_from is None:
                continue
            try:
                origin = store.meeting(followup.meeting_id)
            except NotFoundError:
                continue
            origin_date, origin_council = origin.date, council_name(origin.council_id)
        if origin_date > meeting.date:
            continue
        changes = [c for c in followup.history if c.meeting_id == meeting.id]
        if changes:
            outcome = _outcome(followup.history, changes)
        elif _open_on(followup, meeting.date):
            if followup.escalated_from is not None and not meeting_dates.get(followup.meeting_id):
                continue  # still waiting for this council's first meeting after it arrived
            outcome = CARRIED_OVER
        else:
            continue
        sent = followup.escalated_to
        sent_to = council_name(sent.to_council_id) if sent is not None else ""
        found.append(
            ReviewedFollowUp(followup, outcome, changes, origin_date, origin_council, sent_to)
        )
    order = {CLOSED: 0, DROPPED: 1, REDATED: 2, CARRIED_OVER: 3}
    found.sort(key=lambda r: (order[r.outcome], r.origin_date or date.min, r.followup.id))
    return found


def _outcome(history: list[StatusChange], changes: list[StatusChange]) -> str:
    last = changes[-1]
    if last.status == FollowUpStatus.UDFOERT:
        return CLOSED
    if last.status == "udgaaet":
        return DROPPED
    for change in changes:
        index = history.index(change)
        before = history[index - 1] if index > 0 else None
        if change.due is not None and (before is None or before.due != change.due):
            return REDATED
    return CARRIED_OVER


def _open_on(followup: FollowUp, day: date) -> bool:
    """Whether the follow-up was open on ``day`` (from its history; its status if none)."""
    status = None
    for change in followup.history:
        if change.at.date() < day:
            status = change.status
    if status is None:
        status = followup.status if not followup.history else followup.history[0].status
    return status in OPEN_FOLLOWUP_STATUSES
