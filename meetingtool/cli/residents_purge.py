"""``meetingtool residents purge``: data minimisation for residents who moved out long ago.

    meetingtool residents --council TEAM purge --moved-out-before DATO [--yes]

Removes the borgergennemgange and the triage ratings' notes (what changed, action, owner)
of the team's residents who moved out before DATO; the colours stay, so ``residents
history`` and the minutes' totals do not change (rule: ``core.purge``). It first says how
many residents and entries, and asks (j/n; ``--yes`` for scripts). The store takes the same
details out of its backups, so a restore cannot bring them back; on a server, whose backups
are the operator's, it says so.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date

from meetingtool.core.dates import format_date, parse_date
from meetingtool.core.model import Council
from meetingtool.core.purge import PurgeResult


def add_parser(actions, handler: Callable[[argparse.Namespace], int]
               ) -> argparse.ArgumentParser:
    """Add ``purge`` to the ``residents`` sub-commands; ``handler`` opens the store and the
    team as every ``residents`` command does, then calls ``run_purge``."""
    purge = actions.add_parser(
        "purge", help="slet noter og borgergennemgange om beboere, der er flyttet for længe "
        "siden (farverne bevares)",
        description="Sletter borgergennemgange og triagetavlens noter (hvad er ændret, "
        "handling, ansvarlig) om teamets beboere, der er fraflyttet før datoen. Farverne "
        "bevares, så historikken og referaternes antal røde, gule og grønne er uændrede. "
        "Det samme fjernes fra sikkerhedskopierne, så en gendannelse ikke bringer det "
        "tilbage.",
    )
    purge.add_argument("--moved-out-before", dest="before", metavar="DATO", required=True,
                       help="fraflyttet før denne dato, fx 1.1.2026 eller 2026-01-01")
    purge.add_argument("--yes", action="store_true", help="spørg ikke om lov (til scripts)")
    purge.set_defaults(handler=handler)
    return purge


def run_purge(args: argparse.Namespace, store, council: Council) -> int:
    from meetingtool.actions.purge import apply_purge, plan_purge
    from meetingtool.cli.privacy import confirmed

    before = parse_date(args.before, date.today())
    plan = plan_purge(store, council.id, before)
    for resident in plan.undated:
        print(f"Bemærk: {resident.label} er fraflyttet uden kendt dato og er ikke med.")
    if not plan.residents:
        print(f"Ingen beboere i {council.name} er fraflyttet før {format_date(before)}. "
              "Intet slettet.")
        return 0
    what = (f"{_count(len(plan.residents), 'beboer', 'beboere')} i {council.name}, "
            f"fraflyttet før {format_date(before)}: "
            f"{_count(plan.entries, 'triagenote', 'triagenoter')} og "
            f"{_count(plan.reviews, 'borgergennemgang', 'borgergennemgange')}")
    if plan.empty:
        print(f"Intet tilbage at slette om {what}; sikkerhedskopierne gennemgås.")
    elif not args.yes and not confirmed(
            f"Slet noter om {what}? Farverne bevares. Det fjernes også fra "
            "sikkerhedskopierne og kan ikke fortrydes. [j/n] "):
        print("Intet slettet.")
        return 1
    result = apply_purge(store, plan)
    print(f"Slettet: {_count(result.entries, 'triagenote', 'triagenoter')} og "
          f"{_count(result.reviews, 'borgergennemgang', 'borgergennemgange')} om "
          f"{_count(len(plan.residents), 'beboer', 'beboere')}. Farverne er bevaret.")
    print(_backups_line(result))
    print("Referater og lister, der allerede er eksporteret (fx i exports/), er ikke ændret; "
          "slet dem, der ikke længere skal gemmes.")
    return 0


def _backups_line(result: PurgeResult) -> str:
    if result.backups is None:
        return ("Sikkerhedskopier af databasen (fx pg_dump) ligger uden for meetingtool og "
                "indeholder stadig noterne: bed den, der driver databasen, om at slette eller "
                "rense sikkerhedskopier fra før i dag.")
    if result.backups == 0:
        return "Ingen sikkerhedskopier indeholdt noterne."
    cleaned = _count(result.backups, "sikkerhedskopi", "sikkerhedskopier")
    return f"Noterne er også fjernet fra {cleaned}."


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
