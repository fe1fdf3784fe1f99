"""Laying a year wheel out in the store, the daily rule, and the wheel's activities.

- ``prepare`` works out what a layout of the wheel for a council and year changes
  (``core.yearplan.reconcile`` against the ledger of what earlier runs made) without
  writing anything; ``describe`` says it in Danish; ``apply`` does it.
- ``ensure_today`` makes today's meeting of every kept wheel with a daily or weekly rhythm
  (on a meeting day, once): such rhythms stay rules and are never planned ahead. It also
  brings up the activities whose month has come and refreshes the wheel's agenda items.
  The CLI runs it from ``aarshjul plan`` and ``aarshjul idag``; the app is meant to call it
  when it opens.

Activities are kept in the plan file and come up in two ways: the agenda of the council's
meeting in their month has an item "Årshjulet: månedens aktiviteter" listing them, and
when the month has come each becomes a follow-up of that meeting (its text starts with
"Årshjul · ", owner the responsible, due the day or the month's end), reviewed and closed
like any other follow-up. In the review months an item "Kvartalsgennemgang af årshjulet"
lists the year's activities as done, coming and late (``core.yearplan.activity_status``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from meetingtool.actions import wheel_files as files
from meetingtool.actions.items import after_approvals, review_item
from meetingtool.actions.lifecycle import cancel_meeting, plan_again
from meetingtool.actions.meetings import start_meeting
from meetingtool.core.agenda import load_agenda, resolve_template
from meetingtool.core.dates import MONTHS, format_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.locations import resolve_plan
from meetingtool.core.model import AgendaTemplate, Council, FollowUp, Meeting, MeetingItem
from meetingtool.core.vocab import (
    ACTIVITY_KINDS,
    MEETING_KINDS,
    ActivityStatus,
    FollowUpStatus,
    MeetingStatus,
)
from meetingtool.core.yearplan import (
    Existing,
    Layout,
    Reconciled,
    closed_reason,
    is_meeting_day,
    meeting_slots,
    reconcile,
)
from meetingtool.core.yearwheel import Activity, YearWheel, load_wheel

MARKER = "Årshjul · "
"""How a follow-up made from a wheel activity starts: recognisable in every list."""
ACTIVITIES_ITEM = "Årshjulet: månedens aktiviteter"
REVIEW_ITEM = "Kvartalsgennemgang af årshjulet"
STATUS_WORDS: dict[str, str] = {
    ActivityStatus.UDFOERT: "Udført", ActivityStatus.KOMMENDE: "Kommende",
    ActivityStatus.FORSINKET: "Forsinket", ActivityStatus.UDGAAET: "Udgået"}


@dataclass
class Prepared:
    """A layout worked out but not yet written."""

    wheel: YearWheel
    year: int
    council_name: str
    council: Council | None
    template: AgendaTemplate
    layout: Layout
    plan: Reconciled
    ledger: files.Ledger
    plan_text: str
    notes: list[str] = field(default_factory=list)


def load_template(wheel: YearWheel, data_dir: Path) -> AgendaTemplate:
    """The wheel's agenda template: a path beside the wheel, or a template name."""
    if wheel.source is not None:
        beside = (wheel.source.parent / wheel.template)
        if beside.is_file():
            return load_agenda(beside)
    template = load_agenda(resolve_template(wheel.template, data_dir))
    if template.kind != wheel.kind:
        raise MeetingToolError(
            f"Årshjulet {wheel.source or ''} er til {MEETING_KINDS[wheel.kind]}, men "
            f"skabelonen »{template.title}« er til {MEETING_KINDS.get(template.kind)}.")
    return template


def prepare(store, path: Path, year: int, today: date,
            council_name: str | None = None) -> Prepared:
    path = resolve_plan(path)
    wheel = load_wheel(path)
    name = (council_name or wheel.council).strip()
    if not name:
        raise MeetingToolError(f"Årshjulet {path} nævner intet råd: angiv --council NAVN.")
    council = store.find_council(name)
    if council is not None and council.kind != wheel.kind:
        raise MeetingToolError(
            f"{council.name} er et {MEETING_KINDS.get(council.kind, council.kind)}, men "
            f"årshjulet er til {MEETING_KINDS[wheel.kind]}.")
    template = load_template(wheel, store.data_dir)
    ledger_name = council.id if council else name
    ledger = files.read_ledger(files.ledger_path(store.data_dir, ledger_name, year))
    layout = meeting_slots(wheel, year)
    existing = []
    for key, meeting_id in ledger.meetings.items():
        try:
            meeting = store.meeting(meeting_id)
        except MeetingToolError:
            continue  # deleted or restored away: the slot is made again
        existing.append(Existing(key, meeting.id, meeting.date, meeting.status, meeting.theme))
    plan = reconcile(layout.slots, existing, today)
    return Prepared(wheel, year, name, council, template, layout, plan, ledger,
                    path.read_text(encoding="utf-8-sig"))


