"""What the command line calls to open the TUI: the home screen or one meeting's screen.

Textual is imported only when a screen is about to open, so ``meetingtool run`` with a
broken agenda fails fast and ``meetingtool --help`` never pays for it. Nothing in the TUI
imports this module back: the rules the CLI and the screens share (which meeting to
resume, making a meeting) live in ``meetingtool.actions``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from meetingtool.core.errors import MeetingToolError
from meetingtool.core.locations import data_location

__all__ = ["open_home", "run_meeting_app"]


def open_home(args: argparse.Namespace) -> int:
    """``meetingtool`` alone: the home screen on the data directory of ``--data``, after
    today's meetings of the year wheels' daily and weekly rhythms are made."""
    from meetingtool.store import open_store

    store = open_store(data_location(getattr(args, "data", None)))
    for problem in prepare_today(store, date.today()):
        print(f"Bemærk: {problem}", file=sys.stderr)
    return _run(store, None)


def prepare_today(store, today: date) -> list[str]:  # type: ignore[no-untyped-def]
    """Make today's meetings of the kept daily and weekly rhythms (a triage team's round),
    so the home screen lists them; a wheel that cannot be read is told, and never stops
    the app from opening."""
    from meetingtool.actions.yearwheel import ensure_today

    try:
        ensure_today(store, today)
    except MeetingToolError as error:
        return [f"årshjulet kunne ikke lægge dagens møder ud: {error.message}"]
    return []


def run_meeting_app(store, meeting_id: int) -> int:
    """Open one meeting's screen directly; closing it ends the program."""
    return _run(store, meeting_id)


def _run(store, meeting_id: int | None) -> int:
    from meetingtool.tui.app import MeetingToolApp, run_app

    return run_app(MeetingToolApp(store, meeting_id=meeting_id))
