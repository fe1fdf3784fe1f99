"""Benchmark: the meeting store against plain TinyDB as the history grows.

    python benchmarks/store_bench.py            # 1.000, 10.000 and 100.000 records
    python benchmarks/store_bench.py --json     # the same figures as JSON
    python benchmarks/store_bench.py --quick    # a small run (the test suite calls this)
    python benchmarks/store_bench.py --store postgresql [--url URL] [--sizes 1000,100000]
    python benchmarks/store_bench.py --store files  # one backend alone, the same figures
    python benchmarks/store_bench.py --sizes 1000,300000 --backlog 300
                                                # the issue's open follow-up target
    python benchmarks/store_bench.py --open-only --sizes 300000 --repetitions 300
                                                # only that listing, wall and CPU time

For each history size it builds two equal histories — one laid out as ``meetingtool.store``
keeps it, one as a single TinyDB file with the default ``JSONStorage`` ("plain") — with a
realistic mix of three councils: a daily triage round (20 residents rated, now and then a
follow-up), and a quality council and a user-and-relatives council meeting every 20 days
with decisions and follow-ups. A record is a meeting, a decision, a follow-up or a triage
entry. Most old follow-ups are done; the recent ones are open, and, as in a real council,
a backlog of old ones was never closed: ``--backlog N`` (default 300) follow-ups of the
triage team's history, spread over the years, are left open (some "I gang", some carried
over several meetings), so listing the team's open follow-ups lists about N of them.

The histories are written straight to disk in bulk (building 100.000 records through the
fsync'd API would only measure the setup) and flushed with ``os.sync()``. Then it
measures, for both stores, p50 and p95 of the operations a chair feels: recording a
decision and a follow-up, closing a follow-up (marking one just recorded Udført, with a
comment), saving a note, listing a council's open follow-ups and listing the 20 most
recent meetings. Plain TinyDB rewrites its whole file on every change, so its
repetitions are fewer for large histories. The table ends with the disk's own floor (one
atomic, fsync'd write of a small file) measured in the same run, since on a busy machine
fsync latency, not the store, sets the p95.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tinydb import Query, TinyDB  # noqa: E402  (plain TinyDB is the baseline measured)

from meetingtool.core.codec import to_dict  # noqa: E402
from meetingtool.core.model import (  # noqa: E402
    Attendee,
    Council,
    Decision,
    FollowUp,
    Meeting,
    MeetingItem,
    MeetingSummary,
    Member,
    Resident,
    StatusChange,
    TriageEntry,
)
from meetingtool.store import open_store  # noqa: E402
from meetingtool.store.files import layout  # noqa: E402
from meetingtool.store.files.storage import encode_json, write_bytes_atomic  # noqa: E402

OPERATIONS = ("record_decision", "record_followup", "close_followup", "update_note",
              "open_followups", "recent_meetings")
FULL_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (300, 1_000)
CYCLE_DAYS = 20
RESIDENTS = 20
OPEN_RECENT_MEETINGS = 6  # follow-ups of a council's last few meetings are still open
BACKLOG = 300  # open follow-ups of the triage team, most of them left open long ago

COUNCILS = (
    Council("kvalitetsraad", "Kvalitetsråd", "kvalitetsraad",
            [Member("Åse Ørsted", "formand"), Member("Bjørn Læsø", "referent"),
             Member("Søren Kærgård", "medlem"), Member("Mette Frølund", "centerleder")]),
    Council("bruger-og-paaroerenderaad", "Bruger- og pårørenderåd", "bruger-og-paaroerenderaad",
            [Member("Karen Ågård", "formand"), Member("Jørgen Bæk", "referent"),
             Member("Inge Møller", "medlem")]),
    Council("triageteam", "Triageteam, Plejecenter Solbakken", "triage",
            [Member("Lise Høj", "moedeleder"), Member("Pia Dræby", "medlem")]),
)
NOTE = ("Drøftet med pårørende; ønske om flere aktiviteter om eftermiddagen og bedre "
        "information om madplanen. Følges op på næste møde. ")
DECISION = ("Rådet besluttede at indføre faste besøgstider i weekenden og evaluere om tre "
            "måneder.")
FOLLOWUP = "Undersøg mulighederne for en ekstra fysioterapeut på afdeling Rønnebær."


def _items(count: int, rng: random.Random) -> list[MeetingItem]:
    return [MeetingItem(id=n, title=f"Punkt {n}: økonomi og kvalitet", planned_minutes=10,
                        description="Orientering fra ledelsen om året, der gik.",
                        notes=NOTE * rng.randint(0, 2))
            for n in range(1, count + 1)]


def build_history(records: int, seed: int = 7, backlog: int = BACKLOG) -> dict:
    """The history as model objects: meetings with their decisions, follow-ups, triage."""
    rng = random.Random(seed)
    start = date(2016, 1, 4)
    residents = [Resident(id=f"triageteam-{n}", council_id="triageteam",
                          initials=f"{'ÆØÅABC'[n % 6]}{'KLM'[n % 3]}", room=str(100 + n))
                 for n in range(1, RESIDENTS + 1)]
    meetings: list[dict] = []
    count = 0
    day = 0
    while count < records:
        on = start + timedelta(days=day)
        plan = [COUNCILS[2]]
        if day % CYCLE_DAYS == 0:
            plan = [COUNCILS[0], COUNCILS[1], COUNCILS[2]]
        for council in plan:
            if count >= records:
                break
            meeting_id = len(meetings) + 1
            triage = council.id == "triageteam"
            meeting = Meeting(
                id=meeting_id, council_id=council.id, council_name=council.name,
                kind=council.kind, title=f"Møde i {council.name}", date=on,
                items=_items(2 if triage else 6, rng), place="Mødelokale Æblehaven",
                status="afsluttet",
                attendance=[Attendee(m.name, m.role) for m in council.members],
                chair=council.members[0].name, secretary=council.members[1].name,
            )
            entry = {"meeting": meeting, "decisions": [], "followups": [], "triage": []}
            count += 1
            created = datetime.combine(on, datetime.min.time()).replace(hour=14)
            n_decisions = 0 if triage else rng.randint(3, 5)
            n_followups = (1 if rng.random() < 0.5 else 0) if triage else rng.randint(2, 4)
            for n in range(1, n_decisions + 1):
                entry["decisions"].append(Decision(f"{meeting_id}-{n}", meeting_id, 1 + n % 6,
                                                   DECISION, created))
            for n in range(1, n_followups + 1):
                done = created + timedelta(days=14)
                entry["followups"].append(FollowUp(
                    id=f"{meeting_id}-{n}", council_id=council.id, meeting_id=meeting_id,
                    item_id=1, text=FOLLOWUP, created=created, owner="Bjørn Læsø",
                    due=on + timedelta(days=30), status="udfoert",
                    history=[StatusChange(created, "aaben", meeting_id, owner="Bjørn Læsø"),
                             StatusChange(done, "udfoert", None, owner="Bjørn Læsø",
                                          comment="Klaret.")]))
            if triage:
                for resident in residents:
                    entry["triage"].append(TriageEntry(
                        id=f"{meeting_id}:{resident.id}", meeting_id=meeting_id,
                        resident_id=resident.id,
                        colour=rng.choice(("groen",) * 6 + ("gul", "roed")),
                        change="Uændret" if rng.random() < 0.8 else "Faldet i nat, tilset.",
                        at=created))
            count += n_decisions + n_followups + len(entry["triage"])
            meetings.append(entry)
        day += 1
    # The last few meetings of each council: their follow-ups are still open.
    for council in COUNCILS:
        own = [m for m in meetings if m["meeting"].council_id == council.id]
        for entry in own[-OPEN_RECENT_MEETINGS:]:
            for followup in entry["followups"]:
                followup.status = "aaben"
                followup.history = followup.history[:1]
    # The backlog: old follow-ups of the triage team nobody closed, reviewed and carried
    # over a few times, some of them "I gang".
    team = [f for m in meetings if m["meeting"].council_id == "triageteam"
            for f in m["followups"] if f.status == "udfoert"]
    for followup in rng.sample(team, min(max(0, backlog - _open_count(meetings)), len(team))):
        followup.status = rng.choice(("aaben", "aaben", "i_gang"))
        followup.carried_over = rng.randint(1, 12)
        later = followup.created + timedelta(days=1)
        followup.history = followup.history[:1] + [
            StatusChange(later, followup.status, followup.meeting_id + 1,
                         owner="Bjørn Læsø", comment="Overført.")]
    return {"meetings": meetings, "residents": residents}


def _open_count(meetings: list[dict]) -> int:
    return sum(1 for m in meetings if m["meeting"].council_id == "triageteam"
               for f in m["followups"] if f.status != "udfoert")


def _write(path: Path, data: object) -> None:
    """Bulk setup only: a plain write (the measured operations go through the store)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_bytes(encode_json(data))
    os.chmod(path, 0o600)


