"""The shared database's schema: numbered migrations in ``schema/NNN_name.sql``.

``migrate(url)`` (``meetingtool store init URL``, run by a role that may create tables)
applies those not yet applied, each in its own transaction, and records it in
``schema_version``. Day-to-day use (``check``) only reads that table: a database that
was never initialised, or one that needs a migration this version of meetingtool brings,
is named in a Danish message that says to run ``store init``; one made by a newer
meetingtool is refused rather than written in a shape this version does not know.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import psycopg

from meetingtool.core.errors import MeetingToolError

_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
_LOCK = 0x6D74_7363  # pg_advisory_xact_lock key: one `store init` at a time


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every migration shipped, oldest first."""
    found = []
    for entry in resources.files("meetingtool.store.postgres").joinpath("schema").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def latest() -> int:
    return migrations()[-1][0]


def current(cur: psycopg.Cursor[Any]) -> int | None:
    """The schema version of the database, ``None`` if it has never been initialised."""
    cur.execute("SELECT to_regclass('schema_version') IS NOT NULL")
    row = cur.fetchone()
    if not row or not row[0]:
        return None
    cur.execute("SELECT max(version) FROM schema_version")
    row = cur.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def check(cur: psycopg.Cursor[Any], location: str) -> int:
    """The schema version, if this meetingtool can use the database as it is."""
    version = current(cur)
    if version is None or version < latest():
        what = "er ikke sat op til meetingtool" if version is None else (
            f"har skemaversion {version}, og denne udgave af meetingtool skal bruge "
            f"version {latest()}")
        raise MeetingToolError(
            f"Databasen {location} {what}. Den, der driver databasen, kører én gang: "
            f"meetingtool store init {location} (som en bruger, der må oprette tabeller).")
    if version > latest():
        raise MeetingToolError(
            f"Databasen {location} har skemaversion {version}, som er nyere end denne "
            f"udgave af meetingtool kender (version {latest()}). Opdatér meetingtool.")
    return version


def migrate(conn: psycopg.Connection[Any]) -> tuple[int, int]:
    """Apply the migrations the database lacks; (version before, version after)."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
        cur.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    "version integer PRIMARY KEY, name text NOT NULL, "
                    "applied timestamptz NOT NULL DEFAULT now())")
        before = current(cur) or 0
        for version, name, sql in migrations():
            if version > before:
                with conn.transaction():
                    cur.execute(sql.encode("utf-8"))
                    cur.execute("INSERT INTO schema_version (version, name) VALUES (%s, %s)",
                                (version, name))
        after = current(cur) or 0
    if after > latest():
        raise MeetingToolError(
            f"Databasen har skemaversion {after}, som er nyere end denne udgave af "
            f"meetingtool kender (version {latest()}). Opdatér meetingtool.")
    return before, after
