"""Run-chart rules from known examples: each rule firing and not firing."""

from __future__ import annotations

import math

from meetingtool.core.runchart import (
    analyse,
    longest_run_limit,
    longest_trend,
    median,
    min_crossings,
    runs,
    sides,
)


def test_limits_match_anhojs_published_table() -> None:
    # Anhøj & Olesen (2014), table 1: useful points -> (longest run limit, min crossings)
    table = {10: (6, 2), 12: (7, 3), 15: (7, 4), 20: (7, 6), 24: (8, 8), 30: (8, 10),
             40: (8, 14), 50: (9, 19)}
    for n, (run, crossings) in table.items():
        assert longest_run_limit(n) == run, n
        assert min_crossings(n) == crossings, n


def test_min_crossings_is_the_binomial_five_percent_quantile() -> None:
    for n in range(2, 60):
        c = min_crossings(n)
        below = sum(math.comb(n - 1, k) for k in range(c)) / 2 ** (n - 1)
        upto = below + math.comb(n - 1, c) / 2 ** (n - 1)
        assert below < 0.05 <= upto


def test_median_and_points_on_it_are_left_out_of_runs() -> None:
    values = [1, 2, 3, 3, 3, 4, 5]
    assert median(values) == 3
    assert sides(values, 3) == [-1, -1, 1, 1]
    assert runs(sides(values, 3)) == [(-1, 2), (1, 2)]
    assert median([]) is None


def test_random_looking_series_fires_nothing() -> None:
    values = [5, 7, 4, 8, 6, 3, 7, 5, 8, 4, 6, 7, 3, 5, 8, 4]
    chart = analyse(values)
    assert chart.enough and not chart.signal
    assert chart.findings == []
    assert chart.summary() == "Kun tilfældig variation: ingen regel slår ud."


def test_long_run_below_the_median_is_a_signal_and_a_shift() -> None:
    values = [8, 9, 10, 11, 9, 12, 9, 10, 2, 3, 2, 1, 2, 3, 2, 4]
    chart = analyse(values)
    assert chart.useful == 16 and chart.run_limit == 7
    assert chart.longest_run == 8
    assert chart.signal
    rules = [f.rule for f in chart.findings]
    assert "run" in rules and "shift" in rules
    assert chart.centre == 6
    assert "Skift: 8 målinger i træk under medianen" in chart.summary()


def test_shift_of_seven_under_the_median_is_worded_in_danish() -> None:
    values = [6, 7, 5, 8, 6, 7, 8, 2, 1, 2, 3, 2, 1, 2]
    chart = analyse(values)
    assert chart.findings and any(
        f.text == "Skift: 7 målinger i træk under medianen" for f in chart.findings)


def test_few_crossings_fire_without_a_long_run() -> None:
    # 20 points, runs of 5-5-5-5: longest 5 (limit 7), crossings 3 (limit 6)
    values = [1, 2, 1, 2, 1, 9, 8, 9, 8, 9, 1, 2, 1, 2, 1, 9, 8, 9, 8, 9]
    chart = analyse(values)
    assert chart.longest_run == 5 and chart.crossings == 3
    assert [f.rule for f in chart.findings] == ["crossings"]
    assert "medianen krydses 3 gange (mindst 6 ventes)" in chart.summary()


def test_trend_named_without_anhoj_signal() -> None:
    values = [5, 3, 6, 4, 1, 2, 3, 4, 5, 7, 2, 6, 3, 5]
    direction, length = longest_trend(values)
    assert (direction, length) == (1, 6)
    chart = analyse(values)
    assert not chart.signal
    assert [f.rule for f in chart.findings] == ["trend"]
    assert chart.findings[0].text == "Tendens: 6 målinger i træk stigende"


def test_equal_neighbours_do_not_break_a_trend() -> None:
    assert longest_trend([9, 8, 8, 7, 6, 5]) == (-1, 5)
    assert longest_trend([4, 4, 4]) == (0, 1)


def test_too_few_points_says_so() -> None:
    chart = analyse([3, 1, 4, 1, 5, 9, 2, 6])
    assert not chart.enough and not chart.signal and chart.findings == []
    assert chart.summary().startswith("For få målinger til at vurdere (8 uden for medianen")


def test_points_on_the_median_do_not_count_as_useful() -> None:
    values = [5] * 6 + [1, 9, 2, 8, 3, 7]
    chart = analyse(values)
    assert chart.points == 12 and chart.useful == 6 and not chart.enough
