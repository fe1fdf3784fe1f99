"""Stop a CPR number from leaving in exported minutes.

Every text of a bundle is scanned with ``meetingtool.core.cpr`` before anything is written.
Found ones stop the export with ``CprFoundError`` listing *where* (never the number itself),
e.g. ``punkt 3 "Tema", beslutning 2``; ``redact`` returns a copy with them replaced by
"[CPR fjernet]". The stored meeting is never changed: redaction works on a deep copy.

The bundle is checked first, field by field, so the message can name the place exactly.
Then ``check_minutes`` / ``redact_minutes`` look at the built minutes (``export.sections``),
which hold every text any format writes, as the last word: a section added later, or a
text the field list above does not know, cannot slip past.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from meetingtool.core.cpr import REPLACEMENT, contains_cpr, redact_cpr
from meetingtool.core.errors import MeetingToolError
from meetingtool.export.bundle import MinutesBundle
from meetingtool.export.sections import Minutes, map_texts


class CprFoundError(MeetingToolError):
    """Text that looks like a CPR number is in the minutes; ``places`` says where."""

    def __init__(self, places: list[str], *, shown: bool = False) -> None:
        """``shown``: the meeting was to be shown on the screen (``show``), not saved."""
        listed = "\n".join(f"  - {place}" for place in places)
        refused, verb = ("Mødet vises ikke", "vis det") if shown else (
            "Referatet blev ikke gemt", "eksportér")
        super().__init__(
            f"{refused}: der står noget, der ligner et CPR-nummer, her:\n"
            f"{listed}\n"
            f"Ret teksten i mødet, eller {verb} med --redact (erstatter med "
            f"{REPLACEMENT}) eller --allow-cpr."
        )
        self.places = places


def _item_label(bundle: MinutesBundle, item_id: int | None) -> str:
    meeting = bundle.meeting
    try:
        item = meeting.item(item_id) if item_id is not None else None
    except KeyError:
        item = None
    if item is None:
        return "uden punkt"
    return f'punkt {meeting.item_number(item.id)} "{redact_cpr(item.title)}"'


def _fields(bundle: MinutesBundle, include_internal: bool) -> Iterator[tuple[str, Any, str]]:
    """(where, object, attribute) for every exported text of the bundle."""
    meeting = bundle.meeting
    for attr, where in (
        ("title", "mødets titel"),
        ("council_name", "rådets navn"),
        ("theme", "mødets tema"),
        ("place", "mødested"),
        ("chair", "mødeleder"),
        ("secretary", "referent"),
    ):
        yield where, meeting, attr
    for number, attendee in enumerate(meeting.attendance, 1):
        yield f"fremmøde, deltager {number}", attendee, "name"
    if meeting.approval is not None:
        yield "godkendelse af referatet, rettelser", meeting.approval, "corrections"
    if bundle.previous is not None and bundle.previous.approval is not None:
        yield "godkendelse af forrige referat, rettelser", bundle.previous.approval, "corrections"

    for item in meeting.items:
        label = _item_label(bundle, item.id)
        yield f"{label}, titel", item, "title"
        yield f"{label}, oplæg", item, "presenter"
        yield f"{label}, beskrivelse", item, "description"
        yield f"{label}, noter", item, "notes"
    counters: dict[int | None, int] = {}
    for decision in bundle.decisions:
        counters[decision.item_id] = counters.get(decision.item_id, 0) + 1
        label = _item_label(bundle, decision.item_id)
        yield f"{label}, beslutning {counters[decision.item_id]}", decision, "text"

    followups = list(bundle.followups_created)
    followups += [r.followup for r in bundle.followups_reviewed]
    followups += [line.followup for line in bundle.escalations_out + bundle.escalations_in]
    followups += bundle.open_followups
    for followup in followups:
        if followup.internal and not include_internal:
            continue
        label = f"opfølgningspunkt {followup.id}"
        if followup.meeting_id == meeting.id:
            label = f"{_item_label(bundle, followup.item_id)}, {label}"
        yield f"{label}, tekst", followup, "text"
        yield f"{label}, ansvarlig", followup, "owner"
        yield f"{label}, beboer", followup, "resident"
        for change in followup.history:
            yield f"{label}, kommentar", change, "comment"
        for escalation in (followup.escalated_to, followup.escalated_from):
            if escalation is not None:
                yield f"{label}, begrundelse for at sende sagen", escalation, "reason"
    for line in bundle.escalations_out + bundle.escalations_in:
        yield f"opfølgningspunkt {line.followup.id}, begrundelse", line, "reason"
        yield f"opfølgningspunkt {line.followup.id}, andet råd", line, "other_council"

    for number, entry in enumerate(bundle.triage_entries, 1):
        label = f"triagetavle, række {number}"
        for attr, what in (("change", "ændring"), ("action", "handling"), ("owner", "ansvarlig")):
            yield f"{label}, {what}", entry, attr
    for resident in bundle.residents.values():
        yield f"beboer {resident.id}, initialer", resident, "initials"
        yield f"beboer {resident.id}, stue", resident, "room"


def find_cpr_places(bundle: MinutesBundle, include_internal: bool = False) -> list[str]:
    """Where the bundle's exported texts hold something that looks like a CPR number."""
    places: list[str] = []
    for where, obj, attr in _fields(bundle, include_internal):
        value = getattr(obj, attr, "")
        if isinstance(value, str) and value and contains_cpr(value) and where not in places:
            places.append(where)
    return places


def check(bundle: MinutesBundle, include_internal: bool = False) -> None:
    """Raise ``CprFoundError`` when any exported text holds a CPR number."""
    places = find_cpr_places(bundle, include_internal)
    if places:
        raise CprFoundError(places)


def redact(bundle: MinutesBundle, include_internal: bool = False) -> MinutesBundle:
    """A deep copy of the bundle with every CPR number replaced by "[CPR fjernet]"."""
    copied = copy.deepcopy(bundle)
    for _where, obj, attr in _fields(copied, include_internal=True):
        value = getattr(obj, attr, "")
        if isinstance(value, str) and value and contains_cpr(value):
            setattr(obj, attr, redact_cpr(value))
    return copied


def check_minutes(minutes: Minutes) -> Minutes:
    """The minutes as they are; ``CprFoundError`` naming the sections when a text has one."""
    places: list[str] = []
    verdicts: dict[str, bool] = {}  # the same texts recur (labels, statuses, table rows)
    for where, text in minutes.texts():
        if text not in verdicts:
            verdicts[text] = contains_cpr(text)
        if verdicts[text] and where not in places:
            places.append(where)
    if places:
        raise CprFoundError(places)
    return minutes


def redact_minutes(minutes: Minutes) -> Minutes:
    """The minutes with every CPR number in any text replaced by "[CPR fjernet]"."""
    redacted: Minutes = map_texts(minutes, redact_cpr)
    return redacted
