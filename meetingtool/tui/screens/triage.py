"""The triage round (tavlemøde) screen: one row per resident, rated red, yellow or green.

This module wires the parts together and holds no rules of its own:

- ``meetingtool.actions.triage.TriageRound``: the round's rules (order, ratings, colour-rule
  follow-ups made once and dropped or reopened with the colour, owner, escalation);
- ``meetingtool.actions.triage_writer.RatingWriter``: the rating writes in key order on
  the app's one ordered writer (``tui/writer.py``), so a key press redraws its row at once
  and never waits for the disk; dialogs and leaving the round wait for them (``flush``);
  the round's time and a resident's move are written there too;
- ``meetingtool.tui.widgets.triage_board``: ``BoardRow`` and ``TriageBoard`` (one widget
  per resident with a cursor of its own) and the styled cells;
- ``meetingtool.tui.dialogs.triage``: the note, borgergennemgang, resident and escalation
  dialogs;
- ``TriageScreen`` (here): the keys, the countdown per resident and the round against its
  plan, and the panel about the selected resident.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from meetingtool.actions.triage import TriageRound
from meetingtool.actions.triage_writer import RatingWriter, StoreWriter
from meetingtool.core import triage
from meetingtool.core.dates import format_date, format_duration
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import FollowUp
from meetingtool.core.vocab import TriageColour
from meetingtool.tui.dialogs import ConfirmDialog
from meetingtool.tui.dialogs.triage import (
    BorgergennemgangDialog,
    ResidentDialog,
    ResidentEscalationDialog,
    TasksDialog,
    TriageNoteDialog,
)
from meetingtool.tui.screens.meeting_saving import writer_for
from meetingtool.tui.widgets.keybar import KeyBar
from meetingtool.tui.widgets.triage_board import (
    COLUMNS,
    BoardRow,
    TriageBoard,
    board_line,
    colour_cell,
    column_widths,
    trend_cell,
)
from meetingtool.tui.writer import StoreWriter as AppWriter

__all__ = ["StoreWriter", "TriageRound", "TriageScreen", "TriageWriteFailed"]
"""``TriageRound`` and ``StoreWriter`` live in ``meetingtool.actions``; they stay importable
from here, where the screen's tests have always found them."""


BINDING_IDS = {TriageColour.ROED: "red", TriageColour.GUL: "yellow", TriageColour.GROEN: "green"}
"""The rating keys' binding ids (stable names for a user's keymap)."""


@dataclass
class TriageWriteFailed(Message):
    """A rating could not be written (sent from the writer thread)."""

    error: BaseException


