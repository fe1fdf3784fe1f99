"""``meetingtool followups``: list and export follow-ups across councils.

The secretary's Friday: ``--overdue`` for the reminders, ``--format ics`` for Outlook,
``--format csv`` or ``json`` for anything else. Sorted overdue first, then by due date.
Without ``--status`` only open follow-ups (Åben, I gang) are listed; ``--status alle``
lists every one. Internal follow-ups (enkeltsager) are left out unless
``--include-internal``; in an .ics they are then marked CLASS:CONFIDENTIAL and their title
does not carry the case text.

Like ``export``, every format and the file name are checked for CPR numbers first: found
ones stop the command with a list of places (which follow-up, which field) unless
``--redact`` (replace them with "[CPR fjernet]") or ``--allow-cpr``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from meetingtool.actions.escalation import escalation_text
from meetingtool.actions.meetings import Origins
from meetingtool.cli import add_data_option
from meetingtool.cli.cpr_options import add_cpr_options
from meetingtool.core.cpr import REPLACEMENT, contains_cpr, redact_cpr
from meetingtool.core.dates import format_date, format_date_short
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.followups import (
    CARRY_OVER_WARNING,
    carried_over_words,
    owner_matches,
    sort_for_review,
    titled,
)
from meetingtool.core.model import FollowUp
from meetingtool.core.privacy import CprRefusedError, cpr_places, redacted
from meetingtool.core.vocab import FOLLOWUP_STATUSES, OPEN_FOLLOWUP_STATUSES, status_key
from meetingtool.export.naming import output_path, write_new

FORMATS = ("table", "json", "csv", "ics")
FILE_EXTENSIONS = {"table": ".txt", "json": ".json", "csv": ".csv", "ics": ".ics"}
ALL_STATUSES = "alle"
CSV_FIELDS = (
    "id", "text", "resident", "owner", "due", "status", "council",
    "meeting_id", "meeting_date", "item",
    "created", "carried_over", "internal", "overdue", "escalated_to", "escalated_from",
    "escalation", "history",
)
CSV_HEADERS = {
    "id": "Nr.", "text": "Opfølgningspunkt", "resident": "Beboer", "owner": "Ansvarlig",
    "due": "Frist", "status": "Status", "council": "Råd", "meeting_id": "Møde nr.",
    "meeting_date": "Mødedato", "item": "Punkt", "created": "Oprettet",
    "carried_over": "Overført antal gange", "internal": "Intern", "overdue": "Overskredet",
    "escalated_to": "Sendt til", "escalated_from": "Modtaget fra",
    "escalation": "Seneste nyt om sagen", "history": "Historik",
}
"""For a Danish secretary in Excel: Danish headers and status words (json keeps the codes)."""


def punkter(count: int) -> str:
    """"1 punkt", "3 punkter"."""
    return f"{count} {'punkt' if count == 1 else 'punkter'}"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "followups",
        help="vis og eksportér opfølgningspunkter",
        description="Vis opfølgningspunkter på tværs af råd, overskredne frister først.",
    )
    parser.add_argument("--council", metavar="NAVN", help="kun dette råd (navn eller id)")
    parser.add_argument("--owner", metavar="NAVN", help="kun denne ansvarlige")
    parser.add_argument(
        "--status",
        metavar="STATUS",
        help="Åben, I gang, Udført, Udgået eller 'alle' (standard: de åbne)",
    )
    parser.add_argument("--overdue", action="store_true", help="kun overskredne frister")
    parser.add_argument("--format", choices=FORMATS, default="table", help="standard: table")
    parser.add_argument("--out", metavar="FIL", help="skriv til en fil i stedet for skærmen")
    parser.add_argument(
        "--include-internal",
        action="store_true",
        help="tag interne opfølgningspunkter (enkeltsager) med; i .ics markeret fortrolige "
        "og uden sagens tekst i titlen",
    )
    add_cpr_options(parser, redact_help=f"erstat CPR-numre med {REPLACEMENT} (også i filnavnet)")
    add_data_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, today: date | None = None) -> int:
    from meetingtool.cli import open_data_store

    today = today or date.today()
    store = open_data_store(args)
    followups = select(store, args, today)
    origins = Origins(store)
    records = [record(store, followup, today, origins) for followup in followups]
    path = _out_path(args.out, args.format, today) if args.out is not None else None
    records, path = guard(records, path, redact=getattr(args, "redact", False),
                          allow_cpr=getattr(args, "allow_cpr", False))
    if args.format == "json":
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        text = to_csv(records)
    elif args.format == "ics":
        calendar, count = to_ics(records)
        return _write_bytes(path, calendar, count)
    else:
        text = to_table(records, today)
    if path is None:
        sys.stdout.write(text)
        return 0
    # A BOM in the file so Excel reads the Danish letters as UTF-8.
    data = text.encode("utf-8-sig" if args.format == "csv" else "utf-8")
    return _write_bytes(path, data, len(records))


def guard(records: list[dict], path: Path | None, *, redact: bool,
          allow_cpr: bool) -> tuple[list[dict], Path | None]:
    """The records and file path to write: unchanged when no CPR number is in them (or
    ``allow_cpr``), with every one replaced when ``redact``; else CprRefusedError listing
    which follow-up and which field."""
    if allow_cpr:
        return records, path
    places: list[str] = []
    for row in records:
        # "title" is the text with the resident's label: both are looked at themselves.
        fields = {key: value for key, value in row.items() if key != "title"}
        places += cpr_places(fields, _place(row))
    if path is not None and contains_cpr(path.name):
        places.append(f"filnavnet {redact_cpr(path.name)!r} (--out)")
    if not places:
        return records, path
    if not redact:
        raise CprRefusedError(
            "Listen over opfølgningspunkter", places,
            f"Ret teksten i mødet, eller brug --redact (erstatter med {REPLACEMENT}) "
            "eller --allow-cpr.",
        )
    if path is not None:
        path = path.with_name(redact_cpr(path.name))
    return redacted(records), path


def _place(row: dict) -> str:
    """Which follow-up, in words that never repeat a CPR number."""
    title = redact_cpr(row["title"])
    if len(title) > 40:
        title = title[:39].rstrip() + "…"
    return f'opfølgningspunkt {redact_cpr(row["id"])} "{title}" ({redact_cpr(row["council"])})'


def _out_path(out: str, fmt: str, today: date) -> Path:
    """``--out`` read as ``export --out`` is: a folder gets "Opfølgningspunkter
    2026-12-01.csv", a name its ending."""
    extension = FILE_EXTENSIONS[fmt]
    return output_path(out, extension, f"Opfølgningspunkter {today.isoformat()}{extension}",
                       FILE_EXTENSIONS.values())


