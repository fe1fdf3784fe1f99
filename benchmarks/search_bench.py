"""Benchmark: ``meetingtool search`` at 1.000 and 100.000 records, on both backends.

    python benchmarks/search_bench.py                       # both backends, 1.000 and 100.000
    python benchmarks/search_bench.py --store files --sizes 1000
    python benchmarks/search_bench.py --json

The history is ``store_bench.build_history`` (three councils' meetings with their
decisions, follow-ups, notes and triage entries), written in bulk as the store keeps it
(the files layout; COPY into a throwaway PostgreSQL server); a few decisions carry words a
council would look for ("måltider", "frokost", "besøgstider"). Measured through the store's
API, in-process: the first search (the index built from nothing), then p50/p95 of repeated
searches with several queries (the index checked against the data each time and
refreshed where it changed), and the same after one decision was recorded (one meeting
read again). Beside them: the whole ``meetingtool search`` process, started cold, as a
user runs it (both backends).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store_bench import COUNCILS, build_history, write_ours

from meetingtool.core.search import SearchQuery
from meetingtool.store import open_store

QUERIES = ("måltider", "maaltid frokost", "besøgstider weekenden", "fysioterapeut",
           "aktiviteter eftermiddagen", "ingenting-her")
WORDS = ("Måltiderne flyttes til kl. 12.30.", "Frokost i dagligstuen om fredagen.",
         "Aftensmad serveres varm.", "")


def vary(history: dict, seed: int = 11) -> None:
    rng = random.Random(seed)
    for entry in history["meetings"]:
        for decision in entry["decisions"]:
            decision.text = f"{decision.text} {rng.choice(WORDS)}".strip()


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def records_of(history: dict) -> int:
    return sum(1 + len(e["decisions"]) + len(e["followups"]) + len(e["triage"])
               for e in history["meetings"])


def measure(store, repetitions: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    hits = len(store.search(SearchQuery(QUERIES[0], limit=None)))
    first = (time.perf_counter() - started) * 1000
    samples = []
    for n in range(repetitions):
        t = time.perf_counter()
        store.search(SearchQuery(QUERIES[n % len(QUERIES)]))
        samples.append((time.perf_counter() - t) * 1000)
    p50, p95 = percentiles(samples)
    meeting = store.meetings(limit=1)[0]
    changed = []
    for n in range(max(5, repetitions // 10)):
        store.add_decision(meeting.id, 1, f"Måltider: beslutning {n}.")
        t = time.perf_counter()
        store.search(SearchQuery("måltider"))
        changed.append((time.perf_counter() - t) * 1000)
    return {"first_ms": round(first, 1), "p50_ms": round(p50, 2), "p95_ms": round(p95, 2),
            "after_change_p50_ms": round(statistics.median(changed), 2), "hits": hits}


def whole_process(data: Path | str) -> float:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    times = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "meetingtool", "search", "måltider", "--data",
                        str(data)], env=env, check=True, capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 1)


def run(backend: str, sizes: list[int], repetitions: int, workdir: Path) -> list[dict]:
    results = []
    url, stop = None, None
    if backend == "postgresql":
        import pg_support

        url, stop = pg_support.throwaway_server()
    try:
        for size in sizes:
            history = build_history(size)
            vary(history)
            count = records_of(history)
            if backend == "postgresql":
                import pg_support

                pg_support.seed(url, COUNCILS, history["residents"], history["meetings"])
                store = open_store(url)
            else:
                data = workdir / f"files-{size}"
                write_ours(data, history)
                store = open_store(data)
            figures = measure(store, repetitions)
            # a new process builds its index from the store: the files backend reads the
            # saved index file, PostgreSQL reads every meeting (in bulk)
            figures["process_ms"] = whole_process(data if backend == "files" else str(url))
            store.close()
            if backend == "postgresql":
                import psycopg

                with psycopg.connect(url, autocommit=True) as conn:
                    tables = [row[0] for row in conn.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                        "AND tablename <> 'schema_version'")]
                    conn.execute(f"TRUNCATE {', '.join(tables)}")
            results.append({"store": backend, "records": count, **figures})
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    finally:
        if stop is not None:
            stop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=("files", "postgresql", "both"), default="both")
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--repetitions", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    backends = ("files", "postgresql") if args.store == "both" else (args.store,)
    with tempfile.TemporaryDirectory(prefix="meetingtool-search-bench-") as folder:
        results = [r for b in backends for r in run(b, sizes, args.repetitions, Path(folder))]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'lager':<11}{'poster':>9}{'første':>10}{'p50':>9}{'p95':>9}{'efter ændring':>15}"
          f"{'hele processen':>16}")
    for r in results:
        process = f"{r['process_ms']:.0f} ms" if "process_ms" in r else "-"
        print(f"{r['store']:<11}{r['records']:>9,}{r['first_ms']:>8.0f}ms{r['p50_ms']:>7.1f}ms"
              f"{r['p95_ms']:>7.1f}ms{r['after_change_p50_ms']:>13.1f}ms{process:>16}"
              .replace(",", "."))
    for backend in backends:
        own = [r for r in results if r["store"] == backend]
        if len(own) > 1:
            print(f"{backend}: p50 vokser {own[-1]['p50_ms'] / max(own[0]['p50_ms'], 0.01):.1f}"
                  f" gange fra {own[0]['records']:,} til {own[-1]['records']:,} poster"
                  .replace(",", "."))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
