"""Finding Danish CPR numbers in free text, so they never leave the building in minutes.

A CPR number is a birth date DDMMYY and four more digits (the serial). People write it in
many ways, and word processors and PDF copies add their own characters, so the text is first
brought to one plain form and only then searched:

- NFKC turns full-width digits (``０１０２０３``) and compatibility characters into plain ones;
- every dash (hyphen, en dash, figure dash, minus sign, non-breaking hyphen ...) becomes
  ``-``; every space, tab and line break (thin, narrow no-break, CRLF ...) becomes a space;
  invisible format characters (zero-width space, soft hyphen, direction marks) are dropped.

In that plain form a CPR number is ``DD[s]MM[s]YY[s]NNNN``: the date parts may be written
together or split by a dot, slash, dash or space (``01.02.03-1234``, ``01 02 03 1234``,
``0102-03-1234``), and the serial may follow after a dash, slash, dot or spaces, with spaces
around the separator (``010203 - 1234``, ``010203-\\r\\n1234``). The date must be one that can
exist (29 February is always allowed: the century is not known). Modulus 11 is *not* checked:
numbers issued since 2007 may fail it, and missing a real CPR number is far worse than
flagging a number that only looks like one. Where a text is both a date and a number
("12.03.26 1430"), privacy wins: it is flagged.

What must not match, and how it is avoided:

- longer digit runs (order and account numbers): the number may not touch another digit, nor
  continue with ``-``, ``/``, ``.`` or ``,`` and a digit (``010203-1234-56``,
  ``9.010203.1234``) -- unless that neighbour is itself a CPR number: a list such as
  ``010203-1234,0102031235`` is two numbers;
- phone numbers (``12 34 56 78``, ``+45 12345678``): the serial is always four digits in a
  row, and a ``+`` in front marks a phone number;
- dates, times and amounts (``2026-12-01``, ``14.30``, ``1.234.567,00``): no serial of four
  digits after a valid DDMMYY.

Positions are always those of the text as given, so redaction replaces exactly what was
written. Nothing here has side effects.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

REPLACEMENT = "[CPR fjernet]"

# Separators a secretary uses between the date parts: none, or a dot, slash, dash or space,
# the punctuation perhaps followed by a space ("01. 02. 03").
_DATE_SEPARATOR = r"(?:[./-] ?| )?"
# Between the date and the serial: none, spaces (a line break is a space here), or a dash,
# slash or dot with up to three spaces on either side (CRLF after a dash gives two).
_SERIAL_SEPARATOR = r"(?: {0,3}[./-] {0,3}| {1,3})?"

_CANDIDATE = re.compile(
    r"(?<![0-9+])(?=("
    rf"(?P<day>[0-9]{{2}}){_DATE_SEPARATOR}(?P<month>[0-9]{{2}}){_DATE_SEPARATOR}"
    rf"(?P<year>[0-9]{{2}}){_SERIAL_SEPARATOR}(?P<serial>[0-9]{{4}})"
    r"(?![0-9])))"
)
# Punctuation that, between digits, makes one longer number of two (or a list of two).
_JOINERS = "-/.,"

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Characters that are dashes without being in Unicode's dash category.
_EXTRA_DASHES = "\u2212\u2796\u02d7\u2043\ufe63\uff0d"
_SLASHES = "\u2044\u2215\u29f8\uff0f"


@dataclass(frozen=True)
class CprMatch:
    """One CPR number found: the text as written and where it is (``text[start:end]``)."""

    text: str
    start: int
    end: int


def _plain_character(character: str) -> str:
    """What one character of the original becomes in the plain form ("" if dropped)."""
    if character.isascii():
        return " " if character.isspace() else character
    if character.isspace():
        return " "
    category = unicodedata.category(character)
    if category == "Cf":
        return ""
    if category == "Pd" or character in _EXTRA_DASHES:
        return "-"
    if character in _SLASHES:
        return "/"
    plain = unicodedata.normalize("NFKC", character)
    return "".join(" " if c.isspace() else "-" if unicodedata.category(c) == "Pd" else c
                   for c in plain)


def plain_form(text: str) -> tuple[str, list[int]]:
    """``text`` in the plain form the search runs on, and for each of its characters the
    position in ``text`` it came from."""
    characters: list[str] = []
    origins: list[int] = []
    for position, character in enumerate(text):
        for plain in _plain_character(character):
            characters.append(plain)
            origins.append(position)
    return "".join(characters), origins


def _plausible_date(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def _spans(plain: str) -> list[tuple[int, int]]:
    """Start and end (in ``plain``) of every CPR number."""
    candidates: dict[int, int] = {}
    for match in _CANDIDATE.finditer(plain):
        if _plausible_date(int(match.group("day")), int(match.group("month"))):
            candidates[match.start(1)] = match.end(1)
    # A number glued to a digit by "-", "/", "." or "," is part of a longer number, unless
    # the neighbour is a CPR number too (a list). Drop until nothing more changes, since one
    # dropped neighbour may take the next one's excuse away.
    changed = True
    while changed:
        changed = False
        ends = set(candidates.values())
        for start, end in list(candidates.items()):
            glued_before = (start >= 2 and plain[start - 1] in _JOINERS
                            and plain[start - 2].isdigit() and start - 1 not in ends)
            glued_after = (end + 1 < len(plain) and plain[end] in _JOINERS
                           and plain[end + 1].isdigit() and end + 1 not in candidates)
            if glued_before or glued_after:
                del candidates[start]
                changed = True
    spans: list[tuple[int, int]] = []
    for start in sorted(candidates):
        if not spans or start >= spans[-1][1]:
            spans.append((start, candidates[start]))
    return spans


def find_cpr(text: str) -> list[CprMatch]:
    """Every CPR number in ``text``, in order of position (positions in ``text`` itself)."""
    if not text:
        return []
    plain, origins = plain_form(text)
    found: list[CprMatch] = []
    for start, end in _spans(plain):
        first, last = origins[start], origins[end - 1] + 1
        found.append(CprMatch(text[first:last], first, last))
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
