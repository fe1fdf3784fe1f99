"""``meetingtool meetings`` and ``meetingtool show``: what was recorded, without the TUI.

Both only read through the store (which locks and re-reads on every call), so they are safe
while a meeting is running in the TUI in another terminal. ``show --format json`` prints the
same structure as ``meetingtool export --format json`` (``meetingtool.export.json_export``).
"""

from __future__ import annotations

import argparse
import json

from meetingtool.cli import add_data_option, open_data_store
from meetingtool.cli.cpr_options import add_cpr_options
from meetingtool.core.dates import format_date, format_time
from meetingtool.core.errors import NotFoundError
from meetingtool.core.model import Meeting
from meetingtool.core.vocab import MEETING_KINDS, MEETING_STATUSES

RECENT = 5


def register(subparsers) -> None:
    listing = subparsers.add_parser(
        "meetings",
        help="vis møderne",
        description="Vis møderne, nyeste først: nummer, råd, type, titel, dato, status, "
        "og om referatet er godkendt.",
    )
    listing.add_argument("--council", metavar="NAVN", help="kun dette råd (navn eller id)")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    add_data_option(listing)
    listing.set_defaults(handler=run_meetings)

    show = subparsers.add_parser(
        "show",
        help="vis et helt møde",
        description="Vis et møde: råd, type, dato, sted, tider, fremmøde og hvert punkt med "
        "tid, noter, beslutninger og opfølgningspunkter.",
    )
    show.add_argument("meeting_id", metavar="MØDE_ID", type=int, help="mødets nummer")
    show.add_argument("--format", choices=("table", "json"), default="table")
    add_cpr_options(show,
                    redact_help="erstat alt, der ligner et CPR-nummer, med [CPR fjernet]",
                    allow_help="vis alligevel (du ved, at det ikke er et CPR-nummer)")
    add_data_option(show)
    show.set_defaults(handler=run_show)


def find_council(store, name: str):
    """The council by id or (case-insensitive) name; NotFoundError listing the valid ones."""
    wanted = name.strip()
    try:
        return store.council(wanted)
    except NotFoundError:
        pass
    found = store.find_council(wanted)
    if found is not None:
        return found
    names = [council.name for council in store.councils()]
    listed = ", ".join(names) if names else "der er ingen råd endnu"
    raise NotFoundError(f"Rådet '{wanted}' findes ikke. Gyldige råd: {listed}.")


def find_council_id(store, name: str | None) -> str | None:
    """The council's id for an optional ``--council`` (``None`` when not given)."""
    return find_council(store, name).id if name else None


def meeting_or_explain(store, meeting_id: int) -> Meeting:
    """The meeting, or NotFoundError that lists the most recent meetings to choose from."""
    try:
        return store.meeting(meeting_id)
    except NotFoundError:
        recent = store.meetings(limit=RECENT)
        if recent:
            lines = "\n".join(
                f"  {s.id}: {format_date(s.date)}, {s.council_name}"
                + (f" – {s.title}" if s.title.casefold() not in s.council_name.casefold() else "")
                for s in recent
            )
            hint = f"Seneste møder:\n{lines}"
        else:
            hint = "Der er ingen møder endnu."
        raise NotFoundError(f"Møde {meeting_id} findes ikke. {hint}") from None


# -- meetings ------------------------------------------------------------------------------


def run_meetings(args: argparse.Namespace) -> int:
    store = open_data_store(args)
    council_id = find_council_id(store, args.council)
    summaries = store.meetings(council_id)
    if args.format == "json":
        records = [
            {
                "id": s.id,
                "council_id": s.council_id,
                "council": s.council_name,
                "kind": s.kind,
                "kind_label": MEETING_KINDS.get(s.kind, s.kind),
                "title": s.title,
                "date": s.date.isoformat(),
                "status": s.status,
                "status_label": MEETING_STATUSES.get(s.status, s.status),
                "minutes_approved": s.approved,
            }
            for s in summaries
        ]
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    if not summaries:
        print("Ingen møder endnu." if council_id is None else "Rådet har ingen møder endnu.")
        return 0
    header = ["Nr.", "Råd", "Type", "Titel", "Dato", "Status", "Referat godkendt"]
    rows = [
        [
            str(s.id),
            s.council_name,
            MEETING_KINDS.get(s.kind, s.kind),
            s.title,
            format_date(s.date),
            MEETING_STATUSES.get(s.status, s.status),
            "ja" if s.approved else "nej",
        ]
        for s in summaries
    ]
    print(_table(header, rows))
    return 0


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
             for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


# -- show ------------------------------------------------------------------------------------


