"""The rules of a triage round (tavlemøde), free of any screen or store.

A small team rates every resident red, yellow or green. This module decides:

- the **order** of the round: by each resident's latest colour before today (red, yellow,
  green, then residents never rated), fixed when the round opens so rows do not jump while
  the team rates;
- the **trend**: the colours at the last few meetings, oldest first, and how to draw it;
- which **follow-ups** a colour creates by itself, from the template's rules;
- the **time budget** per resident (seconds per colour), with a
  ``RoundTimer`` that measures time per resident from an injected monotonic clock;
- the five questions of the **borgergennemgang** (DOMAIN.md);
- **counts** per colour at a meeting, for the team's history.

What may identify a resident (initials or a room number only) is in ``core.identifiers``.
Colours are ``vocab.TriageColour`` members (stored as "roed", "gul", "groen").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

from meetingtool.core.dates import format_date, format_time
from meetingtool.core.model import Resident, TriageEntry, TriageSettings
from meetingtool.core.timesource import suspend_aware_monotonic
from meetingtool.core.vocab import TRIAGE_COLOURS, TriageColour

COLOURS: tuple[TriageColour, ...] = tuple(TriageColour)
"""Most urgent first; also the order of the round."""

NOT_RATED = "ikke vurderet"
"""Shown for a resident the team has not rated yet today."""

TREND_LENGTH = 5
"""How many earlier meetings the trend shows."""

DOT = "●"
NO_DOT = "·"
"""A meeting without a rating of the resident is a dot in the middle of the line, so the
trend keeps its width and position."""

SHAPES: dict[str, str] = {
    TriageColour.ROED: "●", TriageColour.GUL: "▲", TriageColour.GROEN: "■",
}
"""Each colour's shape: colour is never the only sign (greyscale print, colour blindness);
a letter would not do in Danish, where gul and grøn share a G."""

COLOUR_KEYS: dict[str, TriageColour] = {
    "1": TriageColour.ROED, "2": TriageColour.GUL, "3": TriageColour.GROEN,
}
"""The keys of the round: 1 red, 2 yellow, 3 green."""

DEFAULT_SECONDS = 30
"""Budget for a colour the template does not time (e.g. a resident never rated)."""

BORGERGENNEMGANG_QUESTIONS: dict[str, str] = {
    "hvordan_har_borgeren_det": "Hvordan har borgeren det?",
    "hvad_ved_vi": "Hvad ved vi om borgeren?",
    "hvordan_er_det_at_vaere_borgeren": "Hvordan er det at være borgeren?",
    "hvad_har_borgeren_brug_for": "Hvad har borgeren brug for?",
    "hvad_skal_vi_goere": "Hvad skal vi som personale gøre?",
}
"""The borgergennemgang's five questions (DOMAIN.md, seed 002), keyed as stored in
``Borgergennemgang.answers``."""


# --- Order and trend ----------------------------------------------------------------------


def colour_rank(colour: str | None) -> int:
    """0 red, 1 yellow, 2 green, 3 not rated (or an unknown word)."""
    return COLOURS.index(colour) if colour in COLOURS else len(COLOURS)


def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort "2" before "10" and "3.2" before "3.14": digits compare as numbers."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", text)
        if part
    )


def round_order(
    residents: Iterable[Resident], previous_colours: Mapping[str, str | None]
) -> list[Resident]:
    """The round's order: red, yellow, green at the previous rating, new residents last.

    ``previous_colours`` maps resident id to the latest colour *before* today. Within a
    colour the board's own order is used: room number, then initials. Computed once when the
    round opens; today's ratings never change it.
    """
    return sorted(
        residents,
        key=lambda r: (
            colour_rank(previous_colours.get(r.id)),
            natural_key(r.room) if r.room else ((2, 0, ""),),
            r.initials.casefold(),
            r.id,
        ),
    )


def trends(
    resident_ids: Iterable[str],
    earlier: Sequence[Iterable[TriageEntry]],
    length: int = TREND_LENGTH,
) -> dict[str, list[str | None]]:
    """Each resident's colours at the last ``length`` meetings, oldest first.

    ``earlier`` holds the entries of each earlier meeting, oldest meeting first; a meeting
    where the resident was not rated gives ``None``.
    """
    window = [
        {entry.resident_id: entry.colour for entry in entries if entry.colour}
        for entries in list(earlier)[-length:]
    ]
    return {rid: [meeting.get(rid) for meeting in window] for rid in resident_ids}


def latest_colour(trend: Sequence[str | None]) -> str | None:
    """The most recent colour in a trend (None when the resident was never rated in it)."""
    for colour in reversed(trend):
        if colour:
            return colour
    return None


def trend_segments(trend: Sequence[str | None]) -> list[tuple[str, str | None]]:
    """The trend as (shape, colour key) pairs, for a screen to colour each shape."""
    return [(SHAPES.get(colour, DOT), colour) if colour else (NO_DOT, None)
            for colour in trend]


def colour_mark(colour: str | None) -> str:
    """A colour as shape and Danish word ("● Rød", "▲ Gul", "■ Grøn"), or "ikke vurderet"."""
    if not colour or colour not in SHAPES:
        return NOT_RATED
    return f"{SHAPES[colour]} {colour_label(colour)}"


def trend_direction(trend: Sequence[str | None]) -> str:
    """The trend in one word, from the two latest ratings: "værre", "bedre", "uændret"
    (empty with fewer than two ratings)."""
    rated = [colour for colour in trend if colour in SHAPES]
    if len(rated) < 2:
        return ""
    before, latest = colour_rank(rated[-2]), colour_rank(rated[-1])
    return "værre" if latest < before else "bedre" if latest > before else "uændret"


def colour_label(colour: str | None) -> str:
    """"Rød", "Gul", "Grøn", or "ikke vurderet"."""
    return TRIAGE_COLOURS.get(colour or "", NOT_RATED)


def trend_words(trend: Sequence[str | None]) -> str:
    """The trend in words for plain text, e.g. "Gul, Gul, –, Rød (værre)"."""
    words = ", ".join(TRIAGE_COLOURS.get(c or "", "–") for c in trend)
    direction = trend_direction(trend)
    return f"{words} ({direction})" if direction else words


def weeks_running(trend: Sequence[str | None], colour: str) -> int:
    """How many of the latest meetings in a row the resident had ``colour``."""
    count = 0
    for earlier in reversed(trend):
        if earlier != colour:
            break
        count += 1
    return count


def what_changed(previous: str | None, today: str | None) -> str:
    """A short note of the colour's movement, e.g. "Gul → Rød" (empty when unchanged)."""
    if not today or previous == today:
        return ""
    if previous is None:
        return f"ny: {colour_label(today)}"
    return f"{colour_label(previous)} → {colour_label(today)}"


