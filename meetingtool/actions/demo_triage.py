"""The demo's triage team: residents on the board and three weekly rounds at it.

"Afdeling Birk" has 18 residents, known by initials and room only (never a name or CPR).
Each past round is recorded through the triage round's own rules (``actions.triage``), as
the triage screen would record it: the colour rules make their follow-ups, an owner set
at the board takes them, and the next round closes them. KL is yellow three rounds
running; AB's falls at night are sent to the kvalitetsudvalg at the second round (the
case the demo follows on to the tværgående kvalitetsråd); PD's red task at the last round
has no owner yet, so the next round's board says "ansvarlig mangler".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from meetingtool.actions.triage import TriageRound
from meetingtool.core import triage
from meetingtool.core.model import Council, Meeting
from meetingtool.core.vocab import TriageColour

__all__ = ["RESIDENTS", "ROUNDS", "record_round"]

RED, YELLOW, GREEN = TriageColour.ROED, TriageColour.GUL, TriageColour.GROEN

RESIDENTS = [("AB", "12"), ("KL", "7"), ("HN", "4"), ("EJ", "9"), ("OM", "15"), ("TS", "3"),
             ("BV", "1"), ("GR", "2"), ("IP", "5"), ("JM", "6"), ("LF", "8"), ("MK", "10"),
             ("NS", "11"), ("PD", "14"), ("RH", "16"), ("SA", "17"), ("UC", "18"),
             ("VE", "20")]
"""The team's residents: initials and room."""

ROUNDS: list[dict[str, tuple[str, str, str, str]]] = [
    {
        "AB": (RED, "Faldet i nat, ny", "Tilsyn hver anden time om natten", "Mette Dahl"),
        "KL": (YELLOW, "Drikker for lidt", "Væskeskema i tre døgn", "Anders Lund"),
        "HN": (YELLOW, "Hjem fra sygehus", "Træningsplan", "Sofie Lind"),
        "TS": (YELLOW, "Mere uro om aftenen", "", ""),
    },
    {
        "AB": (RED, "Faldet igen i nat, tredje fald på en måned", "Tilsyn fortsætter",
               "Mette Dahl"),
        "KL": (YELLOW, "Drikker stadig for lidt", "Væskeskemaet fortsætter", "Anders Lund"),
        "HN": (GREEN, "Går selv med rollator igen", "", ""),
        "TS": (GREEN, "Roligere med fast aftenrutine", "", ""),
        "MK": (YELLOW, "Spiser mindre", "Vægt hver uge", "Ali Hassan"),
        "RH": (RED, "Feber og hoste", "Lægen tilkaldt", "Mette Dahl"),
    },
    {
        "AB": (YELLOW, "Ingen fald siden natligt tilsyn", "Tilsyn fortsætter", "Ali Hassan"),
        "KL": (YELLOW, "Drikker ca. 900 ml om dagen", "Drøftes med lægen", "Anders Lund"),
        "MK": (GREEN, "Spiser igen", "", ""),
        "RH": (YELLOW, "Feberfri, stadig træt", "Hvile efter frokost", "Camilla Juhl"),
        "PD": (RED, "Rødme på hælen", "Trykaflastning", ""),
        "SA": (YELLOW, "Ked af det efter besøg", "Samtale med kontaktperson", "Camilla Juhl"),
    },
]
"""Each past round: initials -> (colour, what changed, action, owner); the rest are green."""

ESCALATED = ("AB", 1)
"""Whose case goes to the kvalitetsudvalg, and at which round (0 = the first)."""
ESCALATION_TEXT = "Gentagne fald om natten"
ESCALATION_REASON = "Tilbagevendende problem; tredje fald på en måned"

RULE_TASK_DONE = {
    "Sygeplejefaglig vurdering": "Vurderet af sygeplejersken",
    "Handleplan": "Handleplanen er lagt i omsorgsjournalen",
}
"""What the next round says about a colour rule's task from the round before."""


def record_round(store, meeting: Meeting, item_id: int, index: int, *,
                 wall: Callable[[], datetime], committee: Council | None) -> dict[str, str]:
    """Rate every resident at round ``index`` (adding the residents at the first one).

    ``committee`` receives the escalated case (skipped when None). Returns the ids of the
    colour rules' follow-ups still open, each with what the next round says when it closes
    it; the item's notes get the round's counts.
    """
    if not store.residents(meeting.council_id):
        for initials, room in RESIDENTS:
            store.add_resident(meeting.council_id, initials, room)
    rating = TriageRound(store, meeting.id, item_id, wall=wall)
    ratings = ROUNDS[index % len(ROUNDS)]
    for resident in rating.residents:
        colour, change, action, owner = ratings.get(resident.initials, (GREEN, "", "", ""))
        rating.rate(resident.id, colour)
        if change or action or owner:
            rating.note(resident.id, change=change, action=action, owner=owner)
        if committee is not None and (resident.initials, index) == ESCALATED:
            rating.escalate(resident.id, committee.name, ESCALATION_TEXT, ESCALATION_REASON)
    recorded = store.meeting(meeting.id)
    recorded.item(item_id).notes = f"Runde ved tavlen: {triage.format_counts(rating.counts())}."
    store.save_meeting(recorded)
    return {
        followup.id: RULE_TASK_DONE.get(followup.text.split(" – ")[0], "Udført")
        for followup in rating.followups
        if followup.is_open and followup.escalated_to is None
    }
