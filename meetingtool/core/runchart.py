"""Run-chart rules: is a change in an indicator real, or noise?

Quality-improvement practice in Danish healthcare reads a series against its median with
Anhøj's two rules, whose limits depend on the number of useful points (those not on the
median):

- an unusually long run: the longest run on one side of the median is longer than
  ``round(log2(n) + 3)``;
- unusually few crossings: the series crosses the median fewer times than the lower 5 %
  limit of a binomial distribution with ``n - 1`` trials and p = 0.5.

Either one is the signal. The classic rules many staff know are named beside it when they
hold: a shift (6 or more in a row on one side of the median) and a trend (5 or more in a row
going up, or down). Points on the median neither make nor break a run. With fewer than
``MIN_POINTS`` useful points nothing is concluded; the chart says so.

Pure: no I/O, no plotting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median as _median

MIN_POINTS = 10
SHIFT_LENGTH = 6
TREND_LENGTH = 5


def median(values: list[float]) -> float | None:
    """The median of the values, ``None`` for none."""
    return float(_median(values)) if values else None


def longest_run_limit(useful: int) -> int:
    """Anhøj: a run longer than this (of ``useful`` points off the median) is a signal."""
    return round(math.log2(useful) + 3)


def min_crossings(useful: int) -> int:
    """Anhøj: fewer crossings than this is a signal: the lower 5 % limit of
    Binomial(useful - 1, 0.5), the smallest c with P(X <= c) >= 0.05."""
    trials = useful - 1
    if trials <= 0:
        return 0
    total, cumulative = 2 ** trials, 0
    for c in range(trials + 1):
        cumulative += math.comb(trials, c)
        if cumulative / total >= 0.05:
            return c
    return trials


def sides(values: list[float], centre: float) -> list[int]:
    """+1 above, -1 below the centre line; points on it are left out."""
    return [1 if v > centre else -1 for v in values if v != centre]


def runs(signs: list[int]) -> list[tuple[int, int]]:
    """(side, length) of each run of equal signs, in order."""
    found: list[tuple[int, int]] = []
    for sign in signs:
        if found and found[-1][0] == sign:
            found[-1] = (sign, found[-1][1] + 1)
        else:
            found.append((sign, 1))
    return found


def longest_trend(values: list[float]) -> tuple[int, int]:
    """(direction, points) of the longest run of points each higher (+1) or each lower (-1)
    than the one before; equal neighbours are skipped (they neither make nor break it)."""
    steps = [values[0]] if values else []
    for value in values[1:]:
        if value != steps[-1]:
            steps.append(value)
    best, best_dir, length, direction = 1 if steps else 0, 0, 1, 0
    for before, after in pairwise(steps):
        step = 1 if after > before else -1
        length = length + 1 if step == direction else 2
        direction = step
        if length > best:
            best, best_dir = length, direction
    return best_dir, best


@dataclass
class Finding:
    """One rule that fired, with its Danish wording."""

    rule: str  # "run", "crossings", "shift", "trend"
    text: str


@dataclass
class RunChart:
    """What the rules say about a series."""

    points: int
    useful: int
    centre: float | None
    longest_run: int = 0
    run_limit: int = 0
    crossings: int = 0
    crossing_limit: int = 0
    enough: bool = False
    signal: bool = False
    findings: list[Finding] = field(default_factory=list)

    def summary(self) -> str:
        """One Danish sentence: too few points, random variation, or what fired."""
        if not self.enough:
            return (f"For få målinger til at vurdere ({self.useful} uden for medianen; "
                    f"der skal mindst {MIN_POINTS} til).")
        if not self.findings:
            return "Kun tilfældig variation: ingen regel slår ud."
        return "; ".join(f.text for f in self.findings) + "."


def _side_word(side: int) -> str:
    return "over" if side > 0 else "under"


def analyse(values: list[float]) -> RunChart:
    """The median and every rule for ``values`` (in time order)."""
    centre = median(values)
    if centre is None:
        return RunChart(points=0, useful=0, centre=None)
    signs = sides(values, centre)
    useful = len(signs)
    chart = RunChart(points=len(values), useful=useful, centre=centre)
    if useful < MIN_POINTS:
        return chart
    chart.enough = True
    found = runs(signs)
    side, longest = max(reversed(found), key=lambda r: r[1])  # the latest of equals
    chart.longest_run = longest
    chart.run_limit = longest_run_limit(useful)
    chart.crossings = len(found) - 1
    chart.crossing_limit = min_crossings(useful)
    if longest > chart.run_limit:
        chart.findings.append(Finding("run", (
            f"Lang serie: {longest} målinger i træk {_side_word(side)} medianen "
            f"(grænse {chart.run_limit})")))
    if chart.crossings < chart.crossing_limit:
        chart.findings.append(Finding("crossings", (
            f"For få kryds: medianen krydses {chart.crossings} gange "
            f"(mindst {chart.crossing_limit} ventes)")))
    chart.signal = bool(chart.findings)
    if longest >= SHIFT_LENGTH:
        chart.findings.append(Finding("shift", (
            f"Skift: {longest} målinger i træk {_side_word(side)} medianen")))
    direction, length = longest_trend(values)
    if length >= TREND_LENGTH:
        word = "stigende" if direction > 0 else "faldende"
        chart.findings.append(Finding("trend", f"Tendens: {length} målinger i træk {word}"))
    return chart
