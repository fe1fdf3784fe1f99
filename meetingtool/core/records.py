"""Ids and summary lines of stored records: the same rules on every store backend.

A council's id is made from its name (``slugify``); decisions, follow-ups, residents and
borgergennemgange have ids "HEAD-N" (``split_id``), trials and indicators "P3" and "I3"
(``prefixed_number``); a meeting is listed by its summary
line (``summary_of``).
"""

from __future__ import annotations

import re
import unicodedata

from meetingtool.core.errors import NotFoundError
from meetingtool.core.model import Meeting, MeetingSummary


def slugify(name: str) -> str:
    """An ASCII id from a Danish name: "Pårørenderåd" -> "paaroerenderaad"."""
    text = name.strip().lower()
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(danish, ascii_)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "raad"


def split_id(value: str, what: str) -> tuple[str, int]:
    """ "12-3" -> ("12", 3); ``NotFoundError`` naming ``what`` for anything else."""
    head, _, tail = str(value).rpartition("-")
    if not head or not tail.isdigit():
        raise NotFoundError(f"{what} '{value}' findes ikke (ugyldigt id).")
    return head, int(tail)


def prefixed_number(value: str, prefix: str, what: str) -> int:
    """ "P3" or "p3" with prefix "P" -> 3; ``NotFoundError`` naming ``what`` and an example
    id for anything else (trials are "P3", indicators "I3")."""
    text = str(value).strip().upper()
    if not text.startswith(prefix) or not text[len(prefix):].isdigit():
        raise NotFoundError(f"{what} '{value}' findes ikke (id som {prefix}3).")
    return int(text[len(prefix):])


def summary_of(meeting: Meeting) -> MeetingSummary:
    """The catalogue's line about ``meeting``."""
    return MeetingSummary(
        id=meeting.id, council_id=meeting.council_id, council_name=meeting.council_name,
        kind=meeting.kind, title=meeting.title, date=meeting.date, status=meeting.status,
        approved=meeting.approval is not None,
    )
