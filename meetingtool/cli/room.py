"""``meetingtool projector`` and ``meetingtool serve``: the meeting on the wall, the app in a
browser.

``projector [MØDE_ID]`` opens the read-only room view (default: the meeting "i gang", else
the next "planlagt" from today). ``serve`` runs the app in a browser through textual-serve
(``meetingtool.web``); it is imported only for that command, so the terminal app never
needs aiohttp.
"""

from __future__ import annotations

import argparse
from datetime import date

from meetingtool.cli import add_data_option
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.locations import data_location


def register(subparsers) -> None:
    projector = subparsers.add_parser(
        "projector",
        help="vis mødet på en projektor eller en ekstra skærm (kun visning)",
        description="Vis et møde for hele rummet: punktets titel, nedtælling, forventet "
        "slut, dagsordenen og punktets beslutninger. Følger mødelederens terminal og ændrer "
        "intet. Uden MØDE_ID: mødet i gang (ellers det næste planlagte).",
    )
    projector.add_argument("meeting_id", metavar="MØDE_ID", nargs="?", type=int,
                           help="mødets nummer (se meetingtool meetings)")
    add_data_option(projector)
    projector.set_defaults(handler=projector_command)

    serve = subparsers.add_parser(
        "serve",
        help="kør meetingtool i en browser",
        description="Kør meetingtool i en browser (hver fane er sit eget program). Lytter "
        "kun på denne maskine, medmindre --host angives; så kræves en hemmelig nøgle, som "
        "skrives én gang ved start.",
    )
    serve.add_argument("--host", default="127.0.0.1", metavar="ADRESSE",
                       help="adressen, der lyttes på (standard: 127.0.0.1, kun denne maskine)")
    serve.add_argument("--port", type=int, default=8000, metavar="PORT",
                       help="porten (standard: 8000)")
    serve.add_argument("--public-url", metavar="URL",
                       help="adressen, brugerne åbner, når kommunens HTTPS-proxy står foran, "
                       "fx https://moeder.kommune.dk")
    serve.add_argument("--projector", type=int, metavar="MØDE_ID",
                       help="vis kun projektorvisningen af dette møde")
    add_data_option(serve)
    serve.set_defaults(handler=serve_command)


def chosen_meeting(store, meeting_id: int | None, today: date | None = None) -> int:
    """The meeting asked for (checked); else the one in progress, else the next planned
    one (from today; a year wheel plans many ahead), else the one to resume."""
    from meetingtool.actions.lifecycle import meeting_for_the_room
    from meetingtool.cli.run import recent_meetings

    if meeting_id is None:
        summary = meeting_for_the_room(store.meetings(), today or date.today())
        if summary is None:
            raise MeetingToolError("Der er intet møde i gang eller planlagt at vise."
                                   + recent_meetings(store))
        return summary.id
    try:
        store.meeting(meeting_id)
    except NotFoundError:
        raise NotFoundError(f"Møde {meeting_id} findes ikke." + recent_meetings(store)) from None
    return meeting_id


def projector_command(args: argparse.Namespace) -> int:
    from meetingtool.store import open_store
    from meetingtool.tui.app import run_app
    from meetingtool.tui.projector_app import ProjectorApp

    store = open_store(data_location(args.data))
    return run_app(ProjectorApp(store, chosen_meeting(store, args.meeting_id)))


def serve_command(args: argparse.Namespace) -> int:
    try:
        from meetingtool.web.server import serve
    except ImportError:
        raise MeetingToolError("meetingtool serve kræver textual-serve. Installér det med: "
                               "pip install 'meetingtool[web]'") from None

    location = data_location(args.data)
    if args.projector is not None:
        from meetingtool.store import open_store

        chosen_meeting(open_store(location), args.projector)
    return serve(location, host=args.host, port=args.port, public_url=args.public_url,
                 projector=args.projector)
