"""Shared fixtures. Every test gets its own data directory, so none touches a real home."""

from __future__ import annotations

import pytest

from meetingtool.core.locations import ENV_DATA


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """A fresh data directory, also set as MEETINGTOOL_DATA for code that reads the env."""
    path = tmp_path / "data"
    monkeypatch.setenv(ENV_DATA, str(path))
    return path
