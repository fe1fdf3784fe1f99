"""Search in the files backend: an index kept beside the data, refreshed by unit.

A unit is what one file holds: a meeting file (its items' notes and its decisions) with
that meeting's file of closed follow-ups, a council's file of open follow-ups, the trials
file. Each unit is stored in ``search-index.json`` with the version (``file_version``:
inode, size, modification time) of the files it was read from; a search ``stat``s those
files and reads again only the units whose files changed (a meeting saved, a decision
recorded, a follow-up closed), never every file. The index is a cache: not backed up, and
rebuilt from the data if it is missing or unreadable. Folding, stemming and ranking are
``core.search``, the same for both backends.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Hashable
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from meetingtool.core.model import Decision, Meeting
from meetingtool.core.search import (
    SearchDoc,
    SearchHit,
    SearchIndex,
    SearchQuery,
    followup_docs,
    meeting_docs,
    trial_docs,
)
from meetingtool.core.vocab import OPEN_FOLLOWUP_STATUSES
from meetingtool.store.files import layout
from meetingtool.store.files.followups import decode_followup, followup_order
from meetingtool.store.files.records import decode
from meetingtool.store.files.storage import write_bytes_atomic
from meetingtool.store.files.tx import FileTransactions

INDEX_FILE = "search-index.json"
INDEX_FORMAT = 4


RACY_NS = 100_000_000
"""A folder changed less than this long ago (0.1 s, ten times the kernel's coarsest clock
tick) may change again within the same tick without its time moving, so it is not trusted
alone."""

SAVE_AFTER = 25
"""Units read again before the index file is rewritten (it holds every document, so
rewriting it after each recorded decision would cost more than reading a few meetings)."""

UNITS_PER_TX = 200
"""Units read in one transaction: one lock taken for them all, and each file read once
(the store's lock is held this long at most, so other terminals are not kept waiting for a
whole first build)."""


def _mtime(path: Path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return None


def _entry_version(entry: os.DirEntry[str]) -> str:
    """A file's version as text (a string: compared after a round trip through the saved
    index, and made for every meeting on every look, so no ``json.dumps``)."""
    status = entry.stat()
    return f"{status.st_mtime_ns}:{status.st_size}:{status.st_ino}"


class SearchRecords(FileTransactions):
    """``search``: the index above, kept in memory between calls of one process too."""

    _search_index: SearchIndex | None = None
    _search_seen: str = ""
    _search_unsaved: int = 0
    _search_titles: dict[int, tuple[str, dict[int, str]]]

    def _load_index(self) -> SearchIndex:
        index = SearchIndex()
        self._search_titles = {}
        try:
            data = json.loads((self.data_dir / INDEX_FILE).read_text(encoding="utf-8"))
            if data.get("format") != INDEX_FORMAT:
                return index
            for unit in data["units"]:
                index.put(tuple(unit["key"]), unit["version"],
                          [SearchDoc(k, r, c, cn, date.fromisoformat(day), m, i, t, x, bool(n))
                           for k, r, c, cn, day, m, i, t, x, n in unit["docs"]],
                          unit.get("counts"))
            self._search_seen = str(data.get("seen", ""))
            self._search_titles = {int(k): (v[0], {int(i): t for i, t in v[1].items()})
                                   for k, v in data["titles"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            self._search_seen, self._search_titles = "", {}
            return SearchIndex()  # a cache: missing or unreadable means rebuild
        return index

    def _save_index(self, index: SearchIndex) -> None:
        if self.read_only:
            return
        data = {"format": INDEX_FORMAT, "seen": self._search_seen,
                "units": [{"key": list(key), "version": unit.version,  # type: ignore[arg-type]
                           "docs": [[d.kind, d.ref, d.council_id, d.council_name,
                                     d.day.isoformat(), d.meeting_id, d.item_id,
                                     d.item_title, d.text, d.internal] for d in unit.docs],
                           "counts": unit.counts}
                          for key, unit in index.units.items()],
                "titles": {str(k): [v[0], {str(i): t for i, t in v[1].items()}]
                           for k, v in self._search_titles.items()}}
        try:
            write_bytes_atomic(self.data_dir / INDEX_FILE,
                               json.dumps(data, ensure_ascii=False).encode("utf-8"),
                               sync_dir=False)
        except OSError:
            pass  # the index is a cache; the next search rebuilds what it misses

    def _search_signature(self) -> tuple[str, bool]:
        """The modification times of the folders whose files the units are (a file is
        only ever replaced, so its folder's time changes with it) and of the trials file;
        and whether one of them is so recent that a change in the same clock tick could
        hide behind it (then the files are compared one by one anyway)."""
        data = self.data_dir
        times = [_mtime(data / layout.MEETINGS_DIR), _mtime(data / layout.TRIALS)]
        try:
            with os.scandir(data / layout.FOLLOWUPS_DIR) as entries:
                times += sorted((e.name, e.stat().st_mtime_ns) for e in entries
                                if e.is_dir())
        except FileNotFoundError:
            pass
        newest = max((t[1] if isinstance(t, tuple) else t or 0) for t in times)
        racy = time.time_ns() - newest < RACY_NS
        return json.dumps(times), racy

    def _search_versions(self) -> dict[Hashable, Hashable]:
        """Every unit with the versions of its files, from one listing per folder; the
        meetings first (the open follow-ups' hits take the meetings' item titles)."""
        data = self.data_dir
        meetings: dict[int, str] = {}
        prefix, suffix = "meeting-", ".json"
        try:
            with os.scandir(data / layout.MEETINGS_DIR) as entries:
                for entry in entries:
                    name = entry.name  # as layout.meeting_id_of, without a Path per file
                    if name.startswith(prefix) and name.endswith(suffix):
                        number = name[len(prefix):-len(suffix)]
                        if number.isdigit():
                            meetings[int(number)] = _entry_version(entry)
        except FileNotFoundError:
            pass
        closed: dict[int, str] = {}
        opened: dict[Hashable, Hashable] = {}
        try:
            with os.scandir(data / layout.FOLLOWUPS_DIR) as councils:
                folders = [e.name for e in councils if e.is_dir()]
        except FileNotFoundError:
            folders = []
        for council in sorted(folders):
            with os.scandir(data / layout.FOLLOWUPS_DIR / council) as entries:
                for entry in entries:
                    if entry.name == layout.OPEN_FILE:
                        opened[("open", council)] = _entry_version(entry)
                    elif entry.name.startswith(layout.CLOSED_PREFIX) and \
                            entry.name.endswith(".json"):
                        number = entry.name[len(layout.CLOSED_PREFIX):-len(".json")]
                        if number.isdigit():
                            closed[int(number)] = _entry_version(entry)
        versions: dict[Hashable, Hashable] = {
            ("meeting", number): f"{version}|{closed.get(number, '')}"
            for number, version in meetings.items()}
        versions.update(opened)
        versions[("trials",)] = json.dumps(layout.file_version(data / layout.TRIALS))
        return versions

    def _read_unit(self, key: Hashable) -> list[SearchDoc]:
        assert isinstance(key, tuple)
        if key[0] == "meeting":
            return self._read_meeting_unit(key[1])
        if key[0] == "open":
            council = self.council(key[1])
            titles = {m: (date.fromisoformat(d), t) for m, (d, t) in self._search_titles.items()}
            return followup_docs(self.open_followups(key[1]), titles, council.name)
        names = {c.id: c.name for c in self.councils()}
        return trial_docs(self.trials(), names)

    def _read_meeting_unit(self, number: int) -> list[SearchDoc]:
        """A meeting's notes, decisions and closed follow-ups, from its two files only.

        Not through ``meeting()`` and ``followups(meeting_id=...)``: those also read the
        council's whole file of open follow-ups (indexed in a unit of their own) and keep a
        merge base of the meeting, which made a first build grow with meetings × open
        follow-ups."""
        with self._tx():
            path = layout.meeting_path(self.data_dir, number)
            meeting = decode(Meeting, self._meeting_doc(number), path, "mødet")
            stored = sorted(self._meeting_db(number).table("decisions").all(),
                            key=lambda d: d.doc_id)
            decisions = [decode(Decision, d, path, "en beslutning") for d in stored]
            closed_path = layout.closed_followups_path(self.data_dir, meeting.council_id, number)
            closed_docs = self._db(closed_path, must_exist=False,
                                   remove_when_empty=True).table("closed").all()
        folder = self.data_dir / layout.FOLLOWUPS_DIR
        closed = sorted((f for f in (decode_followup(d, folder) for d in closed_docs)
                         if f.status not in OPEN_FOLLOWUP_STATUSES), key=followup_order)
        self._search_titles[meeting.id] = (meeting.date.isoformat(),
                                           {i.id: i.title for i in meeting.items})
        return meeting_docs(meeting, decisions, closed)

    def _read_in_batches(self, index: SearchIndex, versions: dict[Hashable, Hashable]) -> int:
        """``index.refresh`` with the units read ``UNITS_PER_TX`` to a transaction."""
        read_count = 0
        stack = ExitStack()

        def read(key: Hashable) -> list[SearchDoc]:
            nonlocal read_count, stack
            if read_count % UNITS_PER_TX == 0:
                stack.close()
                stack = ExitStack()
                stack.enter_context(self._tx())
            read_count += 1
            return self._read_unit(key)

        with stack:
            try:
                return index.refresh(versions, read)
            finally:
                stack.close()

    def search(self, query: SearchQuery) -> list[SearchHit]:
        if self._search_index is None:
            self._search_index = self._load_index()
        index = self._search_index
        signature, racy = self._search_signature()
        if signature == self._search_seen and not racy:
            return index.search(query)  # no file of the data changed since the last look
        ordered = self._search_versions()  # meetings first
        stale_titles = {k[1] for k, v in ordered.items() if k[0] == "meeting"  # type: ignore[index]
                        and (k not in index.units or index.units[k].version != v)}
        if stale_titles:
            for key in ordered:
                unit = index.units.get(key) if key[0] == "open" else None  # type: ignore[index]
                if unit is not None and any(d.meeting_id in stale_titles for d in unit.docs):
                    unit.version = ""  # re-read with the meeting's new item titles
        self._search_unsaved = self._search_unsaved + self._read_in_batches(index, ordered)
        # a folder time from the last tick may yet hide a change: not trusted next time
        self._search_seen = "" if racy else signature
        if self._search_unsaved >= SAVE_AFTER or not (self.data_dir / INDEX_FILE).exists():
            self._save_index(index)
            self._search_unsaved = 0
        return index.search(query)
