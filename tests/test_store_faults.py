"""Faults a person meets on a real machine: each gives a Danish message naming the file or
folder and what to do, exit status 2 and no traceback (issue 14).

A read-only data folder is made by taking write permission away. Root ignores
permissions, so when the tests run as root the command runs as the user ``nobody`` in a
child process, on a copy of the data folder that user owns but may not write in.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from meetingtool.cli import main
from meetingtool.core.model import AgendaTemplate, Member, TemplateItem
from meetingtool.store import open_store
from meetingtool.store.files import backup as backups

ROOT = Path(__file__).resolve().parent.parent
NOBODY = 65534

TEMPLATE = AgendaTemplate(kind="kvalitetsraad", title="Kvalitetsrådsmøde",
                          items=[TemplateItem("Beslutninger", 30), TemplateItem("Opfølgning", 20)])


def fill(data: Path) -> tuple[str, int]:
    store = open_store(data)
    council = store.ensure_council("Kvalitetsråd", "kvalitetsraad", [Member("Åse", "formand")])
    meeting = store.create_meeting(council.id, TEMPLATE, date(2026, 11, 22))
    store.add_decision(meeting.id, 1, "Vi prøver morgenmad i fællesstuen")
    store.add_followup(meeting.id, 2, "Spørg beboerne om tidspunktet", owner="Åse")
    return council.id, meeting.id


def run_cli(args: list[str], *, user: int | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``meetingtool ARGS`` in a child process (as ``user`` when given)."""
    environment = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="120", **(env or {}))
    if user is not None:
        environment["HOME"] = str(cwd)
    return subprocess.run(
        [sys.executable, "-m", "meetingtool", *args], capture_output=True, text=True,
        cwd=cwd, env=environment, user=user, group=user, timeout=120, check=False)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder another user can reach (pytest's own tmp_path is the owner's only)."""
    folder = Path(tempfile.mkdtemp(prefix="meetingtool-faults-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def make_read_only(data: Path) -> int | None:
    """Take write permission away; the user to run as (``nobody`` when we are root)."""
    user = NOBODY if os.geteuid() == 0 else None
    for path in [data, *data.rglob("*")]:
        if user is not None:
            os.chown(path, user, user, follow_symlinks=False)
        path.chmod(0o555 if path.is_dir() else 0o444)
    return user


def snapshot(data: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*"))
            if p.is_file()}


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr


# --- a read-only data folder ----------------------------------------------------------------


def test_read_only_folder_can_be_listed_and_exported_but_not_changed(shared_tmp: Path):
    data = shared_tmp / "data"
    fill(data)
    out = shared_tmp / "ud"
    out.mkdir()
    (data / ".lock").unlink(missing_ok=True)
    user = make_read_only(data)
    if user is not None:
        os.chown(out, user, user)
    before = snapshot(data)

    listing = run_cli(["--data", str(data), "meetings"], user=user, cwd=out)
    no_traceback(listing)
    assert listing.returncode == 0, listing.stderr
    assert "Kvalitetsrådsmøde" in listing.stdout
    assert f"Datamappen {data} er skrivebeskyttet" in listing.stderr

    shown = run_cli(["--data", str(data), "show", "1"], user=user, cwd=out)
    assert shown.returncode == 0 and "morgenmad" in shown.stdout, shown.stderr
    exported = run_cli(["--data", str(data), "export", "1", "--format", "md", "--out",
                        str(out / "referat.md")], user=user, cwd=out)
    assert exported.returncode == 0, exported.stderr
    assert "morgenmad" in (out / "referat.md").read_text(encoding="utf-8")
    followups = run_cli(["--data", str(data), "followups", "--format", "csv", "--out",
                         str(out / "opf.csv")], user=user, cwd=out)
    assert followups.returncode == 0, followups.stderr
    assert "Spørg beboerne" in (out / "opf.csv").read_text(encoding="utf-8-sig")
    backups_listed = run_cli(["--data", str(data), "restore"], user=user, cwd=out)
    assert backups_listed.returncode == 0, backups_listed.stderr

    changed = run_cli(["--data", str(data), "residents", "add", "AB", "--council",
                       "Team Nord"], user=user, cwd=out)
    no_traceback(changed)
    assert changed.returncode == 2
    assert f"Datamappen {data} er skrivebeskyttet, så intet kan ændres" in changed.stderr
    assert "skriveadgang" in changed.stderr
    assert snapshot(data) == before  # nothing written, not even a lock file
    assert not (data / ".lock").exists()


def test_read_only_folder_with_a_half_done_change_shows_the_last_committed_state(
        shared_tmp: Path):
    data = shared_tmp / "data"
    _, meeting_id = fill(data)
    # As if a process died while renaming the meeting: its file has the new title, the
    # year's summary line still the old one, and pending.json names the meeting.
    path = data / "meetings" / f"meeting-{meeting_id}.json"
    tables = json.loads(path.read_text(encoding="utf-8"))
    tables["meeting"]["1"]["title"] = "Nyt navn på mødet"
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    (data / "pending.json").write_text(json.dumps({"meetings": [meeting_id], "followups": []}),
                                       encoding="utf-8")
    user = make_read_only(data)
    before = snapshot(data)

    listing = run_cli(["--data", str(data), "meetings"], user=user, cwd=shared_tmp)
    no_traceback(listing)
    assert listing.returncode == 0, listing.stderr
    assert "Nyt navn på mødet" in listing.stdout
    assert "afbrudt midt i" in listing.stderr and "pending.json" in listing.stderr
    assert snapshot(data) == before


def test_read_only_folder_with_a_half_done_restore_shows_the_backup(shared_tmp: Path):
    data = shared_tmp / "data"
    _, meeting_id = fill(data)
    store = open_store(data)
    backup = store.backup("Før ændringen")
    store.add_decision(meeting_id, 1, "Kommer efter sikkerhedskopien")
    (data / "pending.json").write_text(json.dumps({"restore": backup.name}), encoding="utf-8")
    user = make_read_only(data)

    shown = run_cli(["--data", str(data), "show", str(meeting_id)], user=user, cwd=shared_tmp)
    no_traceback(shown)
    assert shown.returncode == 0, shown.stderr
    assert "morgenmad" in shown.stdout and "Kommer efter" not in shown.stdout
    assert f"gendannelse af sikkerhedskopien {backup.name}" in shown.stderr.replace("\n", " ")


def test_read_only_folder_of_an_older_version_is_shown_upgraded_and_left_as_it_was(
        shared_tmp: Path):
    from test_store_backup import downgrade_to_version_2

    data = shared_tmp / "data"
    _, meeting_id = fill(data)
    store = open_store(data)
    closed = store.add_followup(meeting_id, 1, "Klaret i november")
    store.update_followup(closed.id, status="udfoert")
    downgrade_to_version_2(data)  # open-N.json files and yearly archives
    user = make_read_only(data)
    before = snapshot(data)

    result = run_cli(["--data", str(data), "followups", "--status", "alle", "--format",
                      "json"], user=user, cwd=shared_tmp)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    texts = sorted(record["text"] for record in json.loads(result.stdout))
    assert texts == ["Klaret i november", "Spørg beboerne om tidspunktet"]
    assert "ældre udgave" in result.stderr and "ikke ændret" in result.stderr
    assert snapshot(data) == before


# --- a full disk ----------------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch):
    """Every write to a file fails as on a full disk (after the first few bytes)."""
    real_write = os.write

    def write(fd: int, data) -> int:  # type: ignore[no-untyped-def]
        if fd > 2:
            if len(data) > 16:
                real_write(fd, bytes(data[:16]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize("fmt", ["docx", "md", "json"])
def test_full_disk_during_export_is_a_message_and_leaves_no_half_file(
        data_dir: Path, tmp_path: Path, capsys, request, fmt: str):
    _, meeting_id = fill(data_dir)
    out = tmp_path / "ud"
    out.mkdir()
    request.getfixturevalue("full_disk")
    assert main(["export", str(meeting_id), "--format", fmt, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "kunne ikke skrives færdig: disken er fuld" in err
    assert str(out) in err and "Frigør plads" in err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "json", "ics"])
def test_full_disk_during_followups_out_is_a_message(data_dir: Path, tmp_path: Path, capsys,
                                                     request, fmt: str):
    _, meeting_id = fill(data_dir)
    open_store(data_dir).update_followup(f"{meeting_id}-1", due=date(2026, 12, 24))
    out = tmp_path / "ud"
    out.mkdir()
    request.getfixturevalue("full_disk")
    assert main(["followups", "--format", fmt, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "disken er fuld" in err and str(out) in err
    assert list(out.iterdir()) == []


def test_full_disk_during_a_store_change_is_a_message_and_nothing_is_half_saved(
        data_dir: Path, monkeypatch):
    from meetingtool.store.errors import StoreWriteError

    _, meeting_id = fill(data_dir)
    store = open_store(data_dir)
    before = snapshot(data_dir)
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: (_ for _ in ()).throw(
        OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(StoreWriteError) as raised:
        store.add_decision(meeting_id, 1, "Gemmes ikke")
    assert "kunne ikke gemmes" in raised.value.message
    assert "disken er fuld" in raised.value.message
    monkeypatch.setattr(os, "write", real_write)
    assert snapshot(data_dir) == before
    assert [d.text for d in store.decisions(meeting_id)] == [
        "Vi prøver morgenmad i fællesstuen"]


# --- damaged content ------------------------------------------------------------------------


WRONG_CONTENT = {
    "date-not-a-date": lambda doc: doc.update(date="2026-13-45"),
    "items-a-text": lambda doc: doc.update(items="punkt 1, punkt 2"),
    "item-a-number": lambda doc: doc.update(items=[7]),
    "attendance-a-number": lambda doc: doc.update(attendance=3),
    "id-missing": lambda doc: doc.pop("id"),
}


@pytest.mark.parametrize("case", sorted(WRONG_CONTENT))
def test_meeting_file_with_wrong_content_is_named_not_a_traceback(data_dir: Path, capsys,
                                                                   case: str):
    _, meeting_id = fill(data_dir)
    path = data_dir / "meetings" / f"meeting-{meeting_id}.json"
    tables = json.loads(path.read_text(encoding="utf-8"))
    WRONG_CONTENT[case](tables["meeting"]["1"])
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    damaged = path.read_bytes()
    for command in (["show", str(meeting_id)], ["export", str(meeting_id), "--format", "md"]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert f"Datafilen {path} kan ikke læses" in err, err
        assert "meetingtool restore" in err
    assert path.read_bytes() == damaged


def test_summary_with_wrong_content_is_named(data_dir: Path, capsys):
    fill(data_dir)
    path = data_dir / "summaries" / "2026.json"
    tables = json.loads(path.read_text(encoding="utf-8"))
    for doc in tables["meetings"].values():
        doc["date"] = 20261122
    path.write_text(json.dumps(tables), encoding="utf-8")
    assert main(["meetings"]) == 2
    assert f"Datafilen {path} kan ikke læses" in capsys.readouterr().err


def test_deeply_nested_lists_in_a_meeting_file_are_named(data_dir: Path, capsys):
    _, meeting_id = fill(data_dir)
    path = data_dir / "meetings" / f"meeting-{meeting_id}.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:-1] + ',"x":' + "[" * 100_000 + "]" * 100_000 + "}",
                    encoding="utf-8")
    assert main(["show", str(meeting_id)]) == 2
    err = capsys.readouterr().err
    assert f"Datafilen {path} kan ikke læses" in err and "lag" in err


# --- a folder where a meeting file should be ------------------------------------------------


def test_restore_with_a_folder_in_the_way_says_what_to_move_and_changes_nothing(
        data_dir: Path, tmp_path: Path, capsys):
    _, meeting_id = fill(data_dir)
    backup = open_store(data_dir).backup("Før fejlen").name
    path = data_dir / "meetings" / f"meeting-{meeting_id}.json"
    path.unlink()
    path.mkdir()
    (path / "noget.txt").write_text("en andens fil", encoding="utf-8")
    count = len(backups.list_backups(data_dir))

    assert main(["restore", backup, "--yes"]) == 2
    err = capsys.readouterr().err
    assert f"der ligger en mappe, hvor en datafil skal stå: {path}" in err
    assert "Flyt mappen ud af datamappen" in err and "Intet er ændret" in err
    assert not (data_dir / "pending.json").exists()
    assert len(backups.list_backups(data_dir)) == count
    assert main(["meetings"]) == 0  # every other command still works
    assert main(["show", str(meeting_id)]) == 2
    assert "der ligger en mappe, hvor filen skulle være" in capsys.readouterr().err

    shutil.move(path, tmp_path / "flyttet")
    assert main(["restore", backup, "--yes"]) == 0
    assert main(["show", str(meeting_id)]) == 0
    assert "morgenmad" in capsys.readouterr().out


# --- the lock ---------------------------------------------------------------------------------


HOLDER = textwrap.dedent(
    """
    import sys, filelock
    lock = filelock.FileLock(sys.argv[1])
    lock.acquire()
    print("holder", flush=True)
    sys.stdin.read()
    """
)


def test_a_lock_held_elsewhere_is_a_danish_message_after_the_timeout(data_dir: Path, capsys,
                                                                     monkeypatch):
    fill(data_dir)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir / ".lock")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holder\n"
        monkeypatch.setenv("MEETINGTOOL_LOCK_TIMEOUT", "0.3")
        assert main(["meetings"]) == 2
        err = capsys.readouterr().err
        assert "Data er optaget af en anden terminal" in err
        assert str(data_dir / ".lock") in err and "0,3 sekunder" in err
    finally:
        holder.communicate("", timeout=30)
    assert main(["meetings"]) == 0


WITHOUT_FCNTL = textwrap.dedent(
    """
    import sys, warnings
    sys.modules["fcntl"] = None  # as on Windows: importing fcntl fails
    warnings.simplefilter("ignore")
    sys.path.insert(0, {root!r})
    from datetime import date
    from meetingtool.store import open_store
    from meetingtool.core.model import AgendaTemplate, TemplateItem
    store = open_store(sys.argv[1])
    council = store.ensure_council("Team Øst", "triage")
    template = AgendaTemplate(kind="triage", title="Triage", items=[TemplateItem("Runde", 10)])
    meeting = store.create_meeting(council.id, template, date(2026, 12, 1))
    store.add_decision(meeting.id, 1, "Ringer til lægen")
    print([d.text for d in open_store(sys.argv[1]).decisions(meeting.id)])
    print("fcntl" in sys.modules and sys.modules["fcntl"] is not None)
    """
)


def test_the_store_runs_where_fcntl_cannot_be_imported(tmp_path: Path):
    script = tmp_path / "uden_fcntl.py"
    script.write_text(WITHOUT_FCNTL.format(root=str(ROOT)), encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), str(tmp_path / "data")],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["['Ringer til lægen']", "False"]
