"""Shared fixtures. Every test gets its own data directory, so none touches a real home."""

from __future__ import annotations

import pytest

from meetingtool.core.locations import ENV_DATA


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """A fresh data directory, also set as MEETINGTOOL_DATA for code that reads the env."""
    path = tmp_path / "data"
    monkeypatch.setenv(ENV_DATA, str(path))
    # Tables printed by the CLI fit the terminal: give every test the same one, whether
    # pytest runs in a terminal or in an xdist worker (which has none).
    monkeypatch.setenv("COLUMNS", "120")
    return path
