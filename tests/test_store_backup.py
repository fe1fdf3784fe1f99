"""Backups, restore (API and ``meetingtool restore``), schema migration, merging saves,
and the benchmark's quick run."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingtool.cli import main
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.model import AgendaTemplate, Member, TemplateItem
from meetingtool.store import Store, StoreDamagedError, list_backups, open_store
from meetingtool.store.merge import merge_docs, merge_text

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = AgendaTemplate(kind="kvalitetsraad", title="Kvalitetsrådsmøde",
                          items=[TemplateItem("Status", 15), TemplateItem("Økonomi", 20)])


class Clock:
    def __init__(self) -> None:
        self.current = datetime(2026, 11, 22, 9, 0)

    def __call__(self) -> datetime:
        self.current += timedelta(minutes=5)
        return self.current


@pytest.fixture
def store(data_dir: Path) -> Store:
    return open_store(data_dir, now=Clock())


def setup_meeting(store: Store):
    council = store.ensure_council("Kvalitetsråd Ærø", "kvalitetsraad",
                                   [Member("Åse", "formand"), Member("Bo", "referent")])
    return council, store.create_meeting(council.id, TEMPLATE, date(2026, 11, 22))


def test_backup_is_a_frozen_copy_and_restore_brings_it_back(store: Store, data_dir: Path):
    council, meeting = setup_meeting(store)
    kept = store.add_decision(meeting.id, 1, "Før sikkerhedskopien")
    path = store.backup("Før noget farligt")
    assert path.parent == data_dir / "backups"
    info = store.backups()[0]
    assert (info.id, info.reason, info.path) == (path.name, "Før noget farligt", path)
    assert info.created.strftime("%Y%m%d-%H%M%S") == info.id
    assert info.created.date() == date(2026, 11, 22)

    store.add_decision(meeting.id, 1, "Efter sikkerhedskopien")
    later = store.create_meeting(council.id, TEMPLATE, date(2026, 12, 1))
    store.add_followup(later.id, 1, "Opfølgning efter")
    # later writes never change the backup's files
    backup_meeting = json.loads((path / "meetings" / f"meeting-{meeting.id}.json")
                                .read_text(encoding="utf-8"))
    assert [d["text"] for d in backup_meeting["decisions"].values()] == ["Før sikkerhedskopien"]

    store.restore(info.id)
    assert store.decisions(meeting.id) == [kept]
    assert [s.id for s in store.meetings()] == [meeting.id]
    assert store.open_followups(council.id) == []
    assert not (data_dir / "meetings" / f"meeting-{later.id}.json").exists()
    # the state before the restore was backed up first and can be restored in turn
    newest = store.backups()[0]
    assert newest.reason == f"Før gendannelse af sikkerhedskopi {info.id}"
    store.restore(newest.id)
    assert [d.text for d in store.decisions(meeting.id)] == ["Før sikkerhedskopien",
                                                            "Efter sikkerhedskopien"]
    assert [f.text for f in store.open_followups(council.id)] == ["Opfølgning efter"]
    # restoring twice works as well (the restored files are links, not the backup itself)
    store.add_decision(meeting.id, 2, "Endnu en")
    store.restore(info.id)
    assert store.decisions(meeting.id) == [kept]


def test_backups_copy_only_what_changed_and_never_share_files_with_live_data(
        store: Store, data_dir: Path):
    from meetingtool.store.files import backup as backups

    council, meeting = setup_meeting(store)
    other = store.create_meeting(council.id, TEMPLATE, date(2026, 12, 1))
    first = store.backup("Første")
    store.add_decision(meeting.id, 1, "Kun møde 1 ændres")
    second = store.backup("Anden")
    changed, unchanged = (f"meetings/meeting-{meeting.id}.json",
                          f"meetings/meeting-{other.id}.json")
    # the second holds only the file the store wrote since the first ...
    held = sorted(p.relative_to(second).as_posix() for p in second.rglob("*.json"))
    assert held == ["backup.json", "files.json", changed]
    # ... and finds the others in the first
    files = backups.resolved_files(data_dir, backups.find_backup(data_dir, second.name))
    assert files[unchanged] == first / unchanged
    assert files[changed] == second / changed
    assert set(files) == set(backups.resolved_files(
        data_dir, backups.find_backup(data_dir, first.name)))
    backup_inodes = {p.stat().st_ino for p in (data_dir / "backups").rglob("*.json")}
    live_inodes = {p.stat().st_ino for p in data_dir.rglob("*.json")
                   if "backups" not in p.relative_to(data_dir).parts}
    assert backup_inodes.isdisjoint(live_inodes)


def test_a_change_the_log_missed_is_found_by_comparing_file_times(store: Store,
                                                                   data_dir: Path):
    from meetingtool.store.files import backup as backups

    _, meeting = setup_meeting(store)
    store.backup("Første")
    store.add_decision(meeting.id, 1, "Efter første kopi")
    (data_dir / "changes.log").write_text("ødelagt", encoding="utf-8")  # as after a power cut
    second = store.backup("Anden")
    assert (second / f"meetings/meeting-{meeting.id}.json").is_file()
    assert not (second / "catalogue.json").exists()  # unchanged: not copied again
    files = backups.resolved_files(data_dir, backups.find_backup(data_dir, second.name))
    assert "Efter første kopi" in files[f"meetings/meeting-{meeting.id}.json"].read_text(
        encoding="utf-8")


def info(day: datetime, n: int):
    from meetingtool.store.files.backup import BackupInfo

    return BackupInfo(id=f"b{n}", created=day, reason="", path=Path("."), sequence=n)


def test_backups_are_kept_by_age():
    from meetingtool.store.files.backup import keep_by_age

    now = datetime(2026, 12, 1, 12, 0)
    # two backups a day (a meeting's start and end) for a year, newest first
    made = [info(now - timedelta(hours=12 * n), 10_000 - n) for n in range(730)]
    keep = keep_by_age(made, now)
    kept = [b for b in made if b.id in keep]
    recent = [b for b in made if now - b.created <= timedelta(days=14)]
    assert all(b.id in keep for b in recent)  # everything from the last 14 days
    weekly = [b for b in kept if timedelta(days=14) < now - b.created <= timedelta(days=92)]
    weeks = [tuple(b.created.isocalendar())[:2] for b in weekly]
    assert len(weeks) == len(set(weeks)) and 10 <= len(weeks) <= 12  # one a week
    monthly = [b for b in kept if now - b.created > timedelta(days=92)]
    months = [(b.created.year, b.created.month) for b in monthly]
    assert len(months) == len(set(months)) and 8 <= len(months) <= 10  # one a month
    # and always the newest ten, however old
    old = [info(now - timedelta(days=400 + n), 100 - n) for n in range(12)]
    assert len(keep_by_age(old, now) & {b.id for b in old[:10]}) == 10


def test_pruned_backups_leave_every_kept_one_whole(data_dir: Path):
    class Days:
        def __init__(self) -> None:
            self.current = datetime(2026, 1, 5, 9, 0)

        def __call__(self) -> datetime:
            return self.current

    clock = Days()
    store = open_store(data_dir, now=clock)
    council, meeting = setup_meeting(store)
    expected: dict[str, list[str]] = {}
    for day in range(120):
        clock.current = datetime(2026, 1, 5, 9, 0) + timedelta(days=day)
        store.add_decision(meeting.id, 1, f"Dag {day}")
        if day % 30 == 0:
            store.create_meeting(council.id, TEMPLATE, clock.current.date())
        name = store.backup(f"Dag {day}").name
        expected[name] = [d.text for d in store.decisions(meeting.id)]
    kept = [b.id for b in store.backups()]
    assert 14 <= len(kept) < 60  # the last 14 days, then one a week, then one a month
    for backup_id in (kept[-1], kept[len(kept) // 2], kept[0]):
        store.restore(backup_id)
        assert [d.text for d in store.decisions(meeting.id)] == expected[backup_id]


def test_meeting_start_and_end_are_backed_up(store: Store):
    _, meeting = setup_meeting(store)
    meeting.items[0].notes = "Noter"
    store.save_meeting(meeting)
    assert store.backups() == []
    meeting.status = "i_gang"
    store.save_meeting(meeting)
    meeting.status = "afsluttet"
    store.save_meeting(meeting)
    reasons = [b.reason for b in store.backups()]
    assert reasons[0].startswith("Mødet sluttede: Kvalitetsrådsmøde")
    assert reasons[1].startswith("Mødet startede: Kvalitetsrådsmøde")


def test_unknown_backup(store: Store):
    with pytest.raises(NotFoundError):
        store.restore("20200101-000000")


def test_cli_lists_and_restores_even_a_damaged_store(store: Store, data_dir: Path, capsys):
    _, meeting = setup_meeting(store)
    store.add_decision(meeting.id, 1, "Vigtig beslutning")
    backup_id = store.backup("Mødet sluttede").name
    assert main(["restore"]) == 0
    out = capsys.readouterr().out
    assert backup_id in out and "22. november 2026 kl. 9.10" in out and "Mødet sluttede" in out

    (data_dir / "catalogue.json").write_bytes(b"")  # the store can no longer open
    with pytest.raises(StoreDamagedError):
        open_store(data_dir)
    assert main(["--data", str(data_dir), "restore", backup_id, "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"Gendannede sikkerhedskopien {backup_id}" in out
    assert "meetingtool restore" in out
    reopened = open_store(data_dir)
    assert [d.text for d in reopened.decisions(meeting.id)] == ["Vigtig beslutning"]
    # the damaged file was kept in the pre-restore backup, byte for byte
    damaged_copy = list_backups(data_dir)[0].path / "catalogue.json"
    assert damaged_copy.read_bytes() == b""


def test_cli_restore_shows_what_would_be_lost_and_asks(store: Store, data_dir: Path,
                                                       capsys, monkeypatch):
    import io

    council, meeting = setup_meeting(store)
    kept = store.add_followup(meeting.id, 1, "Findes før kopien")
    backup_id = store.backup("Før de nye").name
    store.add_decision(meeting.id, 1, "Ny beslutning efter kopien")
    store.update_followup(kept.id, status="udfoert")
    store.add_followup(meeting.id, 2, "Nyt opfølgningspunkt")
    later = store.create_meeting(council.id, TEMPLATE, date(2026, 12, 6), title="Decembermøde")
    before = {p: p.read_bytes() for p in data_dir.rglob("*.json") if "backups" not in p.parts}

    monkeypatch.setattr("sys.stdin", io.StringIO("nej\n"))
    assert main(["restore", backup_id]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert (f"møde {later.id} (6. december 2026, Decembermøde): oprettet efter "
            "sikkerhedskopien") in out
    assert f"{meeting.id}-1: Ny beslutning efter kopien" in out
    assert f"{kept.id}: Findes før kopien (status sat til Udført)" in out
    assert "Nyt opfølgningspunkt (nyt)" in out
    assert "Intet er gendannet" in out and "--yes" in out
    after = {p: p.read_bytes() for p in data_dir.rglob("*.json") if "backups" not in p.parts}
    assert after == before

    monkeypatch.setattr("sys.stdin", io.StringIO("ja\n"))
    assert main(["restore", backup_id]) == 0
    assert f"Gendannede sikkerhedskopien {backup_id}" in capsys.readouterr().out
    assert [m.id for m in open_store(data_dir).meetings()] == [meeting.id]

    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no answer (a script): nothing happens
    assert main(["restore", backup_id]) == 1
    assert "Intet møde, ingen beslutning" in capsys.readouterr().out


def test_cli_restore_errors_and_empty_list(data_dir: Path, capsys):
    assert main(["restore"]) == 0
    assert "ingen sikkerhedskopier" in capsys.readouterr().out
    open_store(data_dir)
    assert main(["restore", "findes-ikke"]) == 2
    assert "findes ikke" in capsys.readouterr().err


def test_interrupted_restore_is_finished_on_open(store: Store, data_dir: Path):
    _, meeting = setup_meeting(store)
    backup_id = store.backup("Før").name
    store.add_decision(meeting.id, 1, "Bliver rullet tilbage")
    (data_dir / "pending.json").write_text(json.dumps({"restore": backup_id}),
                                           encoding="utf-8")
    assert open_store(data_dir).decisions(meeting.id) == []
    assert not (data_dir / "pending.json").exists()


# --- schema migration -----------------------------------------------------------------------


def downgrade_to_version_1(data_dir: Path) -> None:
    """Rewrite a data directory the way version 1 kept it (see migrate.py)."""
    def load(path: Path) -> dict:
        return json.loads(path.read_text(encoding="utf-8"))

    def dump(path: Path, data: dict) -> None:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    catalogue = load(data_dir / "catalogue.json")
    catalogue["meetings"] = {}
    for path in (data_dir / "summaries").glob("*.json"):
        catalogue["meetings"].update(load(path)["meetings"])
    dump(data_dir / "catalogue.json", catalogue)
    for path in sorted((data_dir / "followups").rglob("*.json")):
        for table in load(path).values():
            for doc in table.values():
                meeting_file = data_dir / "meetings" / f"meeting-{doc['meeting_id']}.json"
                tables = load(meeting_file)
                doc.pop("_rev")
                tables.setdefault("followups", {})[doc["id"].rpartition("-")[2]] = doc
                dump(meeting_file, tables)
    shutil.rmtree(data_dir / "summaries")
    shutil.rmtree(data_dir / "followups")
    (data_dir / "meta.json").unlink()


def test_version_1_data_is_backed_up_and_migrated(store: Store, data_dir: Path):
    council, meeting = setup_meeting(store)
    a = store.add_followup(meeting.id, 1, "Åben opfølgning")
    b = store.add_followup(meeting.id, 2, "Lukket opfølgning")
    store.update_followup(b.id, status="udfoert")
    later = store.create_meeting(council.id, TEMPLATE, date(2027, 1, 5))
    c = store.add_followup(later.id, 1, "I gang")
    store.update_followup(c.id, status="i_gang")
    downgrade_to_version_1(data_dir)
    version_1 = json.loads((data_dir / "catalogue.json").read_text(encoding="utf-8"))
    assert sorted(version_1["meetings"]) == ["1", "2"]
    migrated = open_store(data_dir, now=lambda: datetime(2027, 1, 2, 8, 0))
    assert json.loads((data_dir / "meta.json").read_text(encoding="utf-8")) == {"schema": 4}
    first = migrated.backups()[0]
    assert first.reason == "Før opgradering af data fra version 1 til 4"
    assert (first.path / "catalogue.json").exists() and not (first.path / "followups").exists()
    assert [f.id for f in migrated.open_followups(council.id)] == [a.id, c.id]
    assert [f.id for f in migrated.followups(council.id)] == [a.id, b.id, c.id]
    assert [s.id for s in migrated.meetings()] == [later.id, meeting.id]
    assert migrated.previous_meeting(later.id).id == meeting.id
    assert sorted(p.name for p in (data_dir / "summaries").iterdir()) == ["2026.json", "2027.json"]
    # 1 -> 2 -> 3 -> 4: the closed one ends in its meeting's file, no yearly archive is
    # left, the open ones are gathered in the council's open file
    assert sorted(p.name for p in (data_dir / "followups" / council.id).iterdir()) == sorted([
        f"closed-meeting-{meeting.id}.json", "open.json"])
    assert migrated.followup(b.id).status == "udfoert"
    # numbers are not reused after the migration moved the open ones out of the meeting
    assert migrated.add_followup(meeting.id, 1, "Ny").id == f"{meeting.id}-3"
    migrated.update_followup(a.id, status="udfoert")
    assert [f.id for f in migrated.open_followups(council.id)] == [f"{meeting.id}-3", c.id]
    # opening again does not migrate (or back up) again
    open_store(data_dir)
    assert len(list_backups(data_dir)) == 1


def downgrade_to_version_3(data_dir: Path) -> None:
    """Rewrite a data directory the way version 3 kept it: the open follow-ups of each
    meeting in its own ``open-MEETING.json``."""
    for path in sorted((data_dir / "followups").glob("*/open.json")):
        by_meeting: dict[int, dict] = {}
        for doc in json.loads(path.read_text(encoding="utf-8"))["open"].values():
            table = by_meeting.setdefault(doc["meeting_id"], {})
            table[str(len(table) + 1)] = doc
        for meeting_id, docs in by_meeting.items():
            (path.parent / f"open-{meeting_id}.json").write_text(
                json.dumps({"open": docs}, ensure_ascii=False), encoding="utf-8")
        path.unlink()
    (data_dir / "meta.json").write_text('{"schema": 3}', encoding="utf-8")


def test_version_3_data_gathers_each_councils_open_followups(store: Store, data_dir: Path):
    council, meeting = setup_meeting(store)
    later = store.create_meeting(council.id, TEMPLATE, date(2026, 12, 6))
    a = store.add_followup(meeting.id, 1, "Gammel, stadig åben")
    b = store.add_followup(meeting.id, 2, "Lukket")
    store.update_followup(b.id, status="udfoert")
    c = store.add_followup(later.id, 1, "Ny")
    store.update_followup(c.id, status="i_gang", comment="Vi er i gang")
    before = {f.id: f for f in store.followups(council.id)}
    downgrade_to_version_3(data_dir)
    folder = data_dir / "followups" / council.id
    assert sorted(p.name for p in folder.iterdir()) == sorted([
        f"open-{meeting.id}.json", f"open-{later.id}.json", f"closed-meeting-{meeting.id}.json"])

    migrated = open_store(data_dir, now=lambda: datetime(2026, 12, 7, 8, 0))
    assert json.loads((data_dir / "meta.json").read_text(encoding="utf-8")) == {"schema": 4}
    assert migrated.backups()[0].reason == "Før opgradering af data fra version 3 til 4"
    assert sorted(p.name for p in folder.iterdir()) == sorted([
        "open.json", f"closed-meeting-{meeting.id}.json"])
    assert {f.id: f for f in migrated.followups(council.id)} == before
    assert [f.id for f in migrated.open_followups(council.id)] == [a.id, c.id]
    # the backup taken before the upgrade holds version 3's files, and restores them
    migrated.restore(migrated.backups()[0].id)
    assert [f.id for f in open_store(data_dir).open_followups(council.id)] == [a.id, c.id]


def downgrade_to_version_2(data_dir: Path) -> None:
    """Rewrite a data directory the way version 2 kept it: the closed follow-ups of each
    council in one archive per year of their meeting (``closed-YEAR.json``)."""
    def load(path: Path) -> dict:
        return json.loads(path.read_text(encoding="utf-8"))

    downgrade_to_version_3(data_dir)

    years = {}
    for path in (data_dir / "summaries").glob("*.json"):
        for doc in load(path)["meetings"].values():
            years[doc["id"]] = doc["date"][:4]
    for path in sorted((data_dir / "followups").glob("*/closed-meeting-*.json")):
        for doc in load(path)["closed"].values():
            archive = path.parent / f"closed-{years[doc['meeting_id']]}.json"
            tables = load(archive) if archive.exists() else {"closed": {}}
            tables["closed"][str(len(tables["closed"]) + 1)] = doc
            archive.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
        path.unlink()
    (data_dir / "meta.json").write_text('{"schema": 2}', encoding="utf-8")


def version_2_history(store: Store):
    """Two councils, meetings in two years, follow-ups open, closed and reopened."""
    council, meeting = setup_meeting(store)
    other = store.ensure_council("Triageteam", "triage")
    later = store.create_meeting(council.id, TEMPLATE, date(2027, 1, 5))
    triage = store.create_meeting(other.id, TEMPLATE, date(2026, 12, 1))
    a = store.add_followup(meeting.id, 1, "Åben opfølgning")
    b = store.add_followup(meeting.id, 2, "Udført i 2026")
    c = store.add_followup(meeting.id, 2, "Udgået")
    d = store.add_followup(later.id, 1, "Udført i 2027")
    e = store.add_followup(triage.id, 1, "Tilse beboeren")
    f = store.add_followup(meeting.id, 1, "Lukket og genåbnet")
    store.update_followup(b.id, status="udfoert", comment="Klaret")
    store.update_followup(c.id, status="udgaaet")
    store.update_followup(d.id, status="udfoert")
    store.update_followup(e.id, status="udfoert")
    store.update_followup(f.id, status="udfoert")
    store.update_followup(f.id, status="i_gang", comment="Genåbnet")
    return council, other, (meeting, later, triage), (a, b, c, d, e, f)


def test_version_2_data_is_backed_up_and_its_yearly_archives_split(store: Store,
                                                                    data_dir: Path):
    council, other, (meeting, later, triage), fus = version_2_history(store)
    a, b, c, d, e, f = fus
    before = {fu.id: store.followup(fu.id) for fu in fus}
    downgrade_to_version_2(data_dir)
    folder = data_dir / "followups" / council.id
    assert sorted(p.name for p in folder.iterdir()) == sorted([
        "closed-2026.json", "closed-2027.json", f"open-{meeting.id}.json"])

    migrated = open_store(data_dir, now=lambda: datetime(2027, 2, 1, 8, 0))
    assert json.loads((data_dir / "meta.json").read_text(encoding="utf-8")) == {"schema": 4}
    backup = migrated.backups()[0]
    assert backup.reason == "Før opgradering af data fra version 2 til 4"
    assert (backup.path / "followups" / council.id / "closed-2026.json").exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted([
        f"closed-meeting-{later.id}.json", f"closed-meeting-{meeting.id}.json", "open.json"])
    assert sorted(p.name for p in (data_dir / "followups" / other.id).iterdir()) == [
        f"closed-meeting-{triage.id}.json"]
    # every follow-up as it was, found by id, by council and by meeting
    assert {fu.id: migrated.followup(fu.id) for fu in fus} == before
    assert [x.id for x in migrated.followups(council.id)] == [a.id, b.id, c.id, f.id, d.id]
    assert [x.id for x in migrated.followups(other.id)] == [e.id]
    assert [x.id for x in migrated.followups(meeting_id=meeting.id)] == [a.id, b.id, c.id,
                                                                          f.id]
    assert [x.id for x in migrated.open_followups(council.id)] == [a.id, f.id]
    # numbers stay unique; closing and reopening use the new files
    assert migrated.add_followup(meeting.id, 1, "Ny").id == f"{meeting.id}-5"
    migrated.update_followup(b.id, status="aaben", comment="Genåbnet efter opgradering")
    migrated.update_followup(a.id, status="udfoert")
    assert [x.id for x in migrated.open_followups(council.id)] == [b.id, f.id,
                                                                   f"{meeting.id}-5"]
    assert not list(folder.glob("closed-20*.json"))
    open_store(data_dir)
    assert len(list_backups(data_dir)) == 1  # opened again: no second upgrade


def test_interrupted_split_of_the_yearly_archives_is_finished(store: Store, data_dir: Path):
    """Killed after writing a meeting's new file, before the yearly archive went: the next
    opening finishes, with each follow-up once, the newest copy kept."""
    council, _, (meeting, later, _), fus = version_2_history(store)
    a, b, c, d, e, f = fus
    downgrade_to_version_2(data_dir)
    folder = data_dir / "followups" / council.id
    archive = json.loads((folder / "closed-2026.json").read_text(encoding="utf-8"))
    written = {"closed": {"1": dict(next(doc for doc in archive["closed"].values()
                                         if doc["id"] == b.id))}}
    # and an older copy of c, as a cut earlier move could leave it
    stale = dict(next(doc for doc in archive["closed"].values() if doc["id"] == c.id))
    stale.update(_rev=0, text="Gammel tekst")
    written["closed"]["2"] = stale
    (folder / f"closed-meeting-{meeting.id}.json").write_text(json.dumps(written),
                                                              encoding="utf-8")
    migrated = open_store(data_dir)
    assert [x.id for x in migrated.followups(council.id)] == [a.id, b.id, c.id, f.id, d.id]
    assert migrated.followup(c.id).text == "Udgået"
    assert not (folder / "closed-2026.json").exists()


def test_restoring_a_backup_of_version_2_data_upgrades_it(store: Store, data_dir: Path):
    council, _, (meeting, _, _), fus = version_2_history(store)
    downgrade_to_version_2(data_dir)
    migrated = open_store(data_dir)
    pre_upgrade = migrated.backups()[0]
    migrated.update_followup(fus[0].id, status="udfoert")
    migrated.restore(pre_upgrade.id)
    assert json.loads((data_dir / "meta.json").read_text(encoding="utf-8")) == {"schema": 4}
    assert migrated.followup(fus[0].id).status == "aaben"  # as before the upgrade
    assert migrated.followup(fus[1].id).status == "udfoert"
    assert not list((data_dir / "followups" / council.id).glob("closed-20*.json"))


def test_newer_data_is_refused(data_dir: Path):
    open_store(data_dir)
    (data_dir / "meta.json").write_text('{"schema": 99}', encoding="utf-8")
    with pytest.raises(MeetingToolError, match="nyere udgave"):
        open_store(data_dir)
    assert (data_dir / "meta.json").read_text(encoding="utf-8") == '{"schema": 99}'


# --- merging whole-meeting saves from two processes --------------------------------------------


def test_merge_docs_rules():
    base = {"a": 1, "items": [{"id": 1, "n": ""}, {"id": 2, "n": ""}]}
    mine = {"a": 2, "items": [{"id": 2, "n": "x"}, {"id": 1, "n": ""}, {"id": 3, "n": "ny"}]}
    theirs = {"a": 1, "items": [{"id": 1, "n": "y"}, {"id": 2, "n": ""}, {"id": 4, "n": "z"}]}
    assert merge_docs(base, mine, theirs) == {
        "a": 2,
        "items": [{"id": 2, "n": "x"}, {"id": 1, "n": "y"}, {"id": 3, "n": "ny"},
                  {"id": 4, "n": "z"}],
    }
    # both changed the same field: this save wins; an item removed on one side goes
    assert merge_docs({"t": "a"}, {"t": "b"}, {"t": "c"}) == {"t": "b"}
    assert merge_docs([{"id": 1}, {"id": 2}], [{"id": 1}, {"id": 2}], [{"id": 1}]) == [{"id": 1}]


@pytest.mark.parametrize("base, mine, theirs, merged", [
    # Both typed into an empty item: the other's lines first, then mine.
    ("", "Formandens note", "Referentens noter", "Referentens noter\nFormandens note"),
    # They only added lines around the old text; my edit of it is applied in place.
    ("Punkt", "Punkt med mere", "Referent: x\nPunkt", "Referent: x\nPunkt med mere"),
    # Each added a line of their own under the old one, and I went on with mine.
    ("Dagsorden godkendt.\nFormand: punkt 1",
     "Dagsorden godkendt.\nFormand: punkt 1 og punkt 2",
     "Dagsorden godkendt.\nReferent: punkt 1\nFormand: punkt 1",
     "Dagsorden godkendt.\nReferent: punkt 1\nFormand: punkt 1 og punkt 2"),
    # Both rewrote the same line: both versions kept, theirs first.
    ("Gammel", "Ny fra formanden", "Ny fra referenten", "Ny fra referenten\nNy fra formanden"),
    # One removed a line, the other changed another.
    ("a\nb\nc", "a\nc", "a\nb\nC", "a\nC"),
])
def test_notes_typed_in_two_terminals_keep_both(base, mine, theirs, merged):
    def doc(notes: str) -> dict:
        return {"items": [{"id": 1, "notes": notes, "title": notes}]}

    result = merge_docs(doc(base), doc(mine), doc(theirs))
    assert result["items"][0]["notes"] == merged
    assert result["items"][0]["title"] == mine  # other text fields: this save wins


@given(st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=6),
       st.lists(st.sampled_from(["x", "y"]), max_size=3),
       st.lists(st.sampled_from(["p", "q"]), max_size=3))
def test_lines_added_on_both_sides_are_each_kept_once(base, mine_added, theirs_added):
    mine_lines = base + [f"mine {line}" for line in mine_added]
    theirs_lines = [f"theirs {line}" for line in theirs_added] + base
    merged = merge_text("\n".join(base), "\n".join(mine_lines), "\n".join(theirs_lines))
    lines = merged.split("\n") if merged else []
    assert lines == [f"theirs {line}" for line in theirs_added] + base + [
        f"mine {line}" for line in mine_added]


# --- benchmark ----------------------------------------------------------------------------------


def test_benchmark_quick_run(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "store_bench.py"), "--quick", "--json",
         "--dir", str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    operations = {"record_decision", "record_followup", "update_note", "open_followups",
                  "recent_meetings", "close_followup"}
    assert {r["operation"] for r in records} == operations
    assert {r["store"] for r in records} == {"ours", "plain"}
    histories = {r["history"] for r in records}
    assert len(records) == len(operations) * 2 * len(histories)
    for record in records:
        assert set(record) == {"operation", "history", "store", "p50_ms", "p95_ms"}
        assert 0 < record["p50_ms"] <= record["p95_ms"]
    assert list(tmp_path.iterdir()) == []  # the work folder was cleaned up
