"""Crash safety, two processes, damaged files, leftovers and permissions of the store."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import stat
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from meetingtool.core.model import AgendaTemplate, Member, TemplateItem
from meetingtool.store import StoreDamagedError, open_store

ROOT = Path(__file__).resolve().parent.parent

TEMPLATE = AgendaTemplate(kind="kvalitetsraad", title="Kvalitetsrådsmøde",
                          items=[TemplateItem("Beslutninger", 30), TemplateItem("Opfølgning", 20)])


def prepare(data_dir: Path) -> tuple[str, int]:
    store = open_store(data_dir)
    council = store.ensure_council("Kvalitetsråd", "kvalitetsraad", [Member("Åse", "formand")])
    meeting = store.create_meeting(council.id, TEMPLATE, date(2026, 11, 22))
    return council.id, meeting.id


# A child that records changes in a loop and prints each one once the call has returned.
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from meetingtool.store import Store, open_store

    data, meeting_id = Path(sys.argv[1]), int(sys.argv[2])
    tag, count = sys.argv[3], int(sys.argv[4])
    item = int(sys.argv[5]) if len(sys.argv) > 5 else 0  # which item's notes it writes
    store = open_store(data)
    council_id = store.meeting(meeting_id).council_id
    print("klar", flush=True)
    for n in range(count):
        decision = store.add_decision(meeting_id, 1, f"{{tag}} beslutning {{n}} æøå")
        print("decision", decision.id, flush=True)
        followup = store.add_followup(meeting_id, 2, f"{{tag}} opfølgning {{n}}")
        print("followup", followup.id, flush=True)
        if n % 2:
            store.update_followup(followup.id, status="udfoert", comment=f"{{tag}} {{n}}")
            print("closed", followup.id, flush=True)
        meeting = store.meeting(meeting_id)
        meeting.items[item].notes += f"[{{tag}}{{n}}]"
        store.save_meeting(meeting)
        print("note", f"[{{tag}}{{n}}]", flush=True)
    """
)


def writer_script(tmp_path: Path) -> Path:
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(root=str(ROOT)), encoding="utf-8")
    return script


def parse(lines: list[str]) -> dict[str, list[str]]:
    reported: dict[str, list[str]] = {"decision": [], "followup": [], "closed": [], "note": []}
    for line in lines:
        kind, _, value = line.strip().partition(" ")
        if kind in reported and value:
            reported[kind].append(value)
    return reported


def check_reported_changes_are_there(data_dir: Path, meeting_id: int, council_id: str,
                                     reported: dict[str, list[str]]) -> None:
    store = open_store(data_dir)
    decisions = {d.id for d in store.decisions(meeting_id)}
    assert set(reported["decision"]) <= decisions
    followups = {f.id: f for f in store.followups(meeting_id=meeting_id)}
    assert set(reported["followup"]) <= set(followups)
    for closed in reported["closed"]:
        assert followups[closed].status == "udfoert"
    # the open index agrees with the meeting file (the truth) after any crash
    open_ids = {f.id for f in store.open_followups(council_id)}
    assert open_ids == {i for i, f in followups.items() if f.is_open}
    notes = "".join(item.notes for item in store.meeting(meeting_id).items)
    for note in reported["note"]:
        assert note in notes
    leftovers = [p for p in data_dir.rglob("*.tmp")]
    assert leftovers == []


def read_lines_until_killed(process: subprocess.Popen, rng: random.Random) -> list[str]:
    """Wait until the child is ready, let it report a random number of changes, SIGKILL it.

    Counting reported changes instead of sleeping a random while gives the same spread of
    moments on a quiet and on a loaded machine; the kill lands somewhere in the change the
    child went on with after its last report (or before its first, for a count of 0).
    """
    lines: list[str] = []
    deadline = time.monotonic() + 20
    changes_to_wait_for = None
    while time.monotonic() < deadline and changes_to_wait_for != 0:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("klar"):
                changes_to_wait_for = rng.randint(0, 12)
            elif changes_to_wait_for:
                changes_to_wait_for -= 1
    process.send_signal(signal.SIGKILL)
    rest, _ = process.communicate(timeout=20)
    return lines + rest.splitlines()


