"""Markdown and JSON minutes, the CPR guard, and file naming (no store needed)."""

from __future__ import annotations

import copy
import json
import sys
from datetime import date

import pytest
from test_export_support import KILDEHAVEN, LONG_NOTE, TELL_OTHERS, sample_bundle, sample_store

from meetingtool.core.errors import MeetingToolError
from meetingtool.export import collect_bundle, render
from meetingtool.export.cpr_guard import CprFoundError, check, find_cpr_places, redact
from meetingtool.export.naming import default_name, target_path, write_new


def markdown(bundle, **options):
    return render(bundle, "md", **options).decode("utf-8")


# -- Markdown --------------------------------------------------------------------------------


def test_markdown_has_the_same_sections_as_the_docx():
    text = markdown(sample_bundle())
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        f"# Referat: {KILDEHAVEN}",
        "## Kort fortalt",
        "## Fremmøde",
        "## Dagsordenspunkter",
        "### 1. Velkomst og godkendelse af dagsorden",
        "### 2. Godkendelse af referat",
        "### 3. Tema: Mad og måltider",
        "### 4. Eventuelt",
        f"### 5. {TELL_OTHERS}",
        "## Opfølgning fra tidligere møder",
        "## Sager sendt videre",
        "## Åbne opfølgningspunkter",
        "## Næste møde",
    ]
    assert "- **Dato:** 22. november 2026" in text
    assert "- **Tid:** 14.00–15.42" in text
    assert ("**Til stede:** Åse Øgaard (Formand), Bent Ærtebjerg (Referent), "
            "Erik Køkken (Gæst)") in text
    assert "**Afbud:** Carla Ødum (Pårørende)" in text
    assert "**Beslutning:** Køkkenet inviteres igen i foråret med nye æøå-retter." in text
    assert "| Indkøb af nye tallerkener | Bent Ærtebjerg | 15.12.2026 | Åben |" in text
    assert "| Busudflugt planlægges | Frivillige | 03.09.2026 | Overført (3. gang) |" in text
    assert LONG_NOTE in text
    assert "Maden bliver bedre.  \nVi prøver nye retter." in text
    assert "> - Der serveres grøntsager til alle måltider." in text
    assert "Enkeltsag" not in text


def test_markdown_internal_section_and_table_escaping():
    store = sample_store()
    store.followup_list[0].text = "Vælg A | B"
    text = markdown(collect_bundle(store, 2), include_internal=True)
    assert "## Interne opfølgningspunkter" in text
    assert "| Enkeltsag: fru Hansens kost | Centerleder | 01.12.2026 | Åben |" in text
    assert "| Vælg A \\| B | Bent Ærtebjerg |" in text


def test_markdown_triage_board_and_no_kort_fortalt():
    text = markdown(sample_bundle("triage"))
    assert text.startswith("**Intern — indeholder personoplysninger**")
    assert "Kort fortalt" not in text
    assert "| AB, stue 12 | ● Rød | – → Rød | Faldt i nat | Sygeplejefaglig vurdering | " \
           "Sygeplejerske Åse | 23.11.2026 |" in text


# -- JSON --------------------------------------------------------------------------------------


def test_json_structure_with_iso_dates():
    data = json.loads(render(sample_bundle(), "json"))
    assert data["date"] == "2026-11-22"
    assert data["start_time"] == "14:00"
    assert data["kind_label"] == "Bruger- og pårørenderåd"
    assert [a["presence"] for a in data["attendance"]] == [
        "til_stede", "til_stede", "afbud", "fravaerende", "til_stede"
    ]
    tema = data["items"][2]
    assert tema["number"] == 3 and tema["planned_minutes"] == 30 and tema["used_minutes"] == 38
    assert [d["text"] for d in tema["decisions"]][0] == "Der serveres grøntsager til alle måltider."
    assert tema["followups"][0]["due"] == "2026-12-15"
    assert all(not f["internal"] for item in data["items"] for f in item["followups"])
    assert {r["outcome"] for r in data["followups_reviewed"]} == {
        "udfoert", "udgaaet", "ny_frist", "overfoert"
    }
    assert data["escalations_out"][0]["other_council"] == "Kvalitetsudvalg Viborg"
    assert data["previous_meeting"]["approval"]["approved_on"] == "2026-11-22"
    assert data["next_meeting"] == "2027-02-25"


