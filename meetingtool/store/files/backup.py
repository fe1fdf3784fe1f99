"""Backups of every database file, and restoring one.

A backup is a folder ``DATA/backups/ID/`` holding the same tree as the data directory
(``catalogue.json``, ``meetings/...`` ...) plus ``backup.json`` (id, time, reason).
Backups are incremental in the way ``rsync --link-dest`` is: a file whose content equals
the previous backup's copy is hard-linked to that copy; any other file is copied
(fsync'd).
A backup therefore costs a handful of copies however long the history, yet no backup ever
shares a file with the live data: damage to a live file (a disk error, a program writing
into it) cannot reach the backups. Files are owner-only; folders are created 0700.

A backup is built in ``backups/.partial-ID`` and renamed into place when complete, so a
crash never leaves a half backup that looks whole (partial folders are removed on open).
The newest ``KEEP`` backups are kept.

Restoring first backs up the current state (so a restore can itself be undone), then
writes ``pending.json`` naming the backup, replaces every database file by the backup's
(each a fresh copy, written atomically; files already equal are left alone), removes
database files the backup does not have, and removes ``pending.json``. If that is
interrupted, the next opening of the store finishes it.

The caller holds the store lock (``lock.py``) around every function here.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.store.files import layout
from meetingtool.store.files.storage import (
    StoreDamagedError,
    ensure_dir,
    fsync_dir,
    read_json,
    write_bytes_atomic,
    write_json_atomic,
)

KEEP = 10
INFO = "backup.json"
PARTIAL_PREFIX = ".partial-"


@dataclass
class BackupInfo:
    """One backup: ``id`` to restore it by, when it was made and why."""

    id: str
    created: datetime
    reason: str
    path: Path


def backups_dir(data: Path) -> Path:
    return data / layout.BACKUPS_DIR


def _copy(source: Path, target: Path) -> None:
    """An independent, fsync'd copy of ``source`` at ``target`` (atomically replaced)."""
    write_bytes_atomic(target, source.read_bytes(), sync_dir=False)


def _link_from_backup(source: Path, target: Path) -> None:
    """Share an unchanged file between two backups (never with the live data)."""
    try:
        os.link(source, target)
    except OSError:
        _copy(source, target)


def _same_content(content: bytes, path: Path) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def list_backups(data: Path) -> list[BackupInfo]:
    """Every complete backup, newest first."""
    found = []
    try:
        entries = list(os.scandir(backups_dir(data)))
    except FileNotFoundError:
        return []
    for entry in entries:
        if entry.name.startswith(".") or not entry.is_dir():
            continue
        info_path = Path(entry.path) / INFO
        try:
            info = read_json(info_path)
            found.append(
                (
                    info.get("sequence", 0),
                    BackupInfo(
                        id=entry.name,
                        created=datetime.fromisoformat(info["created"]),
                        reason=str(info.get("reason", "")),
                        path=Path(entry.path),
                    ),
                )
            )
        except (StoreDamagedError, KeyError, TypeError, ValueError, AttributeError):
            continue  # not a usable backup; never shown, never restored
    found.sort(key=lambda pair: (pair[0], pair[1].created), reverse=True)  # creation order
    return [info for _, info in found]


def create_backup(data: Path, reason: str, now: datetime, *, protect: str | None = None) -> Path:
    """Back up every database file now; returns the backup's folder."""
    root = backups_dir(data)
    ensure_dir(root)
    existing = list_backups(data)
    sequence = 1 + max((_sequence(b) for b in existing), default=0)
    base = now.strftime("%Y%m%d-%H%M%S")
    backup_id, n = base, 1
    while (root / backup_id).exists():
        n += 1
        backup_id = f"{base}-{n}"
    partial = root / f"{PARTIAL_PREFIX}{backup_id}"
    if partial.exists():
        shutil.rmtree(partial)
    ensure_dir(partial)
    folders = {partial}
    previous = existing[0] if existing else None
    for relative in layout.database_files(data):
        target = partial / relative
        if target.parent not in folders:
            ensure_dir(target.parent)
            folders.add(target.parent)
        content = (data / relative).read_bytes()
        if previous is not None and _same_content(content, previous.path / relative):
            _link_from_backup(previous.path / relative, target)
        else:
            write_bytes_atomic(target, content, sync_dir=False)
    write_json_atomic(
        partial / INFO,
        {"id": backup_id, "created": now.isoformat(timespec="seconds"), "reason": reason,
         "sequence": sequence, "schema": layout.SCHEMA_VERSION},
    )
    for folder in folders:
        fsync_dir(folder)
    final = root / backup_id
    os.rename(partial, final)
    fsync_dir(root)
    _prune(data, protect)
    return final


