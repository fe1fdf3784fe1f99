"""The domain's fixed vocabularies: meeting kinds, roles, item kinds, statuses and tags.

The keys are the ASCII spellings used in TOML files and stored data; the values are the
Danish words a user sees. Tags come from Roskilde's *kvalitetskompas* and from
Ældretilsynets målepunkter (see shared/DOMAIN.md).

Kinds, statuses, presence and triage colours are ``StrEnum``s: a member *is* its stored string
(``MeetingStatus.AFSLUTTET == "afsluttet"``, JSON writes ``"afsluttet"``), so stored data
stays as it was while a type checker and a reader find every use by name.
"""

from enum import StrEnum


class MeetingKind(StrEnum):
    """The kinds of council meeting (DOMAIN.md); a council holds meetings of one kind."""

    KVALITETSRAAD = "kvalitetsraad"
    TVAERGAAENDE_KVALITETSRAAD = "tvaergaaende-kvalitetsraad"
    KVALITETSUDVALG = "kvalitetsudvalg"
    BRUGER_OG_PAAROERENDERAAD = "bruger-og-paaroerenderaad"
    TRIAGE = "triage"
    OPSTARTSMOEDE = "opstartsmoede"
    DIALOGMOEDE = "dialogmoede"

    @property
    def label(self) -> str:
        return MEETING_KINDS[self]


MEETING_KINDS: dict[str, str] = {
    MeetingKind.KVALITETSRAAD: "Lokalt kvalitetsråd",
    MeetingKind.TVAERGAAENDE_KVALITETSRAAD: "Tværgående kvalitetsråd",
    MeetingKind.KVALITETSUDVALG: "Kvalitetsudvalg",
    MeetingKind.BRUGER_OG_PAAROERENDERAAD: "Bruger- og pårørenderåd",
    MeetingKind.TRIAGE: "Triagemøde",
    MeetingKind.OPSTARTSMOEDE: "Opstartsmøde",
    MeetingKind.DIALOGMOEDE: "Dialogmøde",
}

ROLES: dict[str, str] = {
    "formand": "Formand",
    "naestformand": "Næstformand",
    "moedeleder": "Mødeleder",
    "referent": "Referent",
    "centerleder": "Centerleder",
    "leder": "Leder",
    "teamleder": "Teamleder",
    "kvalitetskonsulent": "Kvalitetskonsulent",
    "udviklingskonsulent": "Udviklingskonsulent",
    "koordinator": "Koordinator",
    "sygeplejerske": "Sygeplejerske",
    "terapeut": "Terapeut",
    "ssa": "Social- og sundhedsassistent",
    "ssh": "Social- og sundhedshjælper",
    "paedagog": "Pædagog",
    "beboer": "Beboer",
    "paaroerende": "Pårørende",
    "medarbejder": "Medarbejderrepræsentant",
    "aktivitetsmedarbejder": "Aktivitetsmedarbejder",
    "frivillig": "Frivillig",
    "aeldreraad": "Ældrerådet",
    "praest": "Præst",
    "myndighed": "Myndighed",
    "gaest": "Gæst",
    "medlem": "Medlem",
}

class ItemKind(StrEnum):
    """What an agenda item is for; ``opfoelgning``, ``godkendelse`` and ``triage`` items
    get the review, the approval of the minutes and the triage round."""

    INFORMATION = "information"
    DROEFTELSE = "droeftelse"
    BESLUTNING = "beslutning"
    OPFOELGNING = "opfoelgning"
    GODKENDELSE = "godkendelse"
    TEMA = "tema"
    TRIAGE = "triage"
    EVENTUELT = "eventuelt"

    @property
    def label(self) -> str:
        return ITEM_KINDS[self]


ITEM_KINDS: dict[str, str] = {
    ItemKind.INFORMATION: "Information",
    ItemKind.DROEFTELSE: "Drøftelse",
    ItemKind.BESLUTNING: "Beslutning",
    ItemKind.OPFOELGNING: "Opfølgning",
    ItemKind.GODKENDELSE: "Godkendelse",
    ItemKind.TEMA: "Tema",
    ItemKind.TRIAGE: "Triage",
    ItemKind.EVENTUELT: "Eventuelt",
}

ITEM_RECEIVES: dict[str, str] = {
    "proevehandlinger": "prøvehandlinger (til status og evaluering)",
    "triagesager": "sager fra teamenes triage",
    "sager": "sager fra andre fora (fx rådet og lederforum)",
    "indikatorer": "kvalitetsindikatorer (seriediagrammer og denne periodes værdier)",
}
"""What an agenda item can receive by itself (``receives`` in a template): the trials due
for status or evaluation, the cases a team's triage sent, cases from other councils."""


ACTIVITY_KINDS: dict[str, str] = {
    "tilsyn": "Forberedelse af tilsyn",
    "instrukser": "Instrukser og procedurer",
    "kompetenceplan": "Kompetenceplan",
    "udviklingsmidler": "Ansøgning om udviklingsmidler",
    "introduktion": "Introduktion af nye medarbejdere og elever",
    "sparring": "Faglig sparring og triage",
    "audit": "Kvalitetskontrol og audit",
    "dokumentation": "Dokumentation",
    "tema": "Tema",
    "evaluering": "Evaluering",
    "andet": "Andet",
}
"""Kinds of the year wheel's activities (Diakonissestiftelsens årshjul, seed 001)."""

