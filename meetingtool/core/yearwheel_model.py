"""The year wheel's data: rhythm, breaks, planned themes and activities of one council's year
(loaded and checked by ``core.yearwheel``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from pathlib import Path

from meetingtool.core.dates import MONTHS, WEEKDAYS

FREQUENCIES: dict[str, str] = {
    "daglig": "hver hverdag",
    "ugentlig": "hver uge",
    "maanedlig": "en gang om måneden",
}
"""How often a council meets. Daily and weekly rhythms stay rules: each meeting is made on
its day. Monthly ones (and a few a year, with ``months``) are planned for the whole year."""


@dataclass(frozen=True)
class DayOfYear:
    """A day without a year (16/3): wheels are reused from year to year."""

    month: int
    day: int

    def label(self) -> str:
        return f"{self.day}. {MONTHS[self.month - 1]}"


@dataclass
class Rhythm:
    frequency: str
    weekdays: list[int] = field(default_factory=lambda: [0, 1, 2, 3, 4])
    week: int = 1
    months: list[int] = field(default_factory=lambda: list(range(1, 13)))
    start_time: time | None = None

    @property
    def is_rule(self) -> bool:
        """Daily and weekly meetings are made on their day, never planned ahead."""
        return self.frequency in ("daglig", "ugentlig")

    def describe(self) -> str:
        days = ", ".join(WEEKDAYS[day] for day in self.weekdays)
        if self.frequency == "daglig":
            return f"hver hverdag ({days}) – oprettes på dagen"
        if self.frequency == "ugentlig":
            return f"hver uge ({days}) – oprettes på dagen"
        nth = "sidste" if self.week == -1 else f"{self.week}."
        months = ", ".join(MONTHS[m - 1] for m in self.months)
        return f"{nth} {days} i {months}"


@dataclass
class Break:
    name: str
    start: DayOfYear
    end: DayOfYear


@dataclass
class PlannedTheme:
    month: int
    theme: str = ""
    day: DayOfYear | None = None


@dataclass
class Activity:
    title: str
    month: int
    kind: str = "andet"
    responsible: str = ""
    description: str = ""
    day: DayOfYear | None = None

    @property
    def key(self) -> str:
        """Stable within a plan: the month and the title (what a person would change)."""
        return f"{self.month:02d}:{self.title.strip().casefold()}"


@dataclass
class YearWheel:
    """A validated year wheel."""

    title: str
    council: str
    kind: str
    template: str
    rhythm: Rhythm
    keeper: str = ""
    description: str = ""
    review_months: list[int] = field(default_factory=lambda: [3, 6, 9, 12])
    breaks: list[Break] = field(default_factory=list)
    themes: list[PlannedTheme] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    source: Path | None = None

    def theme_for(self, month: int) -> PlannedTheme | None:
        return next((theme for theme in self.themes if theme.month == month), None)
