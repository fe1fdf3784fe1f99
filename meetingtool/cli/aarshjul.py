"""``meetingtool aarshjul plan|show|idag`` and ``meetingtool forloeb plan``.

``plan`` shows what a layout creates, moves and cancels and asks before doing it (``--yes``
skips the question, and a run that is not at a terminal only shows); ``show`` prints the
year by month, or writes the printed A4 overview (docx) or a calendar file (ics); ``idag``
makes today's meetings of daily and weekly rhythms (what the app does when it opens).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from meetingtool.cli import add_data_option, open_data_store
from meetingtool.cli.cpr_options import add_cpr_options, guard_output
from meetingtool.cli.free_text import FreeText
from meetingtool.core.dates import format_date, format_date_short, format_time, parse_date
from meetingtool.core.vocab import MEETING_STATUSES, ActivityStatus

STATUS_MARKS: dict[str, str] = {
    ActivityStatus.UDFOERT: "✓ udført", ActivityStatus.FORSINKET: "! forsinket",
    ActivityStatus.KOMMENDE: "kommende", ActivityStatus.UDGAAET: "udgået"}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "aarshjul", help="årshjul: læg årets møder og aktiviteter ud, vis året",
        description="Årshjulet: et råds faste møder og årets kvalitetsaktiviteter.")
    add_data_option(parser)
    commands = parser.add_subparsers(dest="aarshjul_command", title="underkommandoer",
                                     metavar="UNDERKOMMANDO", required=True)

    plan = commands.add_parser(
        "plan", help="opret, flyt og aflys årets møder efter planen",
        description="Vis hvad planen opretter, flytter og aflyser, og gør det efter et ja. "
        "Kør den igen, når planen er ændret: holdte møder røres aldrig, og intet oprettes "
        "to gange.")
    plan.add_argument("file", metavar="FIL", help="årshjulet (.toml)")
    plan.add_argument("--council", metavar="NAVN", help="rådets navn (ellers planens)")
    plan.add_argument("--year", type=int, metavar="ÅR", help="året (standard: i år)")
    plan.add_argument("--yes", action="store_true", help="gør det uden at spørge")
    _today_option(plan)
    plan.set_defaults(handler=run_plan)

    show = commands.add_parser("show", help="vis året måned for måned",
                               description="Vis årshjulet: møder og aktiviteter pr. måned.")
    show.add_argument("--council", metavar="NAVN", help="kun dette råd")
    show.add_argument("--year", type=int, metavar="ÅR", help="året (standard: i år)")
    show.add_argument("--format", choices=("table", "docx", "ics"), default="table")
    show.add_argument("--out", metavar="STI", help="filnavn eller mappe (docx og ics)")
    add_cpr_options(show)
    _today_option(show)
    show.set_defaults(handler=run_show)

    today = commands.add_parser("idag", help="opret dagens møder efter de faste rytmer",
                                description="Opret dagens møde for råd og teams, der mødes "
                                "hver dag eller hver uge (på mødedage, én gang).")
    _today_option(today)
    today.set_defaults(handler=run_today)

    course = subparsers.add_parser(
        "forloeb", help="forløb af møder, fx 'Borgerens stemme'",
        description="Læg et forløb ud: et opstartsmøde for hele centret og dialogmøder i "
        "hvert team.")
    add_data_option(course)
    course_commands = course.add_subparsers(dest="forloeb_command", title="underkommandoer",
                                            metavar="UNDERKOMMANDO", required=True)
    course_plan = course_commands.add_parser(
        "plan", help="opret forløbets møder for centret og dets teams")
    course_plan.add_argument("file", metavar="FIL", help="forløbsplanen (.toml)")
    course_plan.add_argument("--centre", "--center", dest="centre", metavar="NAVN",
                             action=FreeText,
                             required=True, help="centret/plejehjemmet (opstartsmødet)")
    course_plan.add_argument("--teams", metavar="TEAM", nargs="+", required=True,
                             action=FreeText,
                             help="teamene, der holder dialogmøder")
    course_plan.add_argument("--start", metavar="DATO", required=True,
                             help="opstartsmødets dato, fx 2/2/2027")
    course_plan.add_argument("--yes", action="store_true", help="gør det uden at spørge")
    _today_option(course_plan)
    course_plan.set_defaults(handler=run_course)


def _today_option(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    # Tests and demonstrations set the day; people never need to.
    parser.add_argument("--today", metavar="DATO", help=argparse.SUPPRESS)


def _today(args: argparse.Namespace) -> date:
    given = getattr(args, "today", None)
    return parse_date(given, date.today()) if given else date.today()


def _confirm(args: argparse.Namespace, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        print("Intet er ændret. Kør igen med --yes for at gøre det.")
        return False
    answer = input(f"{question} [j/N] ").strip().casefold()
    return answer in ("j", "ja", "y", "yes")


def run_plan(args: argparse.Namespace) -> int:
    from meetingtool.actions import yearwheel

    today = _today(args)
    store = open_data_store(args)
    prepared = yearwheel.prepare(store, Path(args.file), args.year or today.year, today,
                                 args.council)
    print("\n".join(yearwheel.describe(prepared)))
    if not prepared.plan.has_work and prepared.council is not None:
        yearwheel.apply(store, prepared, today)  # keeps the plan file current
        return 0
    if not _confirm(args, "Gør det?"):
        return 0
    council = yearwheel.apply(store, prepared, today)
    print(f"Årshjulet er lagt ud for {council.name}.")
    return 0


def run_today(args: argparse.Namespace) -> int:
    from meetingtool.actions import yearwheel

    made = yearwheel.ensure_today(open_data_store(args), _today(args))
    for meeting in made:
        print(f"Oprettet: møde {meeting.id}, {meeting.council_name}, {format_date(meeting.date)}")
    if not made:
        print("Ingen nye møder i dag.")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from meetingtool.actions.yearview import views

    today = _today(args)
    year = args.year or today.year
    found = guard_output({"views": views(open_data_store(args), year, today, args.council)}, args,
                         "Årshjulet")["views"]
    if args.format == "table":
        print("\n\n".join(table_text(view) for view in found))
        return 0
    from meetingtool.core.locations import exports_dir
    from meetingtool.export.naming import output_path, write_new

    name = f"Årshjul {year}" + (f" {found[0].council}" if len(found) == 1 else "")
    extension = f".{args.format}"
    default = f"{name}{extension}"
    path = (output_path(args.out, extension, default, (".docx", ".ics")) if args.out
            else exports_dir() / default)
    if args.format == "docx":
        from meetingtool.export.year_overview import render_overview

        data = render_overview(found)
    else:
        from meetingtool.export.year_ics import render_calendar

        data = render_calendar(found)
    # Owner-only and never over an existing file, as the minutes are.
    print(write_new(path, data))
    return 0


def table_text(view) -> str:
    """The year by month, as the terminal shows it."""
    from meetingtool.actions.yearview import month_name

    who = view.council if view.council.casefold() == view.kind_label.casefold() else (
        f"{view.council} ({view.kind_label})")
    head = f"{view.title} – {who}, {view.year}"
    out = [head, "=" * len(head), f"Møder: {view.rhythm}"]
    if view.keeper:
        out.append(f"Holdes opdateret af: {view.keeper}")
    if view.breaks:
        out.append("Pauser: " + "; ".join(view.breaks))
    for month in view.months:
        review = " · kvartalsgennemgang af årshjulet" if (
            month.month in view.review_months and any(m.activities for m in view.months)) else ""
        out += ["", f"{month_name(month.month)}{review}"]
        if view.is_rule:
            out.append(f"  {month.rule_days} mødedage (oprettes på dagen)")
        for meeting in month.meetings:
            when = format_date_short(meeting.day)
            if meeting.start:
                when += f" kl. {format_time(meeting.start)}"
            theme = f" – {meeting.theme}" if meeting.theme else ""
            status = MEETING_STATUSES.get(meeting.status, meeting.status).lower()
            out.append(f"  Møde {meeting.meeting_id}: {when}{theme} ({status})")
        for activity in month.activities:
            who = f" · {activity.responsible}" if activity.responsible else ""
            out.append(f"  • {activity.title} ({activity.kind_label.lower()}){who} · "
                       f"{STATUS_MARKS.get(activity.status, activity.status)}")
        if not view.is_rule and not month.meetings and not month.activities:
            out.append("  –")
    return "\n".join(out)


def run_course(args: argparse.Namespace) -> int:
    from meetingtool.actions import course

    today = _today(args)
    start = parse_date(args.start, today)
    store = open_data_store(args)
    prepared = course.prepare(store, Path(args.file), args.centre, args.teams, start, today)
    print("\n".join(course.describe(prepared)))
    if not prepared.has_work:
        return 0
    if not _confirm(args, "Gør det?"):
        return 0
    course.apply(store, prepared, today)
    print("Forløbet er lagt ud.")
    return 0
