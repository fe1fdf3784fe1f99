"""The TUI benchmark runs (``--quick``) and prints its figures as JSON records.

Only that it runs and reports is tested: the figures depend on the machine, so the targets
are for the README and for people, not a timed test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "tui_bench.py"


def test_quick_benchmark_prints_json_records(tmp_path):
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--json", "--samples", "1",
         "--data", str(tmp_path / "bench")],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [record["key"] for record in records] == [
        "mellemrum", "n", "p", "+", "b", "o", "v", "x"]
    for record in records:
        assert {"key", "history", "p50_ms", "p95_ms", "floor_p95_ms"} <= set(record)
        assert record["history"] == 1000
        assert 0 < record["p50_ms"] <= record["p95_ms"]
        assert record["floor_p95_ms"] > 0
