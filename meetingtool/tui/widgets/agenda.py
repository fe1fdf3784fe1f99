"""The meeting's agenda as a compact list: number, title, used and planned time.

The list is display only (the chair moves with `n` / `p`); it is redrawn from plain
``AgendaRow`` values, so it never reads the clock or the store itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

from meetingtool.core.dates import format_duration


@dataclass(frozen=True)
class AgendaRow:
    """One line of the agenda as shown: what the meeting screen hands to the list."""

    number: int
    title: str
    planned_minutes: int
    used_seconds: float
    current: bool = False

    @property
    def overtime(self) -> bool:
        return self.used_seconds > self.planned_minutes * 60


class AgendaList(Widget):
    """The agenda, current item marked with ▶, items over their time in the error colour."""

    DEFAULT_CSS = """
    AgendaList {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[AgendaRow] = []

    def show(self, rows: list[AgendaRow]) -> None:
        """Redraw with these rows (only when something visible changed)."""
        if rows != self.rows:
            heights_change = len(rows) != len(self.rows)
            self.rows = list(rows)
            self.refresh(layout=heights_change)

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.rows) + 1)

    def render(self) -> Content:
        width = max(self.content_size.width, 20)
        times_width = 9  # " 12:05/15"
        title_width = max(width - 4 - times_width, 4)
        header = Content.assemble(
            ("Dagsorden".ljust(width - times_width), "bold"),
            ("brugt/min".rjust(times_width), "dim"),
        )
        lines = [header]
        for row in self.rows:
            title = row.title
            if len(title) > title_width:
                title = title[: title_width - 1] + "…"
            used = format_duration(row.used_seconds) if row.used_seconds >= 1 else "–"
            times = f"{used:>5}/{row.planned_minutes:<2}"
            style = "bold" if row.current else ""
            times_style = "$error bold" if row.overtime else ("bold" if row.current else "dim")
            lines.append(
                Content.assemble(
                    ("▶" if row.current else " ", "$accent bold" if row.current else ""),
                    (f"{row.number:>2} ", style),
                    (title.ljust(title_width), style),
                    (times.rjust(times_width), times_style),
                )
            )
        return Content("\n").join(lines)
