"""The server connection of the PostgreSQL backend: one transaction per API call.

``PgTransactions`` holds one connection (opened on first use, opened again after it was
lost). ``_tx()`` is one transaction: committed when the block ends, rolled back when it
raises; nested ``_tx()`` blocks join the outer one, so a method built from others is
still one transaction. A connection that drops, or a server that cannot be reached, is a
``StoreUnavailableError`` with a Danish message: the transaction was never committed, so
nothing of it was written.

The password is never shown: ``location`` is the URL without it, and the reason libpq
gives for a failure is cleaned of it before it reaches a message.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg.rows import tuple_row

from meetingtool.core.errors import MeetingToolError
from meetingtool.core.locations import local_dir
from meetingtool.store.errors import StoreUnavailableError
from meetingtool.store.merge import MergeBases
from meetingtool.store.postgres import schema

CONNECT_TIMEOUT = 10
"""Seconds to wait for a server that does not answer (unless the URL or PGCONNECT_TIMEOUT
says otherwise)."""

CHANNEL = "meetingtool_changed"
"""The NOTIFY channel: the payload is the id of the meeting that changed."""


def url_without_password(url: str) -> str:
    """The URL as people may see it: user, host, port, database and options, no password."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hostinfo = netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}@{hostinfo}" if user else hostinfo
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if k.lower() != "password"], safe="/")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _secrets(url: str) -> list[str]:
    parts = urlsplit(url)
    found = [parts.password or ""]
    found += [v for k, v in parse_qsl(parts.query) if k.lower() == "password"]
    found.append(os.environ.get("PGPASSWORD", ""))
    return [s for s in found if s]


def clean_reason(error: BaseException, url: str) -> str:
    """libpq's reason for a failure, on one line, with any password taken out."""
    text = " ".join(str(error).split()) or type(error).__name__
    for secret in _secrets(url):
        text = text.replace(secret, "***")
    return text


def unavailable(url: str, error: BaseException) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"Databaseserveren {url_without_password(url)} kan ikke nås, eller forbindelsen "
        f"blev afbrudt ({clean_reason(error, url)}). Intet af den sidste ændring er gemt "
        "halvt: prøv igen, når forbindelsen er tilbage, og kontakt den, der driver "
        "serveren, hvis det bliver ved.")


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    """A connection to ``url``; libpq's own PG* variables, ~/.pgpass and sslmode apply."""
    options: dict[str, Any] = {"autocommit": autocommit, "row_factory": tuple_row}
    if "connect_timeout" not in url and not os.environ.get("PGCONNECT_TIMEOUT"):
        options["connect_timeout"] = CONNECT_TIMEOUT
    try:
        return psycopg.connect(url, application_name="meetingtool", **options)
    except psycopg.Error as error:
        raise unavailable(url, error) from None


class PgTransactions:
    """One database opened: every public call of the record classes built on this is one
    transaction (``_tx``)."""

    backend = "postgresql"

    def __init__(self, url: str, now: Callable[[], datetime] = datetime.now) -> None:
        self._url = url
        self.now = now
        self.data_dir = local_dir(url)
        self._conn: psycopg.Connection[Any] | None = None
        self._cur: psycopg.Cursor[Any] | None = None
        self._bases = MergeBases()
        with self._tx() as cur:
            self.schema_version = schema.check(cur, self.location)

    @property
    def location(self) -> str:
        return url_without_password(self._url)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location}>"

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _now(self) -> datetime:
        """The injected clock, to the second (what the files backend keeps too)."""
        return self.now().replace(microsecond=0)

    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is None or self._conn.closed or self._conn.broken:
            if self._conn is not None:
                self._conn.close()
            self._conn = connect(self._url, autocommit=True)
        return self._conn

    @contextmanager
    def _tx(self) -> Iterator[psycopg.Cursor[Any]]:
        if self._cur is not None:
            yield self._cur
            return
        conn = self._connection()
        try:
            with conn.transaction(), conn.cursor() as cur:
                self._cur = cur
                try:
                    yield cur
                finally:
                    self._cur = None
        except (psycopg.OperationalError, psycopg.InterfaceError) as error:
            if conn.broken or conn.closed or isinstance(error, psycopg.InterfaceError):
                self.close()
                raise unavailable(self._url, error) from None
            raise MeetingToolError(
                f"Databasen {self.location} afviste ændringen "
                f"({clean_reason(error, self._url)}). Intet af den er gemt.") from None
        except psycopg.errors.InsufficientPrivilege as error:
            raise MeetingToolError(
                f"Databasebrugeren har ikke adgang til det, der skal læses eller gemmes i "
                f"{self.location} ({clean_reason(error, self._url)}). Se README-afsnittet "
                "'Fælles database' om rettighederne.") from None
        except psycopg.Error as error:
            raise MeetingToolError(
                f"Databasen {self.location} afviste ændringen "
                f"({clean_reason(error, self._url)}). Intet af den er gemt.") from None

    def _notify(self, cur: psycopg.Cursor[Any], meeting_id: int) -> None:
        """Tell listening terminals (``live.py``) the meeting changed; sent at commit."""
        cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(int(meeting_id))))

    def _next(self, cur: psycopg.Cursor[Any], name: str, at_least: int = 0) -> int:
        """The next number of counter ``name`` (1, 2, ...); never given out twice.
        With ``at_least``, only raise the counter to that (an imported record's number)."""
        if at_least:
            cur.execute(
                "INSERT INTO counters (name, value) VALUES (%s, %s) ON CONFLICT (name) "
                "DO UPDATE SET value = GREATEST(counters.value, EXCLUDED.value) "
                "RETURNING value", (name, at_least))
        else:
            cur.execute(
                "INSERT INTO counters (name, value) VALUES (%s, 1) ON CONFLICT (name) "
                "DO UPDATE SET value = counters.value + 1 RETURNING value", (name,))
        row = cur.fetchone()
        assert row is not None
        return int(row[0])
