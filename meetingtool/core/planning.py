"""A new meeting of a council from an agenda template: the rules every store backend shares.

Who chairs and who takes the minutes follows the members' roles; the agenda is the
template's items, numbered and copied (``core.agenda.meeting_items``), so later edits to the
meeting never touch the template. The store only gives the meeting its id and keeps it.
"""

from __future__ import annotations

import copy
from datetime import date, time

from meetingtool.core.agenda import meeting_items
from meetingtool.core.model import AgendaTemplate, Attendee, Council, Meeting, Member
from meetingtool.core.vocab import ROLES, Presence

CHAIR_ROLES = ("moedeleder", "formand")
"""Roles that chair a meeting, the first found wins (a named chair before a formand)."""

SECRETARY_ROLES = ("referent",)


def first_with_role(members: list[Member], roles: tuple[str, ...]) -> str:
    """The name of the first member holding the first of ``roles`` anybody holds, or ""."""
    for role in roles:
        for member in members:
            if member.role == role:
                return member.name
    return ""


def plan_meeting(council: Council, template: AgendaTemplate, on: date, *,
                 title: str | None = None, place: str | None = None,
                 start_time: time | None = None, theme: str = "") -> Meeting:
    """The meeting ``council`` holds ``on`` from ``template``, not yet stored (id 0)."""
    members = council.members
    return Meeting(
        id=0,
        council_id=council.id,
        council_name=council.name,
        kind=template.kind,
        title=title if title else template.title,
        date=on,
        items=meeting_items(template),
        place=place if place is not None else template.place,
        theme=theme,
        start_time=start_time if start_time is not None else template.start_time,
        status="planlagt",
        # Nobody is present until attendance is taken: the minutes must not say so unasked.
        attendance=[Attendee(name=m.name, role=m.role, presence=Presence.IKKE_REGISTRERET)
                    for m in members],
        chair=first_with_role(members, CHAIR_ROLES),
        secretary=first_with_role(members, SECRETARY_ROLES),
        template_source=str(template.source) if template.source else "",
        triage=copy.deepcopy(template.triage),
    )


def presenter_name(presenter: str, attendance: list[Attendee]) -> str:
    """The presenter as the minutes name them: a role ("Centerleder", "Centerlederen")
    becomes the person holding it in today's attendance, "Anne Holm (Centerleder)"; a
    name, or a role nobody present holds, stays as written."""
    wanted = presenter.strip()
    folded = wanted.casefold()
    if not folded:
        return wanted
    for key, label in ROLES.items():
        word = label.casefold()
        if folded in (key, word) or (folded.startswith(word) and len(folded) - len(word) <= 2):
            holders = [a for a in attendance
                       if a.role == key and a.presence == Presence.TIL_STEDE]
            if len(holders) == 1:
                return f"{holders[0].name} ({label})"
            return wanted
    return wanted
