"""Decoding stored records in the files backend, and the id rules it shares with the other
backend (``core.records``), importable from here for the record layers."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from meetingtool.core.codec import from_dict
from meetingtool.core.records import slugify, split_id, summary_of
from meetingtool.store.errors import StoreDamagedError

__all__ = ["decode", "slugify", "split_id", "summary_of"]

T = TypeVar("T")


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
