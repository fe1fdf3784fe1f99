"""The indicators of a meeting's council as run charts in the terminal (plotext), each with
the rule that fired named in Danish ("Skift: 7 målinger i træk under medianen") and its
latest values. A read-only view: values are entered at the meeting (`k` on the item that
receives indikatorer, ``dialogs.indicator_values``), with ``meetingtool indicators add`` or
imported; the chart is the same as ``meetingtool indicators show``. Opened with `i` from the
home screen (the highlighted council) and the meeting screen (the meeting's council).
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
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.indicators import Indicator, format_number
from meetingtool.core.runchart import analyse
from meetingtool.export.runchart_text import terminal_chart
from meetingtool.tui.widgets import KeyBar

__all__ = ["IndicatorScreen"]


class IndicatorScreen(Screen[None]):
    """Run charts of a council's indicators (its own and the shared ones).

    | Key | Does |
    | --- | --- |
    | `↑` / `↓` / page keys | scroll |
    | `escape` / `q` | back |
    """

    COMMAND_CATEGORY = "Indikatorer"
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape,q", "app.pop_screen", "Tilbage", tooltip="Luk indikatorerne",
                id="indicators.close")]
    DEFAULT_CSS = """
    IndicatorScreen #indicators-title {
        height: 1; padding: 0 1; background: $primary; color: $text; text-style: bold;
    }
    IndicatorScreen .indicator-chart { height: auto; margin: 0 1 1 1; }
    IndicatorScreen .indicator-rules { margin: 0 1; text-style: bold; }
    """

    def __init__(self, store, council_id: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.store = store
        self.council_id = council_id

    def compose(self) -> ComposeResult:
        indicators = self.store.indicators(self.council_id)
        try:
            name = self.store.council(self.council_id).name
        except MeetingToolError:
            name = ""
        yield Static(f"Kvalitetsindikatorer · {name}" if name else "Kvalitetsindikatorer",
                     id="indicators-title", markup=False)
        with VerticalScroll(id="indicators"):
            if not indicators:
                yield Static("Rådet følger ingen indikatorer endnu "
                             "(meetingtool indicators define NAVN --council RÅD).",
                             id="no-indicators")
            for indicator in indicators:
                yield from self._indicator(indicator)
        yield KeyBar()

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
