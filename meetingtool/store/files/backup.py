"""Backups of the database files: only what changed is copied; kept by age.

A backup is a folder ``DATA/backups/ID/`` holding the files that changed since the
backup before it (same tree as the data folder: ``catalogue.json``, ``meetings/...``),
plus ``backup.json`` (id, time, reason, and ``base``: the backup before it) and
``files.json`` (the files it holds, each with the inode, size and modification time the
live file had, and the files removed since its base). A file a backup does not hold
itself is found in its ``base``, and so on down the chain (``resolved_files``) to the
oldest, which holds every file (``"full": true``). What one backup writes therefore
follows what changed, never the size of the history. Which files changed is known
without reading any: the store's commit lists every path it writes in ``changes.log``
(``changes.py``); when that log cannot be trusted (after a power cut, an upgrade or a
restore) the backup compares each file's inode, size and modification time with what the
chain's ``files.json`` record instead, which costs a ``stat`` per file and reads none. A
backup at a meeting's start or end therefore copies a handful of files however long the
history.

Backups never share a file with the live data (copies, fsync'd), so damage to a live file
cannot reach them; two backups may share a file (a hard link) after an old one is
removed. Files are owner-only; folders are created 0700. A backup is built in
``backups/.partial-ID`` and renamed into place when complete, so a crash never leaves a
half backup that looks whole (partial folders are removed on open).

Backups are kept by age (``keep_by_age``): every one from the last 14 days, then the
newest of each week for 3 months, then the newest of each month, and always the newest
10. Removing one that a newer backup builds on first hard-links the files the newer one
still needs into it, then points it past the removed one, then removes it; a crash at
any step leaves every listed backup whole.

Restoring (``restore.py``) puts a backup's resolved files back. The caller holds the
store lock (``lock.py``) around every function here.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from meetingtool.core.errors import NotFoundError
from meetingtool.store.errors import StoreDamagedError
from meetingtool.store.files import changes, layout
from meetingtool.store.files.storage import (
    ensure_dir,
    fsync_dir,
    read_json,
    replace,
    write_bytes_atomic,
    write_json_atomic,
)

KEEP_LAST = 10
"""The newest backups always kept, whatever their age."""
KEEP_ALL_DAYS = 14
KEEP_WEEKLY_DAYS = 92
INFO = "backup.json"
FILES = "files.json"
PARTIAL_PREFIX = ".partial-"


@dataclass
class BackupInfo:
    """One backup: ``id`` to restore it by, when it was made and why; ``base`` the backup
    it builds on (``None``: it holds every file itself)."""

    id: str
    created: datetime
    reason: str
    path: Path
    sequence: int = 0
    base: str | None = None


def backups_dir(data: Path) -> Path:
    return data / layout.BACKUPS_DIR


def _read_info(folder: Path) -> BackupInfo:
    info = read_json(folder / INFO)
    base = info.get("base")
    return BackupInfo(id=folder.name, created=datetime.fromisoformat(info["created"]),
                      reason=str(info.get("reason", "")), path=folder,
                      sequence=int(info.get("sequence", 0)),
                      base=str(base) if base else None)


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
        try:
            found.append(_read_info(Path(entry.path)))
        except (StoreDamagedError, KeyError, TypeError, ValueError, AttributeError):
            continue  # not a usable backup; never shown, never restored
    found.sort(key=lambda info: (info.sequence, info.created), reverse=True)
    return found


def find_backup(data: Path, backup_id: str) -> BackupInfo:
    for info in list_backups(data):
        if info.id == backup_id:
            return info
    raise NotFoundError(
        f"Sikkerhedskopien '{backup_id}' findes ikke. Se listen med 'meetingtool restore'."
    )


def _stat_key(path: Path) -> list[int] | None:
    try:
        st = os.stat(path, follow_symlinks=False)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _delta(info: BackupInfo) -> dict[str, Any] | None:
    """A backup's ``files.json``: ``{"full": true, "files": {path: key}}`` for one holding
    every file, else ``{"full": false, "files": {...}, "removed": [path, ...]}``: the
    files it holds (changed since its base) and those gone since. ``None`` for a backup
    made before backups had the file (it holds every file)."""
    try:
        delta = read_json(info.path / FILES, must_exist=False)
    except StoreDamagedError:
        return None
    if not (isinstance(delta, dict) and isinstance(delta.get("files"), dict)
            and isinstance(delta.get("removed", []), list)):
        return None
    return delta


def _held(info: BackupInfo, delta: dict[str, Any] | None) -> dict[str, Any]:
    """The files a backup holds itself, with their keys (``None``: not known)."""
    if delta is None:
        return {relative: None for relative in layout.database_files(info.path)}
    files: dict[str, Any] = delta["files"]  # a dict: ``_delta`` checked it
    return files


def _self_contained(delta: dict[str, Any] | None) -> bool:
    return delta is None or bool(delta.get("full"))


def _links(data: Path, info: BackupInfo) -> list[tuple[BackupInfo, dict[str, Any] | None]]:
    """The chain from ``info`` down to the backup holding every file, with their files."""
    links: list[tuple[BackupInfo, dict[str, Any] | None]] = []
    link = info
    while True:
        if any(seen.id == link.id for seen, _ in links):
            raise StoreDamagedError(info.path / INFO, "sikkerhedskopierne henviser i ring")
        delta = _delta(link)
        links.append((link, delta))
        if _self_contained(delta):
            return links
        if link.base is None:
            raise StoreDamagedError(
                info.path / INFO, "kæden af sikkerhedskopier ender uden en hel sikkerhedskopi")
        try:
            link = _read_info(backups_dir(data) / link.base)
        except (StoreDamagedError, KeyError, TypeError, ValueError, AttributeError):
            raise StoreDamagedError(
                info.path / INFO,
                f"sikkerhedskopien bygger på sikkerhedskopien '{link.base}', som mangler "
                "eller er ødelagt; gendan en anden sikkerhedskopi") from None


def full_manifest(data: Path, info: BackupInfo) -> dict[str, Any]:
    """Every database file the data folder had when ``info`` was taken, with its key."""
    links = _links(data, info)
    manifest: dict[str, Any] = {}
    for link, delta in reversed(links):
        if _self_contained(delta):
            manifest = dict(_held(link, delta))
        else:
            assert delta is not None
            manifest.update(delta["files"])
            for relative in delta.get("removed", []):
                manifest.pop(relative, None)
    return manifest


def _mkdir(folder: Path) -> None:
    """An owner-only folder inside a backup being built, without an fsync of its own: the
    backup fsyncs each of its folders once when it is complete."""
    if folder.is_dir():
        return
    _mkdir(folder.parent)
    os.mkdir(folder, 0o700)
    os.chmod(folder, 0o700)


def _new_id(root: Path, now: datetime) -> str:
    base = now.strftime("%Y%m%d-%H%M%S")
    backup_id, n = base, 1
    while (root / backup_id).exists() or (root / f"{PARTIAL_PREFIX}{backup_id}").exists():
        n += 1
        backup_id = f"{base}-{n}"
    return backup_id


def create_backup(data: Path, reason: str, now: datetime, *, protect: str | None = None,
                  scan: bool = False) -> Path:
    """Back up the database files now (copying what changed); returns the backup's folder.

    ``scan``: find what changed by comparing every file's inode, size and time with the
    previous backup's list, not from the log (before a restore or an upgrade, which must
    keep the files exactly as they are, even ones changed outside meetingtool)."""
    root = backups_dir(data)
    ensure_dir(root)
    existing = list_backups(data)
    previous = existing[0] if existing else None
    backup_id = _new_id(root, now)
    partial = root / f"{PARTIAL_PREFIX}{backup_id}"
    _mkdir(partial)
    removed: set[str] = set()
    if previous is None or _delta(previous) is None:
        full = True  # the first backup of a chain holds every file
        to_copy = set(layout.database_files(data))
    else:
        full = False
        logged = None if scan else changes.changed_since(data, previous.id)
        if logged is None:
            earlier = full_manifest(data, previous)
            live = {relative: _stat_key(data / relative)
                    for relative in layout.database_files(data)}
            to_copy = {r for r, key in live.items() if earlier.get(r) != key}
            removed = set(earlier) - set(live)
        else:
            to_copy = {r for r in logged if (data / r).is_file()}
            removed = set(logged) - to_copy
    folders = {partial}
    held: dict[str, Any] = {}
    for relative in sorted(to_copy):
        target = partial / relative
        if target.parent not in folders:
            _mkdir(target.parent)
            folders.update(parent for parent in target.parents if partial in parent.parents)
            folders.add(target.parent)
        key = _stat_key(data / relative)
        try:
            content = (data / relative).read_bytes()
        except FileNotFoundError:
            removed.add(relative)
            continue
        write_bytes_atomic(target, content, sync_dir=False)
        held[relative] = key
    write_json_atomic(partial / FILES, {"full": True, "files": held} if full else
                      {"full": False, "files": held, "removed": sorted(removed)})
    base = None if full or previous is None else previous.id  # not full: there is one
    sequence = 1 + max((info.sequence for info in existing), default=0)
    write_json_atomic(
        partial / INFO,
        {"id": backup_id, "created": now.isoformat(timespec="seconds"), "reason": reason,
         "sequence": sequence, "schema": layout.SCHEMA_VERSION, "base": base},
    )
    for folder in folders:
        fsync_dir(folder)
    final = root / backup_id
    replace(partial, final)  # waits for a reader on Windows
    fsync_dir(root)
    changes.start(data, backup_id)
    prune(data, now, protect)
    return final


# --- which files a backup holds -------------------------------------------------------------


def resolved_files(data: Path, info: BackupInfo) -> dict[str, Path]:
    """Every database file of backup ``info``: where its copy lies (in it or a base)."""
    wanted = full_manifest(data, info)
    found: dict[str, Path] = {}
    for link, delta in _links(data, info):
        for relative in _held(link, delta):
            if relative in wanted and relative not in found:
                found[relative] = link.path / relative
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise StoreDamagedError(
            info.path / FILES,
            f"{len(missing)} filer i sikkerhedskopien findes ikke længere (fx {missing[0]}); "
            "gendan en anden sikkerhedskopi")
    return found


def held_files(info: BackupInfo) -> list[str]:
    """The database files backup ``info`` holds a copy of itself (not through its base),
    as paths relative to the data folder (what a purge must clean: ``scrub.py``)."""
    return sorted(_held(info, _delta(info)))


# --- keeping them by age -------------------------------------------------------------------


def keep_by_age(backups: list[BackupInfo], now: datetime) -> set[str]:
    """The ids to keep: all from the last 14 days, then the newest of each week for 3
    months, then the newest of each month; and always the newest ``KEEP_LAST``.
    ``backups`` is newest first."""
    keep = {info.id for info in backups[:KEEP_LAST]}
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    for info in backups:
        age = now - info.created
        if age <= timedelta(days=KEEP_ALL_DAYS):
            keep.add(info.id)
        elif age <= timedelta(days=KEEP_WEEKLY_DAYS):
            iso = info.created.isocalendar()
            week = (iso.year, iso.week)
            if week not in weeks:
                weeks.add(week)
                keep.add(info.id)
        else:
            month = (info.created.year, info.created.month)
            if month not in months:
                months.add(month)
                keep.add(info.id)
    return keep


def prune(data: Path, now: datetime, protect: str | None = None) -> None:
    existing = list_backups(data)
    keep = keep_by_age(existing, now) | ({protect} if protect else set())
    for old in reversed(existing):  # oldest first
        if old.id not in keep:
            remove_backup(data, old)


def remove_backup(data: Path, victim: BackupInfo) -> None:
    """Remove a backup, first giving the newer backup built on it what it still needs.

    The files the successor needs from the removed one are hard-linked into it, then its
    ``files.json`` is rewritten to build on the removed one's base (or to hold every file,
    when the removed one did), then its ``backup.json`` points there; a crash at any step
    leaves each listed backup whole."""
    successor = next((b for b in list_backups(data) if b.base == victim.id), None)
    if successor is not None:
        own = _delta(successor)
        if own is not None and not own.get("full"):
            _absorb(data, victim, successor, own)
        info = read_json(successor.path / INFO)
        info["base"] = None if _self_contained(_delta(successor)) else victim.base
        write_json_atomic(successor.path / INFO, info)
    doomed = backups_dir(data) / f"{PARTIAL_PREFIX}removed-{victim.id}"
    replace(victim.path, doomed)
    shutil.rmtree(doomed, ignore_errors=True)


def _absorb(data: Path, victim: BackupInfo, successor: BackupInfo, own: dict[str, Any]) -> None:
    wanted = full_manifest(data, successor)
    victim_delta = _delta(victim)
    victims = _held(victim, victim_delta)
    files = dict(own["files"])
    folders = set()
    for relative in sorted(set(wanted) - set(files)):
        if relative not in victims:
            continue  # it lies further down the chain
        source, target = victim.path / relative, successor.path / relative
        _mkdir(target.parent)
        folders.add(target.parent)
        try:
            os.link(source, target)
        except FileExistsError:
            pass
        except OSError:
            write_bytes_atomic(target, source.read_bytes(), sync_dir=False)
        files[relative] = wanted[relative]
    for folder in folders:
        fsync_dir(folder)
    if _self_contained(victim_delta):
        delta = {"full": True, "files": files}
    else:
        assert victim_delta is not None
        gone = set(victim_delta.get("removed", [])) | set(own.get("removed", []))
        delta = {"full": False, "files": files, "removed": sorted(gone - set(wanted))}
    write_json_atomic(successor.path / FILES, delta)


def remove_partial_backups(data: Path) -> None:
    try:
        entries = list(os.scandir(backups_dir(data)))
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name.startswith(PARTIAL_PREFIX):
            shutil.rmtree(entry.path, ignore_errors=True)
