"""What the home screen shows, read from the store in one go: the councils with how their
follow-ups and trials stand today, and the highlighted council's newest meetings.

Plain functions of the store (no Textual), run on the app's writer or, the first time,
before the first frame (``screens/home.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from meetingtool.core.model import Council, MeetingSummary

MEETINGS_SHOWN = 20
"""The newest meetings listed per council until the user asks for all (``a``): years of
weekly triage rounds would otherwise cost time on every visit to the home screen."""


@dataclass
class CouncilLine:
    """One line of the councils table: the council and how its follow-ups stand today."""

    council: Council
    open_followups: int
    overdue_followups: int
    trials_due: int = 0
    """Trial actions whose evaluation date has passed (they wait for an indstilling)."""


def council_lines(store, today: date) -> list[CouncilLine]:
    """Every council with its count of open and of overdue follow-ups."""
    lines = []
    for council in store.councils():
        open_followups = store.open_followups(council.id)
        overdue = sum(1 for followup in open_followups if followup.is_overdue(today))
        due = sum(1 for trial in store.trials(council.id, open_only=True)
                  if trial.evaluation_due(today))
        lines.append(CouncilLine(council, len(open_followups), overdue, due))
    return lines


@dataclass
class HomeData:
    """What the home screen shows, read in one go (on the writer, or before the first frame)."""

    lines: list[CouncilLine] | None
    """``None`` when only the meetings were read (another council highlighted)."""
    council_id: str | None
    """The council whose meetings ``summaries`` are."""
    summaries: list[MeetingSummary]
    limit: int | None


def read_home(store, today: date, council_id: str | None, show_all_of: str | None,
              *, councils: bool = True) -> HomeData:
    """The councils (unless ``councils`` is false) and the meetings of ``council_id`` (or,
    when it is no longer there, of the first council)."""
    lines = council_lines(store, today) if councils else None
    if lines is not None and council_id not in {line.council.id for line in lines}:
        council_id = lines[0].council.id if lines else None
    limit = None if council_id == show_all_of else MEETINGS_SHOWN + 1
    summaries = store.meetings(council_id, limit=limit) if council_id else []
    return HomeData(lines, council_id, summaries, limit)
