"""The .docx minutes, read back with python-docx: structure, text, styles and properties."""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
from datetime import datetime

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from test_export_support import KILDEHAVEN, LONG_NOTE, TELL_OTHERS, sample_bundle, sample_store

from meetingtool.export import collect_bundle, render

NOW = datetime(2026, 11, 22, 16, 5)


def docx_of(bundle, **options):
    data = render(bundle, "docx", now=NOW, **options)
    return Document(io.BytesIO(data))


def blocks(document):
    """Body paragraphs and tables in order, as (style name, text or rows)."""
    found = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            found.append((block.style.name, block.text))
        elif isinstance(block, Table):
            found.append(("table", [[cell.text for cell in row.cells] for row in block.rows]))
    return found


def headings(document, level):
    return [text for style, text in blocks(document) if style == f"Heading {level}"]


def tables(document):
    return [rows for style, rows in blocks(document) if style == "table"]


def table_after(document, heading):
    seen = False
    for style, value in blocks(document):
        if style.startswith("Heading") and value == heading:
            seen = True
        elif seen and style == "table":
            return value
    raise AssertionError(f"no table after {heading!r}")


def all_text(document):
    parts = []
    for style, value in blocks(document):
        if style == "table":
            parts.extend(cell for row in value for cell in row)
        else:
            parts.append(value)
    return "\n".join(parts)


def test_title_facts_and_headings():
    document = docx_of(sample_bundle())
    found = blocks(document)
    assert ("Title", "Referat") in found
    assert ("Subtitle", KILDEHAVEN) in found
    facts = dict(tables(document)[0])
    assert facts["Råd"] == KILDEHAVEN
    assert facts["Mødetype"] == "Bruger- og pårørenderåd"
    assert facts["Dato"] == "22. november 2026"
    assert facts["Tid"] == "14.00–15.42"
    assert facts["Sted"] == "Fælleshuset, Kildehaven"
    assert facts["Mødeleder"] == "Åse Øgaard"
    assert facts["Referent"] == "Bent Ærtebjerg"
    assert facts["Status"] == "Udkast"
    assert headings(document, 1) == [
        "Fremmøde",
        "Dagsordenspunkter",
        "Opfølgning fra tidligere møder",
        "Sager sendt videre",
        "Åbne opfølgningspunkter",
        "Næste møde",
    ]
    assert headings(document, 2) == [
        "1. Velkomst og godkendelse af dagsorden",
        "2. Godkendelse af referat",
        "3. Tema: Mad og måltider",
        "4. Eventuelt",
        f"5. {TELL_OTHERS}",
    ]
    assert "Referat fra mødet 3. september 2026: godkendt uden rettelser." in all_text(document)
    assert "25. februar 2027." in [text for _, text in found]


def test_approved_minutes_say_so():
    store = sample_store()
    store.meetings_by_id[2].approval = copy.deepcopy(store.meetings_by_id[1].approval)
    document = docx_of(collect_bundle(store, 2))
    assert dict(tables(document)[0])["Status"] == "Godkendt 22. november 2026"


def test_attendance_lists_by_presence_with_roles():
    found = blocks(docx_of(sample_bundle()))
    start = found.index(("Heading 1", "Fremmøde"))
    end = found.index(("Heading 1", "Dagsordenspunkter"))
    section = found[start + 1:end]
    assert section == [
        ("Normal", "Til stede"),
        ("List Bullet", "Åse Øgaard (Formand)"),
        ("List Bullet", "Bent Ærtebjerg (Referent)"),
        ("List Bullet", "Erik Køkken (Gæst)"),
        ("Normal", "Afbud"),
        ("List Bullet", "Carla Ødum (Pårørende)"),
        ("Normal", "Fraværende"),
        ("List Bullet", "Dorte Ås (Beboer)"),
    ]


