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
from collections.abc import Hashable
from typing import Any

from meetingtool.core.codec import from_dict, to_dict
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
from meetingtool.store.files.storage import write_bytes_atomic
from meetingtool.store.files.tx import FileTransactions

INDEX_FILE = "search-index.json"
INDEX_FORMAT = 2


def _version(*paths: Any) -> str:
    return json.dumps([layout.file_version(p) for p in paths])


class SearchRecords(FileTransactions):
    """``search``: the index above, kept in memory between calls of one process too."""

    _search_index: SearchIndex | None = None
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
                          [from_dict(SearchDoc, d) for d in unit["docs"]], unit.get("counts"))
            self._search_titles = {int(k): (v[0], {int(i): t for i, t in v[1].items()})
                                   for k, v in data["titles"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            return SearchIndex()  # a cache: missing or unreadable means rebuild
        return index

    def _save_index(self, index: SearchIndex) -> None:
        if self.read_only:
            return
        data = {"format": INDEX_FORMAT,
                "units": [{"key": list(key), "version": unit.version,  # type: ignore[arg-type]
                           "docs": to_dict(unit.docs), "counts": unit.counts}
                          for key, unit in index.units.items()],
                "titles": {str(k): [v[0], {str(i): t for i, t in v[1].items()}]
                           for k, v in self._search_titles.items()}}
        try:
            write_bytes_atomic(self.data_dir / INDEX_FILE,
                               json.dumps(data, ensure_ascii=False).encode("utf-8"),
                               sync_dir=False)
        except OSError:
            pass  # the index is a cache; the next search rebuilds what it misses

    def _search_versions(self) -> dict[Hashable, Hashable]:
        data = self.data_dir
        versions: dict[Hashable, Hashable] = {}
        councils = set()
        for summary in self.meetings():
            councils.add(summary.council_id)
            versions[("meeting", summary.id)] = _version(
                layout.meeting_path(data, summary.id),
                layout.closed_followups_path(data, summary.council_id, summary.id))
        for council in sorted(councils):
            versions[("open", council)] = _version(layout.open_followups_path(data, council))
        versions[("trials",)] = _version(data / layout.TRIALS)
        return versions

    def _read_unit(self, key: Hashable) -> list[SearchDoc]:
        assert isinstance(key, tuple)
        if key[0] == "meeting":
            meeting = self.meeting(key[1])
            self._search_titles[meeting.id] = (meeting.date.isoformat(),
                                               {i.id: i.title for i in meeting.items})
            closed = [f for f in self.followups(meeting.council_id, meeting_id=meeting.id)
                      if f.status not in OPEN_FOLLOWUP_STATUSES]
            return meeting_docs(meeting, self.decisions(meeting.id), closed)
        if key[0] == "open":
            from datetime import date

            council = self.council(key[1])
            titles = {m: (date.fromisoformat(d), t) for m, (d, t) in self._search_titles.items()}
            return followup_docs(self.open_followups(key[1]), titles, council.name)
        names = {c.id: c.name for c in self.councils()}
        return trial_docs(self.trials(), names)

    def search(self, query: SearchQuery) -> list[SearchHit]:
        if self._search_index is None:
            self._search_index = self._load_index()
        index = self._search_index
        versions = self._search_versions()
        # meetings before the open follow-ups, whose hits take the meetings' item titles
        ordered = dict(sorted(versions.items(), key=lambda kv: kv[0][0] != "meeting"))  # type: ignore[index]
        stale_titles = {k[1] for k, v in ordered.items() if k[0] == "meeting"  # type: ignore[index]
                        and (k not in index.units or index.units[k].version != v)}
        if stale_titles:
            for key in ordered:
                if key[0] == "open" and key in index.units:  # type: ignore[index]
                    index.units[key].version = ""  # re-read with the new titles
        if index.refresh(ordered, self._read_unit):
            self._save_index(index)
        return index.search(query)
