"""``RowList``: a fast, keyboard-driven list of rows in fixed columns (the home screen's tables).

Columns have a width or take what is left; optional ones give way on a narrow terminal so
the name or title stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

__all__ = ["Cell", "Column", "RowList", "shorten"]

MIN_FLEXIBLE = 20
"""Fewest characters for the name or title column before optional columns give way."""


def shorten(text: str, width: int) -> str:
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class Column:
    """A column of a ``RowList``: heading, width (``None``: what is left) and alignment."""

    heading: str
    width: int | None
    right: bool = False
    optional: bool = False
    """Left out when the flexible column would get fewer than ``MIN_FLEXIBLE`` characters."""


@dataclass(frozen=True)
class Cell:
    text: str
    style: str = ""


class RowList(Widget, can_focus=True):
    """A keyboard-driven list of rows in fixed columns, under one heading line.

    The home screen's tables hold a handful of councils and a screenful of meetings. A
    ``DataTable`` renders every cell through Rich and brings a large stylesheet, which
    more than doubled the time to the first frame; this draws the visible rows as one
    ``Text``. Rows are ``(key, cells)``; the highlighted row is ``cursor``.

    | Key | Does |
    | --- | --- |
    | `up` / `down` | previous / next row |
    | `home` / `end` | first / last row |
    | `pageup` / `pagedown` | a screenful up / down |

    A click highlights the row clicked.
    """

    BINDINGS = [
        Binding("up", "move(-1)", "Op", show=False),
        Binding("down", "move(1)", "Ned", show=False),
        Binding("pageup", "page(-1)", "Side op", show=False),
        Binding("pagedown", "page(1)", "Side ned", show=False),
        Binding("home", "move(-1000000)", "Første", show=False),
        Binding("end", "move(1000000)", "Sidste", show=False),
    ]

    COMPONENT_CLASSES = {"row-list--heading", "row-list--cursor"}

    DEFAULT_CSS = """
    RowList {
        height: auto;
        padding: 0 1;
    }
    RowList > .row-list--heading {
        color: $text-muted;
        text-style: bold;
    }
    RowList > .row-list--cursor {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    RowList:focus > .row-list--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True)
    """Index of the highlighted row."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved to the row with ``key``."""

        row_list: RowList
        key: str

    def __init__(self, columns: list[Column], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = columns
        self.rows: list[tuple[str, list[Cell]]] = []
        self.top = 0
        """Index of the first row shown when there are more rows than lines."""

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def keys(self) -> list[str]:
        return [key for key, _ in self.rows]

    @property
    def highlighted_key(self) -> str | None:
        return self.rows[self.cursor][0] if self.rows else None

    def set_rows(self, rows: list[tuple[str, list[Cell]]], keep: str | None = None) -> None:
        """Replace the rows; the cursor goes to ``keep`` if it is there, else the first."""
        self.rows = rows
        keys = self.keys
        self.top = 0
        self.set_reactive(RowList.cursor, keys.index(keep) if keep in keys else 0)
        self.refresh(layout=True)

    def replace_row(self, key: str, cells: list[Cell]) -> None:
        """Show new cells for the row with ``key`` (the cursor stays where it is)."""
        for index, (row_key, _) in enumerate(self.rows):
            if row_key == key:
                self.rows[index] = (key, cells)
                self.refresh()
                return
        raise KeyError(key)

    def row(self, key: str) -> list[str]:
        """The texts of the row with ``key`` (for tests and the palette)."""
        return [cell.text for cell in dict(self.rows)[key]]

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        if self.rows and old != new:
            self.post_message(self.Highlighted(self, self.rows[new][0]))
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click on a row highlights it (the heading line is not a row)."""
        index = self.top + event.y - 1
        if event.y >= 1 and 0 <= index < len(self.rows):
            self.cursor = index

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.visible_rows() - 1)

    def visible_rows(self) -> int:
        return max(1, self.content_size.height - 1)

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1 + len(self.rows)

    def widths(self, total: int) -> list[int]:
        """Each column's width; 0 for an optional column left out on a narrow screen."""
        def rest_with(columns: list[Column]) -> int:
            fixed = sum(column.width or 0 for column in columns)
            return total - fixed - 2 * (len(columns) - 1)

        shown = list(self.columns)
        if rest_with(shown) < MIN_FLEXIBLE:
            shown = [column for column in shown if not column.optional]
        rest = max(4, rest_with(shown))
        return [
            0 if column not in shown else column.width if column.width is not None else rest
            for column in self.columns
        ]

    def line(self, cells: list[Cell], widths: list[int]) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        parts = [(cell, column, width)
                 for cell, column, width in zip(cells, self.columns, widths) if width]
        for number, (cell, column, width) in enumerate(parts):
            shown = shorten(cell.text, width)
            shown = shown.rjust(width) if column.right else shown.ljust(width)
            text.append(shown, style=cell.style)
            if number < len(parts) - 1:
                text.append("  ")
        return text

    def render(self) -> Text:
        widths = self.widths(self.content_size.width)
        heading = self.line([Cell(c.heading) for c in self.columns], widths)
        heading.stylize(self.get_component_rich_style("row-list--heading"))
        shown = self.visible_rows()
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + shown:
            self.top = self.cursor - shown + 1
        lines = [heading]
        for index in range(self.top, min(len(self.rows), self.top + shown)):
            line = self.line(self.rows[index][1], widths)
            if index == self.cursor:
                line.pad_right(max(0, self.content_size.width - line.cell_len))
                line.stylize(self.get_component_rich_style("row-list--cursor"))
            lines.append(line)
        return Text("\n", no_wrap=True).join(lines)
