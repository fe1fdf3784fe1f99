"""Who the minutes go to, and what that allows them to carry.

Minutes that name a resident (by initials or room: a triage board, a case received from a
team, a borgergennemgang) are health data for internal use: they say "Intern — indeholder
personoplysninger" on every page, whatever kind of council held the meeting. Minutes exported
with the internal follow-ups (``--include-internal``) say "Intern" in their title, on every
page and in their file name. And the bruger- og pårørenderåd's minutes go to residents and
relatives: they never carry a resident's initials or room, not even with
``--include-internal`` — such a follow-up is left out and the minutes say that one was.
"""

from __future__ import annotations

from dataclasses import replace

from meetingtool.core.model import FollowUp
from meetingtool.core.vocab import MeetingKind
from meetingtool.export.bundle import MinutesBundle

OPEN_AUDIENCE_KINDS = frozenset({MeetingKind.BRUGER_OG_PAAROERENDERAAD})
"""Councils whose minutes reach people outside the staff (residents and relatives)."""

INTERNAL_NOTE = "Intern — må ikke deles uden for rådet"
"""The marking of minutes exported with the internal follow-ups (and no resident data)."""


def _names_a_resident(followup: FollowUp) -> bool:
    return bool(followup.resident.strip())


def prepare(bundle: MinutesBundle, include_internal: bool) -> MinutesBundle:
    """The bundle as these minutes' readers may see it, with its markings decided.
    Preparing a prepared bundle again changes nothing."""
    left_out: set[str] = set()
    if bundle.meeting.kind in OPEN_AUDIENCE_KINDS:
        def keep(followups: list[FollowUp]) -> list[FollowUp]:
            left_out.update(fu.id for fu in followups if _names_a_resident(fu))
            return [fu for fu in followups if not _names_a_resident(fu)]

        bundle = replace(
            bundle,
            followups_created=keep(bundle.followups_created),
            open_followups=keep(bundle.open_followups),
            followups_reviewed=[r for r in bundle.followups_reviewed
                                if not _names_a_resident(r.followup)],
            escalations_in=[e for e in bundle.escalations_in
                            if not _names_a_resident(e.followup)],
            escalations_out=[e for e in bundle.escalations_out
                             if not _names_a_resident(e.followup)],
            triage_entries=[],
            residents={},
        )
    shown = [fu for fu in (*bundle.followups_created, *bundle.open_followups,
                           *(r.followup for r in bundle.followups_reviewed),
                           *(e.followup for e in bundle.escalations_in),
                           *(e.followup for e in bundle.escalations_out))
             if include_internal or not fu.internal]
    personal = bundle.is_triage or bool(bundle.triage_entries) or any(
        _names_a_resident(fu) for fu in shown)
    return replace(bundle, personal=personal, internal_included=include_internal,
                   residents_left_out=bundle.residents_left_out + len(left_out))
