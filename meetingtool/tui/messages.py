"""Messages the meeting screen and its widgets post, each named for what happened.

They are small dataclasses so a handler reads its fields by name
(``on_decision_recorded(self, message)`` -> ``message.decision.text``). Nothing here
changes data: a message is sent *after* the store has the change.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from meetingtool.core.model import Decision, FollowUp

__all__ = [
    "DecisionRecorded",
    "FollowUpRecorded",
    "ItemChanged",
    "ItemOvertime",
    "MeetingEnded",
    "MeetingStarted",
]


@dataclass
class DecisionRecorded(Message):
    """A decision was saved under an item."""

    decision: Decision


@dataclass
class FollowUpRecorded(Message):
    """A follow-up was saved under an item."""

    followup: FollowUp


@dataclass
class ItemChanged(Message):
    """The meeting moved to another item (next, previous, or after preparing the agenda)."""

    meeting_id: int
    item_id: int


@dataclass
class ItemOvertime(Message):
    """The current item has just used up its planned time (sent once per item and crossing)."""

    meeting_id: int
    item_id: int


@dataclass
class MeetingStarted(Message):
    """The clock was started for the first time; the meeting is now "i gang"."""

    meeting_id: int


@dataclass
class MeetingEnded(Message):
    """The chair ended the meeting; it is now "afsluttet" with its end time recorded."""

    meeting_id: int
