"""Year wheels (årshjul): a council's year as a TOML file, read into a ``YearWheel``.

The format is documented in Danish in ``aarshjul/README.md``. In short::

    title = "Årshjul for det lokale kvalitetsråd"
    council = "Lokalt kvalitetsråd"        # the council's name (``--council`` overrides)
    kind = "kvalitetsraad"                 # a key of vocab.MEETING_KINDS
    template = "kvalitetsraad"             # an agenda template's name or path
    keeper = "Kvalitetssygeplejersken"     # who keeps the wheel up to date (optional)
    review_months = [3, 6, 9, 12]          # the quarterly review (default these four)

    [rhythm]
    frequency = "maanedlig"                # daglig | ugentlig | maanedlig
    weekday = "tirsdag"                    # ugentlig/maanedlig (or weekdays = [...])
    week = 2                               # maanedlig: the 2nd tirsdag (1-4, -1 = last)
    months = [2, 4, 6, 9, 11]              # maanedlig: only these months (default all)
    start_time = "14:00"

    [[breaks]]                             # no meetings from ... to (day/month)
    name = "Sommerferie"
    from = "1/7"
    to = "8/8"

    [[meetings]]                           # a month's theme, or a fixed day
    month = 3
    theme = "Tryghed og nærvær"
    date = "16/3"                          # optional

    [[activities]]
    title = "Forberedelse af tilsyn"
    month = 2                              # or date = "15/2"
    kind = "tilsyn"                        # a key of vocab.ACTIVITY_KINDS
    responsible = "Kvalitetssygeplejersken"
    description = "Formål og ressourcer"

Days are written day/month without a year ("16/3" or "16.3"): a wheel is kept from year to
year, and the year is given when it is laid out. Validation (``core.yearwheel_check``)
collects every problem with file, line and field, as agenda templates do (``core.agenda``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from meetingtool.core.errors import MeetingToolError
from meetingtool.core.toml_check import Problem, syntax_problem
from meetingtool.core.yearwheel_check import WheelValidator
from meetingtool.core.yearwheel_model import (
    FREQUENCIES,
    Activity,
    Break,
    DayOfYear,
    PlannedTheme,
    Rhythm,
    YearWheel,
)

__all__ = [  # the wheel's data (core.yearwheel_model) is importable from here too
    "FREQUENCIES",
    "Activity",
    "Break",
    "DayOfYear",
    "PlannedTheme",
    "Rhythm",
    "WheelError",
    "YearWheel",
    "load_wheel",
    "parse_wheel",
]


class WheelError(MeetingToolError):
    """A year wheel that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, path: str | Path, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"Årshjulet {path} har {len(self.problems)} fejl:\n{lines}")


def parse_wheel(text: str, name: str = "årshjul") -> YearWheel:
    """The validated wheel from TOML text; ``WheelError`` lists every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise WheelError(name, [syntax_problem(name, text, error)]) from None
    if "dialogues" in data or "opening" in data:
        raise WheelError(name, [Problem(name, None, "", "er en forløbsplan, ikke et årshjul: "
                                        "læg den ud med 'meetingtool forloeb plan'")])

    checker = WheelValidator(name, text, Path(name))
    wheel = checker.wheel(data)
    if checker.problems or wheel is None:
        raise WheelError(name, sorted(checker.problems, key=lambda p: p.line or 0))
    return wheel


def load_wheel(path: str | Path) -> YearWheel:
    """Read and validate a wheel file (UTF-8); ``WheelError`` with file, line and field."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        why = "filen findes ikke" if isinstance(error, FileNotFoundError) else (
            f"filen kan ikke læses ({error.strerror})")
        raise WheelError(path, [Problem(str(path), None, "", why)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WheelError(path, [Problem(str(path), None, "", "filen er ikke gemt som UTF-8")]
                         ) from None
    wheel = parse_wheel(text, str(path))
    wheel.source = Path(path)
    return wheel
