"""The domain's fixed vocabularies: meeting kinds, roles, item kinds, statuses and tags.

The keys are the ASCII spellings used in TOML files and stored data; the values are the
Danish words a user sees. Tags come from Roskilde's *kvalitetskompas* and from
Ældretilsynets målepunkter (see shared/DOMAIN.md).
"""

MEETING_KINDS: dict[str, str] = {
    "kvalitetsraad": "Lokalt kvalitetsråd",
    "tvaergaaende-kvalitetsraad": "Tværgående kvalitetsråd",
    "kvalitetsudvalg": "Kvalitetsudvalg",
    "bruger-og-paaroerenderaad": "Bruger- og pårørenderåd",
    "triage": "Triagemøde",
    "opstartsmoede": "Opstartsmøde",
    "dialogmoede": "Dialogmøde",
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

ITEM_KINDS: dict[str, str] = {
    "information": "Information",
    "droeftelse": "Drøftelse",
    "beslutning": "Beslutning",
    "opfoelgning": "Opfølgning",
    "godkendelse": "Godkendelse",
    "tema": "Tema",
    "triage": "Triage",
    "eventuelt": "Eventuelt",
}

HELD_MEETING_STATUSES = frozenset({"i_gang", "afsluttet"})
"""A meeting in one of these has been held (or is being held): plans never touch it."""

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

PRESENCE: dict[str, str] = {
    "til_stede": "Til stede",
    "afbud": "Afbud",
    "fravaerende": "Fraværende",
}

MEETING_STATUSES: dict[str, str] = {
    "planlagt": "Planlagt",
    "i_gang": "I gang",
    "afsluttet": "Afsluttet",
    "aflyst": "Aflyst",
}

FOLLOWUP_STATUSES: dict[str, str] = {
    "aaben": "Åben",
    "i_gang": "I gang",
    "udfoert": "Udført",
    "udgaaet": "Udgået",
}
OPEN_FOLLOWUP_STATUSES = frozenset({"aaben", "i_gang"})

TRIAGE_COLOURS: dict[str, str] = {"roed": "Rød", "gul": "Gul", "groen": "Grøn"}


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
