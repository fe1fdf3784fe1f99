"""Records taken in whole, ids kept (``meetingtool store copy``), and the store's counts.

Each import is one transaction like every other call; a counter is raised to the
imported number, so ids made afterwards never collide with a copied one.
"""

from __future__ import annotations

from pathlib import Path

from meetingtool.core.codec import to_dict
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import (
    Borgergennemgang,
    Decision,
    FollowUp,
    Meeting,
    Resident,
    TriageEntry,
)
from meetingtool.core.records import split_id
from meetingtool.store.api import BackupSummary
from meetingtool.store.postgres.residents import ResidentRecords

COUNTED = {
    "councils": "councils",
    "meetings": "meetings",
    "decisions": "decisions",
    "followups": "followups",
    "residents": "residents",
    "triage_entries": "triage_entries",
    "borgergennemgange": "borgergennemgange",
    "trials": "trials",
}


class ImportRecords(ResidentRecords):
    """``import_*`` (a copy's records, ids kept), ``counts``; backups are the server's."""

    def import_meeting(self, meeting: Meeting) -> None:
        with self._tx() as cur:
            cur.execute("SELECT 1 FROM meetings WHERE id = %s", (meeting.id,))
            if cur.fetchone() is not None:
                raise MeetingToolError(f"Møde {meeting.id} findes allerede i {self.location}.")
            self.council(meeting.council_id)
            self._next(cur, "meeting", at_least=meeting.id)
            self._insert_meeting(cur, meeting)
        self._bases.remember(meeting, to_dict(meeting))

    def import_decision(self, decision: Decision) -> None:
        _, number = split_id(decision.id, "Beslutningen")
        with self._tx() as cur:
            self._meeting_doc(cur, decision.meeting_id)
            self._next(cur, f"decisions:{decision.meeting_id}", at_least=number)
            self._put_decision(cur, decision, number)

    def import_followup(self, followup: FollowUp) -> None:
        head, number = split_id(followup.id, "Opfølgningspunktet")
        with self._tx() as cur:
            self._meeting_doc(cur, int(head))
            self._next(cur, f"followups:{int(head)}", at_least=number)
            self._put_followup(cur, followup, new=True)

    def import_resident(self, resident: Resident) -> None:
        _, number = split_id(resident.id, "Borgeren")
        with self._tx() as cur:
            self.council(resident.council_id)
            self._next(cur, f"residents:{resident.council_id}", at_least=number)
            self._put_resident(cur, resident, number)

    def import_triage_entry(self, entry: TriageEntry) -> None:
        with self._tx() as cur:
            self._meeting_doc(cur, entry.meeting_id)
            self._resident_doc(cur, entry.resident_id)
            seq = self._next(cur, f"triage:{entry.meeting_id}")
            if not self._put_triage_entry(cur, entry, seq):
                raise MeetingToolError(
                    f"Triagen af {entry.resident_id} i møde {entry.meeting_id} findes allerede.")

    def import_borgergennemgang(self, record: Borgergennemgang) -> None:
        _, number = split_id(record.id, "Borgergennemgangen")
        with self._tx() as cur:
            resident = self._resident_doc(cur, record.resident_id)
            self._next(cur, f"borgergennemgange:{resident['council_id']}", at_least=number)
            self._put_borgergennemgang(cur, record, number)

    def counts(self) -> dict[str, int]:
        with self._tx() as cur:
            found = {}
            for name, table in COUNTED.items():
                cur.execute(f"SELECT count(*) FROM {table}")
                row = cur.fetchone()
                found[name] = int(row[0]) if row else 0
            return found

    # --- backups are the server's own -----------------------------------------------------

    def backup(self, reason: str) -> Path | None:
        return None

    def backups(self) -> list[BackupSummary]:
        return []

    def restore(self, backup_id: str) -> None:
        raise MeetingToolError(
            f"Data ligger på databaseserveren {self.location}, og dens sikkerhedskopier er "
            "serverens egne (fx pg_dump eller serverens løbende backup): spørg den, der "
            "driver serveren. Et øjebliksbillede i en mappe tages med: "
            f"meetingtool store copy {self.location} MAPPE")
