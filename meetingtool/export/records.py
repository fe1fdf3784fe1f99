"""The machine-readable form of the minutes' parts: what each section puts in the JSON.

Keys are English, values keep the stored keys ("afsluttet", "til_stede") with a Danish
``*_label`` beside them; dates are ISO (``2026-12-01``), times ``14:30``, datetimes
``2026-11-22T14:30:00``. The shape is documented (``meetingtool show --format json``) and
relied on: change it only by adding keys.
"""

from __future__ import annotations

from typing import Any

from meetingtool.core.codec import to_dict
from meetingtool.core.model import FollowUp, MeetingItem
from meetingtool.export import wording as w
from meetingtool.export.bundle import MinutesBundle, ReviewedFollowUp
from meetingtool.export.bundle_cases import EscalationLine


def followup(fu: FollowUp) -> dict[str, Any]:
    return {
        "id": fu.id,
        "text": fu.text,
        "owner": fu.owner,
        "due": fu.due.isoformat() if fu.due else None,
        "status": fu.status,
        "status_label": w.followup_status_label(fu.status),
        "internal": fu.internal,
        "carried_over": fu.carried_over,
        "resident": fu.resident,
        "meeting_id": fu.meeting_id,
        "item_id": fu.item_id,
        "created": to_dict(fu.created),
    }


def followups(found: list[FollowUp], include_internal: bool) -> list[dict[str, Any]]:
    return [followup(fu) for fu in w.shown_followups(found, include_internal)]


def reviewed(found: list[ReviewedFollowUp], include_internal: bool) -> list[dict[str, Any]]:
    return [
        {
            **followup(r.followup),
            "outcome": r.outcome,
            "outcome_label": r.outcome_label,
            "comments": r.comments,
            "agreed_on": r.origin_date.isoformat() if r.origin_date else None,
        }
        for r in found
        if include_internal or not r.followup.internal
    ]


def escalations(lines: list[EscalationLine], include_internal: bool) -> list[dict[str, Any]]:
    return [
        {
            "direction": line.direction,
            "followup": followup(line.followup),
            "other_council": line.other_council,
            "reason": line.reason,
            "at": to_dict(line.at),
            "other_status": line.other_status,
        }
        for line in lines
        if include_internal or not line.followup.internal
    ]


def item(bundle: MinutesBundle, entry: MeetingItem, include_internal: bool,
         include_times: bool) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": entry.id,
        "number": bundle.meeting.item_number(entry.id),
        "title": entry.title,
        "kind": entry.kind,
        "kind_label": w.item_kind_label(entry.kind),
        "presenter": entry.presenter,
        "description": entry.description,
        "tags": list(entry.tags),
        "notes": entry.notes,
        "decisions": [
            {"id": d.id, "text": d.text, "created": to_dict(d.created)}
            for d in bundle.decisions_for(entry.id)
        ],
        "followups": followups(bundle.followups_for(entry.id), include_internal),
    }
    if include_times:
        record["planned_minutes"] = entry.planned_minutes
        record["used_minutes"] = round(entry.used_seconds / 60, 1)
    return record


def meeting_facts(bundle: MinutesBundle, include_times: bool) -> dict[str, Any]:
    """The top level of the record: the meeting itself and the previous meeting."""
    meeting = bundle.meeting
    previous = None
    if bundle.previous is not None:
        previous = {
            "meeting_id": bundle.previous.meeting_id,
            "date": bundle.previous.meeting_date.isoformat(),
            "approval": to_dict(bundle.previous.approval) if bundle.previous.approval else None,
        }
    return {
        "id": meeting.id,
        "council_id": meeting.council_id,
        "council": meeting.council_name,
        "kind": meeting.kind,
        "kind_label": w.kind_label(meeting.kind),
        "title": meeting.title,
        "theme": meeting.theme,
        "date": meeting.date.isoformat(),
        "place": meeting.place,
        "start_time": to_dict(meeting.start_time),
        "started_at": to_dict(meeting.started_at),
        "ended_at": to_dict(meeting.ended_at),
        "status": meeting.status,
        "status_label": w.meeting_status_label(meeting.status),
        "minutes_status": w.approval_status(meeting),
        "approval": to_dict(meeting.approval) if meeting.approval is not None else None,
        "chair": meeting.chair,
        "secretary": meeting.secretary,
        "planned_minutes": meeting.planned_minutes if include_times else None,
        "previous_meeting": previous,
    }


def attendance(bundle: MinutesBundle) -> list[dict[str, Any]]:
    return [
        {
            "name": a.name,
            "role": a.role,
            "role_label": w.role_label(a.role),
            "presence": a.presence,
            "presence_label": w.presence_label(a.presence),
            "guest": a.guest,
        }
        for a in bundle.meeting.attendance
    ]


def triage(bundle: MinutesBundle) -> list[dict[str, Any]]:
    return [
        {
            "resident_id": entry.resident_id,
            "resident": w.resident_label(bundle, entry.resident_id),
            "colour": entry.colour,
            "colour_label": w.colour_label(entry.colour),
            "change": entry.change,
            "action": entry.action,
            "owner": entry.owner,
        }
        for entry in bundle.triage_entries
    ]
