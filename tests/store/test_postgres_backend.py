"""What only the PostgreSQL backend has: its schema, its role's rights, a connection that
drops, a password that is never shown, and LISTEN/NOTIFY between terminals."""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import psycopg
import pytest

from meetingtool.cli import main
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import AgendaTemplate, Member, TemplateItem
from meetingtool.store import StoreUnavailableError, open_store
from meetingtool.store.postgres import init_database
from meetingtool.store.postgres.connection import url_without_password
from meetingtool.store.postgres.schema import latest

TEMPLATE = AgendaTemplate(kind="kvalitetsraad", title="Kvalitetsrådsmøde",
                          items=[TemplateItem("Status", 15), TemplateItem("Økonomi", 20)])
SECRET = "Hemmelig-Adgang-7319"


@pytest.fixture
def location(pg_url: str) -> str:
    """Only the server here (``reopen`` and ``store`` open this)."""
    return pg_url


def with_user(url: str, user: str, password: str | None = None) -> str:
    credentials = f"{user}:{password}" if password else user
    return url.replace("postgresql://postgres@", f"postgresql://{credentials}@", 1)


def test_a_new_database_must_be_initialised_and_init_is_idempotent(pg_server, capsys):
    url = pg_server.create_database("ny_kommune")
    with pytest.raises(MeetingToolError, match="store init"):
        open_store(url)
    assert main(["store", "init", url]) == 0
    newest = latest()
    assert f"sat op (skemaversion {newest})" in capsys.readouterr().out
    assert main(["store", "init", url]) == 0
    assert "allerede sat op" in capsys.readouterr().out
    assert init_database(url) == (newest, newest)
    store = open_store(url)
    assert store.schema_version == newest and store.backend == "postgresql"
    assert store.councils() == []
    store.close()


def test_a_database_from_a_newer_meetingtool_is_refused(pg_server):
    url = pg_server.create_database("nyere")
    init_database(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_version (version, name) VALUES (99, '099_fremtid.sql')")
    with pytest.raises(MeetingToolError, match="nyere end denne udgave"):
        open_store(url)


def test_day_to_day_role_needs_only_select_insert_update_delete(pg_url: str):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS moede_app")
        conn.execute("CREATE ROLE moede_app LOGIN")
        conn.execute("GRANT USAGE ON SCHEMA public TO moede_app")
        conn.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public "
                     "TO moede_app")
    try:
        store = open_store(with_user(pg_url, "moede_app"))
        council = store.ensure_council("Kvalitetsråd", "kvalitetsraad", [Member("Åse", "formand")])
        meeting = store.create_meeting(council.id, TEMPLATE, date(2026, 11, 22))
        meeting.items[0].notes = "Noter"
        store.save_meeting(meeting)
        decision = store.add_decision(meeting.id, 1, "Vedtaget")
        store.update_decision(meeting.id, decision.id, "Rettet")
        store.delete_decision(meeting.id, decision.id)
        fu = store.add_followup(meeting.id, 1, "Følg op")
        store.update_followup(fu.id, status="udfoert")
        resident = store.add_resident(council.id, "ÅØ")
        store.set_triage_entry(meeting.id, resident.id, colour="gul")
        store.add_borgergennemgang(resident.id, meeting.id, {"hvad_ser_vi": "Glad"})
        assert store.counts()["followups"] == 1
        assert store.meeting(meeting.id).items[0].notes == "Noter"
        store.close()
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("DROP OWNED BY moede_app")
            conn.execute("DROP ROLE moede_app")


def test_the_password_is_never_shown(pg_url: str, pg_server, monkeypatch, capsys):
    url = with_user(pg_url, "postgres", SECRET)
    store = open_store(url)
    assert SECRET not in store.location and SECRET not in repr(store)
    assert store.location == pg_url
    monkeypatch.setenv("MEETINGTOOL_DATA", url)
    assert main(["store", "info"]) == 0
    assert SECRET not in capsys.readouterr().out
    store.close()
    missing = with_user(pg_server.url("findes_ikke"), "postgres", SECRET)
    with pytest.raises(StoreUnavailableError) as caught:
        open_store(missing)
    assert SECRET not in caught.value.message and "kan ikke nås" in caught.value.message
    assert url_without_password(f"{pg_url}&password={SECRET}") == pg_url


def test_a_server_that_cannot_be_reached_is_a_danish_error(tmp_path):
    url = f"postgresql://moeder@/moeder?host={tmp_path}&port=5999&connect_timeout=2"
    with pytest.raises(StoreUnavailableError, match="Databaseserveren .* kan ikke nås"):
        open_store(url)
    assert main(["store", "info", url]) == 2


