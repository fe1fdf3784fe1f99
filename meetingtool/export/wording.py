"""The Danish wording the minutes share across formats (docx, Markdown, the CLI's table).

Kept in one place so a Word document and a Markdown page of the same meeting say the same
thing in the same words: "14.00–15.42", "Godkendt 22. november 2026", "Overført (3. gang)".
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from meetingtool.core.dates import format_date, format_date_short, format_time
from meetingtool.core.followups import titled
from meetingtool.core.model import Attendee, FollowUp, Meeting, MeetingItem
from meetingtool.core.planning import presenter_name
from meetingtool.core.vocab import (
    FOLLOWUP_STATUSES,
    ITEM_KINDS,
    MEETING_KINDS,
    MEETING_STATUSES,
    NOT_REGISTERED_LABEL,
    PRESENCE,
    ROLES,
    TRIAGE_COLOURS,
    Presence,
)
from meetingtool.export.bundle import CARRIED_OVER, REDATED, MinutesBundle
from meetingtool.export.bundle_cases import EscalationLine

KORT_FORTALT_KIND = "bruger-og-paaroerenderaad"
# The item whose notes become the plain-language part ("what do we tell the others").
TELL_OTHERS_TITLE = "Hvad fortæller vi de andre beboere og pårørende?"
INTERNAL_LINE = "Intern — indeholder personoplysninger"
INTERNAL_SECTION = "Interne opfølgningspunkter"
DASH = "\u2013"

# XML 1.0 forbids most C0 controls; Word's pasted text carries \x0b (manual line break) and
# \x0c (page break), which become line breaks; the rest are dropped.
_LINE_BREAK_CONTROLS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean(text: str | None) -> str:
    """Text safe for a Word document: no control characters, line breaks kept as \\n."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_BREAK_CONTROLS.sub("\n", text)
    return _FORBIDDEN.sub("", text)


def paragraphs(text: str | None) -> list[str]:
    """Notes split into paragraphs at blank lines; single line breaks stay inside."""
    cleaned = clean(text).strip()
    if not cleaned:
        return []
    return [part.strip("\n") for part in re.split(r"\n\s*\n", cleaned) if part.strip()]


def kind_label(kind: str) -> str:
    return MEETING_KINDS.get(kind, kind)


def item_kind_label(kind: str) -> str:
    return ITEM_KINDS.get(kind, kind)


def role_label(role: str) -> str:
    return ROLES.get(role, role)


def presence_label(presence: str) -> str:
    return PRESENCE.get(presence, NOT_REGISTERED_LABEL if presence == Presence.IKKE_REGISTRERET
                        else presence)


def followup_status_label(status: str) -> str:
    return FOLLOWUP_STATUSES.get(status, status)


def meeting_status_label(status: str) -> str:
    return MEETING_STATUSES.get(status, status)


def colour_label(colour: str) -> str:
    return TRIAGE_COLOURS.get(colour, colour)


def date_or_dash(day) -> str:
    return format_date(day) if day else DASH


def short_date_or_dash(day) -> str:
    """"15.12.2026": tables use the short form so a date never wraps over three lines."""
    return format_date_short(day) if day else DASH


def time_range(meeting: Meeting) -> str:
    """"14.00–15.42" from the actual times; planned times are marked as such."""
    start = meeting.started_at or (
        datetime.combine(meeting.date, meeting.start_time) if meeting.start_time else None
    )
    if start is None:
        return ""
    if meeting.ended_at is not None:
        return f"{format_time(start)}{DASH}{format_time(meeting.ended_at)}"
    if meeting.started_at is None:
        planned_end = start + timedelta(minutes=meeting.planned_minutes)
        return f"{format_time(start)}{DASH}{format_time(planned_end)} (planlagt)"
    return f"fra {format_time(start)}"


def approval_status(meeting: Meeting) -> str:
    """"Udkast", "Godkendt 22. november 2026" or "Godkendt med rettelser ..."."""
    approval = meeting.approval
    if approval is None:
        return "Udkast"
    when = format_date(approval.approved_on)
    if approval.with_corrections:
        return f"Godkendt med rettelser {when}"
    return f"Godkendt {when}"


def previous_approval_line(bundle: MinutesBundle) -> str:
    """About the previous meeting's minutes, e.g. "Godkendt uden rettelser"."""
    previous = bundle.previous
    if previous is None:
        return ""
    head = f"Referat fra mødet {format_date(previous.meeting_date)}: "
    approval = previous.approval
    if approval is None:
        return head + "ikke godkendt."
    if approval.approved_in_meeting_id not in (None, bundle.meeting.id):
        return head + f"godkendt {format_date(approval.approved_on)}."
    if approval.with_corrections:
        return head + f"godkendt med rettelser: {clean(approval.corrections)}"
    return head + "godkendt uden rettelser."


def person(attendee: Attendee) -> str:
    """"Anne Holm (Formand)"; a guest is marked as such."""
    name = clean(attendee.name)
    role = role_label(attendee.role)
    if role and role.casefold() in name.casefold():
        role = ""  # "Formand (Formand)", "Repræsentant fra Ældrerådet (Ældrerådet)"
    if attendee.guest and attendee.role != "gaest":
        role = f"{role}, gæst" if role else "gæst"
    return f"{name} ({role})" if role else name


