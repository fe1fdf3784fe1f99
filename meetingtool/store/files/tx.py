"""Transactions of the files backend: the lock, the journal, atomic commits, repair.

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

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.table import Document

from meetingtool.core.codec import to_dict
from meetingtool.core.errors import MeetingToolError, NotFoundError, os_advice, os_problem
from meetingtool.core.model import Meeting
from meetingtool.store.errors import StoreDamagedError, StoreWriteError
from meetingtool.store.files import backup as backups
from meetingtool.store.files import changes, layout, migrate, readonly
from meetingtool.store.files import restore as restoring
from meetingtool.store.files.backup import BackupInfo
from meetingtool.store.files.lock import StoreLock
from meetingtool.store.files.records import decode, slugify, split_id, summary_of
from meetingtool.store.files.storage import (
    AtomicJSONStorage,
    atomic_storage,
    ensure_dir,
    is_read_only,
    is_temp_file,
    read_json,
    write_json_atomic,
)
from meetingtool.store.merge import MergeBases

_FLUSH_ORDER = (layout.MEETINGS_DIR, layout.RESIDENTS_DIR, layout.FOLLOWUPS_DIR,
                layout.SUMMARIES_DIR)

# The helpers once defined here, still importable from here.
__all__ = ["FileTransactions", "decode", "slugify", "split_id", "summary_of"]


class FileTransactions:
    """One data directory opened: every public call of the record classes built on this
    is one transaction (``_tx``); the files each call needs are opened afresh in it."""

    def __init__(self, data_dir: Path, now: Callable[[], datetime] = datetime.now, *,
                 lock_timeout: float | None = None) -> None:
        self.data_dir = Path(data_dir)
        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise MeetingToolError(
                f"{self.data_dir} er en fil, ikke en mappe. Angiv datamappen med --data "
                "(eller MEETINGTOOL_DATA), fx en ny, tom mappe.")
        self.now = now
        self.read_only = False
        """A folder this user cannot write in: everything can be read, nothing changed."""
        self.notice = ""
        """Something the user should know about this data (a read-only folder, a change
        that waits to be finished); empty when all is well."""
        self._repair_in_memory = False
        self._dbs: dict[Path, TinyDB] = {}
        self._pending: dict[str, set[Any]] = {"meetings": set(), "followups": set()}
        self._write_first: set[Path] = set()
        # What each meeting object was read or saved as (the base of its next merge).
        self._bases = MergeBases()
        self.folder = self.data_dir
        """The data folder as given (``data_dir`` is where the data is read from: another
        folder only while a read-only folder's unfinished restore is shown)."""
        if self.data_dir.is_dir() and is_read_only(self.data_dir):
            self.read_only = True
            self._lock = StoreLock(self.data_dir, lock_timeout, read_only=True)
            view = readonly.open_read_only(self.data_dir)
            self.notice, self._repair_in_memory = view.notice, view.repair_in_memory
            if view.shown is not None:
                self._shown = view.shown
                self.data_dir = Path(view.shown.name)
        else:
            try:
                ensure_dir(self.data_dir)
            except OSError as error:
                raise StoreWriteError(
                    f"Datamappen {self.data_dir} kan ikke oprettes: {os_problem(error)}. "
                    "Vælg en anden mappe med --data eller MEETINGTOOL_DATA."
                ) from None
            self._lock = StoreLock(self.data_dir, lock_timeout)
            with self._lock.hold():
                self._remove_leftovers()
                migrate.open_data(self.data_dir, self.now)
        with self._tx():
            self._catalogue().storage.read()  # a damaged catalogue is reported at once

    def _read_only_error(self) -> StoreWriteError:
        return readonly.read_only_error(self.folder)

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
            self._write_first = set()
            try:
                if not self.read_only:
                    self._finish_pending()
                elif self._repair_in_memory:
                    self._finish_pending(write=False)
                yield
                self._commit()
            finally:
                for db in self._dbs.values():
                    atomic_storage(db).discard()
                self._dbs = {}

    def _db(self, path: Path, *, must_exist: bool, remove_when_empty: bool = False) -> TinyDB:
        db = self._dbs.get(path)
        if db is None:
            db = TinyDB(path, storage=AtomicJSONStorage, must_exist=must_exist, deferred=True,
                        remove_when_empty=remove_when_empty)
            self._dbs[path] = db
        return db

    def _commit(self) -> None:
        dirty = [(path, db) for path, db in self._dbs.items() if atomic_storage(db).dirty]
        if not dirty:
            return
        if self.read_only:
            raise self._read_only_error()
        try:
            self._write(dirty)
        except OSError as error:
            where = getattr(error, "filename", None) or self.data_dir
            raise StoreWriteError(
                f"Ændringen kunne ikke gemmes i {where}: {os_problem(error)}. Den er ikke "
                "gemt (en halvt skrevet ændring gøres færdig ved næste kommando). "
                f"{os_advice(error) or 'Ret fejlen og prøv igen.'}"
            ) from None

    def _write(self, dirty: list[tuple[Path, TinyDB]]) -> None:
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

        changes.record(self.data_dir, self._relative(path for path, _ in dirty))
        for path, db in sorted(dirty, key=order):
            ensure_dir(path.parent)
            atomic_storage(db).flush()
        if journal:
            (self.data_dir / layout.PENDING).unlink(missing_ok=True)

    def _relative(self, paths: Iterator[Path]) -> list[str]:
        return [path.relative_to(self.data_dir).as_posix() for path in paths]

    def _finish_pending(self, *, write: bool = True) -> None:
        """Repair after a process died in the middle of a multi-file change. With
        ``write=False`` (a read-only folder) the repair stays in this transaction's
        memory: what is read is the repaired state, nothing is written."""
        path = self.data_dir / layout.PENDING
        if not path.exists():
            return
        pending = read_json(path)
        if not isinstance(pending, dict):
            raise StoreDamagedError(path, "indholdet har ikke den forventede opbygning")
        if "restore" in pending:
            try:
                restoring.apply_restore(self.data_dir, str(pending["restore"]))
            except OSError as error:
                raise StoreWriteError(
                    f"Gendannelsen af sikkerhedskopien {pending['restore']} i "
                    f"{self.data_dir} kunne ikke gøres færdig: {os_problem(error)}. Den gøres "
                    f"færdig ved næste kommando. {os_advice(error)}".rstrip()
                ) from None
            migrate.open_data(self.data_dir, self.now)  # a backup of older data is upgraded
            return
        for meeting_id in pending.get("meetings", []):
            self._resync_summary(int(meeting_id))
        for followup_id, council_id in pending.get("followups", []):
            self._resync_followup(followup_id, council_id)
        if not write:
            for db in self._dbs.values():
                # kept in memory as read; a change would be dirty
                atomic_storage(db).dirty = False
            return
        changes.record(self.data_dir, self._relative(
            db_path for db_path, db in self._dbs.items() if atomic_storage(db).dirty))
        for db_path, db in sorted(self._dbs.items(), key=lambda item: str(item[0])):
            if atomic_storage(db).dirty:
                ensure_dir(db_path.parent)
                atomic_storage(db).flush()
        for db in self._dbs.values():
            atomic_storage(db).discard()
        self._dbs = {}
        path.unlink(missing_ok=True)

    def _resync_summary(self, meeting_id: int) -> None:
        """Make the summary files agree with meeting ``meeting_id``'s file (the truth)."""
        doc = None
        if layout.meeting_path(self.data_dir, meeting_id).exists():
            doc = self._meeting_db(meeting_id).table("meeting").get(doc_id=1)
        keep_year = None
        if doc is not None:
            meeting = decode(Meeting, doc, layout.meeting_path(self.data_dir, meeting_id))
            keep_year = meeting.date.year
            self._summaries(keep_year).table("meetings").upsert(
                Document(to_dict(summary_of(meeting)), doc_id=meeting_id))
            self._bump_meeting_counter(meeting_id)
        for year in layout.summary_years(self.data_dir):
            table = self._summaries(year).table("meetings")
            if year != keep_year and table.contains(doc_id=meeting_id):
                table.remove(doc_ids=[meeting_id])

    def _resync_followup(self, followup_id: str, council_id: str) -> None:
        """Keep one copy of a follow-up whose move between files was cut (see
        ``FollowUpRecords``, which knows where follow-ups live)."""
        raise NotImplementedError

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

    def _council_doc(self, council_id: str) -> dict[str, Any]:
        doc = self._catalogue().table("councils").get(Query().id == council_id)
        if doc is None:
            raise NotFoundError(f"Rådet '{council_id}' findes ikke.")
        return dict(doc)

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
            if not all(isinstance(d.get("date"), str) and isinstance(d.get("id"), int)
                       for d in docs):
                raise StoreDamagedError(
                    layout.summaries_path(self.data_dir, year),
                    "en mødelinje mangler sin dato eller sit nummer, eller de har forkert type")
            docs.sort(key=lambda d: (d["date"], d["id"]), reverse=True)
            yield from docs

    def _put_summary(self, meeting: Meeting, old_year: int | None = None) -> None:
        self._summaries(meeting.date.year).table("meetings").upsert(
            Document(to_dict(summary_of(meeting)), doc_id=meeting.id))
        if old_year is not None and old_year != meeting.date.year:
            self._summaries(old_year).table("meetings").remove(doc_ids=[meeting.id])
        self._pending["meetings"].add(meeting.id)

    def _residents_db(self, council_id: str) -> TinyDB:
        return self._db(layout.residents_path(self.data_dir, council_id), must_exist=False)

    def _meeting_doc(self, meeting_id: int) -> dict[str, Any]:
        doc = self._meeting_db(meeting_id).table("meeting").get(doc_id=1)
        path = layout.meeting_path(self.data_dir, meeting_id)
        if doc is None:
            raise StoreDamagedError(path, "mødet mangler i filen")
        if not (isinstance(doc.get("id"), int) and isinstance(doc.get("council_id"), str)
                and isinstance(doc.get("date"), str) and isinstance(doc.get("items"), list)):
            raise StoreDamagedError(
                path, "mødet i filen mangler sit nummer, råd, dato eller punkter, eller de "
                "har forkert type (gyldig JSON, men ikke noget meetingtool har skrevet)")
        return doc

    def _check_item(self, meeting_id: int, item_id: int | None) -> dict[str, Any]:
        """The meeting's doc, once ``item_id`` (when given) is known to be one of its items."""
        doc = self._meeting_doc(meeting_id)
        if item_id is not None and not any(i.get("id") == item_id for i in doc["items"]):
            raise NotFoundError(f"Punkt {item_id} findes ikke i møde {meeting_id}.")
        return doc

    def _next(self, db: TinyDB, key: str) -> int:
        counters = db.table("counters")
        values = dict(counters.get(doc_id=1) or {})
        value = int(values.get(key, 0)) + 1
        values[key] = value
        counters.upsert(Document(values, doc_id=1))
        return value

    def _bump_meeting_counter(self, meeting_id: int) -> None:
        counters = self._catalogue().table("counters")
        values = dict(counters.get(doc_id=1) or {})
        if int(values.get("meeting", 0)) < meeting_id:
            values["meeting"] = meeting_id
            counters.upsert(Document(values, doc_id=1))

    # --- backups ------------------------------------------------------------------------

    def backup(self, reason: str) -> Path:
        if self.read_only:
            raise self._read_only_error()
        with self._tx():
            return backups.create_backup(self.data_dir, reason, self._now())

    def backups(self) -> list[BackupInfo]:
        with self._lock.hold():
            return backups.list_backups(self.data_dir)

    def restore(self, backup_id: str) -> None:
        if self.read_only:
            raise self._read_only_error()
        with self._lock.hold():
            restoring.start_restore(self.data_dir, backup_id, self._now())
            # a backup made before an upgrade holds older data: upgrade it now (backed up
            # first, as at every upgrade), not only at the next opening
            migrate.open_data(self.data_dir, self.now)
            self._bases.forget_all()  # what was read before is no base for restored data
