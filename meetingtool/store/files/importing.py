"""Records taken in whole, ids kept (``meetingtool store copy``), in the files backend.

Each import is one transaction like every other call. The counters a record's number
came from are raised to it, so ids made afterwards never collide with a copied one.
"""

from __future__ import annotations

from collections.abc import Callable

from tinydb import TinyDB
from tinydb.table import Document

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
from meetingtool.store.files import layout
from meetingtool.store.files.followups import FollowUpRecords
from meetingtool.store.files.meetings import MeetingRecords
from meetingtool.store.files.residents import ResidentRecords


class ImportRecords(MeetingRecords, FollowUpRecords, ResidentRecords):
    """``import_*``: a copied store's records with their ids; ``watch``."""

    def _raise_counter(self, db: TinyDB, key: str, number: int) -> None:
        counters = db.table("counters")
        values = dict(counters.get(doc_id=1) or {})
        values[key] = max(int(values.get(key, 0)), number)
        counters.upsert(Document(values, doc_id=1))

    def import_meeting(self, meeting: Meeting) -> None:
        with self._tx():
            if layout.meeting_path(self.data_dir, meeting.id).exists():
                raise MeetingToolError(f"Møde {meeting.id} findes allerede i {self.data_dir}.")
            self._council_doc(meeting.council_id)
            db = self._meeting_db(meeting.id, new=True)
            db.table("meeting").insert(Document(to_dict(meeting), doc_id=1))
            db.table("counters").insert(Document({"decisions": 0, "followups": 0}, doc_id=1))
            self._put_summary(meeting)
            self._bump_meeting_counter(meeting.id)
        self._bases.remember(meeting, to_dict(meeting))

    def import_decision(self, decision: Decision) -> None:
        _, number = split_id(decision.id, "Beslutningen")
        with self._tx():
            db = self._meeting_db(decision.meeting_id)
            db.table("decisions").insert(Document(to_dict(decision), doc_id=number))
            self._raise_counter(db, "decisions", number)

    def import_followup(self, followup: FollowUp) -> None:
        _, number = split_id(followup.id, "Opfølgningspunktet")
        with self._tx():
            self._meeting_doc(followup.meeting_id)
            self._store_followup(followup, None, None, None)
            self._raise_counter(self._meeting_db(followup.meeting_id), "followups", number)

    def import_resident(self, resident: Resident) -> None:
        _, number = split_id(resident.id, "Borgeren")
        with self._tx():
            self._council_doc(resident.council_id)
            db = self._residents_db(resident.council_id)
            db.table("residents").insert(Document(to_dict(resident), doc_id=number))
            self._raise_counter(db, "residents", number)

    def import_triage_entry(self, entry: TriageEntry) -> None:
        with self._tx():
            self._resident_doc(entry.resident_id)
            self._meeting_db(entry.meeting_id).table("triage").insert(to_dict(entry))

    def import_borgergennemgang(self, record: Borgergennemgang) -> None:
        _, number = split_id(record.id, "Borgergennemgangen")
        with self._tx():
            db, _, _ = self._resident_doc(record.resident_id)
            db.table("borgergennemgange").insert(Document(to_dict(record), doc_id=number))
            self._raise_counter(db, "borgergennemgange", number)

    @property
    def schema_version(self) -> int:
        return layout.SCHEMA_VERSION

    def watch(self, callback: Callable[[int | None], None],
              meeting_id: int | None = None) -> None:
        """No push between terminals on a data folder: screens keep polling
        (``changed_elsewhere``)."""