class TriageScreen(Screen):
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
    ]

    def __init__(self, store, meeting_id: int, item_id: int, *,
                 monotonic: Callable[[], float] = time.monotonic,
                 wall: Callable[[], datetime] = datetime.now) -> None:
        super().__init__()
        self.round = TriageRound(store, meeting_id, item_id, wall=wall)
        self.timer = triage.RoundTimer(monotonic, used=self.round.item.round_seconds)
        self.shown: dict[str, Text] = {}
        self.escalation_texts: dict[str, str] = {}
        """Read once per case: the panel is redrawn four times a second."""
        self.writer = RatingWriter(
            self.round, lambda error: self.post_message(TriageWriteFailed(error)),
            run_on=lambda job: self.app_writer.submit(lambda _store: job(), label="triage"))

    @property
    def app_writer(self) -> AppWriter:
        """The app's one ordered writer: ratings, the round's time and moves run there."""
        return writer_for(self.app, self.round.store)

    # -- layout

    def compose(self) -> ComposeResult:
        meeting = self.round.meeting
        with Horizontal(id="top"):
            yield Static(
                f"Triage – {meeting.council_name} · {format_date(meeting.date)}",
                id="title",
            )
            yield Static("a ny · r ret · x flyt · ␣ pause", id="keys")
        yield Static(id="round")
        yield Static(id="header")
        self.rows = {r.id: BoardRow(r.id) for r in self.round.residents}
        yield TriageBoard(list(self.rows.values()), id="board")
        yield Static(id="current")
        yield KeyBar()  # wraps: at 80 columns every key stays visible

    def on_mount(self) -> None:
        self.widths = column_widths(self.size.width)
        self._draw_all()
        self.query_one("#board", TriageBoard).focus()
        self._refresh_status()
        self.set_interval(0.25, self._refresh_status)

    def on_resize(self) -> None:
        widths = column_widths(self.size.width)
        if widths != self.widths:
            self.widths = widths
            self._draw_all()

    def _draw_all(self) -> None:
        self.query_one("#header", Static).update(
            board_line({key: Text(label) for key, label in COLUMNS.items()}, self.widths),
            layout=False)
        for resident_id in self.rows:
            self._draw_row(resident_id)

    # -- rows

    def cells(self, resident_id: str) -> dict[str, Text]:
        """The row's columns, each as styled text (not yet cut to width)."""
        resident = self.round.resident(resident_id)
        entry = self.round.entries.get(resident_id)
        name = " ".join(p for p in (resident.initials, resident.room) if p)
        if self.round.escalated(resident_id):
            name += " ↑"
        resident_cell = Text(name, style="bold")
        if self.overdue_tasks(resident_id):  # "!" in red: a task past its due date
            resident_cell.append(" !")
            resident_cell.stylize("red", len(name))
        change, automatic = self.round.change_text(resident_id)
        return {
            "resident": resident_cell,
            "colour": colour_cell(self.round.colour(resident_id)),
            "trend": trend_cell(self.round.trends.get(resident_id, [])),
            "change": Text(" ".join(change.split()), style="italic dim" if automatic else ""),
            "action": Text(" ".join((entry.action if entry else "").split())),
            "owner": Text(entry.owner if entry else ""),
        }

    def overdue_tasks(self, resident_id: str) -> list[FollowUp]:
        """The resident's open tasks past their due date at this meeting (marked "!")."""
        day = self.round.meeting.date
        tasks = self.round.followups_of(resident_id) + self.round.earlier_of(resident_id)
        return [f for f in tasks if f.escalated_to is None and f.is_overdue(day)]

    def _draw_row(self, resident_id: str) -> None:
        self.rows[resident_id].show(board_line(self.cells(resident_id), self.widths))

    def _update_row(self, resident_id: str) -> None:
        self._draw_row(resident_id)
        self._refresh_status()

    # -- status lines

    @property
    def selected_id(self) -> str | None:
        row = self.query_one("#board", TriageBoard).selected
        return row.resident_id if row is not None else None

    def _refresh_status(self) -> None:
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
        self._show("#current", self._current_text())

    def _show(self, widget_id: str, text: Text) -> None:
        """Redraw a status line only when it changed; its height is fixed (no layout)."""
        if self.shown.get(widget_id) != text:
            self.shown[widget_id] = text
            self.query_one(widget_id, Static).update(text, layout=False)

    def _current_text(self) -> Text:
        resident_id = self.selected_id
        if resident_id is None:
            return Text("Ingen beboere på tavlen endnu: tryk a for at tilføje en beboer "
                        "(initialer og/eller stue).", style="italic")
        resident = self.round.resident(resident_id)
        budget = self.round.budget(resident_id)
        remaining = budget - self.timer.used(resident_id)
        phase = triage.phase(remaining, budget)
        style = {"normal": "bold", "snart": "bold yellow", "overtid": "bold red reverse"}[phase]
        countdown = (f"{format_duration(remaining)} tilbage" if remaining >= 0
                     else f"{format_duration(-remaining)} over tid")
        line = Text.assemble(
            (resident.label, "bold"), " · ", colour_cell(self.round.colour(resident_id)),
            " · ", (countdown, style), f" (ramme {format_duration(budget)})",
        )
        trend = self.round.trends.get(resident_id, [])
        last = triage.latest_colour(trend)
        running = triage.weeks_running(trend, last) if last else 0
        extra = []
        if trend and any(trend):
            extra.append(f"tendens: {triage.trend_words(trend)}")
        if running >= 3:
            extra.append(f"{triage.colour_label(last)} ved de seneste {running} møder")
        escalated = self.round.escalated(resident_id)
        if escalated is not None:
            extra.append(self.escalation_texts.setdefault(
                escalated.id, self.round.escalation_text(escalated)))
        day = self.round.meeting.date
        tasks = [f for f in self.round.followups_of(resident_id)
                 if f.is_open and f.escalated_to is None]
        if tasks:
            extra.append("opfølgning: " + "; ".join(_task(f, day) for f in tasks) + "  (o: luk)")
        earlier = [f for f in self.round.earlier_of(resident_id) if f.escalated_to is None]
        if earlier:
            extra.append("åben fra tidligere: " + "; ".join(_task(f, day) for f in earlier)
                         + "  (o: luk)")
        if extra:  # one line each, so a long list of tasks is not cut at the edge
            line.append("\n" + "\n".join(extra), style="italic")
        return line

    # -- events and actions

    def on_triage_board_highlighted(self, event: TriageBoard.Highlighted) -> None:
        self.timer.select(event.resident_id)
        self._refresh_status()

    def on_triage_board_selected(self, event: TriageBoard.Selected) -> None:
        event.stop()
        self.action_note()

    def action_rate(self, colour: str) -> None:
        resident_id = self.selected_id
        if resident_id is None or not self.round.rate_in_memory(resident_id, colour):
            return
        self._update_row(resident_id)
        self.writer.save_later(resident_id)  # a newer key for the resident supersedes it

    def on_triage_write_failed(self, message: TriageWriteFailed) -> None:
        if not isinstance(message.error, MeetingToolError):
            raise message.error  # a bug: the app's crash handling takes over
        self.notify(message.error.message, title="Kunne ikke gemme", severity="error",
                    timeout=15)

    def open_dialog(self, dialog: ModalScreen, callback) -> None:
        """Dialogs save through the round and read what it holds: every rating is on disk
        first."""
        self.writer.flush()
        self.app.push_screen(dialog, callback)

    def action_note(self) -> None:
        resident_id = self.selected_id
        if resident_id is None:
            return
        owners = [a.name for a in self.round.meeting.attendance]
        self.open_dialog(TriageNoteDialog(self.round, resident_id, owners),
                         lambda saved: self._after_dialog(resident_id, saved, None))

    def action_borgergennemgang(self) -> None:
        resident_id = self.selected_id
        if resident_id is None:
            return
        label = self.round.resident(resident_id).label
        self.open_dialog(
            BorgergennemgangDialog(self.round, resident_id),
            lambda saved: self._after_dialog(
                resident_id, saved, f"Borgergennemgang gemt for {label}."),
        )

    def action_tasks(self) -> None:
        resident_id = self.selected_id
        if resident_id is None:
            return
        self.open_dialog(TasksDialog(self.round, resident_id),
                         lambda changed: self._after_dialog(resident_id, changed, None))

    def action_escalate(self) -> None:
        resident_id = self.selected_id
        if resident_id is None:
            return

        def done(sent) -> None:
            if sent:
                self.escalation_texts[sent.id] = text = self.round.escalation_text(sent)
                self._after_dialog(resident_id, True, text)

        self.open_dialog(ResidentEscalationDialog(self.round, resident_id), done)

    def _after_dialog(self, resident_id: str, saved, message: str | None) -> None:
        if saved:
            self._update_row(resident_id)
            if message:
                self.notify(message)

    def action_toggle_timer(self) -> None:
        if self.timer.running:
            self.timer.pause()
        else:
            self.timer.resume()
        self._refresh_status()

    def action_add_resident(self) -> None:
        def added(resident) -> None:
            if resident:
                row = BoardRow(resident.id)
                self.rows[resident.id] = row
                self.query_one("#board", TriageBoard).add_row(row)
                self._draw_row(resident.id)
                self._refresh_status()
                self.notify(f"{resident.label} er tilføjet tavlen.")

        self.open_dialog(ResidentDialog(self.round), added)

    def action_rename_resident(self) -> None:
        resident_id = self.selected_id
        if resident_id is not None:
            self.open_dialog(ResidentDialog(self.round, resident_id),
                             lambda saved: self._after_dialog(resident_id, saved, None))

    def action_move_out(self) -> None:
        resident_id = self.selected_id
        if resident_id is None:
            return
        label = self.round.resident(resident_id).label

        def moved(_resident) -> None:
            if not self.is_attached or resident_id not in self.rows:
                return
            self.query_one("#board", TriageBoard).remove_row(resident_id)
            del self.rows[resident_id]
            self._refresh_status()
            self.notify(f"{label} er markeret som fraflyttet; historikken er bevaret.")

        def answered(yes: bool | None) -> None:
            if yes:  # saved on the writer; the row goes when it is
                self.app_writer.submit(lambda _store: self.round.move_out(resident_id), moved,
                                       self.move_failed, label="triage")

        self.open_dialog(ConfirmDialog(f"Er {label} flyttet? Beboeren tages af tavlen, "
                                       "og historikken bevares."), answered)

    def move_failed(self, error: BaseException) -> None:
        self.notify(getattr(error, "message", str(error)), title="Kunne ikke gemme",
                    severity="error", timeout=15)

    def action_back(self) -> None:
        self.timer.stop()
        self.keep_time()
        self.dismiss(None)

    def on_unmount(self) -> None:
        self.keep_time()

    def keep_time(self) -> None:
        """The round's time per resident into the store (on the writer, after the ratings):
        reopened, the round goes on. Leaving waits for it, as for every rating."""
        spent = self.timer.spent()
        refused: list[MeetingToolError] = []

        def write() -> None:
            try:
                self.round.keep_time(spent)
            except MeetingToolError as error:
                refused.append(error)

        self.writer.submit(write)
        self.writer.close()
        for error in refused:
            self.notify(error.message, title="Rundens tid blev ikke gemt", severity="error")


def _task(followup: FollowUp, day: date) -> str:
    """A follow-up in the panel: its rule text without the deadline, and who has it; one
    past its due date at the meeting says so."""
    owner = f" ({followup.owner})" if followup.owner else " (ansvarlig mangler)"
    text = followup.text.split(" – ")[0] + owner
    if followup.is_overdue(day) and followup.due is not None:
        text += f" – overskredet, frist {format_date(followup.due)}"
    return text
