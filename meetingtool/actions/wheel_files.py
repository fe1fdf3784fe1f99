"""The year wheels and courses kept in the data folder, and their ledgers.

``aarshjul plan`` keeps a copy of the plan it laid out (``aarshjul/<council id>.toml``) so
that ``aarshjul show``, the daily rule and the quarterly review find it without the file
being given again, and a *ledger* per council and year (``aarshjul/<council id>-2027.json``)
that remembers which meeting and which follow-up each slot and activity became. The ledger
is what makes a second run move instead of duplicate, and lets the plan touch only meetings
it made itself.

These files live in the store's ``data_dir`` (the data folder itself for the files backend;
this user's own folder for a server). The store API has no place for them yet; this module
is the one place that reads and writes them, so they can move into the store later.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from meetingtool.core.errors import MeetingToolError

FOLDER = "aarshjul"


def wheels_dir(data_dir: Path) -> Path:
    return data_dir / FOLDER


def kept_plan_path(data_dir: Path, council_id: str) -> Path:
    return wheels_dir(data_dir) / f"{_safe(council_id)}.toml"


def ledger_path(data_dir: Path, name: str, year: int | None = None) -> Path:
    suffix = f"-{year}" if year is not None else ""
    return wheels_dir(data_dir) / f"{_safe(name)}{suffix}.json"


def kept_plans(data_dir: Path) -> dict[str, Path]:
    """The kept wheels, by council id."""
    folder = wheels_dir(data_dir)
    if not folder.is_dir():
        return {}
    return {path.stem: path for path in sorted(folder.glob("*.toml"))}


def keep_plan(data_dir: Path, council_id: str, text: str) -> Path:
    path = kept_plan_path(data_dir, council_id)
    _write(path, text)
    return path


@dataclass
class Ledger:
    """What a plan made: meeting ids by slot key, follow-up ids by activity key, and the
    days a rule made a meeting on."""

    path: Path
    meetings: dict[str, int] = field(default_factory=dict)
    activities: dict[str, str] = field(default_factory=dict)
    days: dict[str, int] = field(default_factory=dict)

    def save(self) -> None:
        """Write the ledger; an empty one that was never written stays unwritten."""
        if not (self.meetings or self.activities or self.days or self.path.exists()):
            return
        _write(self.path, json.dumps(
            {"meetings": self.meetings, "activities": self.activities, "days": self.days},
            ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def read_ledger(path: Path) -> Ledger:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Ledger(path)
    except (OSError, ValueError) as error:
        raise MeetingToolError(
            f"Årshjulets oversigt {path} kan ikke læses ({error}). Flyt filen væk og kør "
            "planen igen: den opretter så de møder, der mangler.") from None
    return Ledger(path, {k: int(v) for k, v in data.get("meetings", {}).items()},
                  dict(data.get("activities", {})),
                  {k: int(v) for k, v in data.get("days", {}).items()})


def _safe(name: str) -> str:
    return re.sub(r"[^a-z0-9æøå_-]+", "-", name.casefold()).strip("-") or "plan"


def _write(path: Path, text: str) -> None:
    """Write whole or not at all: a crash leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
