"""Convert model dataclasses to JSON-ready dicts and back.

Dates, times and datetimes become ISO strings (``2026-11-22``, ``14:30``,
``2026-11-22T14:30:00``); nested dataclasses and lists of them are handled from the
type hints, so the store and the JSON exporter share one faithful encoding.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def to_dict(obj: Any) -> Any:
    """Turn a dataclass (or list/dict of them) into plain JSON-ready data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, datetime):
        return obj.isoformat(timespec="seconds")
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, time):
        return obj.strftime("%H:%M")
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, (list, tuple)):
        return [to_dict(value) for value in obj]
    if isinstance(obj, dict):
        return {key: to_dict(value) for key, value in obj.items()}
    return obj


_HINTS: dict[type[Any], dict[str, Any]] = {}
"""Each dataclass's resolved annotations (resolving them is slow; the classes never change)."""


def _hints(cls: type[Any]) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build ``cls`` from data made by ``to_dict``; unknown keys are ignored (newer data)."""
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _decode(hints[f.name], data[f.name])
    return cls(**kwargs)


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(options[0], value) if len(options) == 1 else value
    if origin is list:
        (inner,) = typing.get_args(hint)
        return [_decode(inner, v) for v in value]
    if origin is dict:
        _, inner = typing.get_args(hint)
        return {k: _decode(inner, v) for k, v in value.items()}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    if hint is datetime:
        return datetime.fromisoformat(value)
    if hint is date:
        return date.fromisoformat(value)
    if hint is time:
        return time.fromisoformat(value)
    if hint is Path:
        return Path(value)
    return value