def test_each_decision_and_followup_row_with_danish_letters():
    document = docx_of(sample_bundle())
    texts = [text for _, text in blocks(document)]
    for decision in (
        "Beslutning: Der serveres grøntsager til alle måltider.",
        "Beslutning: Køkkenet inviteres igen i foråret med nye æøå-retter.",
        "Beslutning: Dagsordenen er godkendt.",
    ):
        assert decision in texts
    rows = table_after(document, "3. Tema: Mad og måltider")
    assert rows == [
        ["Hvad", "Ansvarlig", "Frist", "Status"],
        ["Indkøb af nye tallerkener", "Bent Ærtebjerg", "15.12.2026", "Åben"],
        ["Måltider om aftenen for sent", "–", "–", "I gang"],
    ]
    assert "ÆØÅ" not in all_text(document)  # nothing upper-cased by accident
    assert "Køkkenleder Ærø" in all_text(document)


def test_item_times_long_notes_and_empty_items():
    document = docx_of(sample_bundle())
    texts = [text for _, text in blocks(document)]
    assert "Oplæg: Køkkenleder Ærø · Planlagt 30 min · brugt 38 min" in texts
    assert LONG_NOTE in texts
    after = texts.index("4. Eventuelt")
    assert texts[after + 1:after + 3] == ["Planlagt 5 min", "Ingen bemærkninger."]
    # \x0b from Word became a line break, not a crash
    assert "Maden bliver bedre.\nVi prøver nye retter." in texts


def test_no_times_option():
    texts = [text for _, text in blocks(docx_of(sample_bundle(), include_times=False))]
    assert "Oplæg: Køkkenleder Ærø" in texts
    assert not any("Planlagt" in text for text in texts)


def test_review_escalation_and_open_tables():
    document = docx_of(sample_bundle())
    assert table_after(document, "Opfølgning fra tidligere møder") == [
        ["Hvad", "Ansvarlig", "Aftalt", "Resultat"],
        ["Ny aktivitetskalender", "Åse", "03.09.2026", "Udført: Hængt op"],
        ["Sangaften", "–", "03.09.2026", "Udgået: Ingen tilmeldte"],
        ["Havebænke males", "Pedel", "03.09.2026", "Ny frist 15. januar 2027"],
        ["Busudflugt planlægges", "Frivillige", "03.09.2026", "Overført (3. gang)"],
    ]
    assert table_after(document, "Sager sendt videre")[1] == [
        "Måltider om aftenen for sent", "Til Kvalitetsudvalg Viborg",
        "Kræver ændret arbejdsgang", "Åben",
    ]
    open_rows = table_after(document, "Åbne opfølgningspunkter")
    assert [row[0] for row in open_rows[1:]] == [
        "Indkøb af nye tallerkener", "Havebænke males", "Busudflugt planlægges",
        "Måltider om aftenen for sent",
    ]


def test_internal_followups_only_when_asked():
    hidden = docx_of(sample_bundle())
    assert "Enkeltsag" not in all_text(hidden)
    assert "Interne opfølgningspunkter" not in headings(hidden, 1)
    shown = docx_of(sample_bundle(), include_internal=True)
    assert table_after(shown, "Interne opfølgningspunkter") == [
        ["Hvad", "Ansvarlig", "Frist", "Status"],
        ["Enkeltsag: fru Hansens kost", "Centerleder", "01.12.2026", "Åben"],
    ]
    # still not in the item's table, nor in the public open list
    assert all("Enkeltsag" not in row[0] for row in table_after(shown, "3. Tema: Mad og måltider"))
    assert all("Enkeltsag" not in row[0] for row in table_after(shown, "Åbne opfølgningspunkter"))


def test_kort_fortalt_box_first_with_page_break():
    document = docx_of(sample_bundle())
    body = list(document.iter_inner_content())
    box = next(block for block in body if isinstance(block, Table) and len(block.columns) == 1)
    cell = box.rows[0].cells[0]
    texts = [(p.style.name, p.text) for p in cell.paragraphs]
    assert texts[0] == ("Heading 1", "Kort fortalt")
    assert ("Normal", "Maden bliver bedre.\nVi prøver nye retter.") in texts
    assert ("List Bullet", "Der serveres grøntsager til alle måltider.") in texts
    assert ("List Bullet", "Næste møde er 25. februar 2027.") in texts
    # approving the agenda is procedure, not news for the residents
    assert ("List Bullet", "Dagsordenen er godkendt.") not in texts
    assert all("Enkeltsag" not in text for _, text in texts)
    after_box = body[body.index(box) + 1]
    assert after_box._p.xpath(".//w:br[@w:type='page']")
    attendance = next(b for b in body if isinstance(b, Paragraph) and b.text == "Fremmøde")
    assert body.index(box) < body.index(attendance)


