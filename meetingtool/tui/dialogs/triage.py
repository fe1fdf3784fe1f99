"""The triage round's dialogs: a row's note, the borgergennemgang, a resident, sending on.

Each takes the round (``actions.triage.TriageRound``) and saves through it, so the rules
stay there: a CPR number (and, when a case is sent on, a full name) is refused with a
message in the dialog, and what was typed is kept for the user to correct.

Saving (and the tasks dialog's list) runs on the app's one ordered writer
(``tui/writer.py``), behind the ratings queued before it: the dialog says "Gemmer …",
stays open until the writer answers, and closes with what was saved or shows why not.
Nothing here calls the store on the screen's thread.

- ``TriageNoteDialog``: what changed, the agreed action and its owner;
- ``BorgergennemgangDialog``: the five questions, saved as one note;
- ``ResidentDialog``: a new resident, or corrected initials and room;
- ``ResidentEscalationDialog``: to the kvalitetsudvalg or another council (created on request);
- ``TasksDialog``: the resident's open tasks, each closed as Udført or Udgået.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from meetingtool.actions.escalation import UnknownCouncilError
from meetingtool.actions.triage import TriageRound
from meetingtool.core import identifiers, triage
from meetingtool.core.dates import format_date
from meetingtool.core.model import FollowUp
from meetingtool.core.vocab import FollowUpStatus
from meetingtool.tui.dialogs.base import InputDialog, dialog_hint, frame_css
from meetingtool.tui.writer import StoreWriter
from meetingtool.tui.writer_reads import error_message

__all__ = [
    "SAVING",
    "BorgergennemgangDialog",
    "Escalated",
    "ResidentDialog",
    "ResidentEscalationDialog",
    "TasksDialog",
    "TriageDialog",
    "TriageNoteDialog",
]

SAVING = "Gemmer …"
LOADING_TASKS = "Henter opgaverne …"


@dataclass
class Escalated:
    """A row sent on (``send_on``): the case as stored, its line, the targets now."""

    followup: FollowUp
    text: str
    targets: list[str] | None
    """Read again when a council was created for it; ``None``: unchanged."""


def send_on(triage_round: TriageRound, resident_id: str, to: str, text: str, reason: str,
            *, create: bool) -> Escalated:
    """On the writer: send a row on (creating the council first when asked to)."""
    if create:
        to = triage_round.create_council(to)
    sent = triage_round.escalate(resident_id, to, text, reason)
    targets = triage_round.escalation_targets() if create else None
    return Escalated(sent, triage_round.escalation_text(sent), targets)


class TriageDialog(InputDialog):
    """Shared look of the round's dialogs: title, fields, an error line (keys: InputDialog),
    and saving through the round on the app's writer (``save_on_writer``)."""

    DEFAULT_CSS = frame_css("TriageDialog", padding="0 1") + """
    TriageDialog .title {
        text-style: bold;
    }
    TriageDialog Input {
        border: none;
        height: 1;
        padding: 0 1;
        margin-bottom: 1;
        background: $boost;
    }
    TriageDialog Input:focus {
        border: none;
        background: $primary 30%;
    }
    TriageDialog #error {
        color: $error;
        width: 1fr;
        height: auto;
    }
    TriageDialog .hint {
        color: $text-muted;
        width: 1fr;
    }
    TriageDialog #questions {
        height: auto;
        max-height: 16;
    }
    """

    FIELD_LABELS: dict[str, str] = {}
    """Field id -> the name an error message quotes it by ("... i 'Hvad er ændret'")."""

    def __init__(self, triage_round: TriageRound, resident_id: str | None, *,
                 writer: StoreWriter) -> None:
        super().__init__()
        self.round = triage_round
        self.resident_id = resident_id
        self.writer = writer
        self.saving = False
        """A save is on the writer: a second enter saves nothing twice."""

    def save_on_writer(self, work: Callable[[], Any],
                       done: Callable[[Any], None] | None = None,
                       refused: Callable[[BaseException], None] | None = None) -> None:
        """Run ``work()`` (a save through the round) on the app's writer; then ``done``
        (default: close the dialog with the result), or ``refused`` (default: show the
        message, keep what was typed)."""
        if self.saving:
            return
        self.saving = True
        self.query_one("#error", Label).update(SAVING)

        def saved(result: Any) -> None:
            self.saving = False
            if self.is_attached:
                (done or self.dismiss)(result)

        def failed(error: BaseException) -> None:
            self.saving = False
            if self.is_attached:
                (refused or self.refused)(error)

        self.writer.submit(lambda _store: work(), saved, failed, label="triage")

    def refused(self, error: BaseException) -> None:
        self.show_error(error_message(error))

    def action_cancel(self) -> None:
        if self.saving:  # a save under way closes the dialog when it is done
            self.notify(SAVING, severity="warning")
            return
        super().action_cancel()

    def show_error(self, message: str) -> None:
        """Say what is wrong and put the cursor in the field the message names."""
        self.query_one("#error", Label).update(message)
        for field_id, label in self.FIELD_LABELS.items():
            if f"'{label}'" in message:
                self.query_one(f"#{field_id}", Input).focus()
                break


