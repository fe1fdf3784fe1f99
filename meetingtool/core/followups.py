"""The rules for reviewing follow-ups (opfølgningspunkter), kept apart from storage and screens.

A council reviews its open follow-ups at every meeting. What is late must be seen first, and
a follow-up that keeps being carried over from meeting to meeting without moving is a sign
that it is stuck and should be re-dated, handed to someone else or escalated.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from meetingtool.core.model import FollowUp

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
    """True when an open follow-up has been carried over ``CARRY_OVER_WARNING`` times or more."""
    return followup.is_open and followup.carried_over >= CARRY_OVER_WARNING


def overdue_days(followup: FollowUp, today: date) -> int:
    """How many days an open follow-up is past its due date; 0 when it is not overdue."""
    if not followup.is_overdue(today):
        return 0
    assert followup.due is not None  # is_overdue checked it
    return (today - followup.due).days
