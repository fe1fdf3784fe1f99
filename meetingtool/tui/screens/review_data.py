"""What the review screen shows, read on the app's writer (never on the screen's thread).

``read_review`` reads the list and everything its panel needs in one job: each
follow-up's origin (meeting and item), the line about where an escalated case has gone,
and the dates of the meetings named in the history shown. The screen then draws and
describes without touching the store. After a change, ``reread_followup`` reads the one
follow-up again, and the screen takes it in (``ReviewData.take``) on its own thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from meetingtool.actions.escalation import escalation_text
from meetingtool.actions.meetings import (
    Origin,
    Origins,
    escalations_received,
    followups_to_review,
)
from meetingtool.core.model import FollowUp, Meeting

__all__ = ["HISTORY_SHOWN", "Reread", "ReviewData", "read_review", "reread_followup"]

HISTORY_SHOWN = 6
"""The newest history entries the panel lists (the meetings they name are read)."""


@dataclass
class Reread:
    """One follow-up read again after a change, with what its row and panel need."""

    followup: FollowUp
    origin: Origin
    escalation: str
    meeting_dates: dict[int, date | None]


@dataclass
class ReviewData:
    """The meeting, its review list in order, and what the panel says about each."""

    meeting: Meeting
    followups: dict[str, FollowUp]
    """By id, in the list's order: other councils' cases first, then overdue first."""
    received: set[str]
    """Ids of the cases other councils sent here."""
    origins: dict[str, Origin] = field(default_factory=dict)
    escalations: dict[str, str] = field(default_factory=dict)
    meeting_dates: dict[int, date | None] = field(default_factory=dict)
    reader: Any = None
    """The writer's cache of meetings read (``Origins``): used on the writer only."""

    def take(self, reread: Reread) -> None:
        """On the screen's thread: a follow-up read again replaces the one listed."""
        followup = reread.followup
        self.followups[followup.id] = followup
        self.origins[followup.id] = reread.origin
        self.escalations[followup.id] = reread.escalation
        self.meeting_dates.update(reread.meeting_dates)


def read_review(store: Any, meeting_id: int) -> ReviewData:
    """On the writer: the meeting's review list and what its panel needs."""
    meeting = store.meeting(meeting_id)
    received = escalations_received(store, meeting)
    carried = followups_to_review(store, meeting)
    ids = {f.id for f in received}
    ordered = received + [f for f in carried if f.id not in ids]
    reader = Origins(store)
    data = ReviewData(meeting, {f.id: f for f in ordered}, ids, reader=reader)
    for followup in ordered:
        data.take(_about(store, reader, followup))
    return data


def reread_followup(store: Any, reader: Any, followup_id: str) -> Reread:
    """On the writer: one follow-up as stored now, after the chair changed it."""
    return _about(store, reader, store.followup(followup_id))


def _about(store: Any, reader: Origins, followup: FollowUp) -> Reread:
    dates: dict[int, date | None] = {}
    for change in followup.history[-HISTORY_SHOWN:]:
        if change.meeting_id is not None and change.meeting_id not in dates:
            held = reader.meeting(change.meeting_id)
            dates[change.meeting_id] = held.date if held is not None else None
    return Reread(followup, reader.of(followup), escalation_text(store, followup), dates)
