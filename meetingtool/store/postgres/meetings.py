"""Councils, meetings and decisions in the PostgreSQL backend.

A meeting is one row: its summary fields as columns (listing and sorting need nothing
else) and the whole meeting as JSONB. ``save_meeting`` locks the row (``FOR UPDATE``),
merges three-way with the caller's base exactly as the files backend does
(``store.merge``), writes, bumps the row's version and notifies listening terminals.
Decisions are rows of their own, so two people recording at once never touch one row.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import date, time
from typing import Any, cast

from psycopg.types.json import Jsonb

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
from meetingtool.core.records import slugify, split_id
from meetingtool.store.merge import merge_docs
from meetingtool.store.postgres.connection import PgTransactions

_COUNCIL_LOCK = 0x6D74_636F  # advisory lock key: one new council at a time
SUMMARY_COLUMNS = "id, council_id, council_name, kind, title, date, status, approved"


def summary_from_row(row: tuple[Any, ...]) -> MeetingSummary:
    return MeetingSummary(id=int(row[0]), council_id=row[1], council_name=row[2], kind=row[3],
                          title=row[4], date=row[5], status=row[6], approved=bool(row[7]))


def meeting_columns(meeting: Meeting) -> tuple[Any, ...]:
    """The meeting's columns, in the order of ``SUMMARY_COLUMNS`` after the id."""
    return (meeting.council_id, meeting.council_name, meeting.kind, meeting.title,
            meeting.date, meeting.status, meeting.approval is not None)


