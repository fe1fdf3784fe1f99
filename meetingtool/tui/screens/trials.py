"""The council's trial actions (prøvehandlinger) at a meeting, under "Status på prøvehandlinger".

Trials whose evaluation date has passed come first, flagged, and stay on every meeting of the
council until they are evaluated; the running ones follow for a short status. The chair
notes what was done (`s`), evaluates with an indstilling (`e`), or plans a new trial (`n`);
every change goes through ``meetingtool.actions.trials`` with this meeting's id, so the
minutes show it under the item.

The meeting and its trials are read, and every change saved (with the list read again in
the same job), on the app's writer (``tui/writer.py``): the screen opens at once with
"Henter …", and a key typed before the list is shown waits for it
(``tui/writer_reads.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from meetingtool.actions.trials import (
    evaluate_trial,
    record_status,
    start_trial,
    trials_for_meeting,
)
from meetingtool.core.dates import format_date, format_date_short
from meetingtool.core.model import Meeting
from meetingtool.core.trials import (
    RECOMMENDATION_LABELS,
    TRIAL_STATUS_LABELS,
    Evaluation,
    Trial,
    trial_lines,
)
from meetingtool.tui.dialogs.text_entry import TextEntryDialog
from meetingtool.tui.dialogs.trial import NewTrial, NewTrialDialog, TrialEvaluationDialog
from meetingtool.tui.widgets.keybar import KeyBar
from meetingtool.tui.widgets.row_list import shorten
from meetingtool.tui.writer import writer_for
from meetingtool.tui.writer_reads import LOADING, Arrival, error_message, say_wait

__all__ = ["TrialsData", "TrialsScreen", "read_trials"]

COLUMNS = (("Id", "id"), ("Prøvehandling", "title"), ("Status", "status"),
           ("Evalueres", "evaluate"), ("Ansvarlig", "owner"))
TITLE_WIDTH = 34


@dataclass
class TrialsData:
    """The meeting, and its council's trials: due for evaluation, then running."""

    meeting: Meeting
    due: list[Trial]
    running: list[Trial]


def read_trials(store, meeting_id: int) -> TrialsData:
    """On the writer: the meeting and the trials it shows."""
    meeting = store.meeting(meeting_id)
    due, running = trials_for_meeting(store, meeting)
    return TrialsData(meeting, due, running)