def describe(prepared: Prepared) -> list[str]:
    """What ``apply`` will do, one Danish line each."""
    wheel, lines = prepared.wheel, []
    who = prepared.council.name if prepared.council else f"{prepared.council_name} (nyt råd)"
    lines.append(f"Årshjul {prepared.year} for {who}: {wheel.rhythm.describe()}")
    if wheel.rhythm.is_rule:
        lines.append("  Møderne oprettes på dagen, når værktøjet bruges – ikke på forhånd.")
        lines += ["  " + line for line in _rule_days(wheel, prepared.year)]
    for change in prepared.plan.changes:
        theme = f" – {change.theme}" if change.theme else ""
        when = format_date(change.day)
        if change.action == "create":
            lines.append(f"  Opret:   {when}{theme}")
        elif change.action == "move" and change.old_day:
            lines.append(f"  Flyt:    møde {change.meeting_id} fra {format_date(change.old_day)}"
                         f" til {when}{theme}")
        elif change.action == "revive":
            lines.append(f"  Genopret: møde {change.meeting_id} (var aflyst) {when}{theme}")
        elif change.action == "cancel":
            lines.append(f"  Aflys:   møde {change.meeting_id} {when}{theme}")
        elif change.action == "held":
            lines.append(f"  Holdt:   møde {change.meeting_id} {when} (røres ikke)")
        else:
            lines.append(f"  Uændret: møde {change.meeting_id} {when}{theme}")
    lines += [f"  {note}" for note in prepared.layout.moved_off + prepared.layout.skipped]
    if wheel.activities:
        count = len(wheel.activities)
        lines.append("  1 aktivitet kommer op på rådets møde i sin måned." if count == 1 else
                     f"  {count} aktiviteter kommer op på rådets møde i deres måned.")
    if not prepared.plan.has_work and not wheel.rhythm.is_rule:
        lines.append("  Intet at ændre: møderne står allerede som planen siger.")
    return lines


def _rule_days(wheel: YearWheel, year: int) -> list[str]:
    """How many days a daily or weekly rule meets in ``year``, and which it skips."""
    day, count = date(year, 1, 1), 0
    skipped: list[tuple[str, date]] = []
    while day.year == year:
        if is_meeting_day(day, wheel):
            count += 1
        elif day.weekday() in wheel.rhythm.weekdays:
            reason = closed_reason(day, wheel)
            if reason and reason != "weekend" and all(reason != r for r, _ in skipped):
                skipped.append((reason, day))
        day += timedelta(days=1)
    lines = [f"{count} mødedage i {year}."]
    if skipped:
        lines.append("Springes over: " + ", ".join(
            f"{reason} ({format_date(first).rsplit(' ', 1)[0]})" if reason not in
            {b.name for b in wheel.breaks} else reason for reason, first in skipped) + ".")
    return lines


def apply(store, prepared: Prepared, today: date) -> Council:
    """Write the layout: create, move, cancel; keep the plan and its ledger."""
    wheel, ledger = prepared.wheel, prepared.ledger
    council = prepared.council or store.ensure_council(
        prepared.council_name, wheel.kind, prepared.template.members)
    if prepared.council is None and ledger.path.name != files.ledger_path(
            store.data_dir, council.id, prepared.year).name:
        ledger.path = files.ledger_path(store.data_dir, council.id, prepared.year)
    for change in prepared.plan.changes:
        if change.action == "create":
            meeting = store.create_meeting(council.id, prepared.template, change.day,
                                           start_time=wheel.rhythm.start_time,
                                           theme=change.theme)
            ledger.meetings[change.key] = meeting.id
            refresh_items(store, meeting, wheel, ledger, today)
        elif change.action in ("move", "revive", "cancel"):
            meeting = store.meeting(change.meeting_id)
            if change.action == "cancel":
                cancel_meeting(meeting)
            else:
                plan_again(meeting)
                meeting.date, meeting.theme = change.day, change.theme
            if change.old_key and change.old_key != change.key:
                ledger.meetings.pop(change.old_key, None)
            ledger.meetings[change.key] = meeting.id
            store.save_meeting(meeting)
            if change.action != "cancel":
                refresh_items(store, meeting, wheel, ledger, today)
    files.keep_plan(store.data_dir, council.id, prepared.plan_text)
    ledger.save()
    ensure_today(store, today, only=council.id)
    return council


