"""Search on both backends: the same hits for the same data, Danish folding and stemming,
filters, internal follow-ups hidden, and the index following changes."""

from __future__ import annotations

from datetime import date

from search_data import fill

from meetingtool.core.search import SearchQuery
from meetingtool.store import Store


def refs(hits) -> list[tuple[str, str]]:
    return [(h.doc.kind, h.doc.ref) for h in hits]


def test_danish_words_fold_and_stem_with_the_same_hits(store: Store) -> None:
    _, _, spring, _, other = fill(store)
    hits = store.search(SearchQuery("maaltid"))
    # newest first; compounds (aftensmåltid, måltidsbarometeret) are other words, and the
    # internal follow-up is hidden
    assert refs(hits) == [
        ("decision", f"{other.id}-1"), ("trial", "P1"),
        ("decision", f"{spring.id}-1"), ("note", f"{spring.id}:{spring.items[0].id}")]
    first = hits[0]
    assert first.doc.council_name == "Ældrerådet"
    assert first.doc.day == date(2026, 9, 1) and first.doc.item_title
    assert first.highlighted == "Rådet ønsker et fælles «måltid»."
    assert "«måltider»" in hits[-1].highlighted
    assert refs(store.search(SearchQuery("MÅLTIDERNE flyttes"))) == [
        ("decision", f"{spring.id}-1")]


def test_filters_and_internal(store: Store) -> None:
    _, b, _, autumn, other = fill(store)
    assert {h.doc.council_id for h in store.search(SearchQuery("måltid",
                                                               council_id=b.id))} == {b.id}
    dated = store.search(SearchQuery("måltid", date_from=date(2026, 9, 1),
                                     date_to=date(2026, 9, 30)))
    assert refs(dated) == [("decision", f"{other.id}-1")]
    assert refs(store.search(SearchQuery("måltid", kinds=("trial",)))) == [("trial", "P1")]
    hidden = store.search(SearchQuery("pauser"))
    assert hidden == []
    shown = store.search(SearchQuery("pauser", include_internal=True))
    assert refs(shown) == [("followup", f"{autumn.id}-2")] and shown[0].doc.internal


def test_index_follows_changes_and_other_terminals(store: Store, reopen) -> None:
    _, _, spring, _, other = fill(store)
    assert store.search(SearchQuery("kaffe")) == []
    elsewhere = reopen()
    decision = elsewhere.add_decision(spring.id, spring.items[0].id, "Kaffen serveres varm.")
    assert refs(store.search(SearchQuery("kaffen"))) == [("decision", decision.id)]
    elsewhere.update_decision(spring.id, decision.id, "Te i stedet.")
    assert store.search(SearchQuery("kaffe")) == []
    fu = elsewhere.add_followup(other.id, None, "Kaffeautomat undersøges.")
    elsewhere.update_followup(fu.id, status="udfoert", comment="klaret")
    assert refs(store.search(SearchQuery("kaffeautomat"))) == [("followup", fu.id)]
    assert refs(reopen().search(SearchQuery("kaffeautomat"))) == [("followup", fu.id)]


def test_a_first_search_reading_many_meetings_at_once_finds_the_same(store: Store,
                                                                      monkeypatch) -> None:
    """PostgreSQL reads many stale meetings in bulk (here: every one); same hits."""
    import meetingtool.store.postgres.search as pg_search

    monkeypatch.setattr(pg_search, "BULK_AFTER", 0)
    monkeypatch.setattr(pg_search, "BULK_CHUNK", 2)
    _, _, spring, autumn, other = fill(store)
    store.update_followup(store.followups(meeting_id=autumn.id)[0].id, status="udfoert")
    assert refs(store.search(SearchQuery("maaltid"))) == [
        ("decision", f"{other.id}-1"), ("trial", "P1"),
        ("decision", f"{spring.id}-1"), ("note", f"{spring.id}:{spring.items[0].id}")]
    assert refs(store.search(SearchQuery("måltidsbarometeret"))) == [
        ("followup", f"{autumn.id}-1")]
