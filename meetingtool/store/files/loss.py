"""What restoring a backup would lose: the meetings, decisions and follow-ups made or
changed since it was taken, so ``meetingtool restore ID`` can say so before it asks.

Only files that differ from the backup's copy are decoded (most of a long history is the
same in both), and they are read as plain JSON without the lock: this is a preview; the
restore itself takes the lock. A file that cannot be read is listed as such: a damaged
file is the usual reason to restore.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from meetingtool.core.dates import format_date
from meetingtool.core.vocab import FOLLOWUP_STATUSES
from meetingtool.store.errors import StoreDamagedError
from meetingtool.store.files import layout
from meetingtool.store.files.backup import find_backup, resolved_files
from meetingtool.store.files.storage import read_json


@dataclass
class RestoreLoss:
    """Lines for people, each naming one record (empty lists: nothing is lost)."""

    meetings: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    followups: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.meetings or self.decisions or self.followups or self.unreadable)


def _same(a: Path, b: Path | None) -> bool:
    if b is None:
        return not a.exists()
    try:
        first, second = a.stat(), b.stat()
        if (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino):
            return True
        return first.st_size == second.st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _tables(path: Path, loss: RestoreLoss, data: Path) -> dict[str, Any] | None:
    try:
        tables = read_json(path, must_exist=False)
    except StoreDamagedError:
        loss.unreadable.append(str(path.relative_to(data)))
        return None
    return tables if isinstance(tables, dict) else {}


def _short(text: Any, width: int = 60) -> str:
    words = " ".join(str(text or "").split())
    return words if len(words) <= width else words[: width - 1] + "…"


def restore_loss(data: Path, backup_id: str) -> RestoreLoss:
    """What is in ``data`` now and not in backup ``backup_id`` (see the module)."""
    files = resolved_files(data, find_backup(data, backup_id))
    loss = RestoreLoss()
    _meeting_losses(data, files, loss)
    _followup_losses(data, files, loss)
    return loss


def _names(folder: Path) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []


def _day(stored: Any) -> str:
    """A stored ISO date as the user reads it ("6. december 2026"); '?' when unreadable."""
    try:
        return format_date(date.fromisoformat(str(stored)))
    except ValueError:
        return "?"


def _meeting_losses(data: Path, files: dict[str, Path], loss: RestoreLoss) -> None:
    folder = data / layout.MEETINGS_DIR
    numbered = [(layout.meeting_id_of(Path(n)), n) for n in _names(folder)]
    for meeting_id, name in sorted((m, n) for m, n in numbered if m is not None):
        now_path = folder / name
        then_path = files.get(f"{layout.MEETINGS_DIR}/{name}")
        if _same(now_path, then_path) or not now_path.is_file():
            continue
        now = _tables(now_path, loss, data)
        if now is None:
            continue
        meeting = (now.get("meeting") or {}).get("1") or {}
        label = f"møde {meeting_id} ({_day(meeting.get('date'))}, {_short(meeting.get('title'))})"
        then = _tables(then_path, RestoreLoss(), data) if then_path is not None else None
        if then is None:
            loss.meetings.append(f"{label}: oprettet efter sikkerhedskopien")
            then = {}
        elif (then.get("meeting") or {}).get("1") != meeting:
            loss.meetings.append(f"{label}: ændret efter sikkerhedskopien (noter, fremmøde, "
                                 "tid eller status)")
        old = {d.get("id") for d in (then.get("decisions") or {}).values()
               if isinstance(d, dict)}
        for decision in (now.get("decisions") or {}).values():
            if isinstance(decision, dict) and decision.get("id") not in old:
                loss.decisions.append(f"{decision.get('id')}: {_short(decision.get('text'))}")


def _council_followups(paths: list[Path], loss: RestoreLoss,
                       data: Path) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in paths:
        tables = _tables(path, loss, data) or {}
        for table in ("open", "closed"):
            for doc in (tables.get(table) or {}).values():
                if isinstance(doc, dict) and "status" in doc:
                    found[str(doc.get("id"))] = doc
    return found


def _followup_losses(data: Path, files: dict[str, Path], loss: RestoreLoss) -> None:
    root = data / layout.FOLLOWUPS_DIR
    for council in _names(root):
        prefix = f"{layout.FOLLOWUPS_DIR}/{council}/"
        now_names = [n for n in _names(root / council)
                     if n.endswith(".json") and not n.startswith(".")]
        then_files = {r[len(prefix):]: p for r, p in files.items() if r.startswith(prefix)}
        names = set(now_names) | set(then_files)
        if all(_same(root / council / n, then_files.get(n)) for n in names):
            continue
        now = _council_followups([root / council / n for n in now_names], loss, data)
        then = _council_followups(list(then_files.values()), RestoreLoss(), data)
        for followup_id, doc in sorted(now.items()):
            before = then.get(followup_id)
            text = f"{followup_id}: {_short(doc.get('text'))}"
            if before is None:
                loss.followups.append(f"{text} (nyt)")
            elif before.get("status") != doc.get("status"):
                status = FOLLOWUP_STATUSES.get(str(doc.get("status")), doc.get("status"))
                loss.followups.append(f"{text} (status sat til {status})")
            elif before.get("_rev") != doc.get("_rev"):
                loss.followups.append(f"{text} (ændret)")
