"""The team's trial action at the end of a course ("Borgerens stemme", dialogue meeting 3).

A course's last dialogue meeting in a team ends with the trial action the team developed as
the answer to its shared need. The chair has two ways to it, and both end in a real trial
(``core.trials``) of the team's course council:

- on the item "Teamets prøvehandling" (the one that ``receives`` the trials) the chair
  presses ``h`` and ``n`` and plans it with a responsible and an evaluation date of the
  team's choosing, as at any council;
- or simply records the team's decision under that item (``b``), as a chair records any
  decision. When the meeting is ended, that decision becomes the trial, to be evaluated
  ``TRIAL_WEEKS`` weeks later (the next working day), and the chair is told so.

A trial already planned at the meeting is never made twice. Which meeting is a course's last
dialogue meeting in its team is read from the course's ledger (``actions.course``), so a
meeting made from the same template by hand is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from meetingtool.actions import wheel_files as files
from meetingtool.actions.course import LEDGER_PREFIX, OPENING
from meetingtool.actions.trials import trial_from_decision
from meetingtool.core.dates import format_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Meeting
from meetingtool.core.trials import Trial, trials_item
from meetingtool.core.vocab import MeetingStatus
from meetingtool.core.yearplan import next_working_day
from meetingtool.store.api import Store

__all__ = ["TRIAL_WEEKS", "CourseTrialNote", "last_dialogue_team", "trial_at_course_end"]

TRIAL_WEEKS = 8
"""Weeks from the last dialogue meeting to the trial's evaluation, when the team did not set
a date itself: long enough to try a change on every shift, short enough to remember it."""


@dataclass(frozen=True)
class CourseTrialNote:
    """What the chair is told when the meeting has ended."""

    text: str
    trial: Trial | None = None

    @property
    def severity(self) -> str:
        return "information" if self.trial is not None else "warning"


def last_dialogue_team(store: Store, meeting_id: int) -> str | None:
    """The team whose last dialogue meeting of a course this meeting is, else None."""
    folder = files.wheels_dir(store.data_dir)
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob(f"{LEDGER_PREFIX}*.json")):
        try:
            steps = files.read_ledger(path).meetings
        except MeetingToolError:
            continue  # another course's damaged ledger: its own plan run says so
        for key, found in steps.items():
            if found != meeting_id or key == OPENING or "/" not in key:
                continue
            team, number = key.rsplit("/", 1)
            numbers = [int(k.rsplit("/", 1)[1]) for k in steps
                       if k.startswith(f"{team}/") and k.rsplit("/", 1)[1].isdigit()]
            if number.isdigit() and int(number) == max(numbers):
                return team
    return None


def trial_at_course_end(store: Store, meeting_id: int) -> CourseTrialNote | None:
    """After an ended meeting: make the team's trial when this was its last dialogue
    meeting and none was planned at it. None when there is nothing to tell."""
    meeting = store.meeting(meeting_id)
    if meeting.status != MeetingStatus.AFSLUTTET:
        return None
    team = last_dialogue_team(store, meeting.id)
    if team is None:
        return None
    if any(trial.meeting_id == meeting.id for trial in store.trials(meeting.council_id)):
        return None  # planned at the meeting (h, n): the team chose its own date
    item = trials_item(meeting)
    decisions = store.decisions(meeting.id, item.id) if item is not None else []
    if not decisions:
        return CourseTrialNote(_nothing_decided(store, meeting, team,
                                                item.title if item else ""))
    evaluate_on = next_working_day(meeting.date + timedelta(weeks=TRIAL_WEEKS))
    trial = trial_from_decision(store, meeting, decisions[0].id, evaluate_on,
                                participants=team, start=meeting.date)
    more = (f" (den første af {len(decisions)} beslutninger under punktet)"
            if len(decisions) > 1 else "")
    return CourseTrialNote(
        f"Prøvehandlingen {trial.id} »{trial.title}« for {team} er oprettet{more} og evalueres "
        f"{format_date(evaluate_on)}. Den står under Evaluér på startskærmen, når datoen "
        "er nået.", trial)


def _nothing_decided(store: Store, meeting: Meeting, team: str, title: str) -> str:
    council = store.council(meeting.council_id)
    where = f" under »{title}«" if title else ""
    return (f"Forløbets sidste dialogmøde i {team} sluttede uden en beslutning{where}, så "
            "der er ingen prøvehandling endnu. Opret den med: meetingtool trials add "
            f"\"PRØVEHANDLING\" --council \"{council.name}\" --evaluate DATO")
