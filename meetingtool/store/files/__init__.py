"""The files backend: the store in one data folder of small TinyDB files (the default).

The only code that imports ``tinydb``. ``FileStore`` is the ``store.api.Store`` built from
its parts, each a layer of the same object:

- ``tx.py``: the lock, the journal (``pending.json``), atomic commits and repair;
- ``meetings.py``: councils, meetings (merged on save), decisions;
- ``followups.py``: follow-ups in an open and a closed file per meeting;
- ``residents.py``: a team's residents, triage entries, borgergennemgange;
- ``trials.py``: trial actions (prøvehandlinger);
- ``indicators.py``: quality indicators and their values;
- ``search.py``: the search index, refreshed per meeting file when it changed;
- ``importing.py``: records taken in whole with their ids (``store copy``);
- ``storage.py`` (atomic, fsync'd, owner-only JSON files), ``layout.py`` (where each file
  lives), ``lock.py``, ``backup.py``, ``migrate.py`` (schema versions of the files).

Why files: one person or one centre needs no server; the folder can be copied, backed up and
read by hand. See ``ARCHITECTURE.md`` for the design and the promises (nothing confirmed is
lost, two terminals keep both people's changes).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime
from pathlib import Path

from meetingtool.core.errors import NotFoundError
from meetingtool.store.errors import StoreWriteError
from meetingtool.store.files import backup as backups
from meetingtool.store.files import restore as restoring
from meetingtool.store.files.backup import BackupInfo
from meetingtool.store.files.importing import ImportRecords
from meetingtool.store.files.indicators import IndicatorRecords
from meetingtool.store.files.layout import file_version, meeting_path
from meetingtool.store.files.lock import StoreLock
from meetingtool.store.files.search import SearchRecords
from meetingtool.store.files.storage import is_read_only
from meetingtool.store.files.trials import TrialRecords

__all__ = ["FileStore", "list_backups", "restore_backup"]


class FileStore(ImportRecords, TrialRecords, IndicatorRecords, SearchRecords):
    """The meeting store in one data directory (see the package docstring)."""

    backend = "files"

    @property
    def location(self) -> str:
        return str(self.data_dir)

    def close(self) -> None:
        """Nothing is held between calls (each opens its files afresh)."""

    def counts(self) -> dict[str, int]:
        from meetingtool.store.inventory import count_through_api

        return count_through_api(self)

    def meeting_version(self, meeting_id: int) -> Hashable:
        """The meeting file's modification time, size and inode, read without the lock.

        Every save replaces the whole file (a new inode, ``storage.write_bytes_atomic``)
        and decisions and triage entries live in the same file, so any change shows here.
        A stat is cheap enough to poll four times a second.
        """
        return file_version(meeting_path(self.data_dir, meeting_id))


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """The backups in ``data_dir``, newest first, without opening the store.

    Works when a database file is damaged (that is when backups are needed).
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    with StoreLock(data_dir, read_only=is_read_only(data_dir)).hold():
        return backups.list_backups(data_dir)


def restore_backup(data_dir: Path, backup_id: str,
                   now: Callable[[], datetime] = datetime.now) -> None:
    """Restore a backup without opening the store (the current state is backed up first)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise NotFoundError(f"Datamappen {data_dir} findes ikke.")
    if is_read_only(data_dir):
        raise StoreWriteError(
            f"Datamappen {data_dir} er skrivebeskyttet, så ingen sikkerhedskopi kan gendannes "
            "i den. Bed om skriveadgang til mappen, og prøv igen.")
    with StoreLock(data_dir).hold():
        restoring.start_restore(data_dir, backup_id, now().replace(microsecond=0))
