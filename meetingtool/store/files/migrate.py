"""Schema versions of the data directory, and migrating older data.

``meta.json`` holds ``{"schema": N}``. Versions:

1. The first layout: ``catalogue.json`` with councils *and* every meeting's summary line,
   one file per meeting holding all its follow-ups, and no ``meta.json``.
2. The summary lines are split by year (``summaries/YEAR.json``) and follow-ups live
   with their council: open ones in ``followups/COUNCIL/open-MEETING.json``, closed ones
   in one archive per year, ``followups/COUNCIL/closed-YEAR.json`` (YEAR of the meeting
   that created them).
3. The yearly archives are split per creating meeting:
   ``followups/COUNCIL/closed-meeting-MEETING.json`` beside ``open-MEETING.json``. A
   yearly archive of a council with a daily triage round grew past a megabyte, and
   closing or reopening a follow-up rewrote all of it; now it rewrites two files that
   hold only that meeting's follow-ups. (The new name differs from ``closed-YEAR.json``
   so a meeting numbered like a year is never mistaken for an old archive.)
4. (current) a council's open follow-ups live together in ``followups/COUNCIL/open.json``,
   its index of open ones, instead of one ``open-MEETING.json`` per meeting. Listing them
   read one file per meeting with an open follow-up and listed the council's whole
   folder (thousands of files for a daily triage team); now it reads one file.

Opening older data first makes a backup (reason "Før opgradering ..."), then runs each
step in turn and finally writes ``meta.json``. Every step can be run again after an
interruption (it moves records only after their new home is written, and skips records
already moved), so an interrupted migration is simply finished at the next opening. Data
written by a newer meetingtool is refused rather than guessed at.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from meetingtool.core.errors import MeetingToolError
from meetingtool.core.vocab import OPEN_FOLLOWUP_STATUSES
from meetingtool.store.errors import StoreDamagedError
from meetingtool.store.files import changes, layout
from meetingtool.store.files.backup import create_backup
from meetingtool.store.files.storage import (
    check_tinydb_shape,
    encode_json,
    ensure_dir,
    fsync_dir,
    read_json,
    write_bytes_atomic,
    write_json_atomic,
)


class NewerDataError(MeetingToolError):
    """The data directory was written by a newer meetingtool."""


def empty_catalogue() -> dict[str, Any]:
    return {"councils": {}, "counters": {"1": {"meeting": 0}}}


def read_schema(data: Path) -> int | None:
    """The data's schema version; ``None`` for a directory with no store in it yet."""
    meta = read_json(data / layout.META, must_exist=False)
    if meta is None:
        if (data / layout.CATALOGUE).exists() or (data / layout.MEETINGS_DIR).exists():
            return 1
        return None
    version = meta.get("schema") if isinstance(meta, dict) else None
    if not isinstance(version, int) or version < 1:
        raise StoreDamagedError(data / layout.META, "skemaversionen mangler eller er ugyldig")
    return version


def check_not_newer(data: Path, version: int) -> None:
    if version > layout.SCHEMA_VERSION:
        raise NewerDataError(
            f"Datamappen {data} er skrevet af en nyere udgave af meetingtool "
            f"(dataversion {version}; denne udgave kender op til {layout.SCHEMA_VERSION}). "
            "Opdatér meetingtool, før du åbner den."
        )


def write_meta(data: Path) -> None:
    write_json_atomic(data / layout.META, {"schema": layout.SCHEMA_VERSION})


def open_data(data: Path, now: Callable[[], datetime]) -> None:
    """Create a new store, or check (and migrate) an existing one. Caller holds the lock."""
    version = read_schema(data)
    if version is None:
        write_json_atomic(data / layout.CATALOGUE, empty_catalogue())
        write_meta(data)
        return
    check_not_newer(data, version)
    if version == layout.SCHEMA_VERSION:
        return
    create_backup(
        data, f"Før opgradering af data fra version {version} til {layout.SCHEMA_VERSION}",
        now(), scan=True,
    )
    changes.forget(data)  # the steps write files without the commit's log
    for step in range(version, layout.SCHEMA_VERSION):
        MIGRATIONS[step](data)
    write_meta(data)