def _kill_connection(pg_url: str, store) -> None:
    pid = store._conn.info.backend_pid
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_dropped_connection_leaves_nothing_half_written(pg_url: str, reopen):
    store = reopen()
    council = store.ensure_council("Kvalitetsråd", "kvalitetsraad")
    meeting = store.create_meeting(council.id, TEMPLATE, date(2026, 11, 22))
    with (pytest.raises(StoreUnavailableError, match="Intet af den sidste ændring"),
          store._tx()):  # one call's transaction, cut in the middle
        store.add_decision(meeting.id, 1, "Første halvdel")
        _kill_connection(pg_url, store)
        store.add_followup(meeting.id, 1, "Anden halvdel")
    assert reopen().decisions(meeting.id) == []
    assert reopen().followups(meeting_id=meeting.id) == []
    # the next call connects again
    assert store.add_decision(meeting.id, 1, "Igen").id == f"{meeting.id}-1"


def test_a_connection_lost_between_calls_is_reported_then_reopened(pg_url: str, reopen):
    store = reopen()
    council = store.ensure_council("Kvalitetsråd", "kvalitetsraad")
    _kill_connection(pg_url, store)
    with pytest.raises(StoreUnavailableError):
        store.councils()
    assert store.councils() == [council]


def test_a_change_in_another_terminal_is_pushed_within_a_second(reopen):
    screen, other = reopen(), reopen()
    council = screen.ensure_council("Kvalitetsråd", "kvalitetsraad")
    meeting = screen.create_meeting(council.id, TEMPLATE, date(2026, 11, 22))
    elsewhere = screen.create_meeting(council.id, TEMPLATE, date(2026, 11, 23))
    heard: queue.Queue[int | None] = queue.Queue()
    stop = screen.watch(heard.put, meeting.id)
    try:
        for change in (lambda: other.add_decision(meeting.id, 1, "Vedtaget"),
                       lambda: other.add_followup(meeting.id, 1, "Følg op"),
                       lambda: _save_note(other, meeting.id, "Ny note")):
            other.add_decision(elsewhere.id, 1, "Et andet møde")  # not this screen's
            started = time.monotonic()
            change()
            assert heard.get(timeout=1.0) == meeting.id
            assert time.monotonic() - started < 1.0
            assert heard.empty()
        assert screen.changed_elsewhere(screen.meeting(meeting.id)) is False
    finally:
        stop()


def _save_note(store, meeting_id: int, text: str) -> None:
    meeting = store.meeting(meeting_id)
    meeting.items[0].notes = text
    store.save_meeting(meeting)


# --- several processes at once, and one killed ---------------------------------------------

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_chairs_in_several_processes_lose_no_confirmed_write(pg_server):
    url = pg_server.create_database("samtidig")
    init_database(url)
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "concurrency_bench.py"), "--store", "postgresql",
         "--url", url, "--seconds", "2", "--processes", "3", "--json"],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    (report,) = json.loads(result.stdout)
    assert report["lost"] == 0 and report["failed_chairs"] == []
    assert report["writes"] > 10


def test_a_client_killed_mid_write_loses_nothing_it_confirmed(pg_server, tmp_path,
                                                              monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # also for the spawned chair
    import concurrency_bench as bench
    url = pg_server.create_database("draebt")
    init_database(url)
    meetings = bench.prepare(url, 2)
    log = tmp_path / "chair.log"
    context = multiprocessing.get_context("spawn")
    chair = context.Process(target=bench.worker,
                            args=(url, 0, meetings[0], time.time(), 60.0, str(log)))
    chair.start()
    deadline = time.monotonic() + 30
    while (not log.exists() or log.read_text(encoding="utf-8").count("\n") < 20) \
            and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(chair.pid, signal.SIGKILL)
    chair.join()
    confirmed, lost, _ = bench.verify(url, meetings[:1], [log])
    assert confirmed >= 20 and lost == 0
    store = open_store(url)
    assert store.add_decision(meetings[0], 1, "Efter nedbruddet")  # nothing left locked
    store.close()


def test_store_benchmark_quick_run_on_a_given_database(pg_server):
    url = pg_server.create_database("maaling")
    init_database(url)
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "store_bench.py"), "--store", "postgresql",
         "--url", url, "--sizes", "300", "--repetitions", "5", "--json"],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert {r["operation"] for r in records} == {
        "record_decision", "record_followup", "close_followup", "update_note",
        "open_followups", "recent_meetings"}
    assert all(r["store"] == "postgresql" and 0 < r["p50_ms"] <= r["p95_ms"] for r in records)
    store = open_store(url)
    assert store.counts()["meetings"] == 0  # the given database is left empty
    store.close()
