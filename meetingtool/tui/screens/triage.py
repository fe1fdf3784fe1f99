"""The triage round (tavlemøde) screen: one row per resident, rated red, yellow or green.

This module wires the parts together and holds no rules of its own:

- ``meetingtool.actions.triage.TriageRound``: the round's rules (order, ratings, colour-rule
  follow-ups made once and dropped or reopened with the colour, owner, escalation);
- ``meetingtool.tui.screens.triage_data``: the round read in one job on the app's one
  ordered writer (``tui/writer.py``), and the rows and panel drawn from what was read;
- ``meetingtool.actions.triage_writer.RatingWriter``: the rating writes in key order on
  that writer, so a key press redraws its row at once and never waits for the disk; the
  dialogs' saves, the round's time and a resident's move queue behind them there;
- ``meetingtool.tui.widgets.triage_board``: ``BoardRow`` and ``TriageBoard`` (one widget
  per resident with a cursor of its own) and the styled cells;
- ``meetingtool.tui.dialogs.triage``: the note, borgergennemgang, resident, tasks and
  escalation dialogs;
- ``TriageScreen`` (here): the keys, the countdown per resident and the round against its
  plan, and the panel about the selected resident.

The screen opens at once with "Henter triagerunden …"; the board follows when the writer
has read the round. A key typed before that waits for it (``KEY_WAIT_SECONDS``), so `t`
then `↓` `1` rates the second resident, or is refused with a message when it takes longer.
Nothing on this screen calls the store on the screen's own thread.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import Static

from meetingtool.actions.triage import TriageRound
from meetingtool.actions.triage_writer import RatingWriter, StoreWriter
from meetingtool.core import triage
from meetingtool.core.dates import format_date, format_duration
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.vocab import TriageColour
from meetingtool.store.errors import StoreDamagedError
from meetingtool.tui.screens.triage_actions import TriageActions
from meetingtool.tui.screens.triage_data import (
    KEY_WAIT_SECONDS,
    LOADING,
    TriageData,
    panel_text,
    read_round,
    row_cells,
)
from meetingtool.tui.widgets.keybar import KeyBar
from meetingtool.tui.widgets.triage_board import (
    COLUMNS,
    BoardRow,
    TriageBoard,
    board_line,
    column_widths,
)
from meetingtool.tui.writer import StoreWriter as AppWriter
from meetingtool.tui.writer import writer_for
from meetingtool.tui.writer_reads import error_message

__all__ = ["StoreWriter", "TriageRound", "TriageScreen", "TriageWriteFailed"]
"""``TriageRound`` and ``StoreWriter`` live in ``meetingtool.actions``; they stay importable
from here, where the screen's tests have always found them."""


BINDING_IDS = {TriageColour.ROED: "red", TriageColour.GUL: "yellow", TriageColour.GROEN: "green"}
"""The rating keys' binding ids (stable names for a user's keymap)."""

BOARD_KEYS = {"up": -1, "down": 1, "pageup": -10, "pagedown": 10, "home": -10**6,
              "end": 10**6}
"""The board's cursor keys, bound on the screen too: typed before the board is there,
they wait for it (once it has focus, its own bindings answer them)."""


@dataclass
class TriageWriteFailed(Message):
    """A rating could not be written (sent from the writer thread)."""

    error: BaseException


