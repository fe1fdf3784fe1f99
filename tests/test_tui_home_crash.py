"""When things go wrong: a crash is logged without local variables and exits non-zero;
SIGTERM and SIGHUP end the app cleanly with everything saved."""

from __future__ import annotations

import os
import signal
import stat
from datetime import date, datetime

import pytest
from waiting import until

from meetingtool.core.agenda import load_agenda, resolve_template
from meetingtool.core.locations import log_file
from meetingtool.store import Store, open_store
from meetingtool.tui import app as app_module
from meetingtool.tui.app import CRASH_STATUS, MeetingToolApp, run_app
from meetingtool.tui.screens.home import HomeScreen
from meetingtool.tui.screens.meeting import MeetingScreen


def wall() -> datetime:
    return datetime(2026, 11, 22, 14, 0)


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(data_dir) -> Store:
    return open_store(data_dir, now=wall)


def test_a_crash_writes_the_traceback_without_locals_and_exits_non_zero(
    store, data_dir, monkeypatch, capsys
):
    def broken_reload(self) -> None:
        resident_note = "Karen Jensen, stue 12, faldt i nat"  # a local that must not leak
        raise RuntimeError(f"noget gik galt ({len(resident_note)} tegn)")

    monkeypatch.setattr(HomeScreen, "reload", broken_reload)
    status = run_app(MeetingToolApp(store, wall=wall), headless=True)

    assert status == CRASH_STATUS != 0
    log = log_file(data_dir)
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "in broken_reload" in text
    assert "RuntimeError: noget gik galt (34 tegn)" in text
    assert "Karen Jensen" not in text
    assert "2026-11-22T14:00:00" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600

    err = capsys.readouterr().err
    assert "meetingtool stoppede på grund af en uventet fejl" in err
    assert "Alt, hvad der var skrevet ind, er gemt." in err
    assert str(log) in err
    # Neither Textual's report (with its locals) nor a traceback reaches the terminal.
    assert "Karen Jensen" not in err
    assert "Traceback" not in err


def test_a_second_crash_is_appended_and_the_log_stays_owner_only(store, data_dir, monkeypatch):
    log = log_file(data_dir)
    log.write_text("tidligere\n", encoding="utf-8")
    log.chmod(0o644)

    def broken_reload(self) -> None:
        raise KeyError("nøgle")

    monkeypatch.setattr(HomeScreen, "reload", broken_reload)
    assert run_app(MeetingToolApp(store, wall=wall), headless=True) == CRASH_STATUS
    text = log.read_text(encoding="utf-8")
    assert text.startswith("tidligere\n")
    assert "KeyError: 'nøgle'" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_an_error_escaping_run_is_handled_the_same_way(store, data_dir, monkeypatch, capsys):
    def failing_run(self, **options):
        raise OSError("terminalen forsvandt")

    monkeypatch.setattr(MeetingToolApp, "run", failing_run)
    assert run_app(MeetingToolApp(store, wall=wall), headless=True) == CRASH_STATUS
    assert "OSError: terminalen forsvandt" in log_file(data_dir).read_text(encoding="utf-8")
    assert "uventet fejl" in capsys.readouterr().err


def test_a_log_that_cannot_be_written_is_said_plainly(store, monkeypatch, capsys):
    def cannot_write(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(app_module, "write_crash_log", cannot_write)
    monkeypatch.setattr(HomeScreen, "reload", lambda self: 1 / 0)
    assert run_app(MeetingToolApp(store, wall=wall), headless=True) == CRASH_STATUS
    assert "kunne ikke skrives til logfilen" in capsys.readouterr().err


def test_a_normal_quit_exits_zero_and_writes_no_log(store, data_dir, monkeypatch):
    monkeypatch.setattr(HomeScreen, "on_mount", lambda self: self.app.exit())
    assert run_app(MeetingToolApp(store, wall=wall), headless=True) == 0
    assert not log_file(data_dir).exists()


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
async def test_a_signal_ends_the_app_cleanly_and_the_clock_is_saved(store, data_dir, name):
    signum = getattr(signal, name, None)
    if signum is None:
        pytest.skip(f"{name} does not exist on this platform")
    template = load_agenda(resolve_template("kvalitetsraad", data_dir))
    council = store.ensure_council("Kvalitetsrådet", template.kind, template.members)
    meeting = store.create_meeting(council.id, template, date(2026, 11, 22))
    monotonic = FakeMonotonic()
    app = MeetingToolApp(store, meeting_id=meeting.id, monotonic=monotonic, wall=wall)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if signum not in app.signals_handled:
            pytest.skip("signal handlers need the main thread")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("space")  # start the clock
        monotonic.now += 95
        os.kill(os.getpid(), signum)
        await until(lambda: app.ended_by_signal is not None and app.return_code is not None,
                    what="the app to end after the signal")
    assert app.ended_by_signal == signum
    assert app.return_code == 128 + signum
    saved = store.meeting(meeting.id)
    assert saved.items[0].used_seconds == pytest.approx(95, abs=1)
    assert not log_file(data_dir).exists()
