"""mypy over the headless layers, with the settings in pyproject.toml ([tool.mypy]).

Strict for ``core/`` and ``store/``; ``actions/`` and ``export/`` as strict as they pass
today (see the overrides there). Run as a test so that the README's one test command also
checks the types.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["meetingtool/core", "meetingtool/store", "meetingtool/actions", "meetingtool/export"]


def test_mypy_finds_no_type_errors(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(tmp_path / "mypy-cache"), "--no-error-summary", *CHECKED],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