def write_ours(data_dir: Path, history: dict) -> None:
    """Lay the history out exactly as ``meetingtool.store`` keeps it (see its ``layout``)."""
    data_dir.mkdir(parents=True, mode=0o700)
    catalogue = {"councils": {str(n): to_dict(c) for n, c in enumerate(COUNCILS, start=1)},
                 "counters": {"1": {"meeting": len(history["meetings"])}}}
    summaries: dict[int, dict] = {}
    open_files: dict[str, dict] = {}
    closed_files: dict[tuple[str, int], dict] = {}
    for entry in history["meetings"]:
        meeting: Meeting = entry["meeting"]
        summaries.setdefault(meeting.date.year, {})[str(meeting.id)] = to_dict(MeetingSummary(
            meeting.id, meeting.council_id, meeting.council_name, meeting.kind, meeting.title,
            meeting.date, meeting.status))
        for followup in entry["followups"]:
            doc = dict(to_dict(followup), _rev=1)
            if followup.is_open:
                table = open_files.setdefault(meeting.council_id, {})
            else:
                table = closed_files.setdefault((meeting.council_id, meeting.id), {})
            table[str(len(table) + 1)] = doc
        _write(layout.meeting_path(data_dir, meeting.id), {
            "meeting": {"1": to_dict(meeting)},
            "counters": {"1": {"decisions": len(entry["decisions"]),
                               "followups": len(entry["followups"])}},
            "decisions": {str(n): to_dict(d) for n, d in enumerate(entry["decisions"], 1)},
            "triage": {str(n): to_dict(t) for n, t in enumerate(entry["triage"], 1)},
        })
    for (council_id, meeting_id), docs in closed_files.items():
        _write(layout.closed_followups_path(data_dir, council_id, meeting_id), {"closed": docs})
    for council_id, docs in open_files.items():
        _write(layout.open_followups_path(data_dir, council_id), {"open": docs})
    for year, docs in summaries.items():
        _write(layout.summaries_path(data_dir, year), {"meetings": docs})
    _write(layout.residents_path(data_dir, "triageteam"), {
        "residents": {str(n): to_dict(r) for n, r in enumerate(history["residents"], 1)},
        "counters": {"1": {"residents": len(history["residents"])}}})
    _write(data_dir / layout.CATALOGUE, catalogue)
    _write(data_dir / layout.META, {"schema": layout.SCHEMA_VERSION})


