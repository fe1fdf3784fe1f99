"""Sending a follow-up, or a point from a meeting, on to another council.

The chain in the seeds: team triage → kvalitetsudvalg → tværgående kvalitetsråd. The
sending follow-up gets ``escalated_to`` and is set I gang. The receiving council gets its own
follow-up (``escalated_from`` set) on the item of its next meeting that receives such cases
(``items.receiving_item``: "Nye sager fra teamenes triage" for a team's case, "Sager fra
andre fora" for the others):

- if that council already has a planned meeting (status planlagt, not before today), the
  case is placed on it at once;
- otherwise the case waits on the sending side (``escalated_to.target_followup_id`` is
  None) and ``meetings.start_meeting`` places it when the council's next meeting is made.

A follow-up always lives in a meeting of its own council (the store keeps it in that
meeting's file, and the minutes list it there), which is why a waiting case is not made
before the receiving council has a meeting. Both sides carry the same ``Escalation``, so
each can show where the case went and, through ``counterpart``, what became of it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from meetingtool.actions.councils import ensure_council_with_members
from meetingtool.actions.items import escalation_line, receiving_item
from meetingtool.core.cases import LatestWord, case_path, latest_word
from meetingtool.core.dates import format_date
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.model import Council, Escalation, FollowUp, Meeting
from meetingtool.core.vocab import FOLLOWUP_STATUSES, MEETING_KINDS, FollowUpStatus, MeetingStatus


class UnknownCouncilError(NotFoundError):
    """The receiving council does not exist; the UI offers to create it or cancel."""

    def __init__(self, name: str, known: list[str]) -> None:
        listed = ", ".join(known) if known else "ingen endnu"
        super().__init__(
            f"Rådet '{name}' findes ikke. Opret det, eller fortryd. Kendte råd: {listed}."
        )
        self.name = name


def find_council(store, name_or_id: str) -> Council:
    """The council with this id or (case-insensitive) name; UnknownCouncilError if none."""
    wanted = name_or_id.strip()
    try:
        return store.council(wanted)
    except NotFoundError:
        pass
    found = store.find_council(wanted)
    if found is None:
        raise UnknownCouncilError(wanted, [council.name for council in store.councils()])
    return found


def create_council(store, name: str) -> Council:
    """Create the council a user named when escalating ("opret det").

    The kind is read from the name when it names one ("... kvalitetsudvalg"); a forum the
    vocabulary does not know (lederforum, velfærdsforum) sits above the councils in the
    chain, so it is filed with the cross-cutting quality council's kind.
    """
    name = name.strip()
    if not name:
        raise MeetingToolError("Skriv rådets navn.")
    folded = name.casefold()
    kind = "tvaergaaende-kvalitetsraad"
    for key, label in sorted(MEETING_KINDS.items(), key=lambda pair: -len(pair[1])):
        if label.casefold() in folded or key in folded:
            kind = key
            break
    return ensure_council_with_members(store, name, kind)


def escalate(
    store,
    source: str | tuple[int, int | None, str],
    to_council: str,
    reason: str,
    *,
    meeting_id: int | None = None,
    today: date | None = None,
) -> FollowUp:
    """Send a follow-up (its id) or a point ``(meeting_id, item_id, text)`` to another council.

    ``to_council`` is the receiving council's id or name (``UnknownCouncilError`` when it
    has neither). ``meeting_id`` is the meeting in which it was decided to send it, for the
    sending follow-up's history (a point's own meeting when not given).

    Returns the receiving council's new follow-up when it could be placed on a planned
    meeting, otherwise the sending follow-up, whose ``escalated_to`` says where it waits.
    """
    reason = reason.strip()
    if not reason:
        raise MeetingToolError("Skriv kort, hvorfor sagen sendes videre.")
    target = find_council(store, to_council)
    if isinstance(source, str):
        sending = store.followup(source)
    else:
        point_meeting_id, item_id, text = source
        if not text.strip():
            raise MeetingToolError("Skriv, hvad sagen drejer sig om.")
        if store.meeting(point_meeting_id).council_id == target.id:
            raise MeetingToolError(f"Sagen hører allerede til {target.name}.")
        sending = store.add_followup(point_meeting_id, item_id, text.strip())
        meeting_id = meeting_id if meeting_id is not None else point_meeting_id
    if sending.council_id == target.id:
        raise MeetingToolError(f"Sagen hører allerede til {target.name}.")
    if sending.escalated_to is not None:
        raise MeetingToolError(
            "Sagen er allerede sendt til "
            f"{_council_name(store, sending.escalated_to.to_council_id)}."
        )
    sending = store.update_followup(
        sending.id,
        status=FollowUpStatus.I_GANG if sending.status == FollowUpStatus.AABEN else None,
        comment=f"Sendt til {target.name}: {reason}",
        meeting_id=meeting_id,
    )
    sending.escalated_to = Escalation(
        from_council_id=sending.council_id,
        to_council_id=target.id,
        reason=reason,
        at=sending.history[-1].at,
        source_followup_id=sending.id,
    )
    store.save_followup(sending)

    upcoming = planned_meeting(store, target.id, today or sending.history[-1].at.date())
    if upcoming is None:
        return sending
    item = receiving_item(upcoming, _council_kind(store, sending.council_id))
    line = escalation_line(sending.text, _council_name(store, sending.council_id), reason)
    item.description = f"{item.description}\n{line}" if item.description else line
    store.save_meeting(upcoming)
    return deliver(store, sending, upcoming.id, item.id)


def planned_meeting(store, council_id: str, on: date) -> Meeting | None:
    """The council's next planned meeting (not started, not before ``on``), if it has one."""
    planned = [s for s in store.meetings(council_id)
               if s.status == MeetingStatus.PLANLAGT and s.date >= on]
    if not planned:
        return None
    return store.meeting(min(planned, key=lambda s: (s.date, s.id)).id)