def test_json_include_internal_and_no_times():
    data = json.loads(render(sample_bundle(), "json", include_internal=True, include_times=False))
    texts = [f["text"] for f in data["items"][2]["followups"]]
    assert "Enkeltsag: fru Hansens kost" in texts
    assert "planned_minutes" not in data["items"][0]


def test_json_triage_entries():
    data = json.loads(render(sample_bundle("triage"), "json"))
    assert {(t["resident"], t["colour"]) for t in data["triage"]} == {
        ("AB, stue 12", "roed"), ("KØ, stue 14", "groen"), ("stue 7", "gul")
    }


# -- CPR guard ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cpr", ["010203-1234", "0102031234", "010203 1234", "010203/1234",
                                 "010203.1234", "290200-4321", "311299-0001"])
def test_cpr_found_in_each_form(cpr):
    store = sample_store()
    store.decision_list[1].text = f"Sagen om {cpr} tages op"
    with pytest.raises(CprFoundError) as caught:
        check(collect_bundle(store, 2))
    assert caught.value.places == ['punkt 3 "Tema: Mad og måltider", beslutning 2']
    assert cpr not in caught.value.message
    assert "--redact" in caught.value.message and "--allow-cpr" in caught.value.message


@pytest.mark.parametrize("text", ["Ring 12 34 56 78", "+45 12345678", "Mødet 2026-12-01 kl. 14.30",
                                  "Beløb 1.234.567,00 kr.", "Sag 320103-1234 afvist",
                                  "Ordre 0102031234567", "Telefon 87 87 87 87"])
def test_cpr_lookalikes_pass(text):
    store = sample_store()
    store.decision_list[1].text = text
    check(collect_bundle(store, 2))  # no error


def test_cpr_places_everywhere_and_redaction_leaves_the_original():
    store = sample_store()
    meeting = store.meetings_by_id[2]
    meeting.items[2].notes = "Borger 010203-1234 nævnt"
    meeting.items[2].title = "Tema 0102031234"
    meeting.attendance[3].name = "Dorte 111111-1118"
    store.followup_list[0].text = "Ring til 020304 5678"
    store.followup_list[1].owner = "050505-5555"  # internal: only when included
    store.followup_list[1].history[-1].owner = "050505-5555"  # as the store records it
    store.followup_list[3].history[1].comment = "Set 151515-1515"  # not a date: day 15, month 15
    bundle = collect_bundle(store, 2)
    places = find_cpr_places(bundle)
    assert 'punkt 3 "Tema [CPR fjernet]", noter' in places
    assert 'punkt 3 "Tema [CPR fjernet]", titel' in places
    assert "fremmøde, deltager 4" in places
    assert 'punkt 3 "Tema [CPR fjernet]", opfølgningspunkt 2-1, tekst' in places
    assert not any("2-2" in place for place in places)
    assert not any("1-1" in place for place in places)
    assert any("2-2" in place for place in find_cpr_places(bundle, include_internal=True))

    original = copy.deepcopy(bundle)
    cleaned = redact(bundle)
    assert bundle == original
    assert find_cpr_places(cleaned, include_internal=True) == []
    assert cleaned.meeting.items[2].notes == "Borger [CPR fjernet] nævnt"
    assert cleaned.followups_created[0].text == "Ring til [CPR fjernet]"
    docx_text = render(cleaned, "md", include_internal=True).decode()
    assert "010203" not in docx_text and "[CPR fjernet]" in docx_text


# -- naming --------------------------------------------------------------------------------------


def test_default_names():
    bundle = sample_bundle()
    assert default_name(bundle.meeting, "docx") == f"2026-11-22 Referat {KILDEHAVEN}.docx"
    triage = sample_bundle("triage").meeting
    triage.council_name = "Afdeling Birk"
    assert default_name(triage, "md") == "2026-11-22 Referat Triagemøde Afdeling Birk.md"
    triage.council_name = 'Team "Nord/Syd": *alle*?'
    assert default_name(triage, "json") == (
        "2026-11-22 Referat Triagemøde Team -Nord-Syd-- -alle--.json"
    )