def write_plain(path: Path, history: dict) -> None:
    """The same history as one TinyDB file, as a straightforward TinyDB app keeps it."""
    tables: dict[str, dict] = {"councils": {}, "meetings": {}, "decisions": {},
                               "followups": {}, "triage": {}, "residents": {}}
    for n, council in enumerate(COUNCILS, start=1):
        tables["councils"][str(n)] = to_dict(council)
    for n, resident in enumerate(history["residents"], start=1):
        tables["residents"][str(n)] = to_dict(resident)
    for entry in history["meetings"]:
        tables["meetings"][str(entry["meeting"].id)] = to_dict(entry["meeting"])
        for name in ("decisions", "followups", "triage"):
            table = tables[name]
            for record in entry[name]:
                table[str(len(table) + 1)] = to_dict(record)
    path.write_text(json.dumps(tables), encoding="utf-8")


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return p50 * 1000, p95 * 1000


def measure(operation: Callable[[int], object], repetitions: int, warmup: int = 2) -> list[float]:
    for n in range(warmup):
        operation(-1 - n)
    samples = []
    for n in range(repetitions):
        begin = time.perf_counter()
        operation(n)
        samples.append(time.perf_counter() - begin)
    return samples


def bench_ours(data_dir: Path, history: dict, repetitions: int) -> dict[str, list[float]]:
    return bench_store(open_store(data_dir), history, repetitions)


