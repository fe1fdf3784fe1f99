"""Follow-ups in the PostgreSQL backend: one row each, its history in the JSONB document.

Council, meeting, number, status, owner, due date, internal and resident are columns
(a council's open follow-ups come from a partial index however long the history); the
whole follow-up, history included, is the document. Ids ("12-3") are the meeting and a
number from the meeting's counter, never given out twice.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from psycopg.types.json import Jsonb

from meetingtool.core.codec import from_dict, to_dict
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.followups import change_followup, check_status
from meetingtool.core.model import FollowUp, StatusChange
from meetingtool.core.records import split_id
from meetingtool.core.vocab import OPEN_FOLLOWUP_STATUSES, FollowUpStatus
from meetingtool.store.postgres.meetings import MeetingRecords

_OPEN = "status IN (" + ", ".join(f"'{s}'" for s in sorted(OPEN_FOLLOWUP_STATUSES)) + ")"
"""Open statuses written out, so the planner uses the partial index of open follow-ups."""


def _number(followup_id: str) -> tuple[int, int]:
    head, number = split_id(followup_id, "Opfølgningspunktet")
    if not head.isdigit():
        raise NotFoundError(f"Opfølgningspunktet '{followup_id}' findes ikke.")
    return int(head), number


class FollowUpRecords(MeetingRecords):
    """Follow-ups: made in a meeting, changed with a history, found by council fast."""

    def _followup_doc(self, cur: Any, followup_id: str, *, lock: bool = False
                      ) -> dict[str, Any]:
        _number(followup_id)
        cur.execute("SELECT doc FROM followups WHERE id = %s" + (" FOR UPDATE" if lock else ""),
                    (followup_id,))
        row = cur.fetchone()
        if row is None:
            raise NotFoundError(f"Opfølgningspunktet '{followup_id}' findes ikke.")
        return cast("dict[str, Any]", row[0])  # a jsonb column

    def _put_followup(self, cur: Any, followup: FollowUp, *, new: bool) -> None:
        meeting_id, number = _number(followup.id)
        columns = (followup.council_id, followup.status, followup.owner, followup.due,
                   followup.internal, followup.resident, Jsonb(to_dict(followup)))
        if new:
            cur.execute(
                "INSERT INTO followups (id, meeting_id, number, council_id, status, owner, "
                "due, internal, resident, doc) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (followup.id, meeting_id, number, *columns))
        else:
            cur.execute(
                "UPDATE followups SET council_id = %s, status = %s, owner = %s, due = %s, "
                "internal = %s, resident = %s, doc = %s WHERE id = %s",
                (*columns, followup.id))
        self._notify(cur, meeting_id)
        for entry in followup.history[-1:]:
            if entry.meeting_id is not None and entry.meeting_id != meeting_id:
                self._notify(cur, entry.meeting_id)  # reviewed in a later meeting

    def add_followup(self, meeting_id: int, item_id: int | None, text: str, *,
                     owner: str = "", due: date | None = None, internal: bool = False,
                     resident: str = "") -> FollowUp:
        with self._tx() as cur:
            doc = self._check_item(cur, meeting_id, item_id)
            number = self._next(cur, f"followups:{int(meeting_id)}")
            at = self._now()
            followup = FollowUp(
                id=f"{meeting_id}-{number}", council_id=doc["council_id"],
                meeting_id=meeting_id, item_id=item_id, text=text, created=at, owner=owner,
                due=due, status=FollowUpStatus.AABEN, internal=internal, resident=resident,
                history=[StatusChange(at=at, status=FollowUpStatus.AABEN,
                                      meeting_id=meeting_id, due=due, owner=owner)],
            )
            self._put_followup(cur, followup, new=True)
        return followup

    def followup(self, followup_id: str) -> FollowUp:
        with self._tx() as cur:
            return from_dict(FollowUp, self._followup_doc(cur, followup_id))

    def update_followup(self, followup_id: str, *, status: str | None = None,
                        due: date | None = None, owner: str | None = None,
                        text: str | None = None, comment: str = "",
                        meeting_id: int | None = None, internal: bool | None = None,
                        clear_due: bool = False) -> FollowUp:
        check_status(status)
        with self._tx() as cur:
            followup = from_dict(FollowUp, self._followup_doc(cur, followup_id, lock=True))
            change_followup(followup, self._now(), status=status, due=due, owner=owner,
                            text=text, comment=comment, meeting_id=meeting_id,
                            internal=internal, clear_due=clear_due)
            self._put_followup(cur, followup, new=False)
        return followup

    def delete_followup(self, followup_id: str) -> None:
        with self._tx() as cur:
            self._followup_doc(cur, followup_id, lock=True)
            cur.execute("DELETE FROM followups WHERE id = %s", (followup_id,))
            self._notify(cur, _number(followup_id)[0])

    def save_followup(self, followup: FollowUp) -> None:
        with self._tx() as cur:
            doc = self._followup_doc(cur, followup.id, lock=True)
            if doc["council_id"] != followup.council_id or doc["meeting_id"] != followup.meeting_id:
                raise MeetingToolError(
                    f"Opfølgningspunktet {followup.id} kan ikke flyttes til et andet råd eller "
                    "møde; opret et nyt i stedet.")
            self._put_followup(cur, followup, new=False)

    def followups(self, council_id: str | None = None, *, meeting_id: int | None = None,
                  open_only: bool = False, changed_in: int | None = None) -> list[FollowUp]:
        conditions: list[str] = []
        params: list[Any] = []
        if council_id is not None:
            conditions.append("council_id = %s")
            params.append(council_id)
        if meeting_id is not None:
            conditions.append("meeting_id = %s")
            params.append(int(meeting_id))
        if open_only:
            conditions.append(_OPEN)
        if changed_in is not None:
            conditions.append("doc -> 'history' @> %s")
            params.append(Jsonb([{"meeting_id": int(changed_in)}]))
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        with self._tx() as cur:
            if meeting_id is not None:
                self._meeting_doc(cur, meeting_id)
            cur.execute(f"SELECT doc FROM followups {where} ORDER BY meeting_id, number",
                        params)
            return [from_dict(FollowUp, row[0]) for row in cur.fetchall()]

    def open_followups(self, council_id: str) -> list[FollowUp]:
        return self.followups(council_id, open_only=True)
