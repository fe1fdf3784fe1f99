"""``meetingtool run`` and ``meetingtool resume``: straight into the meeting screen.

``run AGENDA --council NAME`` loads and checks the agenda *before* anything else: a missing
or broken file is reported with the loader's message (every problem, with line and field)
and exit status 2, and no screen opens and nothing is written. Then the council is created
if it is new (with the template's kind and members), the meeting is created with the open
follow-ups on its agenda, and its screen opens. A council that already has a planned or
running meeting that day gets that meeting opened (said so), unless ``--new``; an ended one
is offered to read, or a new one made. ``resume`` reopens a meeting: the given
one, or the latest unfinished (the most recently created one "i gang", else "planlagt").
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from meetingtool.cli import add_data_option
from meetingtool.cli.free_text import FreeText
from meetingtool.core.agenda import load_agenda, resolve_template
from meetingtool.core.dates import format_date, parse_date
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.locations import data_location, local_dir
from meetingtool.core.vocab import MEETING_STATUSES, MeetingStatus

RECENT_LIMIT = 10
"""How many recent meetings an unknown id on ``resume`` lists."""


def register(subparsers) -> None:
    run = subparsers.add_parser(
        "run",
        help="opret et møde fra en dagsorden og åbn mødeskærmen",
        description="Opret et møde fra en dagsordensskabelon (fil eller navn på en skabelon) "
        "og åbn mødeskærmen. Rådet oprettes, hvis det er nyt.",
    )
    run.add_argument("agenda", metavar="DAGSORDEN",
                     help="en .toml-fil eller navnet på en skabelon, fx kvalitetsraad")
    run.add_argument("--council", metavar="NAVN", required=True, action=FreeText,
                     help="rådets navn")
    run.add_argument("--date", metavar="DATO",
                     help="mødets dato, fx 2026-12-01 eller 1.12.2026 (standard: i dag)")
    run.add_argument("--title", metavar="TITEL", action=FreeText,
                     help="mødets titel (standard: skabelonens)")
    run.add_argument("--new", action="store_true",
                     help="opret et nyt møde, også når rådet allerede har et møde den dag")
    add_data_option(run)
    run.set_defaults(handler=run_command)

    resume = subparsers.add_parser(
        "resume",
        help="genoptag et uafsluttet møde",
        description="Åbn et møde igen. Uden id: det senest oprettede uafsluttede møde "
        "(et møde i gang før et planlagt).",
    )
    resume.add_argument("meeting_id", metavar="MØDE_ID", nargs="?", type=int,
                        help="mødets nummer (se meetingtool meetings)")
    add_data_option(resume)
    resume.set_defaults(handler=resume_command)


def run_command(args: argparse.Namespace, today: date | None = None) -> int:
    location = data_location(args.data)
    folder = local_dir(location)
    # The agenda and the date first: a problem in either stops here, before any write.
    template = load_agenda(resolve_template(args.agenda, folder))
    on = parse_date(args.date, today or date.today()) if args.date else (today or date.today())
    if not args.council.strip():
        raise MeetingToolError("--council skal have rådets navn.")

    from meetingtool.actions.meetings import meeting_on, start_new_meeting
    from meetingtool.cli import open_data_store
    from meetingtool.tui.launch import run_meeting_app

    store = open_data_store(args, location)
    existing = None if args.new else meeting_on(store, args.council, on)
    if existing is not None:
        when = format_date(existing.date)
        if existing.status != MeetingStatus.AFSLUTTET:
            status = MEETING_STATUSES.get(existing.status, existing.status).lower()
            print(f"{existing.council_name} har allerede et møde {when} ({status}, møde "
                  f"{existing.id}); det åbnes nu. Brug --new for at oprette endnu et.")
            return run_meeting_app(store, existing.id)
        if not _open_ended(existing, when):
            meeting = start_new_meeting(store, template, args.council, on, title=args.title)
            return run_meeting_app(store, meeting.id)
        return run_meeting_app(store, existing.id)
    meeting = start_new_meeting(store, template, args.council, on, title=args.title)
    return run_meeting_app(store, meeting.id)


def _open_ended(existing, when: str) -> bool:
    """Asks (at a terminal) whether to open the ended meeting to read, or make a new one;
    without a terminal it says how to do either and stops."""
    message = (f"Mødet i {existing.council_name} {when} er afsluttet (møde {existing.id}).")
    if not sys.stdin.isatty():
        raise MeetingToolError(
            f"{message} Åbn det til gennemsyn med 'meetingtool resume {existing.id}', "
            "eller opret et nyt møde samme dag med --new."
        )
    answer = input(f"{message}\n[å] åbn det til gennemsyn, [n] opret et nyt møde: ")
    choice = answer.strip().casefold()
    if choice.startswith(("å", "a")):
        return True
    if choice.startswith("n"):
        return False
    raise MeetingToolError("Intet valgt; intet er ændret.")


def resume_command(args: argparse.Namespace) -> int:
    from meetingtool.actions.lifecycle import latest_unfinished
    from meetingtool.cli import open_data_store
    from meetingtool.tui.launch import run_meeting_app

    store = open_data_store(args)
    if args.meeting_id is None:
        summary = latest_unfinished(store.meetings())
        if summary is None:
            raise MeetingToolError("Der er ingen uafsluttede møder at genoptage."
                                   + recent_meetings(store))
        meeting_id = summary.id
    else:
        meeting_id = args.meeting_id
        try:
            store.meeting(meeting_id)
        except NotFoundError:
            message = f"Møde {meeting_id} findes ikke." + recent_meetings(store)
            raise NotFoundError(message) from None
    return run_meeting_app(store, meeting_id)


def recent_meetings(store) -> str:
    """A few lines listing the newest meetings, to add to a message (empty if none)."""
    summaries = store.meetings(limit=RECENT_LIMIT)
    if not summaries:
        return " Der er ingen møder endnu; opret et med meetingtool run."
    lines = [
        f"  {summary.id:>4}  {format_date(summary.date)}  {summary.council_name} · "
        f"{summary.title} ({MEETING_STATUSES.get(summary.status, summary.status).lower()})"
        for summary in summaries
    ]
    return "\nSeneste møder:\n" + "\n".join(lines)
