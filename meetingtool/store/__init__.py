"""The meeting store: one typed API (``api.Store``), two backends.

- ``files/``: a data folder of small TinyDB files (the embedded default, one person or one
  centre); the only code that imports ``tinydb``.
- ``postgres/``: one PostgreSQL database a municipality's councils share; the only code
  that imports ``psycopg``.

``open_store(location)`` takes a folder or a ``postgresql://`` URL and returns the backend
for it. What both share lives here: the API and its errors (``api.py``, ``errors.py``) and
the three-way merge of a meeting two terminals saved (``merge.py``). The design, the
promises and the file layout are described in ``ARCHITECTURE.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from meetingtool.core.errors import MeetingToolError
from meetingtool.core.locations import is_server_url
from meetingtool.store.api import Store
from meetingtool.store.errors import (
    StoreBusyError,
    StoreDamagedError,
    StoreUnavailableError,
)

if TYPE_CHECKING:
    from meetingtool.store.files.backup import BackupInfo
    from meetingtool.store.files.loss import RestoreLoss

__all__ = [
    "Store",
    "StoreBusyError",
    "StoreDamagedError",
    "StoreUnavailableError",
    "init_store",
    "list_backups",
    "open_store",
    "restore_backup",
    "restore_loss",
]

POSTGRES_MISSING = (
    "Denne installation af meetingtool kan ikke bruge en PostgreSQL-database: psycopg "
    "mangler. Installér den med: pip install 'meetingtool[postgresql]'")


def _missing_postgres() -> MeetingToolError:
    """The error for a server URL when psycopg (an optional extra) is not installed."""
    return MeetingToolError(POSTGRES_MISSING)


def open_store(location: str | Path, now: Callable[[], datetime] = datetime.now) -> Store:
    """The store at ``location``: a ``postgresql://`` URL opens the shared server's
    database, anything else is a data folder (created owner-only if missing)."""
    if is_server_url(location):
        try:
            from meetingtool.store.postgres import PgStore
        except ImportError as error:
            raise _missing_postgres() from error
        return PgStore(str(location), now=now)
    from meetingtool.store.files import FileStore

    return FileStore(Path(location), now=now)


def init_store(location: str | Path) -> tuple[int, int]:
    """Create or upgrade the store at ``location`` (``meetingtool store init``): a
    server's schema migrations, or a data folder made and brought up to date; the schema
    version (before, after), 0 before for a new one."""
    if is_server_url(location):
        try:
            from meetingtool.store.postgres import init_database
        except ImportError as error:
            raise _missing_postgres() from error
        return init_database(str(location))
    from meetingtool.store.files import FileStore
    from meetingtool.store.files.migrate import read_schema

    folder = Path(location)
    before = read_schema(folder) if folder.is_dir() else None
    return before or 0, FileStore(folder).schema_version


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """The backups of a data folder, without opening the store (see ``files.list_backups``)."""
    from meetingtool.store.files import list_backups as files_list_backups

    return files_list_backups(data_dir)


def restore_backup(data_dir: Path, backup_id: str,
                   now: Callable[[], datetime] = datetime.now) -> None:
    """Restore a data folder's backup without opening the store (``files.restore_backup``)."""
    from meetingtool.store.files import restore_backup as files_restore_backup

    files_restore_backup(data_dir, backup_id, now)


def restore_loss(data_dir: Path, backup_id: str) -> RestoreLoss:
    """What restoring a data folder's backup would lose (``files.loss.restore_loss``)."""
    from meetingtool.store.files.loss import restore_loss as files_restore_loss

    return files_restore_loss(Path(data_dir), backup_id)
