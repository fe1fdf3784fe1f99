"""Small helpers the record layers share: ids, names, and decoding stored records."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, TypeVar

from meetingtool.core.codec import from_dict
from meetingtool.core.errors import NotFoundError
from meetingtool.core.model import Meeting, MeetingSummary
from meetingtool.store.errors import StoreDamagedError

T = TypeVar("T")


def slugify(name: str) -> str:
    """An ASCII id from a Danish name: "Pårørenderåd" -> "paaroerenderaad"."""
    text = name.strip().lower()
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(danish, ascii_)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "raad"


def split_id(value: str, what: str) -> tuple[str, int]:
    head, _, tail = str(value).rpartition("-")
    if not head or not tail.isdigit():
        raise NotFoundError(f"{what} '{value}' findes ikke (ugyldigt id).")
    return head, int(tail)






def decode(cls: type[T], doc: Any, path: Path, what: str = "") -> T:
    """A stored record as its model object; a record of the wrong shape (a text where a
    list belongs, a date that is not a date ...) is ``StoreDamagedError`` naming the file,
    never a ``TypeError`` from deep inside."""
    try:
        if not isinstance(doc, dict):
            raise TypeError(type(doc).__name__)
        return from_dict(cls, doc)
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError):
        raise StoreDamagedError(
            path, f"{what or 'indholdet'} har felter med forkert type eller værdi "
            "(gyldig JSON, men ikke noget meetingtool har skrevet)"
        ) from None


def summary_of(meeting: Meeting) -> MeetingSummary:
    """The catalogue's line about ``meeting``."""
    return MeetingSummary(
        id=meeting.id, council_id=meeting.council_id, council_name=meeting.council_name,
        kind=meeting.kind, title=meeting.title, date=meeting.date, status=meeting.status,
        approved=meeting.approval is not None,
    )


