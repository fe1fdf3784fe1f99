"""Minutes on paper: headings keep with their content, table headers repeat, Danish runs.

Asserted in the .docx XML (keepNext, tblHeader, w:lang on every run, the printed board's
shaded rows) and, where LibreOffice is installed, by rendering a long set to PDF and
reading every page's last line (pdftotext): none is a heading.
"""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from test_export_support import LONG_NOTE, sample_store

from meetingtool.core.model import MeetingItem
from meetingtool.export import collect_bundle, render

HEADING_STYLES = {"Title", "Heading 1", "Heading 2"}


def long_store():
    """The November meeting with 14 more items of uneven length (a four-page set)."""
    store = sample_store()
    meeting = store.meetings_by_id[2]
    for number in range(14):
        words = LONG_NOTE if number % 3 == 0 else "Kort drøftelse. " * (4 + 9 * number)
        meeting.items.append(MeetingItem(10 + number, f"Punkt om emne {number + 1}", 10,
                                         used_seconds=600, notes=words))
    return store


def document_of(store, **options):
    return Document(io.BytesIO(render(collect_bundle(store, 2), "docx", **options)))


def test_headings_keep_with_next_and_table_headers_repeat():
    document = document_of(long_store(), include_internal=True)
    headings = [p for p in document.paragraphs if p.style.name in HEADING_STYLES]
    assert len(headings) > 15
    for paragraph in headings:
        assert paragraph._p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None, \
            paragraph.text
    # tables with a header row (bold); the facts under the title are label/value pairs
    tables = [t for t in document.tables if len(t.rows) > 1
              and t.rows[0]._tr.find(f".//{qn('w:b')}") is not None
              and t.rows[1]._tr.find(f".//{qn('w:b')}") is None]
    assert len(tables) >= 3
    for table in tables:
        first = table.rows[0]._tr
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_every_run_of_the_body_is_danish():
    document = document_of(long_store())
    runs = [r for r in document.element.body.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    assert runs
    for run in runs:
        lang = run.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        assert lang is not None and lang.get(qn("w:val")) == "da-DK", run.xml[:200]


def test_the_printed_board_shades_red_and_yellow_rows():
    document = Document(io.BytesIO(render(collect_bundle(sample_store("triage"), 2), "docx")))
    board = next(t for t in document.tables if t.rows[0].cells[0].text == "Beboer")
    fills = []
    for row in board.rows:
        shd = row._tr.find(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:shd')}")
        fills.append(None if shd is None else shd.get(qn("w:fill")))
    marks = [row.cells[1].text for row in board.rows]
    assert marks == ["Farve", "● Rød", "▲ Gul", "■ Grøn"]
    assert fills[0] is None and fills[3] is None
    assert fills[1] and fills[2] and fills[1] != fills[2]
    assert board.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) eller pdftotext er ikke installeret")
def test_no_page_of_a_long_set_ends_with_a_heading(tmp_path):
    store = long_store()
    source = tmp_path / "referat.docx"
    source.write_bytes(render(collect_bundle(store, 2), "docx", include_internal=True))
    heading_texts = {p.text.strip() for p in Document(str(source)).paragraphs
                     if p.style.name in HEADING_STYLES and p.text.strip()}
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "referat.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 4
    for number, page in enumerate(pages[:-1], start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith("Side ")]  # the footer
        assert body[-1] not in heading_texts, f"side {number} slutter med {body[-1]!r}"