# --- Colour rules -------------------------------------------------------------------------


class RuleFollowUp(NamedTuple):
    """A follow-up a colour creates: the rule's text and when it is due."""

    text: str
    due: datetime


def rule_followups(
    settings: TriageSettings | None, colour: str, now: datetime
) -> list[RuleFollowUp]:
    """The follow-ups the template's rules create for ``colour`` rated at ``now``."""
    if settings is None:
        return []
    return [
        RuleFollowUp(rule.text, now + timedelta(hours=rule.due_hours))
        for rule in settings.rules
        if rule.colour == colour
    ]


def rule_followup_text(item: RuleFollowUp) -> str:
    """The follow-up's text with its deadline to the hour, which a due *date* cannot hold:
    "Sygeplejefaglig vurdering – senest 23. november 2026 kl. 8.30"."""
    return f"{item.text} – senest {format_date(item.due.date())} kl. {format_time(item.due)}"


def rule_texts(settings: TriageSettings | None) -> dict[str, str]:
    """Rule text -> colour, to recognise follow-ups the rules made."""
    if settings is None:
        return {}
    return {rule.text: rule.colour for rule in settings.rules}


# --- Time ---------------------------------------------------------------------------------


def budget_seconds(settings: TriageSettings | None, colour: str | None) -> int:
    """Seconds the round gives a resident of ``colour`` (today's, or the previous one)."""
    seconds = (settings or TriageSettings()).seconds_per_colour
    if colour in seconds:
        return int(seconds[colour])
    return DEFAULT_SECONDS