def attendance_taken(meeting: Meeting) -> bool:
    """Whether anybody's attendance was registered (a new meeting's list is not)."""
    return any(a.presence in PRESENCE for a in meeting.attendance)


def attendance_groups(meeting: Meeting) -> list[tuple[str, list[str]]]:
    """[("Til stede", [...]), ("Afbud", [...]), ("Fraværende", [...])], empty groups kept;
    members nobody registered last, as "Ikke registreret" (only when there are some)."""
    groups = []
    for key, label in PRESENCE.items():
        names = [person(a) for a in meeting.attendance if a.presence == key]
        groups.append((label, names))
    unknown = [person(a) for a in meeting.attendance if a.presence not in PRESENCE]
    if unknown:
        groups.append((NOT_REGISTERED_LABEL, unknown))
    return groups


def item_heading(meeting: Meeting, item: MeetingItem) -> str:
    return f"{meeting.item_number(item.id)}. {clean(item.title)}"


def item_minutes(item: MeetingItem) -> str:
    """"Planlagt 15 min · brugt 23 min" (used time rounded to whole minutes); an item never
    reached shows only the plan, one passed in under half a minute "brugt under 1 min"."""
    used = round(item.used_seconds / 60)
    if item.used_seconds <= 0:
        return f"Planlagt {item.planned_minutes} min"
    if used == 0:
        return f"Planlagt {item.planned_minutes} min · brugt under 1 min"
    return f"Planlagt {item.planned_minutes} min · brugt {used} min"


def item_meta(item: MeetingItem, include_times: bool,
              attendance: list[Attendee] | None = None) -> str:
    parts = []
    if item.presenter.strip():
        parts.append(f"Oplæg: {clean(presenter_name(item.presenter, attendance or []))}")
    if include_times:
        parts.append(item_minutes(item))
    return " · ".join(parts)


def followup_row(followup: FollowUp, bundle: MinutesBundle | None = None) -> list[str]:
    """Hvad / Ansvarlig / Frist / Status; the resident, if any, after the text."""
    return [
        what(followup, bundle),
        clean(followup.owner) or DASH,
        short_date_or_dash(followup.due),
        followup_status_label(followup.status),
    ]


FOLLOWUP_HEADER = ["Hvad", "Ansvarlig", "Frist", "Status"]
REVIEW_HEADER = ["Hvad", "Ansvarlig", "Aftalt", "Resultat"]
ESCALATION_HEADER = ["Sag", "Til/fra", "Begrundelse", "Status der"]
OPEN_HEADER = ["Hvad", "Ansvarlig", "Frist", "Status", "Aftalt"]

# Column shares of the text width for each table (the text columns get the room).
# A date column needs 17 % (about 27 mm on A4) for "15.12.2026" not to wrap.
FOLLOWUP_SHARES = (0.43, 0.24, 0.17, 0.16)
REVIEW_SHARES = (0.33, 0.17, 0.17, 0.33)
ESCALATION_SHARES = (0.30, 0.24, 0.31, 0.15)
OPEN_SHARES = (0.34, 0.19, 0.17, 0.13, 0.17)
DATE_HEADERS = frozenset({"Frist", "Aftalt"})
"""Columns holding a date like "15.12.2026", which must never wrap."""

REVIEW_ITEM_TITLE = "Opfølgning fra tidligere møder"
ESCALATIONS_ITEM_TITLE = "Sager fra andre fora"


def review_item(meeting: Meeting) -> MeetingItem | None:
    """The item the follow-up review belongs under (by title, else the first of its kind)."""
    for item in meeting.items:
        if _fold(item.title) == _fold(REVIEW_ITEM_TITLE):
            return item
    return next((item for item in meeting.items if item.kind == "opfoelgning"
                 and _fold(item.title) != _fold(ESCALATIONS_ITEM_TITLE)), None)


def review_outcome(reviewed) -> str:
    """"Udført", "Ny frist 1. december 2026", "Overført (3. gang)", plus comments."""
    followup = reviewed.followup
    if reviewed.outcome == REDATED:
        text = f"Ny frist {date_or_dash(followup.due)}"
    elif reviewed.outcome == CARRIED_OVER and reviewed.sent_to:
        # The case is theirs now; said as where it is, so it does not read as sent again.
        since = short_date_or_dash(followup.escalated_to.at.date())
        text = f"Ligger hos {clean(reviewed.sent_to)} (sendt {since})"
    elif reviewed.outcome == CARRIED_OVER:
        times = max(followup.carried_over, 1)
        text = f"Overført ({times}. gang)"
    else:
        text = reviewed.outcome_label
    comments = [clean(comment) for comment in reviewed.comments]
    if comments:
        text += ": " + "; ".join(comments)
    return text