class TriageNoteDialog(TriageDialog):
    """What changed, the agreed action and its owner for one resident.

    | Key | Does |
    | --- | --- |
    | `tab` / `shift+tab` | next / previous field |
    | `enter` | saves (a CPR number is refused, the text kept) |
    | `escape` | cancels |
    """

    FIELD_LABELS = {"change": "Hvad er ændret", "action": "Aftalt handling",
                    "owner": "Ansvarlig"}

    def __init__(self, triage_round: TriageRound, resident_id: str, owners: list[str], *,
                 writer: StoreWriter) -> None:
        super().__init__(triage_round, resident_id, writer=writer)
        self.owners = owners

    def compose(self) -> ComposeResult:
        entry = self.round.entries.get(self.resident_id)
        resident = self.round.resident(self.resident_id)
        with Vertical():
            yield Label(f"Notat – {resident.label}", classes="title")
            yield Label("Hvad er ændret")
            yield Input(entry.change if entry else "", id="change")
            yield Label("Aftalt handling")
            yield Input(entry.action if entry else "", id="action")
            yield Label("Ansvarlig")
            yield Input(entry.owner if entry else "", id="owner",
                        suggester=SuggestFromList(self.owners, case_sensitive=False))
            yield Label("", id="error")
            yield Label(dialog_hint(), classes="hint")

    def action_save(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value
                  for name in ("change", "action", "owner")}
        triage_round, resident_id = self.round, self.resident_id
        self.save_on_writer(lambda: triage_round.note(resident_id, **values),
                            lambda _entry: self.dismiss(True))


class BorgergennemgangDialog(TriageDialog):
    """The borgergennemgang's five questions for one resident, saved as one note."""

    resident_id: str

    def compose(self) -> ComposeResult:
        resident = self.round.resident(self.resident_id)
        with Vertical():
            yield Label(f"Borgergennemgang – {resident.label}", classes="title")
            with VerticalScroll(id="questions"):
                for key, question in triage.BORGERGENNEMGANG_QUESTIONS.items():
                    yield Label(question)
                    yield Input(id=f"q-{key}")
            yield Label("", id="error")
            yield Label(dialog_hint(), classes="hint")

    def action_save(self) -> None:
        answers = {key: self.query_one(f"#q-{key}", Input).value
                   for key in triage.BORGERGENNEMGANG_QUESTIONS}
        triage_round, resident_id = self.round, self.resident_id
        self.save_on_writer(lambda: triage_round.borgergennemgang(resident_id, answers),
                            lambda _review: self.dismiss(True))


class ResidentDialog(TriageDialog):
    """Add a resident, or correct one's initials and room (never a full name or CPR)."""

    def __init__(self, triage_round: TriageRound, resident_id: str | None = None, *,
                 writer: StoreWriter) -> None:
        super().__init__(triage_round, resident_id, writer=writer)

    def compose(self) -> ComposeResult:
        resident = self.round.resident(self.resident_id) if self.resident_id else None
        title = f"Ret beboer – {resident.label}" if resident else "Ny beboer på tavlen"
        with Vertical():
            yield Label(title, classes="title")
            yield Label("Initialer (fx AB eller A.B.)")
            yield Input(resident.initials if resident else "", id="initials")
            yield Label("Stue (fx 12 eller 3.14)")
            yield Input(resident.room if resident else "", id="room")
            yield Label(identifiers.PRIVACY_RULE, classes="hint")
            yield Label("", id="error")
            yield Label(dialog_hint(), classes="hint")

    def action_save(self) -> None:
        initials = self.query_one("#initials", Input).value
        room = self.query_one("#room", Input).value
        triage_round, resident_id = self.round, self.resident_id
        if resident_id is None:
            self.save_on_writer(lambda: triage_round.add_resident(initials, room))
        else:
            self.save_on_writer(
                lambda: triage_round.rename_resident(resident_id, initials, room))


