"""How the minutes tell a trial action (prøvehandling) taken up in a meeting: a short block
per trial — where it stands, what was said at this meeting (status, what we saw), and the
indstilling when it was given here."""

from __future__ import annotations

from typing import Any

from meetingtool.core.dates import format_date
from meetingtool.core.trials import (
    PHASES,
    RECOMMENDATION_LABELS,
    TRIAL_STATUS_LABELS,
    Trial,
    TrialStep,
)
from meetingtool.export.sections import Block, Facts, Paragraph
from meetingtool.export.wording import clean


def _steps_here(trial: Trial, meeting_id: int) -> list[TrialStep]:
    return [step for step in trial.history if step.meeting_id == meeting_id]


def trial_blocks(trial: Trial, meeting_id: int) -> list[Block]:
    """The block of one trial in the minutes of meeting ``meeting_id``."""
    steps = _steps_here(trial, meeting_id)
    decided_here = any(step.phase == "act" for step in steps)
    facts = [("Status", TRIAL_STATUS_LABELS.get(trial.status, trial.status))]
    if trial.owner:
        facts.append(("Ansvarlig", clean(trial.owner)))
    if trial.is_open:
        facts.append(("Evalueres", format_date(trial.evaluate)))
    if trial.measure:
        facts.append(("Måling", clean(trial.measure)))
    blocks: list[Block] = [
        Paragraph(clean(trial.title), label=f"Prøvehandling {trial.id}"),
        Facts(tuple(facts)),
    ]
    for step in steps:
        if step.phase == "act":
            continue  # the indstilling gets its own line below
        text = step.comment or TRIAL_STATUS_LABELS.get(step.status, "")
        label = "Planlagt" if step.phase == "plan" else PHASES.get(step.phase, "")
        blocks.append(Paragraph(clean(text), label=label))
    if decided_here and trial.recommendation:
        verdict = RECOMMENDATION_LABELS[trial.recommendation]
        text = f"{verdict}: {clean(trial.recommendation_text)}"
        if trial.follow_up_months:
            text += f" Følges op efter {trial.follow_up_months} måneder."
        if trial.next_id:
            text += f" Fortsætter som prøvehandling {trial.next_id}."
        blocks.append(Paragraph(text, label="Indstilling"))
    return blocks


def trial_record(trial: Trial, meeting_id: int) -> dict[str, Any]:
    """The JSON export's record of a trial taken up in meeting ``meeting_id``."""
    steps = _steps_here(trial, meeting_id)
    decided_here = any(step.phase == "act" for step in steps)
    return {
        "id": trial.id,
        "title": trial.title,
        "status": trial.status,
        "status_label": TRIAL_STATUS_LABELS.get(trial.status, trial.status),
        "owner": trial.owner,
        "evaluate": trial.evaluate.isoformat(),
        "measure": trial.measure,
        "cycle": trial.cycle,
        "previous_id": trial.previous_id,
        "next_id": trial.next_id,
        "steps": [{"phase": step.phase, "phase_label": PHASES.get(step.phase, ""),
                   "comment": step.comment, "at": step.at.isoformat(timespec="seconds")}
                  for step in steps],
        "recommendation": trial.recommendation if decided_here else "",
        "recommendation_text": trial.recommendation_text if decided_here else "",
        "follow_up_months": trial.follow_up_months if decided_here else None,
    }
