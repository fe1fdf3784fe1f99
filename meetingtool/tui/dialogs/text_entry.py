"""A one-line entry (e.g. a new item's title, a guest's name) that refuses empty text."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from meetingtool.tui.dialogs.base import InputDialog, dialog_hint
from meetingtool.tui.dialogs.kept import KeptDialog


class TextEntryDialog(KeptDialog, InputDialog[str | None]):
    """Ask for one line of text; dismisses with the stripped text, or ``None`` on escape.

    | Key | Does |
    | --- | --- |
    | `enter` | saves (empty text, or one ``check`` refuses, gets a message; the text stays) |
    | `escape` | cancels (asks first when something was typed) |
    """

    DEFAULT_CSS = """
    TextEntryDialog {
        align: center middle;
    }
    TextEntryDialog > Vertical {
        width: 70;
        max-width: 100%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    TextEntryDialog .title {
        text-style: bold;
        width: 100%;
        margin-bottom: 1;
    }
    TextEntryDialog Label {
        width: 100%;
    }
    TextEntryDialog #error {
        color: $error;
        width: 100%;
        height: auto;
    }
    TextEntryDialog .hint {
        color: $text-muted;
    }
    """

    def configure(
        self, title: str, label: str, *, value: str = "", empty_message: str = "Skriv en tekst.",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        """``check`` returns what is wrong with a text (the dialog stays open), or None.
        (``TextEntryDialog(...)`` takes the same arguments.)"""
        self.take(title, label, value=value, empty_message=empty_message, check=check)

    def take(self, title: str, label: str, *, value: str, empty_message: str,
             check: Callable[[str], str | None] | None) -> None:
        """This opening's texts (shared with a subclass's own ``configure``)."""
        self.title_text = title
        self.label_text = label
        self.value = value
        self.empty_message = empty_message
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, id="dialog-title", classes="title")
            yield Label(self.label_text, id="dialog-label")
            yield Input(self.value, id="text")
            yield Label("", id="error")
            yield Label(dialog_hint(one_field=True), classes="hint")

    def refill(self) -> None:
        self.query_one("#dialog-title", Label).update(self.title_text)
        self.query_one("#dialog-label", Label).update(self.label_text)
        self.query_one("#text", Input).value = self.value
        self.query_one("#error", Label).update("")
        self.begin()

    def action_save(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        problem = self.empty_message if not text else self.check(text) if self.check else None
        if problem:
            self.query_one("#error", Label).update(problem)
            return
        self.dismiss(text)
