"""Trial actions (prøvehandlinger) through PDSA to a recommendation (indstilling).

A council tries a change for a while (Plan: the problem and what we expect; Do: what was
done; Study: what we saw) and ends each cycle with an indstilling (Act): extend it with a new
focus, implement it everywhere, adjust it in a new linked cycle, or stop it. A trial nobody
evaluates dies quietly, so a trial whose evaluation date has passed stays on every meeting of
its council until it is evaluated (``for_meeting``).

Pure rules: no store, no I/O. The store keeps ``Trial`` objects; ``actions.trials`` combines
these rules with the store.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from meetingtool.core.dates import format_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Meeting, MeetingItem
from meetingtool.core.records import prefixed_number

TRIAL_PREFIX = "P"
"""Trial ids are "P" and a number ("P3"), so they are told apart from meetings at a glance."""


def trial_number(trial_id: str) -> int:
    """The number of a trial id ("P3", "p3"); ``NotFoundError`` for anything else."""
    return prefixed_number(trial_id, TRIAL_PREFIX, "Prøvehandlingen")


class TrialStatus(StrEnum):
    """Where a trial is. Not a straight line: "Forlæng" takes it back to I gang."""

    PLANLAGT = "planlagt"
    I_GANG = "i_gang"
    EVALUERES = "evalueres"
    AFSLUTTET = "afsluttet"


TRIAL_STATUS_LABELS: dict[str, str] = {
    TrialStatus.PLANLAGT: "Planlagt",
    TrialStatus.I_GANG: "I gang",
    TrialStatus.EVALUERES: "Evalueres",
    TrialStatus.AFSLUTTET: "Afsluttet",
}


class Recommendation(StrEnum):
    """The indstilling that ends a cycle."""

    FORLAENG = "forlaeng"
    IMPLEMENTER = "implementer"
    JUSTER = "juster"
    STOP = "stop"


RECOMMENDATION_LABELS: dict[str, str] = {
    Recommendation.FORLAENG: "Forlæng",
    Recommendation.IMPLEMENTER: "Implementér",
    Recommendation.JUSTER: "Justér",
    Recommendation.STOP: "Stop",
}

RECOMMENDATION_ASKS: dict[str, str] = {
    Recommendation.FORLAENG: "Nyt fokus",
    Recommendation.IMPLEMENTER: "Hvor implementeres den",
    Recommendation.JUSTER: "Hvad justeres i næste cyklus",
    Recommendation.STOP: "Hvorfor stoppes den",
}
"""What the evaluation asks for with each indstilling (it may not be left empty)."""

PHASES: dict[str, str] = {"plan": "Plan", "do": "Udførelse", "study": "Analyse",
                          "act": "Handling"}
"""The PDSA phase a history entry belongs to, with its Danish name."""


@dataclass
class TrialStep:
    """One entry of a trial's history: when, in which meeting, which phase, and what."""

    at: datetime
    status: str
    phase: str = "do"
    meeting_id: int | None = None
    comment: str = ""
    evaluate: date | None = None


@dataclass
class Trial:
    """A trial action of one council, one PDSA cycle; ``previous_id`` / ``next_id`` link the
    cycles of a trial adjusted ("Justér") into a new one."""

    id: str
    council_id: str
    title: str
    evaluate: date
    created: datetime
    problem: str = ""
    hypothesis: str = ""
    participants: str = ""
    measure: str = ""
    owner: str = ""
    start: date | None = None
    status: str = TrialStatus.PLANLAGT
    meeting_id: int | None = None
    source: str = ""
    recommendation: str = ""
    recommendation_text: str = ""
    follow_up_months: int | None = None
    follow_up_id: str = ""
    previous_id: str = ""
    next_id: str = ""
    cycle: int = 1
    history: list[TrialStep] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status != TrialStatus.AFSLUTTET

    def evaluation_due(self, on: date) -> bool:
        """Whether the trial waits for its evaluation on ``on`` (its date has come)."""
        return self.is_open and self.evaluate <= on


