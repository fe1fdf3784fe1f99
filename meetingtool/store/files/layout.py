"""Where each database file of the store lives inside the data directory.

::

    DATA/
      meta.json                   schema version of the data
      catalogue.json              councils and the meeting id counter
      summaries/2026.json         one summary line per meeting held in 2026 (so listing
                                  recent meetings reads only the newest year)
      meetings/meeting-12.json    meeting 12: the meeting (agenda copy, notes, attendance,
                                  clock), its decisions, its triage entries, its counters
      followups/COUNCIL/open.json the council's *open* follow-ups (Åben, I gang), whole:
                                  its index of open ones, read to list them (removed
                                  when none is open)
      followups/COUNCIL/closed-meeting-12.json
                                  the *closed* follow-ups (Udført, Udgået) created in
                                  meeting 12 (closing or reopening one rewrites only this
                                  file and ``open.json``, whatever the history)
      residents/COUNCIL.json      the council's residents and their borgergennemgange
      pending.json                only while a change spanning several files is written
      backups/ID/...              backups: the same tree as hard links, plus backup.json
      changes.log                 the files changed since the last backup (changes.py)
      .lock                       the lock file

A follow-up's id ("12-3") names the meeting that created it, and so the two small files
that can hold it. Temporary files (``.NAME.PID.RANDOM.tmp``, see ``storage.py``) only
ever appear beside the file they replace, so ``temp_file_folders`` lists every folder a
leftover can be in: the data folder, the database folders and the council folders
under ``followups/``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from meetingtool.store.files.storage import is_temp_file

SCHEMA_VERSION = 4

META = "meta.json"
CATALOGUE = "catalogue.json"
TRIALS = "trials.json"
INDICATORS = "indicators.json"
PENDING = "pending.json"
MEETINGS_DIR = "meetings"
FOLLOWUPS_DIR = "followups"
RESIDENTS_DIR = "residents"
SUMMARIES_DIR = "summaries"
BACKUPS_DIR = "backups"
DATABASE_DIRS = (MEETINGS_DIR, SUMMARIES_DIR, FOLLOWUPS_DIR, RESIDENTS_DIR)


def meeting_path(data: Path, meeting_id: int) -> Path:
    return data / MEETINGS_DIR / f"meeting-{int(meeting_id)}.json"


def file_version(path: Path) -> tuple[int, int, int] | None:
    """(modification time in ns, size, inode) of a file, or None if it does not exist."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


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


def council_followups_dir(data: Path, council_id: str) -> Path:
    return data / FOLLOWUPS_DIR / council_id


OPEN_FILE = "open.json"


def open_followups_path(data: Path, council_id: str) -> Path:
    """The council's open follow-ups, all of them (its index of open ones)."""
    return council_followups_dir(data, council_id) / OPEN_FILE


def open_followups_path_v3(data: Path, council_id: str, meeting_id: int) -> Path:
    """Version 3 and older: one meeting's open follow-ups (migrated into ``OPEN_FILE``)."""
    return council_followups_dir(data, council_id) / f"open-{int(meeting_id)}.json"


CLOSED_PREFIX = "closed-meeting-"


def closed_followups_path(data: Path, council_id: str, meeting_id: int) -> Path:
    return council_followups_dir(data, council_id) / f"{CLOSED_PREFIX}{int(meeting_id)}.json"


def _numbered(folder: Path, prefix: str) -> list[int]:
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    return _numbers(names, prefix)


def _numbers(names: list[str], prefix: str) -> list[int]:
    """The N of every ``PREFIXN.json`` among ``names``, sorted."""
    numbers = [n[len(prefix):-5] for n in names if n.startswith(prefix) and n.endswith(".json")]
    return sorted(int(number) for number in numbers if number.isdigit())


def open_followup_meetings_v3(data: Path, council_id: str) -> list[int]:
    """Version 3 and older: the council's meetings that had an open file."""
    return _numbered(council_followups_dir(data, council_id), "open-")


def closed_followup_meetings(data: Path, council_id: str) -> list[int]:
    """The council's meetings that have closed follow-ups."""
    return _numbered(council_followups_dir(data, council_id), CLOSED_PREFIX)


def residents_path(data: Path, council_id: str) -> Path:
    return data / RESIDENTS_DIR / f"{council_id}.json"


def database_files(data: Path) -> Iterator[str]:
    """Every database file, as a path relative to ``data`` (temporary files excluded)."""
    for name in (META, CATALOGUE, TRIALS, INDICATORS):
        if (data / name).is_file():
            yield name
    for folder, _ in database_folders(data):
        for entry in os.scandir(data / folder):
            if entry.name.endswith(".json") and not is_temp_file(entry.name) \
                    and entry.is_file(follow_symlinks=False):
                yield f"{folder}/{entry.name}"


def database_folders(data: Path) -> list[tuple[str, Path]]:
    """The folders holding database files (one level of sub-folders, per council)."""
    found = []
    for name in DATABASE_DIRS:
        folder = data / name
        if not folder.is_dir():
            continue
        found.append((name, folder))
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False):
                found.append((f"{name}/{entry.name}", Path(entry.path)))
    return found


def temp_file_folders(data: Path) -> list[Path]:
    """Every folder the store writes database files in, so every folder that can hold a
    leftover temporary file: the data folder itself, the database folders, and the council
    folders under ``followups/`` (the only database folder with sub-folders). Only
    ``followups/`` is scanned for sub-folders; the large folders (``meetings/``) are not
    walked entry by entry."""
    folders = [data] + [data / name for name in DATABASE_DIRS]
    try:
        entries = list(os.scandir(data / FOLLOWUPS_DIR))
    except FileNotFoundError:
        return folders
    folders += [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
    return folders
