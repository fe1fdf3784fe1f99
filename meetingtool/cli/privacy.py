"""``meetingtool privacy scan``: where in the store a CPR number is written, and cleaning it.

Lists every place (council, meeting number and date, item, field) whose text holds a CPR
number; exit status 0 when there is none, 1 when there is. ``--redact`` replaces them with
"[CPR fjernet]" in the store after a confirmation (j/y; ``--yes`` for scripts) and a
backup, so a slip can be undone with ``meetingtool restore``. A council whose id (made
from its name) holds one is reported once, with what to do: the id cannot be changed.
"""

from __future__ import annotations

import argparse

from meetingtool.cli import add_data_option
from meetingtool.core.cpr import REPLACEMENT

FOUND_STATUS = 1


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "privacy",
        help="find CPR-numre, der allerede står i data",
        description="Persondata: find og fjern CPR-numre, der er skrevet i møder, "
        "opfølgningspunkter, triagetavler, beboere, prøvehandlinger og indikatorer.",
    )
    commands = parser.add_subparsers(dest="privacy_command", metavar="KOMMANDO", required=True)
    scan = commands.add_parser(
        "scan",
        help="vis hvert sted, hvor der står noget, der ligner et CPR-nummer",
        description="Vis hvert sted i data (råd, møde og dato, punkt, felt), hvor der står "
        "noget, der ligner et CPR-nummer. Slutter med status 0, når der intet er, og 1, når "
        f"der er fundet noget. Med --redact erstattes de med {REPLACEMENT}, efter en "
        "bekræftelse og en sikkerhedskopi.",
    )
    scan.add_argument("--council", metavar="NAVN", help="kun dette råd (navn eller id)")
    scan.add_argument(
        "--redact", action="store_true",
        help=f"erstat dem i data med {REPLACEMENT} (tager en sikkerhedskopi først)",
    )
    scan.add_argument(
        "--yes", action="store_true", help="spørg ikke om lov før --redact (til scripts)"
    )
    add_data_option(scan)
    scan.set_defaults(handler=run_scan)
    add_data_option(parser)


def run_scan(args: argparse.Namespace) -> int:
    from meetingtool.actions import privacy
    from meetingtool.cli import open_data_store

    store = open_data_store(args)
    council_id = privacy.find_council(store, args.council).id if args.council else None
    findings = privacy.scan(store, council_id)
    if not findings:
        print("Intet, der ligner et CPR-nummer, i data.")
        return 0
    print(f"Noget, der ligner et CPR-nummer, står {_places(len(findings))}:")
    _print_findings(findings)
    fixable = [finding for finding in findings if finding.fixable]
    if not args.redact:
        print(f"Ret teksterne, eller kør igen med --redact for at erstatte dem med "
              f"{REPLACEMENT}.")
        return FOUND_STATUS
    if not fixable:
        print("Intet af det kan rettes af meetingtool.")
        return FOUND_STATUS
    if not args.yes and not confirmed(
        f"Erstat {_places(len(fixable))} med {REPLACEMENT}? Der tages en sikkerhedskopi "
        "først. [j/n] "
    ):
        print("Intet ændret.")
        return FOUND_STATUS
    backup = store.backup("Før CPR-numre blev fjernet (privacy scan --redact)")
    if backup is not None:
        print(f"Sikkerhedskopi: {getattr(backup, 'name', backup)}")
    written = privacy.redact_store(store, council_id)
    left = privacy.scan(store, council_id)
    print(f"Erstattet med {REPLACEMENT} ({written} gemt).")
    if left:
        print(f"Tilbage, som meetingtool ikke kan rette ({len(left)}):")
        _print_findings(left)
        return FOUND_STATUS
    return 0


def _print_findings(findings) -> None:
    """One line per place, then what to do about those meetingtool cannot fix (once)."""
    for finding in findings:
        print(f"  - {finding.line()}")
    for advice in dict.fromkeys(finding.advice for finding in findings if finding.advice):
        print(advice)


def _places(count: int) -> str:
    return "ét sted" if count == 1 else f"{count} steder"


def confirmed(question: str) -> bool:
    """True when the answer starts with j or y; no answer (no terminal) is no."""
    try:
        answer = input(question)
    except EOFError:
        print()
        return False
    return answer.strip().casefold()[:1] in ("j", "y")
