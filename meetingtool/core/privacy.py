"""Where a CPR number sits in data about to leave the tool, and a copy without them.

Works on anything the tool writes out or stores: dataclasses of ``core.model`` (a meeting,
a follow-up, a resident ...), dicts (a follow-up list's JSON records), lists and strings.
Every string is looked at -- ids, tags, history comments, guest names, places and themes
too -- so nothing written out escapes the check. Places are named in Danish from the field
names ("punkt 2, noter", "historik 3, kommentar"); the number itself is never repeated.
Pure: no I/O.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from typing import Any

from meetingtool.core.cpr import REPLACEMENT, contains_cpr, redact_cpr
from meetingtool.core.errors import MeetingToolError

# Danish words for the fields of core.model and the follow-up records.
FIELD_WORDS = {
    "id": "id", "council_id": "rådets id", "council_name": "rådets navn", "council": "rådet",
    "kind": "type", "title": "titel", "place": "mødested", "theme": "tema",
    "chair": "mødeleder", "secretary": "referent", "attendance": "fremmøde", "name": "navn",
    "role": "rolle", "items": "punkt", "item": "punkt", "presenter": "oplæg",
    "description": "beskrivelse", "questions": "spørgsmål", "tags": "emneord",
    "notes": "noter", "approval": "godkendelse", "corrections": "rettelser", "text": "tekst",
    "owner": "ansvarlig", "resident": "beboer", "history": "historik", "comment": "kommentar",
    "escalated_to": "sendt til", "escalated_from": "sendt fra", "escalation": "videresendelse",
    "reason": "begrundelse", "initials": "initialer", "room": "stue", "change": "ændring",
    "action": "handling", "answers": "svar", "members": "medlemmer",
    "template_source": "skabelon", "status_label": "status", "meeting_id": "mødets nummer",
    "item_id": "punktets nummer", "resident_id": "beboerens id",
    "from_council_id": "fra rådets id", "to_council_id": "til rådets id",
    "source_followup_id": "afsenderens opfølgningspunkt",
    "target_followup_id": "modtagerens opfølgningspunkt",
    # Trials (prøvehandlinger) and indicators.
    "problem": "problem", "hypothesis": "hvad forventer vi", "participants": "deltagere",
    "measure": "måling", "source": "kilde", "recommendation_text": "indstilling",
    "follow_up_id": "opfølgningspunkt", "previous_id": "forrige cyklus",
    "next_id": "næste cyklus", "unit": "enhed", "counts": "tæller",
    "denominator": "nævner", "values": "måling",
    # What the listings print (cli.cpr_options): trials, search hits, indicators, year wheel.
    "trials": "prøvehandling", "councils": "rådene", "hits": "søgeresultat",
    "doc": "fundet", "highlighted": "fremhævet tekst", "item_title": "punktets titel",
    "ref": "henvisning", "indicators": "indikator", "indicator": "indikator",
    "views": "årshjul", "months": "måned", "meetings": "møde", "activities": "aktivitet",
    "responsible": "ansvarlig", "rhythm": "rytme", "keeper": "holdes opdateret af",
    "breaks": "pauser",
}

# Fields that are keys the store files things under: found, but never rewritten in the store.
ID_FIELDS = frozenset(name for name in FIELD_WORDS if name == "id" or name.endswith("_id"))


class CprRefusedError(MeetingToolError):
    """Text that looks like a CPR number would leave the tool; ``places`` says where."""

    def __init__(self, what: str, places: list[str], hint: str = "",
                 done: str = "gemt") -> None:
        listed = "\n".join(f"  - {place}" for place in places)
        hint = hint or (f"Ret teksten, eller brug --redact (erstatter med {REPLACEMENT}) "
                        "eller --allow-cpr.")
        super().__init__(
            f"{what} blev ikke {done}: der står noget, der ligner et CPR-nummer, her:\n"
            f"{listed}\n{hint}"
        )
        self.places = places


def _word(field: str) -> str:
    return FIELD_WORDS.get(field, field.replace("_", " "))


def _join(where: str, part: str) -> str:
    return f"{where}, {part}" if where else part


def strings(value: Any, where: str = "", field: str = "") -> Iterator[tuple[str, str, str]]:
    """(place, field name, text) for every string in ``value``, however deeply nested."""
    if isinstance(value, str):
        yield where, field, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for attribute in dataclasses.fields(value):
            name = attribute.name
            yield from strings(getattr(value, name), _join(where, _word(name)), name)
    elif isinstance(value, dict):
        for key, item in value.items():
            key_text = str(key)
            if key_text in FIELD_WORDS:
                label = _word(key_text)
            else:  # a key made from data (a council's id): looked at, never repeated
                label = f"'{redact_cpr(key_text)}'"
                yield _join(where, label), key_text, key_text
            yield from strings(item, _join(where, label), key_text)
    elif isinstance(value, (list, tuple)):
        for number, item in enumerate(value, 1):
            if isinstance(item, str):
                yield from strings(item, where, field)
            else:
                yield from strings(item, f"{where} {number}" if where else str(number), field)


def cpr_places(value: Any, where: str = "") -> list[str]:
    """Each place in ``value`` whose text holds a CPR number, once, in order."""
    places: list[str] = []
    for place, _field, text in strings(value, where):
        if text and contains_cpr(text) and place not in places:
            places.append(place)
    return places


def redacted(value: Any, *, keep_ids: bool = False) -> Any:
    """A copy of ``value`` with every CPR number replaced by "[CPR fjernet]".

    ``keep_ids`` leaves the id fields alone (what the store files things under).
    """
    return _redact(copy.deepcopy(value), keep_ids, "")


def _redact_key(key: Any) -> Any:
    return redact_cpr(key) if isinstance(key, str) and contains_cpr(key) else key


def _redact(value: Any, keep_ids: bool, field: str) -> Any:
    if isinstance(value, str):
        if keep_ids and field in ID_FIELDS:
            return value
        return redact_cpr(value) if value and contains_cpr(value) else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for attribute in dataclasses.fields(value):
            name = attribute.name
            setattr(value, name, _redact(getattr(value, name), keep_ids, name))
        return value
    if isinstance(value, dict):
        return {_redact_key(key): _redact(item, keep_ids, str(key))
                for key, item in value.items()}
    if isinstance(value, list):
        return [_redact(item, keep_ids, field) for item in value]
    if isinstance(value, tuple):
        return tuple(_redact(item, keep_ids, field) for item in value)
    return value


def entry_warning(where: str) -> str:
    """The Danish warning when text typed in (a CLI argument, a TUI field) holds a CPR
    number: it is stored all the same -- refusing would lose what was typed, mid-meeting --
    but the person is told, and told how to clean it."""
    return (f"Advarsel: teksten i {where} ligner et CPR-nummer. Den gemmes, som den er "
            "skrevet, men CPR-numre hører ikke til her: ret teksten, eller fjern numrene "
            "med 'meetingtool privacy scan --redact'.")


def entry_holds_cpr(*texts: str) -> bool:
    """Whether any of the typed texts holds a CPR number."""
    return any(contains_cpr(text) for text in texts if text)
