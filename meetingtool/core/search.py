"""Finding any past decision, follow-up, note or trial: Danish-aware words and ranking.

A word is lower-cased, stemmed with the Snowball Danish stemmer ("måltider" -> "måltid")
and then folded (æ -> ae, ø -> oe, å -> aa), so "maaltider", "Måltid" and "måltiderne" are
one term. Both backends fold and stem here, in Python, so they find the same hits.

``SearchIndex`` holds the documents in *units* (a meeting's notes and decisions, a
council's open follow-ups, ...), each with the version of the data it was made from; the
backend says which units exist and their versions, and only those whose version changed are
read again. Pure: no I/O.
"""

from __future__ import annotations

import gc
import heapq
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

FREEZE_AFTER = 1000
KINDS = ("decision", "followup", "note", "trial")
KIND_LABELS = {"decision": "Beslutning", "followup": "Opfølgning", "note": "Referat",
               "trial": "Prøvehandling"}

_WORD = re.compile(r"\w+", re.UNICODE)
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "é": "e"})
_UNFOLD = (("aa", "å"), ("ae", "æ"), ("oe", "ø"))


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("danish")


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """One word as a search term: lower-cased, stemmed, folded."""
    lower = word.casefold()
    stem: str = _stemmer().stemWord(lower)
    folded = stem.translate(_FOLD)
    if folded == stem and any(pair in lower for pair, _ in _UNFOLD):
        # typed without æøå ("maaltider"): stem it as the Danish letters too
        danish = lower
        for plain, letter in _UNFOLD:
            danish = danish.replace(plain, letter)
        again: str = _stemmer().stemWord(danish)
        return again.translate(_FOLD)
    return folded


def terms(text: str) -> list[str]:
    """The search terms of a text, in order."""
    return [term(w) for w in _WORD.findall(text)]


def highlight(text: str, wanted: set[str], before: str = "«", after: str = "»") -> str:
    """``text`` with every word whose term is wanted marked."""
    return _WORD.sub(lambda m: f"{before}{m.group(0)}{after}" if term(m.group(0)) in wanted
                     else m.group(0), text)


@dataclass
class SearchDoc:
    """One searchable text: a decision, follow-up, an item's notes, or a trial."""

    kind: str
    ref: str
    council_id: str
    council_name: str
    day: date
    meeting_id: int | None
    item_id: int | None
    item_title: str
    text: str
    internal: bool = False


@dataclass
class SearchHit:
    doc: SearchDoc
    score: int
    highlighted: str


@dataclass
class SearchQuery:
    words: str
    council_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kinds: tuple[str, ...] = KINDS
    include_internal: bool = False
    limit: int | None = 50


@dataclass
class _Unit:
    version: Hashable
    docs: list[SearchDoc]
    counts: list[dict[str, int]] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    """The documents' numbers in the index (``SearchIndex.docs``), in order."""


class SearchIndex:
    """Documents by unit, with an inverted index of terms kept up to date unit by unit.

    Each document has a number; the postings are sets of numbers, and the document and its
    term counts are found by list index. (Sets of (unit, position) pairs cost a tuple hash
    and two dict look-ups per candidate: a broad search at 100.000 records has ten
    thousand candidates.)"""

    def __init__(self) -> None:
        self.units: dict[Hashable, _Unit] = {}
        self.docs: list[tuple[SearchDoc, dict[str, int]] | None] = []
        self._free: list[int] = []
        self._postings: dict[str, set[int]] | None = None

    def refresh(self, versions: dict[Hashable, Hashable],
                read: Callable[[Hashable], list[SearchDoc]]) -> int:
        """Bring the index up to ``versions``: units gone are dropped, new or changed ones
        read with ``read(unit)``. How many units were read."""
        for key in [k for k in self.units if k not in versions]:
            self._drop(key)
        read_count = 0
        for key, version in versions.items():
            unit = self.units.get(key)
            if unit is None or unit.version != version:
                docs = read(key)
                self.put(key, version, docs)
                read_count += 1
        if read_count >= FREEZE_AFTER:
            # a large index is long-lived: keep the collector from walking it on every
            # later collection (a pause of 0.3 s per search at 100.000 records otherwise)
            gc.collect()
            gc.freeze()
        return read_count

    def put(self, key: Hashable, version: Hashable, docs: list[SearchDoc],
            counts: list[dict[str, int]] | None = None) -> None:
        """A unit as read (or as it was saved, with its term counts, so they are not
        stemmed again)."""
        if counts is None or len(counts) != len(docs):
            counts = [_count(d.text) for d in docs]
        if key in self.units:
            self._drop(key)
        ids = []
        for doc, words in zip(docs, counts):
            number = self._free.pop() if self._free else len(self.docs)
            if number == len(self.docs):
                self.docs.append(None)
            self.docs[number] = (doc, words)
            ids.append(number)
            if self._postings is not None:
                for word in words:
                    self._postings.setdefault(word, set()).add(number)
        self.units[key] = _Unit(version, docs, counts, ids)

    def _drop(self, key: Hashable) -> None:
        unit = self.units.pop(key)
        for number, words in zip(unit.ids, unit.counts):
            self.docs[number] = None
            self._free.append(number)
            if self._postings is not None:
                for word in words:
                    self._postings.get(word, set()).discard(number)

    def postings(self) -> dict[str, set[int]]:
        if self._postings is None:
            postings: dict[str, set[int]] = {}
            for number, entry in enumerate(self.docs):
                if entry is not None:
                    for word in entry[1]:
                        postings.setdefault(word, set()).add(number)
            self._postings = postings
        return self._postings

    def search(self, query: SearchQuery) -> list[SearchHit]:
        return rank(query, self._candidates(query))

    def _candidates(self, query: SearchQuery) -> Iterable[tuple[SearchDoc, dict[str, int]]]:
        wanted = list(dict.fromkeys(terms(query.words)))
        if not wanted:
            return []
        postings = self.postings()
        sets = sorted((postings.get(w, set()) for w in wanted), key=len)
        found = sets[0].intersection(*sets[1:])
        docs = self.docs
        return [docs[n] for n in found]  # type: ignore[misc]


