"""Danish dates and times: how they are shown, and reading what a Danish user types.

The names of months and weekdays are written out here rather than taken from the locale:
setting a locale is process-wide, depends on what the machine has installed, and would have
to happen at import time. Nothing in this module has side effects.

``parse_date`` is deliberately predictable: a date typed without a year always means this
year (``today.year``), never "the next such date", so "1/3" typed in November is 1 March of
this year, and the caller can ask the user to confirm a date in the past.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from meetingtool.core.errors import MeetingToolError

MONTHS: tuple[str, ...] = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
"""Danish month names, January first (index = month - 1)."""

WEEKDAYS: tuple[str, ...] = (
    "mandag",
    "tirsdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lørdag",
    "søndag",
)
"""Danish weekday names, Monday first (index = ``date.weekday()``)."""

DATE_EXAMPLES = "Skriv fx 1/12, 1.12.2026, 2026-12-01 eller +14."
TIME_EXAMPLES = "Skriv fx 14.30, 14:30, 1430 eller 9."


class DateError(MeetingToolError):
    """A date or time the user typed could not be read, or does not exist (31/2)."""


# --- Showing ----------------------------------------------------------------------------


def format_date(day: date) -> str:
    """``22. november 2026``."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def format_date_short(day: date) -> str:
    """``22.11.2026`` — for tables and narrow columns."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def format_weekday_date(day: date) -> str:
    """``søndag den 22. november 2026``."""
    return f"{WEEKDAYS[day.weekday()]} den {format_date(day)}"


def format_time(moment: time | datetime) -> str:
    """``14.30``; the hour without a leading zero, as Danish is written (``9.05``)."""
    return f"{moment.hour}.{moment.minute:02d}"


def format_duration(seconds: float) -> str:
    """Minutes and seconds, ``12:05``; negative (overtime) as ``-3:10``.

    Whole seconds are cut towards zero, so a countdown shows ``0:00`` for the last fraction
    of a second and overtime starts at ``-0:01``; there is never a ``-0:00``. Durations of
    an hour or more stay in minutes (``75:00``), which is how a meeting clock reads.
    """
    whole = int(abs(seconds))
    sign = "-" if seconds < 0 and whole > 0 else ""
    minutes, rest = divmod(whole, 60)
    return f"{sign}{minutes}:{rest:02d}"


# --- Reading ----------------------------------------------------------------------------

_RELATIVE_WORDS: dict[str, int] = {
    "i dag": 0,
    "idag": 0,
    "i morgen": 1,
    "imorgen": 1,
    "i overmorgen": 2,
    "iovermorgen": 2,
}

_PLUS_DAYS = re.compile(r"\+\s*(\d{1,4})(?:\s*(?:d|dag|dage))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# 1/12, 1.12, 1-12, 1.12.2026, 1/12-26, 01.12.26, 1/12 2026 (a trailing dot is allowed).
_NUMERIC = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{1,2})(?:(?:\s*[./-]\s*|\s+)(\d{4}|\d{2}))?\.?")
# 1. december 2026, 1. dec, 1 dec. 26
_WORDED = re.compile(r"(\d{1,2})\.?\s*([a-zæøå]+)\.?(?:\s+(\d{4}|\d{2}))?")
# An optional leading weekday, so format_weekday_date's output reads back: "søndag den 22. ..."
_WEEKDAY_PREFIX = re.compile(
    r"(?:" + "|".join(WEEKDAYS) + r"|man|tirs|ons|tors|fre|lør|søn)\.?,?\s+(?:d\.|den)?\s*"
)


def _date_error(text: str) -> DateError:
    return DateError(f'Kunne ikke læse datoen "{text}". {DATE_EXAMPLES}')


def _month_from_word(word: str) -> int | None:
    """``december``/``dec``/``sept`` -> 12/12/9; a prefix must have at least three letters."""
    if len(word) < 3:
        return None
    found = [number for number, name in enumerate(MONTHS, start=1) if name.startswith(word)]
    return found[0] if len(found) == 1 else None


def _full_year(digits: str | None, today: date) -> int:
    if digits is None:
        return today.year
    year = int(digits)
    return 2000 + year if len(digits) == 2 else year


def _without_year(month: int, day: int, today: date, text: str) -> date:
    """The date nearest ``today`` with this day and month (a future one on a tie).

    On 1 December "15/1" is next January and "25/11" last week: a due date typed in
    December for January must not land in the January that has passed.
    """
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # 29/2 outside a leap year
    if not candidates:
        return _build(today.year, month, day, text)  # says what is wrong
    return min(candidates, key=lambda day_: (abs((day_ - today).days), day_ < today))


def _build(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        if 1 <= month <= 12 and 1 <= day <= 31:
            # Looks like a date but is not one, e.g. 31/2 or 29/2 in a common year.
            raise DateError(
                f'Kunne ikke læse datoen "{text}": den dato findes ikke. {DATE_EXAMPLES}'
            ) from None
        raise _date_error(text) from None


def parse_date(text: str, today: date) -> date:
    """Read a date as a Danish user types it; ``today`` anchors "+14", "i dag" and no year.

    Accepted: ``2026-12-01``; ``1/12``, ``1.12``, ``1-12`` (the nearest such date, so
    "15/1" typed in December is next January); ``1.12.2026``,
    ``1-12-2026``, ``1/12/2026``, ``1/12-26``, ``01.12.26``; ``1. december 2026``, ``1. dec``;
    an optional weekday in front (``søndag den 22. november 2026``); ``+14`` (days from
    today); ``i dag``, ``i morgen``, ``i overmorgen``. Two-digit years are 20xx.

    Raises ``DateError`` with a Danish message quoting the text when it cannot be read or
    the date does not exist (``31/2``).
    """
    original = text.strip()
    if not original:
        raise DateError(f"Der mangler en dato. {DATE_EXAMPLES}")
    folded = " ".join(original.casefold().split())

    if folded in _RELATIVE_WORDS:
        return today + timedelta(days=_RELATIVE_WORDS[folded])

    match = _PLUS_DAYS.fullmatch(folded)
    if match:
        try:
            return today + timedelta(days=int(match.group(1)))
        except OverflowError:
            raise _date_error(original) from None

    match = _ISO.fullmatch(folded)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return _build(year, month, day, original)

    weekday = _WEEKDAY_PREFIX.match(folded)
    if weekday:
        folded = folded[weekday.end() :]

    match = _NUMERIC.fullmatch(folded)
    if match:
        day_text, month_text, year_text = match.groups()
        if year_text is None:
            return _without_year(int(month_text), int(day_text), today, original)
        return _build(_full_year(year_text, today), int(month_text), int(day_text), original)

    match = _WORDED.fullmatch(folded)
    if match:
        day_text, word, year_text = match.groups()
        month_number = _month_from_word(word)
        if month_number is not None and year_text is None:
            return _without_year(month_number, int(day_text), today, original)
        if month_number is not None:
            return _build(_full_year(year_text, today), month_number, int(day_text), original)

    raise _date_error(original)


_CLOCK = re.compile(r"(\d{1,2})(?:\s*[.:]\s*(\d{2}))?")
_COMPACT_CLOCK = re.compile(r"(\d{1,2})(\d{2})")


def parse_time(text: str) -> time:
    """Read a time of day: ``14.30``, ``14:30``, ``1430``, ``930``, ``9``, ``9.05``, ``kl. 9``.

    Raises ``DateError`` with a Danish message quoting the text when it cannot be read or
    is not a time of day (``25.00``, ``9.75``).
    """
    original = text.strip()
    if not original:
        raise DateError(f"Der mangler et klokkeslæt. {TIME_EXAMPLES}")
    folded = " ".join(original.casefold().split())
    folded = re.sub(r"^(?:kl\.?|klokken)\s*", "", folded)

    match = _CLOCK.fullmatch(folded) or _COMPACT_CLOCK.fullmatch(folded)
    if match:
        hour = int(match.group(1))
        minute = int(match.group(2) or 0)
        if hour <= 23 and minute <= 59:
            return time(hour, minute)
        raise DateError(f'Klokkeslættet "{original}" findes ikke. {TIME_EXAMPLES}')
    raise DateError(f'Kunne ikke læse klokkeslættet "{original}". {TIME_EXAMPLES}')
