"""Follow-ups in the files backend: the council's open ones in one file, closed ones in a
file per meeting.

The open follow-ups of a council (Åben, I gang) are its index of open ones:
``followups/COUNCIL/open.json`` holds each of them whole, so the list the next meeting
reviews is one file read, whatever the history and however many files the council's
folder holds; a follow-up is added or changed there in its own transaction. A closed one
(Udført, Udgået) lives in ``closed-meeting-N.json`` of the meeting that made it (its id
"12-3" names that meeting), so closing or reopening touches those two files only. A move
between them is journalled, and a move cut by a crash is repaired by keeping the higher
revision (``_rev``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from tinydb import Query
from tinydb.table import Table

from meetingtool.core.codec import from_dict, to_dict
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.followups import change_followup, check_status
from meetingtool.core.model import FollowUp, StatusChange
from meetingtool.core.vocab import OPEN_FOLLOWUP_STATUSES, FollowUpStatus
from meetingtool.store.files import layout
from meetingtool.store.files.records import decode, split_id
from meetingtool.store.files.storage import check_tinydb_shape, read_json
from meetingtool.store.files.tx import FileTransactions

_PLAIN_KEYS = frozenset({"id", "council_id", "meeting_id", "item_id", "text", "created",
                         "owner", "due", "status", "internal", "carried_over", "history",
                         "resident", "escalated_to", "escalated_from", "_rev",
                         "carried_at_decision"})


PARSED_FILES_KEPT = 20_000
"""Follow-up files kept decoded between reads (about a daily team's 50 years of meetings)."""


def followup_order(followup: FollowUp) -> tuple[int, int]:
    """Oldest meeting first, then in the order they were made."""
    head, _, tail = followup.id.rpartition("-")
    return (int(head) if head.isdigit() else 0, int(tail) if tail.isdigit() else 0)


def fast_followup(doc: dict[str, Any]) -> FollowUp:
    """A stored follow-up as a ``FollowUp``, built directly (a council's list of several
    hundred open ones is read on every review; the generic ``from_dict`` walks the type
    hints of every field and costs several times as much). Anything unusual (an
    escalation, a key this version does not know) goes the generic way."""
    if doc.get("escalated_to") or doc.get("escalated_from") or not _PLAIN_KEYS.issuperset(doc):
        return from_dict(FollowUp, doc)
    fromiso, day = datetime.fromisoformat, date.fromisoformat
    history = [
        # positional: the order of StatusChange's fields (at, status, meeting_id, due,
        # owner, comment); keyword arguments cost a third more over hundreds of entries
        StatusChange(fromiso(h["at"]), h["status"], h.get("meeting_id"),
                     None if h.get("due") is None else day(h["due"]),
                     h.get("owner", ""), h.get("comment", ""))
        for h in doc.get("history", ())
    ]
    due = doc.get("due")
    return FollowUp(
        doc["id"], doc["council_id"], doc["meeting_id"], doc.get("item_id"), doc["text"],
        fromiso(doc["created"]), doc.get("owner", ""), None if due is None else day(due),
        doc.get("status", FollowUpStatus.AABEN), doc.get("internal", False),
        doc.get("carried_over", 0),
        history, None, None, doc.get("resident", ""),
        carried_at_decision=doc.get("carried_at_decision", 0),
    )


def decode_followup(doc: Any, path: Any) -> FollowUp:
    try:
        return fast_followup(doc)
    except (TypeError, ValueError, KeyError, AttributeError):
        return decode(FollowUp, doc, path, f"opfølgningspunktet {doc.get('id')!r}"
                      if isinstance(doc, dict) else "et opfølgningspunkt")


class FollowUpRecords(FileTransactions):
    """Follow-ups: made in a meeting, changed with a history, found by council fast."""

    _parsed_followup_files: dict[str, tuple[tuple[int, int, int], dict[str, Any]]]
    """Decoded follow-up files by path, with the (inode, size, mtime) they were read at."""

    def _open_table(self, council_id: str) -> Table:
        path = layout.open_followups_path(self.data_dir, council_id)
        return self._db(path, must_exist=False, remove_when_empty=True).table("open")

    def _closed_table(self, council_id: str, meeting_id: int) -> Table:
        path = layout.closed_followups_path(self.data_dir, council_id, meeting_id)
        return self._db(path, must_exist=False, remove_when_empty=True).table("closed")

    def _read_tables(self, path: str, in_use: dict[str, Any]) -> dict[str, Any]:
        """A follow-up file's tables, to be read and never changed by the caller.

        A file read before and unchanged since (same inode, size and modification time;
        the store replaces a file by renaming a new one over it) is not decoded again: the
        review list of a council's history scans every closed file, and most never change.
        """
        db = in_use.get(path)
        if db is not None:
            return db.storage.read() or {}
        parsed = getattr(self, "_parsed_followup_files", None)
        if parsed is None:
            parsed = self._parsed_followup_files = {}
        try:
            info = os.stat(path)
        except FileNotFoundError:
            parsed.pop(path, None)
            return {}
        except OSError:
            info = None  # read_json says what is wrong with it
        key = (info.st_ino, info.st_size, info.st_mtime_ns) if info is not None else None
        known = parsed.get(path)
        if key is not None and known is not None and known[0] == key:
            return known[1]
        data = read_json(path, must_exist=False)
        if data is not None:
            check_tinydb_shape(path, data)
        data = data or {}
        if key is not None:
            if len(parsed) >= PARSED_FILES_KEPT:
                parsed.clear()
            parsed[path] = (key, data)
        return data

    def _council_followup_docs(self, council_id: str, open_only: bool) -> list[dict[str, Any]]:
        """A council's follow-ups as stored: its open file, and unless ``open_only`` every
        closed file in its folder (read without building TinyDB objects: a council with
        years of daily triage has thousands). A file this transaction already opened is
        read through its storage."""
        in_use = {os.fspath(path): db for path, db in self._dbs.items()}
        open_path = os.fspath(layout.open_followups_path(self.data_dir, council_id))
        docs = list((self._read_tables(open_path, in_use).get("open") or {}).values())
        if open_only:
            return docs
        folder = os.fspath(layout.council_followups_dir(self.data_dir, council_id))
        for number in layout.closed_followup_meetings(self.data_dir, council_id):
            path = f"{folder}{os.sep}{layout.CLOSED_PREFIX}{number}.json"
            docs.extend((self._read_tables(path, in_use).get("closed") or {}).values())
        return docs

    def _followup_home(self, meeting_id: int) -> str:
        """The council whose folder holds the follow-ups created in a meeting."""
        council_id: str = self._meeting_doc(meeting_id)["council_id"]  # checked there
        return council_id

    def _locate_followup(self, followup_id: str, *, repair: bool = False
                         ) -> tuple[dict[str, Any], int | None, int | None]:
        """The follow-up's stored doc and its doc id in its meeting's open file or in its
        meeting's closed file (exactly one of the two is not ``None``)."""
        head, _ = split_id(followup_id, "Opfølgningspunktet")
        if not head.isdigit():
            raise NotFoundError(f"Opfølgningspunktet '{followup_id}' findes ikke.")
        try:
            council_id = self._followup_home(int(head))
        except NotFoundError:
            raise NotFoundError(f"Opfølgningspunktet '{followup_id}' findes ikke.") from None
        open_table = self._open_table(council_id)
        closed_table = self._closed_table(council_id, int(head))
        opened = open_table.get(Query().id == followup_id)
        closed = closed_table.get(Query().id == followup_id)
        if closed is not None and opened is not None:
            # Only after a process died while moving it: the higher revision is the newer.
            if opened.get("_rev", 0) >= closed.get("_rev", 0):
                if repair:
                    closed_table.remove(doc_ids=[closed.doc_id])
                closed = None
            else:
                if repair:
                    open_table.remove(doc_ids=[opened.doc_id])
                opened = None
        if opened is not None:
            return dict(opened), opened.doc_id, None
        if closed is not None:
            return dict(closed), None, closed.doc_id
        raise NotFoundError(f"Opfølgningspunktet '{followup_id}' findes ikke.")

    def _resync_followup(self, followup_id: str, council_id: str) -> None:
        """A follow-up lives in exactly one place: keep the newer copy if a move was cut."""
        try:
            self._locate_followup(followup_id, repair=True)
        except NotFoundError:
            head, _ = split_id(followup_id, "Opfølgningspunktet")
            if head.isdigit():
                self._open_table(council_id).remove(Query().id == followup_id)

    def _store_followup(self, followup: FollowUp, previous: dict[str, Any] | None,
                        open_doc_id: int | None, closed_doc_id: int | None) -> None:
        """Write a follow-up where it belongs: in its council's open file while open, in its
        meeting's closed file once closed. Neither grows with the history (the open file
        with what is open, the closed file with one meeting's follow-ups). Moving between
        the two is journalled."""
        doc = to_dict(followup)
        doc["_rev"] = (previous or {}).get("_rev", 0) + 1
        council_id = self._followup_home(followup.meeting_id)
        open_table = self._open_table(council_id)
        closed_table = self._closed_table(council_id, followup.meeting_id)
        open_path = layout.open_followups_path(self.data_dir, council_id)
        closed_path = layout.closed_followups_path(self.data_dir, council_id,
                                                   followup.meeting_id)
        if followup.status in OPEN_FOLLOWUP_STATUSES:
            if open_doc_id is not None:
                open_table.update(doc, doc_ids=[open_doc_id])
            else:
                open_table.insert(doc)
            if closed_doc_id is not None:
                closed_table.remove(doc_ids=[closed_doc_id])
                self._write_first.add(open_path)
        else:
            if closed_doc_id is not None:
                closed_table.update(doc, doc_ids=[closed_doc_id])
            else:
                closed_table.insert(doc)
            if open_doc_id is not None:
                open_table.remove(doc_ids=[open_doc_id])
                self._write_first.add(closed_path)
        self._pending["followups"].add((followup.id, council_id))

    def add_followup(self, meeting_id: int, item_id: int | None, text: str, *,
                     owner: str = "", due: date | None = None, internal: bool = False,
                     resident: str = "") -> FollowUp:
        with self._tx():
            self._check_item(meeting_id, item_id)
            council_id = self._followup_home(meeting_id)
            counters: Mapping[str, Any] = (
                self._meeting_db(meeting_id).table("counters").get(doc_id=1) or {})
            # Numbers are never reused: above every open and closed one of the meeting and
            # the meeting's counter (kept by older data).
            used = [int(counters.get("followups", 0))]
            used += [split_id(d["id"], "Opfølgningspunktet")[1]
                     for table in (self._open_table(council_id),
                                   self._closed_table(council_id, meeting_id))
                     for d in table.all() if d.get("meeting_id") == meeting_id]
            number = max(used) + 1
            at = self._now()
            followup = FollowUp(
                id=f"{meeting_id}-{number}", council_id=council_id,
                meeting_id=meeting_id, item_id=item_id, text=text, created=at, owner=owner,
                due=due, status=FollowUpStatus.AABEN, internal=internal, resident=resident,
                history=[StatusChange(at=at, status=FollowUpStatus.AABEN,
                                      meeting_id=meeting_id, due=due, owner=owner)],
            )
            self._store_followup(followup, None, None, None)
        return followup

    def followup(self, followup_id: str) -> FollowUp:
        with self._tx():
            return decode_followup(self._locate_followup(followup_id)[0],
                                   self.data_dir / layout.FOLLOWUPS_DIR)

    def update_followup(self, followup_id: str, *, status: str | None = None,
                        due: date | None = None, owner: str | None = None,
                        text: str | None = None, comment: str = "",
                        meeting_id: int | None = None, internal: bool | None = None,
                        clear_due: bool = False) -> FollowUp:
        check_status(status)
        with self._tx():
            doc, open_doc_id, closed_doc_id = self._locate_followup(followup_id)
            followup = decode(FollowUp, doc, self.data_dir / layout.FOLLOWUPS_DIR,
                              f"opfølgningspunktet {followup_id}")
            change_followup(followup, self._now(), status=status, due=due, owner=owner,
                            text=text, comment=comment, meeting_id=meeting_id,
                            internal=internal, clear_due=clear_due)
            self._store_followup(followup, doc, open_doc_id, closed_doc_id)
        return followup

    def delete_followup(self, followup_id: str) -> None:
        """Remove a follow-up typed by mistake (one file written: its meeting's open or
        closed file). Only for one nobody has worked on; ``actions.review.remove_followup``
        decides that."""
        with self._tx():
            doc, open_doc_id, closed_doc_id = self._locate_followup(followup_id)
            council_id = self._followup_home(int(doc["meeting_id"]))
            if open_doc_id is not None:
                self._open_table(council_id).remove(doc_ids=[open_doc_id])
            elif closed_doc_id is not None:
                self._closed_table(council_id, doc["meeting_id"]).remove(doc_ids=[closed_doc_id])

    def save_followup(self, followup: FollowUp) -> None:
        with self._tx():
            doc, open_doc_id, closed_doc_id = self._locate_followup(followup.id)
            if doc["council_id"] != followup.council_id or doc["meeting_id"] != followup.meeting_id:
                raise MeetingToolError(
                    f"Opfølgningspunktet {followup.id} kan ikke flyttes til et andet råd eller "
                    "møde; opret et nyt i stedet.")
            self._store_followup(followup, doc, open_doc_id, closed_doc_id)

    def followups(self, council_id: str | None = None, *, meeting_id: int | None = None,
                  open_only: bool = False, changed_in: int | None = None) -> list[FollowUp]:
        """Follow-ups of a council (or all), of the meeting that made them, only open ones, or
        only those with a history entry from meeting ``changed_in`` (filtered before the
        stored data is decoded: a council's whole history is thousands of follow-ups)."""
        with self._tx():
            docs: list[dict[str, Any]] = []
            if meeting_id is not None:
                own = self._followup_home(meeting_id)
                docs += [d for d in self._open_table(own).all()
                         if d.get("meeting_id") == meeting_id]
                if not open_only:
                    docs += self._closed_table(own, meeting_id).all()
            else:
                if council_id is None:
                    councils = [d["id"] for d in self._catalogue().table("councils").all()]
                else:
                    councils = [council_id]
                for council in councils:
                    docs += self._council_followup_docs(council, open_only)
        folder = self.data_dir / layout.FOLLOWUPS_DIR
        found = [decode_followup(d, folder) for d in docs
                 if (council_id is None or d.get("council_id") == council_id)
                 and (not open_only or d.get("status") in OPEN_FOLLOWUP_STATUSES)
                 and (changed_in is None
                      or any(h.get("meeting_id") == changed_in for h in d.get("history", ())))]
        found.sort(key=followup_order)
        return found

    def open_followups(self, council_id: str) -> list[FollowUp]:
        return self.followups(council_id, open_only=True)

    # --- residents and triage -----------------------------------------------------------