class TriageScreen(TriageActions, Screen):
    """The triage round of one meeting item.

    | Key | Does |
    | --- | --- |
    | `1` / `2` / `3` | rates the selected resident red / yellow / green |
    | `↑` / `↓` | moves between residents |
    | `enter` | what changed, agreed action, owner |
    | `g` | borgergennemgang (five questions) |
    | `u` | sends the row on to the kvalitetsudvalg or another council |
    | `o` | the resident's open tasks: each Udført or Udgået |
    | `space` | pauses / resumes the round's time |
    | `a` | a new resident (initials and/or room) |
    | `r` | correct the selected resident's initials or room |
    | `x` | the selected resident has moved out (history kept) |
    | `escape` | back to the meeting |
    """

    CSS_PATH = "triage.tcss"

    BINDINGS = [
        # 1 red, 2 yellow, 3 green: the keys are core.triage's, the benchmark presses them.
        *(Binding(key, f"rate('{colour}')", colour.label, id=f"triage.{BINDING_IDS[colour]}")
          for key, colour in triage.COLOUR_KEYS.items()),
        Binding("g", "borgergennemgang", "Gennemgang", id="triage.review"),
        Binding("u", "escalate", "Send videre", id="triage.escalate"),
        # Not in the key bar (no room at 80 columns): the panel's task lines say "o: luk".
        Binding("o", "tasks", "Opgaver", id="triage.tasks", show=False),
        Binding("escape", "back", "Tilbage", id="triage.back"),
        Binding("space", "toggle_timer", "Pause", id="triage.pause", show=False),
        Binding("a", "add_resident", "Ny beboer", id="triage.add_resident", show=False),
        Binding("r", "rename_resident", "Ret beboer", id="triage.rename_resident",
                show=False),
        Binding("x", "move_out", "Fraflyttet", id="triage.move_out", show=False),
        *(Binding(key, f"board_move({step})", show=False) for key, step in BOARD_KEYS.items()),
        Binding("enter", "note", show=False),
    ]

    def __init__(self, store, meeting_id: int, item_id: int, *,
                 monotonic: Callable[[], float] = time.monotonic,
                 wall: Callable[[], datetime] = datetime.now) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.item_id = item_id
        self.monotonic = monotonic
        self.wall = wall
        self.data: TriageData | None = None
        """What the writer read: the round and what the panel and dialogs need."""
        self.ready = asyncio.Event()
        """Set when the board is there (or the round could not be read)."""
        self.rows: dict[str, BoardRow] = {}
        self.shown: dict[str, Text] = {}
        self.widths = column_widths(80)

    @property
    def loaded(self) -> bool:
        return self.ready.is_set() and self.data is not None

    @property
    def round(self) -> TriageRound:
        if self.data is None:
            raise AttributeError("round")  # not read yet
        return self.data.round

    @property
    def app_writer(self) -> AppWriter:
        """The app's one ordered writer: the round is read, rated and saved there."""
        return writer_for(self.app, self.store)

    # -- layout and loading

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static("Triage", id="title")
            yield Static("a ny · r ret · x flyt · ␣ pause", id="keys")
        yield Static(LOADING, id="round")
        yield Static(id="header")
        yield Static(id="current")
        yield KeyBar()  # wraps: at 80 columns every key stays visible

    def on_mount(self) -> None:
        self.widths = column_widths(self.size.width)
        meeting_id, item_id, wall = self.meeting_id, self.item_id, self.wall
        self.app_writer.submit(lambda store: read_round(store, meeting_id, item_id, wall),
                               self.show_loaded, self.load_failed, label="triage")
        self.set_interval(0.25, self._refresh_status)

    def show_loaded(self, data: TriageData) -> None:
        """The writer's answer: the board; keys waiting for it (``round_ready``) go on."""
        if not self.is_attached:
            return  # closed before the round came
        self.data = data
        meeting = data.round.meeting
        self.query_one("#title", Static).update(
            f"Triage – {meeting.council_name} · {format_date(meeting.date)}")
        self.timer = triage.RoundTimer(self.monotonic, used=data.round.item.round_seconds)
        self.writer = RatingWriter(
            data.round, lambda error: self.post_message(TriageWriteFailed(error)),
            run_on=lambda job: self.app_writer.submit(lambda _store: job(), label="triage"))
        self.rows = {r.id: BoardRow(r.id) for r in data.round.residents}
        board = TriageBoard(list(self.rows.values()), id="board")
        # A worker, not a message: a key waiting for the board holds the app's queue.
        self.run_worker(self._board_mounted(board, self.mount(board, before="#current")),
                        group="triage-load")

    async def _board_mounted(self, board: TriageBoard, mounted: AwaitMount) -> None:
        await mounted
        self.set_focus(board)
        self.ready.set()
        self._draw_all()
        self._refresh_status()

    def load_failed(self, error: BaseException) -> None:
        self.ready.set()
        self.notify(error_message(error), title="Triagerunden kan ikke vises",
                    severity="error")
        if self.is_attached:
            self.dismiss(None)

    async def round_ready(self) -> bool:
        """Wait (at most ``KEY_WAIT_SECONDS``) for the board: a key typed right after `t`
        acts on the board as it will be shown; the keys behind it wait in the app's queue."""
        if not self.loaded:
            try:
                await asyncio.wait_for(self.ready.wait(), KEY_WAIT_SECONDS)
            except TimeoutError:
                pass
        if not self.loaded:
            if self.is_attached and self.data is None:
                self.notify(LOADING, title="Vent et øjeblik", severity="warning")
            return False
        return True

    def on_resize(self) -> None:
        widths = column_widths(self.size.width)
        if widths != self.widths:
            self.widths = widths
            if self.loaded:
                self._draw_all()

    def _draw_all(self) -> None:
        self.query_one("#header", Static).update(
            board_line({key: Text(label) for key, label in COLUMNS.items()}, self.widths),
            layout=False)
        for resident_id in self.rows:
            self._draw_row(resident_id)

    # -- rows and status lines

    def cells(self, resident_id: str) -> dict[str, Text]:
        """The row's columns, each as styled text (not yet cut to width)."""
        return row_cells(self.round, resident_id)

    def _draw_row(self, resident_id: str) -> None:
        self.rows[resident_id].show(board_line(self.cells(resident_id), self.widths))

    def _update_row(self, resident_id: str) -> None:
        if resident_id in self.rows:
            self._draw_row(resident_id)
        self._refresh_status()

    @property
    def selected_id(self) -> str | None:
        boards = self.query(TriageBoard)
        row = boards.first().selected if boards else None
        return row.resident_id if row is not None else None

    def _refresh_status(self) -> None:
        if not self.loaded:
            return
        counts = self.round.counts()
        planned = self.round.item.planned_minutes * 60
        used = self.timer.total()
        rated = len(self.round.residents) - counts[triage.NOT_RATED]
        round_text = Text.assemble(
            ("Runde ", "bold") if self.timer.running else ("Pause ", "bold reverse"),
            (format_duration(used), "bold red" if used > planned else "bold"),
            f" af {format_duration(planned)}",
            f" (farver {format_duration(self.round.planned_by_colour())})",
            f" · {rated}/{len(self.round.residents)} vurderet: ",
            triage.format_counts({**counts, triage.NOT_RATED: 0}),
        )
        self._show("#round", round_text)
        resident_id = self.selected_id
        self._show("#current", Text(
            "Ingen beboere på tavlen endnu: tryk a for at tilføje en beboer "
            "(initialer og/eller stue).", style="italic") if resident_id is None else
            panel_text(self.round, resident_id, self.timer, self.data.escalation_texts))

    def _show(self, widget_id: str, text: Text) -> None:
        """Redraw a status line only when it changed; its height is fixed (no layout)."""
        if self.shown.get(widget_id) != text:
            self.shown[widget_id] = text
            self.query_one(widget_id, Static).update(text, layout=False)

    # -- events and actions

    def on_triage_board_highlighted(self, event: TriageBoard.Highlighted) -> None:
        self.timer.select(event.resident_id)
        self._refresh_status()

    def on_triage_board_selected(self, event: TriageBoard.Selected) -> None:
        event.stop()
        self.open_note(event.resident_id)

    async def action_board_move(self, step: int) -> None:
        if await self.round_ready():
            self.query_one(TriageBoard).action_move(step)

    async def action_rate(self, colour: str) -> None:
        if not self.loaded and not await self.round_ready():
            return
        resident_id = self.selected_id
        if resident_id is None or not self.round.rate_in_memory(resident_id, colour):
            return
        self._update_row(resident_id)
        self.writer.save_later(resident_id)  # a newer key for the resident supersedes it

    def on_triage_write_failed(self, message: TriageWriteFailed) -> None:
        error = message.error
        on_fatal = self.app_writer.on_fatal
        if isinstance(error, StoreDamagedError) and on_fatal is not None:
            on_fatal(error)  # the app explains the damaged file and ends
            return
        if not isinstance(error, MeetingToolError):
            raise error  # a bug: the app's crash handling takes over
        self.notify(error.message, title="Kunne ikke gemme", severity="error", timeout=15)

    def action_back(self) -> None:
        if self.loaded:
            self.timer.stop()
            self.keep_time()
        self.dismiss(None)

    def on_unmount(self) -> None:
        if self.loaded:
            self.keep_time()

    def keep_time(self) -> None:
        """The round's time per resident into the store, on the writer after the ratings:
        reopened, the round goes on. Nothing waits for it here; the app's writer finishes
        it before the app ends, and the meeting screen's next save queues behind it."""
        spent = self.timer.spent()
        triage_round, app = self.round, self.app

        def refused(error: BaseException) -> None:
            app.notify(error_message(error),
                       title="Rundens tid blev ikke gemt", severity="error")

        self.app_writer.submit(lambda _store: triage_round.keep_time(spent), None, refused,
                               label="triage")
