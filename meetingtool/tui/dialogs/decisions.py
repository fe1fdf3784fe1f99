"""Correcting what was recorded under one item: reword a decision, fix a follow-up's text,
owner or due date, or remove one typed by mistake.

Nothing typed during a meeting may silently disappear, so removing asks first and every
change goes through the store at once; a follow-up others have seen is set Udgået rather
than deleted.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from meetingtool.actions.review import correct_followup, remove_followup
from meetingtool.core.dates import format_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.followups import titled
from meetingtool.core.model import FollowUp
from meetingtool.tui.dialogs.base import frame_css
from meetingtool.tui.dialogs.confirm import ConfirmDialog
from meetingtool.tui.dialogs.followup import FollowUpDialog, FollowUpEntry
from meetingtool.tui.dialogs.text_entry import TextEntryDialog


class DecisionsDialog(ModalScreen[bool]):
    """The decisions and follow-ups recorded under one item in this meeting; dismisses with
    ``True`` when something changed.

    | Key | Does |
    | --- | --- |
    | `↑` / `↓` | choose a decision or follow-up |
    | `enter` | correct it (a follow-up's text, owner, due date and internal mark) |
    | `delete` | remove it (asks first; a follow-up with a history is set Udgået instead) |
    | `escape` | close |
    """

    BINDINGS = [
        Binding("enter", "edit", "Ret", id="decisions.edit"),
        Binding("delete", "remove", "Fjern", key_display="del", id="decisions.remove"),
        Binding("escape", "close", "Luk", key_display="esc", id="decisions.close"),
    ]

    DEFAULT_CSS = frame_css("DecisionsDialog", max_height="90%", padding="0 1") + """
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

    def __init__(self, store, meeting_id: int, item_id: int, item_title: str, *,
                 attendees: list[str] | None = None, today: date | None = None) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.item_id = item_id
        self.item_title = item_title
        self.attendees = attendees or []
        self.today = today or date.today()
        self.changed = False
        self.followups: dict[str, FollowUp] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Ret under: {self.item_title}", classes="title")
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
            followups = correctable_followups(self.store, self.meeting_id, self.item_id)
        except MeetingToolError as error:
            self.notify(error.message, severity="error")
            return
        self.followups = {followup.id: followup for followup in followups}
        options.add_options(
            Option(f"Beslutning: {decision.text}", id=f"{DECISION}{decision.id}")
            for decision in decisions
        )
        options.add_options(
            Option(f"Opfølgning: {followup_line(followup)}", id=f"{FOLLOWUP}{followup.id}")
            for followup in followups
        )
        if options.option_count:
            options.highlighted = max(0, min(highlight, options.option_count - 1))

    def chosen(self) -> tuple[str, str] | None:
        """(kind prefix, id) of the highlighted line."""
        options = self.query_one(OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        option_id = options.get_option_at_index(options.highlighted).id or ""
        return option_id[:2], option_id[2:]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def done(self, position: int) -> None:
        self.changed = True
        self.reload(position)

    def action_edit(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        kind, record_id = chosen
        position = self.query_one(OptionList).highlighted or 0
        if kind == FOLLOWUP:
            self.edit_followup(self.followups[record_id], position)
            return
        text = next(d.text for d in self.store.decisions(self.meeting_id, self.item_id)
                    if d.id == record_id)

        def reworded(new_text: str | None) -> None:
            if not new_text or new_text == text:
                return
            try:
                self.store.update_decision(self.meeting_id, record_id, new_text)
            except MeetingToolError as error:
                self.notify(error.message, severity="error")
                return
            self.done(position)

        self.app.push_screen(
            TextEntryDialog(
                "Ret beslutning",
                "Beslutning",
                value=text,
                empty_message="Beslutningen er tom. Fjern den med del i listen i stedet.",
            ),
            reworded,
        )

    def edit_followup(self, followup: FollowUp, position: int) -> None:
        def corrected(entry: FollowUpEntry | None) -> None:
            if entry is None:
                return
            try:
                correct_followup(self.store, followup.id, self.meeting_id, text=entry.text,
                                 owner=entry.owner, due=entry.due, internal=entry.internal)
            except MeetingToolError as error:
                self.notify(error.message, severity="error")
                return
            self.done(position)

        entry = FollowUpEntry(followup.text, followup.owner, followup.due, followup.internal)
        self.app.push_screen(
            FollowUpDialog(self.item_title, self.attendees, self.today, entry=entry,
                           heading="Ret opfølgning under"),
            corrected,
        )

    def action_remove(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        kind, record_id = chosen
        position = self.query_one(OptionList).highlighted or 0
        if kind == FOLLOWUP:
            what = f"opfølgningen »{self.followups[record_id].text}«"
        else:
            what = "beslutningen »" + next(
                d.text for d in self.store.decisions(self.meeting_id, self.item_id)
                if d.id == record_id) + "«"

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                if kind == FOLLOWUP:
                    self.notify(remove_followup(self.store, record_id, self.meeting_id))
                else:
                    self.store.delete_decision(self.meeting_id, record_id)
            except MeetingToolError as error:
                self.notify(error.message, severity="error")
                return
            self.done(position)

        self.app.push_screen(
            ConfirmDialog(f"Fjern {what}?", yes_label="Fjern", no_label="Behold"),
            answered,
        )

    def action_close(self) -> None:
        self.dismiss(self.changed)


DECISION, FOLLOWUP = "b:", "o:"
"""Prefixes of the option ids: which kind of record a line is."""


def correctable_followups(store, meeting_id: int, item_id: int) -> list[FollowUp]:
    """The follow-ups agreed under the item in this meeting that are not closed yet."""
    return [followup for followup in store.followups(meeting_id=meeting_id)
            if followup.item_id == item_id and followup.is_open]


def followup_line(followup: FollowUp) -> str:
    details = [followup.owner or "ingen ansvarlig"]
    if followup.due:
        details.append(format_date(followup.due))
    if followup.internal:
        details.append("internt")
    return f"{titled(followup)} ({', '.join(details)})"
