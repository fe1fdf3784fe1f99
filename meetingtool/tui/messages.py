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
    "ItemOvertime",
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
class ItemOvertime(Message):
    """The current item has just used up its planned time (sent once per item and crossing)."""

    meeting_id: int
    item_id: int
