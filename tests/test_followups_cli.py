"""``meetingtool followups``: table, JSON, CSV and ICS, filters and bad input (issue 5)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta

import icalendar
import pytest

from meetingtool.actions.escalation import escalate
from meetingtool.actions.meetings import start_meeting
from meetingtool.actions.review import review_followup
from meetingtool.cli import main
from meetingtool.core.agenda import load_agenda, resolve_template
from meetingtool.core.model import AgendaTemplate, Member, TemplateItem
from meetingtool.store import open_store

TODAY = date.today()
TEMPLATE = AgendaTemplate(
    kind="kvalitetsraad",
    title="Kvalitetsrådsmøde",
    items=[
        TemplateItem("Godkendelse af referat", 5, "godkendelse"),
        TemplateItem("Tema: Tryghed", 30, "tema"),
    ],
)


@pytest.fixture
def data(data_dir):
    """Two councils; open, overdue, closed, internal and escalated follow-ups."""
    store = open_store(data_dir)
    council = store.ensure_council("Kvalitetsråd Kildebo", "kvalitetsraad",
                                   [Member("Birgitte Holm", "moedeleder")])
    committee = store.ensure_council("Kvalitetsudvalg", "kvalitetsudvalg")
    first = start_meeting(store, council.id, TEMPLATE, TODAY - timedelta(days=60))
    theme = first.items[1].id
    ids = {
        "overdue": store.add_followup(first.id, theme, "Lav årshjul", owner="Anders Lund",
                                      due=TODAY - timedelta(days=10)).id,
        "later": store.add_followup(first.id, theme, "Saml ønsker, også \"weekend\"; tak",
                                    owner="Karen Nielsen", due=TODAY + timedelta(days=20)).id,
        "undated": store.add_followup(first.id, theme, "Tal med Ældrerådet",
                                      owner="Anders Lund").id,
        "done": store.add_followup(first.id, theme, "Opslag på tavlen", owner="Karen Nielsen",
                                   due=TODAY - timedelta(days=30)).id,
        "internal": store.add_followup(first.id, theme, "Enkeltsag: klage fra pårørende",
                                       owner="Birgitte Holm", due=TODAY + timedelta(days=3),
                                       internal=True).id,
    }
    second = start_meeting(store, council.id, TEMPLATE, TODAY - timedelta(days=5))
    planned = start_meeting(store, committee.id, TEMPLATE, TODAY + timedelta(days=3))
    review_followup(store, ids["done"], second.id, status="udfoert", comment="Hængt op")
    sent = escalate(store, ids["later"], committee.id, "Kræver fælles plan",
                    meeting_id=second.id)
    ids["received"] = sent.id
    return {"ids": ids, "first": first, "second": second, "council": council,
            "planned": planned}


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["followups", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_fields(capsys, data):
    status, out, _ = run_cli(capsys, "--format", "json", "--include-internal")
    assert status == 0
    rows = json.loads(out)
    ids = data["ids"]
    # Open ones only, overdue first, then by due date, undated last.
    assert [r["id"] for r in rows] == [ids["overdue"], ids["internal"], ids["later"],
                                       ids["undated"], ids["received"]]
    overdue = rows[0]
    assert overdue["text"] == "Lav årshjul"
    assert overdue["owner"] == "Anders Lund"
    assert overdue["due"] == (TODAY - timedelta(days=10)).isoformat()
    assert overdue["status"] == "aaben"
    assert overdue["status_label"] == "Åben"
    assert overdue["council"] == "Kvalitetsråd Kildebo"
    assert overdue["council_id"] == data["council"].id
    assert overdue["meeting_id"] == data["first"].id
    assert overdue["meeting_date"] == data["first"].date.isoformat()
    assert overdue["item"] == "Tema: Tryghed"
    assert datetime.fromisoformat(overdue["created"]).date() == date.today()
    assert overdue["carried_over"] == 1
    assert overdue["overdue"] is True
    assert overdue["internal"] is False
    assert overdue["escalated_to"] is None and overdue["escalated_from"] is None
    [created] = overdue["history"]
    assert created["status"] == "aaben"
    assert created["meeting_id"] == data["first"].id
    assert created["due"] == overdue["due"]
    assert created["owner"] == "Anders Lund"

    later = rows[2]
    assert later["status"] == "i_gang"
    assert later["escalated_to"] == "Kvalitetsudvalg"
    assert later["escalation"].startswith("Sendt til Kvalitetsudvalg ")
    assert later["escalation"].endswith("– der: Åben")
    assert later["history"][-1]["comment"] == "Sendt til Kvalitetsudvalg: Kræver fælles plan"
    assert later["history"][-1]["meeting_id"] == data["second"].id
    assert rows[1]["internal"] is True
    assert rows[3]["due"] is None
    received = rows[4]
    assert received["council"] == "Kvalitetsudvalg"
    assert received["escalated_from"] == "Kvalitetsråd Kildebo"
    assert received["carried_over"] == 0
    assert received["escalation"].endswith("Kræver fælles plan – der: I gang")
    assert received["meeting_id"] == data["planned"].id
    assert received["item"] == "Sager fra andre fora"


def test_json_status_and_filters(capsys, data):
    ids = data["ids"]
    _, out, _ = run_cli(capsys, "--format", "json", "--status", "Udført")
    [done] = json.loads(out)
    assert done["id"] == ids["done"]
    assert [h["status"] for h in done["history"]] == ["aaben", "udfoert"]
    assert done["history"][1]["comment"] == "Hængt op"

    _, out, _ = run_cli(capsys, "--format", "json", "--status", "alle")
    assert len(json.loads(out)) == 5  # the internal one left out
    assert ids["internal"] not in out
    _, out, _ = run_cli(capsys, "--format", "json", "--status", "alle", "--include-internal")
    assert len(json.loads(out)) == 6

    _, out, _ = run_cli(capsys, "--format", "json", "--overdue")
    assert [r["id"] for r in json.loads(out)] == [ids["overdue"]]

    _, out, _ = run_cli(capsys, "--format", "json", "--owner", "anders lund")
    assert [r["id"] for r in json.loads(out)] == [ids["overdue"], ids["undated"]]

    _, out, _ = run_cli(capsys, "--format", "json", "--council", "kvalitetsudvalg")
    assert [r["id"] for r in json.loads(out)] == [ids["received"]]


def test_csv_reads_back(capsys, data):
    status, out, _ = run_cli(capsys, "--format", "csv", "--status", "alle",
                             "--include-internal")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out), delimiter=";"))
    by_id = {row["Nr."]: row for row in rows}
    assert len(rows) == 6
    later = by_id[data["ids"]["later"]]
    assert later["Opfølgningspunkt"] == 'Saml ønsker, også "weekend"; tak'
    assert later["Ansvarlig"] == "Karen Nielsen"
    assert later["Frist"] == (TODAY + timedelta(days=20)).isoformat()
    assert later["Status"] == "I gang"  # Danish words for Excel; the JSON keeps the codes
    assert later["Råd"] == "Kvalitetsråd Kildebo"
    assert later["Møde nr."] == str(data["first"].id)
    assert later["Mødedato"] == data["first"].date.isoformat()
    assert later["Punkt"] == "Tema: Tryghed"
    assert later["Overført antal gange"] == "1"
    assert later["Sendt til"] == "Kvalitetsudvalg"
    assert later["Seneste nyt om sagen"].endswith("– der: Åben")
    assert by_id[data["ids"]["overdue"]]["Seneste nyt om sagen"] == ""
    assert later["Overskredet"] == "nej"
    history = later["Historik"].split(" | ")
    assert len(history) == 2
    assert " Åben møde " in history[0]
    assert history[1].endswith(": Sendt til Kvalitetsudvalg: Kræver fælles plan")
    assert by_id[data["ids"]["overdue"]]["Overskredet"] == "ja"
    assert by_id[data["ids"]["internal"]]["Intern"] == "ja"
    assert by_id[data["ids"]["undated"]]["Frist"] == ""


def test_csv_to_file_has_bom_for_excel(capsys, data, tmp_path):
    target = tmp_path / "opfølgning.csv"
    status, out, _ = run_cli(capsys, "--format", "csv", "--out", str(target))
    assert status == 0
    assert "Skrev 4 opfølgningspunkter" in out  # open, the internal one left out
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert list(rows[0])[:6] == ["Nr.", "Opfølgningspunkt", "Beboer", "Ansvarlig", "Frist",
                                 "Status"]
    assert rows[0]["Opfølgningspunkt"] == "Lav årshjul"
    assert rows[0]["Status"] == "Åben"
    assert target.stat().st_mode & 0o777 == 0o600
    # Written again: never over the first file.
    status, out, _ = run_cli(capsys, "--format", "csv", "--out", str(target))
    assert status == 0 and "opfølgning (2).csv" in out
    assert (tmp_path / "opfølgning (2).csv").exists()
    # A folder gets a dated name inside; a name its ending; another format's is refused.
    status, out, _ = run_cli(capsys, "--format", "json", "--out", f"{tmp_path}/ny/")
    assert status == 0
    assert (tmp_path / "ny" / f"Opfølgningspunkter {TODAY.isoformat()}.json").exists()
    run_cli(capsys, "--format", "ics", "--out", str(tmp_path / "frister"))
    assert (tmp_path / "frister.ics").exists()
    status, _, err = run_cli(capsys, "--format", "json", "--out", str(tmp_path / "liste.csv"))
    assert status == 2 and "liste.csv er en csv-fil, men der skrives json" in err


def test_a_triage_task_names_its_resident_everywhere(capsys, data_dir, tmp_path):
    store = open_store(data_dir)
    team = store.ensure_council("Afdeling Birk", "triage")
    round_ = start_meeting(store, team.id, TEMPLATE, TODAY)
    for label in ("AB, stue 12", "KL, stue 3"):
        store.add_followup(round_.id, round_.items[1].id, "Sygeplejefaglig vurdering",
                           due=TODAY + timedelta(days=1), resident=label)
    _, out, _ = run_cli(capsys, "--format", "json")
    rows = json.loads(out)
    assert [(r["text"], r["resident"], r["title"]) for r in rows] == [
        ("Sygeplejefaglig vurdering", "AB, stue 12", "Sygeplejefaglig vurdering (AB, stue 12)"),
        ("Sygeplejefaglig vurdering", "KL, stue 3", "Sygeplejefaglig vurdering (KL, stue 3)"),
    ]
    _, out, _ = run_cli(capsys, "--format", "csv")
    assert [r["Beboer"] for r in csv.DictReader(io.StringIO(out), delimiter=";")] == [
        "AB, stue 12", "KL, stue 3"]
    _, out, _ = run_cli(capsys)
    assert "(AB, stue 12)" in out and "(KL, stue 3)" in out
    _, out, _ = run_cli(capsys, "--format", "ics")
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(out).walk("VEVENT")]
    assert sorted(summaries) == ["Frist: Sygeplejefaglig vurdering (AB, stue 12)",
                                 "Frist: Sygeplejefaglig vurdering (KL, stue 3)"]


def test_ics_parses(capsys, data, tmp_path):
    target = tmp_path / "frister.ics"
    status, out, _ = run_cli(capsys, "--format", "ics", "--out", str(target),
                             "--include-internal")
    assert status == 0
    assert "Skrev 3 opfølgningspunkter" in out  # open and with a due date
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    ids = data["ids"]
    assert set(events) == {f"opfoelgning-{ids[k]}@meetingtool"
                           for k in ("overdue", "later", "internal")}
    overdue = events[f"opfoelgning-{ids['overdue']}@meetingtool"]
    assert overdue.decoded("dtstart") == TODAY - timedelta(days=10)
    assert overdue.decoded("dtend") == TODAY - timedelta(days=9)
    assert str(overdue["summary"]) == "Frist: Lav årshjul (Anders Lund)"
    description = str(overdue["description"])
    assert "Råd: Kvalitetsråd Kildebo" in description
    assert "Aftalt: " in description and "Tema: Tryghed" in description
    assert "Status: Åben" in description
    assert "CLASS" not in overdue
    # An internal one is confidential, and its title and description leave the case out.
    internal = events[f"opfoelgning-{ids['internal']}@meetingtool"]
    assert str(internal["class"]) == "CONFIDENTIAL"
    assert str(internal["summary"]) == "[intern] Frist: intern sag (se meetingtool) (Birgitte Holm)"
    assert "klage" not in target.read_text("utf-8").casefold()

    # Stable UIDs: exporting again gives the same calendar.
    _, again, _ = run_cli(capsys, "--format", "ics", "--include-internal")
    assert again.encode("utf-8").replace(b"\n", b"") == target.read_bytes().replace(b"\n", b"")


def test_table_sorted_overdue_first(capsys, data):
    status, out, _ = run_cli(capsys, "--include-internal")
    assert status == 0
    assert "Opfølgningspunkter pr." in out
    assert out.index("Lav årshjul") < out.index("Enkeltsag") < out.index("Tal med")
    assert "(intern)" in out
    assert "1 med overskredet frist" in out
    assert "Opslag på tavlen" not in out  # closed
    _, out, _ = run_cli(capsys)
    assert "Lav årshjul" in out and "Enkeltsag" not in out and "(intern)" not in out


def test_empty_list(capsys, data):
    status, out, _ = run_cli(capsys, "--owner", "Anders Lund", "--status", "udgaaet")
    assert status == 0
    assert "Ingen opfølgningspunkter" in out


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--council", "Lederforum",
         "Ukendt råd 'Lederforum'. Kendte råd: Kvalitetsråd Kildebo, Kvalitetsudvalg."),
        ("--owner", "Jens", "Ukendt ansvarlig 'Jens'. Kendte ansvarlige: Anders Lund, "
                            "Birgitte Holm, Karen Nielsen."),
        ("--status", "færdig", "Ukendt status 'færdig'. Gyldige: Åben (aaben), I gang (i_gang), "
                               "Udført (udfoert), Udgået (udgaaet) eller 'alle'."),
    ],
)
def test_unknown_names_list_the_valid_ones(capsys, data, option, value, message):
    status, out, err = run_cli(capsys, option, value)
    assert status == 2
    assert out == ""
    assert err.strip() == f"Fejl: {message}"


def test_owner_matches_the_start_of_any_word(capsys, data_dir):
    """"Hanne" finds "Kvalitetsleder Hanne" (any word, any case), never "Johanne"; the
    table counts in Danish ("1 punkt")."""
    store = open_store(data_dir)
    council = store.ensure_council("Kvalitetsudvalg", "kvalitetsudvalg")
    meeting = store.create_meeting(council.id, load_agenda(
        resolve_template("kvalitetsudvalg", data_dir)), TODAY)
    hanne = store.add_followup(meeting.id, meeting.items[0].id, "Ny instruks",
                               owner="Kvalitetsleder Hanne")
    store.add_followup(meeting.id, meeting.items[0].id, "Tjek lift", owner="Johanne Berg")
    status, out, _ = run_cli(capsys, "--format", "json", "--owner", "hanne")
    assert status == 0
    assert [row["id"] for row in json.loads(out)] == [hanne.id]
    _, out, _ = run_cli(capsys, "--owner", "Kvalitetsleder h")
    assert "1 punkt," in out and "Ny instruks" in out and "Tjek lift" not in out
    status, _, err = run_cli(capsys, "--owner", "anne")
    assert status != 0 and "Ukendt ansvarlig 'anne'" in err
