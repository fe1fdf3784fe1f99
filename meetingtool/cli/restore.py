"""``meetingtool restore``: list the store's backups, or restore one.

``meetingtool restore`` lists them (id, Danish date and time, reason), newest first.
``meetingtool restore ID`` first shows what would be lost (meetings, decisions and
follow-ups made or changed since the backup) and asks; ``--yes`` restores without asking
(for scripts). The current state is first saved as a new backup, so a restore can itself
be undone the same way. Both work even when a database file is damaged, since that is
when a backup is needed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from meetingtool.cli import add_data_option
from meetingtool.core.dates import format_date, format_time
from meetingtool.core.locations import data_location, is_server_url


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="vis eller gendan sikkerhedskopier af data",
        description="Uden ID: vis sikkerhedskopierne, nyeste først. Med ID: gendan den "
        "sikkerhedskopi (det nuværende indhold gemmes først som en ny sikkerhedskopi).",
    )
    parser.add_argument("backup_id", nargs="?", metavar="ID",
                        help="sikkerhedskopien, der skal gendannes")
    parser.add_argument("--yes", "-y", action="store_true",
                        help="gendan uden at spørge (til scripts)")
    add_data_option(parser)
    parser.set_defaults(handler=run)


def _when(created) -> str:
    return f"{format_date(created.date())} kl. {format_time(created)}"


LOSS_LINES = 15
"""How many records of each kind the question lists before "og N flere"."""


def _show_loss(title: str, lines: list[str]) -> None:
    if not lines:
        return
    print(f"{title} ({len(lines)}):")
    for line in lines[:LOSS_LINES]:
        print(f"  - {line}")
    if len(lines) > LOSS_LINES:
        print(f"  … og {len(lines) - LOSS_LINES} flere")


def _confirm(data: Path, backup_id: str) -> bool:
    """Show what the restore would lose, and ask (an empty answer is no)."""
    from meetingtool.store import restore_loss

    loss = restore_loss(data, backup_id)
    if loss.empty:
        print(f"Intet møde, ingen beslutning og intet opfølgningspunkt er nyere end "
              f"sikkerhedskopien {backup_id}.")
    else:
        print(f"Gendannes sikkerhedskopien {backup_id}, forsvinder dette fra de aktuelle data "
              "(det gemmes først i en ny sikkerhedskopi, så det kan hentes tilbage):")
        _show_loss("Møder", loss.meetings)
        _show_loss("Beslutninger", loss.decisions)
        _show_loss("Opfølgningspunkter", loss.followups)
        _show_loss("Filer, der ikke kan læses nu", loss.unreadable)
    try:
        answer = input(f"Gendan {backup_id}? Skriv ja for at gendanne: ")
    except EOFError:
        answer = ""
    if answer.strip().casefold() in {"ja", "j", "yes", "y"}:
        return True
    print("Intet er gendannet. (Brug --yes for at gendanne uden at blive spurgt.)")
    return False


def run(args: argparse.Namespace) -> int:
    from meetingtool.store import list_backups, restore_backup

    location = data_location(getattr(args, "data", None))
    if is_server_url(location):
        print("Data ligger på en fælles PostgreSQL-server, og dens sikkerhedskopier er "
              "serverens egne (fx pg_dump eller serverens løbende backup): spørg den, der "
              "driver serveren. Et øjebliksbillede i en mappe tages med: "
              "meetingtool store copy URL MAPPE")
        return 2 if args.backup_id else 0
    data = Path(location)
    if not args.backup_id:
        found = list_backups(data)
        if not found:
            print(f"Der er ingen sikkerhedskopier i {data}.")
            return 0
        print(f"Sikkerhedskopier i {data} (nyeste først):")
        width = max(len(info.id) for info in found)
        for info in found:
            print(f"  {info.id:<{width}}  {_when(info.created)}  {info.reason}")
        print("Gendan en med: meetingtool restore ID")
        return 0
    if not args.yes and not _confirm(data, args.backup_id):
        return 1
    restore_backup(data, args.backup_id)
    restored = next(info for info in list_backups(data) if info.id == args.backup_id)
    newest = list_backups(data)[0]
    print(f"Gendannede sikkerhedskopien {restored.id} fra {_when(restored.created)} "
          f"({restored.reason}) i {data}.")
    print(f"Det tidligere indhold er gemt som sikkerhedskopien {newest.id}; "
          f"fortryd med: meetingtool restore {newest.id}")
    return 0
