"""What may identify a resident and what may be written about one; no screen, no store.

Residents are known by **initials or a room number only**: a CPR number or something that
looks like a full name is refused with a Danish message saying why (``IdentifierError``,
``CprError``). Also here: the free-text checks for a triage round's notes and cases, and how
to find a resident already on the board under the same initials and room.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from meetingtool.core import names
from meetingtool.core.cpr import contains_cpr
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Resident

_LETTER = r"[A-Za-zÆØÅæøåÄÖÜäöüÉé]"
_INITIALS = re.compile(rf"^(?:{_LETTER}\.?[ -]?){{1,4}}$")
_ROOM = re.compile(r"^(?:[A-Za-zÆØÅæøå]-?)?\d{1,4}(?:[.-]\d{1,3})?[A-Za-zÆØÅæøå]?$")
_NAME_WORD = re.compile(r"^[A-ZÆØÅÄÖÜÉ][a-zæøåäöüé]{2,}$")
_WORD_SPLIT = re.compile(r"[\s,.;:/]+")

PRIVACY_RULE = (
    "Beboere kendes kun på initialer (fx 'AB' eller 'A.B.') og/eller stuenummer "
    "(fx '12' eller '3.14'); fulde navne og CPR-numre gemmes ikke."
)
NAME_RULE = names.RULE


class IdentifierError(MeetingToolError):
    """A resident identifier that is not initials or a room number, with the reason."""


class CprError(MeetingToolError):
    """A CPR number typed where the tool would keep it."""


def check_no_cpr(text: str, where: str = "teksten") -> str:
    """Return ``text`` unchanged, or raise CprError when it holds a CPR number."""
    if text and contains_cpr(text):
        raise CprError(
            f"Det ligner et CPR-nummer i {where}. CPR-numre må ikke skrives i meetingtool; "
            "brug beboerens initialer eller stuenummer."
        )
    return text


def looks_like_full_name(text: str, known_names: Iterable[str] = ()) -> bool:
    """A full name by the one rule of ``core.names`` ("Anna Berg"; known council names not)."""
    return names.looks_like_full_name(text, known_names)


def normalise_initials(text: str) -> str:
    """Check and tidy initials: "a.b." -> "A.B."; "" stays "" (a room may be enough).

    Refused: a CPR number, a full name (see ``NAME_RULE``), a name-like word such as "Anna",
    and anything but 1–4 letters with optional dots, spaces or hyphens.
    """
    text = " ".join(text.split())
    if not text:
        return ""
    check_no_cpr(text, "initialerne")
    if looks_like_full_name(text):
        raise IdentifierError(
            f"'{text}' ligner et fuldt navn og gemmes ikke. {NAME_RULE} {PRIVACY_RULE}"
        )
    if any(_NAME_WORD.match(word) for word in _WORD_SPLIT.split(text) if word):
        raise IdentifierError(
            f"'{text}' ligner et navn. Skriv kun initialerne, fx 'AB'. {PRIVACY_RULE}"
        )
    if not _INITIALS.match(text):
        raise IdentifierError(
            f"'{text}' er ikke initialer: brug 1–4 bogstaver, evt. med punktum, "
            f"fx 'AB' eller 'A.B.'. {PRIVACY_RULE}"
        )
    return text.upper()


def normalise_room(text: str) -> str:
    """Check a room number: "12", "3.14", "12A", "B-12"; "" stays ""."""
    text = text.strip()
    if not text:
        return ""
    check_no_cpr(text, "stuenummeret")
    if not _ROOM.match(text):
        raise IdentifierError(
            f"'{text}' er ikke et stuenummer: brug fx '12', '3.14' eller '12A'. {PRIVACY_RULE}"
        )
    return text.upper()


def is_room_like(text: str) -> bool:
    """True when ``text`` reads as a room number rather than initials."""
    return bool(_ROOM.match(text.strip())) and any(ch.isdigit() for ch in text)


def resident_identifier(initials: str = "", room: str = "") -> tuple[str, str]:
    """Both parts checked and tidied; at least one of them is required."""
    initials = normalise_initials(initials)
    room = normalise_room(room)
    if not initials and not room:
        raise IdentifierError(f"Angiv initialer eller stuenummer. {PRIVACY_RULE}")
    return initials, room


def identifier_key(text: str) -> str:
    """A form for comparing identifiers: case, dots and spaces ignored ("a.b." == "AB")."""
    return re.sub(r"[\s.\-]", "", text).casefold()


def find_duplicate(
    residents: Iterable[Resident], initials: str, room: str, except_id: str | None = None
) -> Resident | None:
    """An active resident with the same initials and room (dots and case ignored)."""
    for resident in residents:
        if (
            resident.active
            and resident.id != except_id
            and identifier_key(resident.initials) == identifier_key(initials)
            and identifier_key(resident.room) == identifier_key(room)
        ):
            return resident
    return None


def check_note(text: str, where: str = "noten") -> str:
    """A free-text note of the round (what changed, action, owner); CPR refused."""
    return check_no_cpr(text.strip(), where)


def check_case_text(text: str, where: str, known_names: Iterable[str] = ()) -> str:
    """A text about a resident (triage note, escalated case, borgergennemgang answer):
    stripped; a CPR number or a full name refused (``known_names``: the store's council and
    team names, which may appear)."""
    text = check_no_cpr(text.strip(), where)
    return names.check_no_full_name(text, where, known_names)
