"""``meetingtool export`` end to end with a real store: paths, formats, CPR, never overwriting."""

from __future__ import annotations

import json
from datetime import date

import pytest
from docx import Document
from test_cli_meetings import KILDEHAVEN, build

from meetingtool.cli import main
from meetingtool.export import export_minutes

CPR = "010203-1234"


def snapshot(data_dir):
    return {
        path.relative_to(data_dir): path.read_bytes()
        for path in data_dir.rglob("*")
        if path.is_file() and path.name != ".lock"
    }


def test_default_path_and_collisions(data_dir, tmp_path, monkeypatch, capsys):
    recorded = build(data_dir)
    monkeypatch.chdir(tmp_path)
    expected = tmp_path / "exports" / f"2026-11-22 Referat {KILDEHAVEN}.docx"
    for suffix in ("", " (2)", " (3)"):
        assert main(["export", str(recorded["second"])]) == 0
        printed = capsys.readouterr().out.strip()
        assert printed == str(expected.with_name(expected.stem + suffix + ".docx"))
    first_bytes = expected.read_bytes()
    assert Document(str(expected)).paragraphs[0].text == "Referat"
    assert expected.read_bytes() == first_bytes  # the first file was never overwritten


def test_out_file_and_folder(data_dir, tmp_path, capsys):
    recorded = build(data_dir)
    target = tmp_path / "ud" / "referat.md"
    assert main(["export", str(recorded["second"]), "--format", "md", "--out", str(target)]) == 0
    assert capsys.readouterr().out.strip() == str(target)
    assert target.read_text(encoding="utf-8").startswith(f"# Referat: {KILDEHAVEN}")
    folder = tmp_path / "mappe"
    folder.mkdir()
    assert main(["export", str(recorded["second"]), "--format", "json", "--out",
                 str(folder)]) == 0
    written = folder / f"2026-11-22 Referat {KILDEHAVEN}.json"
    assert capsys.readouterr().out.strip() == str(written)
    assert json.loads(written.read_text(encoding="utf-8"))["date"] == "2026-11-22"


def test_json_export_matches_show(data_dir, tmp_path, capsys):
    recorded = build(data_dir)
    out = tmp_path / "referat.json"
    main(["export", str(recorded["second"]), "--format", "json", "--include-internal",
          "--out", str(out)])
    capsys.readouterr()
    main(["show", str(recorded["second"]), "--format", "json"])
    assert json.loads(capsys.readouterr().out) == json.loads(out.read_text(encoding="utf-8"))


def test_json_export_leaves_internal_out_by_default(data_dir, tmp_path, capsys):
    recorded = build(data_dir)
    out = tmp_path / "referat.json"
    main(["export", str(recorded["second"]), "--format", "json", "--out", str(out)])
    assert "Enkeltsag om kost" not in out.read_text(encoding="utf-8")