def for_meeting(trials: list[Trial], on: date) -> tuple[list[Trial], list[Trial]]:
    """What a meeting held ``on`` takes up: the trials due for evaluation (oldest date
    first), then the ones still running, for a short status."""
    due = sorted((t for t in trials if t.evaluation_due(on)), key=lambda t: (t.evaluate, t.id))
    running = sorted((t for t in trials if t.is_open and not t.evaluation_due(on)),
                     key=lambda t: (t.evaluate, t.id))
    return due, running


def new_trial(trial_id: str, council_id: str, title: str, evaluate: date, at: datetime, *,
              problem: str = "", hypothesis: str = "", participants: str = "",
              measure: str = "", owner: str = "", start: date | None = None,
              meeting_id: int | None = None, source: str = "",
              previous: Trial | None = None) -> Trial:
    """A trial as planned; it is I gang from the start when its start date has come."""
    if not title.strip():
        raise MeetingToolError("Prøvehandlingen skal have en titel.")
    if start is not None and evaluate < start:
        raise MeetingToolError(
            f"Evalueringsdatoen {format_date(evaluate)} ligger før startdatoen "
            f"{format_date(start)}.")
    status = (TrialStatus.I_GANG if start is not None and start <= at.date()
              else TrialStatus.PLANLAGT)
    plan = "; ".join(part for part in (problem.strip(), hypothesis.strip()) if part)
    return Trial(
        id=trial_id, council_id=council_id, title=title.strip(), evaluate=evaluate, created=at,
        problem=problem.strip(), hypothesis=hypothesis.strip(),
        participants=participants.strip(), measure=measure.strip(), owner=owner.strip(),
        start=start, status=status, meeting_id=meeting_id, source=source,
        previous_id=previous.id if previous else "",
        cycle=previous.cycle + 1 if previous else 1,
        history=[TrialStep(at=at, status=status, phase="plan", meeting_id=meeting_id,
                           comment=plan, evaluate=evaluate)],
    )


