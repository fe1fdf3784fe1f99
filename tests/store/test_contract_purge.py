"""Purging moved-out residents' details (``residents purge``) and changing a
borgergennemgang (``privacy scan --redact``), on every backend."""

from __future__ import annotations

from datetime import date

import pytest

from meetingtool.actions.purge import apply_purge, plan_purge
from meetingtool.core.errors import NotFoundError
from meetingtool.core.model import AgendaTemplate, TemplateItem
from meetingtool.core.triage import colour_counts
from meetingtool.store import Store

TEMPLATE = AgendaTemplate(kind="triage", title="Tavlemøde",
                          items=[TemplateItem("Triage", 15, kind="triage")])
ANSWERS = {"hvordan_gaar_det": "Træt om morgenen", "hvad_ved_vi": "Glad for haven"}


def board(store: Store):
    """A team with two rounds: AB moved out in January, CD in June, EF still lives there;
    every rating has notes, every resident a borgergennemgang."""
    team = store.ensure_council("Afdeling Ahorn", "triage")
    rounds = [store.create_meeting(team.id, TEMPLATE, date(2025, 12, day)) for day in (1, 2)]
    residents = [store.add_resident(team.id, initials, room)
                 for initials, room in (("AB", "1"), ("CD", "2"), ("EF", "3"))]
    for meeting in rounds:
        for resident, colour in zip(residents, ("roed", "gul", "groen")):
            store.set_triage_entry(meeting.id, resident.id, colour=colour,
                                   change=f"Faldet, {resident.initials}",
                                   action="Tilse om natten", owner="Sygeplejerske")
    for resident in residents:
        store.add_borgergennemgang(resident.id, rounds[0].id, ANSWERS)
    for resident, moved in zip(residents[:2], (date(2026, 1, 10), date(2026, 6, 1))):
        resident.active, resident.moved_out = False, moved
        store.save_resident(resident)
    return team, rounds, residents


def test_purge_empties_notes_of_those_moved_out_before_the_date_keeping_colours(
        store: Store, reopen):
    team, rounds, (gone, later, living) = board(store)
    counts = [colour_counts(store.triage_entries(m.id)) for m in rounds]
    plan = plan_purge(store, team.id, date(2026, 3, 1))
    assert [r.id for r in plan.residents] == [gone.id]
    assert (plan.entries, plan.reviews) == (2, 1)

    result = apply_purge(store, plan)
    assert (result.entries, result.reviews) == (2, 1)
    assert result.backups == (None if store.backend == "postgresql" else 0)

    fresh = reopen()
    assert [colour_counts(fresh.triage_entries(m.id)) for m in rounds] == counts
    for _, entry in fresh.resident_history(gone.id):
        assert (entry.colour, entry.change, entry.action, entry.owner) == ("roed", "", "", "")
    assert fresh.borgergennemgange(gone.id) == []
    for other in (later, living):  # moved out later, or still there: untouched
        assert [e.change for _, e in fresh.resident_history(other.id)] == [
            f"Faldet, {other.initials}"] * 2
        assert fresh.borgergennemgange(other.id)[0].answers == ANSWERS
    assert fresh.residents(team.id, include_inactive=True)[0].label == "AB, stue 1"
    again = plan_purge(fresh, team.id, date(2026, 3, 1))
    assert again.empty and [r.id for r in again.residents] == [gone.id]


def test_purge_refuses_an_unknown_resident_before_changing_anything(store: Store):
    team, _, (gone, _, _) = board(store)
    with pytest.raises(NotFoundError):
        store.purge_resident_details([gone.id, f"{team.id}-99"])
    assert store.borgergennemgange(gone.id)


def test_save_borgergennemgang_changes_the_answers(store: Store, reopen):
    _, _, (resident, _, _) = board(store)
    record = store.borgergennemgange(resident.id)[0]
    record.answers["hvad_ved_vi"] = "Glad for [CPR fjernet]"
    store.save_borgergennemgang(record)
    assert reopen().borgergennemgange(resident.id) == [record]
    record.id = f"{resident.id}-77"
    with pytest.raises(NotFoundError):
        store.save_borgergennemgang(record)
