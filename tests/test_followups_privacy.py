"""``meetingtool followups``: the CPR guard on every format and on file names, and internal
follow-ups (enkeltsager) left out unless asked for (issue 13)."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, timedelta

import icalendar
import pytest

from meetingtool.actions.escalation import escalate
from meetingtool.actions.meetings import start_meeting
from meetingtool.cli import main
from meetingtool.core.cpr import contains_cpr
from meetingtool.core.model import AgendaTemplate, TemplateItem
from meetingtool.store import open_store

TODAY = date.today()
TEMPLATE = AgendaTemplate(
    kind="kvalitetsraad", title="Kvalitetsrådsmøde",
    items=[TemplateItem("Godkendelse af referat", 5, "godkendelse"),
           TemplateItem("Tema: Tryghed", 30, "tema")],
)
# The date parts of every CPR number below: none of them may survive a redacted output.
DATE_PARTS = ("150787", "230491", "311299", "010203", "020304", "121180")
FORMATS = ("table", "csv", "json", "ics")


def digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", text))


def assert_clean(text: str) -> None:
    assert not contains_cpr(text)
    assert "[CPR fjernet]" in text
    assert [part for part in DATE_PARTS if part in digits(text)] == [], text


@pytest.fixture
def data(data_dir):
    """A council whose name, item, follow-up texts, owners, resident label, history
    comments and escalation reason hold CPR numbers in several forms."""
    store = open_store(data_dir)
    council = store.ensure_council("Kildebo 150787-5678", "kvalitetsraad")
    committee = store.ensure_council("Kvalitetsudvalg", "kvalitetsudvalg")
    meeting = start_meeting(store, council.id, TEMPLATE, TODAY - timedelta(days=7))
    meeting.items[1].title = "Tema: borger 23.04.91\u20134321"
    store.save_meeting(meeting)
    theme = meeting.items[1].id
    due = TODAY + timedelta(days=5)
    first = store.add_followup(meeting.id, theme, "Ring om 311299 9876", owner="Lise",
                               due=due)
    store.add_followup(meeting.id, theme, "Hjælpemidler", owner="Lise 0102031234", due=due,
                       resident="AB, 02 03 04 2345")
    commented = store.add_followup(meeting.id, theme, "Ny seng", owner="Lise", due=due)
    store.update_followup(commented.id, comment="Ref. \uff11\uff12\uff11\uff11\uff18\uff10"
                          "\u2011\uff11\uff11\uff11\uff11")
    store.add_followup(meeting.id, theme, "Enkeltsag om 010203-1234", owner="Lise", due=due,
                       internal=True)
    planned = start_meeting(store, committee.id, TEMPLATE, TODAY + timedelta(days=3))
    escalate(store, first.id, committee.id, "Se 150787\u00a05678", meeting_id=meeting.id)
    return {"store": store, "meeting": meeting, "planned": planned}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["followups", *argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("fmt", FORMATS)
def test_refused_with_a_danish_list_of_places(capsys, data, fmt, tmp_path):
    status, out, err = run(capsys, "--format", fmt)
    assert status == 2 and out == ""
    assert "Listen over opfølgningspunkter blev ikke gemt" in err
    for field in ("tekst", "ansvarlig", "beboer", "historik 2, kommentar", "rådet",
                  "rådets id", "punkt", "videresendelse"):
        assert f", {field}" in err, field
    assert "opfølgningspunkt 1-1 " in err
    assert "--redact" in err and "--allow-cpr" in err
    assert not contains_cpr(err)
    # nothing written to a file either
    status, _, _ = run(capsys, "--format", fmt, "--out", str(tmp_path / "ud" / "liste"))
    assert status == 2 and not (tmp_path / "ud").exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_redact_leaves_no_digits_of_a_cpr_number(capsys, data, fmt, tmp_path):
    status, out, err = run(capsys, "--format", fmt, "--redact", "--include-internal")
    assert status == 0, err
    assert_clean(out)
    target = tmp_path / "ud"
    status, out, err = run(capsys, "--format", fmt, "--redact", "--include-internal",
                           "--out", f"{target}/Liste 150787-5678")
    assert status == 0, err
    [written] = list(target.iterdir())
    assert written.name.startswith("Liste [CPR fjernet].")
    assert_clean(written.read_bytes().decode("utf-8-sig"))
    assert_clean(out)


def test_a_cpr_number_in_the_file_name_alone_is_refused(capsys, data_dir, tmp_path):
    store = open_store(data_dir)
    council = store.ensure_council("Kildebo", "kvalitetsraad")
    meeting = start_meeting(store, council.id, TEMPLATE, TODAY)
    store.add_followup(meeting.id, meeting.items[1].id, "Årshjul", due=TODAY)
    status, _, err = run(capsys, "--format", "csv", "--out", str(tmp_path / "121180-1111.csv"))
    assert status == 2
    assert "filnavnet '[CPR fjernet].csv' (--out)" in err
    assert not (tmp_path / "121180-1111.csv").exists()


def test_allow_cpr_writes_as_typed(capsys, data):
    status, out, _ = run(capsys, "--format", "json", "--allow-cpr")
    assert status == 0
    assert "Ring om 311299 9876" in out
    with pytest.raises(SystemExit) as caught:  # one or the other
        main(["followups", "--format", "json", "--allow-cpr", "--redact"])
    assert caught.value.code == 2
    assert "kan ikke bruges sammen med" in capsys.readouterr().err


def test_internal_left_out_unless_asked_and_then_confidential(capsys, data):
    _, out, _ = run(capsys, "--format", "json", "--redact")
    assert "Enkeltsag" not in out and all(not row["internal"] for row in json.loads(out))
    _, out, _ = run(capsys, "--format", "ics", "--redact", "--include-internal")
    events = icalendar.Calendar.from_ical(out).walk("VEVENT")
    internal = [e for e in events if str(e["summary"]).startswith("[intern]")]
    assert len(internal) == 1
    assert str(internal[0]["class"]) == "CONFIDENTIAL"
    assert "Enkeltsag" not in out
    assert all("class" not in e for e in events if e not in internal)
