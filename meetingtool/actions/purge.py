"""``residents purge`` as a use case: which residents' details go, how many, and doing it.

The rule (``core.purge``): residents of one team who moved out before a date lose their
borgergennemgange and the notes of their triage ratings; colours stay. ``plan_purge``
counts what would go, so the confirmation can say it; ``apply_purge`` hands the residents
to the store, which removes the details from the data and from its backups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from meetingtool.core.model import Resident
from meetingtool.core.purge import PurgeResult, has_details, moved_out_before
from meetingtool.store.api import Store


@dataclass(frozen=True)
class PurgePlan:
    """What a purge of one team would remove."""

    council_id: str
    before: date
    residents: list[Resident] = field(default_factory=list)
    entries: int = 0
    """Triage ratings holding notes, an action or an owner (emptied; colour kept)."""
    reviews: int = 0
    """Borgergennemgange (deleted)."""
    undated: list[Resident] = field(default_factory=list)
    """Moved-out residents without a moving-out date: never purged, named so a person can
    decide."""

    @property
    def empty(self) -> bool:
        return not (self.entries or self.reviews)


def plan_purge(store: Store, council_id: str, before: date) -> PurgePlan:
    """Count what purging ``council_id``'s residents who moved out before ``before`` removes."""
    everyone = store.residents(council_id, include_inactive=True)
    chosen = moved_out_before(everyone, before)
    entries = sum(1 for resident in chosen
                  for _, entry in store.resident_history(resident.id) if has_details(entry))
    reviews = sum(len(store.borgergennemgange(resident.id)) for resident in chosen)
    undated = [r for r in everyone if not r.active and r.moved_out is None]
    return PurgePlan(council_id, before, chosen, entries, reviews, undated)


def apply_purge(store: Store, plan: PurgePlan) -> PurgeResult:
    """Remove the details ``plan`` counted (and whatever of theirs is in the backups).

    Worth running even when the data holds nothing more of them: the store still looks
    through its backups."""
    return store.purge_resident_details([resident.id for resident in plan.residents])