class TrialsScreen(Screen[None]):
    """Trial actions to evaluate and to follow, at one meeting.

    | Key | Does |
    | --- | --- |
    | `↑` / `↓` | choose a trial |
    | `s` | status: what was done |
    | `e` | evaluate: what we saw, and the indstilling |
    | `n` | a new trial action, planned at this meeting |
    | `escape` | back to the meeting |
    """

    CSS_PATH = "trials.tcss"
    AUTO_FOCUS = ""
    """The table takes the focus when the list is read: until then `↓` waits for it."""

    BINDINGS = [
        Binding("down", "cursor(1)", "Ned", show=False, id="trials.down"),
        Binding("up", "cursor(-1)", "Op", show=False, id="trials.up"),
        Binding("s", "status", "Status", tooltip="Notér, hvad der er gjort", id="trials.status"),
        Binding("e", "evaluate", "Evaluér", tooltip="Evaluér og giv en indstilling",
                id="trials.evaluate"),
        Binding("n", "new", "Ny", tooltip="Ny prøvehandling", id="trials.new"),
        Binding("escape", "close", "Tilbage", tooltip="Tilbage til mødet", id="trials.close"),
    ]

    def __init__(self, store, meeting_id: int, *, today: date | None = None) -> None:
        super().__init__()
        self.writer = writer_for(self.app, store)
        self.meeting_id = meeting_id
        self.today = today or date.today()
        self.data: Arrival[TrialsData] = Arrival()
        self.trials: dict[str, Trial] = {}
        self.due: set[str] = set()

    @property
    def loaded(self) -> bool:
        return self.data.arrived

    @property
    def meeting(self) -> Meeting:
        assert self.data.value is not None, "read on the writer first"
        return self.data.value.meeting

    def compose(self) -> ComposeResult:
        yield Static(LOADING, id="trials-title")
        yield DataTable(id="trials-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="trials-detail-pane", can_focus=False):
            yield Static("", id="trials-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in COLUMNS:
            table.add_column(label, key=key)
        self.call_after_refresh(self.read)  # once drawn: see ApprovalDialog.on_mount

    def read(self) -> None:
        meeting_id = self.meeting_id
        self.writer.submit(lambda store: read_trials(store, meeting_id), self.show_loaded,
                           self.load_failed, label="prøvehandlinger")

    def show_loaded(self, data: TrialsData) -> None:
        self.data.bring(data)
        if self.is_attached:
            self.show(data)
            self.query_one(DataTable).focus()

    def load_failed(self, error: BaseException) -> None:
        self.data.fail()
        self.notify(error_message(error), title="Prøvehandlingerne kan ikke vises",
                    severity="error")
        if self.is_attached:
            self.dismiss(None)

    async def listed(self) -> bool:
        """Wait for the list (a key typed right after `h`); say so when it is not there."""
        if await self.data.wait():
            return True
        say_wait(self)
        return False

    async def action_cursor(self, step: int) -> None:
        """`↓` / `↑` typed before the table took the focus: move once the list is there."""
        if await self.listed():
            table = self.query_one(DataTable)
            table.focus()
            table.move_cursor(row=max(0, table.cursor_row + step))

    def show(self, data: TrialsData, keep: str | None = None) -> None:
        """The trials as the writer read them: due for evaluation first, then running."""
        self.data.value = data
        self.due = {trial.id for trial in data.due}
        self.trials = {trial.id: trial for trial in data.due + data.running}
        table = self.query_one(DataTable)
        table.clear()
        for trial in self.trials.values():
            table.add_row(*self.cells(trial), key=trial.id)
        if keep in self.trials:
            table.move_cursor(row=list(self.trials).index(keep))
        noun = "prøvehandling" if len(self.trials) == 1 else "prøvehandlinger"
        count = f"{len(self.trials)} {noun}"
        if self.due:
            count += f", {len(self.due)} skal evalueres"
        self.query_one("#trials-title", Static).update(
            f"Prøvehandlinger: {count} · {self.meeting.council_name} · "
            f"{format_date(self.meeting.date)}")
        if not self.trials:
            self.query_one("#trials-detail", Static).update(
                "Rådet har ingen igangværende prøvehandlinger. n: ny prøvehandling · "
                "escape: tilbage.")
        else:
            self.show_detail()

    def cells(self, trial: Trial) -> tuple[Text, ...]:
        due = trial.id in self.due
        status = Text("Skal evalueres" if due else TRIAL_STATUS_LABELS[trial.status],
                      style="bold" if due else "")
        evaluate = Text(format_date_short(trial.evaluate) + (" !" if due else ""),
                        style="bold red" if due else "")
        return (Text(trial.id), Text(shorten(trial.title, TITLE_WIDTH)), status, evaluate,
                Text(trial.owner or "–"))

    @property
    def selected(self) -> Trial | None:
        table = self.query_one(DataTable)
        if not self.trials or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.trials.get(str(key))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        trial = self.selected
        if trial is not None:
            self.query_one("#trials-detail", Static).update(
                "\n".join(trial_lines(trial, self.meeting.council_name, self.today)))

    # --- Actions --------------------------------------------------------------------

    async def action_status(self) -> None:
        if not await self.listed():
            return
        trial = self.selected
        if trial is None:
            return
        meeting_id = self.meeting_id

        def done(text: str | None) -> None:
            if text:
                self.apply(lambda store: record_status(store, trial.id, text,
                                                       meeting_id=meeting_id),
                           trial.id, f"Status noteret på {trial.id}.")

        self.app.push_screen(TextEntryDialog(f"Status på {trial.id}: {trial.title}",
                                             "Hvad er gjort siden sidst?"), done)

    async def action_evaluate(self) -> None:
        if not await self.listed():
            return
        trial = self.selected
        if trial is None:
            return
        meeting_id = self.meeting_id

        def done(evaluation: Evaluation | None) -> None:
            if evaluation is None:
                return
            said = f"{trial.id}: {RECOMMENDATION_LABELS[evaluation.recommendation]}."
            self.apply(lambda store: evaluate_trial(store, trial.id, evaluation,
                                                    meeting_id=meeting_id), trial.id, said)

        self.app.push_screen(TrialEvaluationDialog(trial, self.meeting.date), done)

    async def action_new(self) -> None:
        if not await self.listed():
            return
        meeting = self.meeting

        def done(new: NewTrial | None) -> None:
            if new is None:
                return
            self.apply(lambda store: start_trial(
                store, meeting.council_id, new.title, new.evaluate,
                hypothesis=new.hypothesis, owner=new.owner, measure=new.measure,
                start=meeting.date, meeting_id=meeting.id),
                None, f"Prøvehandlingen '{new.title}' er oprettet.")

        self.app.push_screen(NewTrialDialog(meeting.date), done)

    def apply(self, change: Callable[[Any], object], keep: str | None, said: str) -> None:
        """Make a change through the use case on the writer, and read the list again in the
        same job; say what happened or what was wrong."""
        meeting_id = self.meeting_id

        def job(store) -> TrialsData:
            change(store)
            return read_trials(store, meeting_id)

        def done(data: TrialsData) -> None:
            self.notify(said, timeout=4)
            if self.is_attached:
                self.show(data, keep)

        def refused(error: BaseException) -> None:
            self.notify(error_message(error), title="Ikke gemt", severity="error", timeout=8)

        self.writer.submit(job, done, refused, label="prøvehandlinger")

    def action_close(self) -> None:
        self.dismiss(None)
