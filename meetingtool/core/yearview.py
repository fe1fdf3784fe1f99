"""One description of a council's year, which every format of ``aarshjul show`` renders.

Built once (``actions.yearview.build``) from the kept wheel, the store's meetings and the
activities' follow-ups; the terminal table, the printed A4 overview and the calendar file
only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from meetingtool.core.vocab import ActivityStatus, MeetingStatus


@dataclass
class ViewMeeting:
    day: date
    start: time | None
    title: str
    theme: str = ""
    status: str = MeetingStatus.PLANLAGT
    meeting_id: int | None = None


@dataclass
class ViewActivity:
    title: str
    kind_label: str
    responsible: str = ""
    status: str = ActivityStatus.KOMMENDE
    day: date | None = None
    description: str = ""


@dataclass
class MonthView:
    month: int
    meetings: list[ViewMeeting] = field(default_factory=list)
    activities: list[ViewActivity] = field(default_factory=list)
    rule_days: int = 0
    """Daily or weekly rhythms: how many meeting days the rule gives this month."""


@dataclass
class YearView:
    council: str
    kind_label: str
    year: int
    title: str
    rhythm: str
    is_rule: bool
    keeper: str = ""
    breaks: list[str] = field(default_factory=list)
    review_months: list[int] = field(default_factory=list)
    months: list[MonthView] = field(default_factory=list)
    rule_weekdays: list[int] = field(default_factory=list)
    rule_start: time | None = None
    skipped_days: list[tuple[date, str]] = field(default_factory=list)
    """Days a daily or weekly rule holds no meeting: holidays and breaks (for calendars)."""


@dataclass(frozen=True)
class ComingEntry:
    """One line of the home screen's "de næste 30 dage": a planned meeting, or a year-wheel
    activity (``activity`` set) that falls due in the coming days."""

    day: date
    """The meeting's day; an activity's own day, or the first of its month still ahead."""
    council: str
    title: str
    start: time | None = None
    meeting_id: int | None = None
    theme: str = ""
    activity: str = ""
    """The activity's kind ("Forberedelse af tilsyn"), empty for a meeting."""
    whole_month: bool = False
    """An activity of a month with no day of its own: shown by its month, not a date."""
    responsible: str = ""
