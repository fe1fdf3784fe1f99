"""Quality indicators (kvalitetsindikatorer): what a council counts, and the values.

A definition says what is counted, in which unit, which way is good, how often it is
measured and per what (an optional denominator such as "pr. 1.000 plejedøgn"); it belongs to
one council or is shared (``council_id == ""``). Values are dated; the denominator is stored
with each value (a definition may change its denominator later, old values keep theirs). A
value entered wrongly is corrected or removed, never lost: each change is kept in the
value's history, and a removed value stays, marked removed.

Pure rules: no store, no I/O (``actions.indicators`` stores what these decide).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime

from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.records import prefixed_number

INDICATOR_PREFIX = "I"
DIRECTIONS = {"ned": "lavere er bedre", "op": "højere er bedre"}
FREQUENCIES = ("uge", "måned", "kvartal", "år")
RECEIVES_INDICATORS = "indikatorer"


def indicator_number(indicator_id: str) -> int:
    return prefixed_number(indicator_id, INDICATOR_PREFIX, "Indikatoren")


@dataclass
class ValueChange:
    """One entry of a value's history: what it was before a correction or removal."""

    at: datetime
    action: str  # "rettet" or "fjernet"
    old_value: float
    old_day: date
    comment: str = ""


@dataclass
class IndicatorValue:
    """One measurement: the period's date, the value, and its denominator."""

    seq: int
    day: date
    value: float
    denominator: str = ""
    entered: datetime | None = None
    meeting_id: int | None = None
    removed: bool = False
    history: list[ValueChange] = field(default_factory=list)


@dataclass
class Indicator:
    """An indicator's definition with every value entered for it."""

    id: str
    council_id: str
    name: str
    unit: str = ""
    counts: str = ""
    direction: str = "ned"
    frequency: str = "måned"
    denominator: str = ""
    owner: str = ""
    values: list[IndicatorValue] = field(default_factory=list)

    @property
    def shared(self) -> bool:
        return not self.council_id

    def current(self) -> list[IndicatorValue]:
        """The values not removed, by date (then the order entered)."""
        return sorted((v for v in self.values if not v.removed), key=lambda v: (v.day, v.seq))

    def latest(self, count: int = 1) -> list[IndicatorValue]:
        return self.current()[-count:]


def new_indicator(council_id: str, name: str, *, unit: str = "", counts: str = "",
                  direction: str = "ned", frequency: str = "måned", denominator: str = "",
                  owner: str = "") -> Indicator:
    if not name.strip():
        raise MeetingToolError("Indikatoren skal have et navn.")
    if direction not in DIRECTIONS:
        raise MeetingToolError(
            f"Retningen '{direction}' kendes ikke: brug 'op' (højere er bedre) eller 'ned'.")
    if frequency not in FREQUENCIES:
        raise MeetingToolError(
            f"Hyppigheden '{frequency}' kendes ikke: brug {', '.join(FREQUENCIES)}.")
    return Indicator(id="", council_id=council_id, name=name.strip(), unit=unit.strip(),
                     counts=counts.strip(), direction=direction, frequency=frequency,
                     denominator=denominator.strip(), owner=owner.strip())


def add_value(indicator: Indicator, day: date, value: float, at: datetime, *,
              denominator: str | None = None, meeting_id: int | None = None) -> IndicatorValue:
    """Enter a value; the indicator's denominator is stored with it unless one is given."""
    seq = max((v.seq for v in indicator.values), default=0) + 1
    entry = IndicatorValue(seq=seq, day=day, value=float(value),
                           denominator=indicator.denominator if denominator is None
                           else denominator, entered=at, meeting_id=meeting_id)
    indicator.values.append(entry)
    return entry


def _value(indicator: Indicator, seq: int) -> IndicatorValue:
    for entry in indicator.values:
        if entry.seq == seq and not entry.removed:
            return entry
    raise NotFoundError(f"Indikatoren '{indicator.name}' har ingen måling nr. {seq}.")


def correct_value(indicator: Indicator, seq: int, at: datetime, *, value: float | None = None,
                  day: date | None = None, comment: str = "") -> IndicatorValue:
    """Correct a value (or its date); what it was is kept in its history."""
    entry = _value(indicator, seq)
    entry.history.append(ValueChange(at=at, action="rettet", old_value=entry.value,
                                     old_day=entry.day, comment=comment))
    if value is not None:
        entry.value = float(value)
    if day is not None:
        entry.day = day
    return entry


def remove_value(indicator: Indicator, seq: int, at: datetime, comment: str = "") -> None:
    """Remove a value entered by mistake: it stays in the record, marked removed."""
    entry = _value(indicator, seq)
    entry.history.append(ValueChange(at=at, action="fjernet", old_value=entry.value,
                                     old_day=entry.day, comment=comment))
    entry.removed = True


def format_number(value: float) -> str:
    """A value the Danish way: decimal comma, no needless ",0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def parse_number(text: str) -> float:
    """A Danish number ("3,5", "1.234,5", "-2"); ``ValueError`` if it is none."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        raise ValueError("tom")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    result = float(cleaned)
    if math.isnan(result) or math.isinf(result):
        raise ValueError("ikke et tal")
    return result


PROPOSALS: tuple[dict[str, str], ...] = (
    {"name": "Faldhændelser", "unit": "fald", "counts": "Registrerede fald blandt beboerne",
     "direction": "ned", "frequency": "måned", "denominator": "pr. 1.000 plejedøgn"},
    {"name": "Tryksår", "unit": "beboere", "counts":
     "Beboere med tryksår (kategori 2-4) ved månedens optælling",
     "direction": "ned", "frequency": "måned", "denominator": "pr. 100 beboere"},
    {"name": "Uplanlagt vægttab", "unit": "beboere", "counts":
     "Beboere med uplanlagt vægttab over 5 % på 3 måneder",
     "direction": "ned", "frequency": "måned", "denominator": "pr. 100 beboere"},
    {"name": "Borgeroplevet kvalitet", "unit": "point (1-5)", "counts":
     "Beboernes svar på 'Oplever du, at du selv bestemmer i din hverdag?'",
     "direction": "op", "frequency": "kvartal", "denominator": ""},
)
"""Shipped proposals from the Slagelse case (falls, pressure ulcers, unplanned weight loss,
residents' own experience of self-determination): a council takes them or leaves them."""


def proposal(name: str) -> dict[str, str]:
    for entry in PROPOSALS:
        if entry["name"].casefold() == name.strip().casefold():
            return dict(entry)
    raise NotFoundError(
        f"Der er intet forslag ved navn '{name}'. Forslag: "
        + ", ".join(p["name"] for p in PROPOSALS) + ".")


def discussed(meeting, indicators: list[Indicator]) -> list[Indicator]:  # type: ignore[no-untyped-def]
    """The indicators a meeting discussed (its minutes show them): all of the council's
    with a value by the meeting's day when an item ``receives = ["indikatorer"]``, and any
    with a value entered in this meeting."""
    takes_all = any(RECEIVES_INDICATORS in item.receives for item in meeting.items)
    found = []
    for indicator in indicators:
        values = [v for v in indicator.current() if v.day <= meeting.date]
        here = any(v.meeting_id == meeting.id for v in indicator.current())
        if (takes_all and values) or here:
            found.append(indicator)
    return found