class MeetingRecords(PgTransactions):
    """Councils, meetings (merged on save) and decisions."""

    # --- councils -----------------------------------------------------------------------

    def councils(self) -> list[Council]:
        with self._tx() as cur:
            cur.execute("SELECT doc FROM councils")
            docs = [row[0] for row in cur.fetchall()]
        return sorted((from_dict(Council, d) for d in docs), key=lambda c: c.name.casefold())

    def council(self, council_id: str) -> Council:
        with self._tx() as cur:
            cur.execute("SELECT doc FROM councils WHERE id = %s", (council_id,))
            row = cur.fetchone()
        if row is None:
            raise NotFoundError(f"Rådet '{council_id}' findes ikke.")
        return from_dict(Council, row[0])

    def find_council(self, name: str) -> Council | None:
        wanted = name.strip().casefold()
        for council in self.councils():
            if council.name.strip().casefold() == wanted:
                return council
        return None

    def ensure_council(self, name: str, kind: str, members: Iterable[Member] = ()) -> Council:
        with self._tx() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_COUNCIL_LOCK,))
            existing = self.find_council(name)
            if existing is not None:
                return existing
            base = slugify(name)
            council_id, n = base, 1
            while True:
                cur.execute("SELECT 1 FROM councils WHERE id = %s", (council_id,))
                if cur.fetchone() is None:
                    break
                n += 1
                council_id = f"{base}-{n}"
            council = Council(id=council_id, name=name.strip(), kind=kind,
                              members=[copy.deepcopy(m) for m in members])
            self._put_council(cur, council)
        return council

    def _put_council(self, cur: Any, council: Council) -> None:
        cur.execute(
            "INSERT INTO councils (id, name, kind, site, doc) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, "
            "site = EXCLUDED.site, doc = EXCLUDED.doc",
            (council.id, council.name, council.kind, council.site, Jsonb(to_dict(council))))

    def save_council(self, council: Council) -> None:
        with self._tx() as cur:
            self._put_council(cur, council)

    # --- meetings -----------------------------------------------------------------------

    def _meeting_doc(self, cur: Any, meeting_id: int, *, lock: bool = False) -> dict[str, Any]:
        cur.execute("SELECT doc FROM meetings WHERE id = %s" + (" FOR UPDATE" if lock else ""),
                    (int(meeting_id),))
        row = cur.fetchone()
        if row is None:
            raise NotFoundError(f"Møde {meeting_id} findes ikke.")
        return cast("dict[str, Any]", row[0])  # a jsonb column

    def _insert_meeting(self, cur: Any, meeting: Meeting) -> None:
        cur.execute(
            "INSERT INTO meetings (id, council_id, council_name, kind, title, date, status, "
            "approved, doc) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (meeting.id, *meeting_columns(meeting), Jsonb(to_dict(meeting))))
        self._notify(cur, meeting.id)

    def create_meeting(self, council_id: str, template: AgendaTemplate, on: date, *,
                       title: str | None = None, place: str | None = None,
                       start_time: time | None = None, theme: str = "") -> Meeting:
        with self._tx() as cur:
            council = self.council(council_id)
            meeting = plan_meeting(council, template, on, title=title, place=place,
                                   start_time=start_time, theme=theme)
            meeting.id = self._next(cur, "meeting")
            self._insert_meeting(cur, meeting)
        self._bases.remember(meeting, to_dict(meeting))
        return meeting

    def meeting(self, meeting_id: int) -> Meeting:
        with self._tx() as cur:
            meeting = from_dict(Meeting, self._meeting_doc(cur, meeting_id))
        meeting.clock.running = False  # a reopened meeting's clock is always paused
        self._bases.remember(meeting, to_dict(meeting))
        return meeting

    def changed_elsewhere(self, meeting: Meeting) -> bool:
        with self._tx() as cur:
            stored = self._meeting_doc(cur, meeting.id)
        base = self._bases.base_of(meeting)
        return base is None or stored != base

    def pull_notes(self, meeting: Meeting, item_id: int) -> str:
        with self._tx() as cur:
            stored = from_dict(Meeting, self._meeting_doc(cur, meeting.id)).item(item_id).notes
        meeting.item(item_id).notes = stored
        self._bases.pull_notes(meeting, item_id, stored)
        return stored

    def save_meeting(self, meeting: Meeting) -> None:
        mine = to_dict(meeting)
        with self._tx() as cur:
            theirs = self._meeting_doc(cur, meeting.id, lock=True)
            base = self._bases.base_of(meeting)
            merged = mine if base is None else merge_docs(base, mine, theirs)
            saved = from_dict(Meeting, merged)
            cur.execute(
                "UPDATE meetings SET council_id = %s, council_name = %s, kind = %s, "
                "title = %s, date = %s, status = %s, approved = %s, doc = %s, "
                "version = version + 1 WHERE id = %s",
                (*meeting_columns(saved), Jsonb(merged), meeting.id))
            self._notify(cur, meeting.id)
        self._bases.remember(meeting, mine)

    def meetings(self, council_id: str | None = None,
                 limit: int | None = None) -> list[MeetingSummary]:
        params: list[Any] = [] if council_id is None else [council_id]
        where = "" if council_id is None else "WHERE council_id = %s"
        sql = f"SELECT {SUMMARY_COLUMNS} FROM meetings {where} ORDER BY date DESC, id DESC"
        if limit is not None:
            sql += " LIMIT %s"
            params.append(max(int(limit), 0))
        with self._tx() as cur:
            cur.execute(sql, params)
            return [summary_from_row(row) for row in cur.fetchall()]

    def previous_meeting(self, meeting_id: int) -> Meeting | None:
        with self._tx() as cur:
            self._meeting_doc(cur, meeting_id)
            cur.execute(
                "SELECT p.id FROM meetings p JOIN meetings m ON m.id = %s "
                "WHERE p.council_id = m.council_id AND (p.date, p.id) < (m.date, m.id) "
                "ORDER BY p.date DESC, p.id DESC LIMIT 1", (int(meeting_id),))
            row = cur.fetchone()
            return self.meeting(int(row[0])) if row else None

    # --- decisions ----------------------------------------------------------------------

    def _check_item(self, cur: Any, meeting_id: int, item_id: int | None) -> dict[str, Any]:
        """The meeting's council (``{"council_id": ...}``) if the meeting has the item;
        checked in the server, without fetching the meeting's whole document."""
        cur.execute("SELECT council_id, %s::boolean OR doc -> 'items' @> %s FROM meetings "
                    "WHERE id = %s",
                    (item_id is None, Jsonb([{"id": item_id}]), int(meeting_id)))
        row = cur.fetchone()
        if row is None:
            raise NotFoundError(f"Møde {meeting_id} findes ikke.")
        if not row[1]:
            raise NotFoundError(f"Punkt {item_id} findes ikke i møde {meeting_id}.")
        return {"council_id": row[0]}

    def _put_decision(self, cur: Any, decision: Decision, number: int) -> None:
        cur.execute("INSERT INTO decisions (meeting_id, number, item_id, doc) "
                    "VALUES (%s, %s, %s, %s)",
                    (decision.meeting_id, number, decision.item_id, Jsonb(to_dict(decision))))
        self._notify(cur, decision.meeting_id)

    def add_decision(self, meeting_id: int, item_id: int, text: str) -> Decision:
        with self._tx() as cur:
            self._check_item(cur, meeting_id, item_id)
            number = self._next(cur, f"decisions:{int(meeting_id)}")
            decision = Decision(id=f"{meeting_id}-{number}", meeting_id=meeting_id,
                                item_id=item_id, text=text, created=self._now())
            self._put_decision(cur, decision, number)
        return decision

    def _decision_number(self, cur: Any, meeting_id: int, decision_id: str) -> int:
        head, number = split_id(decision_id, "Beslutningen")
        if head == str(meeting_id):
            cur.execute("SELECT 1 FROM decisions WHERE meeting_id = %s AND number = %s "
                        "FOR UPDATE", (int(meeting_id), number))
            if cur.fetchone() is not None:
                return number
        raise NotFoundError(f"Beslutningen '{decision_id}' findes ikke i møde {meeting_id}.")

    def update_decision(self, meeting_id: int, decision_id: str, text: str) -> Decision:
        with self._tx() as cur:
            number = self._decision_number(cur, meeting_id, decision_id)
            cur.execute("UPDATE decisions SET doc = jsonb_set(doc, '{text}', %s) "
                        "WHERE meeting_id = %s AND number = %s RETURNING doc",
                        (Jsonb(text), int(meeting_id), number))
            row = cur.fetchone()
            assert row is not None  # locked by _decision_number
            self._notify(cur, meeting_id)
        return from_dict(Decision, row[0])

    def delete_decision(self, meeting_id: int, decision_id: str) -> None:
        with self._tx() as cur:
            number = self._decision_number(cur, meeting_id, decision_id)
            cur.execute("DELETE FROM decisions WHERE meeting_id = %s AND number = %s",
                        (int(meeting_id), number))
            self._notify(cur, meeting_id)

    def decisions(self, meeting_id: int, item_id: int | None = None) -> list[Decision]:
        with self._tx() as cur:
            self._meeting_doc(cur, meeting_id)
            if item_id is None:
                cur.execute("SELECT doc FROM decisions WHERE meeting_id = %s ORDER BY number",
                            (int(meeting_id),))
            else:
                cur.execute("SELECT doc FROM decisions WHERE meeting_id = %s AND item_id = %s "
                            "ORDER BY number", (int(meeting_id), int(item_id)))
            return [from_dict(Decision, row[0]) for row in cur.fetchall()]
