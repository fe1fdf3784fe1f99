"""The files changed since the last backup, so a backup copies those and reads nothing else.

``DATA/changes.log`` is written by the store's commit (``tx.py``), which knows every
database file it writes or removes: before it writes them, it appends their paths
(relative to the data folder), one per line. A backup copies exactly the files named
there and starts a new log. The first line says which boot of the machine wrote the log::

    {"boot": "8f0c…", "since": "20261122-140000"}
    meetings/meeting-12.json
    followups/kvalitetsraad/open-12.json

Appending is not fsync'd (that would double the cost of every change): a process that is
killed loses nothing, since the kernel still writes what it was given; only a power cut
can lose the last lines. So a log from another boot, a missing or unreadable log, or one
written since a different backup is not trusted: ``changed_since`` returns ``None`` and
the backup compares every file's inode, size and modification time with the previous
backup's list instead (a ``stat`` per file, no reading). On a system that cannot tell
one boot from the next, each append is fsync'd instead.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from meetingtool.store.files.storage import (
    APPEND_FLAGS,
    FILE_MODE,
    NEW_FILE_FLAGS,
    replace,
    temp_path_for,
)

LOG = "changes.log"


@cache
def boot_id() -> str | None:
    """This boot of the machine (Linux); ``None`` where it cannot be told."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as handle:
            return handle.read().strip() or None
    except OSError:
        return None


def start(data: Path, since: str) -> None:
    """A new, empty log after backup ``since`` (atomically replacing the old one)."""
    header = json.dumps({"boot": boot_id(), "since": since}) + "\n"
    # Not fsync'd: a log lost in a power cut only makes the next backup compare files.
    temp = temp_path_for(data / LOG)
    fd = os.open(temp, NEW_FILE_FLAGS, FILE_MODE)
    try:
        os.write(fd, header.encode("utf-8"))
    finally:
        os.close(fd)
    replace(temp, data / LOG)


def forget(data: Path) -> None:
    """The log can no longer be trusted (an upgrade or a restore rewrote files without it):
    the next backup compares every file."""
    (data / LOG).unlink(missing_ok=True)


def record(data: Path, relatives: Iterable[str]) -> None:
    """Note that these database files are about to be written or removed."""
    path = data / LOG
    if not path.exists():
        return  # no log: the next backup compares every file anyway
    payload = "".join(f"{relative}\n" for relative in relatives).encode("utf-8")
    fd = os.open(path, APPEND_FLAGS, FILE_MODE)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
        if boot_id() is None:
            os.fsync(fd)
    finally:
        os.close(fd)


def changed_since(data: Path, backup_id: str) -> set[str] | None:
    """The files changed since backup ``backup_id``, or ``None`` when the log cannot tell
    (see the module)."""
    try:
        with open(data / LOG, encoding="utf-8") as handle:
            lines = handle.read().split("\n")
        header = json.loads(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    if not isinstance(header, dict) or header.get("since") != backup_id:
        return None
    if header.get("boot") is not None and header.get("boot") != boot_id():
        return None
    if lines[-1] != "":
        return None  # a line cut in the middle: not a log we wrote whole
    return {line for line in lines[1:] if line}
