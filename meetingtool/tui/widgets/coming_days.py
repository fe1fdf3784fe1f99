"""``ComingDays``: the planned meetings and year-wheel activities of the coming 30 days.

The home screen shows it between the councils and the meetings, so a chair opening the tool
sees what is ahead across every council: "10. december 2026  14.00  Julemødet · Bruger- og
pårørenderåd Kildebo", "december 2026  Årshjul: Forberedelse af tilsyn · ...". It reads
the store and the kept wheels on a worker thread (``actions.yearview.coming``) and draws
when that is done; with nothing ahead it takes no room at all.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from meetingtool.actions.yearview import coming
from meetingtool.core.dates import MONTHS, format_date, format_time
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.yearview import ComingEntry
from meetingtool.store.errors import StoreDamagedError
from meetingtool.tui.widgets.row_list import shorten

__all__ = ["DAYS_AHEAD", "ComingDays", "entry_line"]

DAYS_AHEAD = 30
"""How far ahead the home screen looks."""

LINES_SHOWN = 5
"""Lines of entries at most: on an 80x24 terminal the meetings below keep their room."""

WORKER_GROUP = "coming-days"

DATE_WIDTH = 19
"""``30. september 2026``, the longest Danish date, and a space."""


def entry_line(entry: ComingEntry, width: int) -> Text:
    """One entry as a line of ``width`` characters: date, time, what, and whose."""
    if entry.activity and entry.whole_month:
        when = f"{MONTHS[entry.day.month - 1]} {entry.day.year}"
    else:
        when = format_date(entry.day)
    clock = format_time(entry.start) if entry.start is not None else ""
    if entry.activity:
        what = f"Årshjul: {entry.title}"
        if entry.responsible:
            what += f" ({entry.responsible})"
    else:
        what = entry.title
        if entry.theme and entry.theme.casefold() not in entry.title.casefold():
            what += f" – {entry.theme}"
    line = Text(f"{when:<{DATE_WIDTH}}", style="bold" if not entry.activity else "")
    line.append(f"{clock:>5}  ")
    rest = width - DATE_WIDTH - 7
    text = shorten(f"{what} · {entry.council}", rest)
    line.append(text[: len(what)], style="italic" if entry.activity else "")
    line.append(text[len(what):], style="dim")
    return line


class ComingDays(Widget):
    """What is planned in the coming 30 days, across every council (read-only).

    It has no keys of its own: the councils and meetings tables below are where a meeting
    is chosen and opened. ``load`` fetches on a worker thread and may be called again
    whenever the screen comes back into view; the newest call wins.
    """

    DEFAULT_CSS = """
    ComingDays {
        height: auto;
        padding: 0 1;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
        background: $surface;
        display: none;
    }
    ComingDays.-filled {
        display: block;
    }
    """

    entries: reactive[list[ComingEntry]] = reactive(list, layout=True)
    """The entries shown, by day; empty until the first load is done (and then hidden)."""

    loaded: reactive[bool] = reactive(False)
    """Whether a load has finished: tests and callers can tell "nothing ahead" from
    "not read yet"."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = f"De næste {DAYS_AHEAD} dage"

    def load(self, store, today: date) -> None:  # type: ignore[no-untyped-def]
        """Read what is coming from ``today`` on, on a worker thread; a newer call replaces
        one still running."""
        self.run_worker(partial(coming, store, today, DAYS_AHEAD), thread=True,
                        exclusive=True, group=WORKER_GROUP, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != WORKER_GROUP:
            return
        event.stop()
        if event.state == WorkerState.SUCCESS:
            self.show(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            if not isinstance(error, MeetingToolError) or isinstance(error, StoreDamagedError):
                raise error  # a bug or a damaged store: the app's crash report says so
            self.failed(error.message)  # a wheel that cannot be read: say so, go on

    def show(self, found: list[ComingEntry]) -> None:
        self.entries = found
        self.border_subtitle = ""
        self.set_class(bool(found), "-filled")
        self.loaded = True

    def failed(self, message: str) -> None:
        self.entries = []
        self.set_class(False, "-filled")
        self.loaded = True
        self.notify(message, title="De næste 30 dage", severity="warning")

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return min(len(self.entries), LINES_SHOWN)

    def render(self) -> Text:
        width = self.content_region.width or self.size.width
        shown = self.entries
        more = 0
        if len(shown) > LINES_SHOWN:
            more = len(shown) - (LINES_SHOWN - 1)
            shown = shown[: LINES_SHOWN - 1]
        lines = [entry_line(entry, width) for entry in shown]
        if more:
            lines.append(Text(f"… og {more} mere", style="dim"))
        return Text("\n").join(lines)
