"""The meeting's status line: council and date on the left; clock, elapsed and end on the right."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from meetingtool.tui.widgets.pane_text import PaneLabel

SEPARATOR = " · "


def format_elapsed(seconds: float) -> str:
    """Whole-meeting time in words a chair reads at a glance: "44 min", "1 t 05 min"."""
    minutes = int(max(seconds, 0) // 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} t {minutes % 60:02d} min"


def fit_left(left: str, width: int) -> str:
    """``left`` ("council · date · Tema: ...") in ``width`` cells: the council's name is
    cut first, then the theme left out, so that the date stays readable
    ("Bruger- og pårør… · 16. december 2026")."""
    if width <= 0 or cell_len(left) <= width or SEPARATOR not in left:
        return left
    name, *rest = left.split(SEPARATOR)
    while rest:
        tail = SEPARATOR + SEPARATOR.join(rest)
        room = width - cell_len(tail) - 1  # 1 for the "…"
        if room >= 8:
            if cell_len(name) <= room:
                return name + tail
            while cell_len(name) > room:
                name = name[:-1]
            return f"{name.rstrip()}…{tail}"
        if len(rest) == 1:
            break
        rest = rest[:-1]
    return left  # too narrow for anything: the label's own … cuts the end


class MeetingStatusLine(Horizontal):
    """One line at the top of the meeting screen; the left part is cut with … when narrow."""

    DEFAULT_CSS = """
    MeetingStatusLine {
        width: 1fr;
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    MeetingStatusLine.-running {
        background: $primary-muted;
    }
    MeetingStatusLine #status-left {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        text-style: bold;
    }
    MeetingStatusLine #status-right {
        width: auto;
        padding-left: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.left_text = ""
        self.right_text = ""

    def compose(self) -> ComposeResult:
        yield PaneLabel("", id="status-left")
        yield PaneLabel("", id="status-right")

    @property
    def text(self) -> str:
        """Both parts as one string (what a reader sees, for tests)."""
        return f"{self.left_text}  {self.right_text}"

    def show(self, left: str, right: str, running: bool) -> None:
        changed = left != self.left_text or right != self.right_text
        if right != self.right_text:
            self.right_text = right
            self.query_one("#status-right", Label).update(right)
        self.left_text = left
        if changed:
            self.show_left()
        self.set_class(running, "-running")

    def show_left(self) -> None:
        """The left part, its council name cut to leave the right part and the date."""
        width = self.content_size.width - cell_len(self.right_text) - 1  # right's padding
        self.query_one("#status-left", Label).update(fit_left(self.left_text, width))

    def on_resize(self, event: events.Resize) -> None:
        self.show_left()
