"""Schema versions of the data directory, and migrating older data.

``meta.json`` holds ``{"schema": N}``. Versions:

1. The first layout: ``catalogue.json`` and one file per meeting, with no ``meta.json``
   and no per-council follow-up indexes (``followups/COUNCIL.json``).
2. (current) adds ``meta.json`` and the follow-up indexes, so a council's open follow-ups
   are read from one small file instead of every meeting.

Opening older data first makes a backup (reason "Før opgradering ..."), then runs each
step in turn and finally writes ``meta.json``; an interrupted migration is simply run
again at the next opening (every step rebuilds what it makes from the meeting files).
Data written by a newer meetingtool is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from meetingtool.core.errors import MeetingToolError
from meetingtool.core.vocab import OPEN_FOLLOWUP_STATUSES
from meetingtool.store import layout
from meetingtool.store.backup import create_backup
from meetingtool.store.storage import (
    StoreDamagedError,
    check_tinydb_shape,
    ensure_dir,
    read_json,
    write_json_atomic,
)


class NewerDataError(MeetingToolError):
    """The data directory was written by a newer meetingtool."""


def empty_catalogue() -> dict:
    return {"councils": {}, "meetings": {}, "counters": {"1": {"meeting": 0}}}


def read_schema(data: Path) -> int | None:
    """The data's schema version; ``None`` for a directory with no store in it yet."""
    meta = read_json(data / layout.META, must_exist=False)
    if meta is None:
        if (data / layout.CATALOGUE).exists() or (data / layout.MEETINGS_DIR).is_dir():
            return 1
        return None
    version = meta.get("schema") if isinstance(meta, dict) else None
    if not isinstance(version, int) or version < 1:
        raise StoreDamagedError(data / layout.META, "skemaversionen mangler eller er ugyldig")
    return version


def write_meta(data: Path) -> None:
    write_json_atomic(data / layout.META, {"schema": layout.SCHEMA_VERSION})


def open_data(data: Path, now: Callable[[], datetime]) -> None:
    """Create a new store, or check (and migrate) an existing one. Caller holds the lock."""
    version = read_schema(data)
    if version is None:
        write_json_atomic(data / layout.CATALOGUE, empty_catalogue())
        write_meta(data)
        return
    if version > layout.SCHEMA_VERSION:
        raise NewerDataError(
            f"Datamappen {data} er skrevet af en nyere udgave af meetingtool "
            f"(dataversion {version}; denne udgave kender op til {layout.SCHEMA_VERSION}). "
            "Opdatér meetingtool, før du åbner den."
        )
    if version == layout.SCHEMA_VERSION:
        return
    create_backup(
        data, f"Før opgradering af data fra version {version} til {layout.SCHEMA_VERSION}",
        now(),
    )
    for step in range(version, layout.SCHEMA_VERSION):
        MIGRATIONS[step](data)
    write_meta(data)


def rebuild_followup_indexes(data: Path) -> None:
    """Build every council's follow-up index from the meeting files (version 1 -> 2)."""
    indexes: dict[str, dict] = {}
    folder = data / layout.MEETINGS_DIR
    paths = sorted(folder.glob("meeting-*.json"), key=lambda p: layout.meeting_id_of(p) or 0)
    for path in paths:
        meeting_id = layout.meeting_id_of(path)
        if meeting_id is None:
            continue
        tables = check_tinydb_shape(path, read_json(path))
        for doc_id, followup in sorted(tables.get("followups", {}).items(),
                                       key=lambda pair: int(pair[0])):
            index = indexes.setdefault(followup["council_id"], {"open": {}, "meetings": {}})
            index["meetings"][str(meeting_id)] = {}
            if followup.get("status") in OPEN_FOLLOWUP_STATUSES:
                index["open"][str(len(index["open"]) + 1)] = followup
    ensure_dir(data / layout.FOLLOWUPS_DIR)
    for council_id, index in indexes.items():
        target = layout.followup_index_path(data, council_id)
        if target.exists():
            check_tinydb_shape(target, read_json(target))  # never replace what we cannot read
        write_json_atomic(target, index)


MIGRATIONS: dict[int, Callable[[Path], None]] = {1: rebuild_followup_indexes}