def _sequence(info: BackupInfo) -> int:
    try:
        return int(read_json(info.path / INFO).get("sequence", 0))
    except (StoreDamagedError, ValueError, TypeError, AttributeError):
        return 0


def _prune(data: Path, protect: str | None) -> None:
    for old in list_backups(data)[KEEP:]:
        if old.id != protect:
            shutil.rmtree(old.path, ignore_errors=True)


def remove_partial_backups(data: Path) -> None:
    try:
        entries = list(os.scandir(backups_dir(data)))
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name.startswith(PARTIAL_PREFIX):
            shutil.rmtree(entry.path, ignore_errors=True)


def find_backup(data: Path, backup_id: str) -> BackupInfo:
    for info in list_backups(data):
        if info.id == backup_id:
            return info
    raise NotFoundError(
        f"Sikkerhedskopien '{backup_id}' findes ikke. Se listen med 'meetingtool restore'."
    )


def _folders_in_the_way(data: Path, source: Path) -> list[Path]:
    """Folders in the data folder where the backup has a file: a restore cannot put the
    file there, and must not delete a folder someone made."""
    return [data / relative for relative in layout.database_files(source)
            if (data / relative).is_dir() and not (data / relative).is_symlink()]


def _refuse_folders(folders: list[Path], backup_id: str, started: bool) -> None:
    if not folders:
        return
    names = ", ".join(str(folder) for folder in folders[:3])
    more = f" (og {len(folders) - 3} flere)" if len(folders) > 3 else ""
    state = ("Gendannelsen er påbegyndt og gøres færdig, når mapperne er flyttet"
             if started else "Intet er ændret")
    raise MeetingToolError(
        f"Sikkerhedskopien {backup_id} kan ikke gendannes: der ligger en mappe, hvor en "
        f"datafil skal stå: {names}{more}. Flyt mappen ud af datamappen (fx til "
        f"skrivebordet), og kør 'meetingtool restore {backup_id}' igen. {state}."
    )


def start_restore(data: Path, backup_id: str, now: datetime) -> None:
    """Back up the current state, then restore ``backup_id`` (crash-safe via pending.json)."""
    info = find_backup(data, backup_id)
    _refuse_folders(_folders_in_the_way(data, info.path), backup_id, started=False)
    create_backup(data, f"Før gendannelse af sikkerhedskopi {backup_id}", now,
                  protect=backup_id)
    write_json_atomic(data / layout.PENDING, {"restore": info.id})
    apply_restore(data, info.id)


def apply_restore(data: Path, backup_id: str) -> None:
    """Make the database files exactly those of the backup; then drop pending.json."""
    source = backups_dir(data) / backup_id
    if not (source / INFO).is_file():
        raise StoreDamagedError(
            data / layout.PENDING,
            f"den påbegyndte gendannelse henviser til sikkerhedskopien '{backup_id}', "
            "som ikke findes",
        )
    _refuse_folders(_folders_in_the_way(data, source), backup_id, started=True)
    wanted = set(layout.database_files(source))
    touched = {data}
    for relative in layout.database_files(data):
        if relative not in wanted:
            (data / relative).unlink(missing_ok=True)
            touched.add((data / relative).parent)
    for relative in sorted(wanted):
        target = data / relative
        content = (source / relative).read_bytes()
        try:
            if target.read_bytes() == content:
                continue
        except OSError:
            pass
        ensure_dir(target.parent)
        write_bytes_atomic(target, content, sync_dir=False)
        touched.add(target.parent)
    for folder in touched:
        fsync_dir(folder)
    (data / layout.PENDING).unlink(missing_ok=True)
    fsync_dir(data)