def select(store, args: argparse.Namespace, today: date) -> list[FollowUp]:
    """The follow-ups the options ask for, in review order; unknown names raise with a list."""
    council_id = None
    if args.council:
        council = store.find_council(args.council)
        if council is None:
            try:
                council = store.council(args.council)
            except NotFoundError:
                known = ", ".join(c.name for c in store.councils()) or "ingen endnu"
                raise MeetingToolError(
                    f"Ukendt råd '{args.council}'. Kendte råd: {known}."
                ) from None
        council_id = council.id
    statuses = set(OPEN_FOLLOWUP_STATUSES)
    if args.status:
        if args.status.strip().casefold() == ALL_STATUSES:
            statuses = set(FOLLOWUP_STATUSES)
        else:
            key = status_key(args.status, FOLLOWUP_STATUSES)
            if key is None:
                valid = ", ".join(f"{label} ({key})" for key, label in FOLLOWUP_STATUSES.items())
                raise MeetingToolError(
                    f"Ukendt status '{args.status}'. Gyldige: {valid} eller '{ALL_STATUSES}'."
                )
            statuses = {key}
    followups = store.followups(council_id)
    if args.owner:
        owners = sorted({f.owner for f in followups if f.owner}, key=str.casefold)
        if not any(owner_matches(owner, args.owner) for owner in owners):
            known = ", ".join(owners) or "ingen endnu"
            raise MeetingToolError(f"Ukendt ansvarlig '{args.owner}'. Kendte ansvarlige: {known}.")
        followups = [f for f in followups if owner_matches(f.owner, args.owner)]
    followups = [f for f in followups if f.status in statuses]
    if not getattr(args, "include_internal", False):
        followups = [f for f in followups if not f.internal]
    if args.overdue:
        followups = [f for f in followups if f.is_overdue(today)]
    return sort_for_review(followups, today)


