"""Shared fixtures. Every test gets its own data directory, so none touches a real home."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from demo_day import DEMO_TODAY
from ui_thread import UiThreadCalls, install

from meetingtool.core.locations import ENV_DATA

try:  # The Pilot waits after every key until the process has been idle for one "tick" of
    # textual's idle check (20 ms, twice per key): typing a 20-letter follow-up took a
    # second. A 5 ms tick still waits for the screen to have handled the key (the Pilot
    # waits for every widget's message queue first) and typing costs a quarter.
    import textual._wait as textual_wait

    textual_wait.SLEEP_GRANULARITY = 0.005
except (ImportError, AttributeError):  # another Textual: its own timing
    pass


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """A fresh data directory, also set as MEETINGTOOL_DATA for code that reads the env."""
    path = tmp_path / "data"
    monkeypatch.setenv(ENV_DATA, str(path))
    # Tables printed by the CLI fit the terminal: give every test the same one, whether
    # pytest runs in a terminal or in an xdist worker (which has none).
    monkeypatch.setenv("COLUMNS", "120")
    return path


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory) -> Path:
    """The demo data set, built once per test process (it takes seconds): never change it,
    take a ``demo_copy``."""
    from meetingtool.actions.demo import build_demo

    folder = tmp_path_factory.mktemp("demo-built") / "demo"
    build_demo(folder, today=DEMO_TODAY)
    return folder


@pytest.fixture
def demo_copy(built_demo, tmp_path) -> Path:
    """A private copy of the demo data set, for a test to open and change."""
    folder = tmp_path / "demo"
    shutil.copytree(built_demo, folder)
    return folder


@pytest.fixture
def ui_thread_calls(monkeypatch) -> UiThreadCalls:
    """Notes every store method called on the main (the app's event loop) thread after
    ``start()``: a screen's store work belongs on the app's writer (issue 14)."""
    return install(monkeypatch)
