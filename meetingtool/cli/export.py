"""``meetingtool export MEETING_ID``: write a meeting's minutes as .docx, Markdown or JSON.

Prints the path of the file written (never an existing file replaced: " (2)" is added).
Refuses when a text looks like a CPR number, listing where, unless ``--redact`` or
``--allow-cpr``. A house template lacking a style gives a warning on stderr.
"""

from __future__ import annotations

import argparse
import sys

from meetingtool.cli import add_data_option
from meetingtool.cli.cpr_options import add_cpr_options


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="gem et mødes referat som Word, Markdown eller JSON",
        description="Gem referatet af et møde. Standard: Word (.docx) i mappen exports/ "
        "i den aktuelle mappe.",
    )
    parser.add_argument("meeting_id", metavar="MØDE_ID", type=int, help="mødets nummer")
    parser.add_argument(
        "--format", choices=("docx", "md", "json"), default="docx", help="standard: docx"
    )
    parser.add_argument("--out", metavar="STI", help="filnavn eller mappe")
    parser.add_argument(
        "--template", metavar="FIL.docx", help="byg referatet på denne Word-skabelon"
    )
    add_cpr_options(parser, allow_help="gem selv om teksten ligner et CPR-nummer")
    parser.add_argument(
        "--include-internal",
        action="store_true",
        help="tag interne opfølgningspunkter med i et eget afsnit",
    )
    parser.add_argument(
        "--no-times", action="store_true", help="udelad planlagt og brugt tid pr. punkt"
    )
    add_data_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from meetingtool.cli import open_data_store
    from meetingtool.cli.meetings import meeting_or_explain
    from meetingtool.export import export_minutes

    store = open_data_store(args)
    meeting_or_explain(store, args.meeting_id)
    warnings: list[str] = []
    path = export_minutes(
        store,
        args.meeting_id,
        fmt=args.format,
        out=args.out,
        template=args.template,
        redact=args.redact,
        allow_cpr=args.allow_cpr,
        include_internal=args.include_internal,
        include_times=not args.no_times,
        warnings=warnings,
    )
    for warning in warnings:
        print(f"Advarsel: {warning}", file=sys.stderr)
    print(path)
    return 0
