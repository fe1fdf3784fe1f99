"""Triage round benchmark: from a key press to the updated row, with a year of history.

    python benchmarks/triage_bench.py            # a year of daily rounds of 20 residents
    python benchmarks/triage_bench.py --quick    # 30 days, fewer samples (used by the tests)
    python benchmarks/triage_bench.py --json     # records: measure, p50_ms, p95_ms, ...

The store is built through the real ``Store`` API in a temporary folder (or ``--data DIR``,
reused when it already holds the same history): one triage meeting per day, every resident
rated, the colour rules' follow-ups made and most of them closed again, as a team would.
While building, ``os.fsync`` is skipped (a year is ~13,000 writes); the measured key
presses write with fsync as always.
Then today's round opens headless at 100×30 and the keys are pressed one at a time:

- ``triage_open``: constructing the screen until its board is shown (the round read on
  the app's writer);
- ``triage_rate_key``: ``1``/``2``/``3`` on a row until the table's visible lines are
  rendered again with the new colour — one store write and the rule follow-ups included;
- ``triage_move_key``: ``↓``/``↑`` until the table and the selected-resident panel are redrawn.

Target (issue 7): key press to updated row p95 <= 50 ms. A benchmark, not a test: the
exit status is 0 whatever the figures; ``--json`` prints ``ok`` per record.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from unittest import mock

from textual.app import App
from textual.geometry import Region

from meetingtool.actions.triage import TriageRound
from meetingtool.core import triage
from meetingtool.core.agenda import load_agenda
from meetingtool.core.locations import shipped_agendas_dir
from meetingtool.store import Store, open_store
from meetingtool.tui.screens.triage import TriageScreen

TARGET_MS = 50.0
TEAM = "Afdeling Birk"
MARKER = "triage-bench.json"
TODAY = date(2026, 11, 23)


def build_history(data: Path, days: int, residents: int) -> tuple[Store, int, int]:
    """A team with ``days`` daily rounds before today; returns store, today's meeting, item."""
    store = open_store(data)
    template = load_agenda(shipped_agendas_dir() / "triage.toml")
    wanted = {"days": days, "residents": residents}
    marker = data / MARKER
    if marker.is_file() and json.loads(marker.read_text()) == wanted:
        team = store.find_council(TEAM)
        today = store.meetings(team.id, limit=1)[0]
        meeting = store.meeting(today.id)
        return store, meeting.id, _triage_item(meeting)

    team = store.ensure_council(TEAM, "triage")
    for n in range(residents):
        store.add_resident(team.id, initials=_initials(n), room=str(n + 1))
    pattern = ("groen",) * 7 + ("gul",) * 2 + ("roed",)
    for day in range(days, 0, -1):
        on = TODAY - timedelta(days=day)
        meeting = store.create_meeting(team.id, template, on)
        item_id = _triage_item(meeting)
        at = datetime.combine(on, clock_time(13, 45))
        rating = TriageRound(store, meeting.id, item_id, wall=lambda at=at: at)
        for index, resident in enumerate(rating.residents):
            colour = pattern[(index * 7 + day) % len(pattern)]
            rating.rate(resident.id, colour)
            if colour == "roed":
                rating.note(resident.id, change="Faldet i nat", action="Tilsyn",
                            owner="Sygeplejerske")
        # The team closes yesterday's tasks: only the newest round's stay open.
        if day > 1:
            for followup in rating.followups:
                if followup.is_open:
                    store.update_followup(followup.id, status="udfoert", meeting_id=meeting.id)
    meeting = store.create_meeting(team.id, template, TODAY)
    marker.write_text(json.dumps(wanted))
    return store, meeting.id, _triage_item(meeting)


def _triage_item(meeting) -> int:
    return next(item.id for item in meeting.items if item.kind == "triage")


def _initials(number: int) -> str:
    return chr(65 + number % 26) + chr(65 + (number * 7 + 3) % 26)


class BenchApp(App):
    """An empty app the triage screen is pushed on."""


def draw(screen: TriageScreen) -> None:
    """Draw what a key changes, as the compositor would for the next frame: the selected
    row, the round's status line and the selected-resident panel. Each row is a widget of
    its own, so no other row is redrawn."""
    resident_id = screen.selected_id
    widgets = [screen.rows[resident_id], screen.query_one("#round"),
               screen.query_one("#current")]
    for widget in widgets:
        widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))