@pytest.mark.parametrize("kind", ["kvalitetsraad", "triage", "tvaergaaende-kvalitetsraad"])
def test_kort_fortalt_only_for_residents_council(kind):
    document = docx_of(sample_bundle(kind))
    assert "Kort fortalt" not in all_text(document)
    for table in document.tables:
        assert all("Kort fortalt" not in cell.text for row in table.rows for cell in row.cells)


def test_triage_minutes_are_marked_internal_with_board_table():
    document = docx_of(sample_bundle("triage"))
    first = document.paragraphs[0]
    assert first.text == "Intern — indeholder personoplysninger"
    assert "Intern — indeholder personoplysninger" in document.sections[0].header.paragraphs[0].text
    assert table_after(document, "Triagetavle") == [
        ["Beboer", "Farve", "Tendens", "Ændring", "Handling", "Ansvarlig", "Frist"],
        # the trend: not rated at the team's previous meeting, red now
        ["AB, stue 12", "● Rød", "– → Rød", "Faldt i nat", "Sygeplejefaglig vurdering",
         "Sygeplejerske Åse", "23.11.2026"],
        ["stue 7", "▲ Gul", "– → Gul", "Spiser mindre", "Vejes dagligt", "SSA Ørum", "–"],
        ["KØ, stue 14", "■ Grøn", "– → Grøn", "–", "–", "–", "–"],
    ]
    assert "Sager sendt videre" in headings(document, 1)


def test_page_setup_language_footer_and_properties():
    document = docx_of(sample_bundle())
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Side ") and " af " in footer.text
    instructions = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    langs = {el.get(qn("w:val")) for el in document.styles.element.iter(qn("w:lang"))}
    assert langs == {"da-DK"}
    props = document.core_properties
    assert props.author == "Bent Ærtebjerg"
    assert props.title == f"Referat – {KILDEHAVEN}, 22. november 2026"
    assert props.created.replace(tzinfo=None) == NOW
    assert props.language == "da-DK"
    assert "python-docx" not in (props.comments or "")
    assert document.styles["Table Grid"] is not None
    assert all(t.style.name == "Table Grid" for t in document.tables[1:])


def test_control_characters_are_stripped():
    store = sample_store()
    meeting = store.meetings_by_id[2]
    meeting.items[3].notes = "Før\x00 efter\x07 og\x1b slut\x0cny side"
    store.decision_list[0].text = "Beslutning\x0b med linjeskift\x01"
    document = docx_of(collect_bundle(store, 2))
    texts = [text for _, text in blocks(document)]
    assert "Før efter og slut\nny side" in texts
    assert "Beslutning: Beslutning\n med linjeskift" in texts


def test_export_does_not_change_the_bundle_or_store():
    store = sample_store()
    before = copy.deepcopy(store.__dict__)
    bundle = collect_bundle(store, 2)
    snapshot = copy.deepcopy(bundle)
    render(bundle, "docx", now=NOW, include_internal=True)
    assert bundle == snapshot
    assert store.__dict__ == before


def make_template(path, *, drop_styles=()):
    """A house template: letterhead in the header, some body text, optionally fewer styles."""
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Viborg Kommune – Sundhed og Omsorg"
    template.sections[0].footer.paragraphs[0].text = "Kildehaven · Tlf. 87 87 87 87"
    template.add_paragraph("Skabelonens eksempeltekst, som skal væk")
    styles = template.styles.element
    for name in drop_styles:
        style = template.styles[name]
        styles.remove(style.element)
    template.save(path)
    return path


