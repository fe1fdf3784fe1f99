"""The ``Store``: the repository API every other layer uses (see ARCH.md).

Each public method is one *transaction*: it takes the data directory's lock, opens the
TinyDB files it needs afresh (``AtomicJSONStorage``, deferred), reads and changes them,
and at the end writes each changed file once, atomically and fsync'd, before it returns
and releases the lock. Nothing read in one transaction is trusted in the next.

Most changes touch one file: a decision, a note, a triage entry -> the meeting's file; a
new follow-up or a change to an open one -> its meeting's open-follow-up file. A change
that touches more than one file (creating a meeting: its file, the year's summaries and
the id counter; a meeting whose summary line changed; a follow-up closed or reopened,
which moves between its meeting's open file and its meeting's closed file) first writes
``pending.json`` naming what it changes, then the files (meeting files first, the catalogue
last), then removes ``pending.json``. If a process dies in between, the next transaction in any
process finds ``pending.json`` and repairs: summaries are rebuilt from the meeting files
(the truth), and a follow-up found in both places keeps its newer copy (``_rev``, a
revision number stored with it).

``save_meeting`` replaces the whole meeting, merged three-way with what another process
saved meanwhile (the meeting as this process last read or saved it is the base), so the
chair's notes under one item and the secretary's under another both survive.
"""

from __future__ import annotations

import copy
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.table import Document

from meetingtool.core.codec import from_dict, to_dict
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.model import (
    AgendaTemplate,
    Attendee,
    Borgergennemgang,
    Council,
    Decision,
    FollowUp,
    Meeting,
    MeetingItem,
    MeetingSummary,
    Member,
    Resident,
    StatusChange,
    TriageEntry,
)
from meetingtool.core.vocab import FOLLOWUP_STATUSES, OPEN_FOLLOWUP_STATUSES, TRIAGE_COLOURS
from meetingtool.store import backup as backups
from meetingtool.store import layout, migrate
from meetingtool.store.backup import BackupInfo
from meetingtool.store.lock import StoreLock
from meetingtool.store.merge import merge_docs
from meetingtool.store.storage import (
    AtomicJSONStorage,
    StoreDamagedError,
    check_tinydb_shape,
    ensure_dir,
    is_temp_file,
    read_json,
    write_json_atomic,
)

# Meeting statuses that trigger an automatic backup when a meeting enters them.
BACKUP_ON_STATUS = {"i_gang": "Mødet startede", "afsluttet": "Mødet sluttede"}

_FLUSH_ORDER = (layout.MEETINGS_DIR, layout.RESIDENTS_DIR, layout.FOLLOWUPS_DIR,
                layout.SUMMARIES_DIR)


def slugify(name: str) -> str:
    """An ASCII id from a Danish name: "Pårørenderåd" -> "paaroerenderaad"."""
    text = name.strip().lower()
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(danish, ascii_)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "raad"


def _split_id(value: str, what: str) -> tuple[str, int]:
    head, _, tail = str(value).rpartition("-")
    if not head or not tail.isdigit():
        raise NotFoundError(f"{what} '{value}' findes ikke (ugyldigt id).")
    return head, int(tail)


