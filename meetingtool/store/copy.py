"""``meetingtool store copy SOURCE TARGET``: everything the API holds, from one store to
another (a centre's folder onto the shared server, or a snapshot of the server in a folder).

Only through the API, so it works between any two backends: councils with their members,
meetings with their ids, decisions, follow-ups with their history, residents, triage
entries, borgergennemgange, trials and indicators (not the files backend's own backups). The
target must be empty. Afterwards the counts of both are compared, and a checksum of each
meeting with what was recorded in it; any difference is an error naming it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from meetingtool.core.codec import to_dict
from meetingtool.core.errors import MeetingToolError
from meetingtool.store.api import Store
from meetingtool.store.inventory import KINDS, count_through_api, meeting_checksum


@dataclass
class CopyReport:
    counts: dict[str, int]
    meetings_verified: int


def copy_store(source: Store, target: Store,
               progress: Callable[[str], None] | None = None) -> CopyReport:
    """Copy ``source`` into the empty ``target`` and verify the copy."""
    if target.councils() or target.meetings(limit=1):
        raise MeetingToolError(
            f"Målet {target.location} er ikke tomt: 'store copy' kopierer kun til en tom "
            "datamappe eller database, så intet blandes sammen eller overskrives.")
    say = progress or (lambda text: None)
    councils = source.councils()
    for council in councils:
        target.save_council(council)
    summaries = sorted(source.meetings(), key=lambda s: s.id)
    say(f"{len(councils)} råd kopieret; kopierer {len(summaries)} møder ...")
    for council in councils:
        for resident in source.residents(council.id, include_inactive=True):
            target.import_resident(resident)
            for record in source.borgergennemgange(resident.id):
                target.import_borgergennemgang(record)
    for n, summary in enumerate(summaries, start=1):
        target.import_meeting(source.meeting(summary.id))
        for decision in source.decisions(summary.id):
            target.import_decision(decision)
        for entry in source.triage_entries(summary.id):
            target.import_triage_entry(entry)
        if n % 500 == 0:
            say(f"{n} af {len(summaries)} møder kopieret ...")
    for summary in summaries:  # after every meeting: a history entry may name a later one
        for followup in source.followups(meeting_id=summary.id):
            target.import_followup(followup)
    for trial in source.trials():  # after the meetings its history and follow-up name
        target.import_trial(trial)
    for indicator in source.indicators():
        target.import_indicator(indicator)
    say("Kontrollerer kopien ...")
    return verify_copy(source, target)


def verify_copy(source: Store, target: Store) -> CopyReport:
    """Compare counts and each meeting's checksum; ``MeetingToolError`` naming a difference."""
    before, after = count_through_api(source), count_through_api(target)
    differ = [kind for kind in KINDS if before[kind] != after[kind]]
    if differ:
        detail = ", ".join(f"{kind}: {before[kind]} i kilden, {after[kind]} i kopien"
                           for kind in differ)
        raise MeetingToolError(f"Kopien passer ikke med kilden ({detail}).")
    ids = [summary.id for summary in source.meetings()]
    for meeting_id in ids:
        if meeting_checksum(source, meeting_id) != meeting_checksum(target, meeting_id):
            raise MeetingToolError(
                f"Møde {meeting_id} er ikke det samme i kopien som i kilden (kontrolsummen "
                "afviger).")
    for trial in source.trials():
        if to_dict(trial) != to_dict(target.trial(trial.id)):
            raise MeetingToolError(f"Prøvehandlingen {trial.id} er ikke den samme i kopien.")
    copied = {i.id: to_dict(i) for i in target.indicators()}
    for indicator in source.indicators():
        if to_dict(indicator) != copied.get(indicator.id):
            raise MeetingToolError(f"Indikatoren {indicator.id} er ikke den samme i kopien.")
    return CopyReport(counts=after, meetings_verified=len(ids))
