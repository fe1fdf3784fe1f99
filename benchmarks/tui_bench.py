"""Benchmark: how quickly the TUI answers with 100.000 records of history in the store.

    python benchmarks/tui_bench.py            # 100.000 records
    python benchmarks/tui_bench.py --json     # the same figures as JSON records
    python benchmarks/tui_bench.py --quick    # a small run (the test suite calls this)

The history is the store benchmark's (``store_bench.build_history``: a daily triage round
and two councils meeting every 20 days, with decisions, follow-ups and triage entries)
written straight to disk in the store's own layout, because building it through the
fsync'd API would only measure the setup. Everything measured then goes through the
``Store`` and the real screens, headless at 80x24:

- ``minimal_launch``: a minimal Textual app (header, one label, footer), from constructing
  it to its screen being drawn. The yardstick for the next one.
- ``home_launch``: from opening the store and constructing ``MeetingToolApp`` to the home
  screen showing every council with its follow-up counts and the first council's meetings.
- ``key_next_item``: on the meeting screen of a new meeting, from the key (``n``; ``p`` on
  the way back from the last item) until the new current item's title is drawn.
- ``key_decision_saved``: from ``enter`` in the decision dialog until the decision is in
  the store and drawn under the item.

Keys are posted with ``App.simulate_key`` (as the terminal driver posts them) and the
result is polled with ``asyncio.sleep(0)``, so Pilot's idle waits are not counted; "drawn"
means the widget's visible lines were rendered. Both launches exclude importing Textual.
Targets: ``home_launch`` p50 within 2x ``minimal_launch`` p50; each key's p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from textual.app import App, ComposeResult  # noqa: E402
from textual.geometry import Region  # noqa: E402
from textual.widget import Widget  # noqa: E402
from textual.widgets import Footer, Header, Label, Static  # noqa: E402

from meetingtool.actions.meetings import start_new_meeting  # noqa: E402
from meetingtool.core.agenda import load_agenda, resolve_template  # noqa: E402
from meetingtool.store import Store, open_store  # noqa: E402
from meetingtool.store.files import layout  # noqa: E402
from meetingtool.tui.app import MeetingToolApp  # noqa: E402
from meetingtool.tui.dialogs import DecisionDialog  # noqa: E402
from meetingtool.tui.screens.home import HomeScreen  # noqa: E402
from meetingtool.tui.screens.meeting import MeetingScreen  # noqa: E402
from meetingtool.tui.widgets.row_list import RowList  # noqa: E402

from store_bench import build_history, write_ours  # noqa: E402

FULL_RECORDS = 100_000
QUICK_RECORDS = 2_000
KEY_TARGET_MS = 50.0
LAUNCH_FACTOR = 2.0
SIZE = (80, 24)
TIMEOUT = 30.0


class MinimalApp(App):
    """The yardstick: what any Textual app costs to start and draw."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Klar", id="ready")
        yield Footer()


def draw(widget: Widget) -> None:
    """Render the widget's visible lines, as the compositor does for a frame."""
    widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))


async def wait_until(done: Callable[[], bool], what: str) -> None:
    started = time.perf_counter()
    while not done():
        if time.perf_counter() - started > TIMEOUT:
            raise RuntimeError(f"timed out waiting for {what}")
        await asyncio.sleep(0)


async def minimal_launch() -> float:
    started = time.perf_counter()
    app = MinimalApp()
    async with app.run_test(headless=True, size=SIZE):
        await wait_until(lambda: bool(app.screen.query("#ready")), "the minimal app")
        draw(app.screen.query_one("#ready", Label))
        elapsed = time.perf_counter() - started
    return elapsed


async def home_launch(data_dir: Path) -> float:
    started = time.perf_counter()
    store = open_store(data_dir)
    app = MeetingToolApp(store)

    def ready() -> bool:
        screen = app.screen
        if not isinstance(screen, HomeScreen) or not screen.lines:
            return False
        councils = screen.query_one("#councils", RowList)
        meetings = screen.query_one("#meetings", RowList)
        return councils.row_count == len(screen.lines) and meetings.row_count == len(
            screen.summaries) > 0

    async with app.run_test(headless=True, size=SIZE):
        await wait_until(ready, "the home screen")
        for table in app.screen.query(RowList):
            draw(table)
        elapsed = time.perf_counter() - started
    return elapsed


def shown(widget: Static) -> str:
    return str(widget.content)