def phase(remaining: float, budget: float) -> str:
    """"normal", "snart" (the last fifth or 10 seconds) or "overtid", like agenda items."""
    if remaining < 0:
        return "overtid"
    if remaining <= max(10.0, budget * 0.2):
        return "snart"
    return "normal"


class RoundTimer:
    """Time spent on each resident of a round, from a monotonic clock (never tick counts).

    ``select`` moves the time to another resident; the time of the one left is kept, so
    going back continues its count. ``pause`` stops counting (the selection stays) until
    ``resume``. ``total`` is every resident's time together.
    """

    def __init__(self, monotonic: Callable[[], float] = suspend_aware_monotonic,
                 used: Mapping[str, float] | None = None) -> None:
        """``used``: each resident's seconds from before (a round opened again goes on)."""
        self._monotonic = monotonic
        self._used: dict[str, float] = dict(used or {})
        self._current: str | None = None
        self._since: float | None = None
        self.running = True

    @property
    def current(self) -> str | None:
        return self._current

    def _accrue(self) -> float:
        now = self._monotonic()
        if self._current is not None and self._since is not None:
            self._used[self._current] = self._used.get(self._current, 0.0) + now - self._since
        return now

    def select(self, resident_id: str | None) -> None:
        now = self._accrue()
        self._current = resident_id
        self._since = now if resident_id is not None and self.running else None

    def pause(self) -> None:
        self._accrue()
        self._since = None
        self.running = False

    def resume(self) -> None:
        self.running = True
        self._since = self._monotonic() if self._current is not None else None

    def stop(self) -> None:
        self.select(None)

    def _live(self) -> float:
        if self._current is not None and self._since is not None:
            return self._monotonic() - self._since
        return 0.0

    def used(self, resident_id: str) -> float:
        live = self._live() if resident_id == self._current else 0.0
        return self._used.get(resident_id, 0.0) + live

    def total(self) -> float:
        return sum(self._used.values()) + self._live()

    def spent(self) -> dict[str, float]:
        """Each resident's seconds so far (to keep when the round is left)."""
        spent = dict(self._used)
        if self._current is not None:
            spent[self._current] = self.used(self._current)
        return spent


# --- Counts -------------------------------------------------------------------------------


def colour_counts(
    entries: Iterable[TriageEntry], resident_ids: Iterable[str] | None = None
) -> dict[str, int]:
    """How many residents were red, yellow and green (and, given the board, not rated).

    The result has a key per colour and ``NOT_RATED`` (0 when ``resident_ids`` is None).
    """
    counts: dict[str, int] = {colour: 0 for colour in COLOURS}
    rated: set[str] = set()
    for entry in entries:
        if entry.colour in counts:
            counts[entry.colour] += 1
            rated.add(entry.resident_id)
    counts[NOT_RATED] = (
        len([rid for rid in resident_ids if rid not in rated]) if resident_ids is not None else 0
    )
    return counts


def format_counts(counts: Mapping[str, int]) -> str:
    """E.g. "2 røde, 1 gul, 12 grønne" (and "1 ikke vurderet" when there are any)."""
    words = {
        TriageColour.ROED: ("rød", "røde"),
        TriageColour.GUL: ("gul", "gule"),
        TriageColour.GROEN: ("grøn", "grønne"),
    }
    parts = [
        f"{counts.get(colour, 0)} {words[colour][counts.get(colour, 0) != 1]}"
        for colour in COLOURS
    ]
    if counts.get(NOT_RATED):
        parts.append(f"{counts[NOT_RATED]} ikke vurderet")
    return ", ".join(parts)
