"""Residents of a care team's triage board, their triage entries and borgergennemgange,
in the files backend: one residents file per team; triage entries live in the meeting's file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tinydb import Query, TinyDB
from tinydb.table import Document

from meetingtool.core.codec import to_dict
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.model import Borgergennemgang, MeetingSummary, Resident, TriageEntry
from meetingtool.core.purge import PurgeResult, has_details, without_details
from meetingtool.core.vocab import TRIAGE_COLOURS
from meetingtool.store.files import layout
from meetingtool.store.files.records import decode, split_id
from meetingtool.store.files.scrub import scrub_backups
from meetingtool.store.files.storage import atomic_storage
from meetingtool.store.files.tx import FileTransactions


class ResidentRecords(FileTransactions):
    """Residents (initials and room only), triage entries and borgergennemgange."""


    def _resident_council(self, resident_id: str) -> tuple[str, int]:
        return split_id(resident_id, "Borgeren")

    def residents(self, council_id: str, include_inactive: bool = False) -> list[Resident]:
        with self._tx():
            docs = self._residents_db(council_id).table("residents").all()
        docs.sort(key=lambda d: d.doc_id)
        path = layout.residents_path(self.data_dir, council_id)
        return [decode(Resident, d, path, "en borger") for d in docs
                if include_inactive or d.get("active", True)]

    def add_resident(self, council_id: str, initials: str = "", room: str = "") -> Resident:
        with self._tx():
            self._council_doc(council_id)
            db = self._residents_db(council_id)
            number = self._next(db, "residents")
            resident = Resident(id=f"{council_id}-{number}", council_id=council_id,
                                initials=initials, room=room)
            db.table("residents").insert(Document(to_dict(resident), doc_id=number))
        return resident

    def _resident_doc(self, resident_id: str) -> tuple[TinyDB, int, dict[str, Any]]:
        council_id, number = self._resident_council(resident_id)
        db = self._residents_db(council_id)
        doc = db.table("residents").get(doc_id=number)
        if doc is None or doc.get("id") != resident_id:
            raise NotFoundError(f"Borgeren '{resident_id}' findes ikke.")
        return db, number, doc

    def save_resident(self, resident: Resident) -> None:
        with self._tx():
            db, number, _ = self._resident_doc(resident.id)
            db.table("residents").update(Document(to_dict(resident), doc_id=number),
                                         doc_ids=[number])

    def set_triage_entry(self, meeting_id: int, resident_id: str, *, colour: str | None = None,
                         change: str | None = None, action: str | None = None,
                         owner: str | None = None) -> TriageEntry:
        if colour is not None and colour != "" and colour not in TRIAGE_COLOURS:
            raise MeetingToolError(
                f"Ukendt farve '{colour}'. Brug en af: {', '.join(TRIAGE_COLOURS)}.")
        with self._tx():
            self._meeting_doc(meeting_id)
            table = self._meeting_db(meeting_id).table("triage")
            found = table.get(Query().resident_id == resident_id)
            if found is None:
                self._resident_doc(resident_id)
                entry = TriageEntry(id=f"{meeting_id}:{resident_id}", meeting_id=meeting_id,
                                    resident_id=resident_id, colour=colour or "")
            else:
                entry = decode(TriageEntry, found,
                               layout.meeting_path(self.data_dir, meeting_id), "triagen")
            for name, value in (("colour", colour), ("change", change), ("action", action),
                                ("owner", owner)):
                if value is not None:
                    setattr(entry, name, value)
            entry.at = self._now()
            if found is None:
                table.insert(to_dict(entry))
            else:
                table.update(Document(to_dict(entry), doc_id=found.doc_id),
                             doc_ids=[found.doc_id])
        return entry

    def triage_entries(self, meeting_id: int) -> list[TriageEntry]:
        with self._tx():
            docs = self._meeting_db(meeting_id).table("triage").all()
        docs.sort(key=lambda d: d.doc_id)
        path = layout.meeting_path(self.data_dir, meeting_id)
        return [decode(TriageEntry, d, path, "triagen") for d in docs]

    def resident_history(self, resident_id: str) -> list[tuple[MeetingSummary, TriageEntry]]:
        with self._tx():
            self._resident_doc(resident_id)
            council_id, _ = self._resident_council(resident_id)
            summaries = [decode(MeetingSummary, d, self.data_dir / layout.SUMMARIES_DIR,
                                "en mødelinje") for d in self._summary_docs(council_id)]
            result = []
            for summary in reversed(summaries):
                path = layout.meeting_path(self.data_dir, summary.id)
                db = self._db(path, must_exist=True)
                doc = db.table("triage").get(Query().resident_id == resident_id)
                atomic_storage(db).discard()
                del self._dbs[path]
                if doc is not None:
                    result.append((summary, decode(TriageEntry, doc, path, "triagen")))
        return result

    def add_borgergennemgang(self, resident_id: str, meeting_id: int | None,
                             answers: dict[str, str]) -> Borgergennemgang:
        with self._tx():
            db, _, _ = self._resident_doc(resident_id)
            number = self._next(db, "borgergennemgange")
            record = Borgergennemgang(id=f"{resident_id}-{number}", resident_id=resident_id,
                                      meeting_id=meeting_id, at=self._now(),
                                      answers=dict(answers))
            db.table("borgergennemgange").insert(Document(to_dict(record), doc_id=number))
        return record

    def borgergennemgange(self, resident_id: str) -> list[Borgergennemgang]:
        with self._tx():
            db, _, _ = self._resident_doc(resident_id)
            docs = db.table("borgergennemgange").search(Query().resident_id == resident_id)
        docs.sort(key=lambda d: d.doc_id)
        path = layout.residents_path(self.data_dir, resident_id.rpartition("-")[0])
        return [decode(Borgergennemgang, d, path, "en borgergennemgang") for d in docs]

    def save_borgergennemgang(self, record: Borgergennemgang) -> None:
        with self._tx():
            db, _, _ = self._resident_doc(record.resident_id)
            tail = record.id.rpartition("-")[2]
            number = int(tail) if tail.isdigit() else 0
            table = db.table("borgergennemgange")
            doc = table.get(doc_id=number) if number else None
            if doc is None or doc.get("id") != record.id:
                raise NotFoundError(f"Borgergennemgangen '{record.id}' findes ikke.")
            table.update(Document(to_dict(record), doc_id=number), doc_ids=[number])

    def purge_resident_details(self, resident_ids: Sequence[str]) -> PurgeResult:
        if self.read_only:
            raise self._read_only_error()  # before the backups are touched
        wanted = set(resident_ids)
        entries = reviews = 0
        with self._tx():
            by_council: dict[str, set[str]] = {}
            for resident_id in wanted:
                self._resident_doc(resident_id)  # an unknown id is refused first
                by_council.setdefault(self._resident_council(resident_id)[0],
                                      set()).add(resident_id)
            # the backups first: should this stop halfway, the data still holds the
            # details and running the purge again finishes the job
            backups = scrub_backups(self.data_dir, wanted)
            for council_id, ids in by_council.items():
                table = self._residents_db(council_id).table("borgergennemgange")
                doomed = [doc.doc_id for doc in table.all() if doc.get("resident_id") in ids]
                table.remove(doc_ids=doomed)
                reviews += len(doomed)
                for summary in list(self._summary_docs(council_id)):
                    entries += self._purge_entries(int(summary["id"]), ids)
        return PurgeResult(entries=entries, reviews=reviews, backups=backups)

    def _purge_entries(self, meeting_id: int, ids: set[str]) -> int:
        table = self._meeting_db(meeting_id).table("triage")
        path = layout.meeting_path(self.data_dir, meeting_id)
        emptied = 0
        for doc in table.all():
            if doc.get("resident_id") not in ids:
                continue
            entry = decode(TriageEntry, doc, path, "triagen")
            if has_details(entry):
                table.update(Document(to_dict(without_details(entry)), doc_id=doc.doc_id),
                             doc_ids=[doc.doc_id])
                emptied += 1
        return emptied
