"""``meetingtool indicators``: values entered and imported from CSV (good and bad files),
the run chart shown in the terminal and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from meetingtool.cli import main
from meetingtool.store import open_store


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    store = open_store(folder)
    store.ensure_council("Plejecenter Solbakken", "aeldreraad")
    return folder


def run(data: Path, *args: str) -> int:
    return main(["indicators", *args, "--data", str(data)])


def test_define_add_and_show(data: Path, capsys) -> None:
    assert run(data, "define", "Faldhændelser", "--proposal",
               "--council", "Plejecenter Solbakken") == 0
    for month in range(1, 13):
        value = "8,5" if month <= 5 else "2,25"
        assert run(data, "add", "faldhændelser", value, "--date", f"2026-{month:02d}-01",
                   "--council", "Plejecenter Solbakken") == 0
    capsys.readouterr()
    assert run(data, "show", "Faldhændelser", "--council", "Plejecenter Solbakken") == 0
    out = capsys.readouterr().out
    assert "Faldhændelser (pr. 1.000 plejedøgn)" in out
    assert "┤" in out  # plotext's axis
    assert "2,25" in out and "Median: 2,25" in out
    assert run(data, "show", "I1", "--format", "json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["runchart"]["points"] == 12
    assert len(shown["indicator"]["values"]) == 12


def test_import_good_file(data: Path, tmp_path: Path, capsys) -> None:
    run(data, "define", "Tryksår", "--council", "Plejecenter Solbakken")
    csv = tmp_path / "v.csv"
    csv.write_text("indikator;dato;værdi;nævner\nTryksår;2026-01-01;1,5;pr. 100 beboere\n"
                   "tryksår;1.2.2026;1.234,5;\n\n", encoding="utf-8")
    assert run(data, "import", str(csv), "--council", "Plejecenter Solbakken") == 0
    assert "2 værdier er indlæst" in capsys.readouterr().out
    values = open_store(data).indicators()[0].current()
    assert [(v.value, v.denominator) for v in values] == [(1.5, "pr. 100 beboere"),
                                                          (1234.5, "")]


def test_import_bad_file_names_lines_and_stores_nothing(data: Path, tmp_path: Path,
                                                         capsys) -> None:
    run(data, "define", "Tryksår", "--council", "Plejecenter Solbakken")
    csv = tmp_path / "v.csv"
    csv.write_text("indikator;dato;værdi\nTryksår;2026-01-01;1,5\nTryksår;31/13;2\n"
                   "Tryksår;2026-03-01;mange\n", encoding="utf-8")
    assert run(data, "import", str(csv)) == 2
    err = capsys.readouterr().err
    assert "Intet er gemt" in err
    assert "Linje 3: datoen '31/13'" in err and "Linje 4: værdien 'mange'" in err
    assert "Traceback" not in err
    unknown = tmp_path / "u.csv"
    unknown.write_text("indikator;dato;værdi\nTryksår;2026-01-01;1\nUkendt;2026-01-01;2\n",
                       encoding="utf-8")
    assert run(data, "import", str(unknown)) == 2
    assert "Linje 3: Indikatoren 'Ukendt' findes ikke" in capsys.readouterr().err
    header = tmp_path / "h.csv"
    header.write_text("navn,dato,værdi\n", encoding="utf-8")
    assert run(data, "import", str(header)) == 2
    assert "Linje 1" in capsys.readouterr().err
    assert open_store(data).indicators()[0].values == []


def test_correct_and_remove_keep_history(data: Path, capsys) -> None:
    run(data, "define", "Tryksår", "--council", "Plejecenter Solbakken")
    run(data, "add", "Tryksår", "3", "--date", "2026-01-01")
    run(data, "add", "Tryksår", "30", "--date", "2026-02-01")
    assert run(data, "correct", "Tryksår", "2", "3,5", "--comment", "tastefejl") == 0
    assert run(data, "remove", "Tryksår", "1") == 0
    capsys.readouterr()
    assert run(data, "show", "Tryksår", "--history") == 0
    out = capsys.readouterr().out
    assert "(fjernet)" in out and "var 30" in out and "tastefejl" in out


def test_help_names_the_values_in_danish(capsys) -> None:
    """``--help`` shows ENHED, NÆVNER, NAVN, TEKST: not argparse's English UNIT, OWNER."""
    import re

    for command in ("define", "add", "correct"):
        with pytest.raises(SystemExit):
            main(["indicators", command, "--help"])
        text = capsys.readouterr().out
        assert not re.search(r"\b(UNIT|COUNTS|DENOMINATOR|OWNER|COMMENT)\b", text), text


def test_add_says_the_value_with_its_unit(data: Path, capsys) -> None:
    assert run(data, "define", "Fald", "--unit", "fald", "--council", "Plejecenter Solbakken") == 0
    capsys.readouterr()
    assert run(data, "add", "Fald", "4", "--date", "2026-11-02",
               "--council", "Plejecenter Solbakken") == 0
    assert "Fald: 4 fald for 02.11.2026 er gemt (måling nr. 1)." in capsys.readouterr().out
