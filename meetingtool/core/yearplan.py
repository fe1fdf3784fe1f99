"""Laying a year wheel out on a year's calendar, and what a new layout changes. Pure.

- ``meeting_slots``: the meetings a monthly rhythm holds in a year, each on its weekday,
  moved off Danish public holidays and the plan's breaks (a month with no free day left
  has no meeting, and says why).
- ``closed_reason``: why a day holds no meeting (a holiday's name, a break's name).
- ``reconcile``: given the slots and the meetings an earlier layout made, what to create,
  move, cancel and leave alone. Held meetings are never touched; nothing in the past is
  created, moved or cancelled; a planned meeting whose month left the plan is moved to a
  new month rather than cancelled and recreated.

Danish public holidays come from the ``holidays`` package (kept up to date by its
maintainers: Store bededag, for one, was abolished from 2024).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

from meetingtool.core.dates import MONTHS
from meetingtool.core.vocab import HELD_MEETING_STATUSES, MeetingStatus
from meetingtool.core.yearwheel import Break, DayOfYear, YearWheel


@lru_cache(maxsize=16)
def danish_holidays(year: int) -> dict[date, str]:
    """Denmark's public holidays in ``year``, by date, with their Danish names."""
    found = holidays.country_holidays("DK", years=year, language="da")
    return {day: str(name) for day, name in sorted(found.items())}


def in_break(day: date, pause: Break) -> bool:
    """Whether ``day`` lies in the break; a break may run over New Year (20/12 to 2/1)."""
    here = (day.month, day.day)
    start, end = (pause.start.month, pause.start.day), (pause.end.month, pause.end.day)
    if start <= end:
        return start <= here <= end
    return here >= start or here <= end


def closed_reason(day: date, wheel: YearWheel) -> str | None:
    """Why no meeting is held on ``day``: a weekend, a holiday or a break; else ``None``."""
    if day.weekday() >= 5 and not set(wheel.rhythm.weekdays) & {5, 6}:
        return "weekend"
    name = danish_holidays(day.year).get(day)
    if name:
        return name
    for pause in wheel.breaks:
        if in_break(day, pause):
            return pause.name
    return None


def is_meeting_day(day: date, wheel: YearWheel) -> bool:
    """Whether a daily or weekly rule holds a meeting on ``day``."""
    return day.weekday() in wheel.rhythm.weekdays and closed_reason(day, wheel) is None


@dataclass(frozen=True)
class Slot:
    """One meeting the plan holds: its key (the month, "2027-03"), day and theme."""

    key: str
    day: date
    theme: str = ""


@dataclass
class Layout:
    """The year laid out: the meetings, and the months left out and why."""

    slots: list[Slot] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    moved_off: list[str] = field(default_factory=list)


def _nth_weekday(year: int, month: int, weekday: int, week: int) -> date:
    days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, d).weekday() == weekday]
    return days[-1] if week == -1 else days[min(week, len(days)) - 1]


def _fixed(year: int, day: DayOfYear) -> date:
    last = calendar.monthrange(year, day.month)[1]
    return date(year, day.month, min(day.day, last))


def meeting_slots(wheel: YearWheel, year: int) -> Layout:
    """The meetings of a monthly rhythm in ``year`` (empty for daily and weekly rules).

    The meeting falls on the rhythm's weekday and week; on a holiday or in a break it goes
    to the same weekday a week later, or else earlier, within the month.
    """
    layout = Layout()
    if wheel.rhythm.is_rule:
        return layout
    weekday = wheel.rhythm.weekdays[0]
    for month in wheel.rhythm.months:
        theme = wheel.theme_for(month)
        wanted = (_fixed(year, theme.day) if theme and theme.day
                  else _nth_weekday(year, month, weekday, wheel.rhythm.week))
        reason = closed_reason(wanted, wheel)
        chosen = wanted if reason is None else _free_day_near(wanted, wheel)
        if chosen is None:
            layout.skipped.append(f"{MONTHS[month - 1]}: intet møde ({reason})")
            continue
        if chosen != wanted:
            layout.moved_off.append(
                f"{wanted.day}. {MONTHS[month - 1]} er {reason}: mødet holdes "
                f"{chosen.day}. {MONTHS[chosen.month - 1]}")
        layout.slots.append(Slot(f"{year}-{month:02d}", chosen, theme.theme if theme else ""))
    return layout


