"""``--redact`` / ``--allow-cpr`` for every command that prints or writes what is stored.

The minutes and the follow-up lists have their own guards (``export.cpr_guard``,
``cli.followups.guard``), which know their records' places; every other listing —
trials, search hits, indicators, the year wheel — passes what it is about to print through
``guard_output`` first. It finds a CPR number in any string of the data (``core.privacy``:
dataclasses, dicts, lists, however nested), and refuses with the Danish list of places,
or returns a copy with every number replaced, or lets it through when the user said so.
"""

from __future__ import annotations

import argparse
from typing import TypeVar

from meetingtool.core.cpr import REPLACEMENT
from meetingtool.core.privacy import CprRefusedError, cpr_places, redacted

T = TypeVar("T")


def add_cpr_options(parser: argparse.ArgumentParser, *,
                    redact_help: str = f"erstat CPR-numre med {REPLACEMENT}",
                    allow_help: str = "skriv selv om teksten ligner et CPR-nummer") -> None:
    """The two choices a user has when a CPR number would be printed or written (every
    command that writes stored text out registers them here, with its own words)."""
    privacy = parser.add_mutually_exclusive_group()
    privacy.add_argument("--redact", action="store_true", help=redact_help)
    privacy.add_argument("--allow-cpr", action="store_true", help=allow_help)


def guard_output(value: T, args: argparse.Namespace, what: str) -> T:
    """``value`` as it may leave the tool: unchanged without a CPR number in it (or with
    ``--allow-cpr``), a copy with each replaced by "[CPR fjernet]" with ``--redact``; else
    ``CprRefusedError`` naming ``what`` and each place (never the number itself)."""
    if getattr(args, "allow_cpr", False):
        return value
    places = cpr_places(value)
    if not places:
        return value
    if getattr(args, "redact", False):
        return redacted(value)
    raise CprRefusedError(what, places, f"Ret teksten (fx med 'meetingtool privacy scan "
                          f"--redact'), eller brug --redact (erstatter med {REPLACEMENT}) "
                          "eller --allow-cpr.", done="vist")