def waiting_for(store, council_id: str) -> list[FollowUp]:
    """Cases sent to ``council_id`` that no meeting of it has received yet, oldest first."""
    waiting = [
        followup
        for council in store.councils()
        if council.id != council_id
        for followup in store.open_followups(council.id)
        if followup.escalated_to is not None
        and followup.escalated_to.to_council_id == council_id
        and not followup.escalated_to.target_followup_id
    ]
    waiting.sort(key=lambda f: (f.escalated_to.at, f.id))
    return waiting


def deliver(store, sending: FollowUp, meeting_id: int, item_id: int) -> FollowUp:
    """Make the receiving follow-up on ``meeting_id``'s item and link both sides."""
    escalation = sending.escalated_to
    assert escalation is not None
    receiving = store.add_followup(
        meeting_id, item_id, sending.text, internal=sending.internal, resident=sending.resident
    )
    escalation = replace(escalation, target_followup_id=receiving.id)
    receiving.escalated_from = escalation
    from_name = _council_name(store, escalation.from_council_id)
    receiving.history[0].comment = f"Sendt fra {from_name}: {escalation.reason}"
    store.save_followup(receiving)
    sending = store.followup(sending.id)
    sending.escalated_to = escalation
    store.save_followup(sending)
    return receiving


def counterpart(store, followup: FollowUp) -> FollowUp | None:
    """The other side of an escalation: where it went (or where it came from)."""
    if followup.escalated_to is not None:
        other = followup.escalated_to.target_followup_id
    elif followup.escalated_from is not None:
        other = followup.escalated_from.source_followup_id
    else:
        return None
    if not other:
        return None
    try:
        return store.followup(other)
    except NotFoundError:
        return None


def case_word(store, followup: FollowUp) -> LatestWord | None:
    """The latest word on the case ``followup`` is part of, from wherever it is now
    (None when it was never sent between councils)."""
    if followup.escalated_to is None and followup.escalated_from is None:
        return None
    path = case_path(followup, lambda other: _followup_or_none(store, other))
    return latest_word(path, lambda council_id: _council_name(store, council_id))


def escalation_text(store, followup: FollowUp) -> str:
    """One line for either side, e.g. "Sendt til Kvalitetsudvalg 12. november 2026 – der:
    I gang · ansvarlig: Hanne · frist 1. december 2026", or, when the case has gone on,
    "... – nu i Tværgående kvalitetsråd: Udført · besluttet fælles instruks".

    Empty when the follow-up was never escalated.
    """
    word = case_word(store, followup)
    if word is None:
        return ""
    if followup.escalated_to is not None:
        escalation = followup.escalated_to
        council = _council_name(store, escalation.to_council_id)
        text = f"Sendt til {council} {format_date(escalation.at.date())}"
        if not escalation.target_followup_id:
            return text + f" – venter på næste møde i {council}"
        if word.waiting or word.council_id != escalation.to_council_id:
            return f"{text} – nu {_where_now(word)}"
        return f"{text} – der: {word.said()}"
    source = followup.escalated_from
    assert source is not None
    council = _council_name(store, source.from_council_id)
    text = f"Fra {council} {format_date(source.at.date())}: {source.reason}"
    other = counterpart(store, followup)
    if other is not None:
        text += f" – der: {FOLLOWUP_STATUSES.get(other.status, other.status)}"
    return text


def _where_now(word: LatestWord) -> str:
    if word.waiting:
        return f"på vej til {word.council_name} (venter på næste møde)"
    return f"i {word.council_name}: {word.said()}"


def _followup_or_none(store, followup_id: str) -> FollowUp | None:
    try:
        return store.followup(followup_id)
    except NotFoundError:
        return None


def _council_kind(store, council_id: str) -> str:
    try:
        return store.council(council_id).kind
    except NotFoundError:
        return ""


def _council_name(store, council_id: str) -> str:
    try:
        return store.council(council_id).name
    except NotFoundError:
        return council_id
