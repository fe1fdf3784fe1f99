"""Sending a follow-up, or a point from a meeting, on to another council.

The chain in the seeds: team triage → kvalitetsudvalg → tværgående kvalitetsråd. An
escalation makes a new follow-up on the receiving council (``escalated_from`` set), which
waits for that council's next meeting and appears there under "Sager fra andre fora" (see
``meetingtool.actions.meetings``). The sending follow-up gets ``escalated_to`` and is set
I gang; both carry the same ``Escalation``, so each side can show where the case went and,
through ``counterpart``, what became of it.
"""

from __future__ import annotations

from datetime import date

from meetingtool.core.dates import format_date
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.model import Council, Escalation, FollowUp
from meetingtool.core.vocab import FOLLOWUP_STATUSES


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


def escalate(
    store,
    source: str | tuple[int, int | None, str],
    to_council: str,
    reason: str,
    *,
    meeting_id: int | None = None,
    owner: str = "",
    due: date | None = None,
) -> FollowUp:
    """Send a follow-up (its id) or a point ``(meeting_id, item_id, text)`` to another council.

    ``to_council`` is the receiving council's id or name. ``meeting_id`` is the meeting in
    which it was decided to send it (for the sending follow-up's history; a point's own
    meeting when not given). Returns the receiving council's new follow-up.
    """
    reason = reason.strip()
    if not reason:
        raise MeetingToolError("Skriv kort, hvorfor sagen sendes videre.")
    target_council = find_council(store, to_council)
    if isinstance(source, str):
        sending = store.followup(source)
    else:
        point_meeting_id, item_id, text = source
        if not text.strip():
            raise MeetingToolError("Skriv, hvad sagen drejer sig om.")
        sending = store.add_followup(point_meeting_id, item_id, text.strip())
        meeting_id = meeting_id if meeting_id is not None else point_meeting_id
    if sending.council_id == target_council.id:
        raise MeetingToolError(f"Sagen hører allerede til {target_council.name}.")
    if sending.escalated_to is not None:
        already = store.council(sending.escalated_to.to_council_id).name
        raise MeetingToolError(f"Sagen er allerede sendt til {already}.")
    from_council = store.council(sending.council_id)

    # Made on the sending meeting (the store needs one); its council is then changed, and it
    # moves to the receiving council's meeting when one starts.
    receiving = store.add_followup(
        sending.meeting_id,
        sending.item_id,
        sending.text,
        owner=owner.strip(),
        due=due,
        internal=sending.internal,
        resident=sending.resident,
    )
    escalation = Escalation(
        from_council_id=from_council.id,
        to_council_id=target_council.id,
        reason=reason,
        at=receiving.created,
        source_followup_id=sending.id,
        target_followup_id=receiving.id,
    )
    receiving.council_id = target_council.id
    receiving.escalated_from = escalation
    if receiving.history:
        receiving.history[0].comment = f"Sendt fra {from_council.name}: {reason}"
    store.save_followup(receiving)

    sending = store.followup(sending.id)
    sending.escalated_to = escalation
    store.save_followup(sending)
    store.update_followup(
        sending.id,
        status="i_gang" if sending.status == "aaben" else None,
        comment=f"Sendt til {target_council.name}: {reason}",
        meeting_id=meeting_id,
    )
    return store.followup(receiving.id)


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


def escalation_text(store, followup: FollowUp) -> str:
    """One line for either side, e.g. "Sendt til Kvalitetsudvalg 12. november 2026 – der: I gang".

    Empty when the follow-up was never escalated.
    """
    if followup.escalated_to is not None:
        escalation = followup.escalated_to
        council = _council_name(store, escalation.to_council_id)
        text = f"Sendt til {council} {format_date(escalation.at.date())}"
    elif followup.escalated_from is not None:
        escalation = followup.escalated_from
        council = _council_name(store, escalation.from_council_id)
        text = f"Fra {council} {format_date(escalation.at.date())}: {escalation.reason}"
    else:
        return ""
    other = counterpart(store, followup)
    if other is not None:
        text += f" – der: {FOLLOWUP_STATUSES.get(other.status, other.status)}"
    return text


def _council_name(store, council_id: str) -> str:
    try:
        return store.council(council_id).name
    except NotFoundError:
        return council_id
