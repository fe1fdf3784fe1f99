"""``meetingtool privacy scan``: every place in the store with a CPR number, and --redact."""

from __future__ import annotations

import io
from datetime import date

import pytest

from meetingtool.actions.meetings import start_meeting
from meetingtool.cli import main
from meetingtool.core.cpr import contains_cpr
from meetingtool.core.model import AgendaTemplate, Member, TemplateItem
from meetingtool.store import open_store

DAY = date(2026, 11, 3)
TEMPLATE = AgendaTemplate(
    kind="kvalitetsraad", title="Kvalitetsrådsmøde",
    items=[TemplateItem("Godkendelse af referat", 5, "godkendelse"),
           TemplateItem("Tema: Tryghed", 30, "tema")],
)


@pytest.fixture
def store(data_dir):
    """Two councils; CPR numbers in meeting fields, an item, a decision, a follow-up's
    comment, a triage row and a borgergennemgang of the team, none in the other council."""
    store = open_store(data_dir)
    council = store.ensure_council("Kildebo", "kvalitetsraad", [Member("Lise", "formand")])
    meeting = start_meeting(store, council.id, TEMPLATE, DAY)
    meeting.theme = "Tryghed for 150787-5678"
    meeting.items[1].notes = "Drøftet: 23.04.91 4321 og 0102031234"
    store.save_meeting(meeting)
    store.add_decision(meeting.id, meeting.items[1].id, "Ny seng til 311299\u20139876")
    followup = store.add_followup(meeting.id, meeting.items[1].id, "Ring til egen læge")
    store.update_followup(followup.id, comment="cpr 02 03 04 2345")

    team = store.ensure_council("Afdeling Birk", "triage")
    round_ = start_meeting(store, team.id, TEMPLATE, DAY)
    resident = store.add_resident(team.id, "AB", "12")
    store.set_triage_entry(round_.id, resident.id, colour="gul", change="Faldet, 121180-1111")
    store.add_borgergennemgang(resident.id, round_.id, {"hvad_ved_vi": "Har 0101011111"})

    clean = store.ensure_council("Lokalt kvalitetsudvalg", "kvalitetsudvalg")
    start_meeting(store, clean.id, TEMPLATE, DAY)
    return store


