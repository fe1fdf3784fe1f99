"""``meetingtool store init|info|copy``: set up a store, show what it holds, move data.

- ``store init [STED]`` creates the schema on a PostgreSQL server (run once, by a role
  that may create tables) or upgrades it; for a folder it makes the data folder.
- ``store info`` shows the backend, where the data is (a URL never with its password),
  the schema version and how many records of each kind it holds.
- ``store copy KILDE MÅL`` copies everything from one store into an empty other one
  (a centre's folder onto the server, or a snapshot of the server into a folder) and
  checks the copy: the counts and each meeting's checksum.

A URL given here must not carry a password (``core.locations.data_location``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from meetingtool.cli import add_data_option
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.locations import data_location, is_server_url

BACKEND_NAMES = {"files": "datamappe (filer)", "postgresql": "PostgreSQL (fælles database)"}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "store", help="opsæt, vis og kopiér datalageret (mappe eller fælles database)",
        description="Datalageret er en datamappe eller en fælles PostgreSQL-database "
        "(postgresql://bruger@vært/database; adgangskoden i PGPASSWORD eller ~/.pgpass).")
    actions = parser.add_subparsers(dest="store_command", title="handlinger", metavar="HANDLING",
                                    required=True)
    init = actions.add_parser("init", help="opret eller opgradér databasens skema",
                              description="Opret skemaet i en PostgreSQL-database (kør én "
                              "gang som en bruger, der må oprette tabeller) eller opgradér "
                              "det til denne udgave. Uden STED: --data / MEETINGTOOL_DATA.")
    init.add_argument("location", nargs="?", metavar="STED", help="mappe eller postgresql://-URL")
    add_data_option(init)
    init.set_defaults(handler=run_init)
    info = actions.add_parser("info", help="vis lager, placering, skemaversion og antal",
                              description="Vis hvilket lager data ligger i, hvor, "
                              "skemaversionen og hvor mange poster af hver slags der er.")
    info.add_argument("location", nargs="?", metavar="STED", help="mappe eller postgresql://-URL")
    add_data_option(info)
    info.set_defaults(handler=run_info)
    copy = actions.add_parser("copy", help="kopiér alle data til et tomt lager og kontrollér",
                              description="Kopiér alt fra KILDE til det tomme MÅL (mappe -> "
                              "server eller server -> mappe) og kontrollér kopien: antal og "
                              "en kontrolsum for hvert møde. Sikkerhedskopierne følger ikke med.")
    copy.add_argument("source", metavar="KILDE", help="mappe eller postgresql://-URL")
    copy.add_argument("target", metavar="MÅL", help="tom mappe eller tom, initialiseret database")
    copy.set_defaults(handler=run_copy)


def _location(value: str | None, args: argparse.Namespace) -> Path | str:
    return data_location(value or getattr(args, "data", None))


def run_init(args: argparse.Namespace) -> int:
    from meetingtool.store import init_store, open_store

    location = _location(args.location, args)
    before, after = init_store(location)
    shown = open_store(location)
    where = shown.location
    shown.close()
    if before == after:
        print(f"{where} er allerede sat op (skemaversion {after}).")
    elif before == 0:
        print(f"{where} er sat op (skemaversion {after}).")
    else:
        print(f"{where} er opgraderet fra skemaversion {before} til {after}.")
    if is_server_url(location):
        print("Den daglige databasebruger skal kun have SELECT, INSERT, UPDATE og DELETE "
              "på tabellerne (se README, 'Fælles database').")
    return 0


def run_info(args: argparse.Namespace) -> int:
    from meetingtool.store import open_store
    from meetingtool.store.inventory import KINDS, LABELS

    store = open_store(_location(args.location, args))
    try:
        counts = store.counts()
        print(f"Lager:        {BACKEND_NAMES.get(store.backend, store.backend)}")
        print(f"Placering:    {store.location}")
        print(f"Skemaversion: {store.schema_version}")
        print("Indhold:")
        width = max(len(LABELS[kind]) for kind in KINDS)
        for kind in KINDS:
            print(f"  {LABELS[kind]:<{width}}  {counts.get(kind, 0):>9}")
    finally:
        store.close()
    return 0


def run_copy(args: argparse.Namespace) -> int:
    from meetingtool.store import open_store
    from meetingtool.store.copy import copy_store
    from meetingtool.store.inventory import KINDS, LABELS

    source_location = data_location(args.source)
    target_location = data_location(args.target)
    if not is_server_url(source_location) and not Path(source_location).is_dir():
        raise MeetingToolError(f"Kilden {source_location} findes ikke.")
    if not is_server_url(target_location):
        folder = Path(target_location)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise MeetingToolError(
                f"Målet {folder} er ikke en tom mappe: 'store copy' kopierer kun til en tom "
                "eller ny mappe, så intet blandes sammen eller overskrives.")
    source = open_store(source_location)
    target = open_store(target_location)
    try:
        report = copy_store(source, target,
                            progress=lambda text: print(text, file=sys.stderr, flush=True))
        print(f"Kopierede {source.location} til {target.location}:")
        width = max(len(LABELS[kind]) for kind in KINDS)
        for kind in KINDS:
            print(f"  {LABELS[kind]:<{width}}  {report.counts[kind]:>9}")
        print(f"Kontrolleret: antallene passer, og alle {report.meetings_verified} møder har "
              "samme kontrolsum i kopien som i kilden.")
    finally:
        source.close()
        target.close()
    return 0
