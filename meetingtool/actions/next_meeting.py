"""The next meeting, as the chair sets it at the end of a meeting: date, time, place, theme.

The minutes end with it ("Næste møde: torsdag ... kl. 14.00, Caféen. Tema: ..."), and the
council gets it as a planned meeting, so the home screen and ``meetingtool meetings`` offer
it. The planned meeting is made when this meeting has ended (or at once, when the chair
sets it after the end): made earlier, it would count as carried over only the follow-ups
agreed before the chair set the date, not those agreed later in the same meeting.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from meetingtool.actions.meetings import start_meeting
from meetingtool.core.agenda import load_agenda
from meetingtool.core.dates import format_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.identifiers import check_no_cpr
from meetingtool.core.locations import shipped_agendas_dir
from meetingtool.core.model import AgendaTemplate, Meeting
from meetingtool.core.vocab import MeetingStatus

__all__ = ["apply_next_meeting", "plan_after_change", "plan_next_meeting", "set_next_meeting"]


def set_next_meeting(store, meeting: Meeting, on: date, *, start_time: time | None = None,
                     place: str = "", theme: str = "") -> Meeting | None:
    """Record the next meeting on ``meeting`` (the caller's object, saved here).

    Returns the council's planned meeting for it when that exists (made now when
    ``meeting`` has ended, or moved when it was set before), else None.
    """
    before = apply_next_meeting(meeting, on, start_time=start_time, place=place, theme=theme)
    store.save_meeting(meeting)
    return plan_after_change(store, meeting, before)


def apply_next_meeting(meeting: Meeting, on: date, *, start_time: time | None = None,
                       place: str = "", theme: str = "") -> date | None:
    """Check and set the next meeting's fields on ``meeting`` (nothing is saved); returns
    the next meeting's date as it was before. A screen does this at once, then saves."""
    if on <= meeting.date:
        raise MeetingToolError(
            f"Næste møde skal ligge efter dette møde ({format_date(meeting.date)}).")
    place = " ".join(check_no_cpr(place, "stedet").split())
    theme = " ".join(check_no_cpr(theme, "temaet").split())
    before = meeting.next_meeting
    meeting.next_meeting = on
    meeting.next_meeting_time = start_time
    meeting.next_meeting_place = place
    meeting.next_meeting_theme = theme
    return before


def plan_after_change(store, meeting: Meeting, before: date | None) -> Meeting | None:
    """The council's planned meeting after ``meeting``'s next meeting was set (saved):
    moved with it when it was set before, made when ``meeting`` has ended, else None."""
    planned = _planned_on(store, meeting, before) if before is not None else None
    if planned is not None:  # set before: the planned meeting moves with it
        planned.date = meeting.next_meeting or planned.date
        planned.start_time = meeting.next_meeting_time or planned.start_time
        planned.place = meeting.next_meeting_place or planned.place
        planned.theme = meeting.next_meeting_theme
        store.save_meeting(planned)
        return planned
    if meeting.status == MeetingStatus.AFSLUTTET:
        return plan_next_meeting(store, meeting)
    return None


def plan_next_meeting(store, meeting: Meeting) -> Meeting | None:
    """Make the planned meeting ``meeting`` set as the next (None when none is set, or the
    council already has a meeting that day)."""
    on = meeting.next_meeting
    if on is None:
        return None
    existing = _planned_on(store, meeting, on, any_status=True)
    if existing is not None:
        return existing
    template = _template(meeting)
    if template is None:
        return None
    return start_meeting(store, meeting.council_id, template, on,
                         place=meeting.next_meeting_place or None,
                         start_time=meeting.next_meeting_time,
                         theme=meeting.next_meeting_theme)


def _planned_on(store, meeting: Meeting, on: date, *, any_status: bool = False):
    for summary in store.meetings(meeting.council_id):
        if summary.id != meeting.id and summary.date == on and (
                any_status or summary.status == MeetingStatus.PLANLAGT):
            return store.meeting(summary.id)
    return None


def _template(meeting: Meeting) -> AgendaTemplate | None:
    """The template the meeting was made from, else the shipped one of its kind."""
    for path in (Path(meeting.template_source) if meeting.template_source else None,
                 shipped_agendas_dir() / f"{meeting.kind}.toml"):
        if path is not None and path.is_file():
            try:
                return load_agenda(path)
            except MeetingToolError:
                continue
    return None
