"""Restoring a backup: the database files become exactly the backup's.

Restoring first backs up the current state (so a restore can itself be undone), then
writes ``pending.json`` naming the backup, replaces every database file by the backup's
copy (resolved through the backup's chain, see ``backup.py``; each written atomically,
files already equal are left alone), removes database files the backup does not have,
and removes ``pending.json``. If that is interrupted, the next opening of the store
finishes it. A folder standing where a file must go is refused before anything changes:
a restore never deletes a folder, and never starts what it cannot finish.

The caller holds the store lock (``lock.py``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from meetingtool.core.errors import MeetingToolError
from meetingtool.store.errors import StoreDamagedError
from meetingtool.store.files import changes, layout
from meetingtool.store.files.backup import (
    INFO,
    backups_dir,
    create_backup,
    find_backup,
    resolved_files,
)
from meetingtool.store.files.storage import (
    ensure_dir,
    fsync_dir,
    write_bytes_atomic,
    write_json_atomic,
)


def _folders_in_the_way(data: Path, wanted: dict[str, Path]) -> list[Path]:
    """Folders in the data folder where the backup has a file."""
    return [data / relative for relative in sorted(wanted)
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
    _refuse_folders(_folders_in_the_way(data, resolved_files(data, info)), backup_id,
                    started=False)
    create_backup(data, f"Før gendannelse af sikkerhedskopi {backup_id}", now,
                  protect=backup_id, scan=True)
    write_json_atomic(data / layout.PENDING, {"restore": info.id})
    apply_restore(data, info.id)


def apply_restore(data: Path, backup_id: str) -> None:
    """Make the database files exactly those of the backup; then drop pending.json."""
    if not (backups_dir(data) / backup_id / INFO).is_file():
        raise StoreDamagedError(
            data / layout.PENDING,
            f"den påbegyndte gendannelse henviser til sikkerhedskopien '{backup_id}', "
            "som ikke findes",
        )
    wanted = resolved_files(data, find_backup(data, backup_id))
    _refuse_folders(_folders_in_the_way(data, wanted), backup_id, started=True)
    changes.forget(data)  # files change below without the commit's log: compare next time
    touched = {data}
    for relative in layout.database_files(data):
        if relative not in wanted:
            (data / relative).unlink(missing_ok=True)
            touched.add((data / relative).parent)
    for relative, source in sorted(wanted.items()):
        target = data / relative
        content = source.read_bytes()
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
