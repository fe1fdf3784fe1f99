"""The indicators of a meeting's council as run charts in the terminal (plotext), each with
the rule that fired named in Danish ("Skift: 7 målinger i træk under medianen") and its
latest values. A read-only view: values are entered at the meeting (`k` on the item that
receives indikatorer, ``dialogs.indicator_values``), with ``meetingtool indicators add`` or
imported; the chart is the same as ``meetingtool indicators show``. Opened with `i` from the
home screen (the highlighted council) and the meeting screen (the meeting's council).

The screen opens at once with "Henter …"; the council's indicators are read in one job on
the app's writer (``tui/writer.py``) and drawn when they come.
"""

from __future__ import annotations

from dataclasses import dataclass
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
from meetingtool.tui.writer import writer_for
from meetingtool.tui.writer_reads import LOADING, error_message

__all__ = ["IndicatorScreen", "read_indicators"]


@dataclass
class CouncilIndicators:
    """The council's name ("" when it cannot be read) and its indicators."""

    name: str
    indicators: list[Indicator]


def read_indicators(store, council_id: str) -> CouncilIndicators:
    """On the writer: the council's indicators (its own and the shared ones), its name."""
    indicators = store.indicators(council_id)
    try:
        name = store.council(council_id).name
    except MeetingToolError:
        name = ""
    return CouncilIndicators(name, indicators)


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
        self.given_store = store
        """Only to find the app's writer when mounted (made before the app runs, in tests)."""
        self.council_id = council_id
        self.loaded = False
        """True once the charts are drawn."""

    def compose(self) -> ComposeResult:
        yield Static("Kvalitetsindikatorer", id="indicators-title", markup=False)
        with VerticalScroll(id="indicators"):
            yield Static(LOADING, id="indicators-loading")
        yield KeyBar()

    def on_mount(self) -> None:
        self.writer = writer_for(self.app, self.given_store)
        self.call_after_refresh(self.read)  # once drawn: see ApprovalDialog.on_mount

    def read(self) -> None:
        council_id = self.council_id
        self.writer.submit(lambda store: read_indicators(store, council_id), self.show_loaded,
                           self.load_failed, label="indikatorer")

    def show_loaded(self, read: CouncilIndicators) -> None:
        """The writer's answer: a chart per indicator, in place of "Henter …"."""
        if not self.is_attached:
            return
        if read.name:
            self.query_one("#indicators-title", Static).update(
                f"Kvalitetsindikatorer · {read.name}")
        self.query_one("#indicators-loading", Static).remove()
        widgets = [widget for indicator in read.indicators
                   for widget in self._indicator(indicator)]
        if not widgets:
            widgets = [Static("Rådet følger ingen indikatorer endnu "
                              "(meetingtool indicators define NAVN --council RÅD).",
                              id="no-indicators")]
        self.query_one("#indicators", VerticalScroll).mount_all(widgets)
        self.loaded = True

    def load_failed(self, error: BaseException) -> None:
        self.notify(error_message(error), title="Indikatorerne kan ikke vises",
                    severity="error")
        if self.is_attached:
            self.dismiss(None)

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
