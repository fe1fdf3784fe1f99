"""Round trips through the Store API on a real data directory."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.model import (
    AgendaTemplate,
    Member,
    MinutesApproval,
    TemplateItem,
    TriageRule,
    TriageSettings,
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
    assert json.loads((data_dir / "meta.json").read_text(encoding="utf-8"))["schema"] == 3


def test_councils_round_trip(store: Store, data_dir: Path):
    a = store.ensure_council("Kvalitetsråd Ølstykke", "kvalitetsraad", MEMBERS)
    b = store.ensure_council("Bruger- og pårørenderåd", "bruger_paaroerende")
    assert a.id == "kvalitetsraad-oelstykke"
    assert b.id == "bruger-og-paaroerenderaad"
    assert store.ensure_council("kvalitetsråd ølstykke", "kvalitetsraad") == a
    assert [c.name for c in store.councils()] == ["Bruger- og pårørenderåd",
                                                  "Kvalitetsråd Ølstykke"]
    assert store.find_council("BRUGER- OG PÅRØRENDERÅD") == b
    assert store.find_council("findes ikke") is None
    b.members.append(Member("Ærlige Ærbø", "medlem"))
    store.save_council(b)
    assert open_store(data_dir).council(b.id).members == [Member("Ærlige Ærbø", "medlem")]
    with pytest.raises(NotFoundError):
        store.council("ukendt")


def test_same_slug_gets_a_new_id(store: Store):
    first = store.ensure_council("Råd", "kvalitetsraad")
    second = store.ensure_council("Raad", "kvalitetsraad")
    assert first.id == "raad" and second.id == "raad-2"


def test_create_meeting_copies_template_and_members(store: Store, data_dir: Path):
    council, meeting = council_and_meeting(store)
    assert meeting.id == 1
    assert [item.id for item in meeting.items] == [1, 2, 3]
    assert meeting.items[1].questions == ["Hvad koster det?"]
    # The members are listed, but nobody is present until attendance is taken.
    assert [(a.name, a.presence) for a in meeting.attendance] == [
        ("Åse Ørsted", "ikke_registreret"), ("Bjørn Læsø", "ikke_registreret"),
        ("Søren Kærgård", "ikke_registreret")]
    assert meeting.chair == "Åse Ørsted" and meeting.secretary == "Bjørn Læsø"
    assert meeting.status == "planlagt"
    assert meeting.place == "Café Æblehaven" and meeting.start_time == time(14, 0)
    assert meeting.template_source == "/skabeloner/bpr.toml"
    assert open_store(data_dir).meeting(meeting.id) == meeting
    other = store.create_meeting(council.id, template(), date(2026, 12, 1), title="Ekstra",
                                 place="", start_time=time(9, 30), theme="Mad")
    assert (other.id, other.title, other.place, other.start_time, other.theme) == (
        2, "Ekstra", "", time(9, 30), "Mad")


def test_moedeleder_is_chair_and_triage_settings_are_copied(store: Store):
    council = store.ensure_council("Triageteam", "triage",
                                   [Member("Pia", "formand"), Member("Lise", "moedeleder")])
    settings = TriageSettings(rules=[TriageRule("roed", "Sygeplejerske vurderer", 24)])
    meeting = store.create_meeting(council.id, template(triage=settings), date(2026, 11, 23))
    assert meeting.chair == "Lise" and meeting.secretary == ""
    assert store.meeting(meeting.id).triage == settings


def test_save_meeting_round_trip_danish_long_and_empty(store: Store, data_dir: Path):
    _, meeting = council_and_meeting(store)
    meeting.items[0].notes = DANISH
    meeting.items[1].notes = LONG
    meeting.items[2].notes = ""
    meeting.items[1].used_seconds = 754.5
    meeting.attendance[2].presence = "afbud"
    meeting.clock.current_item_id = 2
    meeting.approval = MinutesApproval(date(2026, 12, 1), 2, "Rettelse: Åse var til stede.")
    store.save_meeting(meeting)
    again = open_store(data_dir).meeting(meeting.id)
    assert again == meeting
    raw = (data_dir / "meetings" / "meeting-1.json").read_bytes()
    assert DANISH.encode("utf-8") in raw
    assert b"\\u00e6" not in raw and b"\\u00f8" not in raw
    assert store.meetings()[0].approved is True


def test_reopened_meeting_clock_is_paused(store: Store):
    _, meeting = council_and_meeting(store)
    meeting.clock.running = True
    meeting.clock.current_item_id = 3
    store.save_meeting(meeting)
    again = store.meeting(meeting.id)
    assert again.clock.running is False and again.clock.current_item_id == 3


def test_meetings_newest_first_limit_and_previous(store: Store):
    council, first = council_and_meeting(store, date(2026, 1, 10))
    other = store.ensure_council("Kvalitetsråd", "kvalitetsraad")
    third = store.create_meeting(council.id, template(), date(2026, 3, 10))
    second = store.create_meeting(council.id, template(), date(2026, 2, 10))
    foreign = store.create_meeting(other.id, template(), date(2026, 2, 20))
    assert [s.id for s in store.meetings()] == [third.id, foreign.id, second.id, first.id]
    assert [s.id for s in store.meetings(council.id, limit=2)] == [third.id, second.id]
    assert store.previous_meeting(third.id).id == second.id
    assert store.previous_meeting(second.id).id == first.id
    assert store.previous_meeting(first.id) is None
    assert store.previous_meeting(foreign.id) is None
    third.status = "afsluttet"
    third.title = "Marts-mødet"
    store.save_meeting(third)
    summary = store.meetings(council.id, limit=1)[0]
    assert (summary.status, summary.title) == ("afsluttet", "Marts-mødet")
    first.date = date(2025, 12, 30)  # moved to another year: listed once, in the right place
    store.save_meeting(first)
    assert [s.id for s in store.meetings()] == [third.id, foreign.id, second.id, first.id]
    assert [s.date for s in store.meetings(council.id)][-1] == date(2025, 12, 30)
    assert store.previous_meeting(second.id).id == first.id
    with pytest.raises(NotFoundError):
        store.meeting(999)


def test_decisions(store: Store, clock: Clock, data_dir: Path):
    _, meeting = council_and_meeting(store)
    d1 = store.add_decision(meeting.id, 2, DANISH)
    d2 = store.add_decision(meeting.id, 1, LONG)
    d3 = store.add_decision(meeting.id, 2, "")
    assert d1.created == datetime(2026, 11, 22, 14, 31)
    assert len({d1.id, d2.id, d3.id}) == 3
    reopened = open_store(data_dir)
    assert reopened.decisions(meeting.id) == [d1, d2, d3]
    assert reopened.decisions(meeting.id, item_id=2) == [d1, d3]
    changed = store.update_decision(meeting.id, d1.id, "Ændret: æøå")
    assert changed.text == "Ændret: æøå" and changed.created == d1.created
    store.delete_decision(meeting.id, d2.id)
    d4 = store.add_decision(meeting.id, 3, "Ny")
    assert d4.id not in {d1.id, d2.id, d3.id}  # ids are never reused
    assert [d.id for d in open_store(data_dir).decisions(meeting.id)] == [d1.id, d3.id, d4.id]
    with pytest.raises(NotFoundError):
        store.delete_decision(meeting.id, d2.id)
    with pytest.raises(NotFoundError):
        store.add_decision(meeting.id, 99, "punkt findes ikke")
    with pytest.raises(NotFoundError):
        store.add_decision(999, 1, "mødet findes ikke")


def test_followups_round_trip_and_history(store: Store, data_dir: Path):
    council, meeting = council_and_meeting(store)
    fu = store.add_followup(meeting.id, 2, DANISH, owner="Bjørn Læsø", due=date(2026, 12, 1),
                            internal=True, resident="ÅØ")
    assert fu.id == f"{meeting.id}-1"
    assert fu.status == "aaben" and fu.council_id == council.id and fu.item_id == 2
    assert [(h.status, h.meeting_id, h.due, h.owner) for h in fu.history] == [
        ("aaben", meeting.id, date(2026, 12, 1), "Bjørn Læsø")]
    assert open_store(data_dir).followup(fu.id) == fu
    later = store.create_meeting(council.id, template(), date(2026, 12, 10))
    updated = store.update_followup(fu.id, status="i_gang", due=date(2027, 1, 5),
                                    comment="Rykket", meeting_id=later.id)
    assert updated.status == "i_gang" and updated.due == date(2027, 1, 5)
    assert [(h.status, h.meeting_id, h.comment) for h in updated.history] == [
        ("aaben", meeting.id, ""), ("i_gang", later.id, "Rykket")]
    assert store.followup(fu.id) == updated
    done = store.update_followup(fu.id, status="udfoert", owner="Åse", text="Ny tekst",
                                 internal=False)
    assert (done.status, done.owner, done.text, done.internal) == (
        "udfoert", "Åse", "Ny tekst", False)
    assert len(done.history) == 3
    with pytest.raises(MeetingToolError):
        store.update_followup(fu.id, status="faerdig")
    with pytest.raises(NotFoundError):
        store.followup("99-1")
    with pytest.raises(NotFoundError):
        store.followup("ikke-et-id")


def test_open_followups_index_follows_status(store: Store, data_dir: Path):
    council, meeting = council_and_meeting(store)
    other = store.ensure_council("Kvalitetsråd", "kvalitetsraad")
    other_meeting = store.create_meeting(other.id, template(), date(2026, 11, 25))
    a = store.add_followup(meeting.id, 1, "A")
    b = store.add_followup(meeting.id, None, "B")
    c = store.add_followup(other_meeting.id, 1, "C")
    assert [f.id for f in store.open_followups(council.id)] == [a.id, b.id]
    store.update_followup(a.id, status="udfoert")
    assert [f.id for f in store.open_followups(council.id)] == [b.id]
    store.update_followup(a.id, status="aaben", comment="Genåbnet")
    assert [f.id for f in open_store(data_dir).open_followups(council.id)] == [a.id, b.id]
    store.update_followup(b.id, status="udgaaet")
    assert [f.id for f in store.followups(council.id)] == [a.id, b.id]
    assert [f.id for f in store.followups(council.id, open_only=True)] == [a.id]
    assert [f.id for f in store.followups()] == [a.id, b.id, c.id]
    assert [f.id for f in store.followups(meeting_id=other_meeting.id)] == [c.id]
    assert store.open_followups("ingen-saadan") == []
    # the open index holds the latest version of the follow-up
    assert store.open_followups(council.id)[0] == store.followup(a.id)


def test_save_followup_replaces_whole(store: Store, data_dir: Path):
    council, meeting = council_and_meeting(store)
    fu = store.add_followup(meeting.id, 1, "Følg op")
    fu.carried_over = 3
    fu.text = LONG
    store.save_followup(fu)
    assert open_store(data_dir).followup(fu.id) == fu
    assert store.open_followups(council.id) == [fu]
    fu.status = "udfoert"
    store.save_followup(fu)
    assert store.open_followups(council.id) == []


def test_residents_triage_and_borgergennemgang(store: Store, data_dir: Path):
    council = store.ensure_council("Triageteam Solbakken", "triage")
    r1 = store.add_resident(council.id, "ÅØ", "12")
    r2 = store.add_resident(council.id, "", "14B")
    assert store.residents(council.id) == [r1, r2]
    r2.active = False
    r2.moved_out = date(2026, 11, 20)
    store.save_resident(r2)
    assert store.residents(council.id) == [r1]
    assert open_store(data_dir).residents(council.id, include_inactive=True) == [r1, r2]

    m1 = store.create_meeting(council.id, template(), date(2026, 11, 20))
    m2 = store.create_meeting(council.id, template(), date(2026, 11, 21))
    e1 = store.set_triage_entry(m1.id, r1.id, colour="roed", change="Faldet i nat")
    e1b = store.set_triage_entry(m1.id, r1.id, action="Tilses af sygeplejerske", owner="Pia")
    assert e1b.id == e1.id and e1b.colour == "roed" and e1b.change == "Faldet i nat"
    assert e1b.action == "Tilses af sygeplejerske"
    store.set_triage_entry(m1.id, r2.id, colour="groen")
    e2 = store.set_triage_entry(m2.id, r1.id, colour="gul")
    assert [e.resident_id for e in store.triage_entries(m1.id)] == [r1.id, r2.id]
    history = open_store(data_dir).resident_history(r1.id)
    assert [(s.id, e.colour) for s, e in history] == [(m1.id, "roed"), (m2.id, "gul")]
    assert history[1][1] == e2
    with pytest.raises(MeetingToolError):
        store.set_triage_entry(m1.id, r1.id, colour="lilla")
    with pytest.raises(NotFoundError):
        store.set_triage_entry(m1.id, f"{council.id}-99", colour="roed")

    answers = {"hvad_ser_vi": "Træthed", "hvad_goer_vi": "Mere søvn"}
    bg = store.add_borgergennemgang(r1.id, m1.id, answers)
    assert open_store(data_dir).borgergennemgange(r1.id) == [bg]
    assert store.borgergennemgange(r2.id) == []


def test_injected_now_is_used_for_timestamps(data_dir: Path):
    fixed = datetime(2030, 5, 17, 9, 15, 42)
    store = open_store(data_dir, now=lambda: fixed)
    _, meeting = council_and_meeting(store)
    assert store.add_decision(meeting.id, 1, "x").created == fixed
    fu = store.add_followup(meeting.id, 1, "y")
    assert fu.created == fixed and fu.history[0].at == fixed
    assert store.update_followup(fu.id, status="i_gang").history[-1].at == fixed
    path = store.backup("Test")
    assert store.backups()[0].created == fixed and path.name.startswith("20300517-091542")


def test_two_store_objects_in_one_process_see_each_other(data_dir: Path):
    first, second = open_store(data_dir), open_store(data_dir)
    _, meeting = council_and_meeting(first)
    a = first.add_decision(meeting.id, 1, "fra første")
    b = second.add_decision(meeting.id, 1, "fra anden")
    assert a.id != b.id
    assert [d.text for d in first.decisions(meeting.id)] == ["fra første", "fra anden"]


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
    one more must write as much after 2,000 closed ones in 400 meetings of one year as in a
    new store (the yearly archive of version 2 grew with every one)."""
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
    for n in range(1, 400):
        for fid in meeting_with_followups(date(2026, 1, 2) + timedelta(days=n % 360)):
            store.update_followup(fid, status="udfoert", comment="Klaret")
    assert len(store.followups(council.id)) == 2000 and store.open_followups(council.id) == []
    history_bytes = sum(info[2] for path, info in _files(data_dir).items()
                        if path.startswith("followups/"))
    assert history_bytes > 1_000_000

    last = meeting_with_followups(date(2026, 12, 30))
    monkeypatch.setattr(os, "fsync", real_fsync)
    written, on_disk, touched = _close_and_measure(store, data_dir, last[0], monkeypatch)
    # only the meeting's own two follow-up files (and the move's journal, already gone)
    meeting_id = int(last[0].split("-")[0])
    assert touched == {f"followups/{council.id}/closed-meeting-{meeting_id}.json",
                       f"followups/{council.id}/open-{meeting_id}.json"}
    assert len(touched_new) == 2
    assert written < 8_000 and on_disk < 8_000
    assert written <= 1.25 * written_new and on_disk <= 1.25 * on_disk_new
    assert written * 100 < history_bytes
    assert store.followup(last[0]).status == "udfoert"
    assert [f.id for f in store.open_followups(council.id)] == last[1:]
