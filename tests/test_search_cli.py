"""``meetingtool search``: table and JSON output, highlighted words, Danish errors."""

from __future__ import annotations

import json
from pathlib import Path

from search_data import fill

from meetingtool.cli import main
from meetingtool.store import open_store


def test_search_table_json_and_bad_date(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    fill(open_store(data))
    assert main(["search", "maaltider", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "1. september 2026 · Ældrerådet" in out
    assert "Beslutning 3-1: Rådet ønsker et fælles «måltid»." in out
    assert "4 fund." in out and "pauser" not in out and "hit" not in out
    assert main(["search", "pauser", "--include-internal", "--format", "json",
                 "--data", str(data)]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [h["kind"] for h in hits] == ["followup"] and hits[0]["internal"]
    assert hits[0]["highlighted"].endswith("«pauser».")
    assert main(["search", "måltid", "--from", "31/13", "--data", str(data)]) == 2
    assert "--from" in capsys.readouterr().err
    assert (data / "search-index.json").is_file()


def test_an_empty_search_asks_for_a_word(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    fill(open_store(data))
    for words in ([""], ["  ", "-"]):
        assert main(["search", *words, "--data", str(data)]) == 2
        assert "Skriv mindst ét ord" in capsys.readouterr().err