def _read_tables(path: Path) -> dict[str, dict[str, Any]]:
    return check_tinydb_shape(path, read_json(path))


def _read_or_new(path: Path) -> dict[str, dict[str, Any]]:
    return _read_tables(path) if path.exists() else {}


def _yearly_archive_path(data: Path, council_id: str, year: int | str) -> Path:
    """Version 2's archive of a council's closed follow-ups created in meetings of a year."""
    return layout.council_followups_dir(data, council_id) / f"closed-{int(year)}.json"


def split_catalogue_and_followups(data: Path) -> None:
    """Version 1 -> 2: summaries by year, open follow-ups into the council indexes."""
    # a) the catalogue's summary lines -> summaries/YEAR.json
    catalogue_path = data / layout.CATALOGUE
    catalogue = _read_tables(catalogue_path)
    old = catalogue.get("meetings")
    if old:
        ensure_dir(data / layout.SUMMARIES_DIR)
        by_year: dict[str, dict[str, Any]] = {}
        for key, doc in old.items():
            by_year.setdefault(doc["date"][:4], {})[key] = doc
        for year, docs in by_year.items():
            path = layout.summaries_path(data, year)
            tables = _read_or_new(path)
            tables.setdefault("meetings", {}).update(docs)
            write_json_atomic(path, tables)
    if "meetings" in catalogue:
        del catalogue["meetings"]
        write_json_atomic(catalogue_path, catalogue)

    # b) follow-ups out of the meeting files: open ones into followups/COUNCIL/open-ID.json,
    #    closed ones into version 2's followups/COUNCIL/closed-YEAR.json (YEAR of their
    #    meeting; the next step splits those per meeting)
    folder = data / layout.MEETINGS_DIR
    paths = sorted(folder.glob("meeting-*.json"), key=lambda p: layout.meeting_id_of(p) or 0)
    targets: dict[Path, dict[str, Any]] = {}
    to_trim: list[tuple[Path, dict[str, Any]]] = []
    for path in paths:
        if layout.meeting_id_of(path) is None:
            continue
        tables = _read_tables(path)
        followups = tables.get("followups")
        if not followups:
            continue
        year = str(tables["meeting"]["1"]["date"])[:4]
        for number, followup in sorted(followups.items(), key=lambda pair: int(pair[0])):
            council_id = followup["council_id"]
            if followup.get("status") in OPEN_FOLLOWUP_STATUSES:
                meeting_id = int(followup["meeting_id"])
                target = layout.open_followups_path_v3(data, council_id, meeting_id)
                table_name = "open"
            else:
                target = _yearly_archive_path(data, council_id, year)
                table_name = "closed"
            if target not in targets:
                ensure_dir(target.parent)
                targets[target] = _read_or_new(target)
            table = targets[target].setdefault(table_name, {})
            if not any(d.get("id") == followup["id"] for d in table.values()):
                table[str(max((int(k) for k in table), default=0) + 1)] = dict(followup, _rev=1)
        to_trim.append((path, tables))
    for target, tables in targets.items():
        write_json_atomic(target, tables)
    for path, tables in to_trim:  # only after their new homes hold them
        followups = tables.pop("followups")
        counters = tables.setdefault("counters", {}).setdefault("1", {})
        counters["followups"] = max([int(counters.get("followups", 0))]
                                    + [int(k) for k in followups])
        write_json_atomic(path, tables)


def _rev(doc: dict[str, Any]) -> int:
    try:
        return int(doc.get("_rev", 0))
    except (TypeError, ValueError):
        return 0


