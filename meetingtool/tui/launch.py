"""What the command line calls to open the TUI, and the choices the CLI and home share.

Textual is imported only when a screen is about to open, so ``meetingtool run`` with a
broken agenda fails fast and ``meetingtool --help`` never pays for it.
"""

from __future__ import annotations

import argparse
from datetime import date

from meetingtool.core.errors import MeetingToolError
from meetingtool.core.locations import data_location
from meetingtool.core.model import AgendaTemplate, Meeting, MeetingSummary

UNFINISHED = ("i_gang", "planlagt")
"""Meeting statuses that can be resumed, in order of preference."""


def open_home(args: argparse.Namespace) -> int:
    """``meetingtool`` alone: the home screen on the data directory of ``--data``."""
    from meetingtool.store import open_store

    store = open_store(data_location(getattr(args, "data", None)))
    return _run(store, None)


def run_meeting_app(store, meeting_id: int) -> int:
    """Open one meeting's screen directly; closing it ends the program."""
    return _run(store, meeting_id)


def _run(store, meeting_id: int | None) -> int:
    from meetingtool.tui.app import MeetingToolApp, run_app

    return run_app(MeetingToolApp(store, meeting_id=meeting_id))


def latest_unfinished(summaries: list[MeetingSummary]) -> MeetingSummary | None:
    """The meeting to resume: the most recently created one "i gang", else "planlagt".

    A meeting already running beats one planned, which is what a chair coming back to the
    tool means; among several, the one created last (highest id) is the one just worked on,
    rather than a meeting planned for a date months ahead.
    """
    newest_first = sorted(summaries, key=lambda summary: summary.id, reverse=True)
    for status in UNFINISHED:
        for summary in newest_first:
            if summary.status == status:
                return summary
    return None


def start_new_meeting(
    store, template: AgendaTemplate, council_name: str, on: date, *, title: str | None = None
) -> Meeting:
    """Create a meeting of the council called ``council_name`` from ``template``.

    A council not seen before is created with the template's kind and members. The meeting
    gets the open follow-ups and received cases on its agenda
    (``actions.meetings.start_meeting``).
    """
    from meetingtool.actions.meetings import check_template_fits, start_meeting

    name = " ".join(council_name.split())
    if not name:
        raise MeetingToolError("Skriv rådets navn.")
    council = store.find_council(name)
    check_template_fits(council, template)
    council = council or store.ensure_council(name, template.kind, template.members)
    return start_meeting(store, council.id, template, on, title=(title or "").strip() or None)
