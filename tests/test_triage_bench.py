"""The triage benchmark runs (``--quick``) and prints its records as JSON.

Only the shape is checked: timings depend on the machine, and the target (p95 <= 50 ms)
is reported by the benchmark itself in ``ok``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "triage_bench.py"


def test_quick_run_prints_json_records(tmp_path):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--json", "--days", "8", "--samples", "6",
         "--data", str(tmp_path / "bench")],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    by_measure = {record["measure"]: record for record in records}
    assert set(by_measure) == {"triage_open", "triage_rate_key", "triage_move_key"}
    for record in records:
        assert 0 < record["p50_ms"] <= record["p95_ms"]
        assert record["days"] == 8 and record["residents"] == 20
    assert by_measure["triage_rate_key"]["samples"] == 6
    assert by_measure["triage_rate_key"]["target_p95_ms"] == 50.0
    assert isinstance(by_measure["triage_rate_key"]["ok"], bool)
    # the history was really built: 8 earlier rounds and today's
    assert len(list((tmp_path / "bench" / "meetings").glob("meeting-*.json"))) == 9
