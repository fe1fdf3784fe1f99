"""Minutes as JSON: the structure ``meetingtool show --format json`` prints.

Keys are English, values keep the stored keys ("afsluttet", "til_stede") with a Danish
``*_label`` beside them; dates are ISO (``2026-12-01``), times ``14:30``, datetimes
``2026-11-22T14:30:00``.
"""

from __future__ import annotations

import json
from typing import Any

from meetingtool.core.codec import to_dict
from meetingtool.export import wording as w
from meetingtool.export.bundle import MinutesBundle


def meeting_record(
    bundle: MinutesBundle, *, include_internal: bool = True, include_times: bool = True
) -> dict[str, Any]:
    """The whole meeting as plain data (what ``show --format json`` prints)."""
    meeting = bundle.meeting

    def followup(fu) -> dict[str, Any]:
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

    def shown(followups):
        return [followup(fu) for fu in w.shown_followups(followups, include_internal)]

    items = []
    for item in meeting.items:
        record: dict[str, Any] = {
            "id": item.id,
            "number": meeting.item_number(item.id),
            "title": item.title,
            "kind": item.kind,
            "kind_label": w.item_kind_label(item.kind),
            "presenter": item.presenter,
            "description": item.description,
            "tags": list(item.tags),
            "notes": item.notes,
            "decisions": [
                {"id": d.id, "text": d.text, "created": to_dict(d.created)}
                for d in bundle.decisions_for(item.id)
            ],
            "followups": shown(bundle.followups_for(item.id)),
        }
        if include_times:
            record["planned_minutes"] = item.planned_minutes
            record["used_minutes"] = round(item.used_seconds / 60, 1)
        items.append(record)

    approval = None
    if meeting.approval is not None:
        approval = to_dict(meeting.approval)
    previous = None
    if bundle.previous is not None:
        previous = {
            "meeting_id": bundle.previous.meeting_id,
            "date": bundle.previous.meeting_date.isoformat(),
            "approval": to_dict(bundle.previous.approval) if bundle.previous.approval else None,
        }

    reviewed = [
        {
            **followup(r.followup),
            "outcome": r.outcome,
            "outcome_label": r.outcome_label,
            "comments": r.comments,
            "agreed_on": r.origin_date.isoformat() if r.origin_date else None,
        }
        for r in bundle.followups_reviewed
        if include_internal or not r.followup.internal
    ]

    def escalation(line) -> dict[str, Any]:
        return {
            "direction": line.direction,
            "followup": followup(line.followup),
            "other_council": line.other_council,
            "reason": line.reason,
            "at": to_dict(line.at),
            "other_status": line.other_status,
        }

    record = {
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
        "approval": approval,
        "chair": meeting.chair,
        "secretary": meeting.secretary,
        "attendance": [
            {
                "name": a.name,
                "role": a.role,
                "role_label": w.role_label(a.role),
                "presence": a.presence,
                "presence_label": w.presence_label(a.presence),
                "guest": a.guest,
            }
            for a in meeting.attendance
        ],
        "planned_minutes": meeting.planned_minutes if include_times else None,
        "items": items,
        "followups_reviewed": reviewed,
        "escalations_out": [
            escalation(e) for e in bundle.escalations_out
            if include_internal or not e.followup.internal
        ],
        "escalations_in": [
            escalation(e) for e in bundle.escalations_in
            if include_internal or not e.followup.internal
        ],
        "open_followups": shown(bundle.open_followups),
        "previous_meeting": previous,
        "next_meeting": bundle.next_meeting.isoformat() if bundle.next_meeting else None,
    }
    if bundle.is_triage or bundle.triage_entries:
        record["triage"] = [
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
    return record


def render_json(
    bundle: MinutesBundle, *, include_internal: bool = False, include_times: bool = True
) -> str:
    data = meeting_record(bundle, include_internal=include_internal, include_times=include_times)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