async def press(app: App, screen: TriageScreen, key: str, done) -> float:
    """Seconds from posting ``key`` (as the terminal driver would) until ``done()`` holds and
    the table is drawn. Polls with ``sleep(0)``: Pilot.press would add its idle waits."""
    started = time.perf_counter()
    app.simulate_key(key)
    while not done():
        if time.perf_counter() - started > 10:
            raise RuntimeError(f"no update after key {key!r}")
        await asyncio.sleep(0)
    draw(screen)
    return time.perf_counter() - started


async def measure(store: Store, meeting_id: int, item_id: int, samples: int,
                  opens: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {"triage_open": [], "triage_rate_key": [],
                                       "triage_move_key": []}
    app = BenchApp()
    async with app.run_test(headless=True, size=(100, 30)) as pilot:
        for _ in range(opens):
            started = time.perf_counter()
            screen = TriageScreen(store, meeting_id, item_id)
            await app.push_screen(screen)
            await screen.ready.wait()  # the round is read on the app's writer
            draw(screen)
            results["triage_open"].append(time.perf_counter() - started)
            await pilot.pause()
            if len(results["triage_open"]) < opens:
                await app.pop_screen()
        board = screen.query_one("#board")
        keys = {colour: key for key, colour in triage.COLOUR_KEYS.items()}
        direction = "down"
        for sample in range(samples):
            resident_id = screen.selected_id
            row = screen.rows[resident_id]
            current = screen.round.colour(resident_id)
            colour = next(c for c in triage.COLOURS[sample % 3:] + triage.COLOURS
                          if c != current)
            label = triage.colour_label(colour)
            results["triage_rate_key"].append(await press(
                app, screen, keys[colour], lambda: label in row.plain))

            if board.index == len(screen.rows) - 1:
                direction = "up"
            elif board.index == 0:
                direction = "down"
            target = list(screen.rows)[board.index + (1 if direction == "down" else -1)]
            results["triage_move_key"].append(await press(
                app, screen, direction, lambda: screen.timer.current == target))
        screen.writer.flush()
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def records(results: dict[str, list[float]], context: dict) -> list[dict]:
    out = []
    for measure_name, seconds in results.items():
        p95 = percentile(seconds, 0.95) * 1000
        record = {
            "measure": measure_name,
            "p50_ms": round(statistics.median(seconds) * 1000, 2),
            "p95_ms": round(p95, 2),
            "samples": len(seconds),
            **context,
        }
        if measure_name != "triage_open":
            record["target_p95_ms"] = TARGET_MS
            record["ok"] = p95 <= TARGET_MS
        out.append(record)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON records")
    parser.add_argument("--quick", action="store_true", help="30 days, fewer samples")
    parser.add_argument("--data", metavar="DIR", help="keep (and reuse) the store here")
    parser.add_argument("--days", type=int, help="days of history (default 365, quick 30)")
    parser.add_argument("--residents", type=int, default=20)
    parser.add_argument("--samples", type=int, help="key presses per measure (200, quick 30)")
    args = parser.parse_args(argv)
    days = args.days or (30 if args.quick else 365)
    samples = args.samples or (30 if args.quick else 200)
    opens = 3 if args.quick else 10

    with tempfile.TemporaryDirectory(prefix="triage-bench-") as scratch:
        data = Path(args.data) if args.data else Path(scratch) / "data"
        built = time.perf_counter()
        # Building a year through the store API is ~13,000 fsync'd writes; durability does
        # not matter for test data, so fsync is skipped while building (not while measuring).
        with mock.patch.object(os, "fsync", lambda fd: None):
            store, meeting_id, item_id = build_history(data, days, args.residents)
        build_seconds = time.perf_counter() - built
        results = asyncio.run(measure(store, meeting_id, item_id, samples, opens))

    context = {"days": days, "residents": args.residents}
    out = records(results, context)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"Triage benchmark: {days} days x {args.residents} residents "
              f"(history built in {build_seconds:.1f} s)")
        for record in out:
            target = f"  (target p95 <= {TARGET_MS:.0f} ms: " \
                     f"{'ok' if record['ok'] else 'MISSED'})" if "ok" in record else ""
            print(f"  {record['measure']:<17} p50 {record['p50_ms']:7.2f} ms   "
                  f"p95 {record['p95_ms']:7.2f} ms{target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
