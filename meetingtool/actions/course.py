"""Laying a course of meetings (forløb) out for a centre and its teams.

The start meeting belongs to a council named for the centre and the course ("Solgården:
Borgerens stemme", kind opstartsmoede); each team's dialogue meetings to one named for the
team and the course ("Team Øst: Borgerens stemme", kind dialogmoede), so a team's daily
triage board never mixes with its course. A ledger in the data folder (``wheel_files``)
remembers which meeting each step became: run again with another start date, planned
meetings move; held ones stay; nothing is made twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from meetingtool.actions import wheel_files as files
from meetingtool.actions.lifecycle import cancel_meeting, plan_again
from meetingtool.core.agenda import load_agenda, resolve_template
from meetingtool.core.course import CoursePlan, CourseStep, load_course
from meetingtool.core.dates import format_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.locations import resolve_plan, shipped_agendas_dir
from meetingtool.core.model import AgendaTemplate
from meetingtool.core.yearplan import Existing, Reconciled, Slot, next_working_day, reconcile

OPENING = "opstart"

LEDGER_PREFIX = "forloeb-"
"""A course's ledger is ``aarshjul/forloeb-<course>-<centre>.json`` (``wheel_files``)."""


@dataclass
class PreparedCourse:
    course: CoursePlan
    centre: str
    teams: list[str]
    templates: dict[str, AgendaTemplate]
    plan: Reconciled
    ledger: files.Ledger

    @property
    def has_work(self) -> bool:
        return self.plan.has_work

    def council_name(self, key: str) -> str:
        who = self.centre if key == OPENING else key.rsplit("/", 1)[0]
        return f"{who}: {self.course.title}"


def _template(step: CourseStep, course: CoursePlan, data_dir: Path) -> AgendaTemplate:
    """The step's template: beside the course file, a shipped course template
    (``agendas/forloeb/``, kept out of the new-meeting list: a course makes these meetings),
    or any template by name or path."""
    if course.source is not None and (course.source.parent / step.template).is_file():
        return load_agenda(course.source.parent / step.template)
    shipped = shipped_agendas_dir() / "forloeb" / f"{step.template}.toml"
    if shipped.is_file():
        return load_agenda(shipped)
    return load_agenda(resolve_template(step.template, data_dir))


def course_slots(course: CoursePlan, teams: list[str], start: date) -> list[Slot]:
    """The start meeting on ``start`` and each team's dialogue meetings, each moved to the
    next working day when it falls on a weekend or a Danish public holiday."""
    slots = [Slot(OPENING, next_working_day(start))]
    for team in teams:
        for number, step in enumerate(course.dialogues, start=1):
            day = next_working_day(start + timedelta(weeks=step.weeks_after_start))
            slots.append(Slot(f"{team}/{number}", day))
    return slots


def prepare(store, path: Path, centre: str, teams: list[str], start: date,
            today: date) -> PreparedCourse:
    course = load_course(resolve_plan(path, "forloeb"))
    teams = [team.strip() for team in teams if team.strip()]
    if len({team.casefold() for team in teams}) != len(teams) or not teams:
        raise MeetingToolError("Angiv hvert team én gang, fx --teams \"Team Øst\" \"Team Vest\".")
    templates = {OPENING: _template(course.opening, course, store.data_dir)}
    for number, step in enumerate(course.dialogues, start=1):
        templates[str(number)] = _template(step, course, store.data_dir)
    ledger = files.read_ledger(files.ledger_path(
        store.data_dir, f"{LEDGER_PREFIX}{course.key}-{centre}"))
    existing = []
    for key, meeting_id in ledger.meetings.items():
        try:
            meeting = store.meeting(meeting_id)
        except MeetingToolError:
            continue
        existing.append(Existing(key, meeting.id, meeting.date, meeting.status, meeting.theme))
    wanted = course_slots(course, teams, start)
    # Teams left out this time keep their meetings: a course is laid out team by team.
    named = {slot.key for slot in wanted}
    kept = [e for e in existing if e.key in named or e.key == OPENING]
    plan = reconcile(wanted, kept, today)
    return PreparedCourse(course, centre.strip(), teams, templates, plan, ledger)


def describe(prepared: PreparedCourse) -> list[str]:
    heading = (f"Forløb »{prepared.course.title}« for {prepared.centre}: et opstartsmøde og "
               f"{len(prepared.course.dialogues)} dialogmøder i hvert af "
               f"{len(prepared.teams)} teams")
    lines = [heading]
    for change in prepared.plan.changes:
        step = "Opstartsmøde" if change.key == OPENING else (
            f"{change.key.rsplit('/', 1)[0]}, dialogmøde {change.key.rsplit('/', 1)[1]}")
        when = format_date(change.day)
        words = {"create": "Opret", "move": "Flyt", "cancel": "Aflys", "revive": "Genopret",
                 "held": "Holdt (røres ikke)", "keep": "Uændret"}[change.action]
        moved = f" (fra {format_date(change.old_day)})" if change.old_day and (
            change.action == "move") else ""
        lines.append(f"  {words}: {step} {when}{moved}")
    return lines


def apply(store, prepared: PreparedCourse, today: date) -> None:
    ledger = prepared.ledger
    for change in prepared.plan.changes:
        if change.action == "create":
            template_key = OPENING if change.key == OPENING else change.key.rsplit("/", 1)[1]
            template = prepared.templates[template_key]
            council = store.ensure_council(prepared.council_name(change.key), template.kind,
                                           template.members)
            meeting = store.create_meeting(council.id, template, change.day)
            ledger.meetings[change.key] = meeting.id
        elif change.action in ("move", "revive", "cancel"):
            meeting = store.meeting(change.meeting_id)
            if change.action == "cancel":
                cancel_meeting(meeting)
            else:
                plan_again(meeting)
                meeting.date = change.day
            store.save_meeting(meeting)
            if change.old_key and change.old_key != change.key:
                ledger.meetings.pop(change.old_key, None)
            ledger.meetings[change.key] = meeting.id
    ledger.save()
