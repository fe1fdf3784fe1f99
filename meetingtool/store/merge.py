"""Merging a save with what another terminal saved meanwhile (three-way, on JSON data).

The chair's and the secretary's terminals each hold their own copy of a meeting. A save
starts from what is on disk ("theirs"), the copy as it was read ("base") and the copy now
("mine"), and keeps what either side changed. Pure functions on plain data: no TinyDB.

- Dicts merge key by key.
- Lists of records merge record by record, keyed by ``id`` (agenda items) or by ``name``
  (the attendance list): a record changed on one side keeps that change, records added on
  either side are kept, records removed on either side go. The order is mine when I
  reordered, else theirs (so a reordering made in the other terminal survives my save).
- Notes (``TEXT_FIELDS``) changed on both sides are merged line by line
  (``merge_text``): both people's words stay, each once.
- Anything else changed on both sides: mine wins.
"""

from __future__ import annotations

import weakref
from difflib import SequenceMatcher
from typing import Any

__all__ = ["TEXT_FIELDS", "MergeBases", "merge_docs", "merge_text"]

TEXT_FIELDS = frozenset({"notes"})
"""Free text two people may type into at once (the chair's and the secretary's terminal)."""

RECORD_KEYS = ("id", "name")
"""What names a record in a list: agenda items have an ``id``, attendees a ``name``."""


Change = tuple[int, int, list[str]]
"""(start, end, lines): lines ``start``..``end`` of the base replaced (start == end: inserted)."""


def merge_docs(base: Any, mine: Any, theirs: Any, field: str | None = None) -> Any:
    """Three-way merge of JSON data: keep what either side changed since ``base``."""
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    if field in TEXT_FIELDS and isinstance(mine, str) and isinstance(theirs, str):
        return merge_text(base if isinstance(base, str) else "", mine, theirs)
    if isinstance(base, dict) and isinstance(mine, dict) and isinstance(theirs, dict):
        keys = list(mine) + [k for k in theirs if k not in mine]
        merged = {}
        for key in keys:
            value = merge_docs(base.get(key), mine.get(key), theirs.get(key), key)
            if key in mine or key in theirs and key not in base:
                merged[key] = value
        return merged
    key = next((k for k in RECORD_KEYS if all(_is_record_list(v, k) for v in (base, mine, theirs))),
               None)
    if key is not None:
        return _merge_records(base, mine, theirs, key)
    return mine