# --- The daily rule and the activities ---------------------------------------------------


def kept_wheels(store) -> list[tuple[Council, YearWheel]]:
    found = []
    for council_id, path in files.kept_plans(store.data_dir).items():
        try:
            council = store.council(council_id)
        except MeetingToolError:
            continue
        wheel = load_wheel(path)
        found.append((council, wheel))
    return found


def ensure_today(store, today: date, only: str | None = None) -> list[Meeting]:
    """Today's meetings of the kept daily and weekly rhythms (made once, on meeting days),
    the activities whose month has come, and fresh wheel items. Returns what was made."""
    made: list[Meeting] = []
    for council, wheel in kept_wheels(store):
        if only is not None and council.id != only:
            continue
        ledger = files.read_ledger(files.ledger_path(store.data_dir, council.id, today.year))
        if wheel.rhythm.is_rule and is_meeting_day(today, wheel):
            todays = [s for s in store.meetings(council.id)
                      if s.date == today and s.status != MeetingStatus.AFLYST
                      and s.kind == wheel.kind]
            if not todays:
                template = load_template(wheel, store.data_dir)
                meeting = start_meeting(store, council.id, template, today,
                                        start_time=wheel.rhythm.start_time)
                ledger.days[today.isoformat()] = meeting.id
                made.append(meeting)
        for summary in store.meetings(council.id):
            if summary.status == MeetingStatus.PLANLAGT and summary.date >= today:
                refresh_items(store, store.meeting(summary.id), wheel, ledger, today)
        bring_up_activities(store, council, wheel, ledger, today)
        ledger.save()
    return made


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def activity_due(activity: Activity, year: int) -> date:
    if activity.day is not None:
        return date(year, activity.day.month, activity.day.day)
    return _month_end(year, activity.month)


def activity_text(activity: Activity) -> str:
    return f"{MARKER}{ACTIVITY_KINDS[activity.kind]}: {activity.title}"


def bring_up_activities(store, council: Council, wheel: YearWheel, ledger: files.Ledger,
                        today: date) -> list[FollowUp]:
    """Each activity whose month has come becomes a follow-up of the council's first
    planned meeting from that month on (once; without one it waits)."""
    made = []
    year = today.year
    # A meeting held or being held is left as it is: the next planned one takes it up.
    meetings = sorted((s for s in store.meetings(council.id)
                       if s.date.year == year and s.status == MeetingStatus.PLANLAGT),
                      key=lambda s: s.date)
    for activity in wheel.activities:
        if activity.month > today.month or activity.key in ledger.activities:
            continue
        start = date(year, activity.month, 1)
        host = next((s for s in meetings if s.date >= start), None)
        if host is None:
            continue
        meeting = store.meeting(host.id)
        item = next((i for i in meeting.items if i.title == ACTIVITIES_ITEM), None)
        followup = store.add_followup(meeting.id, item.id if item else None,
                                      activity_text(activity), owner=activity.responsible,
                                      due=activity_due(activity, year))
        ledger.activities[activity.key] = followup.id
        made.append(followup)
    return made


def activity_status(activity: Activity, followup: FollowUp | None, year: int,
                    today: date) -> str:
    """udfoert, udgaaet, forsinket (its day or month has passed undone) or kommende."""
    if followup is not None and followup.status in (FollowUpStatus.UDFOERT, FollowUpStatus.UDGAAET):
        return ActivityStatus(followup.status)
    due = followup.due if followup is not None and followup.due else activity_due(
        activity, year)
    return ActivityStatus.FORSINKET if due < today else ActivityStatus.KOMMENDE