KVALITETSKOMPAS: dict[str, tuple[str, ...]] = {
    "Værdighed": ("Tryghed", "Nærvær", "Respekt"),
    "Livskvalitet": ("Selvbestemmelse", "Hjemlighed", "Hverdagsliv"),
    "Omsorg": ("Professionalisme", "Sundhed", "Selvhjulpenhed"),
    "Styring": ("Kontinuitet", "Sammenhæng", "Betingelser"),
}
"""Four themes of the kvalitetskompas, each with its three markers."""

KOMPAS_MARKERS: tuple[str, ...] = tuple(m for ms in KVALITETSKOMPAS.values() for m in ms)

MAALEPUNKTER: dict[str, str] = {
    "1.1": "Beboernes selvbestemmelse og livskvalitet",
    "1.2": "Pleje og omsorg i livets sidste fase",
    "2.1": "Trivsel og relationer",
    "3.1": "Kognitive funktionsnedsættelser, psykisk sygdom og overgreb",
    "3.2": "Forebyggelse af magtanvendelse",
    "3.3": "Ændringer i funktionsniveau og helbred",
    "6.3": "Rehabilitering og vedligeholdende træning (§ 86)",
    "6.4": "Aktiviteter",
}
"""Ældretilsynets målepunkter used in learning visits; tags spell them as e.g. "1.1"."""

class Presence(StrEnum):
    """Whether a person came to a meeting (``Attendee.presence``)."""

    TIL_STEDE = "til_stede"
    AFBUD = "afbud"
    FRAVAERENDE = "fravaerende"
    IKKE_REGISTRERET = "ikke_registreret"
    """A member on the list whose attendance nobody has taken yet (a new meeting's list)."""

    @property
    def label(self) -> str:
        return PRESENCE.get(self, NOT_REGISTERED_LABEL)


class MeetingStatus(StrEnum):
    """Where a meeting is in its life: planned, running (the clock was started), ended, or
    cancelled (a planned meeting a changed year wheel no longer holds).

    Which changes are allowed is a rule of ``actions.lifecycle``.
    """

    PLANLAGT = "planlagt"
    I_GANG = "i_gang"
    AFSLUTTET = "afsluttet"
    AFLYST = "aflyst"

    @property
    def label(self) -> str:
        return MEETING_STATUSES[self]


HELD_MEETING_STATUSES = frozenset({MeetingStatus.I_GANG, MeetingStatus.AFSLUTTET})
"""A meeting in one of these has been held (or is being held): plans never touch it."""


class FollowUpStatus(StrEnum):
    """A follow-up's status; ``aaben`` and ``i_gang`` count as open."""

    AABEN = "aaben"
    I_GANG = "i_gang"
    UDFOERT = "udfoert"
    UDGAAET = "udgaaet"

    @property
    def label(self) -> str:
        return FOLLOWUP_STATUSES[self]

    @property
    def is_open(self) -> bool:
        return self in OPEN_FOLLOWUP_STATUSES


class ActivityStatus(StrEnum):
    """Where a year wheel's activity stands: done or dropped (its follow-up's status), late
    (its day or month has passed undone) or coming."""

    UDFOERT = "udfoert"
    UDGAAET = "udgaaet"
    FORSINKET = "forsinket"
    KOMMENDE = "kommende"


class TriageColour(StrEnum):
    """A resident's colour in the triage round, most urgent first."""

    ROED = "roed"
    GUL = "gul"
    GROEN = "groen"

    @property
    def label(self) -> str:
        return TRIAGE_COLOURS[self]


# The tables below keep their old names for the code that looks words up by key; their
# keys are the enums' members, which compare and hash like the stored strings.

PRESENCE: dict[str, str] = {
    Presence.TIL_STEDE: "Til stede",
    Presence.AFBUD: "Afbud",
    Presence.FRAVAERENDE: "Fraværende",
}

NOT_REGISTERED_LABEL = "Ikke registreret"
"""``Presence.IKKE_REGISTRERET``'s word; not in ``PRESENCE``, which lists what can be chosen."""

MEETING_STATUSES: dict[str, str] = {
    MeetingStatus.PLANLAGT: "Planlagt",
    MeetingStatus.I_GANG: "I gang",
    MeetingStatus.AFSLUTTET: "Afsluttet",
    MeetingStatus.AFLYST: "Aflyst",
}

FOLLOWUP_STATUSES: dict[str, str] = {
    FollowUpStatus.AABEN: "Åben",
    FollowUpStatus.I_GANG: "I gang",
    FollowUpStatus.UDFOERT: "Udført",
    FollowUpStatus.UDGAAET: "Udgået",
}
OPEN_FOLLOWUP_STATUSES: frozenset[str] = frozenset({FollowUpStatus.AABEN, FollowUpStatus.I_GANG})

TRIAGE_COLOURS: dict[str, str] = {
    TriageColour.ROED: "Rød",
    TriageColour.GUL: "Gul",
    TriageColour.GROEN: "Grøn",
}


def all_tags() -> frozenset[str]:
    """Every tag a template may use: the 12 kompas markers, the 4 themes and the målepunkter."""
    return frozenset(KOMPAS_MARKERS) | frozenset(KVALITETSKOMPAS) | frozenset(MAALEPUNKTER)


def status_key(word: str, table: dict[str, str]) -> str | None:
    """Find a key from either its key or its Danish word, ignoring case ("Udført" -> "udfoert")."""
    folded = word.strip().casefold()
    for key, label in table.items():
        if folded in (key.casefold(), label.casefold()):
            return key
    return None
