"""What the triage screen shows, read on the app's writer (never on the screen's thread).

``read_round`` opens the round in one job: ``actions.triage.TriageRound`` reads the team's
residents, their trend, today's ratings and the open tasks, and beside it come what the
panel and the dialogs would otherwise ask the store for while drawing: the line about each
case sent on, and the councils a row can be sent to.

``row_cells`` and ``panel_text`` then build a row and the panel about the selected
resident from what was read, without touching the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from rich.text import Text

from meetingtool.actions.triage import TriageRound
from meetingtool.core import triage
from meetingtool.core.dates import format_date, format_duration
from meetingtool.core.model import FollowUp
from meetingtool.tui.widgets.triage_board import colour_cell, trend_cell

__all__ = ["KEY_WAIT_SECONDS", "LOADING", "TriageData", "panel_text", "read_round",
           "row_cells"]

LOADING = "Henter triagerunden …"

KEY_WAIT_SECONDS = 1.0
"""How long a key typed before the round is there waits for it (as on the review
screen); longer (a backup of a large store on the writer) and the team is told to wait."""


@dataclass
class TriageData:
    """The round as read on the writer, and what the panel and the dialogs need besides."""

    round: TriageRound
    escalation_texts: dict[str, str] = field(default_factory=dict)
    """Follow-up id -> where the case went and what became of it there."""
    targets: list[str] = field(default_factory=list)
    """The councils a row can be sent to, kvalitetsudvalg first."""


def read_round(store, meeting_id: int, item_id: int,
               wall: Callable[[], datetime]) -> TriageData:
    """On the writer: the round, the lines about its cases sent on, the targets."""
    triage_round = TriageRound(store, meeting_id, item_id, wall=wall)
    data = TriageData(triage_round, targets=triage_round.escalation_targets())
    for resident in triage_round.residents:
        sent = triage_round.escalated(resident.id)
        if sent is not None and sent.id not in data.escalation_texts:
            data.escalation_texts[sent.id] = triage_round.escalation_text(sent)
    return data


# --- Drawing from what was read (the screen's thread) -----------------------------------


def row_cells(triage_round: TriageRound, resident_id: str) -> dict[str, Text]:
    """A resident's row: each column as styled text (not yet cut to width)."""
    resident = triage_round.resident(resident_id)
    entry = triage_round.entries.get(resident_id)
    name = " ".join(p for p in (resident.initials, resident.room) if p)
    if triage_round.escalated(resident_id):
        name += " ↑"
    resident_cell = Text(name, style="bold")
    if overdue_tasks(triage_round, resident_id):  # "!" in red: a task past its due date
        resident_cell.append(" !")
        resident_cell.stylize("red", len(name))
    change, automatic = triage_round.change_text(resident_id)
    return {
        "resident": resident_cell,
        "colour": colour_cell(triage_round.colour(resident_id)),
        "trend": trend_cell(triage_round.trends.get(resident_id, [])),
        "change": Text(" ".join(change.split()), style="italic dim" if automatic else ""),
        "action": Text(" ".join((entry.action if entry else "").split())),
        "owner": Text(entry.owner if entry else ""),
    }


def overdue_tasks(triage_round: TriageRound, resident_id: str) -> list[FollowUp]:
    """The resident's open tasks past their due date at this meeting (marked "!")."""
    day = triage_round.meeting.date
    tasks = triage_round.followups_of(resident_id) + triage_round.earlier_of(resident_id)
    return [f for f in tasks if f.escalated_to is None and f.is_overdue(day)]


def panel_text(triage_round: TriageRound, resident_id: str, timer: triage.RoundTimer,
               escalation_texts: dict[str, str]) -> Text:
    """The panel about the selected resident: colour, countdown, trend, cases, tasks."""
    resident = triage_round.resident(resident_id)
    budget = triage_round.budget(resident_id)
    remaining = budget - timer.used(resident_id)
    phase = triage.phase(remaining, budget)
    style = {"normal": "bold", "snart": "bold yellow", "overtid": "bold red reverse"}[phase]
    countdown = (f"{format_duration(remaining)} tilbage" if remaining >= 0
                 else f"{format_duration(-remaining)} over tid")
    line = Text.assemble(
        (resident.label, "bold"), " · ", colour_cell(triage_round.colour(resident_id)),
        " · ", (countdown, style), f" (ramme {format_duration(budget)})",
    )
    trend = triage_round.trends.get(resident_id, [])
    last = triage.latest_colour(trend)
    running = triage.weeks_running(trend, last) if last else 0
    extra = []
    if trend and any(trend):
        extra.append(f"tendens: {triage.trend_words(trend)}")
    if running >= 3:
        extra.append(f"{triage.colour_label(last)} ved de seneste {running} møder")
    escalated = triage_round.escalated(resident_id)
    if escalated is not None and escalated.id in escalation_texts:
        extra.append(escalation_texts[escalated.id])
    day = triage_round.meeting.date
    tasks = [f for f in triage_round.followups_of(resident_id)
             if f.is_open and f.escalated_to is None]
    if tasks:
        extra.append("opfølgning: " + "; ".join(_task(f, day) for f in tasks) + "  (o: luk)")
    earlier = [f for f in triage_round.earlier_of(resident_id) if f.escalated_to is None]
    if earlier:
        extra.append("åben fra tidligere: " + "; ".join(_task(f, day) for f in earlier)
                     + "  (o: luk)")
    if extra:  # one line each, so a long list of tasks is not cut at the edge
        line.append("\n" + "\n".join(extra), style="italic")
    return line


def _task(followup: FollowUp, day: date) -> str:
    """A follow-up in the panel: its rule text without the deadline, and who has it; one
    past its due date at the meeting says so."""
    owner = f" ({followup.owner})" if followup.owner else " (ansvarlig mangler)"
    text = followup.text.split(" – ")[0] + owner
    if followup.is_overdue(day) and followup.due is not None:
        text += f" – overskredet, frist {format_date(followup.due)}"
    return text