def wheel_status(store, wheel: YearWheel, ledger: files.Ledger, year: int,
                 today: date) -> list[tuple[Activity, str, FollowUp | None]]:
    found = []
    for activity in wheel.activities:
        followup = None
        if activity.key in ledger.activities:
            try:
                followup = store.followup(ledger.activities[activity.key])
            except MeetingToolError:
                followup = None
        found.append((activity, activity_status(activity, followup, year, today), followup))
    return found


def _activity_line(activity: Activity) -> str:
    parts = [f"- {activity.title} ({ACTIVITY_KINDS[activity.kind].lower()})"]
    if activity.responsible:
        parts.append(f"ansvarlig: {activity.responsible}")
    if activity.day:
        parts.append(activity.day.label())
    line = " · ".join(parts)
    return f"{line}\n  {activity.description}" if activity.description else line


def review_text(store, wheel: YearWheel, ledger: files.Ledger, year: int, today: date) -> str:
    """Done / late / coming, as the quarterly review's description."""
    groups: dict[str, list[str]] = {status: [] for status in (
        ActivityStatus.UDFOERT, ActivityStatus.FORSINKET, ActivityStatus.KOMMENDE)}
    for activity, status, _ in wheel_status(store, wheel, ledger, year, today):
        label = f"- {MONTHS[activity.month - 1]}: {activity.title}"
        if activity.responsible:
            label += f" · ansvarlig: {activity.responsible}"
        groups[ActivityStatus.UDFOERT if status == ActivityStatus.UDGAAET else status].append(
            label + (" (udgået)" if status == ActivityStatus.UDGAAET else ""))
    out = [(f"Årshjulet pr. {format_date(today)}. Hvad er gjort, hvad er forsinket, og hvad "
            "kommer? Skal hjulet justeres?")]
    for key, heading in ((ActivityStatus.UDFOERT, "Udført"),
                         (ActivityStatus.FORSINKET, "Forsinket"),
                         (ActivityStatus.KOMMENDE, "Kommende")):
        out.append(f"{heading} ({len(groups[key])}):\n" + ("\n".join(groups[key]) or "- ingen"))
    return "\n\n".join(out)


def covered_months(wheel: YearWheel, month: int) -> list[int]:
    """The months whose activities come up at a meeting in ``month``: its own, and those
    since the rhythm's previous meeting month (a council meeting four times a year takes up
    February's activities in March)."""
    if wheel.rhythm.is_rule:
        return [month]
    earlier = [m for m in wheel.rhythm.months if m < month]
    return list(range((max(earlier) if earlier else 0) + 1, month + 1))


def _first_in_month(meeting: Meeting, wheel: YearWheel) -> bool:
    """A daily or weekly council reviews the wheel at its first meeting of the month only."""
    if not wheel.rhythm.is_rule:
        return True
    return not any(is_meeting_day(meeting.date.replace(day=day), wheel)
                   for day in range(1, meeting.date.day))


def refresh_items(store, meeting: Meeting, wheel: YearWheel, ledger: files.Ledger,
                  today: date) -> None:
    """Put (or update) the wheel's items on a planned meeting's agenda and save it."""
    if meeting.status != MeetingStatus.PLANLAGT:
        return
    month = meeting.date.month
    months = covered_months(wheel, month)
    monthly = [a for a in wheel.activities if a.month in months]
    wanted: list[tuple[str, str, int, str]] = []
    if monthly:
        wanted.append((ACTIVITIES_ITEM, "information", 5 + 2 * len(monthly),
                       "\n".join(_activity_line(a) for a in monthly)))
    if month in wheel.review_months and wheel.activities and _first_in_month(meeting, wheel):
        wanted.append((REVIEW_ITEM, "droeftelse", 15,
                       review_text(store, wheel, ledger, meeting.date.year, today)))
    changed = False
    anchor = review_item(meeting)
    position = meeting.items.index(anchor) + 1 if anchor else after_approvals(meeting.items)
    for title, kind, minutes, text in wanted:
        item = next((i for i in meeting.items if i.title == title), None)
        if item is None:
            item = MeetingItem(id=meeting.next_item_id(), title=title,
                               planned_minutes=min(minutes, 20), kind=kind)
            meeting.items.insert(position, item)
            changed = True
        position = meeting.items.index(item) + 1
        if item.description != text:
            item.description, changed = text, True
    if changed:
        store.save_meeting(meeting)
