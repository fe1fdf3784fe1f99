"""Preparing this meeting's own agenda: items, minutes, order, theme, place and start time.

Only the meeting's copy of the agenda changes (``meeting.items``); the template file it
came from is never touched. Every change is saved at once through the ``save`` callable
(the meeting screen's, which queues it on the app's writer and also keeps the clock's
seconds), so it works the same before the meeting and while the clock runs. Whether an
item has decisions or follow-ups (which keep it from being removed) is read on the writer
too, when `delete` asks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static

from meetingtool.actions.items import rename_item
from meetingtool.core.dates import format_date, format_duration, format_time, parse_time
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Meeting, MeetingItem
from meetingtool.core.vocab import ITEM_KINDS, ItemKind
from meetingtool.tui.commands import ScreenKeyCommands
from meetingtool.tui.dialogs import ConfirmDialog, TextEntryDialog
from meetingtool.tui.dialogs.item_content import ItemContentDialog
from meetingtool.tui.widgets import KeyBar
from meetingtool.tui.writer import writer_for
from meetingtool.tui.writer_reads import read_for_key

NEW_ITEM_MINUTES = 10

MINUTE_GROUP = Binding.Group("±1 min", compact=True)
MOVE_GROUP = Binding.Group("Flyt", compact=True)


class PrepareScreen(Screen[None]):
    """Edit this meeting's agenda and details.

    | Key | Does |
    | --- | --- |
    | `a` | add an item after the chosen one |
    | `enter` / `o` | rename the chosen item (a theme: keep or drop the old theme's content) |
    | `i` | the item's description, questions and kompas tags |
    | `+` / `-` | one minute more / less |
    | `m` | type the item's minutes |
    | `shift+↑` / `shift+↓` | move the item up / down |
    | `delete` | remove the item (asks first) |
    | `tab` | to the theme, place and start time fields |
    | `escape` | back |
    """

    CSS_PATH = "prepare.tcss"
    COMMANDS = {ScreenKeyCommands}
    COMMAND_CATEGORY = "Dagsorden"

    BINDINGS = [
        Binding("a", "add_item", "Tilføj", tooltip="Tilføj et punkt", id="prepare.add"),
        # enter on the table renames too (DataTable.RowSelected); "o" works anywhere.
        Binding("o", "rename", "Omdøb", key_display="enter/o", id="prepare.rename"),
        Binding("plus", "minutes(1)", "+1 min", key_display="+", id="prepare.more",
                group=MINUTE_GROUP),
        Binding("minus", "minutes(-1)", "-1 min", key_display="-", id="prepare.less",
                group=MINUTE_GROUP),
        Binding("m", "set_minutes", "Minutter", id="prepare.set_minutes"),
        Binding("i", "content", "Indhold", tooltip="Beskrivelse, spørgsmål og mærker",
                id="prepare.content"),
        Binding("shift+up", "move(-1)", "Flyt op", key_display="⇧↑", id="prepare.up",
                group=MOVE_GROUP),
        Binding("shift+down", "move(1)", "Flyt ned", key_display="⇧↓", id="prepare.down",
                group=MOVE_GROUP),
        Binding("delete", "remove_item", "Fjern", key_display="del", id="prepare.remove"),
        Binding("escape", "back", "Tilbage", key_display="esc", id="prepare.back"),
    ]

    def __init__(self, store, meeting: Meeting, *, save: Callable[[], None]) -> None:
        super().__init__()
        self.writer = writer_for(self.app, store)
        self.meeting = meeting
        self.save = save

    def compose(self) -> ComposeResult:
        yield Label(
            f"Forbered mødet · {self.meeting.council_name} · {format_date(self.meeting.date)}",
            id="prepare-title",
        )
        with Horizontal(id="prepare-fields"):
            with Vertical(id="theme-field"):
                yield Label("Tema")
                yield Input(self.meeting.theme, id="theme", placeholder="fx Mad og måltider")
            with Vertical(id="place-field"):
                yield Label("Sted")
                yield Input(self.meeting.place, id="place", placeholder="fx Mødelokalet")
            with Vertical(id="start-field"):
                yield Label("Starttid")
                yield Input(
                    format_time(self.meeting.start_time) if self.meeting.start_time else "",
                    id="start",
                    placeholder="14.00",
                )
        yield DataTable(id="items", cursor_type="row", zebra_stripes=True)
        yield Static("", id="prepare-summary")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Nr", "Punkt", "Type", "Min", "Brugt")
        self.refresh_table(0)
        table.focus()

    # --- Display --------------------------------------------------------------------

    def refresh_table(self, row: int | None = None) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row if row is None else row
        table.clear()
        for number, item in enumerate(self.meeting.items, start=1):
            used = format_duration(item.used_seconds) if item.used_seconds >= 1 else "–"
            table.add_row(
                str(number),
                item.title,
                ITEM_KINDS.get(item.kind, item.kind),
                str(item.planned_minutes),
                used,
            )
        if self.meeting.items:
            table.move_cursor(row=max(0, min(keep, len(self.meeting.items) - 1)))
        self.query_one("#prepare-summary", Static).update(self.summary())

    def summary(self) -> str:
        total = self.meeting.planned_minutes
        text = f"{len(self.meeting.items)} punkter · {total} min i alt"
        if self.meeting.start_time is not None:
            start = datetime.combine(self.meeting.date, self.meeting.start_time)
            end = start + timedelta(minutes=total)
            text += f" · {format_time(start)}–{format_time(end)}"
        return text + " · Skabelonfilen ændres ikke."

    @property
    def row(self) -> int:
        return self.query_one(DataTable).cursor_row

    @property
    def item(self) -> MeetingItem | None:
        items = self.meeting.items
        if not items:
            return None
        return items[max(0, min(self.row, len(items) - 1))]

    def changed(self, row: int | None = None) -> None:
        self.save()
        self.refresh_table(row)

    # --- Fields ---------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.store_field(event.input):
            self.query_one(DataTable).focus()

    def on_input_blurred(self, event: Input.Blurred) -> None:
        self.store_field(event.input)

    def store_field(self, field: Input) -> bool:
        """Put one field's value into the meeting and save; False if it could not be read."""
        value = field.value.strip()
        if field.id == "theme":
            if value == self.meeting.theme:
                return True
            self.meeting.theme = value
        elif field.id == "place":
            if value == self.meeting.place:
                return True
            self.meeting.place = value
        elif field.id == "start":
            try:
                start = parse_time(value) if value else None
            except MeetingToolError as error:
                self.notify(error.message, title="Starttid", severity="error")
                return False
            if start == self.meeting.start_time:
                return True
            self.meeting.start_time = start
            field.value = format_time(start) if start else ""
        else:
            return True
        self.changed()
        return True

    # --- Actions --------------------------------------------------------------------

    def action_add_item(self) -> None:
        def added(title: str | None) -> None:
            if not title:
                return
            position = self.row + 1 if self.meeting.items else 0
            item = MeetingItem(
                id=self.meeting.next_item_id(),
                title=title,
                planned_minutes=NEW_ITEM_MINUTES,
            )
            self.meeting.items.insert(position, item)
            self.changed(position)
            self.notify(f"Punktet »{title}« er tilføjet med {NEW_ITEM_MINUTES} min. Ret med + / -.")

        self.app.push_screen(
            TextEntryDialog(
                "Nyt punkt",
                "Overskrift",
                empty_message="Punktet skal have en overskrift.",
            ),
            added,
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_rename()

    def action_rename(self) -> None:
        item = self.item
        if item is None:
            return

        def renamed(title: str | None) -> None:
            if not title or title == item.title:
                return
            if item.kind != ItemKind.TEMA or not (item.description or item.questions
                                                  or item.tags):
                rename_item(item, title)
                self.changed()
                return

            def keep(answer: bool | None) -> None:
                # A new theme must not carry the old theme's content into the minutes.
                cleared = rename_item(item, title, keep_content=bool(answer))
                self.changed()
                if cleared:
                    self.notify("Det gamle temas beskrivelse, spørgsmål og mærker er fjernet. "
                                "Skriv det nye temas med i.")

            self.app.push_screen(ConfirmDialog(
                f"Punktet hedder nu »{title}«. Behold det gamle temas beskrivelse, spørgsmål "
                "og mærker?", yes_label="Behold", no_label="Fjern dem"), keep)

        self.app.push_screen(
            TextEntryDialog(
                "Omdøb punkt",
                "Overskrift",
                value=item.title,
                empty_message="Punktet skal have en overskrift.",
            ),
            renamed,
        )

    def action_content(self) -> None:
        """Description, questions and kompas tags of the chosen item."""
        item = self.item
        if item is None:
            return

        def saved(changed: bool | None) -> None:
            if changed:
                self.changed()

        self.app.push_screen(ItemContentDialog(item), saved)

    def action_minutes(self, delta: int) -> None:
        item = self.item
        if item is None:
            return
        if item.planned_minutes + delta < 1:
            self.notify("Et punkt skal have mindst 1 minut.")
            return
        item.planned_minutes += delta
        self.changed()

    def action_set_minutes(self) -> None:
        item = self.item
        if item is None:
            return

        def minutes_of(text: str) -> int:
            return int(text) if text.isdigit() else 0

        def problem(text: str) -> str | None:
            if minutes_of(text) < 1:
                return f"»{text}« er ikke et antal minutter (et helt tal, mindst 1)."
            return None

        def entered(text: str | None) -> None:
            if text is None:
                return
            item.planned_minutes = minutes_of(text)
            self.changed()

        self.app.push_screen(
            TextEntryDialog(
                "Planlagt tid",
                f"Minutter til »{item.title}«",
                value=str(item.planned_minutes),
                empty_message="Skriv et antal minutter.",
                check=problem,
            ),
            entered,
        )

    def action_move(self, step: int) -> None:
        items = self.meeting.items
        row = self.row
        target = row + step
        if not items or not 0 <= target < len(items):
            return
        items[row], items[target] = items[target], items[row]
        self.changed(target)

    async def action_remove_item(self) -> None:
        item = self.item
        if item is None:
            return
        meeting_id, item_id = self.meeting.id, item.id

        def recorded_under(store) -> int:
            decisions = store.decisions(meeting_id, item_id)
            followups = store.followups(meeting_id=meeting_id)
            return len(decisions) + sum(1 for f in followups if f.item_id == item_id)

        recorded = await read_for_key(self, self.writer, recorded_under, label="dagsorden",
                                      title="Punktet kan ikke fjernes")
        if not recorded.arrived:
            return
        if recorded.value:
            self.notify(
                f"»{item.title}« har beslutninger eller opfølgning og kan ikke fjernes.",
                severity="warning",
            )
            return
        question = f"Fjern punktet »{item.title}« fra dette møde?"
        if item.notes.strip() or item.used_seconds >= 1:
            question += " Punktets noter og brugte tid forsvinder."

        def answered(yes: bool | None) -> None:
            if yes and item in self.meeting.items:
                self.meeting.items.remove(item)
                self.changed()

        self.app.push_screen(
            ConfirmDialog(question, yes_label="Fjern", no_label="Behold"), answered
        )

    def action_back(self) -> None:
        for field in self.query(Input):
            if not self.store_field(field):
                field.focus()
                return
        self.save()
        self.dismiss(None)
