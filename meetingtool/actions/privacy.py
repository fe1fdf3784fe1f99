"""Find the CPR numbers already in the store, and replace them (``meetingtool privacy scan``).

A secretary cleaning old data needs to know *where* each one is: which council, which
meeting (number and date), which item and which field. Every text of every council,
meeting, decision, follow-up, resident, triage row, borgergennemgang, trial and indicator
is looked at, through the store's public methods only.

Redaction writes each changed object back through the same public methods, ids kept (they
are what the store files things under). What cannot be rewritten that way is reported as
such: an id built from a name. A council called "... 010203-1234" has the number in its
id, which every meeting, follow-up and resident of it is filed under; that is reported
once, for the council, with what to do (``COUNCIL_ID_ADVICE``), not again for each record.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from meetingtool.core.cpr import contains_cpr, redact_cpr
from meetingtool.core.dates import format_date
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.model import Council, Meeting
from meetingtool.core.privacy import ID_FIELDS, cpr_places, redacted, strings
from meetingtool.core.triage import BORGERGENNEMGANG_QUESTIONS


@dataclass(frozen=True)
class Finding:
    """One place in the store whose text holds a CPR number (the number never repeated)."""

    council: str
    meeting: str
    where: str
    fixable: bool = True
    advice: str = ""
    """What a person can do about it, when meetingtool cannot fix it."""

    def line(self) -> str:
        parts = [self.council, self.meeting, self.where]
        text = " · ".join(part for part in parts if part)
        return text if self.fixable else f"{text} (kan ikke rettes af meetingtool)"


@dataclass
class _Stored:
    """One stored object, where it sits, and how to write a changed copy back."""

    council: str
    meeting: str
    where: str
    value: Any
    save: Callable[[Any], None] | None
    shown: Any = None  # what the places are named from, when not ``value`` itself


def find_council(store, name: str) -> Council:
    """The council with this name or id; a Danish error listing the known ones if none."""
    council = store.find_council(name)
    if council is not None:
        return council
    try:
        return store.council(name)
    except NotFoundError:
        known = ", ".join(redact_cpr(c.name) for c in store.councils()) or "ingen endnu"
        raise MeetingToolError(f"Ukendt råd '{redact_cpr(name)}'. Kendte råd: {known}.") from None


def _meeting_label(meeting: Meeting | None, meeting_id: int | None) -> str:
    if meeting is not None:
        return f"møde {meeting.id}, {format_date(meeting.date)}"
    return f"møde {meeting_id}" if meeting_id is not None else ""


def _item_label(meeting: Meeting | None, item_id: int | None) -> str:
    if meeting is None or item_id is None:
        return ""
    try:
        item = meeting.item(item_id)
    except KeyError:
        return ""
    return f'punkt {meeting.item_number(item_id)} "{item.title}"'


def _join(*parts: str) -> str:
    return ", ".join(part for part in parts if part)


def _stored(store, council_id: str | None) -> Iterator[_Stored]:
    councils = store.councils()
    if council_id is not None:
        councils = [c for c in councils if c.id == council_id]
    for council in councils:
        name = council.name
        yield _Stored(name, "", "rådet", council, store.save_council)
        meetings: dict[int, Meeting] = {}
        for summary in store.meetings(council.id):
            meeting = store.meeting(summary.id)
            meetings[meeting.id] = meeting
            label = _meeting_label(meeting, meeting.id)
            yield _Stored(name, label, "mødet", _without_items(meeting),
                          _meeting_saver(store, meeting))
            for item in meeting.items:
                yield _Stored(name, label, _item_label(meeting, item.id), item,
                              _item_saver(store, meeting.id, item.id))
            numbers: dict[int, int] = {}
            for decision in store.decisions(meeting.id):
                numbers[decision.item_id] = numbers.get(decision.item_id, 0) + 1
                where = _join(_item_label(meeting, decision.item_id),
                              f"beslutning {numbers[decision.item_id]}")
                yield _Stored(name, label, where, decision, _decision_saver(store))
        residents = {r.id: r for r in store.residents(council.id, include_inactive=True)}
        for meeting in meetings.values():
            label = _meeting_label(meeting, meeting.id)
            for entry in store.triage_entries(meeting.id):
                resident = residents.get(entry.resident_id)
                who = f"beboer {resident.label}" if resident else "beboer"
                yield _Stored(name, label, f"triagetavle, {who}", entry, _entry_saver(store))
        for followup in store.followups(council.id):
            meeting = meetings.get(followup.meeting_id)
            where = _join(_item_label(meeting, followup.item_id),
                          f"opfølgningspunkt {followup.id}")
            yield _Stored(name, _meeting_label(meeting, followup.meeting_id), where, followup,
                          store.save_followup)
        for resident in residents.values():
            yield _Stored(name, "", f"beboer {resident.label}", resident, store.save_resident)
            for number, review in enumerate(store.borgergennemgange(resident.id), 1):
                meeting = meetings.get(review.meeting_id) if review.meeting_id else None
                questions = {BORGERGENNEMGANG_QUESTIONS.get(key, key): answer
                             for key, answer in review.answers.items()}
                yield _Stored(name, _meeting_label(meeting, review.meeting_id),
                              f"borgergennemgang {number} for beboer {resident.label}",
                              review, store.save_borgergennemgang, shown=questions)
        for trial in store.trials(council.id):
            meeting = meetings.get(trial.meeting_id) if trial.meeting_id else None
            yield _Stored(name, _meeting_label(meeting, trial.meeting_id),
                          f"prøvehandling {trial.id}", trial, store.save_trial)
        for indicator in store.indicators(council.id, include_shared=False):
            yield _Stored(name, "", f"indikator {indicator.id}", indicator,
                          store.save_indicator)
    if council_id is None:
        for indicator in store.indicators():
            if not indicator.council_id:
                yield _Stored("fælles for alle råd", "", f"indikator {indicator.id}",
                              indicator, store.save_indicator)


def _without_items(meeting: Meeting) -> Meeting:
    """The meeting's own fields; its items are looked at one by one."""
    return dataclasses.replace(meeting, items=[])


