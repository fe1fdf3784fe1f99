"""The data directory's lock: one process at a time changes (or reads) the store.

``StoreLock.hold()`` takes an exclusive ``fcntl.flock`` on ``DATA/.lock`` for the duration
of one store call. It is re-entrant within a process (a store call may call another), and
thread-safe (Textual workers may call the store). The lock is released when the outermost
``hold()`` ends, and also by the kernel if the process dies, so a killed process never
leaves the store locked.

The lock alone is not enough for two processes: TinyDB tables cache things in memory (the
next document id, query results). The repository therefore opens its TinyDB databases
afresh inside every outermost ``hold()`` and drops them when it ends, so every
read-modify-write starts from what is on disk.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from meetingtool.store.files.storage import FILE_MODE

LOCK_NAME = ".lock"


class StoreLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._depth > 0

    @contextmanager
    def hold(self) -> Iterator[bool]:
        """Hold the lock; yields True for the outermost holder (who opens the databases)."""
        with self._thread_lock:
            outermost = self._depth == 0
            if outermost:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
                try:
                    os.fchmod(fd, FILE_MODE)
                    fcntl.flock(fd, fcntl.LOCK_EX)
                except BaseException:
                    os.close(fd)
                    raise
                self._fd = fd
            self._depth += 1
            try:
                yield outermost
            finally:
                self._depth -= 1
                if outermost:
                    fd, self._fd = self._fd, None
                    assert fd is not None
                    try:
                        fcntl.flock(fd, fcntl.LOCK_UN)
                    finally:
                        os.close(fd)