def what(followup: FollowUp, bundle: MinutesBundle | None = None) -> str:
    """A follow-up's text naming the resident it is about, if any. A case sent on from the
    round already starts with the resident ("AB, stue 12: ..."): not named twice."""
    if not followup.resident:
        return clean(followup.text)
    who = resident_label(bundle, followup.resident)  # the label for a stored resident id
    return clean(titled(replace(followup, resident=who)))


def review_row(reviewed, bundle: MinutesBundle | None = None) -> list[str]:
    followup = reviewed.followup
    agreed = short_date_or_dash(reviewed.origin_date)
    if reviewed.origin_council:
        agreed += f" ({clean(reviewed.origin_council)})"
    return [what(followup, bundle), clean(followup.owner) or DASH, agreed,
            review_outcome(reviewed)]


def escalation_row(line: EscalationLine) -> list[str]:
    where = f"Til {clean(line.other_council)}" if line.direction == "ud" else (
        f"Fra {clean(line.other_council)}"
    )
    status = followup_status_label(line.other_status) if line.other_status else DASH
    return [clean(line.followup.text), where, clean(line.reason), status]


def open_row(followup: FollowUp, agreed, bundle: MinutesBundle | None = None) -> list[str]:
    return followup_row(followup, bundle) + [short_date_or_dash(agreed)]


def resident_label(bundle: MinutesBundle | None, resident_id: str) -> str:
    resident = bundle.residents.get(resident_id) if bundle else None
    return clean(resident.label) if resident and resident.label else resident_id


def shown_followups(followups: list[FollowUp], include_internal: bool) -> list[FollowUp]:
    return [fu for fu in followups if include_internal or not fu.internal]


def tell_others_item(meeting: Meeting) -> MeetingItem | None:
    """The item "Hvad fortæller vi de andre beboere og pårørende?" (question mark optional)."""
    wanted = _fold(TELL_OTHERS_TITLE)
    for item in meeting.items:
        if _fold(item.title) == wanted:
            return item
    for item in meeting.items:
        if _fold(item.title).startswith("hvad fortæller vi"):
            return item
    return None


def _fold(text: str) -> str:
    return re.sub(r"[\s?.!:]+", " ", text).strip().casefold()


def has_kort_fortalt(bundle: MinutesBundle) -> bool:
    return bundle.meeting.kind == KORT_FORTALT_KIND


def kort_fortalt(bundle: MinutesBundle) -> dict[str, list[str]]:
    """The plain-language part: what we tell the others, what was decided, what happens next."""
    meeting = bundle.meeting
    item = tell_others_item(meeting)
    told = paragraphs(item.notes) if item else []
    # Approving the agenda or the last minutes is procedure, not news for the residents.
    procedural = {item.id for item in meeting.items if item.kind == "godkendelse"}
    decided = [
        _sentence(d.text)
        for d in bundle.decisions
        if clean(d.text).strip() and d.item_id not in procedural
    ]
    sent_on = {line.followup.id: line.other_council for line in bundle.escalations_out}
    next_steps = []
    for followup in shown_followups(bundle.followups_created, include_internal=False):
        sentence = _sentence(followup.text)
        if followup.id in sent_on:
            sentence += f" Sagen er sendt videre til {clean(sent_on[followup.id])}."
        elif followup.owner.strip() and followup.due:
            by = format_date(followup.due)
            sentence += f" {clean(followup.owner)} sørger for det inden {by}."
        elif followup.owner.strip():
            sentence += f" {clean(followup.owner)} sørger for det."
        elif followup.due:
            sentence += f" Det sker inden {format_date(followup.due)}."
        next_steps.append(sentence)
    if bundle.next_meeting:
        next_steps.append(f"Næste møde er {format_date(bundle.next_meeting)}.")
    return {"told": told, "decided": decided, "next": next_steps}


def _sentence(text: str) -> str:
    text = " ".join(clean(text).split())
    if text and text[-1] not in ".!?":
        text += "."
    return text[:1].upper() + text[1:]


def document_title(bundle: MinutesBundle) -> str:
    meeting = bundle.meeting
    return f"Referat {DASH} {clean(meeting.council_name)}, {format_date(meeting.date)}"


def header_facts(bundle: MinutesBundle) -> list[tuple[str, str]]:
    """The labelled lines under the title: Råd, Mødetype, Dato, Tid, Sted ... Status."""
    meeting = bundle.meeting
    facts = [
        ("Råd", clean(meeting.council_name)),
        ("Mødetype", kind_label(meeting.kind)),
    ]
    title = meeting.title.strip().casefold()
    if title and title not in (meeting.council_name.strip().casefold(),
                               kind_label(meeting.kind).casefold()):
        facts.append(("Møde", clean(meeting.title)))
    if meeting.theme.strip():
        facts.append(("Tema", clean(meeting.theme)))
    facts.append(("Dato", format_date(meeting.date)))
    when = time_range(meeting)
    if when:
        facts.append(("Tid", when))
    if meeting.place.strip():
        facts.append(("Sted", clean(meeting.place)))
    facts.append(("Mødeleder", clean(meeting.chair) or DASH))
    facts.append(("Referent", clean(meeting.secretary) or DASH))
    facts.append(("Status", approval_status(meeting)))
    return facts
