"""The ``Store``: the repository API every other layer uses (see ARCH.md).

Each public method is one *transaction*: it takes the data directory's lock, opens the
TinyDB files it needs afresh (``AtomicJSONStorage``, deferred), reads and changes them,
and at the end writes each changed file once, atomically and fsync'd, before it returns
and releases the lock. Nothing read in one transaction is trusted in the next.

A change that touches more than one file (a follow-up: its meeting file and its
council's open-follow-up index; a meeting whose summary changed: its file and the
catalogue) first writes ``pending.json`` naming what it changes, then the files (meeting
files first, the catalogue last), then removes ``pending.json``. If a process dies in
between, the next transaction in any process finds ``pending.json`` and brings the index
and catalogue back in step with the meeting files, which are the truth.
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
from meetingtool.store.storage import (
    AtomicJSONStorage,
    StoreDamagedError,
    ensure_dir,
    is_temp_file,
    read_json,
    write_json_atomic,
)

# Meeting statuses that trigger an automatic backup when a meeting enters them.
BACKUP_ON_STATUS = {"i_gang": "Mødet startede", "afsluttet": "Mødet sluttede"}

_FLUSH_ORDER = (layout.MEETINGS_DIR, layout.RESIDENTS_DIR, layout.FOLLOWUPS_DIR)


def slugify(name: str) -> str:
    """An ASCII id from a Danish name: "Bruger- og Pårørenderåd" -> "bruger-og-paaroerenderaad"."""
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
            try:
                self._finish_pending()
                yield
                self._commit()
            finally:
                for db in self._dbs.values():
                    db.storage.discard()
                self._dbs = {}

    def _db(self, path: Path, *, must_exist: bool) -> TinyDB:
        db = self._dbs.get(path)
        if db is None:
            db = TinyDB(path, storage=AtomicJSONStorage, must_exist=must_exist, deferred=True)
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

        def order(item: tuple[Path, TinyDB]) -> int:
            folder = item[0].parent.name
            return _FLUSH_ORDER.index(folder) if folder in _FLUSH_ORDER else len(_FLUSH_ORDER)

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
            return
        for meeting_id in pending.get("meetings", []):
            self._resync_summary(int(meeting_id))
        for followup_id, council_id in pending.get("followups", []):
            self._resync_index(followup_id, council_id)
        for db_path, db in sorted(self._dbs.items(), key=lambda item: str(item[0])):
            if db.storage.dirty:
                ensure_dir(db_path.parent)
                db.storage.flush()
        for db in self._dbs.values():
            db.storage.discard()
        self._dbs = {}
        path.unlink(missing_ok=True)

    def _resync_summary(self, meeting_id: int) -> None:
        meetings = self._catalogue().table("meetings")
        path = layout.meeting_path(self.data_dir, meeting_id)
        if path.exists():
            doc = self._meeting_db(meeting_id).table("meeting").get(doc_id=1)
            if doc is not None:
                summary = to_dict(_summary(from_dict(Meeting, doc)))
                meetings.upsert(Document(summary, doc_id=meeting_id))
                self._bump_meeting_counter(meeting_id)
                return
        if meetings.contains(doc_id=meeting_id):
            meetings.remove(doc_ids=[meeting_id])

    def _resync_index(self, followup_id: str, council_id: str) -> None:
        meeting_text, number = _split_id(followup_id, "Opfølgningspunktet")
        meeting_id = int(meeting_text)
        doc = None
        if layout.meeting_path(self.data_dir, meeting_id).exists():
            doc = self._meeting_db(meeting_id).table("followups").get(doc_id=number)
        if doc is None:
            self._index(council_id).table("open").remove(Query().id == followup_id)
        else:
            self._index_followup(dict(doc), council_id)

    def _remove_leftovers(self) -> None:
        """Temporary files left by a killed process hold personal data: remove them."""
        folders = [self.data_dir] + [self.data_dir / name for name in layout.DATABASE_DIRS]
        for folder in folders:
            try:
                entries = list(os.scandir(folder))
            except FileNotFoundError:
                continue
            for entry in entries:
                if is_temp_file(entry.name) and entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
        backups.remove_partial_backups(self.data_dir)

    # --- files --------------------------------------------------------------------------

    def _catalogue(self) -> TinyDB:
        return self._db(self.data_dir / layout.CATALOGUE, must_exist=True)

    def _meeting_db(self, meeting_id: int, *, new: bool = False) -> TinyDB:
        path = layout.meeting_path(self.data_dir, meeting_id)
        if not new and path not in self._dbs and not path.exists():
            if self._catalogue().table("meetings").contains(doc_id=int(meeting_id)):
                raise StoreDamagedError(path, "filen mangler")
            raise NotFoundError(f"Møde {meeting_id} findes ikke.")
        return self._db(path, must_exist=not new)

    def _index(self, council_id: str) -> TinyDB:
        return self._db(layout.followup_index_path(self.data_dir, council_id), must_exist=False)

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
            self._catalogue().table("meetings").insert(
                Document(to_dict(_summary(meeting)), doc_id=meeting_id))
            self._bump_meeting_counter(meeting_id)
            self._pending["meetings"].add(meeting_id)
        return meeting

    def meeting(self, meeting_id: int) -> Meeting:
        with self._tx():
            meeting = from_dict(Meeting, self._meeting_doc(meeting_id))
        meeting.clock.running = False  # a reopened meeting's clock is always paused
        return meeting

    def save_meeting(self, meeting: Meeting) -> None:
        backup_reason = None
        with self._tx():
            old = from_dict(Meeting, self._meeting_doc(meeting.id))
            self._meeting_db(meeting.id).table("meeting").update(
                Document(to_dict(meeting), doc_id=1), doc_ids=[1])
            new_summary = _summary(meeting)
            if _summary(old) != new_summary:
                self._catalogue().table("meetings").upsert(
                    Document(to_dict(new_summary), doc_id=meeting.id))
                self._pending["meetings"].add(meeting.id)
            if meeting.status != old.status and meeting.status in BACKUP_ON_STATUS:
                backup_reason = (f"{BACKUP_ON_STATUS[meeting.status]}: {meeting.title}, "
                                 f"{meeting.council_name} ({meeting.date.isoformat()})")
        if backup_reason:
            self.backup(backup_reason)

    def meetings(self, council_id: str | None = None,
                 limit: int | None = None) -> list[MeetingSummary]:
        with self._tx():
            raw = self._catalogue().storage.read() or {}
        docs = [d for d in raw.get("meetings", {}).values()
                if council_id is None or d.get("council_id") == council_id]
        docs.sort(key=lambda d: (d["date"], d["id"]), reverse=True)
        if limit is not None:
            docs = docs[:limit]
        return [from_dict(MeetingSummary, d) for d in docs]

    def previous_meeting(self, meeting_id: int) -> Meeting | None:
        with self._tx():
            this = self._meeting_doc(meeting_id)
            raw = self._catalogue().storage.read() or {}
            key = (this["date"], this["id"])
            earlier = [d for d in raw.get("meetings", {}).values()
                       if d.get("council_id") == this["council_id"]
                       and (d["date"], d["id"]) < key]
            if not earlier:
                return None
            return self.meeting(max(earlier, key=lambda d: (d["date"], d["id"]))["id"])

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

    def _index_followup(self, doc: dict[str, Any], council_id: str) -> None:
        index = self._index(council_id)
        meeting_id = int(doc["meeting_id"])
        meetings = index.table("meetings")
        if not meetings.contains(doc_id=meeting_id):
            meetings.insert(Document({}, doc_id=meeting_id))
        open_table = index.table("open")
        if doc.get("status") in OPEN_FOLLOWUP_STATUSES:
            open_table.upsert(doc, Query().id == doc["id"])
        else:
            open_table.remove(Query().id == doc["id"])

    def _write_followup(self, followup: FollowUp, number: int, *, insert: bool) -> None:
        doc = to_dict(followup)
        table = self._meeting_db(followup.meeting_id).table("followups")
        if insert:
            table.insert(Document(doc, doc_id=number))
        else:
            old = table.get(doc_id=number)
            table.update(Document(doc, doc_id=number), doc_ids=[number])
            if old is not None and old.get("council_id") != followup.council_id:
                self._index(old["council_id"]).table("open").remove(Query().id == followup.id)
                self._pending["followups"].add((followup.id, old["council_id"]))
        self._index_followup(doc, followup.council_id)
        self._pending["followups"].add((followup.id, followup.council_id))

    def add_followup(self, meeting_id: int, item_id: int | None, text: str, *,
                     owner: str = "", due: date | None = None, internal: bool = False,
                     resident: str = "") -> FollowUp:
        with self._tx():
            meeting = self._check_item(meeting_id, item_id)
            db = self._meeting_db(meeting_id)
            number = self._next(db, "followups")
            at = self._now()
            followup = FollowUp(
                id=f"{meeting_id}-{number}", council_id=meeting["council_id"],
                meeting_id=meeting_id, item_id=item_id, text=text, created=at, owner=owner,
                due=due, status="aaben", internal=internal, resident=resident,
                history=[StatusChange(at=at, status="aaben", meeting_id=meeting_id, due=due,
                                      owner=owner)],
            )
            self._write_followup(followup, number, insert=True)
        return followup

    def _load_followup(self, followup_id: str) -> tuple[FollowUp, int]:
        head, number = _split_id(followup_id, "Opfølgningspunktet")
        if not head.isdigit():
            raise NotFoundError(f"Opfølgningspunktet '{followup_id}' findes ikke.")
        try:
            doc = self._meeting_db(int(head)).table("followups").get(doc_id=number)
        except NotFoundError:
            doc = None
        if doc is None:
            raise NotFoundError(f"Opfølgningspunktet '{followup_id}' findes ikke.")
        return from_dict(FollowUp, doc), number

    def followup(self, followup_id: str) -> FollowUp:
        with self._tx():
            return self._load_followup(followup_id)[0]

    def update_followup(self, followup_id: str, *, status: str | None = None,
                        due: date | None = None, owner: str | None = None,
                        text: str | None = None, comment: str = "",
                        meeting_id: int | None = None, internal: bool | None = None) -> FollowUp:
        if status is not None and status not in FOLLOWUP_STATUSES:
            raise MeetingToolError(
                f"Ukendt status '{status}'. Brug en af: {', '.join(FOLLOWUP_STATUSES)}.")
        with self._tx():
            followup, number = self._load_followup(followup_id)
            if status is not None:
                followup.status = status
            if due is not None:
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
            self._write_followup(followup, number, insert=False)
        return followup

    def save_followup(self, followup: FollowUp) -> None:
        with self._tx():
            _, number = self._load_followup(followup.id)
            self._write_followup(followup, number, insert=False)

    def followups(self, council_id: str | None = None, *, meeting_id: int | None = None,
                  open_only: bool = False) -> list[FollowUp]:
        with self._tx():
            if meeting_id is not None:
                docs = list(self._meeting_db(meeting_id).table("followups").all())
            elif council_id is not None and open_only:
                docs = list(self._index(council_id).table("open").all())
            else:
                if council_id is None:
                    councils = [d["id"] for d in self._catalogue().table("councils").all()]
                else:
                    councils = [council_id]
                docs = []
                for council in councils:
                    for entry in self._index(council).table("meetings").all():
                        path = layout.meeting_path(self.data_dir, entry.doc_id)
                        db = self._db(path, must_exist=True)
                        docs.extend(db.table("followups").all())
                        db.storage.discard()  # read once; do not hold every file in memory
                        del self._dbs[path]
        found = [from_dict(FollowUp, d) for d in docs
                 if (council_id is None or d.get("council_id") == council_id)
                 and (not open_only or d.get("status") in OPEN_FOLLOWUP_STATUSES)]
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