def test_target_path_defaults_to_exports_of_the_working_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    meeting = sample_bundle().meeting
    assert target_path(meeting, "docx", None) == (
        tmp_path / "exports" / f"2026-11-22 Referat {KILDEHAVEN}.docx"
    )
    assert target_path(meeting, "md", tmp_path) == tmp_path / f"2026-11-22 Referat {KILDEHAVEN}.md"
    assert target_path(meeting, "md", tmp_path / "x.md") == tmp_path / "x.md"


def test_target_path_reads_out_as_a_secretary_means_it(tmp_path):
    meeting = sample_bundle().meeting
    new_folder = f"{tmp_path}/ny/mappe/"
    assert target_path(meeting, "docx", new_folder) == (
        tmp_path / "ny" / "mappe" / f"2026-11-22 Referat {KILDEHAVEN}.docx"
    )
    assert target_path(meeting, "docx", tmp_path / "referat") == tmp_path / "referat.docx"
    assert target_path(meeting, "md", tmp_path / "Referat.MD") == tmp_path / "Referat.MD"
    assert target_path(meeting, "md", tmp_path / "referat.v2") == tmp_path / "referat.v2.md"
    assert target_path(meeting, "docx", tmp_path / "Referat 1.9.2026") == (
        tmp_path / "Referat 1.9.2026.docx")
    with pytest.raises(MeetingToolError, match=r"--out forkert.docx er en docx-fil, men der "
                       r"skrives md\. Brug et filnavn, der slutter på \.md"):
        target_path(meeting, "md", tmp_path / "forkert.docx")


def test_write_new_never_overwrites(tmp_path):
    path = tmp_path / "sub" / "Referat.docx"
    assert write_new(path, b"1") == path
    assert write_new(path, b"2") == tmp_path / "sub" / "Referat (2).docx"
    assert write_new(path, b"3") == tmp_path / "sub" / "Referat (3).docx"
    assert [p.read_bytes() for p in sorted((tmp_path / "sub").iterdir())] == [b"2", b"3", b"1"]
    assert {p.stat().st_mode & 0o777 for p in (tmp_path / "sub").iterdir()} == {0o600}
    assert (tmp_path / "sub").stat().st_mode & 0o777 == 0o700
    deep = tmp_path / "a" / "b" / "c.md"
    write_new(deep, b"x")
    assert {(tmp_path / "a").stat().st_mode & 0o777,
            (tmp_path / "a" / "b").stat().st_mode & 0o777} == {0o700}


def test_export_package_never_imports_textual_tinydb_or_store():
    import subprocess

    code = (
        "import sys, meetingtool.export, meetingtool.export.docx_minutes, "
        "meetingtool.export.markdown, meetingtool.export.json_export;"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('textual','tinydb') "
        "or m.startswith('meetingtool.store') or m.startswith('meetingtool.tui')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_next_meeting_unknown():
    store = sample_store()
    store.meetings_by_id[2].next_meeting = None
    bundle = collect_bundle(store, 2)
    assert bundle.next_meeting is None
    assert markdown(bundle).rstrip().endswith("Ikke fastsat.")
    assert date(2027, 2, 25).isoformat() not in render(bundle, "json").decode()


def test_template_warning_without_a_list_is_a_python_warning(tmp_path):
    from test_export_docx import make_template

    from meetingtool.export import ExportWarning, export_minutes

    template = make_template(tmp_path / "hus.docx", drop_styles=("Subtitle",))
    with pytest.warns(ExportWarning) as caught:
        path = export_minutes(sample_store(), 2, out=tmp_path, template=template)
    assert path.exists()
    messages = [str(warning.message) for warning in caught]
    assert len(messages) == 2
    assert any('"Subtitle"' in message for message in messages)
    assert any("brødtekst (1 afsnit)" in message for message in messages)
