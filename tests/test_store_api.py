"""The files backend's own promises: its folder, its plain UTF-8 files, small writes.
The API's round trips, the same on every backend, are in ``tests/store/``."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from meetingtool.core.model import (
    AgendaTemplate,
    Member,
    TemplateItem,
)
from meetingtool.store import Store, open_store

DANISH = "Æblegrød på Ørbæk Ældrecenter — Åse Ærø siger: “så går vi i gang!”"
LONG = ("Referat med mange detaljer om økonomi, rengøring og pårørendes ønsker. "
        * 400).strip()


class Clock:
    """An injectable ``now`` that moves one minute per call."""

    def __init__(self, start: datetime = datetime(2026, 11, 22, 14, 30)) -> None:
        self.current = start

    def __call__(self) -> datetime:
        self.current += timedelta(minutes=1)
        return self.current


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(data_dir: Path, clock: Clock) -> Store:
    return open_store(data_dir, now=clock)


def template(**extra) -> AgendaTemplate:
    return AgendaTemplate(
        kind="bruger_paaroerende",
        title="Møde i Bruger- og pårørenderådet",
        items=[
            TemplateItem("Velkomst og godkendelse af dagsorden", 5),
            TemplateItem("Økonomi", 20, kind="beslutning", presenter="Centerleder",
                         questions=["Hvad koster det?"], tags=["tryghed"]),
            TemplateItem("Eventuelt", 10),
        ],
        place="Café Æblehaven",
        start_time=time(14, 0),
        source=Path("/skabeloner/bpr.toml"),
        **extra,
    )


MEMBERS = [Member("Åse Ørsted", "formand"), Member("Bjørn Læsø", "referent"),
           Member("Søren Kærgård", "medlem")]


def council_and_meeting(store: Store, on: date = date(2026, 11, 22)):
    council = store.ensure_council("Bruger- og pårørenderåd", "bruger_paaroerende", MEMBERS)
    return council, store.create_meeting(council.id, template(), on)


def test_opening_creates_private_data_dir(data_dir: Path):
    open_store(data_dir)
    assert data_dir.is_dir()
    assert (data_dir / "catalogue.json").is_file()
    assert json.loads((data_dir / "meta.json").read_text(encoding="utf-8"))["schema"] == 4


def test_meeting_file_is_plain_utf8(store: Store, data_dir: Path):
    _, meeting = council_and_meeting(store)
    meeting.items[0].notes = DANISH
    store.save_meeting(meeting)
    raw = (data_dir / "meetings" / "meeting-1.json").read_bytes()
    assert DANISH.encode("utf-8") in raw
    assert b"\\u00e6" not in raw and b"\\u00f8" not in raw


# --- every write stays small ------------------------------------------------------------------


def _files(data_dir: Path) -> dict[str, tuple[int, int, int]]:
    """Every file of the store (backups aside) with what changes when it is rewritten."""
    found = {}
    for path in data_dir.rglob("*"):
        relative = path.relative_to(data_dir)
        if path.is_file() and relative.parts[0] != "backups" and path.name != ".lock":
            info = path.stat()
            found[relative.as_posix()] = (info.st_ino, info.st_mtime_ns, info.st_size)
    return found


def _close_and_measure(store: Store, data_dir: Path, followup_id: str, monkeypatch
                       ) -> tuple[int, int, set[str]]:
    """Close one follow-up; the bytes written (every atomic write, counted as it is made,
    and the sizes of the files changed on disk) and the files changed or removed."""
    from meetingtool.store.files import storage

    written = []
    real_write = storage.write_bytes_atomic

    def counting_write(path, payload, **options):
        written.append(len(payload))
        return real_write(path, payload, **options)

    monkeypatch.setattr(storage, "write_bytes_atomic", counting_write)
    before = _files(data_dir)
    store.update_followup(followup_id, status="udfoert", comment="Klaret")
    after = _files(data_dir)
    monkeypatch.setattr(storage, "write_bytes_atomic", real_write)
    changed = {p for p, info in after.items() if before.get(p) != info}
    removed = set(before) - set(after)
    return sum(written), sum(after[p][2] for p in changed), changed | removed


def test_closing_a_followup_rewrites_only_small_files_however_long_the_history(
        data_dir: Path, monkeypatch):
    """A council with a daily triage round closes thousands of follow-ups a year: closing
    one more must write as much after 750 closed ones in 150 meetings as in a new store (the
    yearly archive of version 2 grew with every one; 750 already made it ~0.5 MB)."""
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # builds the history fast; only the
    # sizes of what is written are measured, and fsync does not change them
    store = open_store(data_dir, now=lambda: datetime(2026, 11, 22, 9, 0))
    council = store.ensure_council("Triageteam Solbakken", "triage")
    rounds = AgendaTemplate(kind="triage", title="Triagerunde",
                            items=[TemplateItem("Runde", 15)])
    text = "Tilse beboeren efter faldet i nat; ring til pårørende om aftenen."

    def meeting_with_followups(on: date) -> list[str]:
        meeting = store.create_meeting(council.id, rounds, on)
        return [store.add_followup(meeting.id, 1, f"{text} ({n})", owner="Pia Dræby").id
                for n in range(1, 6)]

    first = meeting_with_followups(date(2026, 1, 2))
    written_new, on_disk_new, touched_new = _close_and_measure(store, data_dir, first[0],
                                                               monkeypatch)
    for fid in first[1:]:
        store.update_followup(fid, status="udfoert")
    for n in range(1, 150):
        for fid in meeting_with_followups(date(2026, 1, 2) + timedelta(days=n % 360)):
            store.update_followup(fid, status="udfoert", comment="Klaret")
    assert len(store.followups(council.id)) == 750 and store.open_followups(council.id) == []
    history_bytes = sum(info[2] for path, info in _files(data_dir).items()
                        if path.startswith("followups/"))
    assert history_bytes > 350_000

    last = meeting_with_followups(date(2026, 12, 30))
    monkeypatch.setattr(os, "fsync", real_fsync)
    written, on_disk, touched = _close_and_measure(store, data_dir, last[0], monkeypatch)
    # only the meeting's own two follow-up files (and the move's journal, already gone)
    meeting_id = int(last[0].split("-")[0])
    assert touched == {f"followups/{council.id}/closed-meeting-{meeting_id}.json",
                       f"followups/{council.id}/open.json"}
    assert len(touched_new) == 2
    assert written < 8_000 and on_disk < 8_000
    assert written <= 1.25 * written_new and on_disk <= 1.25 * on_disk_new
    assert written * 100 < history_bytes
    assert store.followup(last[0]).status == "udfoert"
    assert [f.id for f in store.open_followups(council.id)] == last[1:]


def test_open_followups_read_one_file_and_never_list_the_councils_folder(
        data_dir: Path, monkeypatch):
    """The council's open follow-ups are its index of open ones: listing them reads that
    one file, however many closed follow-ups fill the council's folder (issue 14)."""
    store = open_store(data_dir, now=lambda: datetime(2026, 11, 22, 9, 0))
    council = store.ensure_council("Triageteam Solbakken", "triage")
    rounds = AgendaTemplate(kind="triage", title="Triagerunde",
                            items=[TemplateItem("Runde", 15)])
    still_open = []
    for day in range(30):
        meeting = store.create_meeting(council.id, rounds, date(2026, 1, 1) + timedelta(day))
        kept = store.add_followup(meeting.id, 1, f"Åben fra dag {day}", owner="Pia")
        closed = store.add_followup(meeting.id, 1, f"Lukket fra dag {day}")
        store.update_followup(closed.id, status="udfoert")
        if day % 3 == 0:
            store.update_followup(kept.id, status="i_gang", comment="Overført")
        still_open.append(kept.id)
    folder = data_dir / "followups" / council.id
    assert len(list(folder.iterdir())) == 31  # 30 closed files and the open one

    opened, listed = [], []
    real_open, real_listdir, real_scandir = os.open, os.listdir, os.scandir
    monkeypatch.setattr(os, "listdir", lambda path=".": listed.append(str(path))
                        or real_listdir(path))
    monkeypatch.setattr(os, "scandir", lambda path=".": listed.append(str(path))
                        or real_scandir(path))
    import builtins
    real_builtin_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda file, *a, **k: opened.append(str(file))
                        or real_builtin_open(file, *a, **k))
    found = store.open_followups(council.id)
    monkeypatch.setattr(builtins, "open", real_builtin_open)
    monkeypatch.setattr(os, "open", real_open)
    assert [f.id for f in found] == still_open
    assert [f.status for f in found[:2]] == ["i_gang", "aaben"]
    assert found[0].history[-1].comment == "Overført"
    assert str(folder) not in listed
    assert [p for p in opened if str(folder) in p] == [str(folder / "open.json")]


