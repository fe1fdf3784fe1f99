"""One privacy rule for every way data leaves the tool (issue 13's "done when").

A store whose free-text fields each hold a CPR number, written in the forms people and word
processors produce: every minutes format and every follow-up list format is refused without
--redact; with --redact the number's digits are in no output (for .docx: in no XML part of
the zip) and in no file name. Internal follow-ups are left out by default and marked when
included; minutes naming a resident are marked internal whatever the council; the bruger- og
pårørenderåd's minutes never carry a resident's initials or room.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from meetingtool.actions.meetings import start_meeting
from meetingtool.cli import main
from meetingtool.core.model import AgendaTemplate, Attendee, TemplateItem
from meetingtool.store import open_store

DAY = date(2026, 11, 22)

# (the number as written, its digits): each field gets its own, in a different form.
NUMBERS = {
    "council": ("170587-7391", "1705877391"),
    "theme": ("05.06.71-4412", "0506714412"),
    "place": ("1203454455", "1203454455"),
    "guest": ("23 04 56 1122", "2304561122"),
    "notes": ("010203\u20136789", "0102036789"),      # en dash, as Word makes it
    "decision": ("311299 - 5566", "3112995566"),      # spaces around the dash
    "followup": ("0806\u221262\u22128899", "0806628899"),  # DDMM-YY-NNNN with minus signs
    "owner": ("150787-5678", "1507875678"),
    "comment": ("020202-\n3344", "0202023344"),       # split over two lines
    "item": ("141163-1414", "1411631414"),
}


def wall() -> datetime:
    return datetime(2026, 11, 22, 14, 0)


def digits_only(data: bytes | str) -> str:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return re.sub(r"\D", "", text)


@pytest.fixture
def store(data_dir):
    store = open_store(data_dir, now=wall)
    council = store.ensure_council(f"Kvalitetsråd {NUMBERS['council'][0]}", "kvalitetsraad")
    template = AgendaTemplate(kind="kvalitetsraad", title="Kvalitetsrådsmøde", items=[
        TemplateItem(f"Sag {NUMBERS['item'][0]}", 10, "droeftelse"),
        TemplateItem("Eventuelt", 5, "eventuelt"),
    ])
    meeting = start_meeting(store, council.id, template, DAY,
                            theme=f"Tema {NUMBERS['theme'][0]}",
                            place=f"Stue {NUMBERS['place'][0]}")
    meeting.attendance.append(Attendee(name=f"Gæst {NUMBERS['guest'][0]}", role="gaest",
                                       presence="til_stede"))
    meeting.items[0].notes = f"Talt om {NUMBERS['notes'][0]} i dag"
    store.save_meeting(meeting)
    store.add_decision(meeting.id, meeting.items[0].id, f"Vi ringer til {NUMBERS['decision'][0]}")
    followup = store.add_followup(meeting.id, meeting.items[0].id,
                                  f"Tjek {NUMBERS['followup'][0]}",
                                  owner=f"Hanne {NUMBERS['owner'][0]}", due=date(2026, 12, 1))
    store.update_followup(followup.id, comment=f"Se {NUMBERS['comment'][0]}",
                          meeting_id=meeting.id)
    store.add_followup(meeting.id, meeting.items[0].id, "En enkeltsag om en pårørende",
                       owner="Centerleder", internal=True)
    store.meeting_id = meeting.id  # type: ignore[attr-defined]
    return store


def outputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def assert_no_cpr_digits(path: Path) -> None:
    assert not any(digits in digits_only(path.name) for _, digits in NUMBERS.values()), path.name
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
    else:
        parts = {path.name: path.read_bytes()}
    for name, data in parts.items():
        found = digits_only(data)
        for field, (_, digits) in NUMBERS.items():
            assert digits not in found, f"{field} in {path.name}:{name}"


@pytest.mark.parametrize("fmt", ["docx", "md", "json"])
def test_minutes_are_refused_then_redacted_everywhere(store, tmp_path, capsys, fmt):
    out = tmp_path / "ud"
    args = ["export", str(store.meeting_id), "--format", fmt, "--out", f"{out}/"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "CPR" in err and not outputs(tmp_path / "ud") if out.exists() else True
    assert not any(number in err for number, _ in NUMBERS.values())

    assert main([*args, "--redact", "--include-internal"]) == 0, capsys.readouterr().err
    [written] = outputs(out)
    assert_no_cpr_digits(written)
    assert "(intern)" in written.name


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "ics"])
def test_followup_lists_are_refused_then_redacted_everywhere(store, tmp_path, capsys, fmt):
    args = ["followups", "--status", "alle", "--format", fmt]
    assert main(args) == 2
    capsys.readouterr()
    out = tmp_path / "lister"
    assert main([*args, "--redact", "--out", f"{out}/"]) == 0, capsys.readouterr().err
    for written in outputs(out):
        assert_no_cpr_digits(written)


def test_show_json_is_guarded_too(store, capsys):
    assert main(["show", str(store.meeting_id), "--format", "json"]) == 2
    assert "CPR" in capsys.readouterr().err
    assert main(["show", str(store.meeting_id), "--format", "json", "--redact"]) == 0
    shown = capsys.readouterr().out
    assert not any(digits in digits_only(shown) for _, digits in NUMBERS.values())


def test_show_table_says_where_and_that_nothing_is_saved(store, capsys):
    """``show`` is refused with the places named as the export names them, and in words
    for showing ("Mødet vises ikke"), not "linje 27" and "Referatet blev ikke gemt"."""
    assert main(["show", str(store.meeting_id)]) == 2
    err = capsys.readouterr().err
    assert "Mødet vises ikke" in err and "vis det med --redact" in err
    assert "Referatet blev ikke gemt" not in err and "linje " not in err
    assert "punkt " in err
    assert not any(number in err for number, _ in NUMBERS.values())


def test_internal_followups_are_left_out_by_default_and_marked_when_included(
        store, tmp_path, capsys):
    plain = tmp_path / "plain.md"
    assert main(["export", str(store.meeting_id), "--format", "md", "--out", str(plain),
                 "--redact"]) == 0
    text = plain.read_text(encoding="utf-8")
    assert "enkeltsag" not in text and "Intern" not in text

    internal = tmp_path / "intern.md"
    assert main(["export", str(store.meeting_id), "--format", "md", "--out", str(internal),
                 "--redact", "--include-internal"]) == 0
    text = internal.read_text(encoding="utf-8")
    assert "En enkeltsag om en pårørende" in text
    assert text.startswith("**Intern — må ikke deles uden for rådet**")
    assert "# Internt referat:" in text


def resident_case(store, kind: str, name: str):
    council = store.ensure_council(name, kind)
    template = AgendaTemplate(kind=kind, title="Møde",
                              items=[TemplateItem("Sager", 10, "droeftelse")])
    meeting = start_meeting(store, council.id, template, DAY)
    store.add_followup(meeting.id, meeting.items[0].id, "Sygeplejefaglig vurdering",
                       owner="Sygeplejerske", resident="BC, stue 4")
    store.add_followup(meeting.id, meeting.items[0].id, "Nye vaser i fællesstuen")
    return meeting


def test_minutes_naming_a_resident_are_internal_whatever_the_council(store, tmp_path):
    from docx import Document

    meeting = resident_case(store, "kvalitetsudvalg", "Kvalitetsudvalget")
    out = tmp_path / "udvalg.docx"
    assert main(["export", str(meeting.id), "--out", str(out)]) == 0
    document = Document(str(out))
    assert document.paragraphs[0].text == "Intern — indeholder personoplysninger"
    for section in document.sections:
        header = "\n".join(p.text for p in section.header.paragraphs)
        assert "Intern — indeholder personoplysninger" in header


def test_the_residents_councils_minutes_never_name_a_resident(store, tmp_path):
    meeting = resident_case(store, "bruger-og-paaroerenderaad", "Bruger- og pårørenderåd")
    for extra in ([], ["--include-internal"]):
        out = tmp_path / f"bpr{len(extra)}.md"
        assert main(["export", str(meeting.id), "--format", "md", "--out", str(out),
                     *extra]) == 0
        text = out.read_text(encoding="utf-8")
        assert "BC" not in text and "stue 4" not in text
        assert "Nye vaser i fællesstuen" in text
        assert "1 sag om en enkelt beboer er ikke med i dette referat" in text
        assert "indeholder personoplysninger" not in text


LISTINGS = [
    ["trials", "--status", "alle", "--format", "table"],
    ["trials", "--status", "alle", "--format", "json"],
    ["trials", "--status", "alle", "--format", "csv"],
    ["trials", "show", "P1"],
    ["search", "ringer", "--format", "table"],
    ["search", "tjek", "--format", "json"],
    ["indicators", "list", "--format", "json"],
    ["indicators", "show", "Fald", "--format", "json"],
]


@pytest.mark.parametrize("command", LISTINGS, ids=lambda c: "-".join(c[:2] + c[-1:]))
def test_every_other_listing_is_refused_then_redacted(store, capsys, command):
    """Trials, search hits and indicators print stored text too: the same guard."""
    from meetingtool.actions.indicators import define, record_value
    from meetingtool.actions.trials import start_trial

    council_id = store.meeting(store.meeting_id).council_id
    start_trial(store, council_id, f"Prøve for {NUMBERS['followup'][0]}", date(2027, 2, 1),
                owner=f"Hanne {NUMBERS['owner'][0]}")
    falls = define(store, council_id, "Fald", unit="fald",
                   owner=f"Ejer {NUMBERS['guest'][0]}")
    record_value(store, falls, date(2026, 11, 1), 3)
    assert main(command) == 2
    err = capsys.readouterr().err
    assert "CPR" in err and "ikke vist" in err
    assert not any(number in err for number, _ in NUMBERS.values())
    assert main([*command, "--redact"]) == 0, capsys.readouterr().err
    shown = capsys.readouterr().out
    assert "[CPR fjernet]" in shown
    assert not any(digits in digits_only(shown) for _, digits in NUMBERS.values())
    assert main([*command, "--allow-cpr"]) == 0