class Store:
    """The meeting store in one data directory. See the package docstring for the design."""

    def __init__(self, data_dir: Path, now: Callable[[], datetime] = datetime.now) -> None:
        self.data_dir = Path(data_dir)
        self.now = now
        ensure_dir(self.data_dir)
        self._lock = StoreLock(self.data_dir)
        self._dbs: dict[Path, TinyDB] = {}
        self._pending: dict[str, set] = {"meetings": set(), "followups": set()}
        self._write_first: set[Path] = set()
        # Raised by a restore: a meeting object read before it has no base for merging.
        self._generation = 0
        with self._lock.hold():
            self._remove_leftovers()
            migrate.open_data(self.data_dir, self.now)
        with self._tx():
            self._catalogue().storage.read()  # a damaged catalogue is reported at once

    def _now(self) -> datetime:
        """The injected clock, to the second (what the files keep), so returned objects
        equal what is read back later."""
        return self.now().replace(microsecond=0)

    # --- transactions -------------------------------------------------------------------

    @contextmanager
    def _tx(self) -> Iterator[None]:
        with self._lock.hold() as outermost:
            if not outermost:
                yield
                return
            self._dbs = {}
            self._pending = {"meetings": set(), "followups": set()}
            self._write_first: set[Path] = set()
            try:
                self._finish_pending()
                yield
                self._commit()
            finally:
                for db in self._dbs.values():
                    db.storage.discard()
                self._dbs = {}

    def _db(self, path: Path, *, must_exist: bool, remove_when_empty: bool = False) -> TinyDB:
        db = self._dbs.get(path)
        if db is None:
            db = TinyDB(path, storage=AtomicJSONStorage, must_exist=must_exist, deferred=True,
                        remove_when_empty=remove_when_empty)
            self._dbs[path] = db
        return db

    def _commit(self) -> None:
        dirty = [(path, db) for path, db in self._dbs.items() if db.storage.dirty]
        if not dirty:
            return
        journal = len(dirty) > 1 and (self._pending["meetings"] or self._pending["followups"])
        if journal:
            write_json_atomic(
                self.data_dir / layout.PENDING,
                {"meetings": sorted(self._pending["meetings"]),
                 "followups": sorted(self._pending["followups"])},
            )

        def order(item: tuple[Path, TinyDB]) -> tuple[int, int]:
            # A record moving between files is written to its new home before it leaves
            # the old one, so an interrupted move leaves two copies (repaired), never none.
            first = 0 if item[0] in self._write_first else 1
            folder = item[0].relative_to(self.data_dir).parts[0]
            rank = _FLUSH_ORDER.index(folder) if folder in _FLUSH_ORDER else len(_FLUSH_ORDER)
            return first, rank

        for path, db in sorted(dirty, key=order):
            ensure_dir(path.parent)
            db.storage.flush()
        if journal:
            (self.data_dir / layout.PENDING).unlink(missing_ok=True)

    def _finish_pending(self) -> None:
        """Repair after a process died in the middle of a multi-file change."""
        path = self.data_dir / layout.PENDING
        if not path.exists():
            return
        pending = read_json(path)
        if not isinstance(pending, dict):
            raise StoreDamagedError(path, "indholdet har ikke den forventede opbygning")
        if "restore" in pending:
            backups.apply_restore(self.data_dir, str(pending["restore"]))
            migrate.open_data(self.data_dir, self.now)  # a backup of older data is upgraded
            return
        for meeting_id in pending.get("meetings", []):
            self._resync_summary(int(meeting_id))
        for followup_id, council_id in pending.get("followups", []):
            self._resync_followup(followup_id, council_id)
        for db_path, db in sorted(self._dbs.items(), key=lambda item: str(item[0])):
            if db.storage.dirty:
                ensure_dir(db_path.parent)
                db.storage.flush()
        for db in self._dbs.values():
            db.storage.discard()
        self._dbs = {}
        path.unlink(missing_ok=True)

    def _resync_summary(self, meeting_id: int) -> None:
        """Make the summary files agree with meeting ``meeting_id``'s file (the truth)."""
        doc = None
        if layout.meeting_path(self.data_dir, meeting_id).exists():
            doc = self._meeting_db(meeting_id).table("meeting").get(doc_id=1)
        keep_year = None
        if doc is not None:
            meeting = from_dict(Meeting, doc)
            keep_year = meeting.date.year
            self._summaries(keep_year).table("meetings").upsert(
                Document(to_dict(_summary(meeting)), doc_id=meeting_id))
            self._bump_meeting_counter(meeting_id)
        for year in layout.summary_years(self.data_dir):
            table = self._summaries(year).table("meetings")
            if year != keep_year and table.contains(doc_id=meeting_id):
                table.remove(doc_ids=[meeting_id])

    def _resync_followup(self, followup_id: str, council_id: str) -> None:
        """A follow-up lives in exactly one place: keep the newer copy if a move was cut."""
        try:
            self._locate_followup(followup_id, repair=True)
        except NotFoundError:
            head, _ = _split_id(followup_id, "Opfølgningspunktet")
            if head.isdigit():
                self._open_table(council_id, int(head)).remove(Query().id == followup_id)

    def _remove_leftovers(self) -> None:
        """Temporary files left by a killed process hold personal data: remove them.

        A temporary file is only ever created beside the file it replaces, under a name
        ``is_temp_file`` recognises, so listing the names in the folders the store writes
        in (``layout.temp_file_folders``) finds every one without looking at each entry.
        """
        for folder in layout.temp_file_folders(self.data_dir):
            try:
                names = os.listdir(folder)
            except FileNotFoundError:
                continue
            for name in names:
                if is_temp_file(name):
                    path = folder / name
                    if path.is_file() and not path.is_symlink():
                        path.unlink(missing_ok=True)
        backups.remove_partial_backups(self.data_dir)

    # --- files --------------------------------------------------------------------------

    def _catalogue(self) -> TinyDB:
        return self._db(self.data_dir / layout.CATALOGUE, must_exist=True)

    def _meeting_db(self, meeting_id: int, *, new: bool = False) -> TinyDB:
        path = layout.meeting_path(self.data_dir, meeting_id)
        if not new and path not in self._dbs and not path.exists():
            if any(self._summaries(year).table("meetings").contains(doc_id=int(meeting_id))
                   for year in layout.summary_years(self.data_dir)):
                raise StoreDamagedError(path, "filen mangler")
            raise NotFoundError(f"Møde {meeting_id} findes ikke.")
        return self._db(path, must_exist=not new)

    def _summaries(self, year: int) -> TinyDB:
        return self._db(layout.summaries_path(self.data_dir, year), must_exist=False)

    def _summary_docs(self, council_id: str | None = None,
                      up_to_year: int | None = None) -> Iterator[dict[str, Any]]:
        """Meeting summaries as stored, newest first, reading a year's file at a time."""
        for year in layout.summary_years(self.data_dir):
            if up_to_year is not None and year > up_to_year:
                continue
            raw = self._summaries(year).storage.read() or {}
            docs = [d for d in raw.get("meetings", {}).values()
                    if council_id is None or d.get("council_id") == council_id]
            docs.sort(key=lambda d: (d["date"], d["id"]), reverse=True)
            yield from docs

    def _put_summary(self, meeting: Meeting, old_year: int | None = None) -> None:
        self._summaries(meeting.date.year).table("meetings").upsert(
            Document(to_dict(_summary(meeting)), doc_id=meeting.id))
        if old_year is not None and old_year != meeting.date.year:
            self._summaries(old_year).table("meetings").remove(doc_ids=[meeting.id])
        self._pending["meetings"].add(meeting.id)

    def _residents_db(self, council_id: str) -> TinyDB:
        return self._db(layout.residents_path(self.data_dir, council_id), must_exist=False)

    def _meeting_doc(self, meeting_id: int) -> dict[str, Any]:
        doc = self._meeting_db(meeting_id).table("meeting").get(doc_id=1)
        if doc is None:
            raise StoreDamagedError(
                layout.meeting_path(self.data_dir, meeting_id), "mødet mangler i filen"
            )
        return doc

    def _next(self, db: TinyDB, key: str) -> int:
        counters = db.table("counters")
        values = dict(counters.get(doc_id=1) or {})
        values[key] = int(values.get(key, 0)) + 1
        counters.upsert(Document(values, doc_id=1))
        return values[key]

    def _bump_meeting_counter(self, meeting_id: int) -> None:
        counters = self._catalogue().table("counters")
        values = dict(counters.get(doc_id=1) or {})
        if int(values.get("meeting", 0)) < meeting_id:
            values["meeting"] = meeting_id
            counters.upsert(Document(values, doc_id=1))

    # --- councils -----------------------------------------------------------------------

    def councils(self) -> list[Council]:
        with self._tx():
            docs = self._catalogue().table("councils").all()
        return sorted((from_dict(Council, d) for d in docs), key=lambda c: c.name.casefold())

    def council(self, council_id: str) -> Council:
        with self._tx():
            doc = self._catalogue().table("councils").get(Query().id == council_id)
        if doc is None:
            raise NotFoundError(f"Rådet '{council_id}' findes ikke.")
        return from_dict(Council, doc)

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
            meeting_id = int((counters.get(doc_id=1) or {}).get("meeting", 0)) + 1
            while layout.meeting_path(self.data_dir, meeting_id).exists():
                meeting_id += 1  # never reuse a file, even one left by a crash
            members = council.members

            def first(*roles: str) -> str:
                for role in roles:
                    for member in members:
                        if member.role == role:
                            return member.name
                return ""

            meeting = Meeting(
                id=meeting_id,
                council_id=council.id,
                council_name=council.name,
                kind=template.kind,
                title=title if title else template.title,
                date=on,
                items=[
                    MeetingItem(id=n, title=t.title, planned_minutes=t.planned_minutes,
                                kind=t.kind, presenter=t.presenter, description=t.description,
                                questions=list(t.questions), tags=list(t.tags))
                    for n, t in enumerate(template.items, start=1)
                ],
                place=place if place is not None else template.place,
                theme=theme,
                start_time=start_time if start_time is not None else template.start_time,
                status="planlagt",
                attendance=[Attendee(name=m.name, role=m.role, presence="til_stede")
                            for m in members],
                chair=first("moedeleder", "formand"),
                secretary=first("referent"),
                template_source=str(template.source) if template.source else "",
                triage=copy.deepcopy(template.triage),
            )
            db = self._meeting_db(meeting_id, new=True)
            db.table("meeting").insert(Document(to_dict(meeting), doc_id=1))
            db.table("counters").insert(Document({"decisions": 0, "followups": 0}, doc_id=1))
            self._put_summary(meeting)
            self._bump_meeting_counter(meeting_id)
        self._remember(meeting, to_dict(meeting))
        return meeting

    def _remember(self, meeting: Meeting, doc: dict[str, Any]) -> None:
        """Keep on the object what it was read or saved as: the base for merging its next
        save with changes saved meanwhile by another terminal (or another screen of this
        one, which reads its own copy). Kept per object, so reading a second copy never
        moves the first one's base."""
        setattr(meeting, MERGE_BASE, (self._generation, doc))

    def _base_of(self, meeting: Meeting) -> dict[str, Any] | None:
        generation, doc = getattr(meeting, MERGE_BASE, (None, None))
        return doc if generation == self._generation else None

    def meeting(self, meeting_id: int) -> Meeting:
        with self._tx():
            meeting = from_dict(Meeting, self._meeting_doc(meeting_id))
        meeting.clock.running = False  # a reopened meeting's clock is always paused
        self._remember(meeting, to_dict(meeting))
        return meeting

    def changed_elsewhere(self, meeting: Meeting) -> bool:
        """Whether the stored meeting differs from what ``meeting`` was read or saved as:
        another terminal (or screen) saved it since. Reads, never writes."""
        with self._tx():
            on_disk = dict(self._meeting_doc(meeting.id))
        base = self._base_of(meeting)
        return base is None or on_disk != base

    def pull_notes(self, meeting: Meeting, item_id: int) -> str:
        """An item's notes as stored now, into ``meeting`` and into its merge base.

        For a screen that shows what another terminal wrote before its user types on: the
        next save then merges only what was typed after this.
        """
        with self._tx():
            stored = from_dict(Meeting, self._meeting_doc(meeting.id)).item(item_id).notes
        meeting.item(item_id).notes = stored
        base = self._base_of(meeting)
        if base is not None:
            for item in base.get("items", []):
                if item.get("id") == item_id:
                    item["notes"] = stored
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
            old = from_dict(Meeting, on_disk)
            base = self._base_of(meeting)
            merged = mine if base is None else merge_docs(base, mine, dict(on_disk))
            self._meeting_db(meeting.id).table("meeting").update(
                Document(merged, doc_id=1), doc_ids=[1])
            saved = from_dict(Meeting, merged)
            new_summary = _summary(saved)
            if _summary(old) != new_summary:
                self._put_summary(saved, old_year=old.date.year)
            if saved.status != old.status and saved.status in BACKUP_ON_STATUS:
                backup_reason = (f"{BACKUP_ON_STATUS[saved.status]}: {saved.title}, "
                                 f"{saved.council_name} ({saved.date.isoformat()})")
        self._remember(meeting, mine)
        if backup_reason:
            self.backup(backup_reason)

    def meetings(self, council_id: str | None = None,
                 limit: int | None = None) -> list[MeetingSummary]:
        docs = []
        with self._tx():
            for doc in self._summary_docs(council_id):
                if limit is not None and len(docs) >= limit:
                    break
                docs.append(doc)
        return [from_dict(MeetingSummary, d) for d in docs]

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

    def _check_item(self, meeting_id: int, item_id: int | None) -> dict[str, Any]:
        doc = self._meeting_doc(meeting_id)
        if item_id is not None and not any(i.get("id") == item_id for i in doc["items"]):
            raise NotFoundError(f"Punkt {item_id} findes ikke i møde {meeting_id}.")
        return doc

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
        head, number = _split_id(decision_id, "Beslutningen")
        table = self._meeting_db(meeting_id).table("decisions")
        if head != str(meeting_id) or not table.contains(doc_id=number):
            raise NotFoundError(f"Beslutningen '{decision_id}' findes ikke i møde {meeting_id}.")
        return number

    def update_decision(self, meeting_id: int, decision_id: str, text: str) -> Decision:
        with self._tx():
            number = self._decision_number(meeting_id, decision_id)
            table = self._meeting_db(meeting_id).table("decisions")
            table.update({"text": text}, doc_ids=[number])
            decision = from_dict(Decision, table.get(doc_id=number))
        return decision

    def delete_decision(self, meeting_id: int, decision_id: str) -> None:
        with self._tx():
            number = self._decision_number(meeting_id, decision_id)
            self._meeting_db(meeting_id).table("decisions").remove(doc_ids=[number])

    def decisions(self, meeting_id: int, item_id: int | None = None) -> list[Decision]:
        with self._tx():
            docs = self._meeting_db(meeting_id).table("decisions").all()
        docs.sort(key=lambda d: d.doc_id)
        return [from_dict(Decision, d) for d in docs
                if item_id is None or d.get("item_id") == item_id]

    # --- follow-ups ---------------------------------------------------------------------

    def _open_table(self, council_id: str, meeting_id: int):
        path = layout.open_followups_path(self.data_dir, council_id, meeting_id)
        return self._db(path, must_exist=False, remove_when_empty=True).table("open")

    def _closed_table(self, council_id: str, meeting_id: int):
        path = layout.closed_followups_path(self.data_dir, council_id, meeting_id)
        return self._db(path, must_exist=False, remove_when_empty=True).table("closed")

    def _council_followup_docs(self, council_id: str, open_only: bool) -> list[dict[str, Any]]:
        """Every follow-up stored in a council's folder, read file by file without building
        TinyDB objects (a council with years of daily triage has thousands of small files).
        A file this transaction already opened is read through its storage."""
        if open_only:
            opened, closed = layout.open_followup_meetings(self.data_dir, council_id), []
        else:
            opened, closed = layout.followup_meetings(self.data_dir, council_id)
        folder = os.fspath(layout.council_followups_dir(self.data_dir, council_id))
        in_use = {os.fspath(path): db for path, db in self._dbs.items()}
        docs: list[dict[str, Any]] = []
        for numbers, prefix, table in ((opened, "open-", "open"),
                                       (closed, layout.CLOSED_PREFIX, "closed")):
            for number in numbers:
                path = f"{folder}{os.sep}{prefix}{number}.json"
                db = in_use.get(path)
                if db is not None:
                    data = db.storage.read()
                else:
                    data = read_json(path, must_exist=False)
                    if data is not None:
                        check_tinydb_shape(path, data)
                docs.extend(((data or {}).get(table) or {}).values())
        return docs

    def _followup_home(self, meeting_id: int) -> str:
        """The council whose folder holds the follow-ups created in a meeting."""
        return self._meeting_doc(meeting_id)["council_id"]

    def _locate_followup(self, followup_id: str, *, repair: bool = False
                         ) -> tuple[dict[str, Any], int | None, int | None]:
        """The follow-up's stored doc and its doc id in its meeting's open file or in its
        meeting's closed file (exactly one of the two is not ``None``)."""
        head, _ = _split_id(followup_id, "Opfølgningspunktet")
        if not head.isdigit():
            raise NotFoundError(f"Opfølgningspunktet '{followup_id}' findes ikke.")
        try:
            council_id = self._followup_home(int(head))
        except NotFoundError:
            raise NotFoundError(f"Opfølgningspunktet '{followup_id}' findes ikke.") from None
        open_table = self._open_table(council_id, int(head))
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

    def _store_followup(self, followup: FollowUp, previous: dict[str, Any] | None,
                        open_doc_id: int | None, closed_doc_id: int | None) -> None:
        """Write a follow-up where it belongs: in its meeting's open file while open, in its
        meeting's closed file once closed. Either file holds only follow-ups of that one
        meeting, so the write stays small however long the history. Moving between the two
        is journalled."""
        doc = to_dict(followup)
        doc["_rev"] = (previous or {}).get("_rev", 0) + 1
        council_id = self._followup_home(followup.meeting_id)
        open_table = self._open_table(council_id, followup.meeting_id)
        closed_table = self._closed_table(council_id, followup.meeting_id)
        open_path = layout.open_followups_path(self.data_dir, council_id, followup.meeting_id)
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
            counters = self._meeting_db(meeting_id).table("counters").get(doc_id=1) or {}
            # Numbers are never reused: above every open and closed one of the meeting and
            # the meeting's counter (kept by older data).
            used = [int(counters.get("followups", 0))]
            used += [_split_id(d["id"], "Opfølgningspunktet")[1]
                     for table in (self._open_table(council_id, meeting_id),
                                   self._closed_table(council_id, meeting_id))
                     for d in table.all()]
            number = max(used) + 1
            at = self._now()
            followup = FollowUp(
                id=f"{meeting_id}-{number}", council_id=council_id,
                meeting_id=meeting_id, item_id=item_id, text=text, created=at, owner=owner,
                due=due, status="aaben", internal=internal, resident=resident,
                history=[StatusChange(at=at, status="aaben", meeting_id=meeting_id, due=due,
                                      owner=owner)],
            )
            self._store_followup(followup, None, None, None)
        return followup

    def followup(self, followup_id: str) -> FollowUp:
        with self._tx():
            return from_dict(FollowUp, self._locate_followup(followup_id)[0])

    def update_followup(self, followup_id: str, *, status: str | None = None,
                        due: date | None = None, owner: str | None = None,
                        text: str | None = None, comment: str = "",
                        meeting_id: int | None = None, internal: bool | None = None,
                        clear_due: bool = False) -> FollowUp:
        if status is not None and status not in FOLLOWUP_STATUSES:
            raise MeetingToolError(
                f"Ukendt status '{status}'. Brug en af: {', '.join(FOLLOWUP_STATUSES)}.")
        with self._tx():
            doc, open_doc_id, closed_doc_id = self._locate_followup(followup_id)
            followup = from_dict(FollowUp, doc)
            if status is not None:
                followup.status = status
            if due is not None or clear_due:
                followup.due = due
            if owner is not None:
                followup.owner = owner
            if text is not None:
                followup.text = text
            if internal is not None:
                followup.internal = internal
            followup.history.append(StatusChange(
                at=self._now(), status=followup.status, meeting_id=meeting_id,
                due=followup.due, owner=followup.owner, comment=comment))
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
                self._open_table(council_id, doc["meeting_id"]).remove(doc_ids=[open_doc_id])
            else:
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
                docs += self._open_table(own, meeting_id).all()
                if not open_only:
                    docs += self._closed_table(own, meeting_id).all()
            else:
                if council_id is None:
                    councils = [d["id"] for d in self._catalogue().table("councils").all()]
                else:
                    councils = [council_id]
                for council in councils:
                    docs += self._council_followup_docs(council, open_only)
        found = [from_dict(FollowUp, d) for d in docs
                 if (council_id is None or d.get("council_id") == council_id)
                 and (not open_only or d.get("status") in OPEN_FOLLOWUP_STATUSES)
                 and (changed_in is None
                      or any(h.get("meeting_id") == changed_in for h in d.get("history", ())))]
        found.sort(key=_followup_order)
        return found

    def open_followups(self, council_id: str) -> list[FollowUp]:
        return self.followups(council_id, open_only=True)

    # --- residents and triage -----------------------------------------------------------

    def _resident_council(self, resident_id: str) -> tuple[str, int]:
        return _split_id(resident_id, "Borgeren")

    def residents(self, council_id: str, include_inactive: bool = False) -> list[Resident]:
        with self._tx():
            docs = self._residents_db(council_id).table("residents").all()
        docs.sort(key=lambda d: d.doc_id)
        return [from_dict(Resident, d) for d in docs if include_inactive or d.get("active", True)]

    def add_resident(self, council_id: str, initials: str = "", room: str = "") -> Resident:
        with self._tx():
            self.council(council_id)
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
                entry = from_dict(TriageEntry, found)
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
        return [from_dict(TriageEntry, d) for d in docs]

    def resident_history(self, resident_id: str) -> list[tuple[MeetingSummary, TriageEntry]]:
        with self._tx():
            self._resident_doc(resident_id)
            council_id, _ = self._resident_council(resident_id)
            summaries = self.meetings(council_id)
            result = []
            for summary in reversed(summaries):
                path = layout.meeting_path(self.data_dir, summary.id)
                db = self._db(path, must_exist=True)
                doc = db.table("triage").get(Query().resident_id == resident_id)
                db.storage.discard()
                del self._dbs[path]
                if doc is not None:
                    result.append((summary, from_dict(TriageEntry, doc)))
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
        return [from_dict(Borgergennemgang, d) for d in docs]

    # --- backups ------------------------------------------------------------------------

    def backup(self, reason: str) -> Path:
        with self._tx():
            return backups.create_backup(self.data_dir, reason, self._now())

    def backups(self) -> list[BackupInfo]:
        with self._lock.hold():
            return backups.list_backups(self.data_dir)

    def restore(self, backup_id: str) -> None:
        with self._lock.hold():
            backups.start_restore(self.data_dir, backup_id, self._now())
            # a backup made before an upgrade holds older data: upgrade it now (backed up
            # first, as at every upgrade), not only at the next opening
            migrate.open_data(self.data_dir, self.now)
            self._generation += 1  # what was read before is no base for the restored data


MERGE_BASE = "_merge_base"
"""The attribute a Meeting read from the store carries its merge base in."""

def _summary(meeting: Meeting) -> MeetingSummary:
    return MeetingSummary(
        id=meeting.id, council_id=meeting.council_id, council_name=meeting.council_name,
        kind=meeting.kind, title=meeting.title, date=meeting.date, status=meeting.status,
        approved=meeting.approval is not None,
    )


def _followup_order(followup: FollowUp) -> tuple[int, int]:
    head, _, tail = followup.id.rpartition("-")
    return (int(head) if head.isdigit() else 0, int(tail) if tail.isdigit() else 0)


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """The backups in ``data_dir``, newest first, without opening the store.

    Works when a database file is damaged (that is when backups are needed).
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    with StoreLock(data_dir).hold():
        return backups.list_backups(data_dir)


def restore_backup(data_dir: Path, backup_id: str,
                   now: Callable[[], datetime] = datetime.now) -> None:
    """Restore a backup without opening the store (the current state is backed up first)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise NotFoundError(f"Datamappen {data_dir} findes ikke.")
    with StoreLock(data_dir).hold():
        backups.start_restore(data_dir, backup_id, now().replace(microsecond=0))
