"""The meeting's status line: council and date on the left; clock, elapsed and end on the right."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label


def format_elapsed(seconds: float) -> str:
    """Whole-meeting time in words a chair reads at a glance: "44 min", "1 t 05 min"."""
    minutes = int(max(seconds, 0) // 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} t {minutes % 60:02d} min"


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
        yield Label("", id="status-left")
        yield Label("", id="status-right")

    @property
    def text(self) -> str:
        """Both parts as one string (what a reader sees, for tests)."""
        return f"{self.left_text}  {self.right_text}"

    def show(self, left: str, right: str, running: bool) -> None:
        if left != self.left_text:
            self.left_text = left
            self.query_one("#status-left", Label).update(left)
        if right != self.right_text:
            self.right_text = right
            self.query_one("#status-right", Label).update(right)
        self.set_class(running, "-running")
