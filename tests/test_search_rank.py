"""The search index's ranking (core.search), pure: a limit only cuts the full order."""

from __future__ import annotations

import random
from datetime import date, timedelta

from meetingtool.core.search import SearchDoc, SearchIndex, SearchQuery


def index_of(count: int, seed: int = 3) -> SearchIndex:
    rng = random.Random(seed)
    index = SearchIndex()
    for unit in range(count // 5):
        day = date(2026, 1, 1) + timedelta(days=rng.randrange(40))  # many docs per day
        docs = [SearchDoc(rng.choice(("decision", "note", "followup")), f"{unit}-{n}",
                          "raad", "Rådet", day, unit, 1, "Punkt",
                          " ".join(rng.choice(("måltid", "måltider", "kaffe", "frokost"))
                                   for _ in range(rng.randrange(1, 5))),
                          internal=rng.random() < 0.1)
                for n in range(5)]
        index.put(("meeting", unit), 1, docs)
    return index


def keys(hits) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    return [(h.doc.kind, h.doc.ref, h.score) for h in hits]


def test_a_limit_gives_the_first_hits_of_the_full_order() -> None:
    index = index_of(600)
    for words in ("måltid", "kaffe frokost", "maaltider"):
        full = index.search(SearchQuery(words, limit=None))
        assert len(full) > 60
        assert keys(index.search(SearchQuery(words, limit=25))) == keys(full[:25])
        assert all(not h.doc.internal for h in full)
        days = [h.doc.day for h in full]
        assert days == sorted(days, reverse=True)


def test_a_unit_read_again_replaces_its_documents_and_numbers_are_reused() -> None:
    index = index_of(50)
    before = len(index.docs)
    index.put(("meeting", 0), 2, [SearchDoc("note", "0:1", "raad", "Rådet",
                                            date(2027, 1, 1), 0, 1, "Punkt", "Ny kaffe")])
    assert keys(index.search(SearchQuery("kaffe", limit=1))) == [("note", "0:1", 1)]
    assert len(index.docs) == before  # the freed numbers were used again
    index.refresh({("meeting", 0): 2}, lambda key: [])  # every other unit is gone
    assert [h.doc.ref for h in index.search(SearchQuery("kaffe"))] == ["0:1"]
