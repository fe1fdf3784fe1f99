"""Attendance (fremmøde) changes that reach beyond one meeting: naming a council's members.

A template lists members by role ("Formand", "Beboerrepræsentant"); the council's real
people are named at the first meeting. A member renamed here is renamed in the council too,
so the next meeting's attendance list starts with the names, not the roles.
"""

from __future__ import annotations

from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.identifiers import check_no_cpr
from meetingtool.core.model import Attendee, Meeting

__all__ = ["rename_attendee", "rename_in_meeting", "rename_member"]


def rename_attendee(store, meeting: Meeting, person: Attendee, name: str) -> None:
    """Give ``person`` of ``meeting`` the name ``name`` (the caller saves the meeting).

    Mødeleder and referent follow the new name; a member (not a guest) is renamed in the
    council's member list as well. Refuses an empty name, a CPR number and a name already on
    the list, with a Danish message.
    """
    old = rename_in_meeting(meeting, person, name)
    if old is not None:
        rename_member(store, meeting.council_id, person.role, old, person.name)


def rename_in_meeting(meeting: Meeting, person: Attendee, name: str) -> str | None:
    """The meeting's part of ``rename_attendee`` (no store): rename ``person``, and the
    chair and secretary with them. Returns the old name when the council's member list
    should follow (``rename_member``), else ``None`` (a guest, or the same name)."""
    name = " ".join(check_no_cpr(name, "navnet").split())
    old = person.name
    if not name:
        raise MeetingToolError("Skriv et navn, eller tryk escape.")
    if name == old:
        return None
    for other in meeting.attendance:
        if other is not person and other.name.casefold() == name.casefold():
            raise MeetingToolError(f"{other.name} er allerede på listen.")
    person.name = name
    if meeting.chair == old:
        meeting.chair = name
    if meeting.secretary == old:
        meeting.secretary = name
    return None if person.guest else old


def rename_member(store, council_id: str, role: str, old: str, name: str) -> None:
    """The council's part of ``rename_attendee``: its member ``old`` in ``role`` is now
    called ``name`` (nothing when the council or the member is not there)."""
    try:
        council = store.council(council_id)
    except NotFoundError:
        return
    for member in council.members:
        if member.name == old and member.role == role:
            member.name = name
            store.save_council(council)
            return