def note_status(trial: Trial, at: datetime, comment: str, *,
                meeting_id: int | None = None) -> None:
    """A short status at a meeting (Do: what was done); a planned trial whose start date has
    come is I gang from now."""
    if not trial.is_open:
        raise MeetingToolError(f"Prøvehandlingen {trial.id} er afsluttet.")
    if not comment.strip():
        raise MeetingToolError("Skriv, hvad der er gjort.")
    if trial.status == TrialStatus.PLANLAGT:
        trial.status = TrialStatus.I_GANG
    trial.history.append(TrialStep(at=at, status=trial.status, phase="do",
                                   meeting_id=meeting_id, comment=comment.strip()))


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months (the 31st becomes the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class Evaluation:
    """What the council concluded: the Study notes and the indstilling."""

    study: str
    recommendation: str
    text: str
    new_evaluate: date | None = None
    follow_up_months: int | None = None


def evaluate(trial: Trial, at: datetime, evaluation: Evaluation, *,
             meeting_id: int | None = None) -> date | None:
    """Record the evaluation on ``trial`` (Study and Act in its history) and return the due
    date of the "følg op efter N måneder" follow-up to make, if asked for.

    Forlæng takes the trial back to I gang with the new focus and a new evaluation date;
    Implementér and Stop end it; Justér ends this cycle (the caller makes the linked new one
    with ``new_trial(previous=trial)``).
    """
    if not trial.is_open:
        raise MeetingToolError(f"Prøvehandlingen {trial.id} er allerede afsluttet.")
    try:
        recommendation = Recommendation(evaluation.recommendation)
    except ValueError:
        choices = ", ".join(RECOMMENDATION_LABELS.values())
        raise MeetingToolError(
            f"Ukendt indstilling '{evaluation.recommendation}'. Brug en af: {choices}."
        ) from None
    text = evaluation.text.strip()
    if not text:
        raise MeetingToolError(f"{RECOMMENDATION_ASKS[recommendation]}? Feltet må ikke være tomt.")
    needs_date = recommendation in (Recommendation.FORLAENG, Recommendation.JUSTER)
    if needs_date and (evaluation.new_evaluate is None or evaluation.new_evaluate <= at.date()):
        raise MeetingToolError(
            f"{RECOMMENDATION_LABELS[recommendation]} kræver en ny evalueringsdato efter "
            f"{format_date(at.date())}.")
    months = evaluation.follow_up_months
    if months is not None and not 1 <= months <= 60:
        raise MeetingToolError("'Følg op efter' skal være mellem 1 og 60 måneder.")
    if evaluation.study.strip():
        trial.history.append(TrialStep(at=at, status=TrialStatus.EVALUERES, phase="study",
                                       meeting_id=meeting_id,
                                       comment=evaluation.study.strip()))
    trial.recommendation = recommendation
    trial.recommendation_text = text
    trial.follow_up_months = months
    if recommendation == Recommendation.FORLAENG:
        assert evaluation.new_evaluate is not None
        trial.status = TrialStatus.I_GANG
        trial.evaluate = evaluation.new_evaluate
    else:
        trial.status = TrialStatus.AFSLUTTET
    trial.history.append(TrialStep(
        at=at, status=trial.status, phase="act", meeting_id=meeting_id,
        comment=f"{RECOMMENDATION_LABELS[recommendation]}: {text}",
        evaluate=evaluation.new_evaluate if needs_date else None))
    return add_months(at.date(), months) if months else None


def status_words(trial: Trial, on: date) -> str:
    """The trial's state in a few Danish words, e.g. "I gang · evalueres 1. juni 2027"."""
    from meetingtool.core.dates import format_date

    label = TRIAL_STATUS_LABELS.get(trial.status, trial.status)
    if not trial.is_open:
        verdict = RECOMMENDATION_LABELS.get(trial.recommendation, "")
        return f"{label} · {verdict}" if verdict else label
    if trial.evaluation_due(on):
        return f"{label} · skal evalueres (dato {format_date(trial.evaluate)})"
    return f"{label} · evalueres {format_date(trial.evaluate)}"


def trial_lines(trial: Trial, council_name: str, today: date) -> list[str]:
    """A trial's cycle as lines of text: the plan, where it stands, then its history."""
    from meetingtool.core.dates import format_date, format_date_short

    lines = [f"{trial.id}: {trial.title} (cyklus {trial.cycle})",
             f"  Råd: {council_name}",
             f"  Status: {status_words(trial, today)}"]
    for label, value in (("Ansvarlig", trial.owner), ("Problem", trial.problem),
                         ("Hvad forventer vi", trial.hypothesis),
                         ("Deltagere", trial.participants), ("Måling", trial.measure),
                         ("Start", format_date(trial.start) if trial.start else ""),
                         ("Kilde", trial.source)):
        if value:
            lines.append(f"  {label}: {value}")
    if trial.recommendation:
        lines.append(f"  Indstilling: {RECOMMENDATION_LABELS[trial.recommendation]}: "
                     f"{trial.recommendation_text}")
    if trial.follow_up_id:
        lines.append(f"  Følges op: opfølgningspunkt {trial.follow_up_id}")
    lines.append("  Forløb:")
    for step in trial.history:
        where = f", møde {step.meeting_id}" if step.meeting_id else ""
        lines.append(f"    {format_date_short(step.at.date())} {PHASES.get(step.phase, '')}"
                     f"{where}: {step.comment or TRIAL_STATUS_LABELS.get(step.status, '')}")
    return lines


def parse_recommendation(text: str) -> str:
    """An indstilling as typed: its first letter (f, i, j, s) or its word, any case."""
    typed = text.strip().casefold()
    for key, label in RECOMMENDATION_LABELS.items():
        if typed and (typed == key or typed == label.casefold()):
            return key
    by_letter = {"f": Recommendation.FORLAENG, "i": Recommendation.IMPLEMENTER,
                 "j": Recommendation.JUSTER, "s": Recommendation.STOP}
    if typed in by_letter:
        return by_letter[typed]
    raise MeetingToolError(
        "Skriv indstillingen som f (forlæng), i (implementér), j (justér) eller s (stop).")


RECEIVES_TRIALS = "proevehandlinger"


def trials_item(meeting: Meeting) -> MeetingItem | None:
    """The item where the meeting takes up its trials: the one whose template says it
    ``receives = ["proevehandlinger"]`` (every shipped template but triage has one), else
    one whose title names them."""
    for item in meeting.items:
        if RECEIVES_TRIALS in item.receives:
            return item
    for item in meeting.items:
        if "prøvehandling" in item.title.casefold():
            return item
    return None
