"""Councils, meetings and decisions in the files backend.

A meeting is one file (``meetings/meeting-N.json``) with its agenda copy, notes, attendance,
clock, decisions and triage entries; a summary line per meeting in the year's file lists it
without opening it. ``save_meeting`` merges three-way with what another terminal saved
meanwhile (``store.merge``), the base being what this very object was read or saved as.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from datetime import date, time
from typing import Any

from tinydb import Query
from tinydb.table import Document

from meetingtool.core.codec import from_dict, to_dict
from meetingtool.core.errors import NotFoundError
from meetingtool.core.model import (
    AgendaTemplate,
    Council,
    Decision,
    Meeting,
    MeetingSummary,
    Member,
)
from meetingtool.core.planning import plan_meeting
from meetingtool.core.vocab import MeetingStatus
from meetingtool.store.files import layout
from meetingtool.store.files.records import decode, slugify, split_id, summary_of
from meetingtool.store.files.tx import FileTransactions
from meetingtool.store.merge import merge_docs

BACKUP_ON_STATUS: dict[str, str] = {MeetingStatus.I_GANG: "Mødet startede",
                    MeetingStatus.AFSLUTTET: "Mødet sluttede"}
"""Meeting statuses that make an automatic backup when a meeting enters them."""


class MeetingRecords(FileTransactions):
    """Councils, meetings (merged on save) and decisions."""

    def councils(self) -> list[Council]:
        with self._tx():
            docs = self._catalogue().table("councils").all()
        return sorted((decode(Council, d, self.data_dir / layout.CATALOGUE, "et råd")
                       for d in docs), key=lambda c: c.name.casefold())

    def council(self, council_id: str) -> Council:
        with self._tx():
            return decode(Council, self._council_doc(council_id),
                          self.data_dir / layout.CATALOGUE, "rådet")

    def find_council(self, name: str) -> Council | None:
        wanted = name.strip().casefold()
        for council in self.councils():
            if council.name.strip().casefold() == wanted:
                return council
        return None

    def ensure_council(self, name: str, kind: str, members: Iterable[Member] = ()) -> Council:
        with self._tx():
            existing = self.find_council(name)
            if existing is not None:
                return existing
            table = self._catalogue().table("councils")
            base = slugify(name)
            council_id, n = base, 1
            while table.contains(Query().id == council_id):
                n += 1
                council_id = f"{base}-{n}"
            council = Council(id=council_id, name=name.strip(), kind=kind,
                              members=[copy.deepcopy(m) for m in members])
            table.insert(to_dict(council))
        return council

    def save_council(self, council: Council) -> None:
        with self._tx():
            self._catalogue().table("councils").upsert(to_dict(council),
                                                        Query().id == council.id)

    # --- meetings -----------------------------------------------------------------------

    def create_meeting(self, council_id: str, template: AgendaTemplate, on: date, *,
                       title: str | None = None, place: str | None = None,
                       start_time: time | None = None, theme: str = "") -> Meeting:
        with self._tx():
            council = self.council(council_id)
            counters = self._catalogue().table("counters")
            counter: Mapping[str, Any] = counters.get(doc_id=1) or {}
            meeting_id = int(counter.get("meeting", 0)) + 1
            while layout.meeting_path(self.data_dir, meeting_id).exists():
                meeting_id += 1  # never reuse a file, even one left by a crash
            meeting = plan_meeting(council, template, on, title=title, place=place,
                                   start_time=start_time, theme=theme)
            meeting.id = meeting_id
            db = self._meeting_db(meeting_id, new=True)
            db.table("meeting").insert(Document(to_dict(meeting), doc_id=1))
            db.table("counters").insert(Document({"decisions": 0, "followups": 0}, doc_id=1))
            self._put_summary(meeting)
            self._bump_meeting_counter(meeting_id)
        self._bases.remember(meeting, to_dict(meeting))
        return meeting

    def meeting(self, meeting_id: int) -> Meeting:
        with self._tx():
            meeting = decode(Meeting, self._meeting_doc(meeting_id),
                             layout.meeting_path(self.data_dir, meeting_id), "mødet")
        meeting.clock.running = False  # a reopened meeting's clock is always paused
        self._bases.remember(meeting, to_dict(meeting))
        return meeting

    def changed_elsewhere(self, meeting: Meeting) -> bool:
        """Whether the stored meeting differs from what ``meeting`` was read or saved as:
        another terminal (or screen) saved it since. Reads, never writes."""
        with self._tx():
            on_disk = dict(self._meeting_doc(meeting.id))
        base = self._bases.base_of(meeting)
        return base is None or on_disk != base

    def pull_notes(self, meeting: Meeting, item_id: int) -> str:
        """An item's notes as stored now, into ``meeting`` and into its merge base.

        For a screen that shows what another terminal wrote before its user types on: the
        next save then merges only what was typed after this.
        """
        with self._tx():
            stored = decode(Meeting, self._meeting_doc(meeting.id),
                            layout.meeting_path(self.data_dir, meeting.id)).item(item_id).notes
        meeting.item(item_id).notes = stored
        self._bases.pull_notes(meeting, item_id, stored)
        return stored

    def save_meeting(self, meeting: Meeting) -> None:
        """Save the whole meeting, merged with changes another process saved meanwhile.

        The object as it was read or last saved is the merge base: a field (a person's
        presence, an item's minutes ...) changed here wins, a field changed only elsewhere
        keeps that change. If both changed the same field, this save wins, except notes,
        which are merged line by line (``store.merge``).
        """
        backup_reason = None
        mine = to_dict(meeting)
        with self._tx():
            on_disk = self._meeting_doc(meeting.id)
            old = decode(Meeting, on_disk, layout.meeting_path(self.data_dir, meeting.id), "mødet")
            base = self._bases.base_of(meeting)
            merged = mine if base is None else merge_docs(base, mine, dict(on_disk))
            self._meeting_db(meeting.id).table("meeting").update(
                Document(merged, doc_id=1), doc_ids=[1])
            saved = from_dict(Meeting, merged)
            new_summary = summary_of(saved)
            if summary_of(old) != new_summary:
                self._put_summary(saved, old_year=old.date.year)
            if saved.status != old.status and saved.status in BACKUP_ON_STATUS:
                backup_reason = (f"{BACKUP_ON_STATUS[saved.status]}: {saved.title}, "
                                 f"{saved.council_name} ({saved.date.isoformat()})")
        self._bases.remember(meeting, mine)
        if backup_reason:
            self.backup(backup_reason)

    def meetings(self, council_id: str | None = None,
                 limit: int | None = None) -> list[MeetingSummary]:
        docs: list[dict[str, Any]] = []
        with self._tx():
            for doc in self._summary_docs(council_id):
                if limit is not None and len(docs) >= limit:
                    break
                docs.append(doc)
        return [decode(MeetingSummary, d, self.data_dir / layout.SUMMARIES_DIR, "en mødelinje")
                for d in docs]

    def previous_meeting(self, meeting_id: int) -> Meeting | None:
        with self._tx():
            this = self._meeting_doc(meeting_id)
            key = (this["date"], this["id"])
            for doc in self._summary_docs(this["council_id"],
                                          up_to_year=date.fromisoformat(this["date"]).year):
                if (doc["date"], doc["id"]) < key:
                    return self.meeting(doc["id"])
        return None

    # --- decisions ----------------------------------------------------------------------

    def add_decision(self, meeting_id: int, item_id: int, text: str) -> Decision:
        with self._tx():
            self._check_item(meeting_id, item_id)
            db = self._meeting_db(meeting_id)
            number = self._next(db, "decisions")
            decision = Decision(id=f"{meeting_id}-{number}", meeting_id=meeting_id,
                                item_id=item_id, text=text, created=self._now())
            db.table("decisions").insert(Document(to_dict(decision), doc_id=number))
        return decision

    def _decision_number(self, meeting_id: int, decision_id: str) -> int:
        head, number = split_id(decision_id, "Beslutningen")
        table = self._meeting_db(meeting_id).table("decisions")
        if head != str(meeting_id) or not table.contains(doc_id=number):
            raise NotFoundError(f"Beslutningen '{decision_id}' findes ikke i møde {meeting_id}.")
        return number

    def update_decision(self, meeting_id: int, decision_id: str, text: str) -> Decision:
        with self._tx():
            number = self._decision_number(meeting_id, decision_id)
            table = self._meeting_db(meeting_id).table("decisions")
            table.update({"text": text}, doc_ids=[number])
            decision = decode(Decision, table.get(doc_id=number),
                              layout.meeting_path(self.data_dir, meeting_id), "beslutningen")
        return decision

    def delete_decision(self, meeting_id: int, decision_id: str) -> None:
        with self._tx():
            number = self._decision_number(meeting_id, decision_id)
            self._meeting_db(meeting_id).table("decisions").remove(doc_ids=[number])

    def decisions(self, meeting_id: int, item_id: int | None = None) -> list[Decision]:
        with self._tx():
            docs = self._meeting_db(meeting_id).table("decisions").all()
        docs.sort(key=lambda d: d.doc_id)
        path = layout.meeting_path(self.data_dir, meeting_id)
        return [decode(Decision, d, path, "en beslutning") for d in docs
                if item_id is None or d.get("item_id") == item_id]