def bench_store(store, history: dict, repetitions: int) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """The chair's operations, each through the store's API."""
    quality = [e["meeting"].id for e in history["meetings"]
               if e["meeting"].council_id == "kvalitetsraad"][-5:]
    held = store.meeting(quality[-1])

    def note(n: int) -> None:
        held.items[n % len(held.items)].notes += " Tilføjet."
        store.save_meeting(held)

    recorded: list[str] = []

    def followup(n: int) -> None:
        recorded.append(store.add_followup(quality[n % len(quality)], 2, FOLLOWUP,
                                           owner="Åse Ørsted").id)

    def close(n: int) -> None:  # the follow-ups recorded above, one per repetition
        store.update_followup(recorded.pop(0), status="udfoert", comment="Klaret.")

    operations = {
        "record_decision": lambda n: store.add_decision(quality[n % len(quality)], 1, DECISION),
        "record_followup": followup,
        "close_followup": close,
        "update_note": note,
        "open_followups": lambda n: store.open_followups("triageteam"),
        "recent_meetings": lambda n: store.meetings(limit=20),
    }
    return {name: measure(fn, repetitions) for name, fn in operations.items()}


def bench_plain(path: Path, history: dict, repetitions: int) -> dict[str, list[float]]:
    db = TinyDB(path)  # default JSONStorage, one file
    meetings, decisions = db.table("meetings"), db.table("decisions")
    followups = db.table("followups")
    quality = [e["meeting"] for e in history["meetings"]
               if e["meeting"].council_id == "kvalitetsraad"][-5:]
    held = quality[-1]
    now = datetime(2026, 11, 22, 14, 30)
    counter = [10_000]

    def decision(n: int) -> None:
        meeting = quality[n % len(quality)]
        counter[0] += 1
        decisions.insert(to_dict(Decision(f"{meeting.id}-{counter[0]}", meeting.id, 1,
                                          DECISION, now)))

    recorded: list[int] = []

    def followup(n: int) -> None:
        meeting = quality[n % len(quality)]
        counter[0] += 1
        recorded.append(followups.insert(to_dict(FollowUp(
            f"{meeting.id}-{counter[0]}", meeting.council_id, meeting.id, 2, FOLLOWUP, now,
            owner="Åse Ørsted", history=[StatusChange(now, "aaben", meeting.id)]))))

    def close(n: int) -> None:
        doc_id = recorded.pop(0)
        doc = followups.get(doc_id=doc_id)
        history = doc["history"] + [to_dict(StatusChange(now, "udfoert", None,
                                                         comment="Klaret."))]
        followups.update({"status": "udfoert", "history": history}, doc_ids=[doc_id])

    def note(n: int) -> None:
        held.items[n % len(held.items)].notes += " Tilføjet."
        meetings.update(to_dict(held), doc_ids=[held.id])

    def open_followups(n: int) -> list:
        followups.clear_cache()  # measure the read, not TinyDB's in-memory query cache
        item = Query()
        return followups.search((item.council_id == "triageteam")
                                & (item.status.one_of(["aaben", "i_gang"])))

    def recent(n: int) -> list:
        everything = meetings.all()
        return sorted(everything, key=lambda d: (d["date"], d.doc_id), reverse=True)[:20]

    operations = {"record_decision": decision, "record_followup": followup,
                  "close_followup": close, "update_note": note, "open_followups": open_followups,
                  "recent_meetings": recent}
    try:
        return {name: measure(fn, repetitions, warmup=1) for name, fn in operations.items()}
    finally:
        db.close()


def plain_repetitions(records: int, quick: bool) -> int:
    if quick:
        return 5
    if records <= 1_000:
        return 100
    if records <= 10_000:
        return 30
    return 8


def measure_floor(workdir: Path, repetitions: int) -> tuple[float, float]:
    """The disk's floor: one atomic, fsync'd write of a 4 KB file (what a small change costs)."""
    payload = encode_json({"tekst": "æøå " * 1000})
    target = workdir / "floor.json"
    samples = measure(lambda n: write_bytes_atomic(target, payload), repetitions)
    target.unlink()
    return percentiles(samples)


