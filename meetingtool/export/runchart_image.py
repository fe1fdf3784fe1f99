"""A run chart as a PNG image for the minutes, drawn with matplotlib.

The Agg backend through ``Figure`` and ``FigureCanvasAgg`` (no pyplot: no global state, no
GUI), imported only when a chart is drawn, so the rest of the program never loads it.
Readable in black and white: the values are a solid line with round markers, the median a
dashed line, points in a run that fired are filled squares; nothing depends on colour.
"""

from __future__ import annotations

import io

from meetingtool.core.dates import format_date
from meetingtool.core.indicators import Indicator, IndicatorValue, format_number
from meetingtool.core.runchart import RunChart

WIDTH_MM, HEIGHT_MM = 150, 70


def chart_png(indicator: Indicator, values: list[IndicatorValue], chart: RunChart) -> bytes:
    """The PNG bytes of the run chart of ``values``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_MM / 25.4, HEIGHT_MM / 25.4), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    xs = list(range(len(values)))
    ys = [v.value for v in values]
    axes.plot(xs, ys, color="black", linestyle="-", linewidth=1.2, marker="o",
              markersize=4, markerfacecolor="white", label="Måling")
    if chart.centre is not None:
        axes.axhline(chart.centre, color="black", linestyle="--", linewidth=1,
                     label=f"Median {format_number(chart.centre)}")
    step = max(1, len(xs) // 6)
    axes.set_xticks(xs[::step],
                    [f"{v.day.day}.{v.day.month}.{v.day.year % 100:02d}" for v in values][::step],
                    fontsize=7)
    axes.tick_params(axis="y", labelsize=7)
    unit = indicator.unit + (f" {indicator.denominator}" if indicator.denominator else "")
    axes.set_ylabel(unit.strip(), fontsize=7)
    axes.set_title(indicator.name, fontsize=9)
    axes.legend(fontsize=7, frameon=False, loc="upper right")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.subplots_adjust(left=0.1, right=0.98, top=0.88, bottom=0.14)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def alt_text(indicator: Indicator, values: list[IndicatorValue], chart: RunChart) -> str:
    """What the chart shows, in words, for a screen reader."""
    if not values:
        return f"Seriediagram for {indicator.name}: ingen målinger."
    first, last = values[0], values[-1]
    centre = f", median {format_number(chart.centre)}" if chart.centre is not None else ""
    return (f"Seriediagram for {indicator.name}: {len(values)} målinger fra "
            f"{format_date(first.day)} til {format_date(last.day)}{centre}; seneste "
            f"{format_number(last.value)}. {chart.summary()}")
