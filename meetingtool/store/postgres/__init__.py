"""The PostgreSQL backend: one database a municipality's councils share.

The only code that imports ``psycopg``. ``PgStore`` is the ``store.api.Store`` built from
its parts, each a layer of the same object:

- ``connection.py``: the connection, one transaction per call, Danish errors for a server
  that cannot be reached (the password never shown);
- ``schema.py`` and ``schema/NNN_*.sql``: numbered migrations (``meetingtool store init``);
- ``meetings.py``: councils, meetings (merged on save under a row lock), decisions;
- ``followups.py``: follow-ups, their history in the row's document;
- ``residents.py``: residents, triage entries, borgergennemgange;
- ``importing.py``: records taken in whole with their ids (``store copy``), counts;
- ``trials.py``: trial actions (prøvehandlinger);
- ``indicators.py``: quality indicators and their values;
- ``search.py``: search over decisions, follow-ups, notes and trials;
- ``live.py``: LISTEN/NOTIFY, so a terminal learns at once that a meeting changed.

The rules (who chairs, the agenda copied from the template, the three-way merge) are the
same code the files backend calls (``core.planning``, ``store.merge``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from meetingtool.store.postgres.connection import connect
from meetingtool.store.postgres.schema import migrate
from meetingtool.store.postgres.search import SearchRecords

__all__ = ["PgStore", "init_database"]


class PgStore(SearchRecords):
    """The meeting store in a PostgreSQL database (see the package docstring)."""

    def meeting_version(self, meeting_id: int) -> Hashable:
        """The meeting row's version with digests of its decisions and triage entries
        (rows of their own, saved without touching the meeting row)."""
        with self._tx() as cur:
            cur.execute(
                "SELECT m.version,"
                " (SELECT md5(coalesce(string_agg(d.doc::text, '|' ORDER BY d.number), ''))"
                "  FROM decisions d WHERE d.meeting_id = m.id),"
                " (SELECT md5(coalesce(string_agg(t.doc::text, '|' ORDER BY t.seq), ''))"
                "  FROM triage_entries t WHERE t.meeting_id = m.id)"
                " FROM meetings m WHERE m.id = %s", (meeting_id,))
            row = cur.fetchone()
        return None if row is None else tuple(row)

    def watch(self, callback: Callable[[int | None], None],
              meeting_id: int | None = None) -> Callable[[], None]:
        """Call ``callback(meeting_id)`` (from a background thread) within a second of
        another terminal's change to that meeting (or any, with ``None``); returns the
        function that stops it."""
        from meetingtool.store.postgres.live import Listener

        return Listener.shared(self._url).subscribe(callback, meeting_id)


def init_database(url: str) -> tuple[int, int]:
    """Create or migrate the schema at ``url``; (version before, version after)."""
    conn = connect(url, autocommit=True)
    try:
        return migrate(conn)
    finally:
        conn.close()
