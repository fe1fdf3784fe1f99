"""The triage round's dialogs: a row's note, the borgergennemgang, a resident, sending on.

Each takes the round (``actions.triage.TriageRound``) and saves through it, so the rules
stay there: a CPR number (and, when a case is sent on, a full name) is refused with a
message in the dialog, and what was typed is kept for the user to correct.

- ``TriageNoteDialog``: what changed, the agreed action and its owner;
- ``BorgergennemgangDialog``: the five questions, saved as one note;
- ``ResidentDialog``: a new resident, or corrected initials and room;
- ``ResidentEscalationDialog``: to the kvalitetsudvalg or another council (created on request);
- ``TasksDialog``: the resident's open tasks, each closed as Udført or Udgået.
"""

from __future__ import annotations

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
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.vocab import FollowUpStatus
from meetingtool.tui.dialogs.base import InputDialog, dialog_hint, frame_css

__all__ = [
    "BorgergennemgangDialog",
    "ResidentDialog",
    "ResidentEscalationDialog",
    "TasksDialog",
    "TriageDialog",
    "TriageNoteDialog",
]


class TriageDialog(InputDialog):
    """Shared look of the round's dialogs: title, fields, an error line (keys: InputDialog)."""

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

    def __init__(self, triage_round: TriageRound, resident_id: str,
                 owners: list[str]) -> None:
        super().__init__()
        self.round = triage_round
        self.resident_id = resident_id
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
        try:
            self.round.note(self.resident_id, **values)
        except MeetingToolError as error:
            self.show_error(error.message)
            return
        self.dismiss(True)


class BorgergennemgangDialog(TriageDialog):
    """The borgergennemgang's five questions for one resident, saved as one note."""

    def __init__(self, triage_round: TriageRound, resident_id: str) -> None:
        super().__init__()
        self.round = triage_round
        self.resident_id = resident_id

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
        try:
            self.round.borgergennemgang(self.resident_id, answers)
        except MeetingToolError as error:
            self.show_error(error.message)
            return
        self.dismiss(True)


class ResidentDialog(TriageDialog):
    """Add a resident, or correct one's initials and room (never a full name or CPR)."""

    def __init__(self, triage_round: TriageRound, resident_id: str | None = None) -> None:
        super().__init__()
        self.round = triage_round
        self.resident_id = resident_id

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
        try:
            if self.resident_id is None:
                resident = self.round.add_resident(initials, room)
            else:
                resident = self.round.rename_resident(self.resident_id, initials, room)
        except MeetingToolError as error:
            self.show_error(error.message)
            return
        self.dismiss(resident)


class ResidentEscalationDialog(TriageDialog):
    """Send a row to the kvalitetsudvalg or another council: to whom, what, why.

    A council that does not exist is offered for creation: enter again creates it,
    escape cancels. It starts in "Sagen", after the resident's label already there.
    """

    FIRST_FIELD = "text"

    def __init__(self, triage_round: TriageRound, resident_id: str) -> None:
        super().__init__()
        self.round = triage_round
        self.resident_id = resident_id
        self.targets = triage_round.escalation_targets()
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
        try:
            if to and self.offered is not None and to.casefold() == self.offered.casefold():
                to = self.round.create_council(to)
            sent = self.round.escalate(self.resident_id, to, text, reason)
        except UnknownCouncilError as error:
            self.offered = to
            self.show_error(f"{error.message} Tryk enter igen for at oprette '{to}'.")
            return
        except MeetingToolError as error:
            self.show_error(error.message)
            return
        self.dismiss(sent)


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

    def __init__(self, triage_round: TriageRound, resident_id: str) -> None:
        super().__init__()
        self.round = triage_round
        self.resident_id = resident_id
        self.changed = False

    def compose(self) -> ComposeResult:
        resident = self.round.resident(self.resident_id)
        with Vertical():
            yield Label(f"Opgaver – {resident.label}", classes="title")
            yield OptionList(id="tasks")
            yield Label("", id="error")
            yield Label("enter: udført · x: udgået · escape lukker", classes="hint")

    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    def reload(self) -> None:
        tasks = self.query_one(OptionList)
        tasks.clear_options()
        for followup in self.round.open_tasks(self.resident_id):
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
        if tasks.highlighted is None or not tasks.option_count:
            return
        followup_id = tasks.get_option_at_index(tasks.highlighted).id
        try:
            self.round.close_task(followup_id, status)
        except MeetingToolError as error:
            self.show_error(error.message)
            return
        self.changed = True
        self.reload()

    def action_cancel(self) -> None:
        self.dismiss(self.changed)
