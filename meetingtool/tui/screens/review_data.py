"""What the review screen shows, read on the app's writer (never on the screen's thread).

``read_review`` reads the list and everything its panel needs in one job: each
follow-up's origin (meeting and item), the line about where an escalated case has gone,
and the dates of the meetings named in the history shown. The screen then draws and
describes without touching the store. After a change, ``reread_followup`` reads the one
follow-up again, and the screen takes it in (``ReviewData.take``) on its own thread.
"""

from __future__ import annotations

from collections.abc import Hashable
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

__all__ = ["HISTORY_SHOWN", "KeptOrigins", "Reread", "ReviewData", "read_review", "reread_followup"]

HISTORY_SHOWN = 6
"""The newest history entries the panel lists (the meetings they name are read)."""

MEETINGS_KEPT = 1000
"""Earlier meetings kept read between openings of the list (``KeptOrigins``)."""

_kept: dict[tuple[str, int], tuple[Hashable, Meeting | None]] = {}
"""(store location, meeting id) -> (the meeting's version when read, the meeting)."""


class KeptOrigins(Origins):
    """``Origins`` that keeps the earlier meetings it read between openings of the list.

    The list names the meeting each follow-up was agreed at and those in its history;
    reading each of them again on every ``v`` is most of the list's cost at 100,000
    records. A meeting is read again only when ``store.meeting_version`` (a stat) says it
    changed. The meetings kept are only read from (date, council, item titles).
    """

    def __init__(self, store: Any) -> None:
        super().__init__(store)
        self._location = str(store.location)

    def meeting(self, meeting_id: int) -> Meeting | None:
        if meeting_id in self._meetings:
            return self._meetings[meeting_id]
        version = self._store.meeting_version(meeting_id)
        key = (self._location, meeting_id)
        kept = _kept.get(key)
        if kept is not None and version is not None and kept[0] == version:
            self._meetings[meeting_id] = kept[1]
            return kept[1]
        meeting = super().meeting(meeting_id)
        if version is not None:
            if len(_kept) >= MEETINGS_KEPT:
                _kept.clear()
            _kept[key] = (version, meeting)
        return meeting


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
    reader = KeptOrigins(store)
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