def test_the_fast_followup_decoder_equals_the_generic_one():
    """``fast_followup`` builds follow-ups by position: a field added or moved in
    ``FollowUp`` or ``StatusChange`` must show up here, not as swapped values."""
    import dataclasses

    from meetingtool.core.codec import from_dict, to_dict
    from meetingtool.core.model import FollowUp, StatusChange
    from meetingtool.store.files.followups import fast_followup

    followup = FollowUp(
        id="12-3", council_id="team", meeting_id=12, item_id=4, text="Ring til lægen",
        created=datetime(2026, 11, 22, 14, 30), owner="Pia", due=date(2026, 12, 1),
        status="i_gang", internal=True, carried_over=2, resident="ÆK",
        history=[StatusChange(datetime(2026, 11, 22, 14, 30), "aaben", 12,
                              date(2026, 12, 1), "Pia", "Oprettet"),
                 StatusChange(datetime(2026, 11, 29, 9, 0), "i_gang", 13, None, "Bo", "")])
    doc = dict(to_dict(followup), _rev=3)
    assert fast_followup(doc) == followup == from_dict(FollowUp, doc)
    assert [f.name for f in dataclasses.fields(FollowUp)] == [
        "id", "council_id", "meeting_id", "item_id", "text", "created", "owner", "due",
        "status", "internal", "carried_over", "history", "escalated_to", "escalated_from",
        "resident", "carried_at_decision"]
    assert [f.name for f in dataclasses.fields(StatusChange)] == [
        "at", "status", "meeting_id", "due", "owner", "comment"]
