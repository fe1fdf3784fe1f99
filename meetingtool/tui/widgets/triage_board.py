"""The triage board: one line per resident with a cursor of its own, and its cells.

Each resident's line is a widget of its own (``BoardRow``), so a rating or a cursor move
redraws two rows, not the whole board: a rating costs the same on a board of 40 as of 4.
The helpers below style the cells (today's colour, the trend's dots) and fit them into
the columns; the triage screen decides what goes in them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from meetingtool.core import triage
from meetingtool.core.vocab import TriageColour

__all__ = [
    "COLOUR_STYLES",
    "COLUMNS",
    "BoardRow",
    "TriageBoard",
    "board_line",
    "colour_cell",
    "column_widths",
    "fit",
    "trend_cell",
]

COLOUR_STYLES = {
    TriageColour.ROED: "bold red",
    TriageColour.GUL: "bold yellow",
    TriageColour.GROEN: "bold green",
}

COLUMNS: dict[str, str] = {
    "resident": "Beboer",
    "colour": "I dag",
    "trend": "Tendens",
    "change": "Hvad er ændret",
    "action": "Handling",
    "owner": "Ansvarlig",
}
"""The board's columns, left to right."""


class BoardRow(Static):
    """One resident's line on the board. Redrawing it touches no other row, so a rating
    costs the same on a board of 40 as of 4."""

    def __init__(self, resident_id: str) -> None:
        super().__init__()
        self.resident_id = resident_id
        self.line = Text()

    def show(self, line: Text) -> None:
        self.line = line
        self.update(line, layout=False)

    @property
    def plain(self) -> str:
        return self.line.plain


class TriageBoard(VerticalScroll, can_focus=True):
    """The residents' rows with a cursor, moved by the arrow keys.

    A cursor move restyles two rows and nothing else (no list-wide refresh).

    | Key | Does |
    | --- | --- |
    | `↑` / `↓` | previous / next resident |
    | `pageup` / `pagedown` | ten rows up / down |
    | `home` / `end` | first / last resident |
    | `enter` | selects the row (the screen opens the note dialog) |
    """

    BINDINGS = [
        Binding("up", "move(-1)", "Op", show=False),
        Binding("down", "move(1)", "Ned", show=False),
        Binding("pageup", "move(-10)", "Side op", show=False),
        Binding("pagedown", "move(10)", "Side ned", show=False),
        Binding("home", "first", "Første", show=False),
        Binding("end", "last", "Sidste", show=False),
        # The screen's action, run as the key is read: a message to the screen would open
        # the dialog only after keys typed behind enter had reached the board's screen.
        Binding("enter", "screen.note", "Notat", id="triage.note"),
    ]

    DEFAULT_CSS = """
    TriageBoard {
        height: 1fr;
        padding: 0 1;
    }
    TriageBoard > BoardRow {
        height: 1;
        width: 1fr;
    }
    TriageBoard > BoardRow.-selected {
        background: $block-cursor-blurred-background;
    }
    TriageBoard:focus > BoardRow.-selected {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor is on another resident."""

        resident_id: str

    @dataclass
    class Selected(Message):
        """Enter on a resident's row."""

        resident_id: str

    def __init__(self, rows: list[BoardRow], **options) -> None:
        super().__init__(*rows, **options)
        self.board_rows = rows
        self.index = 0

    @property
    def selected(self) -> BoardRow | None:
        return self.board_rows[self.index] if self.board_rows else None

    def on_mount(self) -> None:
        if self.board_rows:
            self.board_rows[0].add_class("-selected")
            self.post_message(self.Highlighted(self.board_rows[0].resident_id))

    def move_to(self, index: int) -> None:
        if not self.board_rows:
            return
        index = max(0, min(len(self.board_rows) - 1, index))
        if index == self.index:
            return
        self.board_rows[self.index].remove_class("-selected")
        self.index = index
        row = self.board_rows[index]
        row.add_class("-selected")
        self.scroll_to_widget(row, animate=False)
        self.post_message(self.Highlighted(row.resident_id))

    def add_row(self, row: BoardRow) -> None:
        """A new resident's row at the end, selected."""
        self.board_rows.append(row)
        self.mount(row)
        if len(self.board_rows) == 1:
            self.index = 0
            row.add_class("-selected")
            self.post_message(self.Highlighted(row.resident_id))
        else:
            self.call_after_refresh(self.move_to, len(self.board_rows) - 1)

    def remove_row(self, resident_id: str) -> None:
        """Take a row off; the cursor stays at the same position."""
        position = next(i for i, r in enumerate(self.board_rows) if r.resident_id == resident_id)
        row = self.board_rows.pop(position)
        row.remove()
        if not self.board_rows:
            self.index = 0
            return
        self.index = min(position, len(self.board_rows) - 1)
        self.board_rows[self.index].add_class("-selected")
        self.post_message(self.Highlighted(self.board_rows[self.index].resident_id))

    def action_move(self, step: int) -> None:
        self.move_to(self.index + step)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.board_rows) - 1)

    def action_select(self) -> None:
        if self.selected is not None:
            self.post_message(self.Selected(self.selected.resident_id))


def column_widths(width: int) -> dict[str, int]:
    """Fixed narrow columns; the two note columns share what is left of ``width``."""
    fixed = {"resident": 10, "colour": 13, "trend": 2 * triage.TREND_LENGTH - 1,
             "owner": 10}
    spare = max(16, width - sum(fixed.values()) - len(COLUMNS) - 4)
    return {**fixed, "change": spare // 2, "action": spare - spare // 2}


def board_line(cells: dict[str, Text], widths: dict[str, int]) -> Text:
    """One line of the board (or its header): the cells in column order, each fitted."""
    line = Text(no_wrap=True, overflow="crop")
    for index, key in enumerate(COLUMNS):
        if index:
            line.append(" ")
        line.append_text(fit(cells[key], widths[key]))
    return line


def colour_cell(colour: str | None) -> Text:
    """Today's colour as shape and word ("▲ Gul"), or "ikke vurderet"."""
    if colour is None:
        return Text(triage.NOT_RATED, style="italic dim")
    return Text(triage.colour_mark(colour), style=COLOUR_STYLES[colour])


def trend_cell(trend: list[str | None]) -> Text:
    """The trend's shapes, each in its colour ("–" before the team's first meeting)."""
    if not trend:
        return Text("–", style="dim")
    text = Text()
    for index, (symbol, colour) in enumerate(triage.trend_segments(trend)):
        if index:
            text.append(" ")
        text.append(symbol, style=COLOUR_STYLES.get(colour or "", "dim"))
    return text


def fit(text: Text, width: int) -> Text:
    """Cut to ``width`` with an ellipsis, or pad with spaces, keeping the styles."""
    text = text.copy()
    if text.cell_len > width:
        text.truncate(max(0, width - 1))
        text.append("…")
    text.pad_right(width - text.cell_len)
    return text
