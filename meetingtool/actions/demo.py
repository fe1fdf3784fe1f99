"""A realistic demo data set, built from the shipped agenda templates.

One council per shipped template, each with two or three past meetings (attendance with
afbud, notes, decisions, follow-ups that are done, re-dated, dropped or left open and
overdue, an internal follow-up, approved minutes) and one planned meeting, so the home
screen and the follow-up review have something to show at once. A case travels from the
triage team to the kvalitetsudvalg and on to the tværgående kvalitetsråd.

The triage team "Afdeling Birk" rates its 18 residents at three weekly rounds through the
triage round's own rules (``demo_triage``); its next round is planned, so pressing ``t``
on that meeting's triage item opens a board with trends.

Everything goes through the same actions a user's meeting does, in date order, with the
store's clock set to each meeting's day, so the history reads as if it really happened.
Used by ``meetingtool demo``, the tests and the benchmarks. What is said and decided is in
``actions.demo_script``; this module plays it through the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from meetingtool.actions.demo_script import (
    COUNCIL_NAMES,
    DECISIONS,
    DEFAULT_SCHEDULE,
    FOLLOWUPS,
    MEMBERS,
    NOTES,
    ONWARD_REASON,
    SCHEDULE,
    Fate,
)
from meetingtool.actions.demo_triage import record_round
from meetingtool.actions.escalation import escalate
from meetingtool.actions.items import is_review_item
from meetingtool.actions.lifecycle import end_meeting
from meetingtool.actions.meetings import followups_to_review, start_meeting
from meetingtool.actions.review import approve_minutes, review_followup
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.locations import data_dir as user_data_dir
from meetingtool.core.locations import shipped_agendas_dir
from meetingtool.core.model import AgendaTemplate, Council, Meeting, Member
from meetingtool.core.vocab import FollowUpStatus, ItemKind, MeetingKind, Presence

MARKER = ".meetingtool-demo"
"""A file in the demo folder that says it holds demo data (and may be rebuilt)."""


def default_demo_dir() -> Path:
    """A folder beside the user's data folder, so the demo never mixes with real meetings."""
    return user_data_dir(None).parent / "meetingtool-demo"


@dataclass
class DemoResult:
    data_dir: Path
    councils: list[str] = field(default_factory=list)
    meetings: int = 0
    followups: int = 0


class _Clock:
    """The store's ``now``: set to each meeting's day while it is being recorded."""

    def __init__(self) -> None:
        self.moment = datetime.now().replace(microsecond=0)

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=40)
        return self.moment


def build_demo(data: Path, *, today: date | None = None) -> DemoResult:
    """Fill ``data`` (an empty or demo folder) with the demo councils and meetings."""
    from meetingtool.core.agenda import load_agenda
    from meetingtool.store import open_store

    today = today or date.today()
    data = Path(data)
    clock = _Clock()
    store = open_store(data, now=clock)
    if store.councils():
        raise MeetingToolError(
            f"{data} indeholder allerede møder. Demodata bygges kun i en tom mappe."
        )
    (data / MARKER).write_text("Demodata fra 'meetingtool demo'. Mappen kan slettes.\n",
                               encoding="utf-8")

    templates = [load_agenda(path) for path in sorted(shipped_agendas_dir().glob("*.toml"))]
    plan: list[tuple[date, int, Council, AgendaTemplate, int]] = []
    result = DemoResult(data)
    for template in templates:
        council = _council_for(store, template, [c.name for c in store.councils()])
        result.councils.append(council.name)
        schedule = SCHEDULE.get(template.kind, DEFAULT_SCHEDULE)
        for index, days in enumerate(schedule):
            plan.append((today + timedelta(days=days), len(plan), council, template, index))

    recorder = _Recorder(store, clock, today)
    for on, _, council, template, index in sorted(plan, key=lambda entry: entry[:2]):
        recorder.meeting(council, template, on, index)
    result.meetings = len(plan)
    result.followups = len(store.followups())
    return result


def _council_for(store, template: AgendaTemplate, taken: list[str]) -> Council:
    name = COUNCIL_NAMES.get(template.kind, template.title)
    if name in taken:
        name = f"{name} – {template.title}"
    # Named people read more like a real council than the templates' role placeholders.
    named = [Member(name, role) for name, role in MEMBERS.get(template.kind, [])]
    members = named or template.members
    return store.ensure_council(name, template.kind, members)


