"""``meetingtool residents``: a team's triage board residents and their history.

Residents are known by initials and/or room number only (see ``core.triage``): a CPR number
typed anywhere on the command line is refused (exit 2), and so is something that looks like a
full name. Moving a resident out keeps every earlier rating; ``list --alle`` shows them.

    meetingtool residents [--council NAVN] add AB [--room 12]
    meetingtool residents [--council NAVN] list [--alle]
    meetingtool residents [--council NAVN] remove AB
    meetingtool residents [--council NAVN] rename AB AC [--room 14]
    meetingtool residents [--council NAVN] show AB
    meetingtool residents [--council NAVN] history
    meetingtool residents [--council NAVN] purge --moved-out-before DATO [--yes]
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import date

from meetingtool.actions.councils import ensure_council_with_members
from meetingtool.actions.escalation import escalation_text
from meetingtool.cli import add_data_option, residents_purge
from meetingtool.core import identifiers, triage
from meetingtool.core.dates import format_date, format_date_short
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.model import Council, FollowUp, Resident
from meetingtool.core.vocab import FOLLOWUP_STATUSES, MeetingKind, TriageColour

TEAM_KIND = MeetingKind.TRIAGE


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "residents",
        help="beboere på et teams triagetavle (initialer/stuenummer) og deres historik",
        description="Beboerne på et teams triagetavle og deres historik. "
        + identifiers.PRIVACY_RULE,
    )
    _council_option(parser, argparse.SUPPRESS)
    add_data_option(parser)
    actions = parser.add_subparsers(dest="residents_action", title="handlinger", metavar="HANDLING")
    actions.required = True

    add = actions.add_parser("add", help="tilføj en beboer", description=identifiers.PRIVACY_RULE)
    add.add_argument("ident", metavar="INITIALER", help="initialer, fx AB eller A.B. "
                     "(eller et stuenummer, når beboeren kun kendes på stuen)")
    add.add_argument("--room", metavar="STUE", default="", help="stuenummer, fx 12 eller 3.14")
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="vis teamets beboere")
    listing.add_argument("--alle", "--all", dest="all", action="store_true",
                         help="også fraflyttede")
    listing.set_defaults(handler=run_list)

    remove = actions.add_parser(
        "remove", help="beboeren er flyttet (historikken bevares)"
    )
    remove.add_argument("ident", metavar="INITIALER")
    remove.set_defaults(handler=run_remove)

    rename = actions.add_parser("rename", help="ret initialer (og evt. stue)")
    rename.add_argument("ident", metavar="GAMMEL")
    rename.add_argument("new", metavar="NY", help="nye initialer (eller nyt stuenummer)")
    rename.add_argument("--room", metavar="STUE", default=None, help="nyt stuenummer")
    rename.set_defaults(handler=run_rename)

    show = actions.add_parser("show", help="en beboers farver og handlinger over tid")
    show.add_argument("ident", metavar="INITIALER")
    show.set_defaults(handler=run_show)

    history = actions.add_parser(
        "history", help="teamets antal røde, gule og grønne ved hvert møde"
    )
    history.set_defaults(handler=run_history)

    purge = residents_purge.add_parser(actions, run_purge)

    for sub in (add, listing, remove, rename, show, history, purge):
        _council_option(sub, argparse.SUPPRESS)
        add_data_option(sub)


def _council_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--council", metavar="NAVN", default=default,
                        help="teamet (navn eller id); kan udelades, når der kun er ét")


# --- handlers -----------------------------------------------------------------------------


def run_add(args: argparse.Namespace) -> int:
    initials, room = args.ident, args.room
    if not room and identifiers.is_room_like(initials):
        initials, room = "", initials
    for value in (initials, room):  # CPR first: its message must win over any other
        identifiers.check_no_cpr(value, "kommandoen")
    initials, room = identifiers.resident_identifier(initials, room)
    store, council = _open(args, create=True)  # a team is only made for a valid resident
    other = identifiers.find_duplicate(store.residents(council.id), initials, room)
    if other is not None:
        hint = "Brug andre initialer." if room else (
            "Brug andre initialer eller angiv stuenummeret (--room).")
        raise MeetingToolError(f"{council.name} har allerede beboeren {other.label}. {hint}")
    resident = store.add_resident(council.id, initials=initials, room=room)
    print(f"Tilføjet {resident.label} til {council.name}.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    store, council = _open(args)
    residents = store.residents(council.id, include_inactive=args.all)
    if not residents:
        print(f"{council.name} har ingen beboere endnu. Tilføj med: "
              f"meetingtool residents --council \"{council.name}\" add AB --room 12")
        return 0
    latest = _latest_colours(store, council.id, residents)
    ordered = triage.round_order(residents, latest)
    table = _table(f"Beboere – {council.name}", ("Initialer", "Stue", "Seneste farve", "Status"))
    for resident in ordered:
        status = "aktiv" if resident.active else _moved_text(resident)
        table.add_row(resident.initials or "–", resident.room or "–",
                      triage.colour_label(latest.get(resident.id)), status)
    _print(table)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    store, council = _open(args)
    resident = find_resident(store.residents(council.id), args.ident)
    resident.active = False
    resident.moved_out = date.today()
    store.save_resident(resident)
    print(f"{resident.label} er markeret som fraflyttet {format_date(resident.moved_out)}; "
          "historikken er bevaret.")
    return 0


def run_rename(args: argparse.Namespace) -> int:
    store, council = _open(args)
    residents = store.residents(council.id, include_inactive=True)
    resident = find_resident([r for r in residents if r.active], args.ident)
    before = resident.label
    initials, room = resident.initials, resident.room
    if args.room is not None:
        room = args.room
    if identifiers.is_room_like(args.new) and args.room is None:
        room = args.new
    else:
        initials = args.new
    initials, room = identifiers.resident_identifier(initials, room)
    other = identifiers.find_duplicate(residents, initials, room, except_id=resident.id)
    if other is not None:
        raise MeetingToolError(f"{council.name} har allerede beboeren {other.label}.")
    resident.initials, resident.room = initials, room
    store.save_resident(resident)
    print(f"{before} hedder nu {resident.label}.")
    return 0


def run_show(args: argparse.Namespace) -> int:
    store, council = _open(args)
    resident = find_resident(store.residents(council.id, include_inactive=True), args.ident)
    out = io.StringIO()
    status = "aktiv" if resident.active else _moved_text(resident)
    out.write(f"{resident.label} – {council.name} ({status})\n")
    history = store.resident_history(resident.id)
    if history:
        table = _table("Farver og handlinger",
                       ("Dato", "Farve", "Hvad er ændret", "Handling", "Ansvarlig"))
        for summary, entry in history:
            table.add_row(format_date_short(summary.date), triage.colour_label(entry.colour),
                          entry.change or "–", entry.action or "–", entry.owner or "–")
        out.write(_render(table))
        trend = [entry.colour for _, entry in history][-triage.TREND_LENGTH:]
        out.write(f"Tendens (seneste {len(trend)}): {triage.trend_words(trend)}\n")
    else:
        out.write("Endnu ikke vurderet ved noget triagemøde.\n")

    followups = [f for f in store.followups(council.id) if f.resident == resident.label]
    sent: list[FollowUp] = []
    if followups:
        table = _table("Opfølgning", ("Oprettet", "Opfølgning", "Ansvarlig", "Frist", "Status"))
        for followup in followups:
            text = followup.text
            if followup.escalated_to is not None:
                text += " → " + _council_name(store, followup.escalated_to.to_council_id)
                sent.append(followup)
            table.add_row(format_date_short(followup.created.date()), text,
                          followup.owner or "–",
                          format_date_short(followup.due) if followup.due else "–",
                          FOLLOWUP_STATUSES.get(followup.status, followup.status))
        out.write(_render(table))
    for followup in sent:  # the latest word from wherever the case is now
        out.write(f"Sagen »{followup.text}«: {escalation_text(store, followup)}\n")

    for review in store.borgergennemgange(resident.id):
        out.write(f"\nBorgergennemgang {format_date(review.at.date())}\n")
        for key, question in triage.BORGERGENNEMGANG_QUESTIONS.items():
            out.write(f"  {question}\n    {review.answers.get(key, '').strip() or '–'}\n")
    sys.stdout.write(out.getvalue())
    return 0


def run_purge(args: argparse.Namespace) -> int:
    store, council = _open(args)
    return residents_purge.run_purge(args, store, council)


def run_history(args: argparse.Namespace) -> int:
    store, council = _open(args)
    rows = team_history(store, council.id)
    if not rows:
        print(f"{council.name} har ingen triagemøder med vurderinger endnu.")
        return 0
    table = _table(f"Triagehistorik – {council.name}",
                   ("Dato", "Møde", "Rød", "Gul", "Grøn", "I alt"))
    for summary, counts in rows:
        total = sum(counts[colour] for colour in triage.COLOURS)
        table.add_row(format_date_short(summary.date), summary.title,
                      *(str(counts[colour]) for colour in TriageColour), str(total))
    _print(table)
    return 0


# --- helpers ------------------------------------------------------------------------------


def team_history(store, council_id: str):
    """(meeting summary, counts per colour) for each meeting with ratings, oldest first."""
    rows = []
    for summary in reversed(store.meetings(council_id)):
        entries = store.triage_entries(summary.id)
        if entries:
            rows.append((summary, triage.colour_counts(entries)))
    return rows


def find_resident(residents: list[Resident], ident: str) -> Resident:
    """The resident an identifier names: initials (dots and case ignored), room, label or id.

    Active residents win over moved-out ones with the same initials; an identifier that still
    fits several residents is refused with their labels, so the user adds the room.
    """
    identifiers.check_no_cpr(ident, "beboerens identifikation")
    key = identifiers.identifier_key(ident)
    found = [
        r for r in residents
        if key and key in (identifiers.identifier_key(r.initials),
                           identifiers.identifier_key(r.room),
                           identifiers.identifier_key(r.label), r.id.casefold())
    ]
    if len(found) > 1 and any(r.active for r in found):
        found = [r for r in found if r.active]
    if len(found) > 1:  # "stue 14" names the one without initials, not "AB, stue 14"
        exact = [r for r in found if identifiers.identifier_key(r.label) == key]
        found = exact or found
    if not found:
        known = ", ".join(r.label for r in residents) or "ingen"
        raise NotFoundError(f"Ingen beboer hedder '{ident}'. Kendte: {known}.")
    if len(found) > 1:
        labels = "; ".join(f"»{r.label}«" for r in found)
        raise MeetingToolError(
            f"'{ident}' passer på flere beboere: {labels}. Skriv hele betegnelsen, "
            "som den står her."
        )
    return found[0]


def _open(args: argparse.Namespace, *, create: bool = False):
    """The store and the team; any CPR number among the arguments is refused first."""
    for name, value in vars(args).items():
        if isinstance(value, str) and name != "data":
            identifiers.check_no_cpr(value, "kommandoen")
    from meetingtool.cli import open_data_store

    store = open_data_store(args)
    return store, _council(store, getattr(args, "council", None), create=create)


def _council(store, name: str | None, *, create: bool) -> Council:
    if name:
        try:
            found = store.council(name)
        except NotFoundError:
            found = store.find_council(name)
        if found is not None:
            if found.kind != TEAM_KIND:
                raise MeetingToolError(
                    f"{found.name} er ikke et triageteam; beboere hører til et team. "
                    f"Kendte teams: {_known(store)}."
                )
            return found
        if create:
            identifiers.check_no_cpr(name, "teamets navn")
            others = _known(store)
            council = ensure_council_with_members(store, name, TEAM_KIND)
            # Said out loud, so a typo in --council does not pass unseen.
            print(f"Nyt triageteam oprettet: {council.name} (kendte teams før: {others}).")
            return council
        raise NotFoundError(f"Teamet '{name}' findes ikke. Kendte: {_known(store)}.")
    teams = [c for c in store.councils() if c.kind == TEAM_KIND]
    if len(teams) == 1:
        return teams[0]
    if not teams:
        raise MeetingToolError(
            "Der er endnu ingen triageteams. Angiv teamet med --council \"NAVN\" "
            "(det oprettes ved første 'add')."
        )
    raise MeetingToolError(f"Angiv teamet med --council. Kendte: {_known(store)}.")


def _known(store) -> str:
    """The triage teams, apart by "; " (a team's name may hold a comma)."""
    return "; ".join(c.name for c in store.councils() if c.kind == TEAM_KIND) or "ingen"


def _latest_colours(store, council_id: str, residents: list[Resident]) -> dict[str, str | None]:
    """Each resident's latest colour, reading meetings newest first only until all are found
    (a year of daily rounds is not read for a board that was rated yesterday)."""
    latest: dict[str, str | None] = {r.id: None for r in residents}
    missing = set(latest)
    for summary in store.meetings(council_id):
        if not missing:
            break
        for entry in store.triage_entries(summary.id):
            if entry.resident_id in missing and entry.colour:
                latest[entry.resident_id] = entry.colour
                missing.discard(entry.resident_id)
    return latest


def _moved_text(resident: Resident) -> str:
    if resident.moved_out:
        return f"fraflyttet {format_date_short(resident.moved_out)}"
    return "fraflyttet"


def _council_name(store, council_id: str) -> str:
    try:
        return store.council(council_id).name
    except NotFoundError:
        return council_id


def _table(title: str, headers: tuple[str, ...]):
    from rich.table import Table

    table = Table(title=title, expand=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    return table


def _render(renderable) -> str:
    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=120, highlight=False, soft_wrap=False).print(renderable)
    return out.getvalue()


def _print(renderable) -> None:
    sys.stdout.write(_render(renderable))
