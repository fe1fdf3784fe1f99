"""An agenda item's content in the agenda editor: description, questions, kompas tags.

Checks the tags against the vocabulary (``actions.items.edit_item_content``) before it
closes, so a typo is shown here with the text still in the fields.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from meetingtool.actions.items import edit_item_content
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import MeetingItem
from meetingtool.tui.cpr_notice import warn_typed_cpr
from meetingtool.tui.dialogs.base import frame_css


class ItemContentDialog(ModalScreen[bool]):
    """Edit description, questions (one a line) and tags; dismisses True when saved.

    | Key | Does |
    | --- | --- |
    | `tab` / `shift+tab` | next / previous field |
    | `ctrl+s` | saves |
    | `escape` | cancels |
    """

    BINDINGS = [
        Binding("escape", "cancel", "Fortryd", id="item_content.cancel"),
        Binding("ctrl+s", "save", "Gem", id="item_content.save"),
    ]

    DEFAULT_CSS = frame_css("ItemContentDialog") + """
    ItemContentDialog TextArea {
        height: 5;
    }
    ItemContentDialog .title {
        text-style: bold;
    }
    ItemContentDialog #error {
        color: $error;
        height: auto;
    }
    ItemContentDialog .hint {
        color: $text-muted;
    }
    """

    def __init__(self, item: MeetingItem) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical():
            yield Label(f"Indhold: {item.title}", classes="title")
            yield Label("Beskrivelse:")
            yield TextArea(item.description, id="description")
            yield Label("Spørgsmål (ét pr. linje):")
            yield TextArea("\n".join(item.questions), id="questions")
            yield Label("Mærker fra kvalitetskompasset (adskilt af komma):")
            yield Input(", ".join(item.tags), id="tags")
            yield Label("", id="error")
            yield Label("ctrl+s gem · escape fortryd", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        try:
            edit_item_content(
                self.item,
                description=self.query_one("#description", TextArea).text,
                questions=self.query_one("#questions", TextArea).text,
                tags=self.query_one("#tags", Input).value,
            )
        except MeetingToolError as error:
            self.query_one("#error", Label).update(error.message)
            self.query_one("#tags", Input).focus()
            return
        warn_typed_cpr(self.app, [("Beskrivelse", self.item.description),
                                  ("Spørgsmål", "\n".join(self.item.questions)),
                                  ("Mærker", ", ".join(self.item.tags))])
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
