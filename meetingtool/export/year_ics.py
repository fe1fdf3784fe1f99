"""The year wheel as a calendar file (``aarshjul show --format ics``).

Planned meetings are events at their time (an hour and a half when no end is known); a
daily or weekly rhythm is *one* repeating event (RRULE) with its holidays and breaks as
exceptions (EXDATE), never 250 events; activities are all-day events on their day, or on the
first of their month. Imports only icalendar and the core.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event

from meetingtool.core.yearview import YearView

ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MEETING_LENGTH = timedelta(minutes=90)


def calendar_for(views: list[YearView], stamp: datetime | None = None) -> Calendar:
    stamp = stamp or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//meetingtool//Årshjul//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Årshjul " + ", ".join(v.council for v in views))
    for view in views:
        slug = view.council.casefold().replace(" ", "-")
        if view.is_rule:
            calendar.add_component(_rule_event(view, slug, stamp))
        for month in view.months:
            for meeting in month.meetings:
                event = Event()
                event.add("uid", f"moede-{meeting.meeting_id}@meetingtool")
                event.add("dtstamp", stamp)
                if meeting.start:
                    start = datetime.combine(meeting.day, meeting.start)
                    event.add("dtstart", start)
                    event.add("dtend", start + MEETING_LENGTH)
                else:
                    event.add("dtstart", meeting.day)
                    event.add("dtend", meeting.day + timedelta(days=1))
                theme = f" – {meeting.theme}" if meeting.theme else ""
                event.add("summary", f"{view.council}{theme}")
                event.add("categories", ["Møde"])
                calendar.add_component(event)
            for number, activity in enumerate(month.activities, start=1):
                day = activity.day or date(view.year, month.month, 1)
                event = Event()
                event.add("uid", f"aarshjul-{slug}-{view.year}-{month.month}-{number}@meetingtool")
                event.add("dtstamp", stamp)
                event.add("dtstart", day)
                event.add("dtend", day + timedelta(days=1))
                event.add("summary", f"Årshjul: {activity.title}")
                lines = [activity.kind_label]
                if activity.responsible:
                    lines.append(f"Ansvarlig: {activity.responsible}")
                if activity.description:
                    lines.append(activity.description)
                event.add("description", "\n".join(lines))
                event.add("categories", ["Årshjul", activity.kind_label])
                event.add("transp", "TRANSPARENT")
                calendar.add_component(event)
    return calendar


def _rule_event(view: YearView, slug: str, stamp: datetime) -> Event:
    first = date(view.year, 1, 1)
    while first.weekday() not in view.rule_weekdays:
        first += timedelta(days=1)
    start_time = view.rule_start or time(8, 0)
    event = Event()
    event.add("uid", f"rytme-{slug}-{view.year}@meetingtool")
    event.add("dtstamp", stamp)
    event.add("dtstart", datetime.combine(first, start_time))
    event.add("dtend", datetime.combine(first, start_time) + timedelta(minutes=15))
    event.add("rrule", {"freq": "weekly", "byday": [ICAL_DAYS[d] for d in view.rule_weekdays],
                        "until": datetime.combine(date(view.year, 12, 31), time(23, 59))})
    for day, _reason in view.skipped_days:
        event.add("exdate", datetime.combine(day, start_time))
    event.add("summary", f"{view.council} ({view.rhythm})")
    event.add("categories", ["Møde"])
    return event


def render_calendar(views: list[YearView]) -> bytes:
    return bytes(calendar_for(views).to_ical())
