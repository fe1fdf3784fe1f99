"""Quality indicators: defined (or taken from the shipped proposals), values entered one at a
time or imported from another system's CSV file, read as run charts.

The rules are ``core.indicators`` and ``core.runchart``; this module stores what they decide.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from meetingtool.core.dates import parse_date
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.indicators import (
    Indicator,
    IndicatorValue,
    add_value,
    correct_value,
    new_indicator,
    parse_number,
    proposal,
    remove_value,
)
from meetingtool.store.api import Store


def define(store: Store, council_id: str, name: str, **fields: str) -> Indicator:
    """A new indicator of a council ("" for shared); a name already used there is refused."""
    for existing in store.indicators(council_id or None):
        if existing.name.casefold() == name.strip().casefold() and (
                existing.council_id == council_id):
            raise MeetingToolError(f"Indikatoren '{existing.name}' findes allerede.")
    return store.add_indicator(new_indicator(council_id, name, **fields))


def take_proposal(store: Store, council_id: str, name: str) -> Indicator:
    """Take one of the shipped proposals (``core.indicators.PROPOSALS``) for a council."""
    fields = proposal(name)
    return define(store, council_id, fields.pop("name"), **fields)


def find_indicator(store: Store, name: str, council_id: str | None = None) -> Indicator:
    """An indicator by id ("I3") or name (ignoring case), among a council's own and the
    shared ones (a council's own wins over a shared one of the same name)."""
    wanted = name.strip()
    if wanted[:1].upper() == "I" and wanted[1:].isdigit():
        return store.indicator(wanted)
    found = [i for i in store.indicators(council_id)
             if i.name.casefold() == wanted.casefold()]
    found.sort(key=lambda i: i.shared)
    if len(found) > 1 and not found[0].shared and not found[1].shared:
        raise MeetingToolError(
            f"Flere råd har en indikator ved navn '{wanted}': vælg rådet med --council.")
    if not found:
        names = sorted({i.name for i in store.indicators(council_id)})
        listed = ", ".join(names) if names else "der er ingen indikatorer endnu"
        raise NotFoundError(f"Indikatoren '{wanted}' findes ikke. Indikatorer: {listed}.")
    return found[0]


def record_value(store: Store, indicator: Indicator, day: date, value: float, *,
                 denominator: str | None = None,
                 meeting_id: int | None = None) -> IndicatorValue:
    entry = add_value(indicator, day, value, store.now().replace(microsecond=0),
                      denominator=denominator, meeting_id=meeting_id)
    store.save_indicator(indicator)
    return entry


@dataclass
class MeetingValue:
    """This period's value of one indicator as typed at a meeting (None: cleared)."""

    indicator_id: str
    value: float | None


def entered_at(indicator: Indicator, meeting_id: int) -> IndicatorValue | None:
    """The value entered at this meeting (the newest, if more were), or None."""
    here = [v for v in indicator.current() if v.meeting_id == meeting_id]
    return max(here, key=lambda v: v.seq) if here else None


def record_meeting_values(store: Store, meeting_id: int, day: date,
                          entries: list[MeetingValue]) -> int:
    """Store the values typed at a meeting, dated the meeting's day: a new value is added,
    one entered at this meeting before is corrected (or removed when cleared), each change
    kept in the value's history. How many values changed."""
    changed = 0
    at = store.now().replace(microsecond=0)
    for entry in entries:
        indicator = store.indicator(entry.indicator_id)
        before = entered_at(indicator, meeting_id)
        if before is None and entry.value is not None:
            add_value(indicator, day, entry.value, at, meeting_id=meeting_id)
        elif before is not None and entry.value is None:
            remove_value(indicator, before.seq, at, "fjernet på mødet")
        elif before is not None and entry.value is not None and before.value != entry.value:
            correct_value(indicator, before.seq, at, value=entry.value,
                          comment="rettet på mødet")
        else:
            continue
        store.save_indicator(indicator)
        changed += 1
    return changed


@dataclass
class CsvRow:
    line: int
    name: str
    day: date
    value: float
    denominator: str | None


_COLUMNS = {"indikator": "name", "navn": "name", "dato": "day", "værdi": "value",
            "vaerdi": "value", "nævner": "denominator", "naevner": "denominator"}


def parse_csv(text: str, today: date) -> list[CsvRow]:
    """Rows of a CSV file with the columns indikator;dato;værdi (and optionally nævner),
    Danish decimal commas. Every bad row is named with its line number in one error."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    rows = list(reader)
    if not rows:
        raise MeetingToolError("CSV-filen er tom.")
    header = [cell.strip().casefold() for cell in rows[0]]
    columns = {_COLUMNS[h]: n for n, h in enumerate(header) if h in _COLUMNS}
    missing = [w for w, key in (("indikator", "name"), ("dato", "day"), ("værdi", "value"))
               if key not in columns]
    if missing:
        raise MeetingToolError(
            f"Linje 1: overskriften mangler kolonnen {', '.join(missing)} "
            "(ventet: indikator;dato;værdi, evt. ;nævner, adskilt med semikolon).")
    found, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(key: str, row: list[str] = row) -> str:
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        name, day_text, value_text = cell("name"), cell("day"), cell("value")
        problems = []
        if not name:
            problems.append("indikatorens navn mangler")
        day = None
        try:
            day = parse_date(day_text, today)
        except MeetingToolError:
            problems.append(f"datoen '{day_text}' kan ikke læses (skriv fx 2026-11-01)")
        value = None
        try:
            value = parse_number(value_text)
        except ValueError:
            problems.append(f"værdien '{value_text}' er ikke et tal (skriv fx 3,5)")
        if problems:
            errors.append(f"Linje {number}: " + "; ".join(problems) + ".")
            continue
        assert day is not None and value is not None
        found.append(CsvRow(number, name, day, value,
                            cell("denominator") if "denominator" in columns else None))
    if errors:
        raise MeetingToolError("Intet er gemt, fordi filen har fejl:\n" + "\n".join(errors))
    return found


def import_csv(store: Store, path: Path, council_id: str | None, today: date) -> int:
    """Import a CSV file's values: all of them, or (any row bad) none. How many."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MeetingToolError(f"Filen {path} findes ikke.") from None
    except UnicodeDecodeError:
        text = Path(path).read_text(encoding="cp1252")
    rows = parse_csv(text, today)
    indicators: dict[str, Indicator] = {}
    errors = []
    for row in rows:
        key = row.name.casefold()
        if key not in indicators:
            try:
                indicators[key] = find_indicator(store, row.name, council_id)
            except MeetingToolError as error:
                errors.append(f"Linje {row.line}: {error.message}")
    if errors:
        raise MeetingToolError("Intet er gemt, fordi filen har fejl:\n" + "\n".join(errors))
    at = store.now().replace(microsecond=0)
    for row in rows:
        add_value(indicators[row.name.casefold()], row.day, row.value, at,
                  denominator=row.denominator)
    for indicator in indicators.values():
        store.save_indicator(indicator)
    return len(rows)
