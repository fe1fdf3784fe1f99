"""A run chart drawn in the terminal with plotext (the CLI's ``indicators show`` and the
TUI's indicator view): the values as points joined by a line, the median as a line."""

from __future__ import annotations

from datetime import date

from meetingtool.core.indicators import Indicator
from meetingtool.core.runchart import analyse


def short_date(day: date) -> str:
    """``01.11.26``: a tick label that fits under a point."""
    return f"{day.day:02d}.{day.month:02d}.{day.year % 100:02d}"


def terminal_chart(indicator: Indicator, width: int = 76, height: int = 18,
                   colour: bool = True) -> str:
    """The chart as text (ANSI colours unless ``colour`` is false)."""
    import plotext as plt

    values = indicator.current()
    plt.clear_figure()
    plt.plotsize(width, height)
    if not colour:
        plt.theme("clear")
    title = indicator.name + (f" ({indicator.denominator})" if indicator.denominator else "")
    plt.title(title)
    if not values:
        plt.clear_figure()
        return f"{title}\nIngen målinger endnu."
    xs = list(range(1, len(values) + 1))
    ys = [v.value for v in values]
    chart = analyse(ys)
    plt.plot(xs, ys, marker="●", label="Måling")
    if chart.centre is not None:
        plt.hline(chart.centre)
    step = max(1, len(xs) // 6)
    plt.xticks(xs[::step], [short_date(v.day) for v in values][::step])
    text = plt.build()
    plt.clear_figure()
    return text if colour else plt.uncolorize(text)
