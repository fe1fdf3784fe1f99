"""The data directory's lock: one process at a time changes (or reads) the store.

``StoreLock.hold()`` takes an exclusive lock on ``DATA/.lock`` (the ``filelock`` library:
``flock`` on Unix, ``msvcrt`` locking on Windows, so nothing here imports ``fcntl``) for
the duration of one store call. It is re-entrant within a process (a store call may call
another), and thread-safe (Textual workers may call the store). The lock is released when
the outermost ``hold()`` ends, and also by the kernel if the process dies, so a killed
process never leaves the store locked.

Another terminal holds the lock only for one store call (milliseconds; a backup of a large
history a few seconds). Waiting longer than ``lock_timeout()`` seconds means something is
wrong there, so ``StoreBusyError`` says so in Danish instead of waiting forever.

The lock alone is not enough for two processes: TinyDB tables cache things in memory (the
next document id, query results). The repository therefore opens its TinyDB databases
afresh inside every outermost ``hold()`` and drops them when it ends, so every
read-modify-write starts from what is on disk.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

from meetingtool.store.errors import StoreBusyError
from meetingtool.store.files.storage import FILE_MODE

LOCK_NAME = ".lock"
DEFAULT_TIMEOUT = 15.0
ENV_TIMEOUT = "MEETINGTOOL_LOCK_TIMEOUT"


def lock_timeout() -> float:
    """Seconds to wait for another terminal: ``MEETINGTOOL_LOCK_TIMEOUT`` or 15."""
    try:
        value = float(os.environ.get(ENV_TIMEOUT, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value >= 0 else DEFAULT_TIMEOUT


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")


class StoreLock:
    def __init__(self, data_dir: Path, timeout: float | None = None, *,
                 read_only: bool = False) -> None:
        """``read_only``: a folder this process cannot write in, so nobody changes it from
        here and no lock file can be made; only the threads of this process are ordered."""
        self.path = Path(data_dir) / LOCK_NAME
        self.read_only = read_only
        self.timeout = lock_timeout() if timeout is None else timeout
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._file_lock = filelock.FileLock(self.path, timeout=self.timeout,
                                            mode=FILE_MODE, thread_local=False)

    @property
    def held(self) -> bool:
        return self._depth > 0

    @contextmanager
    def hold(self) -> Iterator[bool]:
        """Hold the lock; yields True for the outermost holder (who opens the databases)."""
        if not self._thread_lock.acquire(timeout=self.timeout if self.timeout > 0 else -1):
            raise self._busy()
        try:
            outermost = self._depth == 0
            locks_file = outermost and not self.read_only
            if locks_file:
                try:
                    self._file_lock.acquire()
                except filelock.Timeout:
                    raise self._busy() from None
            self._depth += 1
            try:
                yield outermost
            finally:
                self._depth -= 1
                if locks_file:
                    self._file_lock.release()
        finally:
            self._thread_lock.release()

    def _busy(self) -> StoreBusyError:
        return StoreBusyError(
            f"Data er optaget af en anden terminal: låsen {self.path} blev ikke fri inden for "
            f"{_seconds(self.timeout)} sekunder. Vent lidt og prøv igen; hænger den anden "
            "terminal (fx et program, der er gået i stå), så luk den. Slet ikke låsefilen."
        )
