"""A yes/no question that must be answered before something irreversible happens."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from meetingtool.tui.dialogs.kept import KeptDialog


class ConfirmDialog(KeptDialog, ModalScreen[bool]):
    """Ask a question; dismisses with ``True`` for yes and ``False`` for no.

    | Key | Does |
    | --- | --- |
    | `j` / `y` | Ja |
    | `n` / `escape` | Nej |
    | `←` / `→` / `tab` | move between the buttons |
    | `enter` | the focused button (Ja unless another is focused) |
    """

    BINDINGS = [
        Binding("j,y", "answer(True)", "Ja", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "Nej", id="confirm.no"),
        Binding("left", "app.focus_previous", "Forrige knap", show=False),
        Binding("right", "app.focus_next", "Næste knap", show=False),
    ]

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
    }
    ConfirmDialog > Vertical {
        width: 60;
        max-width: 100%;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 1 2;
    }
    ConfirmDialog #question {
        width: 100%;
        margin-bottom: 1;
    }
    ConfirmDialog Horizontal {
        height: auto;
        align: center middle;
    }
    ConfirmDialog Button {
        margin: 0 1;
    }
    """

    def configure(self, question: str, *, yes_label: str = "Ja", no_label: str = "Nej") -> None:
        """The question and the buttons (``ConfirmDialog(...)`` takes the same arguments)."""
        self.question = question
        self.yes_label = yes_label
        self.no_label = no_label

    def refill(self) -> None:
        self.query_one("#question", Label).update(self.question)
        self.query_one("#yes", Button).label = self.yes_label
        self.query_one("#no", Button).label = self.no_label
        self.set_focus(self.query_one("#yes", Button))

    def compose(self) -> ComposeResult:
        with Vertical():
            # The question carries user text (titles, names) and "[CPR fjernet]": never markup.
            yield Label(self.question, id="question", markup=False)
            with Horizontal():
                yield Button(self.yes_label, variant="warning", id="yes")
                yield Button(self.no_label, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
