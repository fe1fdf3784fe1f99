"""A warning -- never a refusal -- when text typed in the TUI holds a CPR number.

Refusing mid-meeting would lose what the secretary typed; saying nothing lets a number slip
into the minutes. So the text is saved, and a notification says which field looks like it
holds a CPR number and how to clean it (``core.privacy.entry_warning``, the same words as
the command line). Not on every key: a dialog warns once, when it is saved
(``InputDialog.dismiss``); an item's notes, saved as they are typed, warn when their text
first holds a number and again only after it was clean in between (``CprNotice``).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from meetingtool.core.cpr import contains_cpr
from meetingtool.core.privacy import entry_warning

__all__ = ["TITLE", "CprNotice", "warn_typed_cpr"]

TITLE = "Ligner et CPR-nummer"
TIMEOUT = 15.0
"""Seconds the warning stays: long enough to read it twice."""


def _listed(names: list[str]) -> str:
    quoted = [f"»{name}«" for name in dict.fromkeys(names)]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} og {quoted[-1]}"


def warn_typed_cpr(node: Any, fields: Iterable[tuple[str, str]]) -> bool:
    """One notification (``node.notify``) naming every field ``(name, text)`` whose text
    holds a CPR number; whether there was one."""
    names = [name for name, text in fields if text and contains_cpr(text)]
    if not names:
        return False
    node.notify(entry_warning(_listed(names)), title=TITLE, severity="warning",
                timeout=TIMEOUT)
    return True


class CprNotice:
    """Warnings for fields edited over a long time, one per stretch with a number in it."""

    def __init__(self) -> None:
        self._warned: set[Hashable] = set()

    def check(self, node: Any, key: Hashable, name: str, text: str) -> bool:
        """Warn if ``text`` holds a CPR number and field ``key`` was not warned about since
        it last held none; whether a warning was shown."""
        if not contains_cpr(text):
            self._warned.discard(key)
            return False
        if key in self._warned:
            return False
        self._warned.add(key)
        return warn_typed_cpr(node, [(name, text)])