def run(sizes: tuple[int, ...], ours_repetitions: int, quick: bool, workdir: Path,
        progress: Callable[[str], None], floors: list[tuple[float, float]] | None = None,
        backlog: int = BACKLOG) -> list[dict]:
    results = []
    for records in sizes:
        progress(f"Bygger en historik på {records:,} poster ...".replace(",", "."))
        history = build_history(records, backlog=backlog)
        opened = sum(1 for m in history["meetings"] for f in m["followups"]
                     if f.is_open and f.council_id == "triageteam")
        progress(f"  triageteamet har {opened} åbne opfølgningspunkter")
        ours_dir = workdir / f"ours-{records}"
        plain_file = workdir / f"plain-{records}.json"
        write_ours(ours_dir, history)
        write_plain(plain_file, history)
        os.sync()  # let the bulk setup reach the disk first, so it does not slow the fsyncs
        progress(f"  måler meetingtool.store ({ours_repetitions} gentagelser) ...")
        if floors is not None:
            floors.append(measure_floor(workdir, ours_repetitions))
        measured = {"ours": bench_ours(ours_dir, history, ours_repetitions)}
        if floors is not None:
            floors.append(measure_floor(workdir, ours_repetitions))
        reps = plain_repetitions(records, quick)
        progress(f"  måler ren TinyDB ({reps} gentagelser) ...")
        measured["plain"] = bench_plain(plain_file, history, reps)
        for operation in OPERATIONS:
            for store in ("ours", "plain"):
                p50, p95 = percentiles(measured[store][operation])
                results.append({"operation": operation, "history": records, "store": store,
                                "p50_ms": round(p50, 3), "p95_ms": round(p95, 3)})
    return results


def table(results: list[dict]) -> str:
    by_key = {(r["operation"], r["history"], r["store"]): r for r in results}
    sizes = sorted({r["history"] for r in results})
    header = (f"{'operation':<16} {'historik':>9} {'vores p50':>10} {'vores p95':>10} "
              f"{'ren p50':>10} {'ren p95':>10} {'ren/vores p50':>14} {'ren/vores p95':>14}")
    lines = [header, "-" * len(header)]
    for operation in OPERATIONS:
        for size in sizes:
            ours, plain = by_key[(operation, size, "ours")], by_key[(operation, size, "plain")]
            ratio50 = plain["p50_ms"] / ours["p50_ms"] if ours["p50_ms"] else float("inf")
            ratio95 = plain["p95_ms"] / ours["p95_ms"] if ours["p95_ms"] else float("inf")
            lines.append(
                f"{operation:<16} {size:>9,} {ours['p50_ms']:>8.2f}ms {ours['p95_ms']:>8.2f}ms "
                f"{plain['p50_ms']:>8.2f}ms {plain['p95_ms']:>8.2f}ms {ratio50:>13.1f}x "
                f"{ratio95:>13.1f}x".replace(",", "."))
    lines.append("(ms = millisekunder; ren = TinyDB med standard-JSONStorage i én fil)")
    return "\n".join(lines)


def targets(results: list[dict]) -> list[str]:
    """The issue's targets, checked at the largest history measured."""
    by_key = {(r["operation"], r["history"], r["store"]): r for r in results}
    sizes = sorted({r["history"] for r in results})
    largest, smallest = sizes[-1], sizes[0]
    lines = []
    for operation, limit in (("record_decision", 5.0), ("record_followup", 5.0)):
        p95 = by_key[(operation, largest, "ours")]["p95_ms"]
        base = by_key[(operation, smallest, "ours")]["p95_ms"]
        ok = p95 <= limit and p95 <= 2 * base
        lines.append(f"{operation}: p95 {p95:.2f} ms ved {largest:,} (mål <= {limit} ms og "
                     f"<= 2 x {base:.2f} ms ved {smallest:,}) {'OK' if ok else 'IKKE NÅET'}"
                     .replace(",", "."))
    # Closing moves the follow-up between two files under a journal (pending.json): three
    # fsync'd writes, so its floor is about three small writes. What matters is that it
    # does not grow with the history.
    p95 = by_key[("close_followup", largest, "ours")]["p95_ms"]
    base = by_key[("close_followup", smallest, "ours")]["p95_ms"]
    lines.append(f"close_followup: p95 {p95:.2f} ms ved {largest:,} (mål <= 2 x {base:.2f} ms "
                 f"ved {smallest:,}; tre fsync'ede skrivninger) "
                 f"{'OK' if p95 <= 2 * base else 'IKKE NÅET'}".replace(",", "."))
    for operation, limit in (("open_followups", 10.0), ("recent_meetings", 50.0)):
        p95 = by_key[(operation, largest, "ours")]["p95_ms"]
        lines.append(f"{operation}: p95 {p95:.2f} ms ved {largest:,} (mål <= {limit} ms) "
                     f"{'OK' if p95 <= limit else 'IKKE NÅET'}".replace(",", "."))
    return lines