async def meeting_keys(store: Store, meeting_id: int, samples: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {"key_next_item": [], "key_decision_saved": []}
    app = MeetingToolApp(store, meeting_id=meeting_id)
    async with app.run_test(headless=True, size=SIZE) as pilot:
        await wait_until(lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        screen = app.screen
        title = screen.query_one("#item-title", Static)
        recorded = screen.query_one("#recorded", Static)
        count = len(screen.meeting.items)
        forward = True
        for sample in range(samples):
            # Next (or, back from the last item, previous) item.
            position = screen.meeting.item_number(screen.clock.current_item_id)
            if position == count:
                forward = False
            elif position == 1:
                forward = True
            target = position + (1 if forward else -1)
            expected = f"{target}/{count}  {screen.meeting.items[target - 1].title}"
            started = time.perf_counter()
            app.simulate_key("n" if forward else "p")
            await wait_until(lambda: shown(title) == expected, "the next item")
            draw(title)
            results["key_next_item"].append(time.perf_counter() - started)

            # A decision, from the enter that saves it to it being listed.
            await pilot.press("b")
            await wait_until(lambda: isinstance(app.screen, DecisionDialog), "the dialog")
            text = f"Beslutning nr. {sample + 1}: rådet vedtog forslaget."
            app.screen.query_one("Input").value = text
            await pilot.pause()
            started = time.perf_counter()
            app.simulate_key("enter")
            await wait_until(lambda: app.screen is screen and text in shown(recorded),
                             "the decision")
            draw(recorded)
            results["key_decision_saved"].append(time.perf_counter() - started)
            await pilot.pause()
    return results


def prepare(data_dir: Path, records: int) -> int:
    """Write the history (unless ``data_dir`` has one) and create today's meeting in it."""
    if not (data_dir / layout.CATALOGUE).exists():
        write_ours(data_dir, build_history(records))
    store = open_store(data_dir)
    template = load_agenda(resolve_template("kvalitetsraad", data_dir))
    council = next(c for c in store.councils() if c.kind == template.kind)
    meeting = start_new_meeting(store, template, council.name, date.today(),
                                title="Benchmarkmøde")
    return meeting.id


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def records_for(results: dict[str, list[float]], context: dict) -> list[dict]:
    out = []
    minimal_p50 = statistics.median(results["minimal_launch"]) * 1000
    for measure, seconds in results.items():
        record = {
            "measure": measure,
            "p50_ms": round(statistics.median(seconds) * 1000, 2),
            "p95_ms": round(percentile(seconds, 0.95) * 1000, 2),
            "samples": len(seconds),
            **context,
        }
        if measure == "home_launch":
            record["target_p50_ms"] = round(LAUNCH_FACTOR * minimal_p50, 2)
            record["ok"] = record["p50_ms"] <= record["target_p50_ms"]
        elif measure.startswith("key_"):
            record["target_p95_ms"] = KEY_TARGET_MS
            record["ok"] = record["p95_ms"] <= KEY_TARGET_MS
        out.append(record)
    return out


async def run(data_dir: Path, records: int, launches: int, samples: int,
              progress: Callable[[str], None]) -> list[dict]:
    progress(f"skriver historik med {records:,} poster ...".replace(",", "."))
    meeting_id = prepare(data_dir, records)
    results: dict[str, list[float]] = {"minimal_launch": [], "home_launch": []}
    await minimal_launch()  # warm-up: first-time imports and CSS parsing
    await home_launch(data_dir)
    for number in range(launches):
        progress(f"opstart {number + 1}/{launches}")
        results["minimal_launch"].append(await minimal_launch())
        results["home_launch"].append(await home_launch(data_dir))
    progress(f"taster på mødeskærmen ({samples} af hver)")
    results.update(await meeting_keys(open_store(data_dir), meeting_id, samples))
    return records_for(results, {"records": records})


def table(records: list[dict]) -> str:
    lines = [f"{'måling':<20} {'p50 ms':>9} {'p95 ms':>9}  mål"]
    for record in records:
        goal = ""
        if "target_p50_ms" in record:
            goal = f"p50 <= {record['target_p50_ms']:.1f} (2 x minimal)"
        elif "target_p95_ms" in record:
            goal = f"p95 <= {record['target_p95_ms']:.0f}"
        if "ok" in record:
            goal += "  OK" if record["ok"] else "  IKKE NÅET"
        lines.append(f"{record['measure']:<20} {record['p50_ms']:>9.1f} "
                     f"{record['p95_ms']:>9.1f}  {goal}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON records")
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK_RECORDS} records, 3 launches, 10 key presses")
    parser.add_argument("--records", type=int, help=f"records of history ({FULL_RECORDS})")
    parser.add_argument("--launches", type=int, help="launches measured (10, quick 3)")
    parser.add_argument("--samples", type=int, help="key presses per measure (100, quick 10)")
    parser.add_argument("--data", metavar="DIR",
                        help="keep the history here and reuse it next time")
    args = parser.parse_args(argv)
    records = args.records or (QUICK_RECORDS if args.quick else FULL_RECORDS)
    launches = args.launches or (3 if args.quick else 10)
    samples = args.samples or (10 if args.quick else 100)

    def progress(text: str) -> None:
        if not args.json:
            print(text, file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="tui-bench-") as scratch:
        data_dir = Path(args.data) if args.data else Path(scratch) / "data"
        results = asyncio.run(run(data_dir, records, launches, samples, progress))
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
