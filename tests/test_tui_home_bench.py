"""The TUI benchmark runs (``--quick``) and prints its figures as JSON records.

Only that it runs and reports is tested: the figures depend on the machine, so the targets
are for the README and for people, not a timed test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "tui_bench.py"


def test_quick_benchmark_prints_json_records(tmp_path):
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--json", "--records", "500",
         "--launches", "1", "--samples", "3", "--data", str(tmp_path / "bench")],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [record["measure"] for record in records] == [
        "minimal_launch", "home_launch", "key_next_item", "key_decision_saved"]
    for record in records:
        assert {"measure", "p50_ms", "p95_ms"} <= set(record)
        assert 0 < record["p50_ms"] <= record["p95_ms"]
    assert records[1]["target_p50_ms"] == pytest.approx(2 * records[0]["p50_ms"], abs=0.05)
    assert records[2]["target_p95_ms"] == 50.0
