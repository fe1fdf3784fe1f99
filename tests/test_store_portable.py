"""The files backend's Windows rules, tried here on Linux with Windows' behaviour played by
a replaced ``os.replace``: a rename refused while a reader holds the file is tried again,
and a folder is never opened to be synced there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from meetingtool.store.files import storage


class HeldByReader:
    """``os.replace`` as on Windows while another process has the target open ``times``
    times in a row (``PermissionError``, winerror 32), then the real rename."""

    def __init__(self, times: int) -> None:
        self.left = times
        self.calls = 0

    def __call__(self, source, target) -> None:  # type: ignore[no-untyped-def]
        self.calls += 1
        if self.left > 0:
            self.left -= 1
            raise PermissionError(13, "The process cannot access the file", str(target))
        real_replace(source, target)


real_replace = os.replace


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Windows' rules on: waits are recorded, never slept."""
    monkeypatch.setattr(storage, "ON_WINDOWS", True)
    waits: list[float] = []
    monkeypatch.setattr(storage.time, "sleep", waits.append)
    return waits


def test_a_rename_waits_for_a_reader_on_windows(tmp_path: Path, windows: list[float],
                                                monkeypatch: pytest.MonkeyPatch):
    held = HeldByReader(times=3)
    monkeypatch.setattr(storage.os, "replace", held)
    target = tmp_path / "meeting.json"
    target.write_bytes(b"old")
    storage.write_bytes_atomic(target, b'{"ny": "tekst"}')
    assert target.read_bytes() == b'{"ny": "tekst"}'
    assert held.calls == 4
    assert windows == list(storage.REPLACE_WAITS[:3])
    assert [p.name for p in tmp_path.iterdir()] == ["meeting.json"]  # no temp file left


def test_a_reader_that_never_lets_go_gives_the_error_and_keeps_the_old_file(
        tmp_path: Path, windows: list[float], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(storage.os, "replace", HeldByReader(times=1000))
    target = tmp_path / "meeting.json"
    target.write_bytes(b"old")
    with pytest.raises(PermissionError):
        storage.write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sum(windows) < 2.0  # gives up after a couple of seconds, not forever
    assert [p.name for p in tmp_path.iterdir()] == ["meeting.json"]


def test_elsewhere_a_refused_rename_is_final_at_once(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch):
    waits: list[float] = []
    monkeypatch.setattr(storage.time, "sleep", waits.append)
    held = HeldByReader(times=1)
    monkeypatch.setattr(storage.os, "replace", held)
    with pytest.raises(PermissionError):
        storage.write_bytes_atomic(tmp_path / "x.json", b"{}")
    assert held.calls == 1 and waits == []


def test_no_folder_is_opened_to_sync_on_windows(tmp_path: Path, windows: list[float],
                                                monkeypatch: pytest.MonkeyPatch):
    opened: list[str] = []
    real_open = os.open

    def watching_open(path, flags, *args):  # type: ignore[no-untyped-def]
        opened.append(str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(storage.os, "open", watching_open)
    storage.ensure_dir(tmp_path / "data" / "councils")
    storage.write_bytes_atomic(tmp_path / "data" / "councils" / "a.json", b"{}")
    assert all(not Path(path).is_dir() for path in opened)
    assert (tmp_path / "data" / "councils" / "a.json").read_bytes() == b"{}"
