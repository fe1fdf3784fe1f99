"""``meetingtool meetings`` and ``meetingtool show`` against a real store in tmp_path."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from meetingtool.actions.meetings import start_meeting
from meetingtool.actions.review import approve_minutes, review_followup
from meetingtool.cli import main
from meetingtool.core.agenda import load_agenda
from meetingtool.core.locations import shipped_agendas_dir
from meetingtool.store import open_store

KILDEHAVEN = "Bruger- og pårørenderåd Kildehaven"


def build(data_dir) -> dict:
    """Two meetings of Kildehaven's council (the second reviews the first) and a triage team."""
    current = {"now": datetime(2026, 9, 3, 15, 30)}
    store = open_store(data_dir, now=lambda: current["now"])
    agendas = shipped_agendas_dir()
    template = load_agenda(agendas / "bruger-og-paaroerenderaad.toml")
    council = store.ensure_council(KILDEHAVEN, "bruger-og-paaroerenderaad", template.members)

    first = start_meeting(store, council.id, template, date(2026, 9, 3), theme="Aktiviteter")
    theme_item = next(item for item in first.items if item.kind == "tema")
    old = store.add_followup(first.id, theme_item.id, "Ny aktivitetskalender", owner="Åse",
                             due=date(2026, 10, 1))
    late = store.add_followup(first.id, theme_item.id, "Havebænke males", owner="Pedel",
                              due=date(2026, 10, 15))
    first.status = "afsluttet"
    store.save_meeting(first)

    current["now"] = datetime(2026, 11, 22, 15, 30)
    second = start_meeting(store, council.id, template, date(2026, 11, 22),
                           title="Kvartalsmøde", place="Caféen", theme="Mad og måltider")
    for person in second.attendance:  # attendance taken
        person.presence = "til_stede"
    second.attendance[0].presence = "afbud"
    second.started_at = datetime(2026, 11, 22, 15, 30)
    second.ended_at = datetime(2026, 11, 22, 17, 12)
    second.status = "afsluttet"
    second.next_meeting = date(2027, 2, 25)
    tema = next(item for item in second.items if item.kind == "tema")
    tema.notes = "Beboerne ønsker mere grønt, også om aftenen."
    tema.used_seconds = 38 * 60
    store.save_meeting(second)
    store.add_decision(second.id, tema.id, "Der serveres grøntsager til alle måltider.")
    store.add_followup(second.id, tema.id, "Indkøb af nye tallerkener", owner="Bent",
                       due=date(2026, 12, 15))
    store.add_followup(second.id, tema.id, "Enkeltsag om kost", owner="Centerleder",
                       internal=True)
    review_followup(store, old.id, second.id, status="udfoert", comment="Hængt op")
    review_followup(store, late.id, second.id, due=date(2027, 1, 15))
    approve_minutes(store, first.id, second.id)
    return {"store": store, "first": first.id, "second": second.id}


@pytest.fixture
def recorded(data_dir):
    return build(data_dir)


def test_meetings_table(recorded, capsys):
    assert main(["meetings"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["Nr.", "Råd", "Type", "Titel", "Dato", "Status", "Referat",
                                "godkendt"]
    assert "22. november 2026" in lines[2] and "Kvartalsmøde" in lines[2]
    assert lines[2].rstrip().endswith("nej")
    assert "3. september 2026" in lines[3] and lines[3].rstrip().endswith("ja")
    assert "Bruger- og pårørenderåd" in lines[3] and "Afsluttet" in lines[3]


def test_meetings_json_filtered_by_council(recorded, capsys):
    assert main(["meetings", "--council", "bruger- og pårørenderåd kildehaven",
                 "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in records] == [recorded["second"], recorded["first"]]
    assert records[0]["date"] == "2026-11-22"
    assert records[0]["kind_label"] == "Bruger- og pårørenderåd"
    assert records[1]["minutes_approved"] is True


def test_meetings_unknown_council_lists_valid_ones(recorded, capsys):
    assert main(["meetings", "--council", "Rosenhaven"]) == 2
    err = capsys.readouterr().err
    assert "Rådet 'Rosenhaven' findes ikke" in err
    assert KILDEHAVEN in err


def test_meetings_when_empty(capsys):
    assert main(["meetings"]) == 0
    assert "Ingen møder endnu." in capsys.readouterr().out


def test_show_table(recorded, capsys):
    assert main(["show", str(recorded["second"])]) == 0
    out = capsys.readouterr().out
    assert f"Møde {recorded['second']}: {KILDEHAVEN}" in out
    assert "Dato:" in out and "22. november 2026" in out
    assert "Startet:" in out and "15.30" in out and "17.12" in out
    assert "Afbud: Centerleder" in out
    assert "Tema: oplæg" in out and "Planlagt" in out and "brugt 38 min" in out
    assert "Beboerne ønsker mere grønt, også om aftenen." in out
    assert "Beslutning: Der serveres grøntsager til alle måltider." in out
    assert "Indkøb af nye tallerkener · ansvarlig Bent · frist 15. december 2026 · Åben" in out
    assert "Enkeltsag om kost" in out and "intern" in out
    assert "Ny aktivitetskalender: Udført: Hængt op" in out
    assert "Havebænke males: Ny frist 15. januar 2027" in out
    assert "Næste møde: 25. februar 2027" in out


def test_show_json_has_iso_dates_and_everything(recorded, capsys):
    assert main(["show", str(recorded["second"]), "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["council"] == KILDEHAVEN
    assert record["date"] == "2026-11-22"
    assert record["started_at"] == "2026-11-22T15:30:00"
    assert record["ended_at"] == "2026-11-22T17:12:00"
    tema = next(item for item in record["items"] if item["kind"] == "tema")
    assert tema["planned_minutes"] > 0 and tema["used_minutes"] == 38
    assert [d["text"] for d in tema["decisions"]] == ["Der serveres grøntsager til alle måltider."]
    dues = {f["text"]: f["due"] for f in tema["followups"]}
    assert dues == {"Indkøb af nye tallerkener": "2026-12-15", "Enkeltsag om kost": None}
    assert {a["presence"] for a in record["attendance"]} >= {"afbud", "til_stede"}
    outcomes = {r["text"]: r["outcome"] for r in record["followups_reviewed"]}
    assert outcomes == {"Ny aktivitetskalender": "udfoert", "Havebænke males": "ny_frist"}
    assert record["next_meeting"] == "2027-02-25"


def test_show_unknown_meeting_lists_recent(recorded, capsys):
    assert main(["show", "999"]) == 2
    err = capsys.readouterr().err
    assert "Møde 999 findes ikke" in err
    assert f"{recorded['second']}: 22. november 2026, {KILDEHAVEN}" in err


def test_show_is_read_only(recorded, data_dir, capsys):
    def snapshot():
        return {
            path.relative_to(data_dir): path.read_bytes()
            for path in data_dir.rglob("*")
            if path.is_file() and path.name != ".lock"
        }

    before = snapshot()
    main(["show", str(recorded["second"]), "--format", "json"])
    main(["meetings"])
    assert snapshot() == before