BACKEND_SIZES = (1_000, 100_000)
BACKEND_TARGETS = {"postgresql": {"open_followups": 10.0, "recent_meetings": 20.0},
                   "files": {"open_followups": 20.0, "recent_meetings": 50.0}}


def run_backend(backend: str, sizes: tuple[int, ...], repetitions: int, workdir: Path,
                url: str | None, progress: Callable[[str], None],
                floors: list[tuple[float, float]]) -> list[dict]:
    """``--store files|postgresql``: the same histories in one backend, measured through
    its API (a PostgreSQL history is seeded with COPY; a throwaway server unless ``url``)."""
    results = []
    stop = None
    if backend == "postgresql":
        import pg_support  # psycopg only when the server is measured

        if url is None:
            progress("Starter en midlertidig PostgreSQL-server ...")
            url, stop = pg_support.throwaway_server()
        else:
            pg_support.require_empty(url)
    try:
        for records in sizes:
            progress(f"Bygger en historik på {records:,} poster ...".replace(",", "."))
            history = build_history(records)
            if backend == "postgresql":
                progress("  fylder den i databasen med COPY ...")
                pg_support.seed(url, COUNCILS, history["residents"], history["meetings"])
                store = open_store(url)
            else:
                data_dir = workdir / f"files-{records}"
                write_ours(data_dir, history)
                os.sync()
                store = open_store(data_dir)
            progress(f"  måler {backend} ({repetitions} gentagelser) ...")
            floors.append(measure_floor(workdir, repetitions))
            measured = bench_store(store, history, repetitions)
            floors.append(measure_floor(workdir, repetitions))
            store.close()
            if backend == "postgresql":
                import psycopg

                with psycopg.connect(url, autocommit=True) as conn:  # empty for the next
                    tables = [row[0] for row in conn.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                        "AND tablename <> 'schema_version'")]
                    conn.execute(f"TRUNCATE {', '.join(tables)}")
            del history
            for operation in OPERATIONS:
                p50, p95 = percentiles(measured[operation])
                results.append({"operation": operation, "history": records, "store": backend,
                                "p50_ms": round(p50, 3), "p95_ms": round(p95, 3)})
    finally:
        if stop is not None:
            stop()
    return results


def backend_table(results: list[dict]) -> str:
    header = f"{'operation':<16} {'historik':>10} {'lager':>11} {'p50':>10} {'p95':>10}"
    lines = [header, "-" * len(header)]
    for r in sorted(results, key=lambda r: (OPERATIONS.index(r["operation"]), r["history"])):
        lines.append(f"{r['operation']:<16} {r['history']:>10,} {r['store']:>11} "
                     f"{r['p50_ms']:>8.2f}ms {r['p95_ms']:>8.2f}ms".replace(",", "."))
    return "\n".join(lines)


def backend_targets(results: list[dict]) -> list[str]:
    """The issue's targets for the server (and the files backend's own) at every size."""
    by_key = {(r["operation"], r["history"]): r for r in results}
    backend = results[0]["store"]
    sizes = sorted({r["history"] for r in results})
    lines = []
    for size in sizes:
        for operation in ("record_decision", "record_followup"):
            p95 = by_key[(operation, size)]["p95_ms"]
            base = by_key[(operation, sizes[0])]["p95_ms"]
            ok = p95 <= 5.0 and (size == sizes[0] or p95 <= 2 * base)
            lines.append(f"{operation}: p95 {p95:.2f} ms ved {size:,} (mål <= 5 ms og <= 2 x "
                         f"{base:.2f} ms ved {sizes[0]:,}) {'OK' if ok else 'IKKE NÅET'}"
                         .replace(",", "."))
        for operation, limit in BACKEND_TARGETS[backend].items():
            p95 = by_key[(operation, size)]["p95_ms"]
            lines.append(f"{operation}: p95 {p95:.2f} ms ved {size:,} (mål <= {limit} ms) "
                         f"{'OK' if p95 <= limit else 'IKKE NÅET'}".replace(",", "."))
    return lines


