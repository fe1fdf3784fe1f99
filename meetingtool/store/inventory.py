"""What a store holds, read through the API only: counts and a checksum per meeting.

``store copy`` compares these between the source and the copy; ``store info`` shows the
counts. Both backends give the same figures for the same data.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from meetingtool.core.codec import to_dict
from meetingtool.store.api import Store

KINDS = ("councils", "meetings", "decisions", "followups", "residents", "triage_entries",
         "borgergennemgange", "trials")
"""What is counted, in the order it is shown."""

LABELS = {
    "councils": "råd og teams",
    "meetings": "møder",
    "decisions": "beslutninger",
    "followups": "opfølgningspunkter",
    "residents": "borgere",
    "triage_entries": "triagevurderinger",
    "borgergennemgange": "borgergennemgange",
    "trials": "prøvehandlinger",
}


def count_through_api(store: Store) -> dict[str, int]:
    """Every kind of record, counted by reading it through the API."""
    found = dict.fromkeys(KINDS, 0)
    councils = store.councils()
    found["councils"] = len(councils)
    for summary in store.meetings():
        found["meetings"] += 1
        found["decisions"] += len(store.decisions(summary.id))
        found["followups"] += len(store.followups(meeting_id=summary.id))
        found["triage_entries"] += len(store.triage_entries(summary.id))
    for council in councils:
        residents = store.residents(council.id, include_inactive=True)
        found["residents"] += len(residents)
        for resident in residents:
            found["borgergennemgange"] += len(store.borgergennemgange(resident.id))
    found["trials"] = len(store.trials())
    return found


def meeting_checksum(store: Store, meeting_id: int) -> str:
    """A SHA-256 of a meeting and everything recorded in it, read through the API."""
    content: dict[str, Any] = {
        "meeting": to_dict(store.meeting(meeting_id)),
        "decisions": to_dict(store.decisions(meeting_id)),
        "followups": to_dict(store.followups(meeting_id=meeting_id)),
        "triage": to_dict(store.triage_entries(meeting_id)),
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