class ResidentEscalationDialog(TriageDialog):
    """Send a row to the kvalitetsudvalg or another council: to whom, what, why.

    A council that does not exist is offered for creation: enter again creates it,
    escape cancels. It starts in "Sagen", after the resident's label already there.
    """

    FIRST_FIELD = "text"

    resident_id: str

    def __init__(self, triage_round: TriageRound, resident_id: str, targets: list[str], *,
                 writer: StoreWriter) -> None:
        super().__init__(triage_round, resident_id, writer=writer)
        self.targets = targets
        """The councils it can go to, kvalitetsudvalg first (read with the round)."""
        self.offered: str | None = None

    def compose(self) -> ComposeResult:
        resident = self.round.resident(self.resident_id)
        entry = self.round.entries.get(self.resident_id)
        what = (entry.change or entry.action) if entry else ""
        with Vertical():
            yield Label(f"Send videre – {resident.label}", classes="title")
            yield Label("Til (råd eller udvalg)")
            yield Input(self.targets[0] if self.targets else "Kvalitetsudvalg", id="to",
                        suggester=SuggestFromList(self.targets, case_sensitive=False))
            yield Label("Sagen (kun initialer/stue, intet navn eller CPR)")
            yield Input(f"{resident.label}: {what}" if what else f"{resident.label}: ",
                        id="text")
            yield Label("Hvorfor sendes den videre?")
            yield Input(id="reason")
            yield Label("", id="error")
            yield Label(dialog_hint(enter="sender"), classes="hint")

    def action_save(self) -> None:
        to = self.query_one("#to", Input).value.strip()
        text = self.query_one("#text", Input).value
        reason = self.query_one("#reason", Input).value
        create = bool(to) and self.offered is not None \
            and to.casefold() == self.offered.casefold()
        triage_round, resident_id = self.round, self.resident_id

        def refused(error: BaseException) -> None:
            if isinstance(error, UnknownCouncilError):
                self.offered = to
                self.show_error(f"{error.message} Tryk enter igen for at oprette '{to}'.")
            else:
                self.refused(error)

        self.save_on_writer(
            lambda: send_on(triage_round, resident_id, to, text, reason, create=create),
            refused=refused)


class TasksDialog(TriageDialog):
    """The selected resident's open tasks; dismisses with ``True`` when one was closed.

    | Key | Does |
    | --- | --- |
    | `↑` / `↓` | choose a task |
    | `enter` | Udført (done) |
    | `x` | Udgået (no longer needed) |
    | `escape` | close |
    """

    BINDINGS = [
        Binding("enter", f"close_task('{FollowUpStatus.UDFOERT}')", "Udført",
                id="triage.tasks.done"),
        Binding("x", f"close_task('{FollowUpStatus.UDGAAET}')", "Udgået",
                id="triage.tasks.dropped"),
        Binding("escape", "cancel", "Luk", id="triage.tasks.cancel"),
    ]

    resident_id: str

    def __init__(self, triage_round: TriageRound, resident_id: str, *,
                 writer: StoreWriter) -> None:
        super().__init__(triage_round, resident_id, writer=writer)
        self.changed = False
        self.loaded = False

    def compose(self) -> ComposeResult:
        resident = self.round.resident(self.resident_id)
        with Vertical():
            yield Label(f"Opgaver – {resident.label}", classes="title")
            yield OptionList(id="tasks")
            yield Label(LOADING_TASKS, id="error")
            yield Label("enter: udført · x: udgået · escape lukker", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        # On the writer: behind the ratings queued before, so a task a colour made is there.
        triage_round, resident_id = self.round, self.resident_id
        self.writer.submit(lambda _store: triage_round.open_tasks(resident_id), self.show,
                           self.listed_failed, label="triage")

    def listed_failed(self, error: BaseException) -> None:
        if self.is_attached:
            self.refused(error)

    def show(self, open_tasks: list[FollowUp]) -> None:
        """The resident's open tasks as the writer has them now."""
        if not self.is_attached:
            return
        self.loaded = True
        self.query_one("#error", Label).update("")
        tasks = self.query_one(OptionList)
        tasks.clear_options()
        for followup in open_tasks:
            owner = followup.owner or "ansvarlig mangler"
            due = f", frist {format_date(followup.due)}" if followup.due else ""
            tasks.add_option(Option(f"{followup.text.split(' – ')[0]} ({owner}{due})",
                                    id=followup.id))
        if tasks.option_count:
            tasks.highlighted = 0
        else:
            self.show_error("Ingen åbne opgaver for beboeren.")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_close_task(FollowUpStatus.UDFOERT)

    def action_close_task(self, status: str) -> None:
        tasks = self.query_one(OptionList)
        if not self.loaded:
            self.notify(LOADING_TASKS, severity="warning")
            return
        if self.saving or tasks.highlighted is None or not tasks.option_count:
            return
        followup_id = tasks.get_option_at_index(tasks.highlighted).id
        triage_round, resident_id = self.round, self.resident_id
        if followup_id is None:
            return

        def close() -> list[FollowUp]:
            triage_round.close_task(followup_id, status)
            return triage_round.open_tasks(resident_id)

        def closed(open_tasks: list[FollowUp]) -> None:
            self.changed = True
            self.show(open_tasks)

        self.save_on_writer(close, closed)

    def action_cancel(self) -> None:
        if self.saving:
            self.notify(SAVING, severity="warning")
            return
        self.dismiss(self.changed)
