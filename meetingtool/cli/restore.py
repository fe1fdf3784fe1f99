"""``meetingtool restore``: list the store's backups, or restore one.

``meetingtool restore`` lists them (id, Danish date and time, reason), newest first.
``meetingtool restore ID`` restores that backup without asking: the current state is
first saved as a new backup, so a restore can itself be undone the same way. Both work
even when a database file is damaged, since that is when a backup is needed.
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
    add_data_option(parser)
    parser.set_defaults(handler=run)


def _when(created) -> str:
    return f"{format_date(created.date())} kl. {format_time(created)}"


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
    restore_backup(data, args.backup_id)
    restored = next(info for info in list_backups(data) if info.id == args.backup_id)
    newest = list_backups(data)[0]
    print(f"Gendannede sikkerhedskopien {restored.id} fra {_when(restored.created)} "
          f"({restored.reason}) i {data}.")
    print(f"Det tidligere indhold er gemt som sikkerhedskopien {newest.id}; "
          f"fortryd med: meetingtool restore {newest.id}")
    return 0
