"""Residents of a care team's triage board, triage entries and borgergennemgange in the
PostgreSQL backend. A triage entry is one row per resident and meeting (two terminals
rating different residents never touch one row); its colour is a column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from psycopg.types.json import Jsonb

from meetingtool.core.codec import from_dict, to_dict
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.model import Borgergennemgang, MeetingSummary, Resident, TriageEntry
from meetingtool.core.purge import PurgeResult, has_details, without_details
from meetingtool.core.records import split_id
from meetingtool.core.vocab import TRIAGE_COLOURS
from meetingtool.store.postgres.followups import FollowUpRecords
from meetingtool.store.postgres.meetings import SUMMARY_COLUMNS, summary_from_row


class ResidentRecords(FollowUpRecords):
    """Residents (initials and room only), triage entries and borgergennemgange."""

    def residents(self, council_id: str, include_inactive: bool = False) -> list[Resident]:
        sql = "SELECT doc FROM residents WHERE council_id = %s"
        if not include_inactive:
            sql += " AND active"
        with self._tx() as cur:
            cur.execute(sql + " ORDER BY number", (council_id,))
            return [from_dict(Resident, row[0]) for row in cur.fetchall()]

    def _put_resident(self, cur: Any, resident: Resident, number: int) -> None:
        cur.execute("INSERT INTO residents (id, council_id, number, active, doc) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    (resident.id, resident.council_id, number, resident.active,
                     Jsonb(to_dict(resident))))

    def add_resident(self, council_id: str, initials: str = "", room: str = "") -> Resident:
        with self._tx() as cur:
            self.council(council_id)
            number = self._next(cur, f"residents:{council_id}")
            resident = Resident(id=f"{council_id}-{number}", council_id=council_id,
                                initials=initials, room=room)
            self._put_resident(cur, resident, number)
        return resident

    def _resident_doc(self, cur: Any, resident_id: str) -> dict[str, Any]:
        split_id(resident_id, "Borgeren")
        cur.execute("SELECT doc FROM residents WHERE id = %s", (resident_id,))
        row = cur.fetchone()
        if row is None:
            raise NotFoundError(f"Borgeren '{resident_id}' findes ikke.")
        return cast("dict[str, Any]", row[0])  # a jsonb column

    def save_resident(self, resident: Resident) -> None:
        with self._tx() as cur:
            self._resident_doc(cur, resident.id)
            cur.execute("UPDATE residents SET active = %s, doc = %s WHERE id = %s",
                        (resident.active, Jsonb(to_dict(resident)), resident.id))

    def _put_triage_entry(self, cur: Any, entry: TriageEntry, seq: int | None) -> bool:
        """Insert (``seq`` given; False if another terminal just did) or update an entry."""
        if seq is None:
            cur.execute("UPDATE triage_entries SET colour = %s, doc = %s "
                        "WHERE meeting_id = %s AND resident_id = %s",
                        (entry.colour, Jsonb(to_dict(entry)), entry.meeting_id,
                         entry.resident_id))
        else:
            cur.execute("INSERT INTO triage_entries (meeting_id, resident_id, seq, colour, doc) "
                        "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                        (entry.meeting_id, entry.resident_id, seq, entry.colour,
                         Jsonb(to_dict(entry))))
            if cur.rowcount == 0:
                return False
        self._notify(cur, entry.meeting_id)
        return True

    def set_triage_entry(self, meeting_id: int, resident_id: str, *, colour: str | None = None,
                         change: str | None = None, action: str | None = None,
                         owner: str | None = None) -> TriageEntry:
        if colour is not None and colour != "" and colour not in TRIAGE_COLOURS:
            raise MeetingToolError(
                f"Ukendt farve '{colour}'. Brug en af: {', '.join(TRIAGE_COLOURS)}.")
        with self._tx() as cur:
            self._meeting_doc(cur, meeting_id)
            while True:
                cur.execute("SELECT doc FROM triage_entries WHERE meeting_id = %s AND "
                            "resident_id = %s FOR UPDATE", (int(meeting_id), resident_id))
                row = cur.fetchone()
                if row is None:
                    self._resident_doc(cur, resident_id)
                    entry = TriageEntry(id=f"{meeting_id}:{resident_id}", meeting_id=meeting_id,
                                        resident_id=resident_id, colour=colour or "")
                else:
                    entry = from_dict(TriageEntry, row[0])
                for name, value in (("colour", colour), ("change", change),
                                    ("action", action), ("owner", owner)):
                    if value is not None:
                        setattr(entry, name, value)
                entry.at = self._now()
                seq = None if row else self._next(cur, f"triage:{int(meeting_id)}")
                if self._put_triage_entry(cur, entry, seq):
                    return entry
                # another terminal rated this resident in this meeting a moment ago: take
                # theirs as the starting point and apply this change to it

    def triage_entries(self, meeting_id: int) -> list[TriageEntry]:
        with self._tx() as cur:
            self._meeting_doc(cur, meeting_id)
            cur.execute("SELECT doc FROM triage_entries WHERE meeting_id = %s ORDER BY seq",
                        (int(meeting_id),))
            return [from_dict(TriageEntry, row[0]) for row in cur.fetchall()]

    def resident_history(self, resident_id: str) -> list[tuple[MeetingSummary, TriageEntry]]:
        columns = ", ".join(f"m.{c.strip()}" for c in SUMMARY_COLUMNS.split(","))
        with self._tx() as cur:
            resident = self._resident_doc(cur, resident_id)
            cur.execute(
                f"SELECT {columns}, t.doc FROM triage_entries t "
                "JOIN meetings m ON m.id = t.meeting_id "
                "WHERE t.resident_id = %s AND m.council_id = %s ORDER BY m.date, m.id",
                (resident_id, resident["council_id"]))
            return [(summary_from_row(row[:-1]), from_dict(TriageEntry, row[-1]))
                    for row in cur.fetchall()]

    def _put_borgergennemgang(self, cur: Any, record: Borgergennemgang, number: int) -> None:
        cur.execute("INSERT INTO borgergennemgange (id, resident_id, number, meeting_id, doc) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    (record.id, record.resident_id, number, record.meeting_id,
                     Jsonb(to_dict(record))))

    def add_borgergennemgang(self, resident_id: str, meeting_id: int | None,
                             answers: dict[str, str]) -> Borgergennemgang:
        with self._tx() as cur:
            resident = self._resident_doc(cur, resident_id)
            number = self._next(cur, f"borgergennemgange:{resident['council_id']}")
            record = Borgergennemgang(id=f"{resident_id}-{number}", resident_id=resident_id,
                                      meeting_id=meeting_id, at=self._now(),
                                      answers=dict(answers))
            self._put_borgergennemgang(cur, record, number)
        return record

    def borgergennemgange(self, resident_id: str) -> list[Borgergennemgang]:
        with self._tx() as cur:
            self._resident_doc(cur, resident_id)
            cur.execute("SELECT doc FROM borgergennemgange WHERE resident_id = %s "
                        "ORDER BY number", (resident_id,))
            return [from_dict(Borgergennemgang, row[0]) for row in cur.fetchall()]

    def save_borgergennemgang(self, record: Borgergennemgang) -> None:
        with self._tx() as cur:
            cur.execute("UPDATE borgergennemgange SET meeting_id = %s, doc = %s "
                        "WHERE id = %s AND resident_id = %s",
                        (record.meeting_id, Jsonb(to_dict(record)), record.id,
                         record.resident_id))
            if cur.rowcount == 0:
                raise NotFoundError(f"Borgergennemgangen '{record.id}' findes ikke.")

    def purge_resident_details(self, resident_ids: Sequence[str]) -> PurgeResult:
        """The server's own backups (dumps, replicas) are the operator's, out of reach
        here: ``backups`` is ``None`` so the caller says so."""
        wanted = sorted(set(resident_ids))
        with self._tx() as cur:
            for resident_id in wanted:
                self._resident_doc(cur, resident_id)  # an unknown id is refused first
            cur.execute("DELETE FROM borgergennemgange WHERE resident_id = ANY(%s)",
                        (wanted,))
            reviews = cur.rowcount
            cur.execute("SELECT doc FROM triage_entries WHERE resident_id = ANY(%s) "
                        "ORDER BY meeting_id, seq FOR UPDATE", (wanted,))
            entries = [from_dict(TriageEntry, row[0]) for row in cur.fetchall()]
            emptied = [without_details(entry) for entry in entries if has_details(entry)]
            for entry in emptied:
                self._put_triage_entry(cur, entry, None)
        return PurgeResult(entries=len(emptied), reviews=reviews, backups=None)
