"""Correcting what was recorded under one item: reword a decision, fix a follow-up's text,
owner or due date, or remove one typed by mistake.

Nothing typed during a meeting may silently disappear, so removing asks first and every
change goes to the store at once; a follow-up others have seen is set Udgået rather
than deleted.

The list is read, and every change saved, on the app's writer (``tui/writer.py``), each
change with the list read again in the same job: the dialog opens at once with "Henter …",
and keys typed before the list is shown (`d` `↓` `enter`) wait for it
(``tui/writer_reads.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from meetingtool.actions.review import correct_followup, remove_followup
from meetingtool.core.dates import format_date
from meetingtool.core.followups import titled
from meetingtool.core.model import Decision, FollowUp
from meetingtool.tui.dialogs.base import frame_css
from meetingtool.tui.dialogs.confirm import ConfirmDialog
from meetingtool.tui.dialogs.followup import FollowUpDialog, FollowUpEntry
from meetingtool.tui.dialogs.text_entry import TextEntryDialog
from meetingtool.tui.writer import writer_for
from meetingtool.tui.writer_reads import LOADING, Arrival, error_message, say_wait


@dataclass
class Recorded:
    """What the dialog lists: the item's decisions and its open follow-ups, as stored."""

    decisions: list[Decision]
    followups: list[FollowUp]
    said: str = ""
    """What the change just made says to the chair (a follow-up set Udgået), if anything."""


def read_recorded(store, meeting_id: int, item_id: int, said: str = "") -> Recorded:
    """On the writer: the decisions and correctable follow-ups under the item."""
    return Recorded(store.decisions(meeting_id, item_id),
                    correctable_followups(store, meeting_id, item_id), said)


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

    AUTO_FOCUS = ""
    """The list takes the focus when it is read: until then `↓` and `enter` wait for it."""

    BINDINGS = [
        Binding("enter", "edit", "Ret", id="decisions.edit"),
        Binding("down", "cursor(1)", "Ned", show=False, id="decisions.down"),
        Binding("up", "cursor(-1)", "Op", show=False, id="decisions.up"),
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
        self.writer = writer_for(self.app, store)
        self.meeting_id = meeting_id
        self.item_id = item_id
        self.item_title = item_title
        self.attendees = attendees or []
        self.today = today or date.today()
        self.changed = False
        self.recorded: Arrival[Recorded] = Arrival()
        self.decisions: dict[str, Decision] = {}
        self.followups: dict[str, FollowUp] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Ret under: {self.item_title}", classes="title")
            yield OptionList(id="decisions")
            yield Label("enter retter · del fjerner · escape lukker", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).add_option(Option(LOADING, disabled=True))
        self.call_after_refresh(self.read)  # once drawn: see ApprovalDialog.on_mount

    def read(self) -> None:
        meeting_id, item_id = self.meeting_id, self.item_id
        self.writer.submit(lambda store: read_recorded(store, meeting_id, item_id),
                           self.show_loaded, self.load_failed, label="beslutninger")

    def show_loaded(self, recorded: Recorded) -> None:
        self.recorded.bring(recorded)
        if self.is_attached:
            self.show(recorded)
            self.query_one(OptionList).focus()

    def load_failed(self, error: BaseException) -> None:
        self.recorded.fail()
        self.notify(error_message(error), title="Kan ikke vises", severity="error")
        if self.is_attached:
            self.dismiss(self.changed)

    def show(self, recorded: Recorded, highlight: int = 0) -> None:
        """The list as the writer read it, the cursor on line ``highlight``."""
        options = self.query_one(OptionList)
        options.clear_options()
        self.decisions = {decision.id: decision for decision in recorded.decisions}
        self.followups = {followup.id: followup for followup in recorded.followups}
        options.add_options(
            Option(f"Beslutning: {decision.text}", id=f"{DECISION}{decision.id}")
            for decision in recorded.decisions
        )
        options.add_options(
            Option(f"Opfølgning: {followup_line(followup)}", id=f"{FOLLOWUP}{followup.id}")
            for followup in recorded.followups
        )
        if options.option_count:
            options.highlighted = max(0, min(highlight, options.option_count - 1))

    async def listed(self) -> bool:
        """Wait for the list (a key typed right after `d`); say so when it is not there."""
        if await self.recorded.wait():
            return True
        say_wait(self)
        return False

    async def action_cursor(self, step: int) -> None:
        """`↓` / `↑` typed before the list took the focus: move once it is there."""
        if await self.listed():
            options = self.query_one(OptionList)
            options.focus()
            if options.option_count:
                options.highlighted = max(0, min((options.highlighted or 0) + step,
                                                 options.option_count - 1))

    def chosen(self) -> tuple[str, str] | None:
        """(kind prefix, id) of the highlighted line."""
        options = self.query_one(OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        option_id = options.get_option_at_index(options.highlighted).id or ""
        return option_id[:2], option_id[2:]

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.action_edit()

    def change(self, work: Callable[[Any], str | None], position: int) -> None:
        """Save on the writer, read the list again in the same job, then show it."""
        meeting_id, item_id = self.meeting_id, self.item_id

        def job(store) -> Recorded:
            return read_recorded(store, meeting_id, item_id, work(store) or "")

        def done(recorded: Recorded) -> None:
            self.changed = True
            if recorded.said:
                self.notify(recorded.said)
            if self.is_attached:
                self.show(recorded, position)

        self.writer.submit(job, done, self.save_failed, label="beslutninger")

    def save_failed(self, error: BaseException) -> None:
        self.notify(error_message(error), title="Ikke gemt", severity="error")

    async def action_edit(self) -> None:
        if not await self.listed():
            return
        chosen = self.chosen()
        if chosen is None:
            return
        kind, record_id = chosen
        position = self.query_one(OptionList).highlighted or 0
        if kind == FOLLOWUP:
            self.edit_followup(self.followups[record_id], position)
            return
        text = self.decisions[record_id].text
        meeting_id = self.meeting_id

        def reworded(new_text: str | None) -> None:
            if not new_text or new_text == text:
                return

            def reword(store) -> None:
                store.update_decision(meeting_id, record_id, new_text)

            self.change(reword, position)

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
        meeting_id = self.meeting_id

        def corrected(entry: FollowUpEntry | None) -> None:
            if entry is None:
                return

            def correct(store) -> None:
                correct_followup(store, followup.id, meeting_id, text=entry.text,
                                 owner=entry.owner, due=entry.due, internal=entry.internal)

            self.change(correct, position)

        entry = FollowUpEntry(followup.text, followup.owner, followup.due, followup.internal)
        self.app.push_screen(
            FollowUpDialog(self.item_title, self.attendees, self.today, entry=entry,
                           heading="Ret opfølgning under"),
            corrected,
        )

    async def action_remove(self) -> None:
        if not await self.listed():
            return
        chosen = self.chosen()
        if chosen is None:
            return
        kind, record_id = chosen
        position = self.query_one(OptionList).highlighted or 0
        meeting_id = self.meeting_id
        if kind == FOLLOWUP:
            what = f"opfølgningen »{self.followups[record_id].text}«"
        else:
            what = f"beslutningen »{self.decisions[record_id].text}«"

        def remove(store) -> str | None:
            if kind == FOLLOWUP:
                return remove_followup(store, record_id, meeting_id)
            store.delete_decision(meeting_id, record_id)
            return None

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(remove, position)

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
