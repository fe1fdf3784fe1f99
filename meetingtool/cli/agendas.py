"""``meetingtool agendas list|show|check``: the agenda templates on the command line."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from meetingtool.cli import add_data_option
from meetingtool.core.agenda import (
    AgendaError,
    find_templates,
    is_shipped,
    load_agenda,
    read_agenda,
    resolve_template,
)
from meetingtool.core.dates import format_time
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.locations import data_location, local_dir
from meetingtool.core.model import AgendaTemplate
from meetingtool.core.vocab import ITEM_KINDS, MEETING_KINDS, ROLES, TRIAGE_COLOURS, TriageColour


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "agendas",
        help="dagsordenskabeloner: list, vis og kontrollér",
        description="Dagsordenskabeloner (TOML-filer). Uden underkommando: som 'agendas list'.",
    )
    add_data_option(parser)
    parser.set_defaults(handler=list_templates)
    commands = parser.add_subparsers(dest="agendas_command", title="underkommandoer",
                                     metavar="UNDERKOMMANDO")

    listing = commands.add_parser(
        "list", help="list medfølgende og egne skabeloner med type, punkter og minutter"
    )
    add_data_option(listing)
    listing.set_defaults(handler=list_templates)

    show = commands.add_parser("show", help="vis en skabelons dagsorden med tider")
    show.add_argument("file", metavar="FIL", help="sti til en .toml-fil eller et skabelonnavn")
    add_data_option(show)
    show.set_defaults(handler=show_template)

    check = commands.add_parser("check", help="kontrollér skabeloner og vis alle fejl")
    check.add_argument("files", metavar="FIL", nargs="+",
                       help="stier til .toml-filer eller skabelonnavne")
    add_data_option(check)
    check.set_defaults(handler=check_templates)


def _data(args: argparse.Namespace) -> Path:
    return local_dir(data_location(getattr(args, "data", None)))


def list_templates(args: argparse.Namespace) -> int:
    console = Console()
    data = _data(args)
    templates = find_templates(data)
    if not templates:
        console.print("Ingen skabeloner fundet.")
        return 0
    table = Table(title="Dagsordenskabeloner", title_justify="left")
    table.add_column("Navn", no_wrap=True)
    table.add_column("Type og titel")
    table.add_column("Pkt.", justify="right")
    table.add_column("Min.", justify="right")
    table.add_column("Kilde")
    broken: list[Path] = []
    user_dirs: list[Path] = []
    for path in templates:
        shipped = is_shipped(path)
        if not shipped and path.parent not in user_dirs:
            user_dirs.append(path.parent)
        source = "medfølger" if shipped else "egen"
        try:
            template = load_agenda(path)
        except AgendaError as error:
            broken.append(path)
            cell = Text(f"Fejl i skabelonen ({len(error.problems)} fejl)", style="bold red")
            table.add_row(path.stem, cell, "", "", source)
            continue
        cell = Text(MEETING_KINDS[template.kind])
        if template.title.casefold() != MEETING_KINDS[template.kind].casefold():
            cell.append(f"\n{template.title}", style="dim")
        table.add_row(
            path.stem, cell, str(len(template.items)), str(template.total_minutes), source
        )
    console.print(table)
    for folder in user_dirs:
        console.print(Text(f"Egne skabeloner fra: {folder}"))
    for path in broken:
        console.print(Text(
            f"{path.stem} har fejl og kan ikke bruges, før de er rettet. "
            f"Se dem med: meetingtool agendas check {path}",
            style="red",
        ))
    return 0


def show_template(args: argparse.Namespace) -> int:
    path = resolve_template(args.file, _data(args))
    template = load_agenda(path)
    console = Console()
    heading = Text(template.title, style="bold")
    if template.title.casefold() != MEETING_KINDS[template.kind].casefold():
        heading.append(f" ({MEETING_KINDS[template.kind]})", style="")
    console.print(heading)
    facts = [f"Fil: {path}"]
    if template.place:
        facts.append(f"Sted: {template.place}")
    if template.start_time is not None:
        facts.append(f"Start: kl. {format_time(template.start_time)}")
    facts.append(f"Varighed: {template.total_minutes} min.")
    console.print(Text(" · ".join(facts)))
    if template.description:
        console.print(Text(template.description, style="italic"))

    clock_header = "Kl." if template.start_time is not None else "Efter min."
    table = Table(show_footer=True)
    table.add_column("Nr.", justify="right", footer="")
    table.add_column("Punkt", footer="I alt")
    table.add_column("Type")
    table.add_column("Min.", justify="right", footer=str(template.total_minutes))
    table.add_column(clock_header, justify="right", footer=_clock(template, template.total_minutes))
    elapsed = 0
    for number, item in enumerate(template.items, start=1):
        cell = Text(item.title)
        if item.presenter:
            cell.append(f"\nv/ {item.presenter}", style="dim")
        if item.questions:
            cell.append(f"\n{len(item.questions)} forberedte spørgsmål", style="dim")
        if item.tags:
            cell.append("\nMærker: " + ", ".join(item.tags), style="dim")
        table.add_row(
            str(number),
            cell,
            ITEM_KINDS[item.kind],
            str(item.planned_minutes),
            _clock(template, elapsed),
        )
        elapsed += item.planned_minutes
    console.print(table)
    if template.members:
        names = ", ".join(
            m.name if m.name.casefold() == ROLES[m.role].casefold()
            else f"{m.name} ({ROLES[m.role].lower()})"
            for m in template.members
        )
        console.print(Text(f"Faste deltagere: {names}"))
    if template.triage is not None:
        seconds = template.triage.seconds_per_colour
        parts = [f"{TRIAGE_COLOURS[colour].lower()} {seconds.get(colour, 0)} sek."
                 for colour in TriageColour]
        console.print(Text("Triage pr. beboer: " + ", ".join(parts)))
        for rule in template.triage.rules:
            console.print(Text(
                f"  {TRIAGE_COLOURS[rule.colour]}: {rule.text} inden for {rule.due_hours} timer"
            ))
    return 0


def _clock(template: AgendaTemplate, minutes: int) -> str:
    """The clock time ``minutes`` after the start ("14.30"), or the offset without a start."""
    if template.start_time is None:
        return str(minutes)
    start = datetime.combine(datetime(2000, 1, 1), template.start_time)
    return format_time(start + timedelta(minutes=minutes))


def check_templates(args: argparse.Namespace) -> int:
    data = _data(args)
    failed = 0
    for name in args.files:
        try:
            path = resolve_template(name, data) if not Path(name).exists() else Path(name)
        except MeetingToolError as error:
            failed += 1
            print(f"FEJL: {name}")
            print(f"  - {error.message}")
            continue
        template, problems = read_agenda(path)
        if problems or template is None:
            failed += 1
            print(f"FEJL: {name} ({len(problems)} fejl)")
            for problem in problems:
                print(f"  - {problem}")
            continue
        count = len(template.items)
        items = "1 punkt" if count == 1 else f"{count} punkter"
        print(f"OK: {name} ({items}, {template.total_minutes} min.)")
    if failed:
        print(f"{failed} af {len(args.files)} skabeloner har fejl.")
        return 2
    return 0
