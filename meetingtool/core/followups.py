"""The rules for reviewing follow-ups (opfølgningspunkter), kept apart from storage and screens.

A council reviews its open follow-ups at every meeting. What is late must be seen first, and
a follow-up that keeps being carried over from meeting to meeting without moving is a sign
that it is stuck and should be re-dated, handed to someone else or escalated.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime

from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import FollowUp, StatusChange
from meetingtool.core.vocab import FOLLOWUP_STATUSES, OPEN_FOLLOWUP_STATUSES

CARRY_OVER_WARNING = 3
"""After being carried over this many meetings while still open, a follow-up is flagged."""


def sort_for_review(followups: Iterable[FollowUp], today: date) -> list[FollowUp]:
    """Order follow-ups as a council reviews them; returns a new list.

    Overdue ones first, then by due date (earliest first), those without a due date last;
    ties are broken by when the follow-up was created (oldest first). Among the overdue the
    one that has waited longest comes first, since its due date is the earliest.
    """
    return sorted(
        followups,
        key=lambda fu: (
            not fu.is_overdue(today),
            fu.due is None,
            fu.due or date.min,
            fu.created,
        ),
    )


def needs_attention(followup: FollowUp) -> bool:
    """True when an open follow-up has been carried over ``CARRY_OVER_WARNING`` times or more
    since the meeting last decided something about it (``FollowUp.carried_at_decision``)."""
    return followup.is_open and carried_since_decision(followup) >= CARRY_OVER_WARNING


def carried_since_decision(followup: FollowUp) -> int:
    """Carried over since the last review decision (the whole count stays in ``carried_over``)."""
    return max(followup.carried_over - followup.carried_at_decision, 0)


def titled(followup: FollowUp) -> str:
    """The follow-up's text naming the resident it is about, where it has one.

    A colour-rule task from a triage round is "Sygeplejefaglig vurdering – senest ..." for
    every red resident; on a list of follow-ups it must say whom it is for. A case sent on
    from the round already starts with the resident ("AB, stue 12: ...").
    """
    who = followup.resident.strip()
    if not who or followup.text.startswith(f"{who}:"):
        return followup.text
    return f"{followup.text} ({who})"


def as_of(followup: FollowUp, moment: datetime, meeting_id: int | None = None) -> FollowUp:
    """The follow-up as it stood at ``moment``: a copy, the original is left alone.

    Minutes exported again months later must say what held at that meeting, not what has
    happened since (an approved referat must not change). Each history entry records the
    status, due date and owner after a change, so the last entry made by ``moment`` (or in
    meeting ``meeting_id``, whenever it was typed) is the state then; later entries, and a
    sending-on to another council made later, are dropped from the copy. One made after
    ``moment`` comes back as it was made; one without history (older data) as it is.
    """
    kept = [
        change
        for change in followup.history
        if naive(change.at) <= naive(moment)
        or (meeting_id is not None and change.meeting_id == meeting_id)
    ]
    if not followup.history:
        return replace(followup, history=[])
    kept = kept or followup.history[:1]  # not made yet: as it was when made
    last = kept[-1]
    sent = followup.escalated_to
    if sent is not None and not any(naive(c.at) >= naive(sent.at) for c in kept):
        sent = None  # sent on later
    return replace(followup, status=last.status, due=last.due, owner=last.owner, history=kept,
                   escalated_to=sent)


def carried_over_until(followup: FollowUp, later_starts: Sequence[datetime]) -> int:
    """How many times the follow-up had been carried over when a given meeting was held.

    ``later_starts`` are the beginnings (midnight of their day), in order, of the council's
    meetings held after that one. The stored count is the newest; each later meeting that
    began while the follow-up was open carried it once more, so those are taken off again.
    Counted from the history's open stretches with a binary search, so a council with
    thousands of meetings and follow-ups still exports in a moment.
    """
    history = followup.history
    if not history:
        return followup.carried_over
    later = 0
    # Entry i holds from its own moment until the next entry's; before the first entry the
    # follow-up is as it was made (open).
    edges = [None, *(naive(change.at) for change in history), None]
    statuses = [history[0].status, *(change.status for change in history)]
    for index, status in enumerate(statuses):
        if status not in OPEN_FOLLOWUP_STATUSES:
            continue
        start, end = edges[index], edges[index + 1]
        low = 0 if start is None else bisect_left(later_starts, start)
        high = len(later_starts) if end is None else bisect_left(later_starts, end)
        later += max(high - low, 0)
    return max(followup.carried_over - later, 0)


def naive(moment: datetime) -> datetime:
    """A moment without its time zone, so stored naive and aware times compare."""
    return moment.replace(tzinfo=None)


def carried_over_words(times: int) -> str:
    """"overført 1 gang", "overført 3 gange"."""
    return f"overført {times} {'gang' if times == 1 else 'gange'}"


def owner_matches(owner: str, wanted: str) -> bool:
    """Whether ``wanted`` starts a word of ``owner``, ignoring case: "Hanne" finds
    "Kvalitetsleder Hanne" and "hanne" finds "Hanne Ø.", but not "Johanne"."""
    wanted = " ".join(wanted.split()).casefold()
    if not wanted:
        return False
    name = " ".join(owner.split()).casefold()
    return re.search(r"(?:^|[\s\-/(,.])" + re.escape(wanted), name) is not None


def check_status(status: str | None) -> None:
    """Refuse a follow-up status that is not one of the four (before anything is read)."""
    if status is not None and status not in FOLLOWUP_STATUSES:
        raise MeetingToolError(
            f"Ukendt status '{status}'. Brug en af: {', '.join(FOLLOWUP_STATUSES)}.")


def change_followup(followup: FollowUp, at: datetime, *, status: str | None = None,
                    due: date | None = None, owner: str | None = None,
                    text: str | None = None, comment: str = "",
                    meeting_id: int | None = None, internal: bool | None = None,
                    clear_due: bool = False) -> None:
    """Apply a change to ``followup`` and add its history entry (when, which meeting, the
    status, due date and owner after it, the comment): the rule every store backend uses."""
    check_status(status)
    if status is not None:
        followup.status = status
    if due is not None or clear_due:
        followup.due = due
    if owner is not None:
        followup.owner = owner
    if text is not None:
        followup.text = text
    if internal is not None:
        followup.internal = internal
    followup.history.append(StatusChange(
        at=at, status=followup.status, meeting_id=meeting_id, due=followup.due,
        owner=followup.owner, comment=comment))
