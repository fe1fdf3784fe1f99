"""The follow-up (opfølgning) dialog: what, owner (ansvarlig), due (frist), in that order.

Dates are read the way a Danish user types them (``core.dates.parse_date``: "1/12",
"1.12.2026", "+14" ...). Whatever is wrong is refused with a message while everything
typed stays in the fields; a due date in the past is saved only after a confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Label

from meetingtool.core.dates import format_date, parse_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.tui.dialogs.confirm import ConfirmDialog


@dataclass
class FollowUpEntry:
    """What the user entered; the meeting screen turns it into a stored follow-up."""

    text: str
    owner: str = ""
    due: date | None = None
    internal: bool = False


class InternalCheckbox(Checkbox, inherit_bindings=False):
    """A checkbox toggled by space only, so that enter still saves the dialog."""

    BINDINGS = [Binding("space", "toggle_button", "Skift", show=False)]


class FollowUpDialog(ModalScreen[FollowUpEntry | None]):
    """Enter a follow-up; dismisses with a ``FollowUpEntry`` or ``None`` on escape.

    | Key | Does |
    | --- | --- |
    | `tab` / `shift+tab` | next / previous field (what, owner, due, internal) |
    | `→` in Ansvarlig | accepts the suggested attendee |
    | `enter` | saves |
    | `escape` | cancels |
    """

    BINDINGS = [
        Binding("escape", "cancel", "Fortryd", id="followup.cancel"),
        Binding("enter", "save", "Gem", id="followup.save"),
    ]

    DEFAULT_CSS = """
    FollowUpDialog {
        align: center middle;
    }
    FollowUpDialog > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 2;
    }
    FollowUpDialog .title {
        text-style: bold;
        margin: 1 0 0 0;
    }
    FollowUpDialog Input {
        margin: 0;
    }
    FollowUpDialog .hint, FollowUpDialog #due-shown {
        color: $text-muted;
        height: auto;
    }
    FollowUpDialog #error {
        color: $error;
        text-style: bold;
        height: auto;
    }
    """

    def __init__(
        self, item_title: str, attendees: list[str], today: date, *, entry: FollowUpEntry | None = None
    ) -> None:
        super().__init__()
        self.item_title = item_title
        self.attendees = [name for name in attendees if name.strip()]
        self.today = today
        self.entry = entry or FollowUpEntry(text="")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Ny opfølgning under: {self.item_title}", classes="title")
            yield Label("Hvad skal ske?")
            yield Input(self.entry.text, id="text", placeholder="fx Undersøge tider for aftensmad")
            yield Label("Ansvarlig")
            yield Input(
                self.entry.owner,
                id="owner",
                placeholder="navn (vælg en deltager med → eller skriv et navn)",
                suggester=SuggestFromList(self.attendees, case_sensitive=False),
            )
            if self.attendees:
                yield Label("Deltagere: " + ", ".join(self.attendees), classes="hint")
            yield Label("Frist")
            yield Input(
                format_date_input(self.entry.due),
                id="due",
                placeholder="fx 1/12, 1.12.2026, 2026-12-01 eller +14 (dage)",
            )
            yield Label("", id="due-shown")
            yield InternalCheckbox(
                "Internt (enkeltsag – kommer ikke med i referatet)",
                self.entry.internal,
                id="internal",
            )
            yield Label("", id="error")
            yield Label("tab skifter felt · enter gemmer · escape fortryder", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "due":
            return
        shown = self.query_one("#due-shown", Label)
        text = event.value.strip()
        if not text:
            shown.update("")
            return
        try:
            shown.update(format_date(parse_date(text, self.today)))
        except MeetingToolError:
            shown.update("(datoen kan ikke læses endnu)")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def _show_error(self, message: str, field_id: str) -> None:
        self.query_one("#error", Label).update(message)
        self.query_one(f"#{field_id}", Input).focus()

    def action_save(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        owner = self.query_one("#owner", Input).value.strip()
        due_text = self.query_one("#due", Input).value.strip()
        internal = self.query_one("#internal", InternalCheckbox).value
        if not text:
            self._show_error("Skriv hvad der skal ske – opfølgningen er tom.", "text")
            return
        due: date | None = None
        if due_text:
            try:
                due = parse_date(due_text, self.today)
            except MeetingToolError as error:
                self._show_error(error.message, "due")
                return
        entry = FollowUpEntry(text=text, owner=owner, due=due, internal=internal)
        if due is not None and due < self.today:

            def confirmed(answer: bool | None) -> None:
                if answer:
                    self.dismiss(entry)
                else:
                    self._show_error("Ret fristen, eller tryk escape for at fortryde.", "due")

            self.app.push_screen(
                ConfirmDialog(
                    f"Fristen {format_date(due)} er allerede overskredet. Gem alligevel?",
                    yes_label="Gem",
                    no_label="Ret fristen",
                ),
                confirmed,
            )
            return
        self.dismiss(entry)

    def action_cancel(self) -> None:
        self.dismiss(None)


def format_date_input(value: date | None) -> str:
    """A date as the user may type it back into the field (ISO, which parse_date reads)."""
    return value.isoformat() if value else ""
