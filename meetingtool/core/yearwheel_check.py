"""Checking a year wheel's TOML tables field by field (``core.yearwheel.parse_wheel``).

Built on the agenda templates' validator, so a wheel's problems read like a template's:
file, line, the table or activity, the field, and what is expected, in Danish.
"""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from meetingtool.core.dates import MONTHS, WEEKDAYS
from meetingtool.core.toml_check import FieldChecker, show_value, type_name
from meetingtool.core.vocab import ACTIVITY_KINDS, MEETING_KINDS
from meetingtool.core.yearwheel_model import (
    FREQUENCIES,
    Activity,
    Break,
    DayOfYear,
    PlannedTheme,
    Rhythm,
    YearWheel,
)

TOP_KEYS = ("title", "council", "kind", "template", "keeper", "review_months", "rhythm",
            "breaks", "meetings", "activities", "description")
RHYTHM_KEYS = ("frequency", "weekday", "weekdays", "week", "months", "start_time")
BREAK_KEYS = ("name", "from", "to")
MEETING_KEYS = ("month", "theme", "date")
ACTIVITY_KEYS = ("title", "month", "date", "kind", "responsible", "description")
WEEKDAY_KEYS = {name: index for index, name in enumerate(WEEKDAYS)}
WEEKDAY_KEYS.update({"loerdag": 5, "soendag": 6})
_DAY = re.compile(r"\s*(\d{1,2})\s*[/.]\s*(\d{1,2})\s*\.?\s*")
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class WheelValidator(FieldChecker):
    """The agenda validator's field checks, applied to a wheel's tables."""

    def where(self, table: str, index: int, key: str, label: str) -> tuple[int | None, str]:
        return self.lines.line(table, index, key), label

    def month(self, data: dict[str, Any], key: str, table: str, index: int,
              label: str) -> int | None:
        line = self.lines.line(table, index, key)
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
            return value
        self.add(line, f'{label}, felt "{key}"' if label else f'felt "{key}"',
                 f"skal være et månedstal fra 1 (januar) til 12 (december), men er "
                 f"{type_name(value)} ({show_value(value)})")
        return None

    def day(self, data: dict[str, Any], key: str, table: str, index: int,
            label: str) -> DayOfYear | None:
        value = data.get(key)
        found = _DAY.fullmatch(value) if isinstance(value, str) else None
        if found:
            day, month = int(found.group(1)), int(found.group(2))
            if 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]:
                return DayOfYear(month, day)
        self.add(self.lines.line(table, index, key),
                 f'{label}, felt "{key}"' if label else f'felt "{key}"',
                 'skal være dag/måned uden år i anførselstegn, fx "16/3", '
                 f"men er {show_value(value)}")
        return None

    def tables(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if isinstance(value, list) and all(isinstance(entry, dict) for entry in value):
            return value
        self.add(self.lines.line("", 0, key), f'felt "{key}"',
                 f"skal være en række [[{key}]]-tabeller, men er {type_name(value)}")
        return []

    def wheel(self, data: dict[str, Any]) -> YearWheel | None:
        top = self.lines.line
        self.unknown_keys(data, TOP_KEYS, "", "", 0)
        title = self.text(data, "title", "", top("", 0, "title"), required=True,
                          example='"Årshjul for kvalitetsrådet"')
        council = self.text(data, "council", "", top("", 0, "council"), required=False,
                            example='"Lokalt kvalitetsråd"')
        kind = self.choice(data, "kind", "", top("", 0, "kind"), table=MEETING_KINDS,
                           what="mødetype", default=None)
        template = self.text(data, "template", "", top("", 0, "template"), required=True,
                             example='"kvalitetsraad"')
        keeper = self.text(data, "keeper", "", top("", 0, "keeper"), required=False,
                           example='"Kvalitetssygeplejersken"')
        description = self.text(data, "description", "", top("", 0, "description"),
                                required=False, example='"..."')
        review = self.months(data, "review_months", "", 0, "") if "review_months" in data \
            else [3, 6, 9, 12]
        rhythm = self.rhythm(data)
        breaks = self.breaks(data)
        themes = self.themes(data)
        activities = self.activities(data)
        if rhythm is not None and rhythm.frequency == "maanedlig":
            wanted = set(rhythm.months)
            for month in review or []:
                if month not in wanted:
                    self.add(self.lines.line("", 0, "review_months"), 'felt "review_months"',
                             f"rådet holder intet møde i {MONTHS[month - 1]} ([rhythm] months),"
                             " så årshjulet kan ikke gennemgås der; skriv fx "
                             f"review_months = {[m for m in rhythm.months][:4]}")
                    break
            for index, theme in enumerate(themes):
                if theme.month not in wanted:
                    self.add(self.lines.line("meetings", index, "month"),
                             f"møde {index + 1}, felt \"month\"",
                             f"{MONTHS[theme.month - 1]} er ikke blandt rytmens måneder "
                             "([rhythm] months)")
        if self.problems or None in (title, kind, template, rhythm):
            return None
        return YearWheel(
            title=str(title).strip(), council=(council or "").strip(), kind=str(kind),
            template=str(template).strip(), rhythm=rhythm,  # type: ignore[arg-type]
            keeper=(keeper or "").strip(), description=(description or "").strip(),
            review_months=review or [], breaks=breaks, themes=themes, activities=activities,
        )

    def months(self, data: dict[str, Any], key: str, table: str, index: int,
               label: str) -> list[int] | None:
        value = data[key]
        if (isinstance(value, list) and value
                and all(isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12
                        for m in value)):
            return sorted(set(value))
        self.add(self.lines.line(table, index, key),
                 f'{label}, felt "{key}"' if label else f'felt "{key}"',
                 f"skal være en liste af månedstal 1-12, fx {key} = [3, 6, 9, 12], men er "
                 f"{show_value(value)}")
        return None

    def rhythm(self, data: dict[str, Any]) -> Rhythm | None:
        if not isinstance(data.get("rhythm"), dict):
            self.add(self.lines.line("", 0, "rhythm"), "",
                     'mangler tabellen [rhythm] (fx frequency = "maanedlig")')
            return None
        table = data["rhythm"]
        line = self.lines.line("rhythm", 0)
        self.unknown_keys(table, RHYTHM_KEYS, "[rhythm]", "rhythm", 0)
        frequency = self.choice(table, "frequency", "[rhythm]", self.lines.line(
            "rhythm", 0, "frequency") or line, table=FREQUENCIES, what="hyppighed", default=None)
        rhythm = Rhythm(frequency or "maanedlig")
        names = table.get("weekdays", [table["weekday"]] if "weekday" in table else None)
        if names is not None:
            key = "weekdays" if "weekdays" in table else "weekday"
            days = [WEEKDAY_KEYS.get(str(n).strip().lower()) for n in
                    (names if isinstance(names, list) else [names])]
            if not days or None in days:
                self.add(self.lines.line("rhythm", 0, key), f'[rhythm], felt "{key}"',
                         f"ukendt ugedag {show_value(names)}; skriv fx \"tirsdag\"")
            else:
                rhythm.weekdays = sorted({d for d in days if d is not None})
        elif frequency != "daglig":
            self.add(line, "[rhythm]", 'mangler feltet "weekday" (fx weekday = "tirsdag")')
        if "week" in table:
            week = table["week"]
            if week in (1, 2, 3, 4, -1) and not isinstance(week, bool):
                rhythm.week = week
            else:
                self.add(self.lines.line("rhythm", 0, "week"), '[rhythm], felt "week"',
                         f"skal være 1, 2, 3, 4 eller -1 (den sidste), men er {show_value(week)}")
        if "months" in table:
            rhythm.months = self.months(table, "months", "rhythm", 0, "[rhythm]") or []
        elif isinstance(data.get("meetings"), list) and data["meetings"]:
            rhythm.months = sorted({m["month"] for m in data["meetings"]
                                    if isinstance(m, dict) and isinstance(m.get("month"), int)
                                    and 1 <= m["month"] <= 12}) or rhythm.months
        if "start_time" in table:
            value = table["start_time"]
            found = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", value) if isinstance(
                value, str) else None
            if found and int(found.group(1)) < 24 and int(found.group(2)) < 60:
                rhythm.start_time = time(int(found.group(1)), int(found.group(2)))
            else:
                self.add(self.lines.line("rhythm", 0, "start_time"),
                         '[rhythm], felt "start_time"',
                         f'skal være et klokkeslæt som "14:00", men er {show_value(value)}')
        return rhythm if frequency else None

    def breaks(self, data: dict[str, Any]) -> list[Break]:
        found: list[Break] = []
        for index, entry in enumerate(self.tables(data, "breaks")):
            label = f"pause {index + 1}"
            self.unknown_keys(entry, BREAK_KEYS, label, "breaks", index)
            name = self.text(entry, "name", label, self.lines.line("breaks", index), required=True,
                             example='"Sommerferie"')
            start = self.day(entry, "from", "breaks", index, label)
            end = self.day(entry, "to", "breaks", index, label)
            if name and start and end:
                found.append(Break(name.strip(), start, end))
        return found

    def themes(self, data: dict[str, Any]) -> list[PlannedTheme]:
        found: list[PlannedTheme] = []
        seen: set[int] = set()
        for index, entry in enumerate(self.tables(data, "meetings")):
            label = f"møde {index + 1}"
            self.unknown_keys(entry, MEETING_KEYS, label, "meetings", index)
            month = self.month(entry, "month", "meetings", index, label)
            theme = self.text(entry, "theme", label, self.lines.line("meetings", index),
                              required=False, example='"Aktiviteter"')
            day = self.day(entry, "date", "meetings", index, label) if "date" in entry else None
            if month is None:
                continue
            if day is not None and day.month != month:
                self.add(self.lines.line("meetings", index, "date"), f'{label}, felt "date"',
                         f"{day.label()} ligger ikke i {MONTHS[month - 1]} (month = {month})")
            if month in seen:
                self.add(self.lines.line("meetings", index, "month"), f'{label}, felt "month"',
                         f"{MONTHS[month - 1]} har allerede et møde; ét møde pr. måned")
            seen.add(month)
            found.append(PlannedTheme(month, (theme or "").strip(), day))
        return found

    def activities(self, data: dict[str, Any]) -> list[Activity]:
        found: list[Activity] = []
        keys: set[str] = set()
        for index, entry in enumerate(self.tables(data, "activities")):
            label = f"aktivitet {index + 1}"
            line = self.lines.line("activities", index)
            self.unknown_keys(entry, ACTIVITY_KEYS, label, "activities", index)
            title = self.text(entry, "title", label, line, required=True,
                              example='"Forberedelse af tilsyn"')
            if title:
                label = f'aktivitet {index + 1} "{title.strip()}"'
            day = self.day(entry, "date", "activities", index, label) if "date" in entry \
                else None
            month = day.month if day else (
                self.month(entry, "month", "activities", index, label) if "month" in entry
                else None)
            if "month" not in entry and "date" not in entry:
                self.add(line, label, 'mangler "month" (fx month = 3) eller "date" (fx "16/3")')
            kind = self.choice(entry, "kind", label, self.lines.line("activities", index, "kind")
                               or line, table=ACTIVITY_KINDS, what="aktivitetstype",
                               default="andet")
            responsible = self.text(entry, "responsible", label, line, required=False,
                                    example='"Kvalitetssygeplejersken"')
            description = self.text(entry, "description", label, line, required=False,
                                    example='"..."')
            if title and month and kind:
                activity = Activity(title.strip(), month, kind, (responsible or "").strip(),
                                    (description or "").strip(), day)
                if activity.key in keys:
                    self.add(line, label, f"står allerede i {MONTHS[month - 1]}")
                keys.add(activity.key)
                found.append(activity)
        return found
