"""The indicators discussed in a meeting, in its minutes: a PNG run chart in the .docx (read
back), alt text, the values table, the same in Markdown and JSON, the CPR guard on labels,
and the time a chart adds to an export (measured cold, in a new process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from meetingtool.actions.indicators import define, record_value
from meetingtool.core.model import AgendaTemplate, TemplateItem
from meetingtool.export import export_minutes
from meetingtool.export.cpr_guard import CprFoundError
from meetingtool.store import open_store

VALUES = [8.5, 9, 8, 9.5, 8.5, 9, 8, 9, 3, 2.5, 3, 2, 2.5, 3]


def _meeting(tmp_path: Path, receives: bool = True, name: str = "Faldhændelser"):
    store = open_store(tmp_path / "data")
    council = store.ensure_council("Plejecenter Solbakken", "aeldreraad")
    items = [TemplateItem("Velkomst", 5),
             TemplateItem("Kvalitetstavlen", 15,
                          receives=["indikatorer"] if receives else [])]
    template = AgendaTemplate(kind="aeldreraad", title="Kvalitetsmøde", items=items)
    meeting = store.create_meeting(council.id, template, date(2026, 12, 1))
    falls = define(store, council.id, name, unit="fald", denominator="pr. 1.000 plejedøgn")
    for month, value in enumerate(VALUES):
        record_value(store, falls, date(2025 + (month + 10) // 12, (month + 10) % 12 + 1, 1),
                     value)
    record_value(store, falls, date(2027, 3, 1), 99)  # after the meeting: not shown
    return store, meeting


def test_docx_holds_the_chart_with_alt_text_and_values(tmp_path: Path) -> None:
    store, meeting = _meeting(tmp_path)
    path = export_minutes(store, meeting.id, "docx", out=tmp_path / "r.docx")
    document = Document(str(path))
    images = [rel for rel in document.part.rels.values() if "image" in rel.reltype]
    assert len(images) == 1
    assert images[0].target_part.blob.startswith(b"\x89PNG")
    xml = document.element.body.xml
    assert 'descr="Seriediagram for Faldhændelser: 14 målinger' in xml
    assert "Skift: 6 målinger i træk under medianen" in xml
    texts = [p.text for p in document.paragraphs]
    assert "Indikatorer" in texts
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "01.11.2025" in cells and "2,5" in cells and "99" not in cells


def test_markdown_and_json_show_the_same(tmp_path: Path) -> None:
    store, meeting = _meeting(tmp_path)
    md = export_minutes(store, meeting.id, "md", out=tmp_path / "r.md").read_text("utf-8")
    assert "![Seriediagram for Faldhændelser" in md and "data:image/png;base64," in md
    record = json.loads(export_minutes(store, meeting.id, "json",
                                       out=tmp_path / "r.json").read_text("utf-8"))
    shown = record["indicators"][0]
    assert shown["name"] == "Faldhændelser" and len(shown["values"]) == 14
    assert shown["signal"] and shown["chart_alt"].startswith("Seriediagram")


def test_no_receiving_item_no_indicators(tmp_path: Path) -> None:
    store, meeting = _meeting(tmp_path, receives=False)
    record = json.loads(export_minutes(store, meeting.id, "json",
                                       out=tmp_path / "r.json").read_text("utf-8"))
    assert "indicators" not in record


def test_cpr_in_a_label_is_stopped(tmp_path: Path) -> None:
    store, meeting = _meeting(tmp_path, name="Fald 010203-1234")
    with pytest.raises(CprFoundError):
        export_minutes(store, meeting.id, "docx", out=tmp_path / "r.docx")
    redacted = export_minutes(store, meeting.id, "docx", out=tmp_path / "x.docx", redact=True)
    xml = Document(str(redacted)).element.body.xml
    assert "010203-1234" not in xml and "[CPR fjernet]" in xml


def _timed_export(data: Path, meeting_id: int, out: Path) -> float:
    code = ("import time, sys; t = time.process_time();"
            "from meetingtool.store import open_store; from meetingtool.export import "
            "export_minutes; s = open_store(sys.argv[1]);"
            "export_minutes(s, int(sys.argv[2]), 'docx', out=sys.argv[3]);"
            "print(time.process_time() - t)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    run = subprocess.run([sys.executable, "-c", code, str(data), str(meeting_id), str(out)],
                         capture_output=True, text=True, env=env, check=True)
    return float(run.stdout.strip())