def record(store, followup: FollowUp, today: date, origins: Origins) -> dict:
    """One follow-up as JSON-ready data (dates ISO, status as its key)."""
    origin = origins.of(followup)
    return {
        "id": followup.id,
        "text": followup.text,
        "title": titled(followup),
        "resident": followup.resident,
        "owner": followup.owner,
        "due": followup.due.isoformat() if followup.due else None,
        "status": followup.status,
        "status_label": FOLLOWUP_STATUSES.get(followup.status, followup.status),
        "council": _council_name(store, followup.council_id),
        "council_id": followup.council_id,
        "meeting_id": followup.meeting_id,
        "meeting_date": origin.meeting_date.isoformat() if origin.meeting_date else None,
        "item": origin.item_title,
        "item_id": followup.item_id,
        "created": followup.created.isoformat(timespec="seconds"),
        "carried_over": followup.carried_over,
        "internal": followup.internal,
        "overdue": followup.is_overdue(today),
        "escalated_to": _escalation_council(store, followup.escalated_to, "to_council_id"),
        "escalated_from": _escalation_council(store, followup.escalated_from, "from_council_id"),
        "escalation": escalation_text(store, followup) or None,
        "history": [
            {
                "at": change.at.isoformat(timespec="seconds"),
                "status": change.status,
                "meeting_id": change.meeting_id,
                "due": change.due.isoformat() if change.due else None,
                "owner": change.owner,
                "comment": change.comment,
            }
            for change in followup.history
        ],
    }


def _council_name(store, council_id: str) -> str:
    try:
        return store.council(council_id).name
    except NotFoundError:
        return council_id


def _escalation_council(store, escalation, attribute: str) -> str | None:
    return None if escalation is None else _council_name(store, getattr(escalation, attribute))


def history_line(change: dict) -> str:
    """One history entry in one line, for CSV: "2026-11-22T10:00:00 Udført møde 3: tekst"."""
    parts = [change["at"], FOLLOWUP_STATUSES.get(change["status"], change["status"])]
    if change["meeting_id"] is not None:
        parts.append(f"møde {change['meeting_id']}")
    if change["due"]:
        parts.append(f"frist {change['due']}")
    if change["owner"]:
        parts.append(f"ansvarlig {change['owner']}")
    line = " ".join(parts)
    return f"{line}: {change['comment']}" if change["comment"] else line