def split_yearly_archives(data: Path) -> None:
    """Version 2 -> 3: each council's ``closed-YEAR.json`` into ``closed-meeting-N.json``.

    Per archive: every meeting's closed follow-ups are written (fsync'd) to that meeting's
    file, merged with what is there already, and only then is the archive removed. Run
    again after an interruption, it finds the remaining archives and merges again: a
    follow-up already in its new file is not added twice (if the same follow-up is met in
    two places, the copy with the higher revision ``_rev`` is kept).
    """
    root = data / layout.FOLLOWUPS_DIR
    try:
        councils = sorted(e.name for e in os.scandir(root) if e.is_dir(follow_symlinks=False))
    except FileNotFoundError:
        return
    for council_id in councils:
        folder = layout.council_followups_dir(data, council_id)
        for year in _legacy_years(folder):
            archive = _yearly_archive_path(data, council_id, year)
            tables = _read_tables(archive)
            by_meeting: dict[int, list[dict[str, Any]]] = {}
            for key, doc in sorted(tables.get("closed", {}).items(),
                                   key=lambda pair: int(pair[0]) if pair[0].isdigit() else 0):
                by_meeting.setdefault(_meeting_of(archive, doc), []).append(doc)
            for meeting_id, docs in sorted(by_meeting.items()):
                target = layout.closed_followups_path(data, council_id, meeting_id)
                existing = _read_or_new(target)
                table = existing.setdefault("closed", {})
                where = {doc.get("id"): key for key, doc in table.items()}
                changed = False
                for doc in docs:
                    slot = where.get(doc.get("id"))
                    if slot is None:
                        slot = str(max((int(k) for k in table if k.isdigit()), default=0) + 1)
                        where[doc.get("id")] = slot
                    elif _rev(table[slot]) >= _rev(doc):
                        continue
                    table[slot] = doc
                    changed = True
                if changed:
                    write_bytes_atomic(target, encode_json(existing), sync_dir=False)
            fsync_dir(folder)  # every new file's name is durable before the archive goes
            archive.unlink()
            fsync_dir(folder)


def _legacy_years(folder: Path) -> list[int]:
    """The years of version 2's archives (``closed-YEAR.json``) in a council's folder."""
    names = os.listdir(folder)
    numbers = [n[len("closed-"):-len(".json")] for n in names
               if n.startswith("closed-") and n.endswith(".json")]
    return sorted(int(number) for number in numbers if number.isdigit())


def _meeting_of(archive: Path, doc: dict[str, Any]) -> int:
    """The meeting that created a follow-up (its id "12-3" says so too)."""
    meeting_id = doc.get("meeting_id")
    if isinstance(meeting_id, int):
        return meeting_id
    head = str(doc.get("id", "")).rpartition("-")[0]
    if head.isdigit():
        return int(head)
    raise StoreDamagedError(archive, f"opfølgningspunktet {doc.get('id')!r} mangler sit møde")


def gather_open_followups(data: Path) -> None:
    """Version 3 -> 4: each council's ``open-N.json`` files into its ``open.json``.

    Per council, every open follow-up is written (fsync'd) to ``open.json``, merged with
    what is there already, and only then are the per-meeting files removed. Run again
    after an interruption, a follow-up already gathered is not added twice (the copy with
    the higher revision ``_rev`` is kept).
    """
    root = data / layout.FOLLOWUPS_DIR
    try:
        councils = sorted(e.name for e in os.scandir(root) if e.is_dir(follow_symlinks=False))
    except FileNotFoundError:
        return
    for council_id in councils:
        folder = layout.council_followups_dir(data, council_id)
        meetings = layout.open_followup_meetings_v3(data, council_id)
        if not meetings:
            continue
        target = layout.open_followups_path(data, council_id)
        gathered = _read_or_new(target)
        table = gathered.setdefault("open", {})
        where = {doc.get("id"): key for key, doc in table.items()}
        for meeting_id in meetings:
            old = _read_tables(layout.open_followups_path_v3(data, council_id, meeting_id))
            for _, doc in sorted(old.get("open", {}).items(),
                                 key=lambda pair: int(pair[0]) if pair[0].isdigit() else 0):
                key = where.get(doc.get("id"))
                if key is None:
                    key = str(max((int(k) for k in table if k.isdigit()), default=0) + 1)
                    where[doc.get("id")] = key
                elif _rev(table[key]) >= _rev(doc):
                    continue
                table[key] = doc
        write_bytes_atomic(target, encode_json(gathered))
        for meeting_id in meetings:
            layout.open_followups_path_v3(data, council_id, meeting_id).unlink()
        fsync_dir(folder)


MIGRATIONS: dict[int, Callable[[Path], None]] = {
    1: split_catalogue_and_followups,
    2: split_yearly_archives,
    3: gather_open_followups,
}