def open_only(records: int, repetitions: int, backlog: int, data_dir: Path,
              progress: Callable[[str], None]) -> dict:
    """Listing the triage team's open follow-ups alone: wall time and processor time (on
    a busy machine the wall time is mostly the wait for a core)."""
    progress(f"Bygger en historik på {records:,} poster ...".replace(",", "."))
    write_ours(data_dir, build_history(records, backlog=backlog))
    os.sync()
    store = open_store(data_dir)
    listed = len(store.open_followups("triageteam"))
    files = len(os.listdir(layout.council_followups_dir(data_dir, "triageteam")))
    wall, cpu = [], []
    for _ in range(repetitions):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        store.open_followups("triageteam")
        wall.append(time.perf_counter() - begin)
        cpu.append(time.process_time() - begin_cpu)
    p50, p95 = percentiles(wall)
    c50, c95 = percentiles(cpu)
    return {"operation": "open_followups", "history": records, "open": listed,
            "files": files, "p50_ms": round(p50, 3), "p95_ms": round(p95, 3),
            "cpu_p50_ms": round(c50, 3), "cpu_p95_ms": round(c95, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="skriv tallene som JSON")
    parser.add_argument("--quick", action="store_true", help="en lille kørsel (til testene)")
    parser.add_argument("--repetitions", type=int, default=None,
                        help="gentagelser pr. operation for meetingtool.store (standard 200)")
    parser.add_argument("--sizes", default=None,
                        help="historikkens størrelser, fx 1000,300000 (standard 1000,10000,100000)")
    parser.add_argument("--backlog", type=int, default=BACKLOG,
                        help="åbne opfølgningspunkter i triageteamet (standard 300)")
    parser.add_argument("--dir", type=Path, default=None,
                        help="arbejdsmappe (standard: en midlertidig mappe på samme disk)")
    parser.add_argument("--store", choices=("files", "postgresql"), default=None,
                        help="mål kun dette lager (uden: meetingtool.store mod ren TinyDB)")
    parser.add_argument("--url", default=None,
                        help="med --store postgresql: en tom database (ellers en midlertidig "
                        "lokal server); adgangskoden i PGPASSWORD eller ~/.pgpass")
    parser.add_argument("--open-only", action="store_true",
                        help="mål kun et råds åbne opfølgningspunkter (ventetid og "
                        "processortid), uden ren TinyDB")
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    if args.sizes:
        sizes = tuple(int(size) for size in args.sizes.replace(".", "").split(","))
    repetitions = args.repetitions or (10 if args.quick else 200)

    def progress(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    if args.store:
        chosen = tuple(int(n) for n in args.sizes.split(",")) if args.sizes else (
            QUICK_SIZES if args.quick else BACKEND_SIZES)
        backend_floors: list[tuple[float, float]] = []
        with tempfile.TemporaryDirectory(prefix="store-bench-", dir=args.dir) as workdir:
            results = run_backend(args.store, chosen, repetitions, Path(workdir), args.url,
                                  progress, backend_floors)
        if args.json:
            print(json.dumps(results, indent=2))
        else:
            print(backend_table(results))
            print()
            print("Diskens gulv i samme kørsel (én atomisk, fsync'et skrivning af en 4 KB-fil, "
                  "målt før og efter hver størrelse):")
            print("  " + ", ".join(f"p50 {a:.2f} / p95 {b:.2f} ms" for a, b in backend_floors))
            print()
            print("\n".join(backend_targets(results)))
        return 0
    if args.open_only:
        with tempfile.TemporaryDirectory(prefix="store-bench-", dir=args.dir) as workdir:
            found = [open_only(size, repetitions, args.backlog, Path(workdir) / str(size),
                               progress) for size in sizes]
        if args.json:
            print(json.dumps(found, indent=2))
        else:
            for r in found:
                history, files = (f"{r[key]:,}".replace(",", ".") for key in ("history", "files"))
                print(f"open_followups ved {history} poster ({r['open']} åbne, {files} filer "
                      f"i teamets mappe): ventetid p50 {r['p50_ms']:.2f} / p95 "
                      f"{r['p95_ms']:.2f} ms, processortid p50 {r['cpu_p50_ms']:.2f} / p95 "
                      f"{r['cpu_p95_ms']:.2f} ms (mål p95 <= 10 ms)")
        return 0

    floors: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="store-bench-", dir=args.dir) as workdir:
        results = run(sizes, repetitions, args.quick, Path(workdir), progress, floors,
                      backlog=args.backlog)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(table(results))
        print()
        print("Diskens gulv i samme kørsel (én atomisk, fsync'et skrivning af en 4 KB-fil, "
              "målt før og efter hver størrelse):")
        print("  " + ", ".join(f"p50 {p50:.2f} / p95 {p95:.2f} ms" for p50, p95 in floors))
        print()
        print("\n".join(targets(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
