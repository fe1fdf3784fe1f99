"""``meetingtool indicators``: quality indicators and their run charts.

``indicators list`` lists them, ``indicators define`` makes one (or takes a shipped proposal
with ``--proposal``), ``indicators add`` enters a value, ``indicators import`` reads a CSV
file from another system, ``indicators show`` draws the run chart with the values and the
rules that fired, ``indicators correct`` / ``indicators remove`` fix a wrong value (kept in
its history).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from meetingtool.cli import add_data_option, open_data_store
from meetingtool.cli.cpr_options import add_cpr_options, guard_output
from meetingtool.cli.free_text import FreeText
from meetingtool.cli.meetings import find_council_id
from meetingtool.core.codec import to_dict
from meetingtool.core.dates import format_date_short, parse_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.indicators import (
    DIRECTIONS,
    FREQUENCIES,
    PROPOSALS,
    Indicator,
    correct_value,
    format_number,
    parse_number,
    remove_value,
)
from meetingtool.core.runchart import analyse


def register(subparsers) -> None:
    top = subparsers.add_parser(
        "indicators", help="kvalitetsindikatorer: værdier, import, seriediagrammer",
        description="Kvalitetsindikatorer med seriediagrammer (median og Anhøjs regler).")
    actions = top.add_subparsers(dest="action", title="underkommandoer", metavar="HANDLING")
    top.set_defaults(handler=list_command, council=None, format="table")
    add_data_option(top)

    listing = actions.add_parser("list", help="vis indikatorerne (og forslagene)")
    listing.add_argument("--council", metavar="NAVN", help="rådets egne og de fælles")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    add_cpr_options(listing)
    add_data_option(listing)
    listing.set_defaults(handler=list_command)

    define = actions.add_parser("define", help="opret en indikator (eller tag et forslag)")
    define.add_argument("name", metavar="NAVN", action=FreeText)
    define.add_argument("--council", metavar="NAVN", help="rådet (uden: fælles for alle)")
    define.add_argument("--proposal", action="store_true",
                        help="tag det medfølgende forslag ved dette navn")
    define.add_argument("--unit", default="", action=FreeText, metavar="ENHED",
                        help="enhed, fx fald")
    define.add_argument("--counts", default="", action=FreeText, metavar="TEKST",
                        help="hvad der tælles")
    define.add_argument("--direction", choices=list(DIRECTIONS), default="ned",
                        help="ned: lavere er bedre (standard); op: højere er bedre")
    define.add_argument("--frequency", choices=FREQUENCIES, default="måned")
    define.add_argument("--denominator", default="", action=FreeText, metavar="NÆVNER",
                        help="fx 'pr. 1.000 plejedøgn'")
    define.add_argument("--owner", default="", action=FreeText, metavar="NAVN", help="ansvarlig")
    add_data_option(define)
    define.set_defaults(handler=define_command)

    add = actions.add_parser("add", help="indtast en værdi")
    add.add_argument("name", metavar="NAVN")
    add.add_argument("value", metavar="VÆRDI", help="fx 3,5")
    add.add_argument("--date", metavar="DATO", help="periodens dato (standard: i dag)")
    add.add_argument("--council", metavar="NAVN")
    add.add_argument("--denominator", action=FreeText, metavar="NÆVNER",
                     help="nævner for netop denne værdi")
    add_data_option(add)
    add.set_defaults(handler=add_command)

    imp = actions.add_parser("import", help="indlæs værdier fra en CSV-fil (indikator;dato;værdi)")
    imp.add_argument("file", metavar="FIL.csv", type=Path)
    imp.add_argument("--council", metavar="NAVN")
    add_data_option(imp)
    imp.set_defaults(handler=import_command)

    show = actions.add_parser("show", help="seriediagram, værdier og regler, der slår ud")
    show.add_argument("name", metavar="NAVN")
    show.add_argument("--council", metavar="NAVN")
    show.add_argument("--format", choices=("table", "json"), default="table")
    show.add_argument("--history", action="store_true", help="også rettelser og fjernede")
    add_cpr_options(show)
    add_data_option(show)
    show.set_defaults(handler=show_command)

    for verb, helptext in (("correct", "ret en værdi (den gamle gemmes i historikken)"),
                           ("remove", "fjern en forkert værdi (gemmes i historikken)")):
        fix = actions.add_parser(verb, help=helptext)
        fix.add_argument("name", metavar="NAVN")
        fix.add_argument("seq", metavar="NR", type=int, help="målingens nummer (se show)")
        if verb == "correct":
            fix.add_argument("value", metavar="VÆRDI", nargs="?")
            fix.add_argument("--date", metavar="DATO")
        fix.add_argument("--council", metavar="NAVN")
        fix.add_argument("--comment", default="", action=FreeText, metavar="TEKST")
        add_data_option(fix)
        fix.set_defaults(handler=fix_command, verb=verb)




def _number(text: str) -> float:
    try:
        return parse_number(text)
    except ValueError:
        raise MeetingToolError(f"'{text}' er ikke et tal (skriv fx 3,5).") from None


def list_command(args: argparse.Namespace) -> int:
    store = open_data_store(args)
    found = store.indicators(find_council_id(store, args.council))
    names = {c.id: c.name for c in store.councils()}
    guarded = guard_output({"indicators": found, "councils": names}, args,
                           "Listen over indikatorer")
    found, names = guarded["indicators"], guarded["councils"]
    if args.format == "json":
        print(json.dumps([{**to_dict(i), "council": names.get(i.council_id, "")}
                          for i in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("Ingen indikatorer endnu. Forslag, der kan tages med "
              "'meetingtool indicators define NAVN --proposal --council RÅD':")
        for entry in PROPOSALS:
            print(f"  {entry['name']}: {entry['counts']}")
        return 0
    for indicator in found:
        latest = indicator.latest()
        last = (f"{format_number(latest[0].value)} ({format_date_short(latest[0].day)})"
                if latest else "ingen målinger")
        where = names.get(indicator.council_id, indicator.council_id) or "fælles"
        print(f"{indicator.id:<4} {indicator.name} · {where} · seneste: {last}")
    return 0


def define_command(args: argparse.Namespace) -> int:
    from meetingtool.actions.indicators import define, take_proposal

    store = open_data_store(args)
    council_id = find_council_id(store, args.council) or ""
    if args.proposal:
        indicator = take_proposal(store, council_id, args.name)
    else:
        indicator = define(store, council_id, args.name, unit=args.unit, counts=args.counts,
                           direction=args.direction, frequency=args.frequency,
                           denominator=args.denominator, owner=args.owner)
    print(f"Indikatoren {indicator.id} '{indicator.name}' er oprettet.")
    return 0


def add_command(args: argparse.Namespace, today: date | None = None) -> int:
    from meetingtool.actions.indicators import find_indicator, record_value

    today = today or date.today()
    store = open_data_store(args)
    indicator = find_indicator(store, args.name, find_council_id(store, args.council))
    day = parse_date(args.date, today) if args.date else today
    entry = record_value(store, indicator, day, _number(args.value),
                         denominator=args.denominator)
    # "Fald: 4 fald for 02.11.2026", "8,5 pr. 1.000 plejedøgn": the unit, and no double
    # space when there is no denominator.
    amount = " ".join(part for part in (format_number(entry.value), indicator.unit,
                                        entry.denominator) if part)
    print(f"{indicator.name}: {amount} "
          f"for {format_date_short(entry.day)} er gemt (måling nr. {entry.seq}).")
    return 0


def import_command(args: argparse.Namespace, today: date | None = None) -> int:
    from meetingtool.actions.indicators import import_csv

    store = open_data_store(args)
    count = import_csv(store, args.file, find_council_id(store, args.council),
                       today or date.today())
    print(f"{count} værdi{'er' if count != 1 else ''} er indlæst fra {args.file}.")
    return 0


def describe(indicator: Indicator, history: bool = False) -> list[str]:
    """The values and the rules as lines of text."""
    chart = analyse([v.value for v in indicator.current()])
    lines = [f"{indicator.id}: {indicator.name}"
             + (f" ({indicator.denominator})" if indicator.denominator else "")]
    if indicator.counts:
        lines.append(f"  Tæller: {indicator.counts}")
    lines.append(f"  {DIRECTIONS[indicator.direction].capitalize()}; måles hver "
                 f"{indicator.frequency}" + (f"; ansvarlig: {indicator.owner}"
                                            if indicator.owner else ""))
    if chart.centre is not None:
        lines.append(f"  Median: {format_number(chart.centre)}")
    lines.append(f"  {chart.summary()}")
    lines.append("  Nr.  Dato        Værdi")
    shown = indicator.values if history else indicator.current()
    for entry in sorted(shown, key=lambda v: (v.day, v.seq)):
        mark = " (fjernet)" if entry.removed else ""
        lines.append(f"  {entry.seq:<4} {format_date_short(entry.day)}  "
                     f"{format_number(entry.value)}{mark}")
        if history:
            for change in entry.history:
                lines.append(f"         {change.action} {format_date_short(change.at.date())}: "
                             f"var {format_number(change.old_value)} "
                             f"({format_date_short(change.old_day)}) {change.comment}".rstrip())
    return lines


def show_command(args: argparse.Namespace) -> int:
    from meetingtool.actions.indicators import find_indicator

    store = open_data_store(args)
    indicator = find_indicator(store, args.name, find_council_id(store, args.council))
    indicator = guard_output({"indicator": indicator}, args, "Indikatoren")["indicator"]
    if args.format == "json":
        chart = analyse([v.value for v in indicator.current()])
        print(json.dumps({"indicator": to_dict(indicator), "runchart": to_dict(chart),
                          "summary": chart.summary()}, ensure_ascii=False, indent=2))
        return 0
    import sys

    from meetingtool.export.runchart_text import terminal_chart

    print(terminal_chart(indicator, colour=sys.stdout.isatty()))
    print("\n".join(describe(indicator, args.history)))
    return 0


def fix_command(args: argparse.Namespace, today: date | None = None) -> int:
    from meetingtool.actions.indicators import find_indicator

    today = today or date.today()
    store = open_data_store(args)
    indicator = find_indicator(store, args.name, find_council_id(store, args.council))
    at = store.now().replace(microsecond=0)
    if args.verb == "remove":
        remove_value(indicator, args.seq, at, args.comment)
        done = "fjernet"
    else:
        if args.value is None and not args.date:
            raise MeetingToolError("Angiv den rigtige værdi eller --date.")
        correct_value(indicator, args.seq, at,
                      value=_number(args.value) if args.value is not None else None,
                      day=parse_date(args.date, today) if args.date else None,
                      comment=args.comment)
        done = "rettet"
    store.save_indicator(indicator)
    print(f"Måling nr. {args.seq} af {indicator.name} er {done} (gemt i historikken).")
    return 0
