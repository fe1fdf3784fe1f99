"""Creating a council wherever a user names a new one, always with its members.

A council is created by ``run`` (from the agenda it runs), by ``residents add`` (a team
for the triage board) and by "Opret rådet" when a case is sent to a council not seen
before. Each gets the members its kind's shipped template lists, so its first meeting
has a chair and a member list to take attendance from, not "Mødeleder: –".
"""

from __future__ import annotations

from meetingtool.core.agenda import load_agenda
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.locations import shipped_agendas_dir
from meetingtool.core.model import Council, Member

__all__ = ["ensure_council_with_members", "template_members"]


def template_members(kind: str) -> list[Member]:
    """The members the shipped template of ``kind`` lists (none if it has no template)."""
    path = shipped_agendas_dir() / f"{kind}.toml"
    if not path.is_file():
        return []
    try:
        return list(load_agenda(path).members)
    except MeetingToolError:
        return []  # a broken shipped file must not stop a council being made


def ensure_council_with_members(store, name: str, kind: str) -> Council:
    """The council called ``name``; created with the template's members when new."""
    return store.ensure_council(name, kind, template_members(kind))
