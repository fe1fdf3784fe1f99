"""``meetingtool search WORDS``: find any past decision, follow-up, note or trial.

Every word must occur (Danish-aware: æ/ae, ø/oe, å/aa, any case, "måltid" finds
"måltider"); hits are listed newest meeting first, then the best match, each with its
council, meeting date and item and the matching words marked «like this».
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from meetingtool.cli import add_data_option
from meetingtool.cli.cpr_options import add_cpr_options, guard_output
from meetingtool.cli.meetings import find_council_id
from meetingtool.core.cpr import contains_cpr, redact_cpr
from meetingtool.core.dates import format_date, parse_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.search import KIND_LABELS, KINDS, SearchHit, SearchQuery


def register(subparsers) -> None:
    search = subparsers.add_parser(
        "search", help="søg i beslutninger, opfølgninger, referater og prøvehandlinger",
        description="Søg i alle beslutninger, opfølgningspunkter, referatnoter og "
        "prøvehandlinger. Alle ord skal findes; æ/ae, ø/oe og å/aa regnes for ens, og "
        "bøjninger findes ('måltid' finder 'måltider'). Nyeste møde først.")
    search.add_argument("words", nargs="+", metavar="ORD")
    search.add_argument("--council", metavar="NAVN", help="kun dette råd")
    search.add_argument("--from", dest="date_from", metavar="DATO", help="fra og med dato")
    search.add_argument("--to", dest="date_to", metavar="DATO", help="til og med dato")
    search.add_argument("--kind", choices=KINDS, action="append",
                        help="kun denne slags (kan gentages): decision, followup, note, trial")
    search.add_argument("--include-internal", action="store_true",
                        help="vis også interne opfølgningspunkter")
    search.add_argument("--limit", type=int, default=50, help="højst så mange fund (50)")
    search.add_argument("--format", choices=("table", "json"), default="table")
    add_cpr_options(search)
    add_data_option(search)
    search.set_defaults(handler=search_command)


def _date(text: str | None, today: date, option: str) -> date | None:
    if not text:
        return None
    try:
        return parse_date(text, today)
    except MeetingToolError as error:
        raise MeetingToolError(f"{option}: {error.message}") from None


def hit_json(hit: SearchHit) -> dict[str, object]:
    doc = hit.doc
    return {"kind": doc.kind, "id": doc.ref, "council": doc.council_name,
            "council_id": doc.council_id, "date": doc.day.isoformat(),
            "meeting_id": doc.meeting_id, "item_id": doc.item_id, "item": doc.item_title,
            "text": doc.text, "highlighted": hit.highlighted, "score": hit.score,
            "internal": doc.internal}


def guarded_hits(hits: list[SearchHit], args: argparse.Namespace) -> list[SearchHit]:
    """The hits as they may be printed (``cli.cpr_options``). A highlighted text whose
    marks split a CPR number is redacted without its marks."""
    hits = guard_output({"hits": hits}, args, "Søgeresultatet")["hits"]
    if not getattr(args, "redact", False):
        return hits  # nothing found, or let through: the marks split no number to redact
    for hit in hits:
        plain = hit.highlighted.replace("«", "").replace("»", "")
        if contains_cpr(plain):
            hit.highlighted = redact_cpr(plain)
    return hits


def search_command(args: argparse.Namespace, today: date | None = None) -> int:
    from meetingtool.cli import open_data_store

    today = today or date.today()
    store = open_data_store(args)
    council_id = find_council_id(store, args.council)
    words = " ".join(args.words)
    if not any(character.isalnum() for character in words):
        raise MeetingToolError("Skriv mindst ét ord at søge efter, fx: "
                               "meetingtool search måltider")
    query = SearchQuery(words, council_id=council_id,
                        date_from=_date(args.date_from, today, "--from"),
                        date_to=_date(args.date_to, today, "--to"),
                        kinds=tuple(args.kind) if args.kind else KINDS,
                        include_internal=args.include_internal, limit=args.limit or None)
    hits = guarded_hits(store.search(query), args)
    if args.format == "json":
        print(json.dumps([hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(f"Intet fundet for '{query.words}'.")
        return 0
    bold = sys.stdout.isatty()
    for hit in hits:
        doc = hit.doc
        where = f" · punkt: {doc.item_title}" if doc.item_title else ""
        meeting = f" · møde {doc.meeting_id}" if doc.meeting_id else ""
        internal = " (intern)" if doc.internal else ""
        print(f"{format_date(doc.day)} · {doc.council_name}{meeting}{where}")
        text = hit.highlighted.replace("\n", " ")
        if bold:
            text = text.replace("«", "\033[1;4m").replace("»", "\033[0m")
        print(f"  {KIND_LABELS[doc.kind]} {doc.ref}{internal}: {text}")
    print(f"{len(hits)} fund.")  # Danish: "1 fund", "4 fund"
    return 0