def to_csv(records: list[dict]) -> str:
    """Semicolon-separated (what a Danish Excel expects); history entries joined by " | "."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, delimiter=";", extrasaction="ignore",
                            lineterminator="\n")
    writer.writerow(CSV_HEADERS)
    for row in records:
        flat = dict(row)
        flat["status"] = row["status_label"]
        flat["history"] = " | ".join(history_line(change) for change in row["history"])
        flat["internal"] = "ja" if row["internal"] else "nej"
        flat["overdue"] = "ja" if row["overdue"] else "nej"
        for key in ("due", "meeting_date", "escalated_to", "escalated_from", "escalation",
                    "item_id"):
            if flat.get(key) is None:
                flat[key] = ""
        writer.writerow(flat)
    return out.getvalue()


def to_table(records: list[dict], today: date) -> str:
    from rich.console import Console
    from rich.table import Table

    if not records:
        return "Ingen opfølgningspunkter passer til valget.\n"
    table = Table(title=f"Opfølgningspunkter pr. {format_date(today)}", expand=False)
    for header in ("Frist", "Status", "Opfølgning", "Ansvarlig", "Råd", "Fra møde", "Overført"):
        table.add_column(header, overflow="fold")
    for row in records:
        due = format_date_short(date.fromisoformat(row["due"])) if row["due"] else "–"
        style = "bold red" if row["overdue"] else None
        if row["overdue"]:
            due += " !"
        text = row["title"] + (" (intern)" if row["internal"] else "")
        if row["escalated_to"]:
            text += f" → {row['escalated_to']}"
        if row["escalated_from"]:
            text += f" (fra {row['escalated_from']})"
        origin = (
            format_date_short(date.fromisoformat(row["meeting_date"]))
            if row["meeting_date"] else f"møde {row['meeting_id']}"
        )
        if row["item"]:
            origin += f", {row['item']}"
        carried = str(row["carried_over"])
        if row["carried_over"] >= CARRY_OVER_WARNING:
            carried += " !"
        table.add_row(due, row["status_label"], text, row["owner"] or "–", row["council"],
                      origin, carried, style=style)
    overdue = sum(1 for row in records if row["overdue"])
    table.caption = f"{punkter(len(records))}, {overdue} med overskredet frist (markeret !)"
    out = io.StringIO()
    width = shutil.get_terminal_size((120, 24)).columns
    Console(file=out, width=width, highlight=False, soft_wrap=False).print(table)
    return out.getvalue()


def to_ics(records: list[dict]) -> tuple[bytes, int]:
    """Open follow-ups with a due date as all-day events on their due date, and their count.

    VEVENT rather than VTODO because Outlook imports events from a file but drops tasks.
    UIDs are built from the follow-up id, so importing again updates instead of duplicating.
    Built from the records alone, so what ``guard`` redacted stays redacted. An internal
    follow-up (enkeltsag) is CLASS:CONFIDENTIAL and its title and description leave the
    case text out: Outlook shows a calendar's titles to anyone who may see it.
    """
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//meetingtool//Opfølgningspunkter//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Opfølgningspunkter")
    count = 0
    for row in records:
        if row["status"] not in OPEN_FOLLOWUP_STATUSES or row["due"] is None:
            continue
        due = date.fromisoformat(row["due"])
        stamp = row["history"][-1]["at"] if row["history"] else row["created"]
        event = Event()
        event.add("uid", f"opfoelgning-{row['id']}@meetingtool")
        event.add("dtstamp", _utc(datetime.fromisoformat(stamp)))
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        if row["internal"]:
            summary = "[intern] Frist: intern sag (se meetingtool)"
            event.add("class", "CONFIDENTIAL")
        else:
            summary = f"Frist: {row['title']}"
        if row["owner"]:
            summary += f" ({row['owner']})"
        event.add("summary", summary)
        lines = [f"Råd: {row['council']}"]
        if row["meeting_date"]:
            aftalt = format_date(date.fromisoformat(row["meeting_date"]))
            lines.append(f"Aftalt: {aftalt}" + (f", {row['item']}" if row["item"] else ""))
        lines.append(f"Ansvarlig: {row['owner'] or 'ikke angivet'}")
        lines.append(f"Status: {row['status_label']}")
        if row["carried_over"]:
            lines.append(carried_over_words(row["carried_over"]).capitalize())
        event.add("description", "\n".join(lines))
        event.add("categories", ["Opfølgning"])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
        count += 1
    return calendar.to_ical(), count


def _utc(moment: datetime) -> datetime:
    """Stored times are local and naive; DTSTAMP must be UTC."""
    return moment.astimezone(UTC)


def _write_bytes(path: Path | None, data: bytes, count: int) -> int:
    """To stdout, or to a new owner-only file (an existing file is never replaced:
    " (2)" is added)."""
    if path is None:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    written = write_new(path, data)
    word = "opfølgningspunkt" if count == 1 else "opfølgningspunkter"
    print(f"Skrev {count} {word} til {written}")
    return 0
