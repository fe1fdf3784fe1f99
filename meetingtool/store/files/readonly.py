"""Opening a data folder this user cannot write in (no permission, a read-only mount).

No lock file is made, nothing is repaired or upgraded on disk. Everything can be read and
exported; a change is refused with ``read_only_error``. A change cut off midway
(``pending.json``) is finished in memory only, by the transaction that reads (what the
next writable opening will write); a restore cut off midway is shown as the backup being
restored, laid out as symbolic links in a temporary folder this user can write in.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from meetingtool.store.errors import StoreDamagedError, StoreWriteError
from meetingtool.store.files import backup as backups
from meetingtool.store.files import layout, migrate
from meetingtool.store.files.storage import read_json


@dataclass
class ReadOnlyView:
    """What the store shows of a read-only folder, and what to tell the user about it."""

    notice: str
    repair_in_memory: bool = False
    shown: tempfile.TemporaryDirectory[str] | None = None


def read_only_error(folder: Path) -> StoreWriteError:
    return StoreWriteError(
        f"Datamappen {folder} er skrivebeskyttet, så intet kan ændres eller "
        "sikkerhedskopieres i den; at vise og eksportere virker. Bed om skriveadgang til "
        "mappen, eller kopiér den til en mappe, du kan skrive i, og brug --data."
    )


def _farm(source_files: dict[str, Path]) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder of symbolic links to ``source_files`` (relative path -> file):
    the data laid out where this user can write, without copying it."""
    farm = tempfile.TemporaryDirectory(prefix="meetingtool-")
    for relative, source in source_files.items():
        link = Path(farm.name) / relative
        link.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        link.symlink_to(source)
    return farm


def _upgrade_in(farm: Path, version: int) -> None:
    """Run the upgrade steps on a folder of links: each step replaces a link by a new
    file or removes a link, never writing through one, so the data folder is untouched."""
    for step in range(version, layout.SCHEMA_VERSION):
        migrate.MIGRATIONS[step](farm)
    migrate.write_meta(farm)


def open_read_only(folder: Path) -> ReadOnlyView:
    version = migrate.read_schema(folder)
    if version is None:
        raise StoreWriteError(
            f"Datamappen {folder} er skrivebeskyttet og har ingen data endnu. Vælg en "
            "anden mappe med --data, eller giv dig selv skriveadgang til den."
        )
    migrate.check_not_newer(folder, version)
    view = ReadOnlyView(f"Datamappen {folder} er skrivebeskyttet: data kan vises og "
                        "eksporteres, men ikke ændres.")
    pending = read_json(folder / layout.PENDING, must_exist=False)
    if pending is not None and not isinstance(pending, dict):
        raise StoreDamagedError(folder / layout.PENDING,
                                "indholdet har ikke den forventede opbygning")
    if pending is not None and "restore" in pending:
        backup = backups.backups_dir(folder) / str(pending["restore"])
        if not (backup / backups.INFO).is_file():
            raise StoreDamagedError(
                folder / layout.PENDING,
                f"den påbegyndte gendannelse henviser til sikkerhedskopien "
                f"'{pending['restore']}', som ikke findes")
        view.shown = _farm(backups.resolved_files(folder, backups.find_backup(folder,
                                                                                backup.name)))
        version = migrate.read_schema(Path(view.shown.name)) or layout.SCHEMA_VERSION
        view.notice += (
            f" En gendannelse af sikkerhedskopien {backup.name} blev afbrudt og venter på "
            "at blive gjort færdig; det, der vises, er sikkerhedskopiens indhold (det "
            "sidst bekræftede). Giv skriveadgang og kør en kommando, så gøres den færdig.")
    elif pending is not None:
        view.repair_in_memory = True
        view.notice += (
            f" En ændring blev afbrudt midt i ({folder / layout.PENDING}) og venter på at "
            "blive gjort færdig; det, der vises, er det sidst gemte. Giv skriveadgang og kør "
            "en kommando, så gøres den færdig.")
    if version < layout.SCHEMA_VERSION:
        if view.shown is None:
            view.shown = _farm({relative: folder / relative
                                for relative in layout.database_files(folder)})
        _upgrade_in(Path(view.shown.name), version)
        view.notice += (" Data er skrevet af en ældre udgave af meetingtool; de vises "
                        "opgraderet, men mappen er ikke ændret.")
    return view
