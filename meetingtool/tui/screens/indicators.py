"""The indicators of a meeting's council as run charts in the terminal (plotext), each with
the rule that fired named in Danish ("Skift: 7 målinger i træk under medianen") and its
latest values. A read-only view: values are entered with ``meetingtool indicators add`` or
imported; the chart is the same as ``meetingtool indicators show``.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from meetingtool.core.dates import format_date_short
from meetingtool.core.indicators import Indicator, format_number
from meetingtool.core.runchart import analyse
from meetingtool.export.runchart_text import terminal_chart

__all__ = ["IndicatorScreen"]


class IndicatorScreen(Screen[None]):
    """Run charts of a council's indicators (its own and the shared ones)."""

    COMMAND_CATEGORY = "Indikatorer"
    BINDINGS: ClassVar[list[Binding]] = [Binding("escape", "app.pop_screen", "Tilbage")]
    DEFAULT_CSS = """
    IndicatorScreen .indicator-chart { height: auto; margin: 0 1 1 1; }
    IndicatorScreen .indicator-rules { margin: 0 1; text-style: bold; }
    """

    def __init__(self, store, council_id: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.store = store
        self.council_id = council_id

    def compose(self) -> ComposeResult:
        indicators = self.store.indicators(self.council_id)
        with VerticalScroll(id="indicators"):
            if not indicators:
                yield Static("Rådet følger ingen indikatorer endnu "
                             "(meetingtool indicators define NAVN --council RÅD).",
                             id="no-indicators")
            for indicator in indicators:
                yield from self._indicator(indicator)

    def _indicator(self, indicator: Indicator) -> ComposeResult:
        values = indicator.current()
        chart = analyse([v.value for v in values])
        width = max(40, min(100, self.app.size.width - 4))
        yield Static(Text.from_ansi(terminal_chart(indicator, width=width, height=16)),
                     classes="indicator-chart")
        yield Static(chart.summary(), classes="indicator-rules")
        latest = ", ".join(f"{format_date_short(v.day)}: {format_number(v.value)}"
                           for v in values[-4:])
        yield Static(f"Seneste: {latest or 'ingen målinger'}", classes="indicator-rules")
