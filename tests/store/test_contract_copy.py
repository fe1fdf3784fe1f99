"""Moving data between stores (``store copy``) and what ``store info`` shows, on every
backend: a folder onto the server and the server into a folder, ids and history kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from meetingtool.cli import main
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import AgendaTemplate, Council, Member, TemplateItem
from meetingtool.store import Store, open_store
from meetingtool.store.copy import copy_store
from meetingtool.store.inventory import count_through_api, meeting_checksum

TEMPLATE = AgendaTemplate(kind="kvalitetsraad", title="Kvalitetsrådsmøde",
                          items=[TemplateItem("Status", 15), TemplateItem("Økonomi", 20)])


def fill(store: Store) -> dict[str, int]:
    """A small centre's history, with the gaps and histories a real one has."""
    council = store.ensure_council("Kvalitetsråd Ærø", "kvalitetsraad",
                                   [Member("Åse", "formand"), Member("Bo", "referent")])
    council.site = "Plejecenter Solbakken"
    store.save_council(council)
    team = store.ensure_council("Triageteam Solbakken", "triage")
    first = store.create_meeting(council.id, TEMPLATE, date(2026, 10, 1))
    second = store.create_meeting(council.id, TEMPLATE, date(2026, 11, 1))
    first.items[0].notes = "Æblegrød og økonomi"
    first.status = "afsluttet"
    store.save_meeting(first)
    store.add_decision(first.id, 1, "Vedtaget")
    gone = store.add_decision(first.id, 2, "Fejl")
    store.delete_decision(first.id, gone.id)
    store.add_decision(first.id, 2, "Ny beslutning")
    fu = store.add_followup(first.id, 1, "Ring til pårørende", owner="Bo",
                            due=date(2026, 10, 15), internal=True, resident="ÅØ")
    store.update_followup(fu.id, status="i_gang", comment="Rykket", meeting_id=second.id)
    store.add_followup(first.id, None, "Lukket", owner="Åse")
    round_ = store.create_meeting(team.id, TEMPLATE, date(2026, 11, 2))
    r1 = store.add_resident(team.id, "ÅØ", "12")
    r2 = store.add_resident(team.id, "", "14")
    r2.active = False
    store.save_resident(r2)
    store.set_triage_entry(round_.id, r2.id, colour="groen")
    store.set_triage_entry(round_.id, r1.id, colour="roed", action="Tilses")
    store.add_borgergennemgang(r1.id, round_.id, {"hvad_ser_vi": "Træthed"})
    return count_through_api(store)


def checksums(store: Store) -> dict[int, str]:
    return {s.id: meeting_checksum(store, s.id) for s in store.meetings()}


def test_a_folder_copied_onto_the_server_and_back_is_the_same(tmp_path: Path, pg_url: str):
    folder = open_store(tmp_path / "centre")
    counts = fill(folder)
    server = open_store(pg_url)
    report = copy_store(folder, server)
    assert report.counts == counts == server.counts() == folder.counts()
    assert report.meetings_verified == 3
    assert checksums(server) == checksums(folder)
    assert server.council("kvalitetsraad-aeroe").site == "Plejecenter Solbakken"
    snapshot = open_store(tmp_path / "snapshot")
    copy_store(server, snapshot)
    assert checksums(snapshot) == checksums(folder)
    assert snapshot.counts() == counts
    # ids go on after the copied ones, never reusing one
    for store in (server, snapshot):
        assert store.add_decision(1, 1, "Efter kopien").id == "1-4"
        assert store.add_followup(1, 1, "Efter kopien").id == "1-3"
        team = store.find_council("Triageteam Solbakken")
        assert store.add_resident(team.id, "XY").id == f"{team.id}-3"
        assert store.create_meeting(team.id, TEMPLATE, date(2026, 12, 1)).id == 4
    server.close()


def test_a_store_that_is_not_empty_is_refused(store: Store, tmp_path: Path):
    source = open_store(tmp_path / "kilde")
    fill(source)
    store.ensure_council("Allerede her", "kvalitetsraad")
    with pytest.raises(MeetingToolError, match="ikke tomt"):
        copy_store(source, store)
    assert [c.name for c in store.councils()] == ["Allerede her"]


def test_info_shows_backend_location_version_and_counts(store: Store, capsys):
    fill(store)
    assert main(["store", "info", str(store.location)]) == 0
    out = capsys.readouterr().out
    assert "PostgreSQL" in out if store.backend == "postgresql" else "datamappe" in out
    assert f"Placering:    {store.location}" in out
    assert f"Skemaversion: {store.schema_version}" in out
    assert "beslutninger" in out and "        2\n" in out  # two decisions left
    assert store.counts()["decisions"] == 2


def test_cli_copies_a_folder_onto_the_server_and_refuses_a_used_folder(
        tmp_path: Path, pg_url: str, capsys):
    source = tmp_path / "centre"
    fill(open_store(source))
    assert main(["store", "copy", str(source), pg_url]) == 0
    out = capsys.readouterr().out
    assert "Kontrolleret" in out and "3 møder" in out
    used = tmp_path / "brugt"
    used.mkdir()
    (used / "noget.txt").write_text("x", encoding="utf-8")
    assert main(["store", "copy", pg_url, str(used)]) == 2
    assert "ikke en tom mappe" in capsys.readouterr().err
    assert main(["store", "copy", pg_url, str(tmp_path / "ny")]) == 0
    assert open_store(tmp_path / "ny").counts() == open_store(source).counts()


def test_council_site_defaults_to_empty_for_data_stored_before_it(store: Store):
    council = store.ensure_council("Bruger- og pårørenderåd", "bruger_paaroerende")
    assert council.site == ""
    assert Council(id="x", name="X", kind="kvalitetsraad").site == ""