def _merge_records(base: list[dict[str, Any]], mine: list[dict[str, Any]],
                   theirs: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    base_by, mine_by, theirs_by = ({d[key]: d for d in v} for v in (base, mine, theirs))
    reordered_here = [d[key] for d in mine if d[key] in base_by] != [
        d[key] for d in base if d[key] in mine_by
    ]
    leading, trailing = (mine, theirs) if reordered_here else (theirs, mine)
    merged = []
    for record in leading:
        name = record[key]
        if name in mine_by and name in theirs_by:
            merged.append(merge_docs(base_by.get(name), mine_by[name], theirs_by[name]))
        elif name not in base_by:
            merged.append(record)  # added on this side
        elif record != base_by[name]:
            merged.append(record)  # changed on this side while removed on the other
    placed = {record[key] for record in merged}
    for record in trailing:
        name = record[key]
        if name not in placed and name not in base_by:
            merged.append(record)  # added on the other side
    return merged


def merge_text(base: str, mine: str, theirs: str) -> str:
    """Both sides changed a text since ``base``: merged line by line, nothing lost.

    Lines each side inserted, changed or removed are applied where they were; where both
    changed the same lines differently, the other side's lines come first and mine after.
    """
    ends_open = not mine.endswith("\n")
    base_lines, mine_lines, theirs_lines = (_lines(text) for text in (base, mine, theirs))
    ours, others = _changes(base_lines, mine_lines), _changes(base_lines, theirs_lines)
    out: list[str] = []
    position = 0
    while ours or others:
        first = min(
            (change for change in (ours[:1] + others[:1])),
            key=lambda c: (c[0], c[1] > c[0]),  # an insertion before a change at one place
        )
        start, end = first[0], first[1]
        group_ours: list[Change] = []
        group_others: list[Change] = []
        while True:  # every change of either side that touches the region joins it
            grown = False
            for pending, group in ((ours, group_ours), (others, group_others)):
                while pending and _touches(pending[0], start, end, first):
                    change = pending.pop(0)
                    group.append(change)
                    start, end = min(start, change[0]), max(end, change[1])
                    grown = True
            if not grown:
                break
        out += base_lines[position:start]
        mine_part = _apply(base_lines, start, end, group_ours)
        theirs_part = _apply(base_lines, start, end, group_others)
        if not group_ours:
            out += theirs_part
        elif not group_others or mine_part == theirs_part:
            out += mine_part
        else:
            out += theirs_part + mine_part
        position = end
    out += base_lines[position:]
    text = "".join(out)
    return text[:-1] if ends_open and text.endswith("\n") else text


def _lines(text: str) -> list[str]:
    """Lines with their line ends; the last one gets one, so an added line is an insert."""
    if text and not text.endswith("\n"):
        text += "\n"
    return text.splitlines(keepends=True)


def _changes(old: list[str], new: list[str]) -> list[Change]:
    """(start, end, lines) in ``old`` that ``new`` replaced (an insertion has start == end)."""
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    return [(i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"]


def _touches(change: Change, start: int, end: int, first: Change) -> bool:
    """Whether ``change`` overlaps the region [start, end) (two insertions at one place
    count; an insertion at a region's edge does not)."""
    if change is first:
        return True
    c_start, c_end = change[0], change[1]
    if c_start == c_end and start == end:
        return c_start == start
    if c_start == c_end:
        return start < c_start < end
    if start == end:
        return c_start < start < c_end
    return c_start < end and start < c_end


def _apply(base: list[str], start: int, end: int, changes: list[Change]) -> list[str]:
    """Base lines [start, end) with one side's ``changes`` (all inside the region) applied."""
    out, position = [], start
    for c_start, c_end, lines in changes:
        out += base[position:c_start] + lines
        position = c_end
    return out + base[position:end]


def _is_record_list(value: Any, key: str) -> bool:
    if not isinstance(value, list) or not all(isinstance(v, dict) and key in v for v in value):
        return False
    return len({v[key] for v in value}) == len(value)


class MergeBases:
    """What each meeting object was last read or saved as: the base of its next merge.

    Kept by the store, per object (a second copy read by another screen has its own base
    and never moves the first one's), and never as an attribute on the caller's object.
    Entries go when their meeting object is garbage collected. ``forget_all`` (after a
    restore) makes every earlier object base-less, so its next save is taken whole.
    """

    def __init__(self) -> None:
        self._bases: dict[int, tuple[weakref.ref[Any], int, dict[str, Any]]] = {}
        self._generation = 0

    def remember(self, meeting: Any, doc: dict[str, Any]) -> None:
        key = id(meeting)

        def gone(ref: weakref.ref[Any], key: int = key) -> None:
            entry = self._bases.get(key)
            if entry is not None and entry[0] is ref:
                del self._bases[key]

        self._bases[key] = (weakref.ref(meeting, gone), self._generation, doc)

    def base_of(self, meeting: Any) -> dict[str, Any] | None:
        entry = self._bases.get(id(meeting))
        if entry is None or entry[0]() is not meeting or entry[1] != self._generation:
            return None
        return entry[2]

    def pull_notes(self, meeting: Any, item_id: int, notes: str) -> None:
        """An item's notes read anew from the store, into ``meeting``'s base too: its next
        save then merges only what is typed after this."""
        base = self.base_of(meeting)
        if base is not None:
            for item in base.get("items", []):
                if item.get("id") == item_id:
                    item["notes"] = notes

    def forget_all(self) -> None:
        self._generation += 1
