"""Correcting the decisions of one item: reword one, or remove one typed by mistake.

A decision typed during a meeting must never silently disappear, so removing asks first
and every change goes through the store at once.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from meetingtool.core.errors import MeetingToolError
from meetingtool.tui.dialogs.confirm import ConfirmDialog
from meetingtool.tui.dialogs.text_entry import TextEntryDialog


class DecisionsDialog(ModalScreen[bool]):
    """The decisions under one item; dismisses with ``True`` when something changed.

    | Key | Does |
    | --- | --- |
    | `↑` / `↓` | choose a decision |
    | `enter` | reword it |
    | `delete` | remove it (asks first) |
    | `escape` | close |
    """

    BINDINGS = [
        Binding("enter", "edit", "Ret", id="decisions.edit"),
        Binding("delete", "remove", "Fjern", key_display="del", id="decisions.remove"),
        Binding("escape", "close", "Luk", key_display="esc", id="decisions.close"),
    ]

    DEFAULT_CSS = """
    DecisionsDialog {
        align: center middle;
    }
    DecisionsDialog > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    DecisionsDialog .title {
        text-style: bold;
        width: 100%;
    }
    DecisionsDialog OptionList {
        height: auto;
        max-height: 14;
        margin: 1 0;
    }
    DecisionsDialog .hint {
        color: $text-muted;
        width: 100%;
    }
    """

    def __init__(self, store, meeting_id: int, item_id: int, item_title: str) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.item_id = item_id
        self.item_title = item_title
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Beslutninger under: {self.item_title}", classes="title")
            yield OptionList(id="decisions")
            yield Label("enter retter · del fjerner · escape lukker", classes="hint")

    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    def reload(self, highlight: int = 0) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        try:
            decisions = self.store.decisions(self.meeting_id, self.item_id)
        except MeetingToolError as error:
            self.notify(error.message, severity="error")
            return
        options.add_options(Option(decision.text, id=decision.id) for decision in decisions)
        if decisions:
            options.highlighted = max(0, min(highlight, len(decisions) - 1))

    def chosen(self) -> tuple[str, str] | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        option = options.get_option_at_index(options.highlighted)
        return option.id, str(option.prompt)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        decision_id, text = chosen
        position = self.query_one(OptionList).highlighted or 0

        def reworded(new_text: str | None) -> None:
            if not new_text or new_text == text:
                return
            try:
                self.store.update_decision(self.meeting_id, decision_id, new_text)
            except MeetingToolError as error:
                self.notify(error.message, severity="error")
                return
            self.changed = True
            self.reload(position)

        self.app.push_screen(
            TextEntryDialog(
                "Ret beslutning",
                "Beslutning",
                value=text,
                empty_message="Beslutningen er tom. Fjern den med del i listen i stedet.",
            ),
            reworded,
        )

    def action_remove(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        decision_id, text = chosen
        position = self.query_one(OptionList).highlighted or 0

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.delete_decision(self.meeting_id, decision_id)
            except MeetingToolError as error:
                self.notify(error.message, severity="error")
                return
            self.changed = True
            self.reload(position)

        self.app.push_screen(
            ConfirmDialog(f"Fjern beslutningen »{text}«?", yes_label="Fjern", no_label="Behold"),
            answered,
        )

    def action_close(self) -> None:
        self.dismiss(self.changed)
