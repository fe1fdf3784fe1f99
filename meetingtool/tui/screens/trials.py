"""The council's trial actions (prøvehandlinger) at a meeting, under "Status på prøvehandlinger".

Trials whose evaluation date has passed come first, flagged, and stay on every meeting of the
council until they are evaluated; the running ones follow for a short status. The chair
notes what was done (`s`), evaluates with an indstilling (`e`), or plans a new trial (`n`);
every change goes through ``meetingtool.actions.trials`` with this meeting's id, so the
minutes show it under the item.
"""

from __future__ import annotations

from datetime import date

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
from meetingtool.core.errors import MeetingToolError
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

__all__ = ["TrialsScreen"]

COLUMNS = (("Id", "id"), ("Prøvehandling", "title"), ("Status", "status"),
           ("Evalueres", "evaluate"), ("Ansvarlig", "owner"))
TITLE_WIDTH = 34


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

    BINDINGS = [
        Binding("s", "status", "Status", tooltip="Notér, hvad der er gjort", id="trials.status"),
        Binding("e", "evaluate", "Evaluér", tooltip="Evaluér og giv en indstilling",
                id="trials.evaluate"),
        Binding("n", "new", "Ny", tooltip="Ny prøvehandling", id="trials.new"),
        Binding("escape", "close", "Tilbage", tooltip="Tilbage til mødet", id="trials.close"),
    ]

    def __init__(self, store, meeting_id: int, *, today: date | None = None) -> None:
        super().__init__()
        self.store = store
        self.meeting = store.meeting(meeting_id)
        self.today = today or date.today()
        self.trials: dict[str, Trial] = {}
        self.due: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static("", id="trials-title")
        yield DataTable(id="trials-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="trials-detail-pane", can_focus=False):
            yield Static("", id="trials-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in COLUMNS:
            table.add_column(label, key=key)
        self.load()
        table.focus()

    def load(self, keep: str | None = None) -> None:
        """Read the trials from the store: due for evaluation first, then running."""
        due, running = trials_for_meeting(self.store, self.meeting)
        self.due = {trial.id for trial in due}
        self.trials = {trial.id: trial for trial in due + running}
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

    def action_status(self) -> None:
        trial = self.selected
        if trial is None:
            return

        def done(text: str | None) -> None:
            if text:
                self.apply(lambda: record_status(self.store, trial.id, text,
                                                 meeting_id=self.meeting.id),
                           trial.id, f"Status noteret på {trial.id}.")

        self.app.push_screen(TextEntryDialog(f"Status på {trial.id}: {trial.title}",
                                             "Hvad er gjort siden sidst?"), done)

    def action_evaluate(self) -> None:
        trial = self.selected
        if trial is None:
            return

        def done(evaluation: Evaluation | None) -> None:
            if evaluation is None:
                return
            said = f"{trial.id}: {RECOMMENDATION_LABELS[evaluation.recommendation]}."
            self.apply(lambda: evaluate_trial(self.store, trial.id, evaluation,
                                              meeting_id=self.meeting.id), trial.id, said)

        self.app.push_screen(TrialEvaluationDialog(trial, self.meeting.date), done)

    def action_new(self) -> None:
        def done(new: NewTrial | None) -> None:
            if new is None:
                return
            self.apply(lambda: start_trial(
                self.store, self.meeting.council_id, new.title, new.evaluate,
                hypothesis=new.hypothesis, owner=new.owner, measure=new.measure,
                start=self.meeting.date, meeting_id=self.meeting.id),
                None, f"Prøvehandlingen '{new.title}' er oprettet.")

        self.app.push_screen(NewTrialDialog(self.meeting.date), done)

    def apply(self, change, keep: str | None, said: str) -> None:  # type: ignore[no-untyped-def]
        """Make a change through the use case; say what happened or what was wrong."""
        try:
            change()
        except MeetingToolError as error:
            self.notify(error.message, title="Ikke gemt", severity="error", timeout=8)
            return
        self.notify(said, timeout=4)
        self.load(keep)

    def action_close(self) -> None:
        self.dismiss(None)
