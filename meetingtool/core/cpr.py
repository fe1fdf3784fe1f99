"""Finding Danish CPR numbers in free text, so they never leave the building in minutes.

A CPR number is a birth date DDMMYY and four more digits: ``010203-1234``, ``0102031234``,
or with a space, ``/`` or ``.`` between the two parts. The detector looks for exactly that
shape and for a date that can exist (day 1-31 valid for the month, 29 February always
allowed, since the year's century is not known). It does *not* apply the modulus-11 check:
numbers issued since 2007 may fail it, and missing a real CPR number is far worse than
flagging an order number that happens to look like one.

What must not match, and how it is avoided:

- longer digit runs (order numbers, account numbers): the ten digits may not touch another
  digit, nor continue with a separator and a digit (``010203-1234-56``, ``9.010203.1234``);
- phone numbers (``12 34 56 78``, ``+45 12345678``): never six digits in a row followed by
  four, and a ``+`` in front marks a phone number;
- ISO dates, times and amounts (``2026-12-01``, ``14.30``, ``1.234.567,00``): never six
  digits in a row.

Only ASCII digits count; nothing here has side effects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REPLACEMENT = "[CPR fjernet]"

# Separators between the date part and the serial: hyphen, en dash (Word turns "-" into one),
# space, no-break space, slash and dot.
_SEPARATORS = "-\u2013 \u00a0/."

_CPR = re.compile(
    r"(?<![0-9+])"  # not inside a digit run, not a phone number with a country code
    r"(?<![0-9][-\u2013/.,])"  # not the tail of 12-..., 12.... or 1,...
    r"(?P<day>[0-9]{2})(?P<month>[0-9]{2})(?P<year>[0-9]{2})"
    rf"[{_SEPARATORS}]?"
    r"(?P<serial>[0-9]{4})"
    r"(?![0-9])"
    r"(?![-\u2013/.,][0-9])"  # not followed by more of the same number
)

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True)
class CprMatch:
    """One CPR number found: the text as written and where it is (``text[start:end]``)."""

    text: str
    start: int
    end: int


def _plausible_date(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def find_cpr(text: str) -> list[CprMatch]:
    """Every CPR number in ``text``, in order of position."""
    found: list[CprMatch] = []
    for match in _CPR.finditer(text):
        if _plausible_date(int(match.group("day")), int(match.group("month"))):
            found.append(CprMatch(match.group(0), match.start(), match.end()))
    return found


def contains_cpr(text: str) -> bool:
    """True when ``text`` holds at least one CPR number."""
    return bool(find_cpr(text))


def redact_cpr(text: str, replacement: str = REPLACEMENT) -> str:
    """``text`` with every CPR number replaced by ``replacement`` ("[CPR fjernet]")."""
    parts: list[str] = []
    position = 0
    for match in find_cpr(text):
        parts.append(text[position : match.start])
        parts.append(replacement)
        position = match.end
    parts.append(text[position:])
    return "".join(parts)
