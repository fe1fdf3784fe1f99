"""The demo's script: who sits in which council, when they meet, what they decide.

Plain data, no I/O: the councils' names and members, each council's meeting days
(relative to today), the follow-ups each meeting records with what later meetings decide
about them (``Spec``), the decisions and notes. ``actions.demo`` plays it through the
store; the triage team's rounds are in ``actions.demo_triage``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from meetingtool.core.vocab import FollowUpStatus

__all__ = [
    "COUNCIL_NAMES", "DECISIONS", "DEFAULT_SCHEDULE", "FOLLOWUPS", "Fate", "MEMBERS", "NOTES",
    "ONWARD_REASON", "SCHEDULE", "Spec",
]

# --- What the councils are called, who sits in them, when they meet -------------------

COUNCIL_NAMES = {
    "kvalitetsraad": "Lokalt kvalitetsråd Kildebo",
    "tvaergaaende-kvalitetsraad": "Tværgående kvalitetsråd",
    "kvalitetsudvalg": "Kvalitetsudvalget Kildebo",
    "bruger-og-paaroerenderaad": "Bruger- og pårørenderåd Kildebo",
    "triage": "Afdeling Birk",
}

MEMBERS = {
    "kvalitetsraad": [
        ("Birgitte Holm", "moedeleder"), ("Karen Nielsen", "referent"),
        ("Mette Dahl", "sygeplejerske"), ("Anders Lund", "ssa"), ("Grethe Poulsen", "beboer"),
        ("Poul Jensen", "paaroerende"), ("Inge Madsen", "aeldreraad"),
        ("Jonas Friis", "praest"),
    ],
    "tvaergaaende-kvalitetsraad": [
        ("Lone Skov", "moedeleder"), ("Rikke Bach", "referent"),
        ("Thomas Berg", "kvalitetskonsulent"), ("Susanne Friis", "myndighed"),
        ("Birgitte Holm", "centerleder"), ("Jakob Vestergaard", "leder"),
        ("Nina Østergaard", "koordinator"),
    ],
    "kvalitetsudvalg": [
        ("Helle Krog", "moedeleder"), ("Sanne Krogh", "teamleder"),
        ("Martin Sørensen", "udviklingskonsulent"), ("Mette Dahl", "sygeplejerske"),
        ("Louise Winther", "referent"),
    ],
    "bruger-og-paaroerenderaad": [
        ("Birgitte Holm", "centerleder"), ("Ejner Thomsen", "formand"),
        ("Ruth Iversen", "naestformand"), ("Kirsten Lauridsen", "paaroerende"),
        ("Aksel Bang", "beboer"), ("Sanne Krogh", "teamleder"),
        ("Louise Winther", "medarbejder"), ("Pia Mikkelsen", "aktivitetsmedarbejder"),
        ("Frede Hansen", "frivillig"), ("Inge Madsen", "aeldreraad"),
        ("Karen Nielsen", "referent"),
    ],
    "triage": [
        ("Mette Dahl", "moedeleder"), ("Anders Lund", "ssa"), ("Sofie Lind", "terapeut"),
        ("Ali Hassan", "ssh"), ("Camilla Juhl", "paedagog"),
    ],
}

# Days from today: past meetings, then one planned meeting.
SCHEDULE = {
    "kvalitetsraad": (-98, -56, -14, 14),
    "tvaergaaende-kvalitetsraad": (-84, -42, 7),
    "kvalitetsudvalg": (-15, -8, -1, 6),
    "bruger-og-paaroerenderaad": (-182, -91, 28),
    "triage": (-16, -9, -2, 5),
}
DEFAULT_SCHEDULE = (-60, -20, 20)


Fate = dict[int, tuple[str, Any, str]]
"""Meetings later -> (what, value, comment): see ``Spec``."""


@dataclass(frozen=True)
class Spec:
    """A follow-up to record, and what later meetings decide about it.

    ``fate`` maps "meetings later" (1 = the next meeting) to an action: ``("status", key,
    comment)``, ``("due", days after that meeting, comment)`` or ``("owner", member index,
    comment)``. A follow-up without a fate for a meeting stays open and is carried over.
    """

    text: str
    owner: int
    due_days: int
    fate: Fate = field(default_factory=dict)
    internal: bool = False


FOLLOWUPS: dict[str, list[list[Spec]]] = {
    "kvalitetsraad": [
        [
            Spec("Beskriv hvordan beboerne selv vælger tidspunkt for bad", 2, 21,
                  {1: ("status", FollowUpStatus.UDFOERT,
                       "Beskrivelsen er hængt op i personalestuen")}),
            Spec("Lav årshjul for kvalitetsrådets temaer", 0, 28),
            Spec("Spørg Ældrerådet om erfaringer med måltidsværter", 6, 42,
                  {1: ("due", 35, "Ældrerådet mødes først i næste måned"),
                   2: ("status", FollowUpStatus.I_GANG, "Svar fra to centre, mangler det tredje")}),
        ],
        [
            Spec("Prøvehandling: fast kontaktperson ved indflytning – evaluér efter 3 mdr.",
                  3, 30, {1: ("status", FollowUpStatus.UDGAAET,
                              "Indgår i den fælles indflytningsplan")}),
            Spec("Undersøg behov for mere hjemlighed i fællesstuen", 4, 60),
        ],
        [
            Spec("Saml beboernes ønsker til aktiviteter i weekenden", 3, 11),
            Spec("Tag Tryghed op på personalemødet", 0, 30),
        ],
    ],
    "tvaergaaende-kvalitetsraad": [
        [
            Spec("Saml erfaringer fra de lokale kvalitetsråd om Tryghed", 2, 30,
                  {1: ("status", FollowUpStatus.UDFOERT, "Fremlagt på mødet")}),
            Spec("Fælles skabelon for evaluering af prøvehandlinger", 3, 35),
        ],
        [
            Spec("Plan for opfølgning efter seks måneder på måltidsprojektet", 5, 40),
            Spec("Afklar mandat for ændring af arbejdsgange i hjemmeplejen", 5, 28,
                  {}),
        ],
    ],
    "kvalitetsudvalg": [
        [
            Spec("Gennemgå faldregistreringer for oktober", 3, 5,
                  {1: ("status", FollowUpStatus.UDFOERT,
                       "Tre fald om natten, alle i afdeling Birk")}),
        ],
        [
            Spec("Tjek om TOBS bliver brugt ved vagtskifte", 1, 5,
                  {1: ("owner", 3, "Sygeplejersken følger op i stedet")}),
        ],
        [
            Spec("Opdatér tavlen med igangværende prøvehandlinger", 0, 12),
        ],
    ],
    "bruger-og-paaroerenderaad": [
        [
            Spec("Undersøg mulighed for fællesspisning søndag med pårørende", 0, 45,
                  {1: ("status", FollowUpStatus.I_GANG, "Køkkenet prøver det af i to måneder")}),
            Spec("Opslag om rådets arbejde på opslagstavlen", 7, 21,
                  {1: ("status", FollowUpStatus.UDFOERT, "Hængt op i alle afdelinger")}),
            Spec("Find frivillige til ture i bussen", 8, 60),
        ],
        [
            Spec("Klage fra pårørende over plejen af en beboer – centerlederen tager direkte "
                  "kontakt", 0, 7, {}, internal=True),
            Spec("Kort fortalt-side til beboere og pårørende efter hvert møde", 10, 14),
        ],
    ],
    # The triage team's follow-ups come from its colour rules (demo_triage.py).
}

DECISIONS = {
    "kvalitetsraad": [
        "Rådet arbejder i år med Tryghed og Selvbestemmelse fra kvalitetskompasset.",
        "Prøvehandlingen med fast kontaktperson ved indflytning forlænges i tre måneder.",
        "Næste tema er Hjemlighed; beboerne inviteres til at komme med forslag.",
    ],
    "tvaergaaende-kvalitetsraad": [
        "Lokale råd sender erfaringer ind senest to uger før hvert møde.",
        "Måltidsprojektet implementeres på alle centre; opfølgning efter seks måneder.",
    ],
    "kvalitetsudvalg": [
        "Fald om natten følges på tavlen hver uge.",
        "Prøvehandling: natligt tilsyn kl. 2 i afdeling Birk i fire uger.",
        "Tavlen ryddes for afsluttede prøvehandlinger hver fredag.",
    ],
    "bruger-og-paaroerenderaad": [
        "Temaet for næste møde er Mad og måltider; køkkenlederen holder oplæg.",
        "Referatet får en kort side i almindeligt sprog til opslagstavlen.",
    ],
    "triage": [
        "Beboeren i stue 12 får tilsyn hver anden time om natten.",
        "Faldene i stue 12 sendes videre til kvalitetsudvalget.",
        "Stue 7 drøftes med lægen; væskeskemaet fortsætter.",
    ],
}

NOTES = {
    "kvalitetsraad": "Drøftelse af hvordan beboerne oplever tryghed om aftenen. Flere nævnte, "
    "at det hjælper at kende personalet på aftenvagten.",
    "tvaergaaende-kvalitetsraad": "Erfaringerne fra de lokale råd ligner hinanden: "
    "prøvehandlinger dør, hvis ingen følger op.",
    "kvalitetsudvalg": "Tavlemøde: gennemgang af sager fra teamenes triage.",
    "bruger-og-paaroerenderaad": "Centerlederen fortalte om tilsynsrapporten. "
    "Pårørende roste aktiviteterne, men savner information om ændringer i weekenden.",
    "triage": "Runde ved tavlen.",  # the round's counts are added when it is recorded
}

ONWARD_REASON = "Kræver ændring af arbejdsgange for natlige tilsyn på tværs af centre"