def _meeting_saver(store, meeting: Meeting) -> Callable[[Any], None]:
    def save(changed: Meeting) -> None:
        for field in dataclasses.fields(changed):
            if field.name != "items":
                setattr(meeting, field.name, getattr(changed, field.name))
        store.save_meeting(meeting)
    return save


def _item_saver(store, meeting_id: int, item_id: int) -> Callable[[Any], None]:
    def save(changed) -> None:
        meeting = store.meeting(meeting_id)
        meeting.items = [changed if item.id == item_id else item for item in meeting.items]
        store.save_meeting(meeting)
    return save


def _decision_saver(store) -> Callable[[Any], None]:
    return lambda changed: store.update_decision(changed.meeting_id, changed.id, changed.text)


def _entry_saver(store) -> Callable[[Any], None]:
    return lambda changed: store.set_triage_entry(
        changed.meeting_id, changed.resident_id, change=changed.change,
        action=changed.action, owner=changed.owner)


def _findings(stored: _Stored, tainted_ids: list[str]) -> list[Finding]:
    """The object's places with a CPR number; an id field holding a council id that has
    one (``tainted_ids``) is left out: that council is reported once, by itself."""
    shown = stored.value if stored.shown is None else stored.shown
    places: list[str] = []
    for place, field, text in strings(shown, stored.where):
        if not text or not contains_cpr(text) or place in places:
            continue
        if field in ID_FIELDS and any(council_id in text for council_id in tainted_ids):
            continue
        places.append(place)
    if not places:
        return []
    left = set(cpr_places(redacted(shown, keep_ids=True), stored.where))
    council, meeting = redact_cpr(stored.council), redact_cpr(stored.meeting)
    return [Finding(council, meeting, redact_cpr(place),
                    fixable=stored.save is not None and place not in left)
            for place in places]


COUNCIL_ID_ADVICE = (
    "Rådets id er lavet af navnet, da rådet blev oprettet, og alle rådets møder, "
    "opfølgningspunkter og beboere er gemt under det, så det kan meetingtool ikke ændre "
    "(navnet rettes med --redact). Eksport med --redact holder det ude af filer og "
    "filnavne. Opret et nyt råd med et navn uden CPR-nummer, brug det fremover, og bed den, "
    "der driver data, om at slette det gamle råds data, når de ikke længere skal gemmes.")


def scan(store, council_id: str | None = None) -> list[Finding]:
    """Every place in the store (or one council's part) whose text holds a CPR number."""
    tainted = [council.id for council in store.councils() if contains_cpr(council.id)]
    found: list[Finding] = []
    for stored in _stored(store, council_id):
        if isinstance(stored.value, Council) and stored.value.id in tainted:
            found.append(Finding(redact_cpr(stored.council), "", "rådets id",
                                 fixable=False, advice=COUNCIL_ID_ADVICE))
        found += _findings(stored, tainted)
    return found


def redact_store(store, council_id: str | None = None) -> int:
    """Replace every CPR number that can be replaced with "[CPR fjernet]", writing through
    the store's public methods; the number of objects written. Take a backup first."""
    written = 0
    for stored in list(_stored(store, council_id)):
        if stored.save is None or not cpr_places(stored.value):
            continue
        changed = redacted(stored.value, keep_ids=True)
        if changed != stored.value:
            stored.save(changed)
            written += 1
    return written