def test_template_keeps_header_footer_and_drops_its_body(tmp_path):
    template = make_template(tmp_path / "skabelon.docx")
    warnings = []
    document = docx_of(sample_bundle(), template=template, warnings=warnings)
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Viborg Kommune – Sundhed og Omsorg"
    assert section.footer.paragraphs[0].text == "Kildehaven · Tlf. 87 87 87 87"
    # The house footer had no page number: "Side X af Y" is added below its own line.
    page_line = section.footer.paragraphs[-1]
    assert page_line.text.startswith("Side ") and " af " in page_line.text
    assert [t.text.strip() for t in page_line._p.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
    assert "Skabelonens eksempeltekst" not in all_text(document)
    assert "Fremmøde" in headings(document, 1)
    assert warnings == [
        "Skabelonens brødtekst (1 afsnit) er ikke taget med; et brevhoved skal ligge i "
        "skabelonens sidehoved for at komme med."
    ]


def test_template_with_its_own_page_number_keeps_it(tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = tmp_path / "nummereret.docx"
    template = Document()
    footer = template.sections[0].footer.paragraphs[0]
    footer.text = "Side "
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "/>'))
    template.save(path)
    document = docx_of(sample_bundle(), template=path, warnings=[])
    assert len(document.sections[0].footer.paragraphs) == 1
    assert not list(document.sections[0].footer._element.iter(qn("w:instrText")))


def test_a_line_before_a_table_stays_with_it():
    document = docx_of(sample_bundle())
    body = list(document.element.body)
    tables = [index for index, element in enumerate(body) if element.tag == qn("w:tbl")]
    intro = body[tables[-1] - 1]
    assert "".join(intro.itertext()).startswith("Alle åbne opfølgningspunkter")
    assert intro.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None


def test_author_is_one_line_without_control_characters():
    store = sample_store()
    store.meetings_by_id[2].secretary = "Karen\x0b Nielsen\n"
    assert docx_of(collect_bundle(store, 2)).core_properties.author == "Karen Nielsen"


def test_template_missing_styles_fall_back_with_warning(tmp_path):
    template = make_template(tmp_path / "skabelon.docx", drop_styles=("List Bullet", "Subtitle"))
    warnings = []
    document = docx_of(sample_bundle(), template=template, warnings=warnings)
    assert 'Skabelonen mangler typografien "List Bullet"; bruger "List Paragraph" i stedet.' in (
        warnings
    )
    assert any('"Subtitle"' in warning for warning in warnings)
    assert len(warnings) == 3  # each missing style reported once, and the dropped body
    assert ("List Paragraph", "\u2022 Åse Øgaard (Formand)") in blocks(document)


def test_template_that_is_not_a_docx(tmp_path):
    from meetingtool.core.errors import MeetingToolError

    bad = tmp_path / "skabelon.docx"
    bad.write_text("ikke et word-dokument")
    with pytest.raises(MeetingToolError, match="kan ikke læses"):
        render(sample_bundle(), "docx", template=bad)
    with pytest.raises(MeetingToolError, match="findes ikke"):
        render(sample_bundle(), "docx", template=tmp_path / "mangler.docx")


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) er ikke installeret"
)
def test_libreoffice_converts_to_pdf(tmp_path):
    source = tmp_path / "referat.docx"
    source.write_bytes(render(sample_bundle(), "docx", include_internal=True))
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=120,
    )
    pdf = tmp_path / "referat.pdf"
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert pdf.stat().st_size > 10_000


def test_a_narrow_house_template_keeps_dates_on_one_line(tmp_path):
    from docx.shared import Mm

    path = tmp_path / "smal.docx"
    template = Document()
    section = template.sections[0]
    section.page_width, section.left_margin, section.right_margin = Mm(190), Mm(25), Mm(25)
    template.save(path)
    document = docx_of(sample_bundle(), template=path, warnings=[])
    for table in document.tables[1:]:
        header = [cell.text for cell in table.rows[0].cells]
        for column, title in enumerate(header):
            if title in ("Frist", "Aftalt"):
                assert table.columns[column].cells[0].width >= Mm(27) - 635, title

