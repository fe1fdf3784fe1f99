"""The Danish wording of a triage meeting's minutes: the board, the trend, the
borgergennemgang.

The board lists every resident of the team, rated or not: a resident nobody rated that day
is "Ikke vurderet", so a secretary sees whom the round missed. A task past its due date at
the meeting is marked on the resident's row, as the `followups` list marks it.
"""

from __future__ import annotations

from meetingtool.core.model import TriageEntry
from meetingtool.core.triage import BORGERGENNEMGANG_QUESTIONS, colour_mark
from meetingtool.core.vocab import TRIAGE_COLOURS, TriageColour
from meetingtool.export.bundle import MinutesBundle
from meetingtool.export.wording import DASH, clean, resident_label, short_date_or_dash

TRIAGE_HEADER = ["Beboer", "Farve", "Tendens", "Ændring", "Handling", "Ansvarlig", "Frist"]
TRIAGE_SHARES = (0.16, 0.14, 0.13, 0.14, 0.14, 0.12, 0.17)  # '● Rød', dates on one line
NOT_RATED = "Ikke vurderet"
OVERDUE = "overskredet"

_ORDER: dict[str, int] = {key: index for index, key in enumerate(TriageColour)}


def trend_text(colours: list[str | None]) -> str:
    """"Gul → Gul → – → Rød", oldest first; a meeting without a rating is "–"."""
    if not any(colours):
        return DASH
    return " → ".join(TRIAGE_COLOURS.get(colour or "", DASH) for colour in colours)


def _board_order(bundle: MinutesBundle) -> tuple[list[str], dict[str, TriageEntry]]:
    """The residents on the board, red first, those not rated last, and their entries."""
    entries = {entry.resident_id: entry for entry in bundle.triage_entries}
    shown = [resident_id for resident_id, resident in bundle.residents.items()
             if resident.active or resident_id in entries]
    shown += [resident_id for resident_id in entries if resident_id not in bundle.residents]
    shown.sort(key=lambda rid: (_ORDER.get(entries[rid].colour, 9) if rid in entries else 10,
                                resident_label(bundle, rid)))
    return shown, entries


def triage_rows(bundle: MinutesBundle) -> list[list[str]]:
    """One row per resident on the board, red first, those not rated last; the colour as a
    shape and a word (never colour alone); the due date of the resident's follow-up (made
    in this round, else one still open from an earlier round), marked when it had passed
    by the meeting's day."""
    shown, entries = _board_order(bundle)
    day = bundle.meeting.date
    rows = []
    for resident_id in shown:
        label = resident_label(bundle, resident_id)
        entry = entries.get(resident_id)
        due = DASH
        for followup in bundle.followups_created + bundle.open_followups:
            # a dropped task (the colour changed) or an escalation has no due date to show
            if (followup.resident and followup.resident in (resident_id, label)
                    and followup.due is not None and followup.status != "udgaaet"):
                due = short_date_or_dash(followup.due)
                if followup.is_overdue(day):
                    due += f" ({OVERDUE})"
                break
        colour = colour_mark(entry.colour) if entry and entry.colour else NOT_RATED
        rows.append([
            label,
            colour,
            trend_text(bundle.trends.get(resident_id, [])),
            clean(entry.change) if entry and entry.change else DASH,
            clean(entry.action) if entry and entry.action else DASH,
            clean(entry.owner) if entry and entry.owner else DASH,
            due,
        ])
    return rows


TRIAGE_SHADES: dict[str, str] = {TriageColour.ROED: "F2B8B8", TriageColour.GUL: "FFF0A0"}
"""Row fills of the printed board: red darker than yellow, so greyscale keeps them apart."""


def triage_shades(bundle: MinutesBundle) -> list[str]:
    """The fill of each row of ``triage_rows`` (same order), "" for green or not rated."""
    shown, entries = _board_order(bundle)
    return [TRIAGE_SHADES.get(entries[rid].colour or "", "") if rid in entries else ""
            for rid in shown]


def borgergennemgang_parts(bundle: MinutesBundle) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each borgergennemgang made at the meeting: the resident and the five answers."""
    parts = []
    for review in bundle.borgergennemgange:
        answers = [(question, clean(review.answers.get(key, "")).strip() or DASH)
                   for key, question in BORGERGENNEMGANG_QUESTIONS.items()]
        parts.append((resident_label(bundle, review.resident_id), answers))
    return parts