def run_show(args: argparse.Namespace) -> int:
    from meetingtool.core.cpr import contains_cpr, redact_cpr
    from meetingtool.export import audience, cpr_guard
    from meetingtool.export.bundle import collect_bundle
    from meetingtool.export.json_export import record_of
    from meetingtool.export.minutes import build_minutes

    store = open_data_store(args)
    meeting_or_explain(store, args.meeting_id)
    bundle = audience.prepare(collect_bundle(store, args.meeting_id), True)
    minutes = build_minutes(bundle, include_internal=True)
    if not args.redact and not args.allow_cpr:
        # Named the way the export names them ("punkt 2 ..., beslutning 1"), and said as
        # what it is: nothing is saved here, the meeting is not shown.
        places = cpr_guard.find_cpr_places(bundle, include_internal=True)
        if places:
            raise cpr_guard.CprFoundError(places, shown=True)
        cpr_guard.check_minutes(minutes)
    if args.format == "json":
        if args.redact:
            minutes = cpr_guard.redact_minutes(minutes)
        print(json.dumps(record_of(minutes), ensure_ascii=False, indent=2))
    else:
        text = show_text(bundle)
        if args.redact:
            text = redact_cpr(text)
        elif not args.allow_cpr and contains_cpr(text):
            lines = [f"linje {n}" for n, line in enumerate(text.splitlines(), 1)
                     if contains_cpr(line)] or ["udskriften"]
            raise cpr_guard.CprFoundError(lines, shown=True)
        print(text)
    return 0


def show_text(bundle) -> str:
    """The whole meeting as readable text (everything, internal follow-ups marked)."""
    from meetingtool.export import case_wording as cw
    from meetingtool.export import triage_wording as tw
    from meetingtool.export import wording as w

    meeting = bundle.meeting
    out: list[str] = []
    title = f"Møde {meeting.id}: {meeting.council_name}"
    out += [title, "=" * len(title)]
    facts = [("Mødetype", w.kind_label(meeting.kind))]
    if meeting.title:
        facts.append(("Titel", meeting.title))
    if meeting.theme:
        facts.append(("Tema", meeting.theme))
    facts.append(("Dato", format_date(meeting.date)))
    if meeting.place:
        facts.append(("Sted", meeting.place))
    if meeting.start_time:
        facts.append(("Planlagt start", format_time(meeting.start_time)))
    facts.append(("Startet", format_time(meeting.started_at) if meeting.started_at else "–"))
    facts.append(("Sluttet", format_time(meeting.ended_at) if meeting.ended_at else "–"))
    facts.append(("Status", w.meeting_status_label(meeting.status)))
    facts.append(("Referat", w.approval_status(meeting)))
    facts.append(("Mødeleder", meeting.chair or "–"))
    facts.append(("Referent", meeting.secretary or "–"))
    width = max(len(label) for label, _ in facts) + 1
    out += [f"{(label + ':').ljust(width)} {value}" for label, value in facts]

    out += ["", "Fremmøde"]
    for label, names in w.attendance_groups(meeting):
        out.append(f"  {label}: {', '.join(names) if names else 'ingen'}")

    for item in meeting.items:
        out += ["", w.item_heading(meeting, item)]
        out.append(f"  {w.item_kind_label(item.kind)} · {w.item_minutes(item)}")
        if item.presenter:
            out.append(f"  Oplæg: {item.presenter}")
        for paragraph in w.paragraphs(item.notes):
            out += ["  " + line for line in paragraph.split("\n")]
        for decision in bundle.decisions_for(item.id):
            out.append(f"  Beslutning: {w.clean(decision.text)}")
        for followup in bundle.followups_for(item.id):
            out.append("  " + _followup_line(followup, bundle))

    if bundle.followups_reviewed:
        out += ["", "Opfølgning fra tidligere møder"]
        for reviewed in bundle.followups_reviewed:
            out.append(f"  {w.what(reviewed.followup, bundle)}: {w.review_outcome(reviewed)}")
    if bundle.escalations_out:
        out += ["", "Sendt videre"]
        out += ["  " + " · ".join(w.escalation_row(line)) for line in bundle.escalations_out]
    if bundle.escalations_in:
        out += ["", "Fra andre fora"]
        out += ["  " + " · ".join(cw.received_row(line, bundle))
                for line in bundle.escalations_in]
    if bundle.answers:
        out += ["", cw.ANSWERS_TITLE]
        out += ["  " + " · ".join(cw.answer_row(answer, bundle)) for answer in bundle.answers]
    if bundle.is_triage:
        out += ["", "Triagetavle"]
        out += ["  " + " · ".join(row) for row in tw.triage_rows(bundle)]
    out += ["", f"Næste møde: {w.date_or_dash(bundle.next_meeting)}"]
    return "\n".join(out)


def _followup_line(followup, bundle) -> str:
    from meetingtool.export import wording as w

    parts = [f"Opfølgning {followup.id}: {w.clean(followup.text)}"]
    if followup.resident:
        parts.append(f"beboer {w.resident_label(bundle, followup.resident)}")
    if followup.owner:
        parts.append(f"ansvarlig {followup.owner}")
    if followup.due:
        parts.append(f"frist {format_date(followup.due)}")
    parts.append(w.followup_status_label(followup.status))
    if followup.internal:
        parts.append("intern")
    return " · ".join(parts)
