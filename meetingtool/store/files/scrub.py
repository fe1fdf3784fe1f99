"""Taking purged details out of the backups too: a purge a restore can undo is no purge.

``residents purge`` (``core.purge``) removes residents' borgergennemgange and the notes of
their triage ratings from the data. Every backup of the data folder holds copies of the
files those lived in, so the same is done to each copy: in every file under ``meetings/``
and ``residents/`` a backup holds itself, a borgergennemgang of one of the residents is
removed and a triage rating of one of them keeps its colour only. The copies are read as
plain JSON (``{table: {id: document}}``), whatever schema version the backup was taken
at, and only a copy that changed is written (atomically, like every store file). Restoring
such a backup afterwards gives back the data as it was, without the purged details.

The caller holds the store lock.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from meetingtool.core.purge import DETAIL_FIELDS
from meetingtool.store.files import layout
from meetingtool.store.files.backup import held_files, list_backups
from meetingtool.store.files.storage import read_json, write_json_atomic

_FOLDERS = (f"{layout.MEETINGS_DIR}/", f"{layout.RESIDENTS_DIR}/")
_REVIEWS = "borgergennemgange"


def _clean(tables: Any, resident_ids: Collection[str]) -> bool:
    """Apply the purge to one file's tables in place; whether anything changed."""
    if not isinstance(tables, dict):
        return False
    changed = False
    for name, table in tables.items():
        if not isinstance(table, dict):
            continue
        for doc_id, doc in list(table.items()):
            if not isinstance(doc, dict) or doc.get("resident_id") not in resident_ids:
                continue
            if name == _REVIEWS or "answers" in doc:
                del table[doc_id]
                changed = True
            elif "colour" in doc and any(doc.get(field) for field in DETAIL_FIELDS):
                doc.update({field: "" for field in DETAIL_FIELDS})
                changed = True
    return changed


def scrub_backups(data: Path, resident_ids: Collection[str]) -> int:
    """Remove the residents' purged details from every backup; how many backups changed."""
    cleaned = 0
    for info in list_backups(data):
        touched = False
        for relative in held_files(info):
            if not relative.startswith(_FOLDERS):
                continue
            path = info.path / relative
            if not path.is_file():
                continue
            tables = read_json(path)
            if _clean(tables, resident_ids):
                write_json_atomic(path, tables)
                touched = True
        cleaned += touched
    return cleaned
