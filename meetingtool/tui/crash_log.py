"""What a crash leaves behind: the log entry (a traceback, never local variables) and the
short Danish message the user sees.

``tui.app.run_app`` calls both after an unexpected error; see the crash handling section of
its module docstring for why Textual's own report is not used.
"""

from __future__ import annotations

import os
import platform
import traceback
from datetime import datetime
from pathlib import Path

from meetingtool import __version__
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.locations import log_file

__all__ = ["crash_message", "write_crash_log"]


def crash_message(log: Path | None, error: BaseException | None = None) -> str:
    """The short Danish message a user sees after a crash."""
    known = f"Fejl: {error.message}\n" if isinstance(error, MeetingToolError) else ""
    where = (
        f"Teknisk fejlbeskrivelse er skrevet i {log}."
        if log is not None
        else "Fejlbeskrivelsen kunne ikke skrives til logfilen."
    )
    return known + (
        "meetingtool stoppede på grund af en uventet fejl. "
        "Alt, hvad der var skrevet ind, er gemt.\n"
        f"{where}\n"
        "Start meetingtool igen for at fortsætte (meetingtool resume åbner mødet igen)."
    )


def write_crash_log(data_dir: Path, error: BaseException | None, *, when: datetime) -> Path:
    """Append the traceback of ``error`` (no local variables) to the log, owner-only.

    Returns the log file's path; raises ``OSError`` if it cannot be written.
    """
    path = log_file(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if error is not None:
        trace = "".join(traceback.format_exception(error))
    else:
        trace = "(Textual gav ikke selve fejlen videre; ingen traceback.)\n"
    header = (
        f"=== {when.isoformat(timespec='seconds')} meetingtool {__version__} crashed "
        f"(Python {platform.python_version()}, {_textual_version()}) ===\n"
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        if hasattr(os, "fchmod"):  # not on Windows, which has no such mode bits
            os.fchmod(descriptor, 0o600)  # also when the file was there before
        with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
            descriptor = -1
            handle.write(header + trace + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        if descriptor >= 0:
            os.close(descriptor)
    return path


def _textual_version() -> str:
    try:
        from importlib.metadata import version

        return f"textual {version('textual')}"
    except Exception:  # metadata missing in an odd install: the log still gets written
        return "textual ?"
