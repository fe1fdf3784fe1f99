"""Free-text command-line arguments: stored as given, with a warning when one holds a CPR
number (``core.privacy.entry_warning``).

A secretary typing ``--problem "Fald hos 010203-1234"`` means to store it; the command goes
on, but stderr says which argument looks like a CPR number and how to clean it. Every
argument whose text is stored (titles, texts, owners, comments, names of new councils)
is declared with ``action=FreeText``, so the check is one piece of code for all commands.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from meetingtool.core.privacy import entry_holds_cpr, entry_warning


class FreeText(argparse.Action):
    """Store the value (like argparse's default action); warn on stderr if it holds a CPR
    number, naming the option (``--problem``) or the positional's metavar (``TITEL``)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        texts = [values] if isinstance(values, str) else list(values or [])
        if entry_holds_cpr(*(text for text in texts if isinstance(text, str))):
            where = option_string or (self.metavar if isinstance(self.metavar, str)
                                      else self.dest)
            print(entry_warning(where), file=sys.stderr)
        setattr(namespace, self.dest, values)
