"""Benchmark: the backup a meeting's start makes, as the history grows.

    python benchmarks/backup_bench.py                    # 100.000 records, 30 starts
    python benchmarks/backup_bench.py --records 1000 --starts 5 --json

Builds a history the way ``store_bench.py`` does (written straight to disk in bulk), then
measures, through the store's API:

- ``first_backup``: the first backup of that history (no earlier backup to build on),
  once; this one copies every file;
- ``meeting_start``: setting a new meeting "I gang" (``save_meeting``, which makes the
  backup, as the chair's first ``mellemrum`` does) after a few changes, ``--starts``
  times; p50 and p95;
- ``backup``: the backup alone (``store.backup``) after a decision was recorded, as many
  times;
- the disk's floor in the same run: one atomic, fsync'd write of a 4 KB file (a backup
  costs several of those, whatever the history; on a busy machine they set the time).

Only the public API is used, so the same script measures an older version of the store
for comparison (run it from a checkout of that version).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "benchmarks"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from store_bench import (  # noqa: E402
    build_history,
    measure_floor,
    percentiles,
    write_ours,
)

from meetingtool.core.model import AgendaTemplate, TemplateItem  # noqa: E402
from meetingtool.store import open_store  # noqa: E402

TEMPLATE = AgendaTemplate(kind="kvalitetsraad", title="Kvalitetsrådsmøde",
                          items=[TemplateItem("Status", 15), TemplateItem("Økonomi", 20)])


def run(records: int, starts: int, workdir: Path) -> dict:
    history = build_history(records)
    data = workdir / "data"
    write_ours(data, history)
    files = sum(len(names) for _, _, names in os.walk(data))
    os.sync()
    store = open_store(data)
    begin = time.perf_counter()
    store.backup("Første sikkerhedskopi")
    first = time.perf_counter() - begin
    samples = []
    on = date(2030, 1, 1)
    for n in range(starts):
        meeting = store.create_meeting("kvalitetsraad", TEMPLATE, on + timedelta(days=n))
        store.add_decision(meeting.id, 1, "En beslutning før mødet")
        meeting = store.meeting(meeting.id)
        meeting.status = "i_gang"
        begin = time.perf_counter()
        store.save_meeting(meeting)
        samples.append(time.perf_counter() - begin)
    alone = []
    for n in range(starts):
        store.add_decision(meeting.id, 1, f"Beslutning {n}")
        begin = time.perf_counter()
        store.backup("Kun sikkerhedskopien")
        alone.append(time.perf_counter() - begin)
    p50, p95 = percentiles(samples)
    b50, b95 = percentiles(alone)
    f50, f95 = measure_floor(workdir, 30)
    return {"records": records, "files": files, "first_backup_ms": round(first * 1000, 1),
            "meeting_start_p50_ms": round(p50, 1), "meeting_start_p95_ms": round(p95, 1),
            "backup_p50_ms": round(b50, 1), "backup_p95_ms": round(b95, 1),
            "floor_p50_ms": round(f50, 2), "floor_p95_ms": round(f95, 2),
            "backups_kept": len(store.backups())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--starts", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="backup-bench-", dir=args.dir) as workdir:
        result = run(args.records, args.starts, Path(workdir))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"Historik: {result['records']:,} poster i {result['files']:,} filer"
              .replace(",", "."))
        print(f"Første sikkerhedskopi (ingen tidligere): {result['first_backup_ms']} ms")
        print(f"Mødet sat 'I gang' (med sikkerhedskopi), {args.starts} gange: "
              f"p50 {result['meeting_start_p50_ms']} ms, p95 {result['meeting_start_p95_ms']} ms")
        if "backup_p50_ms" in result:
            print(f"Sikkerhedskopien alene: p50 {result['backup_p50_ms']} ms, "
                  f"p95 {result['backup_p95_ms']} ms")
            print(f"Diskens gulv (én atomisk, fsync'et skrivning af 4 KB): "
                  f"p50 {result['floor_p50_ms']} ms, p95 {result['floor_p95_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
