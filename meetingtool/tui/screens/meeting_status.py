"""The meeting screen's status line in words: which meeting, and where its time stands.

Pure text from the meeting and its clock, so the line reads the same wherever it is drawn.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from meetingtool.actions.lifecycle import is_finished
from meetingtool.core.clock import MeetingClock
from meetingtool.core.dates import format_date, format_time
from meetingtool.core.model import Meeting
from meetingtool.core.vocab import MEETING_STATUSES
from meetingtool.tui.widgets import format_elapsed


def status_line(meeting: Meeting, clock: MeetingClock) -> tuple[str, str]:
    """The status line's two halves: the meeting (council, date, theme) and its time
    (running or paused, elapsed, expected end; the planned end when it differs)."""
    left = f"{meeting.council_name} · {format_date(meeting.date)}"
    if meeting.theme:
        left += f" · Tema: {meeting.theme}"
    if is_finished(meeting):
        ended = f" kl. {format_time(meeting.ended_at)}" if meeting.ended_at else ""
        right = f"Afsluttet{ended} · varighed {format_elapsed(clock.elapsed_seconds())}"
        return left, right
    if clock.running:
        state = "● kører"
    elif meeting.started_at is None:
        state = MEETING_STATUSES.get(meeting.status, meeting.status)
    else:
        state = "❚❚ pause"
    expected = format_time(clock.expected_end())
    if meeting.started_at is None:
        return left, f"{state}{unstarted_times(meeting, clock.expected_end())}"
    right = (
        f"{state} · forløbet {format_elapsed(clock.elapsed_seconds())}"
        f" · forventet slut {expected}"
    )
    planned = clock.planned_end()
    if planned is not None and format_time(planned) != expected:
        right += f" (plan {format_time(planned)})"
    return left, right


def unstarted_times(meeting: Meeting, end: datetime) -> str:
    """" · start 15.30 · slut 16.45", and "hvis startet nu" when the planned start has
    passed (or there is none): then the end counts from now, which a chair must see."""
    start = f" · start {format_time(meeting.start_time)}" if meeting.start_time else ""
    planned = (datetime.combine(meeting.date, meeting.start_time)
               if meeting.start_time else None)
    on_plan = planned is not None and end - timedelta(minutes=meeting.planned_minutes) == planned
    return f"{start} · slut {format_time(end)}" + ("" if on_plan else " hvis startet nu")
