"""Attendance (fremmøde) changes that reach beyond one meeting: naming a council's members.

A template lists members by role ("Formand", "Beboerrepræsentant"); the council's real
people are named at the first meeting. A member renamed here is renamed in the council too,
so the next meeting's attendance list starts with the names, not the roles.
"""

from __future__ import annotations

from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.identifiers import check_no_cpr
from meetingtool.core.model import Attendee, Meeting

__all__ = ["rename_attendee"]


def rename_attendee(store, meeting: Meeting, person: Attendee, name: str) -> None:
    """Give ``person`` of ``meeting`` the name ``name`` (the caller saves the meeting).

    Mødeleder and referent follow the new name; a member (not a guest) is renamed in the
    council's member list as well. Refuses an empty name, a CPR number and a name already on
    the list, with a Danish message.
    """
    name = " ".join(check_no_cpr(name, "navnet").split())
    old = person.name
    if not name:
        raise MeetingToolError("Skriv et navn, eller tryk escape.")
    if name == old:
        return
    for other in meeting.attendance:
        if other is not person and other.name.casefold() == name.casefold():
            raise MeetingToolError(f"{other.name} er allerede på listen.")
    person.name = name
    if meeting.chair == old:
        meeting.chair = name
    if meeting.secretary == old:
        meeting.secretary = name
    if person.guest:
        return
    try:
        council = store.council(meeting.council_id)
    except NotFoundError:
        return
    for member in council.members:
        if member.name == old and member.role == person.role:
            member.name = name
            store.save_council(council)
            return