def run(capsys, monkeypatch, *argv: str, answer: str | None = None) -> tuple[int, str, str]:
    if answer is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(answer))
    status = main(["privacy", "scan", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_lists_every_place_with_council_meeting_item_and_field(capsys, monkeypatch, store):
    status, out, _ = run(capsys, monkeypatch)
    assert status == 1
    lines = [line.strip()[2:] for line in out.splitlines() if line.startswith("  - ")]
    assert lines == [  # councils by name
        "Afdeling Birk · møde 2, 3. november 2026 · triagetavle, beboer AB, stue 12, ændring",
        ("Afdeling Birk · møde 2, 3. november 2026 · borgergennemgang 1 for beboer AB, stue 12, "
         "'Hvad ved vi om borgeren?'"),
        "Kildebo · møde 1, 3. november 2026 · mødet, tema",
        'Kildebo · møde 1, 3. november 2026 · punkt 2 "Tema: Tryghed", noter',
        'Kildebo · møde 1, 3. november 2026 · punkt 2 "Tema: Tryghed", beslutning 1, tekst',
        ('Kildebo · møde 1, 3. november 2026 · punkt 2 "Tema: Tryghed", opfølgningspunkt 1-1, '
         "historik 2, kommentar"),
    ]
    assert "står 6 steder" in out
    assert not contains_cpr(out)


def test_council_option_and_clean_data(capsys, monkeypatch, store):
    status, out, _ = run(capsys, monkeypatch, "--council", "afdeling birk")
    assert status == 1 and "Kildebo" not in out and "Afdeling Birk" in out
    status, out, _ = run(capsys, monkeypatch, "--council", "Lokalt kvalitetsudvalg")
    assert status == 0 and "Intet, der ligner et CPR-nummer" in out
    status, _, err = run(capsys, monkeypatch, "--council", "Ukendt")
    assert status == 2 and "Kendte råd: Afdeling Birk, Kildebo, Lokalt" in err


@pytest.mark.parametrize("answer", ["n\n", ""])  # no, and no terminal to answer
def test_redact_asks_and_no_changes_nothing(capsys, monkeypatch, store, answer):
    before = len(store.backups())
    status, out, _ = run(capsys, monkeypatch, "--redact", answer=answer)
    assert status == 1 and "Erstat 6 steder med [CPR fjernet]?" in out
    assert "Intet ændret." in out
    assert len(store.backups()) == before
    assert "150787-5678" in open_store(store.data_dir).meeting(1).theme


@pytest.mark.parametrize(("argv", "answer"), [(["--yes"], None), ([], "j\n"), ([], "Y\n")])
def test_redact_after_yes_backs_up_and_cleans_the_store(capsys, monkeypatch, store, argv,
                                                         answer):
    before = len(store.backups())
    status, out, _ = run(capsys, monkeypatch, "--redact", *argv, answer=answer)
    assert "Sikkerhedskopi:" in out
    assert len(store.backups()) == before + 1
    assert status == 0 and "Tilbage" not in out
    fresh = open_store(store.data_dir)
    meeting = fresh.meeting(1)
    assert meeting.theme == "Tryghed for [CPR fjernet]"
    assert meeting.items[1].notes == "Drøftet: [CPR fjernet] og [CPR fjernet]"
    assert fresh.decisions(1)[0].text == "Ny seng til [CPR fjernet]"
    assert fresh.followup("1-1").history[-1].comment == "cpr [CPR fjernet]"
    assert fresh.triage_entries(2)[0].change == "Faldet, [CPR fjernet]"
    assert fresh.triage_entries(2)[0].colour == "gul"
    review = fresh.borgergennemgange("afdeling-birk-1")[0]
    assert review.answers == {"hvad_ved_vi": "Har [CPR fjernet]"}
    status, out, _ = run(capsys, monkeypatch)
    assert status == 0 and "Intet, der ligner et CPR-nummer" in out


def test_a_council_id_with_a_cpr_number_is_reported_once_with_what_to_do(
        capsys, monkeypatch, data_dir):
    store = open_store(data_dir)
    team = store.ensure_council("Afdeling 010203-1234", "triage")
    meeting = start_meeting(store, team.id, TEMPLATE, DAY)
    resident = store.add_resident(team.id, "AB", "12")
    store.set_triage_entry(meeting.id, resident.id, colour="gul")
    store.add_followup(meeting.id, meeting.items[1].id, "Ring til egen læge")
    status, out, _ = run(capsys, monkeypatch, "--redact", "--yes")
    assert status == 1 and not contains_cpr(out)
    assert out.count("rådets id") == 2  # found, and left after --redact: once each
    assert "Afdeling [CPR fjernet] · rådets id (kan ikke rettes af meetingtool)" in out
    assert "Opret et nyt råd med et navn uden CPR-nummer" in out
    assert open_store(data_dir).council(team.id).name == "Afdeling [CPR fjernet]"


def test_trials_and_indicators_are_scanned_and_redacted(capsys, monkeypatch, data_dir):
    # The entry warning for a trial or an indicator says "fjern numrene med privacy scan
    # --redact", so the scan must reach them: a trial's title, an indicator's history.
    from datetime import datetime

    from meetingtool.actions.indicators import define, record_value
    from meetingtool.actions.trials import start_trial
    from meetingtool.core.indicators import correct_value

    store = open_store(data_dir)
    council = store.ensure_council("Kildebo", "kvalitetsraad")
    start_trial(store, council.id, "Tjek 010203-1234 igen", date(2027, 6, 1))
    falls = define(store, council.id, "Faldhændelser")
    record_value(store, falls, date(2026, 11, 1), 4)
    falls = store.indicator(falls.id)
    correct_value(falls, 1, datetime(2026, 11, 2), value=5, comment="se 150787-5678")
    store.save_indicator(falls)
    define(store, "", "Tryksår", counts="Talt af 121180-1111")

    status, out, _ = run(capsys, monkeypatch)
    assert status == 1
    assert "Kildebo · prøvehandling P1, titel" in out
    assert "Kildebo · indikator I1, måling 1, historik 1, kommentar" in out
    assert "fælles for alle råd · indikator I2, tæller" in out
    assert run(capsys, monkeypatch, "--redact", "--yes")[0] == 0
    store = open_store(data_dir)
    assert "[CPR fjernet]" in store.trial("P1").title
    assert run(capsys, monkeypatch)[0] == 0
