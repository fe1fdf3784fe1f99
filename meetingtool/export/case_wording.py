"""The Danish wording of cases sent between councils: what a receiving council decided
about each case, and the answers a sending council has had back.

A receiving council's minutes say, for each case it received, what it decided there and
then (status, owner, due date, the comments made in the meeting), not the sender's status.
A sending council's next minutes ("Svar på sager sendt videre") give the latest word from
wherever the case is now (``core.cases``).
"""

from __future__ import annotations

from meetingtool.core.dates import format_date_short
from meetingtool.export.bundle import MinutesBundle
from meetingtool.export.bundle_cases import CaseAnswer, EscalationLine
from meetingtool.export.wording import (
    DASH,
    clean,
    followup_status_label,
    short_date_or_dash,
    what,
)

RECEIVED_HEADER = ["Sag", "Fra", "Begrundelse", "Besluttet her"]
RECEIVED_SHARES = (0.28, 0.18, 0.24, 0.30)
ANSWERS_HEADER = ["Sag", "Sendt til", "Hvor nu", "Seneste nyt"]
ANSWERS_SHARES = (0.28, 0.20, 0.20, 0.32)
ANSWERS_TITLE = "Svar på sager sendt videre"


def decided_here(line: EscalationLine) -> str:
    """"I gang · ansvarlig: Hanne · frist 1.12.2026 · Besluttet fælles instruks"."""
    followup = line.followup
    parts = [followup_status_label(followup.status)]
    if followup.owner:
        parts.append(f"ansvarlig: {clean(followup.owner)}")
    if followup.due:
        parts.append(f"frist {format_date_short(followup.due)}")
    parts += [clean(comment) for comment in line.here]
    return " · ".join(parts)


def received_row(line: EscalationLine, bundle: MinutesBundle | None = None) -> list[str]:
    return [what(line.followup, bundle), clean(line.other_council), clean(line.reason),
            decided_here(line)]


def answer_row(answer: CaseAnswer, bundle: MinutesBundle | None = None) -> list[str]:
    word = answer.word
    sent = f"{clean(answer.sent_to)} {short_date_or_dash(answer.sent_on)}"
    where = f"{clean(word.council_name)}: {word.status_label}"
    news = []
    if word.owner and not word.waiting:
        news.append(f"ansvarlig: {clean(word.owner)}")
    if word.due and not word.waiting:
        news.append(f"frist {format_date_short(word.due)}")
    news += [clean(comment) for comment in word.comments[-2:]]
    return [what(answer.followup, bundle), sent, where, " · ".join(news) or DASH]
