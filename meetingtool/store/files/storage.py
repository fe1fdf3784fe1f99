"""Low-level file handling of the store: atomic, fsync'd, owner-only JSON files.

``AtomicJSONStorage`` is the TinyDB ``Storage`` every database file of the store goes
through. It never writes a file in place: the new content goes to a temporary file in the
same directory (``.NAME.PID.RANDOM.tmp``, mode 0600), which is flushed, fsync'd and then
renamed over the old file with ``os.replace``; the directory is fsync'd too, so the rename
itself survives a power cut. A reader therefore sees either the old or the new file, never
half of one.

Reading is strict. A zero-byte file, bytes that are not UTF-8, text that is not JSON (for
example a truncated file) or JSON that is not TinyDB's ``{table: {id: document}}`` shape
raise ``StoreDamagedError`` naming the file. A file that could not be read is never
written: TinyDB always reads before it writes, and the read raises first.

Within one locked transaction (see ``lock.py``) a storage keeps what it read and what
TinyDB wrote in memory and, when ``deferred``, writes the file only at ``flush()``, so one
store call costs one fsync'd write per file it changes, however many TinyDB operations it
made. Nothing is kept after the transaction: the next one opens the file afresh.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB
from tinydb.storages import Storage

from meetingtool.store.errors import StoreDamagedError

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"

ON_WINDOWS = os.name == "nt"
NEW_FILE_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
                  | getattr(os, "O_BINARY", 0))
"""A new file written with ``os.write``: never inherited by a child process, and on
Windows in binary mode (text mode would turn every newline into CR LF)."""
APPEND_FLAGS = os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
REPLACE_WAITS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8)
"""Seconds between tries when Windows refuses a rename because a reader (a virus scanner,
a backup program, another terminal) holds the file open: about 1.6 s in all."""


def replace(source: Path, target: Path, *,
            sleep: Callable[[float], None] | None = None) -> None:
    """``os.replace`` that waits for a reader to let go, as Windows requires.

    On Windows a file that another process has open cannot be renamed over
    (``PermissionError``, winerror 5 or 32); that process usually closes it within
    milliseconds. Elsewhere a rename never waits for a reader, so the first error is final.
    """
    for wait in (*REPLACE_WAITS, None):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if wait is None or not ON_WINDOWS:
                raise
            (sleep or time.sleep)(wait)


def set_owner_only(fd: int) -> None:
    """Mode 0600 on an open file (whatever the umask); Windows has no such mode bits: its
    files in the user's own profile folder are the user's already."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, FILE_MODE)


def ensure_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) as an owner-only folder, whatever the umask."""
    path = Path(path)
    if path.is_dir():
        return
    if not path.parent.exists():
        ensure_dir(path.parent)
    try:
        os.mkdir(path, DIR_MODE)
    except FileExistsError:
        return
    os.chmod(path, DIR_MODE)
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    """Make a rename or a new entry in the folder ``path`` durable (on Windows a folder
    cannot be opened to sync; NTFS journals the rename itself)."""
    if ON_WINDOWS:
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_path_for(path: Path) -> Path:
    return path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}"


def is_temp_file(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def write_bytes_atomic(path: Path, payload: bytes, *, sync_dir: bool = True) -> None:
    """Replace ``path`` by ``payload`` atomically and durably (mode 0600)."""
    path = Path(path)
    temp = temp_path_for(path)
    fd = os.open(temp, NEW_FILE_FLAGS, FILE_MODE)
    try:
        try:
            set_owner_only(fd)
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    if sync_dir:
        fsync_dir(path.parent)


def encode_json(data: Any) -> bytes:
    """UTF-8 JSON with æøå as themselves (never ``\\u00e6``)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_json_atomic(path: Path, data: Any) -> None:
    write_bytes_atomic(path, encode_json(data))


def read_json(path: Path | str, *, must_exist: bool = True) -> Any:
    """Read a JSON file strictly; ``None`` only for a missing file when that is allowed."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        if must_exist:
            raise StoreDamagedError(path, "filen mangler") from None
        return None
    except IsADirectoryError:
        raise StoreDamagedError(path, "der ligger en mappe, hvor filen skulle være") from None
    if not raw:
        raise StoreDamagedError(path, "filen er tom (0 byte)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StoreDamagedError(
            path, f"filen er ikke gyldig UTF-8-tekst (byte {error.start})"
        ) from None
    try:
        return json.loads(text)
    except RecursionError:
        raise StoreDamagedError(
            path, "indholdet er lister eller tabeller lagt i hinanden i tusindvis af lag, "
            "hvad meetingtool aldrig skriver"
        ) from None
    except json.JSONDecodeError as error:
        raise StoreDamagedError(
            path,
            f"indholdet er ikke gyldig JSON (linje {error.lineno}, kolonne {error.colno}); "
            "filen er sandsynligvis afkortet eller ødelagt",
        ) from None


def is_read_only(folder: Path) -> bool:
    """Whether the store cannot write in ``folder``: a read-only drive or mount, or a
    folder (or lock file) without write permission for this user."""
    folder = Path(folder)
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except (AttributeError, OSError):  # no statvfs on Windows
        pass
    if not os.access(folder, os.W_OK):
        return True
    lock = folder / ".lock"
    return lock.exists() and not os.access(lock, os.W_OK)


def check_tinydb_shape(path: Path | str, data: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    ):
        raise StoreDamagedError(path, "indholdet har ikke den forventede opbygning")
    return data


class AtomicJSONStorage(Storage):
    """A TinyDB storage writing through ``write_bytes_atomic`` and reading strictly.

    ``must_exist``: a missing file is damage (otherwise it is a new, empty database).
    ``deferred``: writes stay in memory until ``flush()`` (the transaction's commit).
    ``remove_when_empty``: a write leaving every table empty removes the file instead
    (a missing file reads as empty), so empty files do not pile up.
    """

    def __init__(self, path: str | os.PathLike[str], *, must_exist: bool = False,
                 deferred: bool = False, remove_when_empty: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.must_exist = must_exist
        self.deferred = deferred
        self.remove_when_empty = remove_when_empty
        self._data: dict[str, dict[str, Any]] | None = None
        self._loaded = False
        self.dirty = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        if not self._loaded:
            data = read_json(self.path, must_exist=self.must_exist)
            self._data = None if data is None else check_tinydb_shape(self.path, data)
            self._loaded = True
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if not self._loaded:
            # TinyDB always reads first; make sure a file we could not read is never written.
            self.read()
        self._data = data
        self.dirty = True
        if not self.deferred:
            self.flush()

    def flush(self) -> None:
        if self.dirty:
            try:
                if self.remove_when_empty and not any((self._data or {}).values()):
                    if self.path.exists():
                        os.unlink(self.path)
                        fsync_dir(self.path.parent)
                else:
                    write_json_atomic(self.path, self._data)
            except BaseException:
                self.discard()
                raise
            self.dirty = False

    def discard(self) -> None:
        """Forget everything read or written (used when a transaction fails)."""
        self._data = None
        self._loaded = False
        self.dirty = False

    def close(self) -> None:
        self.discard()


def atomic_storage(db: TinyDB) -> AtomicJSONStorage:
    """The storage of a database opened with ``storage=AtomicJSONStorage`` (TinyDB types
    it as the base ``Storage``)."""
    return cast(AtomicJSONStorage, db.storage)
