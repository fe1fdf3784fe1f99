"""Data minimisation over time: what ``meetingtool residents purge`` removes, and keeps.

A resident who moved out long ago needs no health notes kept about them. The rule:

- who: residents who moved out *before* a given date (a moved-out resident without a
  date is never purged: when they left is not known);
- what goes: every borgergennemgang about them, and the notes of each triage rating
  (what changed, the agreed action and who took it on: ``DETAIL_FIELDS``);
- what stays: the rating itself (its colour, meeting and resident), so a team's colour
  counts per meeting -- ``residents history`` and the minutes' totals -- do not change;
  and the resident's initials/room, which those counts are shown against.

The backends apply the rule (``Store.purge_resident_details``) to the data and to the
backups they keep. Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from meetingtool.core.model import Resident, TriageEntry

DETAIL_FIELDS = ("change", "action", "owner")
"""The fields of a triage rating that a purge empties (the colour is kept)."""


@dataclass(frozen=True)
class PurgeResult:
    """What a purge removed: triage ratings emptied of notes, borgergennemgange deleted,
    and backups cleaned the same way (``None``: the backend keeps no backups of its own,
    as on a server, whose backups are the operator's)."""

    entries: int = 0
    reviews: int = 0
    backups: int | None = 0


def moved_out_before(residents: Iterable[Resident], before: date) -> list[Resident]:
    """The residents who moved out on a known date earlier than ``before``."""
    return [resident for resident in residents
            if not resident.active and resident.moved_out is not None
            and resident.moved_out < before]


def has_details(entry: TriageEntry) -> bool:
    """Whether a rating holds anything a purge removes."""
    return any(getattr(entry, name) for name in DETAIL_FIELDS)


def without_details(entry: TriageEntry) -> TriageEntry:
    """The rating with its notes, action and owner emptied; colour, meeting and resident
    kept."""
    emptied = dataclasses.replace(entry)
    for name in DETAIL_FIELDS:
        setattr(emptied, name, "")
    return emptied
