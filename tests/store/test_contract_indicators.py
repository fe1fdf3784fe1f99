"""Indicators on both backends: definitions per council or shared, values with their
denominators, corrections and removals kept."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from meetingtool.actions.indicators import define, find_indicator, record_value, take_proposal
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.indicators import correct_value, remove_value
from meetingtool.store import Store


def test_indicator_round_trip_with_values_and_history(store: Store, reopen) -> None:
    council = store.ensure_council("Plejecenter Solbakken", "aeldreraad")
    falls = take_proposal(store, council.id, "faldhændelser")
    assert falls.id == "I1" and falls.denominator == "pr. 1.000 plejedøgn"
    record_value(store, falls, date(2026, 1, 1), 4.5)
    record_value(store, falls, date(2026, 2, 1), 9.0, denominator="pr. 100 beboere")
    again = reopen().indicator("i1")
    assert [(v.day, v.value, v.denominator) for v in again.current()] == [
        (date(2026, 1, 1), 4.5, "pr. 1.000 plejedøgn"),
        (date(2026, 2, 1), 9.0, "pr. 100 beboere")]
    correct_value(again, 2, datetime(2026, 2, 3, 10, 0), value=3.0, comment="tastefejl")
    record_value(store, again, date(2026, 3, 1), 7.0)
    remove_value(again, 3, datetime(2026, 3, 2, 9, 0))
    store.save_indicator(again)
    stored = reopen().indicator("I1")
    assert [v.value for v in stored.current()] == [4.5, 3.0]
    assert len(stored.values) == 3 and stored.values[2].removed
    assert stored.values[1].history[0].old_value == 9.0
    assert stored.values[1].history[0].comment == "tastefejl"


def test_shared_and_council_indicators_are_listed_per_council(store: Store) -> None:
    one = store.ensure_council("Rådet A", "aeldreraad")
    two = store.ensure_council("Rådet B", "aeldreraad")
    shared = define(store, "", "Borgeroplevet selvbestemmelse", direction="op")
    own = define(store, one.id, "Tryksår", unit="beboere")
    define(store, two.id, "Tryksår")
    assert [i.id for i in store.indicators(one.id)] == [shared.id, own.id]
    assert [i.id for i in store.indicators(one.id, include_shared=False)] == [own.id]
    assert len(store.indicators()) == 3
    assert find_indicator(store, "TRYKSÅR", one.id).id == own.id
    with pytest.raises(MeetingToolError, match="Flere råd"):
        find_indicator(store, "tryksår")
    with pytest.raises(MeetingToolError, match="findes allerede"):
        define(store, one.id, "tryksår")


def test_unknown_indicator_and_council_are_refused(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.indicator("I42")
    with pytest.raises(NotFoundError):
        define(store, "ingen-saadan", "Fald")
    with pytest.raises(NotFoundError, match="Forslag"):
        take_proposal(store, "", "noget andet")


def test_store_copy_takes_indicators_onto_the_server_and_back(tmp_path, pg_url: str) -> None:
    from meetingtool.store import open_store
    from meetingtool.store.copy import copy_store

    folder = open_store(tmp_path / "a")
    council = folder.ensure_council("Rådet A", "aeldreraad")
    shared = define(folder, "", "Borgeroplevet selvbestemmelse", direction="op")
    own = take_proposal(folder, council.id, "Tryksår")
    record_value(folder, own, date(2026, 1, 1), 2.5)
    server = open_store(pg_url)
    copy_store(folder, server)
    assert [i.id for i in server.indicators()] == [shared.id, own.id]
    assert server.indicator(own.id).current()[0].value == 2.5
    assert define(server, council.id, "Ny").id == "I3"  # the counter came along
    snapshot = open_store(tmp_path / "b")
    copy_store(server, snapshot)
    assert [i.name for i in snapshot.indicators()] == [
        "Borgeroplevet selvbestemmelse", "Tryksår", "Ny"]
