"""Search in the PostgreSQL backend: the same index as the files backend (``core.search``:
Danish folding and stemming in Python, so both find the same hits), kept in this
process's memory and refreshed per meeting.

A trigger (``schema/004_search_generation.sql``) counts every change to meetings, decisions,
follow-ups and trials in one row; while that number stands still, the index is used as it
is. After a change, one query gives every meeting's version: the meeting row's own
``version`` with the count and the transaction ids (``xmin``, which changes with every
insert and update) of its decision and follow-up rows; only meetings whose version changed
are read again. A new process builds the index once, on its first search."""

from __future__ import annotations

from collections.abc import Hashable

from meetingtool.core.codec import from_dict
from meetingtool.core.model import Decision, FollowUp, Meeting
from meetingtool.core.search import (
    SearchDoc,
    SearchHit,
    SearchIndex,
    SearchQuery,
    meeting_docs,
    trial_docs,
)
from meetingtool.store.postgres.indicators import IndicatorRecords

_VERSIONS = """
SELECT m.id, m.version::text || ':' || coalesce(d.v, '') || ':' || coalesce(f.v, '')
FROM meetings m
LEFT JOIN (SELECT meeting_id, count(*) || '/' || sum(xmin::text::bigint) AS v
           FROM decisions GROUP BY meeting_id) d ON d.meeting_id = m.id
LEFT JOIN (SELECT meeting_id, count(*) || '/' || sum(xmin::text::bigint) AS v
           FROM followups GROUP BY meeting_id) f ON f.meeting_id = m.id
"""


BULK_AFTER = 20
"""More stale meetings than this are read with three queries per ``BULK_CHUNK`` meetings
instead of three per meeting (a new process reads every meeting once: 5.000 at 100.000
records)."""

BULK_CHUNK = 1000


class SearchRecords(IndicatorRecords):
    """``search`` over decisions, follow-ups, notes and trials."""

    _search_index: SearchIndex | None = None
    _search_generation: int | None = None

    def _search_versions(self) -> dict[Hashable, Hashable]:
        with self._tx() as cur:
            cur.execute(_VERSIONS)
            versions: dict[Hashable, Hashable] = {
                ("meeting", int(row[0])): row[1] for row in cur.fetchall()}
            cur.execute("SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) "
                        "FROM trials")
            row = cur.fetchone()
            versions[("trials",)] = row[0] if row else ""
        return versions

    def _read_meetings(self, numbers: list[int]) -> dict[int, list[SearchDoc]]:
        """Many meetings' documents at once: their rows, decisions and follow-ups."""
        found: dict[int, list[SearchDoc]] = {}
        for start in range(0, len(numbers), BULK_CHUNK):
            chunk = numbers[start:start + BULK_CHUNK]
            decisions: dict[int, list[Decision]] = {n: [] for n in chunk}
            followups: dict[int, list[FollowUp]] = {n: [] for n in chunk}
            with self._tx() as cur:
                cur.execute("SELECT doc FROM meetings WHERE id = ANY(%s)", (chunk,))
                meetings = [from_dict(Meeting, row[0]) for row in cur.fetchall()]
                cur.execute("SELECT meeting_id, doc FROM decisions WHERE meeting_id = ANY(%s) "
                            "ORDER BY meeting_id, number", (chunk,))
                for number, doc in cur.fetchall():
                    decisions[int(number)].append(from_dict(Decision, doc))
                cur.execute("SELECT meeting_id, doc FROM followups WHERE meeting_id = ANY(%s) "
                            "ORDER BY meeting_id, number", (chunk,))
                for number, doc in cur.fetchall():
                    followups[int(number)].append(from_dict(FollowUp, doc))
            for meeting in meetings:
                found[meeting.id] = meeting_docs(meeting, decisions[meeting.id],
                                                 followups[meeting.id])
        return found

    def _read_unit(self, key: Hashable) -> list[SearchDoc]:
        assert isinstance(key, tuple)
        if key[0] == "meeting":
            meeting = self.meeting(key[1])
            return meeting_docs(meeting, self.decisions(meeting.id),
                                self.followups(meeting_id=meeting.id))
        names = {c.id: c.name for c in self.councils()}
        return trial_docs(self.trials(), names)

    def search(self, query: SearchQuery) -> list[SearchHit]:
        if self._search_index is None:
            self._search_index = SearchIndex()
        with self._tx() as cur:
            cur.execute("SELECT generation FROM search_generation WHERE id = 1")
            row = cur.fetchone()
        # no row: nothing was changed through the triggers since the table was made (or
        # data was loaded with them off); the first change adds the row, so 0 is as good
        # a count as any, and the index is not rebuilt on every search
        generation = int(row[0]) if row else 0
        if generation != self._search_generation:
            # read before the versions: a change committed in between is seen next time
            versions = self._search_versions()
            units = self._search_index.units
            stale = [key[1] for key, version in versions.items()  # type: ignore[index]
                     if key[0] == "meeting"  # type: ignore[index]
                     and (key not in units or units[key].version != version)]
            read_before = self._read_meetings(stale) if len(stale) > BULK_AFTER else {}

            def read(key: Hashable) -> list[SearchDoc]:
                assert isinstance(key, tuple)
                if key[0] == "meeting" and key[1] in read_before:
                    return read_before.pop(key[1])
                return self._read_unit(key)

            self._search_index.refresh(versions, read)
            self._search_generation = generation
        return self._search_index.search(query)
