"""Where each database file of the store lives inside the data directory.

::

    DATA/
      meta.json                   schema version of the data
      catalogue.json              councils and the meeting id counter
      summaries/2026.json         one summary line per meeting held in 2026 (so listing
                                  recent meetings reads only the newest year)
      meetings/meeting-12.json    meeting 12: the meeting (agenda copy, notes, attendance,
                                  clock), its decisions, its triage entries, its counters
      followups/COUNCIL.json      the council's *open* follow-ups (Åben, I gang)
      followups/COUNCIL.closed-2026.json
                                  its *closed* follow-ups (Udført, Udgået) created in its
                                  meetings of 2026
      residents/COUNCIL.json      the council's residents and their borgergennemgange
      pending.json                only while a change spanning several files is written
      backups/ID/...              backups: the same tree as hard links, plus backup.json
      .lock                       the lock file
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from meetingtool.store.storage import is_temp_file

SCHEMA_VERSION = 2

META = "meta.json"
CATALOGUE = "catalogue.json"
PENDING = "pending.json"
MEETINGS_DIR = "meetings"
FOLLOWUPS_DIR = "followups"
RESIDENTS_DIR = "residents"
SUMMARIES_DIR = "summaries"
BACKUPS_DIR = "backups"
DATABASE_DIRS = (MEETINGS_DIR, SUMMARIES_DIR, FOLLOWUPS_DIR, RESIDENTS_DIR)


def meeting_path(data: Path, meeting_id: int) -> Path:
    return data / MEETINGS_DIR / f"meeting-{int(meeting_id)}.json"


def meeting_id_of(path: Path) -> int | None:
    name = path.name
    if name.startswith("meeting-") and name.endswith(".json"):
        number = name[len("meeting-"):-len(".json")]
        if number.isdigit():
            return int(number)
    return None


def summaries_path(data: Path, year: int | str) -> Path:
    return data / SUMMARIES_DIR / f"{int(year)}.json"


def summary_years(data: Path) -> list[int]:
    """The years that have meeting summaries, newest first."""
    try:
        names = os.listdir(data / SUMMARIES_DIR)
    except FileNotFoundError:
        return []
    years = [int(n[:-5]) for n in names if n.endswith(".json") and n[:-5].isdigit()]
    return sorted(years, reverse=True)


def followup_index_path(data: Path, council_id: str) -> Path:
    return data / FOLLOWUPS_DIR / f"{council_id}.json"


def closed_followups_path(data: Path, council_id: str, year: int | str) -> Path:
    return data / FOLLOWUPS_DIR / f"{council_id}.closed-{int(year)}.json"


def closed_followup_years(data: Path, council_id: str) -> list[int]:
    prefix = f"{council_id}.closed-"
    try:
        names = os.listdir(data / FOLLOWUPS_DIR)
    except FileNotFoundError:
        return []
    years = [n[len(prefix):-5] for n in names if n.startswith(prefix) and n.endswith(".json")]
    return sorted(int(y) for y in years if y.isdigit())


def residents_path(data: Path, council_id: str) -> Path:
    return data / RESIDENTS_DIR / f"{council_id}.json"


def database_files(data: Path) -> Iterator[str]:
    """Every database file, as a path relative to ``data`` (temporary files excluded)."""
    for name in (META, CATALOGUE):
        if (data / name).is_file():
            yield name
    for folder in DATABASE_DIRS:
        try:
            entries = list(os.scandir(data / folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.name.endswith(".json") and not is_temp_file(entry.name):
                yield f"{folder}/{entry.name}"
