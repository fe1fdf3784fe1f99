"""A meeting's life: planlagt, then i gang when its clock first starts, then afsluttet.

The screens ask here instead of writing a status themselves, so the TUI, the CLI and the
demo follow one rule: a meeting only moves forward, and an ended meeting stays ended (its
times and minutes are what was approved). A planned meeting may be ended without its clock
ever running, e.g. one held on paper and typed in afterwards.

These functions change the ``Meeting`` object they are given; the caller saves it together
with whatever else it holds (notes typed, the clock's seconds), in one write.
"""

from __future__ import annotations

from datetime import date, datetime

from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Meeting, MeetingSummary
from meetingtool.core.vocab import MEETING_STATUSES, MeetingStatus

__all__ = [
    "TRANSITIONS",
    "UNFINISHED",
    "can_change",
    "cancel_meeting",
    "end_meeting",
    "is_finished",
    "latest_unfinished",
    "mark_started",
    "plan_again",
]

TRANSITIONS: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    MeetingStatus.PLANLAGT: frozenset({MeetingStatus.I_GANG, MeetingStatus.AFSLUTTET,
                                       MeetingStatus.AFLYST}),
    MeetingStatus.I_GANG: frozenset({MeetingStatus.AFSLUTTET}),
    MeetingStatus.AFSLUTTET: frozenset(),
    MeetingStatus.AFLYST: frozenset({MeetingStatus.PLANLAGT}),
}
"""The statuses a meeting may move to from each status."""

UNFINISHED: tuple[MeetingStatus, ...] = (MeetingStatus.I_GANG, MeetingStatus.PLANLAGT)
"""Meeting statuses that can be resumed, in order of preference."""


def can_change(meeting: Meeting, to: MeetingStatus) -> bool:
    """Whether ``meeting`` may move from its status to ``to``."""
    return to in TRANSITIONS.get(meeting.status, frozenset())  # type: ignore[call-overload]


def is_finished(meeting: Meeting) -> bool:
    """An ended meeting keeps its times: no clock key applies to it any more."""
    return meeting.status == MeetingStatus.AFSLUTTET


def mark_started(meeting: Meeting) -> bool:
    """The clock was started: a planned meeting is now i gang.

    Returns whether the status changed (the first start, which the caller marks with a
    backup); a meeting already running, or ended, is left as it is.
    """
    if meeting.status != MeetingStatus.PLANLAGT:
        return False
    _change(meeting, MeetingStatus.I_GANG)
    return True


def end_meeting(meeting: Meeting, at: datetime) -> None:
    """End the meeting at ``at``: afsluttet with its end time. The caller stops the clock
    first, so the time used is counted up to ``at``."""
    if is_finished(meeting):
        raise MeetingToolError("Mødet er allerede afsluttet.")
    _change(meeting, MeetingStatus.AFSLUTTET)
    meeting.ended_at = at


def cancel_meeting(meeting: Meeting) -> None:
    """A planned meeting that will not be held (a changed year wheel): aflyst, kept."""
    _change(meeting, MeetingStatus.AFLYST)


def plan_again(meeting: Meeting) -> None:
    """A cancelled meeting planned again; a planned one stays planned. A held meeting is
    never moved by a plan."""
    if meeting.status == MeetingStatus.AFLYST:
        _change(meeting, MeetingStatus.PLANLAGT)
    elif meeting.status != MeetingStatus.PLANLAGT:
        raise MeetingToolError(
            f"Møde {meeting.id} er {MEETING_STATUSES.get(meeting.status, meeting.status)} og "
            "flyttes ikke af en plan.")


def latest_unfinished(summaries: list[MeetingSummary]) -> MeetingSummary | None:
    """The meeting to resume: the most recently created one "i gang", else "planlagt".

    A meeting already running beats one planned, which is what a chair coming back to the
    tool means; among several, the one created last (highest id) is the one just worked on,
    rather than a meeting planned for a date months ahead.
    """
    newest_first = sorted(summaries, key=lambda summary: summary.id, reverse=True)
    for status in UNFINISHED:
        for summary in newest_first:
            if summary.status == status:
                return summary
    return None


def meeting_for_the_room(summaries: list[MeetingSummary],
                         today: date) -> MeetingSummary | None:
    """The meeting a room's screen shows when none is named: the one in progress, else
    the next planned one from ``today`` (a year wheel plans many ahead), else the one to
    resume (``latest_unfinished``)."""
    resume = latest_unfinished(summaries)
    if resume is None or resume.status == MeetingStatus.I_GANG:
        return resume
    coming = [s for s in summaries if s.status == MeetingStatus.PLANLAGT and s.date >= today]
    return min(coming, key=lambda s: (s.date, s.id), default=resume)


def _change(meeting: Meeting, to: MeetingStatus) -> None:
    if not can_change(meeting, to):
        now = MEETING_STATUSES.get(meeting.status, meeting.status)
        raise MeetingToolError(
            f"Mødet {meeting.title} er {now.lower()} og kan ikke blive {to.label.lower()}."
        )
    meeting.status = to