def test_sigkill_at_random_moments_loses_nothing_reported(tmp_path: Path, data_dir: Path):
    council_id, meeting_id = prepare(data_dir)
    script = writer_script(tmp_path)
    rng = random.Random(20261122)
    everything = parse([])
    rounds_with_work = 0
    for round_number in range(8):
        process = subprocess.Popen(
            [sys.executable, str(script), str(data_dir), str(meeting_id), f"r{round_number}",
             "100000"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        lines = read_lines_until_killed(process, rng)
        assert process.returncode == -signal.SIGKILL
        reported = parse(lines)
        rounds_with_work += bool(reported["decision"])
        for kind, values in reported.items():
            everything[kind].extend(values)
        check_reported_changes_are_there(data_dir, meeting_id, council_id, everything)
    assert rounds_with_work >= 1
    assert len(set(everything["decision"])) == len(everything["decision"])


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path, data_dir: Path):
    council_id, meeting_id = prepare(data_dir)
    script = writer_script(tmp_path)
    count = 15
    processes = [
        subprocess.Popen([sys.executable, str(script), str(data_dir), str(meeting_id), tag,
                          str(count), str(item)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         encoding="utf-8")
        # each writes the notes of its own item; save_meeting merges the two
        for item, tag in enumerate(("formand", "referent"))
    ]
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        outputs.append(parse(out.splitlines()))
    ids = outputs[0]["decision"] + outputs[1]["decision"]
    assert len(ids) == 2 * count and len(set(ids)) == 2 * count
    followup_ids = outputs[0]["followup"] + outputs[1]["followup"]
    assert len(set(followup_ids)) == 2 * count
    store = open_store(data_dir)
    decisions = store.decisions(meeting_id)
    assert sorted(d.id for d in decisions) == sorted(ids)
    texts = {d.text for d in decisions}
    for tag in ("formand", "referent"):
        assert {f"{tag} beslutning {n} æøå" for n in range(count)} <= texts
    merged = parse([])
    for output in outputs:
        for kind, values in output.items():
            merged[kind].extend(values)
    check_reported_changes_are_there(data_dir, meeting_id, council_id, merged)
    assert len(store.open_followups(council_id)) == 2 * (count - count // 2)


# --- damage ---------------------------------------------------------------------------------


def damage_cases():
    return {
        "tom": b"",
        "afkortet": None,  # filled in: the first half of the real file
        "affald": b"\x00\xff\x13 ikke json \x89PNG",
        "forkert form": b'["en", "liste"]',
    }


@pytest.mark.parametrize("case", list(damage_cases()))
def test_damaged_catalogue_gives_clear_error_and_is_untouched(data_dir: Path, case: str):
    prepare(data_dir)
    path = data_dir / "catalogue.json"
    content = damage_cases()[case]
    if content is None:
        content = path.read_bytes()[: len(path.read_bytes()) // 2]
    path.write_bytes(content)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(StoreDamagedError) as caught:
        open_store(data_dir)
    assert str(path) in caught.value.message
    assert "meetingtool restore" in caught.value.message
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@pytest.mark.parametrize("case", list(damage_cases()))
def test_damaged_meeting_file_is_never_overwritten(data_dir: Path, case: str):
    council_id, meeting_id = prepare(data_dir)
    store = open_store(data_dir)
    store.add_decision(meeting_id, 1, "Før skaden")
    path = data_dir / "meetings" / f"meeting-{meeting_id}.json"
    content = damage_cases()[case]
    if content is None:
        content = path.read_bytes()[:-7]
    path.write_bytes(content)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    store = open_store(data_dir)  # the catalogue is fine; the meeting file is read on use
    attempts = [
        lambda: store.meeting(meeting_id),
        lambda: store.add_decision(meeting_id, 1, "Efter skaden"),
        lambda: store.add_followup(meeting_id, 1, "Efter skaden"),
        lambda: store.decisions(meeting_id),
    ]
    for attempt in attempts:
        with pytest.raises(StoreDamagedError) as caught:
            attempt()
        assert str(path) in caught.value.message
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert list(path.parent.glob("*.tmp")) == []


def test_damaged_followup_index_is_reported(data_dir: Path):
    council_id, meeting_id = prepare(data_dir)
    store = open_store(data_dir)
    store.add_followup(meeting_id, 1, "Punkt")
    index = data_dir / "followups" / council_id / "open.json"
    index.write_bytes(b"")
    with pytest.raises(StoreDamagedError) as caught:
        store.open_followups(council_id)
    assert "tom (0 byte)" in caught.value.message and str(index) in caught.value.message
    with pytest.raises(StoreDamagedError):
        store.add_followup(meeting_id, 1, "Nyt punkt")
    assert index.read_bytes() == b""


def test_missing_meeting_file_is_damage_not_unknown(data_dir: Path):
    _, meeting_id = prepare(data_dir)
    (data_dir / "meetings" / f"meeting-{meeting_id}.json").unlink()
    with pytest.raises(StoreDamagedError, match="mangler"):
        open_store(data_dir).meeting(meeting_id)


def test_zero_byte_catalogue_is_not_a_new_store(data_dir: Path):
    prepare(data_dir)
    (data_dir / "catalogue.json").write_bytes(b"")
    (data_dir / "meta.json").unlink()
    with pytest.raises(StoreDamagedError):
        open_store(data_dir)
    assert (data_dir / "catalogue.json").read_bytes() == b""


# --- leftovers, interrupted multi-file changes ----------------------------------------------


def test_leftover_temp_files_are_removed_on_open(data_dir: Path):
    council_id, _ = prepare(data_dir)
    leftovers = [data_dir / ".catalogue.json.4242.deadbeef.tmp",
                 data_dir / "meetings" / ".meeting-1.json.4242.cafe0001.tmp",
                 data_dir / "followups" / "raad" / ".open-1.json.1.00000000.tmp",
                 data_dir / "followups" / council_id / ".closed-meeting-1.json.7.0000abcd.tmp",
                 data_dir / "summaries" / ".2026.json.99.12345678.tmp",
                 data_dir / "residents" / f".{council_id}.json.99.87654321.tmp",
                 data_dir / ".pending.json.5.feedf00d.tmp"]
    for path in leftovers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{"personfølsomt": "CPR"}', encoding="utf-8")
    kept = {path: path.read_bytes() for path in data_dir.rglob("*") if path.is_file()
            and path not in leftovers}
    partial = data_dir / "backups" / ".partial-20261122-101010"
    partial.mkdir(parents=True)
    (partial / "catalogue.json").write_text("{}", encoding="utf-8")
    open_store(data_dir)
    assert not any(path.exists() for path in leftovers)
    assert not partial.exists()
    # nothing else is touched
    assert {path: path.read_bytes() for path in kept} == kept


def test_interrupted_close_of_a_followup_is_finished_by_the_next_call(data_dir: Path):
    council_id, meeting_id = prepare(data_dir)
    store = open_store(data_dir)
    kept = store.add_followup(meeting_id, 1, "Forbliver åben")
    closing = store.add_followup(meeting_id, 1, "Lukkes")
    index_path = data_dir / "followups" / council_id / "open.json"
    index_before = index_path.read_bytes()
    store.update_followup(closing.id, status="udfoert", comment="Klaret")
    # As if killed after the archive got the closed copy, before the index lost it:
    index_path.write_bytes(index_before)
    (data_dir / "pending.json").write_text(
        json.dumps({"meetings": [], "followups": [[closing.id, council_id]]}), encoding="utf-8")
    reopened = open_store(data_dir)
    assert [f.id for f in reopened.open_followups(council_id)] == [kept.id]
    assert reopened.followup(closing.id).status == "udfoert"
    assert [f.id for f in reopened.followups(council_id)] == [kept.id, closing.id]
    assert not (data_dir / "pending.json").exists()
    index = json.loads(index_path.read_text(encoding="utf-8"))
    assert [doc["id"] for doc in index["open"].values()] == [kept.id]


def test_interrupted_reopening_keeps_the_newer_copy(data_dir: Path):
    council_id, meeting_id = prepare(data_dir)
    store = open_store(data_dir)
    fu = store.add_followup(meeting_id, 1, "Lukkes og genåbnes")
    store.update_followup(fu.id, status="udfoert")
    archive = data_dir / "followups" / council_id / f"closed-meeting-{meeting_id}.json"
    archive_before = archive.read_bytes()
    store.update_followup(fu.id, status="i_gang", comment="Genåbnet")
    archive.write_bytes(archive_before)  # the closed copy is still there
    (data_dir / "pending.json").write_text(
        json.dumps({"followups": [[fu.id, council_id]]}), encoding="utf-8")
    reopened = open_store(data_dir)
    assert reopened.followup(fu.id).status == "i_gang"
    assert [f.id for f in reopened.open_followups(council_id)] == [fu.id]
    assert [f.status for f in reopened.followups(council_id)] == ["i_gang"]


def test_interrupted_meeting_creation_is_finished(data_dir: Path):
    council_id, meeting_id = prepare(data_dir)
    catalogue, summaries = data_dir / "catalogue.json", data_dir / "summaries" / "2026.json"
    before = catalogue.read_bytes(), summaries.read_bytes()
    created = open_store(data_dir).create_meeting(council_id, TEMPLATE, date(2026, 12, 5))
    # as if killed after the meeting file was written, before the catalogue files were
    catalogue.write_bytes(before[0])
    summaries.write_bytes(before[1])
    (data_dir / "pending.json").write_text(json.dumps({"meetings": [created.id]}),
                                           encoding="utf-8")
    store = open_store(data_dir)
    assert [s.id for s in store.meetings()] == [created.id, meeting_id]
    assert store.create_meeting(council_id, TEMPLATE, date(2026, 12, 6)).id == created.id + 1


# --- permissions and encoding -----------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_files_are_owner_only_whatever_the_umask(data_dir: Path, umask: int):
    old = os.umask(umask)
    try:
        council_id, meeting_id = prepare(data_dir)
        store = open_store(data_dir)
        store.add_followup(meeting_id, 1, "Punkt")
        resident = store.add_resident(council_id, "ÅØ", "3")
        store.set_triage_entry(meeting_id, resident.id, colour="gul")
        store.backup("Test af rettigheder")
    finally:
        os.umask(old)
    paths = [data_dir, *data_dir.rglob("*")]
    assert len(paths) > 8
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        expected = 0o700 if path.is_dir() else 0o600
        assert mode == expected, f"{path}: {oct(mode)}"


def test_utf8_is_explicit_whatever_the_locale(tmp_path: Path, data_dir: Path):
    script = tmp_path / "latin.py"
    script.write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from meetingtool.store import Store, open_store
        store = open_store(Path(sys.argv[1]))
        store.ensure_council("Æblegårdens Rådsmøde", "kvalitetsraad")
        print(store.councils()[0].name.encode("utf-8").hex())
    """), encoding="utf-8")
    env = dict(os.environ, LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONIOENCODING="ascii")
    result = subprocess.run([sys.executable, str(script), str(data_dir)], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert bytes.fromhex(result.stdout.strip()).decode("utf-8") == "Æblegårdens Rådsmøde"
    raw = (data_dir / "catalogue.json").read_bytes()
    assert "Æblegårdens Rådsmøde".encode("utf-8") in raw
    assert open_store(data_dir).councils()[0].name == "Æblegårdens Rådsmøde"


class Killed(BaseException):
    """Stands in for SIGKILL in the middle of a transaction's writes."""


@pytest.mark.parametrize("close_first", [True, False])
@pytest.mark.parametrize("writes_before_kill", [0, 1])
def test_a_move_cut_after_any_write_keeps_the_followup(data_dir: Path, monkeypatch,
                                                       close_first: bool,
                                                       writes_before_kill: int):
    """Closing (open file -> archive) and reopening (archive -> open file) cut after each
    of their writes: the follow-up is found exactly once, with the right status."""
    from meetingtool.store.files import storage

    council_id, meeting_id = prepare(data_dir)
    store = open_store(data_dir)
    fu = store.add_followup(meeting_id, 1, "Flyttes")
    if not close_first:
        store.update_followup(fu.id, status="udfoert")
    real_flush = storage.AtomicJSONStorage.flush
    done = []

    def flush(self):
        if self.dirty:
            if len(done) == writes_before_kill:
                raise Killed()
            done.append(self.path)
        real_flush(self)

    monkeypatch.setattr(storage.AtomicJSONStorage, "flush", flush)
    with pytest.raises(Killed):
        store.update_followup(fu.id, status="udfoert" if close_first else "aaben")
    monkeypatch.setattr(storage.AtomicJSONStorage, "flush", real_flush)
    reopened = open_store(data_dir)
    everything = reopened.followups(council_id)
    assert [f.id for f in everything] == [fu.id]
    moved = writes_before_kill >= 1  # the new home was written before the kill
    expected = ("udfoert" if close_first else "aaben") if moved else (
        "aaben" if close_first else "udfoert")
    assert everything[0].status == expected
    assert [f.id for f in reopened.open_followups(council_id)] == (
        [fu.id] if expected == "aaben" else [])
