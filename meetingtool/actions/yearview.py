"""Building a council's ``YearView`` from its kept wheel, its meetings and follow-ups."""

from __future__ import annotations

from datetime import date, time, timedelta

from meetingtool.actions import wheel_files as files
from meetingtool.actions.yearwheel import activity_due, kept_wheels, wheel_status
from meetingtool.core.dates import MONTHS
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Council
from meetingtool.core.vocab import ACTIVITY_KINDS, MEETING_KINDS, ActivityStatus, MeetingStatus
from meetingtool.core.yearplan import closed_reason, is_meeting_day
from meetingtool.core.yearview import (
    ComingEntry,
    MonthView,
    ViewActivity,
    ViewMeeting,
    YearView,
)
from meetingtool.core.yearwheel import YearWheel


def build(store, council: Council, wheel: YearWheel, year: int, today: date) -> YearView:
    ledger = files.read_ledger(files.ledger_path(store.data_dir, council.id, year))
    months = {m: MonthView(m) for m in range(1, 13)}
    for summary in sorted(store.meetings(council.id), key=lambda s: (s.date, s.id)):
        if summary.date.year != year or summary.status == MeetingStatus.AFLYST:
            continue
        if wheel.rhythm.is_rule:
            continue  # a rule's meetings are counted, not listed (250 lines would flood it)
        meeting = store.meeting(summary.id)
        months[summary.date.month].meetings.append(ViewMeeting(
            summary.date, meeting.start_time, meeting.title, meeting.theme, meeting.status,
            meeting.id))
    for activity, status, followup in wheel_status(store, wheel, ledger, year, today):
        months[activity.month].activities.append(ViewActivity(
            activity.title, ACTIVITY_KINDS[activity.kind], activity.responsible, status,
            activity_due(activity, year) if activity.day else None, activity.description))
    view = YearView(
        council=council.name, kind_label=MEETING_KINDS.get(council.kind, council.kind),
        year=year, title=wheel.title, rhythm=wheel.rhythm.describe(),
        is_rule=wheel.rhythm.is_rule, keeper=wheel.keeper,
        breaks=[f"{b.name}: {b.start.label()} – {b.end.label()}" for b in wheel.breaks],
        review_months=list(wheel.review_months), months=list(months.values()),
        rule_weekdays=list(wheel.rhythm.weekdays), rule_start=wheel.rhythm.start_time)
    if wheel.rhythm.is_rule:
        day = date(year, 1, 1)
        while day.year == year:
            if is_meeting_day(day, wheel):
                months[day.month].rule_days += 1
            elif day.weekday() in wheel.rhythm.weekdays:
                view.skipped_days.append((day, closed_reason(day, wheel) or ""))
            day += timedelta(days=1)
    return view


def views(store, year: int, today: date, council_name: str | None = None) -> list[YearView]:
    """The year of every council with a kept wheel (or of one)."""
    found = kept_wheels(store)
    if council_name:
        wanted = council_name.strip().casefold()
        found = [(c, w) for c, w in found if wanted in (c.name.casefold(), c.id.casefold())]
        if not found:
            raise MeetingToolError(
                f"Rådet '{council_name}' har intet årshjul endnu. Læg et ud med "
                "'meetingtool aarshjul plan FIL --council NAVN --year ÅR'.")
    if not found:
        raise MeetingToolError("Der er ingen årshjul endnu. Læg et ud med "
                               "'meetingtool aarshjul plan FIL --council NAVN --year ÅR'.")
    return [build(store, council, wheel, year, today) for council, wheel in found]


def month_name(month: int) -> str:
    return MONTHS[month - 1].capitalize()


def coming(store, today: date, days: int = 30) -> list[ComingEntry]:
    """The planned meetings and the year wheels' open activities of the coming ``days``
    days, by day and time: the home screen's "de næste 30 dage".

    A meeting held or cancelled is left out, and so is an activity already done or
    dropped; an activity of a whole month is listed from the first of its month still
    ahead, so December's comes up on 1 December (or today, when December has begun)."""
    until = today + timedelta(days=days)
    found: list[ComingEntry] = []
    for summary in store.meetings():
        if summary.status == MeetingStatus.PLANLAGT and today <= summary.date <= until:
            meeting = store.meeting(summary.id)
            found.append(ComingEntry(summary.date, summary.council_name, summary.title,
                                     meeting.start_time, summary.id, meeting.theme))
    for council, wheel in kept_wheels(store):
        for year in sorted({today.year, until.year}):
            ledger = files.read_ledger(files.ledger_path(store.data_dir, council.id, year))
            for activity, status, _ in wheel_status(store, wheel, ledger, year, today):
                if status in (ActivityStatus.UDFOERT, ActivityStatus.UDGAAET):
                    continue
                due = activity_due(activity, year)
                start = due if activity.day else date(year, activity.month, 1)
                if start <= until and due >= today:
                    found.append(ComingEntry(
                        max(start, today), council.name, activity.title,
                        activity=ACTIVITY_KINDS[activity.kind],
                        whole_month=activity.day is None, responsible=activity.responsible))
    return sorted(found, key=lambda entry: (entry.day, entry.start or time.min,
                                            bool(entry.activity), entry.title))