class _Recorder:
    """Records each meeting as a chair and secretary would have, in date order."""

    def __init__(self, store, clock: _Clock, today: date) -> None:
        self.store = store
        self.clock = clock
        self.today = today
        self.fates: dict[str, tuple[int, Fate]] = {}  # follow-up id -> (meeting index, fate)
        self.received_case: str | None = None

    def meeting(self, council: Council, template: AgendaTemplate, on: date, index: int) -> None:
        start = template.start_time or time(14, 0)
        self.clock.moment = datetime.combine(min(on, self.today), start) - timedelta(days=7)
        if on >= self.today:
            # Planned: prepared a few days ahead, nothing recorded yet.
            self.clock.moment = datetime.combine(self.today, time(9, 0))
            start_meeting(self.store, council.id, template, on)
            return
        meeting = start_meeting(self.store, council.id, template, on)
        self.clock.moment = datetime.combine(on, start)
        kind = template.kind
        self._attendance(meeting, index)
        self._approve_previous(meeting, index)
        self._review(meeting, index)
        self._notes_and_decisions(meeting, kind, index)
        self._followups(meeting, kind, index)
        self._cases(meeting, kind, index)
        self._trials(meeting, kind, index)
        self._finish(meeting.id, on, start)

    # --- parts of a meeting ---------------------------------------------------------------

    def _attendance(self, meeting: Meeting, index: int) -> None:
        meeting = self.store.meeting(meeting.id)
        for person in meeting.attendance:  # attendance taken: all came but those below
            person.presence = Presence.TIL_STEDE
        ordinary = [a for a in meeting.attendance if a.name not in (meeting.chair,
                                                                      meeting.secretary)]
        if ordinary:
            ordinary[(index + 1) % len(ordinary)].presence = Presence.AFBUD
        if len(ordinary) > 6:
            ordinary[(index + 4) % len(ordinary)].presence = Presence.AFBUD
        self.store.save_meeting(meeting)

    def _approve_previous(self, meeting: Meeting, index: int) -> None:
        previous = self.store.previous_meeting(meeting.id)
        if previous is None or not any(item.kind == ItemKind.GODKENDELSE for item in meeting.items):
            return
        corrections = ""
        if index == 2:
            away = [a.name for a in previous.attendance if a.presence == Presence.AFBUD]
            if away:
                corrections = f"{away[0]} havde meldt afbud og skal ikke stå som til stede."
        approve_minutes(self.store, previous.id, meeting.id, corrections)

    def _review(self, meeting: Meeting, index: int) -> None:
        listed = {f.id: f for f in followups_to_review(self.store, meeting)}
        for followup in self.store.open_followups(meeting.council_id):
            if followup.id in self.fates and followup.meeting_id != meeting.id:
                listed.setdefault(followup.id, followup)  # a triage task, closed at the board
        for followup in listed.values():
            made_at, fate = self.fates.get(followup.id, (index, {}))
            action = fate.get(index - made_at)
            if action is None:
                continue
            what, value, comment = action
            if what == "status":
                review_followup(self.store, followup.id, meeting.id, status=value,
                                comment=comment)
            elif what == "due":
                review_followup(self.store, followup.id, meeting.id,
                                due=meeting.date + timedelta(days=value), comment=comment)
            elif what == "owner":
                members = self.store.council(meeting.council_id).members
                review_followup(self.store, followup.id, meeting.id,
                                owner=members[value % len(members)].name, comment=comment)

    def _notes_and_decisions(self, meeting: Meeting, kind: str, index: int) -> None:
        meeting = self.store.meeting(meeting.id)
        item = _main_item(meeting)
        item.notes = NOTES.get(kind, "Drøftelse.")
        self.store.save_meeting(meeting)
        decisions = DECISIONS.get(kind, [])
        if decisions:
            self.store.add_decision(meeting.id, item.id, decisions[index % len(decisions)])

    def _followups(self, meeting: Meeting, kind: str, index: int) -> None:
        per_meeting = FOLLOWUPS.get(kind, [])
        if index >= len(per_meeting):
            return
        item = _main_item(meeting)
        members = self.store.council(meeting.council_id).members
        for spec in per_meeting[index]:
            owner = members[spec.owner % len(members)].name if members else ""
            followup = self.store.add_followup(
                meeting.id, item.id, spec.text, owner=owner,
                due=meeting.date + timedelta(days=spec.due_days), internal=spec.internal,
            )
            self.fates[followup.id] = (index, spec.fate)

    def _cases(self, meeting: Meeting, kind: str, index: int) -> None:
        """The travelling case: triage → kvalitetsudvalg → tværgående kvalitetsråd."""
        if kind == MeetingKind.TRIAGE:
            self._triage_round(meeting, index)
        elif kind == MeetingKind.KVALITETSUDVALG:
            for followup in self.store.followups(meeting.council_id, meeting_id=meeting.id):
                if followup.escalated_from is None or not followup.is_open:
                    continue
                review_followup(self.store, followup.id, meeting.id, status=FollowUpStatus.I_GANG,
                                owner=self.store.council(meeting.council_id).members[0].name,
                                comment="Prøvehandling: natligt tilsyn kl. 2 i fire uger")
                target = _council_of_kind(self.store, "tvaergaaende-kvalitetsraad")
                if target is not None:
                    escalate(self.store, followup.id, target.id, ONWARD_REASON,
                             meeting_id=meeting.id)

    def _trials(self, meeting: Meeting, kind: str, index: int) -> None:
        """The local council's trial actions through PDSA (seed 003): one started, followed,
        evaluated ("Forlæng", follow up after six months), and one due at the next meeting;
        the committee turns the case it received into a trial of its own."""
        from meetingtool.actions.trials import evaluate_trial, record_status, start_trial
        from meetingtool.core.trials import Evaluation

        members = self.store.council(meeting.council_id).members
        owner = members[-1].name if members else ""
        if kind == MeetingKind.KVALITETSRAAD and index == 0:
            start_trial(self.store, meeting.council_id, "Faste spisevenner i afdeling Syd",
                        meeting.date + timedelta(days=60), start=meeting.date, owner=owner,
                        hypothesis="Beboerne spiser mere og føler sig mindre alene ved måltidet",
                        measure="Vægt hver måned og et spørgsmål ved aftensmaden",
                        participants="Afdeling Syd, aftenvagten", meeting_id=meeting.id)
        elif kind == MeetingKind.KVALITETSRAAD and index == 1:
            for trial in self.store.trials(meeting.council_id, open_only=True):
                record_status(self.store, trial.id, "Fire borde med faste makkere; to beboere "
                              "ønskede at skifte bord", meeting_id=meeting.id)
        elif kind == MeetingKind.KVALITETSRAAD and index == 2:
            for trial in self.store.trials(meeting.council_id, open_only=True):
                evaluate_trial(self.store, trial.id, Evaluation(
                    study="Seks af otte beboere har taget på, og flere bliver siddende efter "
                          "maden", recommendation="forlaeng",
                    text="Prøv det også i dagcentret",
                    new_evaluate=self.today + timedelta(days=40), follow_up_months=6),
                    meeting_id=meeting.id)
            start_trial(self.store, meeting.council_id, "Aftenro med dæmpet lys fra kl. 21",
                        self.today + timedelta(days=7), start=meeting.date, owner=owner,
                        hypothesis="Færre beboere er urolige om aftenen",
                        measure="Nattevagtens notat om uro", meeting_id=meeting.id)
        elif kind == MeetingKind.KVALITETSUDVALG:
            for followup in self.store.followups(meeting.council_id, meeting_id=meeting.id):
                if followup.escalated_from is not None and followup.is_open:
                    start_trial(self.store, meeting.council_id, "Natligt tilsyn kl. 2",
                                meeting.date + timedelta(days=28), start=meeting.date,
                                owner=owner, hypothesis="Færre fald om natten",
                                measure="Fald om natten pr. uge",
                                source=f"Sag {followup.id}", meeting_id=meeting.id)

    def _triage_round(self, meeting: Meeting, index: int) -> None:
        """A round at the board; the next round closes its colour-rule tasks."""
        closing = record_round(self.store, meeting, _main_item(meeting).id, index,
                               wall=self.clock,
                               committee=_council_of_kind(self.store, "kvalitetsudvalg"))
        for followup_id, comment in closing.items():
            self.fates[followup_id] = (index, {1: ("status", FollowUpStatus.UDFOERT, comment)})

    def _finish(self, meeting_id: int, on: date, start: time) -> None:
        meeting = self.store.meeting(meeting_id)
        begun = datetime.combine(on, start)
        for number, item in enumerate(meeting.items):
            # Some items run a little over, some finish early, as real ones do.
            item.used_seconds = float(item.planned_minutes * 60 + ((number * 97) % 240) - 90)
            item.used_seconds = max(30.0, item.used_seconds)
        meeting.started_at = begun
        end_meeting(meeting, begun + timedelta(seconds=sum(i.used_seconds for i in meeting.items)))
        meeting.clock.current_item_id = meeting.items[-1].id if meeting.items else None
        meeting.clock.running = False
        self.store.save_meeting(meeting)


def _main_item(meeting: Meeting):
    """The item where the meeting's substance happens (theme, discussion or triage)."""
    for kinds in ((ItemKind.TEMA,), (ItemKind.TRIAGE,),
                  (ItemKind.DROEFTELSE, ItemKind.BESLUTNING)):
        for item in meeting.items:
            if item.kind in kinds and not is_review_item(item):
                return item
    return meeting.items[len(meeting.items) // 2]


def _council_of_kind(store, kind: str) -> Council | None:
    return next((council for council in store.councils() if council.kind == kind), None)
