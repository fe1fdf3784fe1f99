"""Trial actions (prøvehandlinger): started from a decision, a received case or the CLI,
followed at every meeting, evaluated with an indstilling.

The rules are ``core.trials``; this module stores what they decide: a "Justér" makes the
linked next cycle, a "følg op efter N måneder" makes that follow-up in the council.
"""

from __future__ import annotations

from datetime import date

from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Meeting
from meetingtool.core.trials import (
    RECOMMENDATION_LABELS,
    Evaluation,
    Recommendation,
    Trial,
    evaluate,
    for_meeting,
    new_trial,
    note_status,
)
from meetingtool.store.api import Store


def start_trial(store: Store, council_id: str, title: str, evaluate_on: date, *,
                problem: str = "", hypothesis: str = "", participants: str = "",
                measure: str = "", owner: str = "", start: date | None = None,
                meeting_id: int | None = None, source: str = "") -> Trial:
    """Plan a new trial action of a council and store it."""
    council = store.council(council_id)
    trial = new_trial("", council.id, title, evaluate_on, store.now().replace(microsecond=0),
                      problem=problem, hypothesis=hypothesis, participants=participants,
                      measure=measure, owner=owner, start=start, meeting_id=meeting_id,
                      source=source)
    return store.add_trial(trial)


def trial_from_decision(store: Store, meeting: Meeting, decision_id: str, evaluate_on: date,
                        *, title: str = "", owner: str = "", measure: str = "",
                        problem: str = "", hypothesis: str = "", participants: str = "",
                        start: date | None = None) -> Trial:
    """Turn a decision of a meeting into a trial action ("Vi prøver faste spisevenner ...");
    the decision's text is the title unless a title is given."""
    decision = next((d for d in store.decisions(meeting.id) if d.id == decision_id), None)
    if decision is None:
        raise MeetingToolError(f"Beslutningen '{decision_id}' findes ikke i møde {meeting.id}.")
    return start_trial(store, meeting.council_id, title or decision.text, evaluate_on,
                       meeting_id=meeting.id, source=f"Beslutning {decision.id}", owner=owner,
                       measure=measure, problem=problem, hypothesis=hypothesis,
                       participants=participants, start=start)


def record_status(store: Store, trial_id: str, comment: str, *,
                  meeting_id: int | None = None) -> Trial:
    """A short status at a meeting (what was done)."""
    trial = store.trial(trial_id)
    note_status(trial, store.now().replace(microsecond=0), comment, meeting_id=meeting_id)
    store.save_trial(trial)
    return trial


def evaluate_trial(store: Store, trial_id: str, evaluation: Evaluation, *,
                   meeting_id: int | None = None) -> tuple[Trial, Trial | None]:
    """Evaluate a trial: its indstilling recorded, and what follows from it stored. Returns
    the trial and, after "Justér", the new cycle linked to it."""
    trial = store.trial(trial_id)
    at = store.now().replace(microsecond=0)
    follow_up_on = evaluate(trial, at, evaluation, meeting_id=meeting_id)
    next_cycle = None
    if trial.recommendation == Recommendation.JUSTER:
        assert evaluation.new_evaluate is not None
        next_cycle = store.add_trial(new_trial(
            "", trial.council_id, trial.title, evaluation.new_evaluate, at,
            problem=trial.problem, hypothesis=trial.recommendation_text,
            participants=trial.participants, measure=trial.measure, owner=trial.owner,
            start=at.date(), meeting_id=meeting_id, source=f"Justering af {trial.id}",
            previous=trial))
        trial.next_id = next_cycle.id
    if follow_up_on is not None:
        home = meeting_id if meeting_id is not None else _latest_meeting(store, trial)
        verdict = RECOMMENDATION_LABELS[trial.recommendation]
        followup = store.add_followup(
            home, None, f"Følg op på prøvehandlingen {trial.id} '{trial.title}' ({verdict})",
            owner=trial.owner, due=follow_up_on)
        trial.follow_up_id = followup.id
    store.save_trial(trial)
    return trial, next_cycle


def _latest_meeting(store: Store, trial: Trial) -> int:
    """Where a follow-up made outside a meeting is kept: the council's newest meeting."""
    latest = store.meetings(trial.council_id, limit=1)
    if not latest:
        raise MeetingToolError(
            "'Følg op efter' laves som et opfølgningspunkt i et af rådets møder, og rådet "
            "har ingen møder endnu. Evaluér prøvehandlingen på et møde.")
    return latest[0].id


def trials_for_meeting(store: Store, meeting: Meeting) -> tuple[list[Trial], list[Trial]]:
    """What a meeting of the council takes up: trials due for evaluation (until they are
    evaluated, at every meeting), then the ones still running."""
    return for_meeting(store.trials(meeting.council_id, open_only=True), meeting.date)


def cycles(store: Store, trial: Trial) -> list[Trial]:
    """Every cycle of a trial adjusted into new ones, first to last."""
    chain = [trial]
    seen = {trial.id}
    while chain[0].previous_id and chain[0].previous_id not in seen:
        chain.insert(0, store.trial(chain[0].previous_id))
        seen.add(chain[0].id)
    while chain[-1].next_id and chain[-1].next_id not in seen:
        chain.append(store.trial(chain[-1].next_id))
        seen.add(chain[-1].id)
    return chain