def _free_day_near(wanted: date, wheel: YearWheel) -> date | None:
    for step in (7, -7, 14, -14, 21, -21, 1, -1, 2, -2, 3, -3):
        day = wanted + timedelta(days=step)
        if day.month == wanted.month and closed_reason(day, wheel) is None:
            return day
    return None


def next_working_day(day: date, wheel: YearWheel | None = None) -> date:
    """``day``, or the first day after it that is no weekend, holiday (or break)."""
    while day.weekday() >= 5 or day in danish_holidays(day.year) or (
            wheel is not None and closed_reason(day, wheel) is not None):
        day += timedelta(days=1)
    return day


# --- What a new layout changes -----------------------------------------------------------


@dataclass(frozen=True)
class Existing:
    """A meeting an earlier layout made (kept in the plan's ledger under ``key``)."""

    key: str
    meeting_id: int
    day: date
    status: str
    theme: str = ""

    @property
    def held(self) -> bool:
        return self.status in HELD_MEETING_STATUSES


@dataclass(frozen=True)
class Change:
    """One step of a plan: ``action`` is create, move, cancel, revive, keep or held."""

    action: str
    key: str
    day: date
    theme: str = ""
    meeting_id: int | None = None
    old_day: date | None = None
    old_key: str | None = None


@dataclass
class Reconciled:
    changes: list[Change] = field(default_factory=list)

    def of(self, *actions: str) -> list[Change]:
        return [c for c in self.changes if c.action in actions]

    @property
    def has_work(self) -> bool:
        return bool(self.of("create", "move", "cancel", "revive"))


def reconcile(slots: list[Slot], existing: list[Existing], today: date) -> Reconciled:
    """What to do so the stored meetings match ``slots``, never touching a held meeting
    nor anything before ``today``."""
    result = Reconciled()
    by_key = {e.key: e for e in existing}
    wanted = {s.key: s for s in slots}
    new: list[Slot] = []
    for slot in slots:
        old = by_key.get(slot.key)
        if old is None or old.status == MeetingStatus.AFLYST and slot.day < today:
            if slot.day >= today:
                new.append(slot)
            continue
        if old.held or old.day < today or slot.day < today:
            result.changes.append(Change("held" if old.held else "keep", slot.key, old.day,
                                         old.theme, old.meeting_id))
        elif old.status == MeetingStatus.AFLYST:
            result.changes.append(Change("revive", slot.key, slot.day, slot.theme,
                                         old.meeting_id, old.day))
        elif (old.day, old.theme) != (slot.day, slot.theme):
            result.changes.append(Change("move", slot.key, slot.day, slot.theme,
                                         old.meeting_id, old.day))
        else:
            result.changes.append(Change("keep", slot.key, old.day, old.theme, old.meeting_id))
    gone = sorted((e for e in existing if e.key not in wanted), key=lambda e: e.day)
    movable = [e for e in gone if not e.held and e.status == "planlagt" and e.day >= today]
    for old in gone:
        if old.held:
            result.changes.append(Change("held", old.key, old.day, old.theme, old.meeting_id))
    # A planned meeting whose month left the plan moves to a month that came in.
    for old, slot in zip(movable, sorted(new, key=lambda s: s.day)):
        result.changes.append(Change("move", slot.key, slot.day, slot.theme, old.meeting_id,
                                     old.day, old_key=old.key))
    for old in movable[len(new):]:
        result.changes.append(Change("cancel", old.key, old.day, old.theme, old.meeting_id))
    for slot in sorted(new, key=lambda s: s.day)[len(movable):]:
        result.changes.append(Change("create", slot.key, slot.day, slot.theme))
    result.changes.sort(key=lambda c: (c.day, c.key))
    return result
