"""The cases in one meeting's minutes: sent on from it, received in it, and answers.

Part of ``export.bundle`` (which calls ``case_lines`` and ``case_answers`` while it gathers
a meeting): a case sent on to another council from this meeting or received here from
another (``EscalationLine``, with the other side's status as the meeting left it), and the
latest word on cases this council sent on before the meeting (``CaseAnswer``). Only
documented ``Store`` methods are called (duck-typed); nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from meetingtool.core.cases import LatestWord, case_path, latest_word, spoken_comments
from meetingtool.core.errors import NotFoundError
from meetingtool.core.followups import as_of, naive
from meetingtool.core.model import FollowUp, Meeting

__all__ = ["CaseAnswer", "EscalationLine", "case_answers", "case_lines"]


@dataclass
class EscalationLine:
    """A case that left this meeting for another council ("ud") or arrived here ("ind")."""

    direction: str  # "ud" or "ind"
    followup: FollowUp
    other_council: str
    reason: str
    at: datetime
    other_status: str | None = None  # the counterpart's status key, when it can be read
    here: tuple[str, ...] = ()
    """A received case: the comments made on it in this meeting (what was decided)."""


@dataclass
class CaseAnswer:
    """A case this council sent on before the meeting, and the latest word on it."""

    followup: FollowUp
    sent_to: str
    sent_on: date
    word: LatestWord


def case_lines(
    meeting: Meeting, followups: list[FollowUp], store: Any,
    council_name: Callable[[str], str], end: datetime,
) -> tuple[list[EscalationLine], list[EscalationLine]]:
    """Cases sent from and received in the meeting, each side's status as of ``end``."""
    outgoing: list[EscalationLine] = []
    incoming: list[EscalationLine] = []
    for followup in followups:
        sent = followup.escalated_to
        if sent is not None and _sent_from(meeting, followup, sent.at, end):
            outgoing.append(
                EscalationLine(
                    "ud",
                    followup,
                    council_name(sent.to_council_id),
                    sent.reason,
                    sent.at,
                    _status_of(store, sent.target_followup_id, end),
                )
            )
        received = followup.escalated_from
        if received is not None and followup.meeting_id == meeting.id:
            then = as_of(followup, end, meeting.id)
            here = [change for change in then.history if change.meeting_id == meeting.id]
            incoming.append(
                EscalationLine(
                    "ind",
                    then,
                    council_name(received.from_council_id),
                    received.reason,
                    received.at,
                    _status_of(store, received.source_followup_id, end),
                    spoken_comments(replace(then, history=here)) + _sent_on_here(then, meeting),
                )
            )
    return outgoing, incoming


def _sent_from(meeting: Meeting, followup: FollowUp, at: datetime, end: datetime) -> bool:
    """Sent on from this meeting: its history says so, or it was raised here and sent then."""
    if any(c.meeting_id == meeting.id and naive(c.at) >= naive(at) for c in followup.history):
        return True
    if naive(at) > naive(end):
        return False  # sent on after this meeting, from somewhere else
    return followup.meeting_id == meeting.id and not any(
        c.meeting_id not in (None, meeting.id) and naive(c.at) >= naive(at)
        for c in followup.history
    )


def _sent_on_here(followup: FollowUp, meeting: Meeting) -> tuple[str, ...]:
    """"Sendt videre til X" when the case was sent on from this meeting."""
    sent = followup.escalated_to
    if sent is None or not any(c.meeting_id == meeting.id and naive(c.at) >= naive(sent.at)
                               for c in followup.history):
        return ()
    for change in followup.history:
        if change.comment.startswith("Sendt til "):
            return (change.comment.replace("Sendt til ", "Sendt videre til ", 1),)
    return ()


def case_answers(
    meeting: Meeting, followups: list[FollowUp], store: Any,
    council_name: Callable[[str], str], end: datetime, previous_date: date | None,
) -> list[CaseAnswer]:
    """Cases this council sent on before the meeting's day: the latest word on each
    (as of the meeting's end) that is still open here or was heard of since the
    council's previous meeting."""
    start = datetime.combine(meeting.date, datetime.min.time())
    since = datetime.combine(previous_date, datetime.min.time()) if previous_date else None

    def lookup(followup_id: str) -> FollowUp | None:
        try:
            return as_of(store.followup(followup_id), end)
        except NotFoundError:
            return None

    found = []
    for followup in followups:
        sent = followup.escalated_to
        if sent is None or naive(sent.at) >= start:
            continue
        then = as_of(followup, end, meeting.id)
        word = latest_word(case_path(then, lookup), council_name)
        heard_since = since is not None and word.changed is not None and (
            naive(word.changed) >= since)
        if then.is_open or heard_since:
            found.append(CaseAnswer(then, council_name(sent.to_council_id), sent.at.date(),
                                    word))
    found.sort(key=lambda answer: (answer.sent_on, answer.followup.id))
    return found


def _status_of(store: Any, followup_id: str | None, end: datetime) -> str | None:
    if not followup_id:
        return None
    try:
        return as_of(store.followup(followup_id), end).status
    except NotFoundError:
        return None
