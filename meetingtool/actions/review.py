"""Reviewing follow-ups at a meeting, and approving the previous meeting's minutes.

Every review action goes through ``store.update_followup`` so that it lands in the
follow-up's history with the meeting it happened in. When the follow-up is a case another
council escalated here, a change of status is also written into the history of the
follow-up it came from, so the sending council sees what became of it.
"""

from __future__ import annotations

from datetime import date

from meetingtool.core.dates import format_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import FollowUp, Meeting, MinutesApproval
from meetingtool.core.vocab import FOLLOWUP_STATUSES, FollowUpStatus, status_key


def review_followup(
    store,
    followup_id: str,
    meeting_id: int | None,
    *,
    status: str | None = None,
    due: date | None = None,
    owner: str | None = None,
    comment: str = "",
) -> FollowUp:
    """Record what the meeting decided about a follow-up; returns it as stored now.

    ``status`` may be a key ("udfoert") or the Danish word ("Udført"). Nothing given at all
    (no status, due date, owner or comment) is refused, so history holds no empty entries.
    """
    comment = comment.strip()
    if status is not None:
        key = status_key(status, FOLLOWUP_STATUSES)
        if key is None:
            valid = ", ".join(FOLLOWUP_STATUSES.values())
            raise MeetingToolError(f"Ukendt status '{status}'. Gyldige: {valid}.")
        status = key
    if owner is not None:
        owner = owner.strip()
        if not owner:
            raise MeetingToolError("Skriv navnet på den nye ansvarlige.")
    if status is None and due is None and owner is None and not comment:
        raise MeetingToolError("Intet at gemme: vælg en status, en frist, en ansvarlig "
                               "eller skriv en kommentar.")
    before = store.followup(followup_id)
    updated = store.update_followup(
        followup_id, status=status, due=due, owner=owner, comment=comment, meeting_id=meeting_id
    )
    decided = (due is not None or owner is not None
               or status in (FollowUpStatus.UDFOERT, FollowUpStatus.UDGAAET))
    if decided and updated.carried_at_decision != updated.carried_over:
        # The warning offers these as its ways out: taken, it starts counting afresh.
        updated.carried_at_decision = updated.carried_over
        store.save_followup(updated)
    if status is not None and status != before.status:
        _tell_source(store, updated, comment)
    return updated


def _tell_source(store, followup: FollowUp, comment: str) -> None:
    """Write a received case's new status into the sending council's follow-up."""
    origin = followup.escalated_from
    if origin is None or not origin.source_followup_id:
        return
    council = store.council(followup.council_id)
    note = f"{council.name}: {FOLLOWUP_STATUSES[followup.status]}"
    if comment:
        note += f" – {comment}"
    store.update_followup(origin.source_followup_id, comment=note)


# --- Godkendelse af referat ------------------------------------------------------------


def approve_minutes(
    store, previous_meeting_id: int, in_meeting_id: int, corrections: str = ""
) -> Meeting:
    """Mark the previous meeting's minutes godkendt (or godkendt med rettelser).

    The approval is stored on the previous meeting, dated the day of the approving meeting;
    approving again replaces it (the chair corrected a mistake).
    """
    previous = store.meeting(previous_meeting_id)
    approving = store.meeting(in_meeting_id)
    if previous.id == approving.id:
        raise MeetingToolError("Et møde kan ikke godkende sit eget referat.")
    if previous.council_id != approving.council_id:
        raise MeetingToolError(
            f"Referatet fra {previous.council_name} kan kun godkendes af samme råd, "
            f"ikke af {approving.council_name}."
        )
    if previous.date > approving.date:
        raise MeetingToolError(
            f"Mødet {format_date(previous.date)} ligger efter {format_date(approving.date)}; "
            "kun et tidligere referat kan godkendes."
        )
    previous.approval = MinutesApproval(
        approved_on=approving.date,
        approved_in_meeting_id=approving.id,
        corrections=corrections.strip(),
    )
    store.save_meeting(previous)
    return previous


def approval_text(approval: MinutesApproval | None) -> str:
    """How an approval reads on screen and in lists, e.g. "Godkendt 22. november 2026"."""
    if approval is None:
        return "Ikke godkendt"
    when = format_date(approval.approved_on)
    if approval.with_corrections:
        return f"Godkendt med rettelser {when}: {approval.corrections}"
    return f"Godkendt {when}"


MISTAKE_COMMENT = "Fjernet under mødet: oprettet ved en fejl"


def correct_followup(store, followup_id: str, meeting_id: int, *, text: str, owner: str,
                     due: date | None, internal: bool) -> FollowUp:
    """Fix what was typed for a follow-up (text, owner, due date, internal) in its meeting.

    The change lands in the follow-up's history ("Rettet"), so the minutes and a later
    review see it as the meeting left it.
    """
    text = text.strip()
    if not text:
        raise MeetingToolError("Skriv hvad der skal ske – opfølgningen er tom.")
    before = store.followup(followup_id)
    if (before.text, before.owner, before.due, before.internal) == (text, owner, due, internal):
        return before
    return store.update_followup(
        followup_id, text=text, owner=owner, due=due, clear_due=due is None,
        internal=internal, comment="Rettet", meeting_id=meeting_id,
    )


def remove_followup(store, followup_id: str, meeting_id: int) -> str:
    """Take away a follow-up typed by mistake; returns what was done, in Danish.

    One made in this meeting, and changed (corrected) only in it, is deleted. One with a
    history from other meetings or sent on to another council is kept and set Udgået
    instead, so what others saw of it still adds up.
    """
    followup = store.followup(followup_id)
    if only_of_this_meeting(followup, meeting_id):
        store.delete_followup(followup_id)
        return f"Opfølgningen »{followup.text}« er fjernet."
    store.update_followup(followup_id, status=FollowUpStatus.UDGAAET, comment=MISTAKE_COMMENT,
                          meeting_id=meeting_id)
    return f"Opfølgningen »{followup.text}« er sat til Udgået (den har en historik)."


def only_of_this_meeting(followup: FollowUp, meeting_id: int) -> bool:
    """Made in the meeting and only ever changed in it, never sent between councils: one
    that can go without a trace (a mistake, or a rule task the colour no longer asks for)."""
    return (followup.meeting_id == meeting_id
            and all(change.meeting_id == meeting_id for change in followup.history)
            and followup.escalated_to is None and followup.escalated_from is None)
