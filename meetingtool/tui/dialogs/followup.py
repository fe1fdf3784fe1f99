"""The follow-up (opfølgning) dialog: what, owner (ansvarlig), due (frist), in that order.

Dates are read the way a Danish user types them (``core.dates.parse_date``: "1/12",
"1.12.2026", "+14" ...). Whatever is wrong is refused with a message while everything
typed stays in the fields. Dates are read from the meeting's day (``today`` is that day:
"+14" is two weeks after the meeting); one before it is saved only after a confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Label

from meetingtool.core.dates import format_date, parse_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.tui.dialogs.base import InputDialog, dialog_hint, frame_css
from meetingtool.tui.dialogs.confirm import ConfirmDialog
from meetingtool.tui.dialogs.kept import KeptDialog

DUE_HINT = "fx 1/12, 1.12.2026, 2026-12-01, +14"


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


class FollowUpDialog(KeptDialog, InputDialog[FollowUpEntry | None]):
    """Enter a follow-up; dismisses with a ``FollowUpEntry`` or ``None`` on escape.

    | Key | Does |
    | --- | --- |
    | `tab` / `shift+tab` | next / previous field (what, owner, due, internal) |
    | `→` in Ansvarlig | accepts the suggested attendee |
    | `enter` | saves |
    | `escape` | cancels (asks first when something was typed) |
    """

    FIRST_FIELD = "text"
    FIELD_NAMES = {"text": "Hvad skal ske?", "owner": "Ansvarlig", "due": "Frist"}

    DEFAULT_CSS = frame_css("FollowUpDialog", padding="0 1") + """
    FollowUpDialog .title {
        text-style: bold;
        width: 100%;
        margin-bottom: 1;
    }
    FollowUpDialog .row {
        height: auto;
        margin-bottom: 1;
    }
    FollowUpDialog .row > Label {
        width: 15;
        padding-top: 0;
    }
    FollowUpDialog .row > Input {
        width: 1fr;
        background: $boost;
    }
    FollowUpDialog .row > Input:focus {
        background: $primary 25%;
    }
    FollowUpDialog #due {
        width: 18;
    }
    FollowUpDialog .hint, FollowUpDialog #due-shown {
        color: $text-muted;
        width: 1fr;
        height: auto;
    }
    FollowUpDialog #due-shown {
        padding-left: 2;
    }
    FollowUpDialog .indent {
        margin: -1 0 1 15;
    }
    FollowUpDialog #error {
        color: $error;
        text-style: bold;
        width: 100%;
        height: auto;
    }
    """

    def configure(
        self,
        item_title: str,
        attendees: list[str],
        today: date,
        *,
        entry: FollowUpEntry | None = None,
        heading: str = "Ny opfølgning under",
    ) -> None:
        """What to ask for (``FollowUpDialog(...)`` takes the same arguments)."""
        self.heading = heading
        self.item_title = item_title
        self.attendees = [name for name in attendees if name.strip()]
        self.today = today
        self.entry = entry or FollowUpEntry(text="")

    def refill(self) -> None:
        """Only what differs from the last opening is written (each change costs a redraw)."""
        def show(selector: str, text: str) -> None:
            label = self.query_one(selector, Label)
            if str(label.content) != text:
                label.update(text)

        show("#dialog-title", f"{self.heading}: {self.item_title}")
        values = {"text": self.entry.text, "owner": self.entry.owner,
                  "due": format_date_input(self.entry.due)}
        for field_id, value in values.items():
            field = self.query_one(f"#{field_id}", Input)
            if field.value != value:
                field.value = value
        if self.attendees != self.suggested:
            self.suggested = list(self.attendees)
            self.query_one("#owner", Input).suggester = SuggestFromList(self.attendees,
                                                                        case_sensitive=False)
            show("#attendees", attendee_hint(self.attendees))
            self.query_one("#attendees", Label).display = bool(self.attendees)
        internal = self.query_one("#internal", InternalCheckbox)
        if internal.value != self.entry.internal:
            internal.value = self.entry.internal
        show("#error", "")
        self.begin()

    def compose(self) -> ComposeResult:
        self.suggested = list(self.attendees)
        """The attendees the owner field suggests now (refilled only when they change)."""
        with Vertical():
            yield Label(f"{self.heading}: {self.item_title}", id="dialog-title", classes="title")
            with Horizontal(classes="row"):
                yield Label("Hvad skal ske?")
                yield Input(
                    self.entry.text, id="text", compact=True,
                    placeholder="fx Undersøge tider for aftensmad",
                )
            with Horizontal(classes="row"):
                yield Label("Ansvarlig")
                yield Input(
                    self.entry.owner,
                    id="owner",
                    compact=True,
                    placeholder="vælg en deltager med → eller skriv et navn",
                    suggester=SuggestFromList(self.attendees, case_sensitive=False),
                )
            hint = Label(attendee_hint(self.attendees), id="attendees", classes="hint indent")
            hint.display = bool(self.attendees)
            yield hint
            with Horizontal(classes="row"):
                yield Label("Frist")
                yield Input(
                    format_date_input(self.entry.due),
                    id="due",
                    compact=True,
                    placeholder="dato (valgfri)",
                )
                yield Label(DUE_HINT, id="due-shown")
            yield InternalCheckbox(
                "Internt (enkeltsag – kommer ikke med i referatet)",
                self.entry.internal,
                id="internal",
                compact=True,
            )
            yield Label("", id="error")
            yield Label(dialog_hint(), classes="hint")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "due":
            return
        shown = self.query_one("#due-shown", Label)
        text = event.value.strip()
        if not text:
            shown.update(DUE_HINT)
            return
        try:
            shown.update(format_date(parse_date(text, self.today)))
        except MeetingToolError:
            shown.update("(datoen kan ikke læses endnu)")

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
        owner = self.complete_owner(owner)
        entry = FollowUpEntry(text=text, owner=owner, due=due, internal=internal)
        if due is not None and due < self.today:

            def confirmed(answer: bool | None) -> None:
                if answer:
                    self.dismiss(entry)
                else:
                    self._show_error("Ret fristen, eller tryk escape for at fortryde.", "due")

            self.app.push_screen(
                ConfirmDialog(
                    f"Fristen {format_date(due)} ligger før mødets dato "
                    f"({format_date(self.today)}). Gem alligevel?",
                    yes_label="Gem",
                    no_label="Ret fristen",
                ),
                confirmed,
            )
            return
        self.dismiss(entry)

    def complete_owner(self, owner: str) -> str:
        """The attendee the field was suggesting, when the typed text begins only their name.

        What the chair saw greyed out in the field is what gets saved; a name that is no
        attendee's is kept as typed.
        """
        folded = owner.casefold()
        if not folded or any(name.casefold() == folded for name in self.attendees):
            return owner
        matches = [name for name in self.attendees if name.casefold().startswith(folded)]
        return matches[0] if len(matches) == 1 else owner


def attendee_hint(names: list[str], limit: int = 110) -> str:
    """The attendees to pick from, cut to about two lines of the dialog."""
    text = "Deltagere: " + ", ".join(names)
    return text if len(text) <= limit else text[: limit - 1].rstrip(", ") + "…"


def format_date_input(value: date | None) -> str:
    """A date as the user may type it back into the field (ISO, which parse_date reads)."""
    return value.isoformat() if value else ""
