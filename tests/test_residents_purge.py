"""``meetingtool residents purge``: the confirmation's counts, and backups taken before the
purge that no longer hold what it removed (a restore cannot bring it back)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from meetingtool.cli import main
from meetingtool.core.model import AgendaTemplate, TemplateItem
from meetingtool.store import open_store

TEMPLATE = AgendaTemplate(kind="triage", title="Tavlemøde",
                          items=[TemplateItem("Triage", 15, kind="triage")])
NOTE = "Faldet på badeværelset"
REVIEW = "Savner datteren"


@pytest.fixture
def store(data_dir):
    """Afdeling Ahorn: AB moved out in January with two rated rounds and a
    borgergennemgang, CD still lives there; a backup taken after all of it."""
    store = open_store(data_dir)
    team = store.ensure_council("Afdeling Ahorn", "triage")
    gone, living = store.add_resident(team.id, "AB", "1"), store.add_resident(team.id, "CD")
    for day in (1, 2):
        meeting = store.create_meeting(team.id, TEMPLATE, date(2025, 12, day))
        store.set_triage_entry(meeting.id, gone.id, colour="roed", change=NOTE,
                               action="Tilse om natten")
        store.set_triage_entry(meeting.id, living.id, colour="gul", change="Stabil")
    store.add_borgergennemgang(gone.id, 1, {"hvad_ved_vi": REVIEW})
    gone.active, gone.moved_out = False, date(2026, 1, 10)
    store.save_resident(gone)
    store.backup("Før oprydning")
    return store


def purge(capsys, monkeypatch, *argv: str, answer: str | None = None) -> tuple[int, str]:
    if answer is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(answer))
    status = main(["residents", "--council", "Afdeling Ahorn", "purge", *argv])
    out, err = capsys.readouterr()
    return status, out + err


def backup_bytes(store) -> bytes:
    folder = store.data_dir / "backups"
    return b"".join(path.read_bytes() for path in folder.rglob("*.json"))


def test_the_question_counts_residents_and_entries_and_no_changes_nothing(
        capsys, monkeypatch, store):
    status, out = purge(capsys, monkeypatch, "--moved-out-before", "1.2.2026", answer="n\n")
    assert status == 1 and "Intet slettet." in out
    assert ("Slet noter om 1 beboer i Afdeling Ahorn, fraflyttet før 1. februar 2026: "
            "2 triagenoter og 1 borgergennemgang?") in out
    assert open_store(store.data_dir).triage_entries(1)[0].change == NOTE
    status, out = purge(capsys, monkeypatch, "--moved-out-before", "1.1.2026", "--yes")
    assert status == 0 and "Ingen beboere i Afdeling Ahorn er fraflyttet før" in out


def test_purge_reaches_the_backups_so_a_restore_cannot_undo_it(capsys, monkeypatch, store):
    assert NOTE.encode() in backup_bytes(store) and REVIEW.encode() in backup_bytes(store)
    before = store.backups()[0].id
    status, out = purge(capsys, monkeypatch, "--moved-out-before", "2026-02-01", answer="j\n")
    assert status == 0, out
    assert "Slettet: 2 triagenoter og 1 borgergennemgang om 1 beboer." in out
    assert "fjernet fra 1 sikkerhedskopi." in out
    assert NOTE.encode() not in backup_bytes(store)
    assert REVIEW.encode() not in backup_bytes(store)

    store.restore(before)
    restored = open_store(store.data_dir)
    entries = restored.triage_entries(1)
    assert [(e.colour, e.change, e.action) for e in entries] == [
        ("roed", "", ""), ("gul", "Stabil", "")]
    assert restored.borgergennemgange("afdeling-ahorn-1") == []
    status, out = main(["residents", "--council", "Afdeling Ahorn", "history"]), \
        capsys.readouterr().out
    assert status == 0 and "│ 1   │ 1   │ 0    │ 2" in out
