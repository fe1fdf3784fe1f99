"""How ``agendas check`` grows with the number of items: best of five, in-process, and the
ratio to the smallest size (linear means the ratio follows the item count).

    python benchmarks/agenda_bench.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from meetingtool.core.agenda import check_agenda

SIZES = (50, 100, 250, 500)


def agenda_text(count: int) -> str:
    lines = ['kind = "kvalitetsraad"', 'title = "Stor dagsorden"', ""]
    for number in range(count):
        lines += ["[[items]]", f'title = "Punkt {number}"', "minutes = 1",
                  'kind = "droeftelse"', f'description = "Tekst {number}"', ""]
    return "\n".join(lines)


def best_of_five(path: Path) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        problems = check_agenda(path)
        times.append(time.perf_counter() - start)
        assert problems == [], problems
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        first = None
        print(f"{'punkter':>8} {'tid (ms)':>9} {'forhold':>8}")
        for count in SIZES:
            path = Path(folder) / f"a{count}.toml"
            path.write_text(agenda_text(count), encoding="utf-8")
            seconds = best_of_five(path)
            first = first or seconds
            print(f"{count:>8} {seconds * 1000:>9.1f} {seconds / first:>8.1f}")


if __name__ == "__main__":
    main()