def test_cpr_refused_with_places_then_redacted_or_allowed(data_dir, tmp_path, capsys):
    recorded = build(data_dir)
    store = recorded["store"]
    meeting = store.meeting(recorded["second"])
    tema = next(item for item in meeting.items if item.kind == "tema")
    store.add_decision(meeting.id, tema.id, f"Borger med cpr {CPR} får ny seng.")
    meeting.items[0].notes = "Ring 12 34 56 78 den 2026-12-01 kl. 14.30"  # no CPR here
    store.save_meeting(meeting)
    before = snapshot(data_dir)

    out = tmp_path / "referat.docx"
    assert main(["export", str(meeting.id), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    number = meeting.item_number(tema.id)
    assert f'punkt {number} "Tema: oplæg", beslutning 2' in err
    assert "punkt 1" not in err
    assert CPR not in err
    assert not out.exists()

    assert main(["export", str(meeting.id), "--out", str(out), "--redact"]) == 0
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Borger med cpr [CPR fjernet] får ny seng." in text
    assert CPR not in text
    assert "Ring 12 34 56 78 den 2026-12-01 kl. 14.30" in text

    allowed = tmp_path / "med-cpr.md"
    assert main(["export", str(meeting.id), "--format", "md", "--allow-cpr", "--out",
                 str(allowed)]) == 0
    assert CPR in allowed.read_text(encoding="utf-8")
    assert snapshot(data_dir) == before  # exporting never changed the store


def test_cpr_in_internal_followup_only_matters_when_included(data_dir, tmp_path, capsys):
    recorded = build(data_dir)
    store = recorded["store"]
    meeting = store.meeting(recorded["second"])
    store.add_followup(meeting.id, meeting.items[0].id, f"Tal med pårørende til {CPR}",
                       internal=True)
    assert main(["export", str(meeting.id), "--out", str(tmp_path / "a.docx")]) == 0
    capsys.readouterr()
    assert main(["export", str(meeting.id), "--include-internal", "--out",
                 str(tmp_path / "b.docx")]) == 2
    assert "opfølgningspunkt" in capsys.readouterr().err


def test_template_warning_printed(data_dir, tmp_path, capsys):
    from test_export_docx import make_template

    recorded = build(data_dir)
    template = make_template(tmp_path / "hus.docx", drop_styles=("List Bullet",))
    out = tmp_path / "referat.docx"
    assert main(["export", str(recorded["second"]), "--template", str(template), "--out",
                 str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(out)
    assert 'Advarsel: Skabelonen mangler typografien "List Bullet"' in captured.err
    document = Document(str(out))
    assert document.sections[0].header.paragraphs[0].text == "Viborg Kommune – Sundhed og Omsorg"


def test_template_only_for_docx(data_dir, tmp_path, capsys):
    recorded = build(data_dir)
    assert main(["export", str(recorded["second"]), "--format", "md", "--template",
                 str(tmp_path / "x.docx")]) == 2
    assert "--template kan kun bruges med --format docx" in capsys.readouterr().err


def test_no_times_and_unknown_meeting(data_dir, tmp_path, capsys):
    recorded = build(data_dir)
    out = tmp_path / "r.md"
    assert main(["export", str(recorded["second"]), "--format", "md", "--no-times",
                 "--out", str(out)]) == 0
    assert "Planlagt" not in out.read_text(encoding="utf-8")
    assert main(["export", "77"]) == 2
    assert "Møde 77 findes ikke" in capsys.readouterr().err


def test_export_minutes_api_for_the_tui(data_dir, tmp_path):
    recorded = build(data_dir)
    warnings: list[str] = []
    path = export_minutes(recorded["store"], recorded["second"], "docx", out=tmp_path,
                          warnings=warnings)
    assert path.parent == tmp_path and path.suffix == ".docx" and warnings == []
    document = Document(str(path))
    cell_texts = [p.text for t in document.tables for row in t.rows for c in row.cells
                  for p in c.paragraphs]
    assert "Kort fortalt" in cell_texts
    assert document.core_properties.created.date() == date.today()


def test_review_table_stands_under_the_review_item(data_dir, tmp_path):
    from test_export_docx import blocks, headings, table_after

    recorded = build(data_dir)
    path = export_minutes(recorded["store"], recorded["second"], out=tmp_path / "r.docx")
    document = Document(str(path))
    meeting = recorded["store"].meeting(recorded["second"])
    review = next(item for item in meeting.items if item.kind == "opfoelgning")
    heading = f"{meeting.item_number(review.id)}. Opfølgning fra tidligere møder"
    assert heading in headings(document, 2)
    assert "Opfølgning fra tidligere møder" not in headings(document, 1)
    assert table_after(document, heading)[1:] == [
        ["Ny aktivitetskalender", "Åse", "03.09.2026", "Udført: Hængt op"],
        ["Havebænke males", "Pedel", "03.09.2026", "Ny frist 15. januar 2027"],
    ]
    # placeholder names from the template are not followed by the same word as role
    found = blocks(document)
    assert ("List Bullet", "Formand") in found
    assert ("List Bullet", "Repræsentant fra Ældrerådet") in found
    assert "Formand (Formand)" not in [text for _, text in found]


@pytest.mark.parametrize(
    "name",
    ["bruger-og-paaroerenderaad", "kvalitetsraad", "kvalitetsudvalg", "triage",
     "tvaergaaende-kvalitetsraad"],
)
def test_finished_meeting_from_each_shipped_template(name, data_dir, tmp_path):
    from datetime import datetime

    from test_export_docx import headings

    from meetingtool.actions.meetings import start_meeting
    from meetingtool.core.agenda import load_agenda
    from meetingtool.core.locations import shipped_agendas_dir
    from meetingtool.store import open_store

    store = open_store(data_dir, now=lambda: datetime(2026, 11, 22, 14, 0))
    template = load_agenda(shipped_agendas_dir() / f"{name}.toml")
    council = store.ensure_council(f"{template.title} Kildehaven", template.kind, template.members)
    meeting = start_meeting(store, council.id, template, date(2026, 11, 22))
    for item in meeting.items:
        item.notes = f"Noter til {item.title}: æøå ÆØÅ."
        item.used_seconds = item.planned_minutes * 60
    meeting.started_at = datetime(2026, 11, 22, 14, 0)
    meeting.ended_at = datetime(2026, 11, 22, 15, 42)
    meeting.status = "afsluttet"
    store.save_meeting(meeting)
    for item in meeting.items:
        store.add_decision(meeting.id, item.id, f"Beslutning om {item.title}.")
        store.add_followup(meeting.id, item.id, f"Opfølgning på {item.title}", owner="Åse",
                           due=date(2026, 12, 1))

    path = export_minutes(store, meeting.id, out=tmp_path)
    document = Document(str(path))
    assert headings(document, 2) == [
        f"{number}. {item.title}" for number, item in enumerate(meeting.items, 1)
    ]
    texts = [p.text for p in document.paragraphs]
    for item in meeting.items:
        assert f"Beslutning: Beslutning om {item.title}." in texts
        assert f"Noter til {item.title}: æøå ÆØÅ." in texts
    followup_rows = {
        row.cells[0].text for table in document.tables for row in table.rows
    }
    assert all(f"Opfølgning på {item.title}" in followup_rows for item in meeting.items)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert ("Kort fortalt" in "\n".join(cells)) == (name == "bruger-og-paaroerenderaad")
    assert (texts[0] == "Intern — indeholder personoplysninger") == (name == "triage")
    assert "Tid" in cells and "14.00–15.42" in cells


def test_escalation_shows_on_both_sides(data_dir, tmp_path):
    from datetime import datetime

    from test_export_docx import blocks, table_after

    from meetingtool.actions.escalation import escalate
    from meetingtool.actions.meetings import start_meeting
    from meetingtool.core.agenda import load_agenda
    from meetingtool.core.locations import shipped_agendas_dir
    from meetingtool.store import open_store

    store = open_store(data_dir, now=lambda: datetime(2026, 11, 23, 9, 0))
    agendas = shipped_agendas_dir()
    triage = load_agenda(agendas / "triage.toml")
    committee = load_agenda(agendas / "kvalitetsudvalg.toml")
    team = store.ensure_council("Afdeling Birk", "triage", triage.members)
    board = store.ensure_council("Kvalitetsudvalget", "kvalitetsudvalg", committee.members)
    round_ = start_meeting(store, team.id, triage, date(2026, 11, 23))
    escalate(store, (round_.id, round_.items[0].id, "Gentagne fald om natten"),
             board.name, "Tredje uge i træk gul", meeting_id=round_.id)
    weekly = start_meeting(store, board.id, committee, date(2026, 11, 26))

    sent = Document(str(export_minutes(store, round_.id, out=tmp_path)))
    assert table_after(sent, "Sager sendt videre")[1] == [
        "Gentagne fald om natten", "Til Kvalitetsudvalget", "Tredje uge i træk gul", "Åben"
    ]
    received = Document(str(export_minutes(store, weekly.id, out=tmp_path)))
    # A team's case lands on the committee's item for cases from the teams' triage.
    item = next(item for item in store.meeting(weekly.id).items
                if item.title == "Nye sager fra teamenes triage")
    heading = f"{store.meeting(weekly.id).item_number(item.id)}. {item.title}"
    assert ("Normal", "Sager modtaget fra andre råd og udvalg") in blocks(received)
    assert table_after(received, heading)[1] == [
        "Gentagne fald om natten", "Afdeling Birk", "Tredje uge i træk gul", "Åben"
    ]