def _count(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for word in terms(text):
        counts[word] = counts.get(word, 0) + 1
    return counts


def rank(query: SearchQuery,
         candidates: Iterable[tuple[SearchDoc, dict[str, int]]]) -> list[SearchHit]:
    """Filter and order candidates (each holds every wanted term: the postings' answer):
    newest meeting first, then the most matching words, then kind and reference (so every
    backend orders the same hits the same way).

    With a limit, only the candidates from the newest days can be listed: those older
    than the limit-th newest are left before scoring and sorting (most of a broad search's
    candidates)."""
    wanted = set(terms(query.words))
    kept = list(candidates)
    council, start, end = query.council_id, query.date_from, query.date_to
    if council or start or end or not set(KINDS) <= set(query.kinds):
        kinds = set(query.kinds)
        kept = [(doc, counts) for doc, counts in kept
                if (not council or doc.council_id == council)
                and (not start or doc.day >= start) and (not end or doc.day <= end)
                and doc.kind in kinds]
    if not query.include_internal:
        kept = [entry for entry in kept if not entry[0].internal]
    if query.limit and len(kept) > query.limit:
        cutoff = heapq.nlargest(query.limit, kept, key=lambda entry: entry[0].day)[-1][0].day
        kept = [entry for entry in kept if entry[0].day >= cutoff]
    hits = [(doc, sum(counts[w] for w in wanted)) for doc, counts in kept]
    hits.sort(key=lambda h: (-h[0].day.toordinal(), -h[1], h[0].kind, h[0].ref))
    if query.limit:
        hits = hits[:query.limit]
    # marked only for the hits shown (marking is the costly part of a broad search)
    return [SearchHit(doc, score, highlight(doc.text, wanted)) for doc, score in hits]


def meeting_docs(meeting, decisions, followups=()) -> list[SearchDoc]:  # type: ignore[no-untyped-def]
    """A meeting's searchable texts: its items' notes, its decisions (and the follow-ups
    given, e.g. its closed ones)."""
    titles = {item.id: item.title for item in meeting.items}
    docs = [SearchDoc("note", f"{meeting.id}:{item.id}", meeting.council_id,
                      meeting.council_name, meeting.date, meeting.id, item.id, item.title,
                      item.notes) for item in meeting.items if item.notes.strip()]
    docs += [SearchDoc("decision", d.id, meeting.council_id, meeting.council_name,
                       meeting.date, meeting.id, d.item_id, titles.get(d.item_id, ""), d.text)
             for d in decisions]
    docs += followup_docs(followups, {meeting.id: (meeting.date, titles)},
                          meeting.council_name)
    return docs


def followup_docs(followups, meetings: dict[int, tuple[date, dict[int, str]]],  # type: ignore[no-untyped-def]
                  council_name: str) -> list[SearchDoc]:
    docs = []
    for f in followups:
        day, titles = meetings.get(f.meeting_id, (f.created.date(), {}))
        docs.append(SearchDoc("followup", f.id, f.council_id, council_name, day,
                              f.meeting_id, f.item_id, titles.get(f.item_id or 0, ""),
                              f.text, internal=f.internal))
    return docs


def trial_docs(trials, names: dict[str, str]) -> list[SearchDoc]:  # type: ignore[no-untyped-def]
    docs = []
    for t in trials:
        parts = [t.title, t.problem, t.hypothesis, t.measure, t.recommendation_text]
        parts += [step.comment for step in t.history]
        text = " · ".join(dict.fromkeys(p for p in parts if p.strip()))
        docs.append(SearchDoc("trial", t.id, t.council_id, names.get(t.council_id, ""),
                              t.created.date(), t.meeting_id, None, "", text))
    return docs
