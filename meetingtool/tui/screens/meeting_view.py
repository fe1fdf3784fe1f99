"""A meeting read, not run: its agenda, and an item's notes, decisions and follow-ups.

Search (`/`) opens a hit here when its meeting is closed (afsluttet or aflyst): what was
decided then is the record, so nothing here writes. The meeting screen, which also opens a
finished meeting, still lets decisions be corrected; a search is for reading, and an
errant key in a search result must not change an approved record.

Reading runs on the app's one ordered writer (``tui/writer.py``), never on the screen's
thread: ``open_meeting_at`` reads the meeting there and, when it opens here, its
decisions and follow-ups in the same job (``read_recorded``); moving between items then
only shows what was read.

``open_meeting_at`` is the one rule for where a hit goes:

- a closed meeting: this view, at the hit's item;
- an unfinished meeting already open in the meeting screen: back to that screen, at the
  item (as `n`/`p` would move there);
- another unfinished meeting, from the home screen: the meeting screen at the item; from
  inside a running meeting: this view, so a second meeting is never run at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from meetingtool.core.dates import format_date
from meetingtool.core.model import Decision, FollowUp, Meeting
from meetingtool.core.vocab import MEETING_STATUSES, MeetingStatus
from meetingtool.tui.widgets import KeyBar, describe_item
from meetingtool.tui.widgets.item_details import escape
from meetingtool.tui.writer import writer_for
from meetingtool.tui.writer_reads import error_message

__all__ = ["MeetingViewScreen", "Recorded", "is_closed", "open_meeting_at", "read_recorded"]

CLOSED = (MeetingStatus.AFSLUTTET, MeetingStatus.AFLYST)


def is_closed(meeting: Meeting) -> bool:
    """A meeting whose record is settled: it opens read-only from a search."""
    return meeting.status in CLOSED


@dataclass
class Recorded:
    """What a meeting's items recorded, by item id: read once, shown item by item."""

    decisions: dict[int, list[Decision]] = field(default_factory=dict)
    followups: dict[int, list[FollowUp]] = field(default_factory=dict)
    """Not the internal ones (enkeltsager): a search is no way round the minutes' rule."""


def read_recorded(store: Any, meeting: Meeting) -> Recorded:
    """On the writer: every item's decisions and follow-ups, in two reads."""
    recorded = Recorded()
    for decision in store.decisions(meeting.id):
        recorded.decisions.setdefault(decision.item_id, []).append(decision)
    for followup in store.followups(meeting.council_id, meeting_id=meeting.id):
        if not followup.internal and followup.item_id is not None:
            recorded.followups.setdefault(followup.item_id, []).append(followup)
    return recorded


def open_meeting_at(app: App, store: Any, meeting_id: int, item_id: int | None, *,
                    came_from: Screen | None = None) -> None:
    """Open a meeting at an item by the rule in the module docstring; the meeting is read
    on the app's writer and opens when it is there."""
    # The meeting screen is known by its saving half: importing meeting.py here would
    # make a circle (the meeting screen opens the search, which opens this).
    from meetingtool.tui.screens.meeting_saving import MeetingSaving

    open_screens = [s for s in app.screen_stack if isinstance(s, MeetingSaving)]
    running_here = next((s for s in open_screens if s.meeting_id == meeting_id), None)
    if running_here is not None:
        while app.screen is not running_here:
            app.pop_screen()
        if item_id is not None:
            go_to_item(running_here, item_id)
        return
    make = getattr(app, "meeting_screen", None)
    read_only = bool(open_screens) or make is None

    def read(guarded: Any) -> tuple[Meeting, Recorded | None]:
        meeting = guarded.meeting(meeting_id)
        shown_here = read_only or is_closed(meeting)
        return meeting, read_recorded(guarded, meeting) if shown_here else None

    def failed(error: BaseException) -> None:
        app.notify(error_message(error), title="Mødet kan ikke åbnes",
                   severity="error")

    def read_done(answer: tuple[Meeting, Recorded | None]) -> None:
        if came_from is not None and app.screen is not came_from:
            return  # the user went on elsewhere meanwhile: nothing opens over it
        meeting, recorded = answer
        if recorded is not None:
            app.push_screen(MeetingViewScreen(store, meeting, item_id, recorded=recorded))
        elif make is not None:
            open_running(app, make, meeting, item_id)

    writer_for(app, store).submit(read, read_done, failed, label="møde")


def open_running(app: App, make: Any, meeting: Meeting, item_id: int | None) -> None:
    """An unfinished meeting (as read on the writer), from the home screen: the meeting
    screen at the item."""
    screen = make(meeting.id, meeting)
    if item_id is not None:
        try:
            screen.clock.goto(item_id)
        except KeyError:
            pass  # the item was removed since: the meeting opens where it stands
    app.push_screen(screen)


def go_to_item(screen: Any, item_id: int) -> None:
    """Move an open meeting screen to ``item_id`` the way `n`/`p` do (notes kept, saved)."""
    screen.capture_notes()
    try:
        screen.clock.goto(item_id)
    except KeyError:
        screen.notify("Punktet findes ikke længere på dagsordenen.", severity="warning")
        return
    screen.save()
    screen.update_display()


class MeetingViewScreen(Screen[None]):
    """One meeting, read-only: the agenda on the left, the chosen item on the right.

    | Key | Does |
    | --- | --- |
    | `↑` / `↓` | another item |
    | `pagedown` / `pageup` | scroll the item |
    | `escape` / `q` | back (to the search) |
    """

    CSS_PATH = "meeting_view.tcss"
    COMMAND_CATEGORY = "Møde (læs)"

    BINDINGS = [
        Binding("escape,q", "close", "Tilbage", tooltip="Tilbage til søgningen",
                id="meeting_view.close"),
        Binding("pagedown", "scroll_item(1)", "Rul ned", show=False,
                id="meeting_view.scroll_down"),
        Binding("pageup", "scroll_item(-1)", "Rul op", show=False, id="meeting_view.scroll_up"),
    ]

    def __init__(self, store: Any, meeting: Meeting, item_id: int | None = None, *,
                 recorded: Recorded | None = None) -> None:
        super().__init__()
        self.store = store
        self.meeting = meeting
        self.recorded = recorded
        """The items' decisions and follow-ups; ``None`` until the writer has read them."""
        self.item_id = item_id if item_id is not None else (
            meeting.items[0].id if meeting.items else None)

    def compose(self) -> ComposeResult:
        meeting = self.meeting
        status = MEETING_STATUSES.get(meeting.status, meeting.status)
        yield Static(f"{meeting.council_name} · {format_date(meeting.date)} · {meeting.title}"
                     f" · {status.lower()} · kun læsning", id="view-title", markup=False)
        with Horizontal(id="view-body"):
            yield OptionList(*[Option(Text(f"{n:>2}. {item.title}"), id=str(item.id))
                               for n, item in enumerate(meeting.items, start=1)],
                             id="view-agenda")
            with VerticalScroll(id="view-item", can_focus=False):
                yield Static("", id="view-item-title", markup=False)
                yield Static("", id="view-item-about")
                yield Static("", id="view-recorded")
                yield Static("", id="view-notes")
        yield KeyBar()

    def on_mount(self) -> None:
        agenda = self.query_one("#view-agenda", OptionList)
        if self.item_id is not None:
            try:
                agenda.highlighted = agenda.get_option_index(str(self.item_id))
            except OptionDoesNotExist:  # the item is gone: show the first
                agenda.highlighted = 0 if agenda.option_count else None
        agenda.focus()
        self.show_item()
        if self.recorded is None:
            meeting = self.meeting
            writer_for(self.app, self.store).submit(
                lambda store: read_recorded(store, meeting), self.show_recorded,
                self.read_failed, label="møde")

    def show_recorded(self, recorded: Recorded) -> None:
        if self.is_attached:
            self.recorded = recorded
            self.show_item()

    def read_failed(self, error: BaseException) -> None:
        self.notify(error_message(error),
                    title="Beslutninger og opfølgning kan ikke vises", severity="error")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.item_id = int(event.option.id or 0)
        self.show_item()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # enter on an item: it is shown already

    def show_item(self) -> None:
        try:
            item = self.meeting.item(self.item_id) if self.item_id is not None else None
        except KeyError:
            item = None
        title = self.query_one("#view-item-title", Static)
        if item is None:
            title.update("Mødet har ingen punkter.")
            return
        number = self.meeting.item_number(item.id)
        title.update(f"{number}/{len(self.meeting.items)}  {item.title}")
        self.query_one("#view-item-about", Static).update(describe_item(item))
        recorded = self.recorded
        decisions = recorded.decisions.get(item.id, []) if recorded else []
        followups = recorded.followups.get(item.id, []) if recorded else []
        lines = [] if recorded else ["[dim]Henter beslutninger og opfølgning …[/dim]"]
        if decisions:
            lines.append("[b]Beslutninger[/b]")
            lines += [f"• {escape(d.text)}" for d in decisions]
        if followups:
            lines += ([""] if lines else []) + ["[b]Opfølgning[/b]"]
            for followup in followups:
                details = [f"ansvarlig: {escape(followup.owner)}"] if followup.owner else []
                if followup.due:
                    details.append(f"frist: {format_date(followup.due)}")
                suffix = f" [dim]({', '.join(details)})[/dim]" if details else ""
                lines.append(f"• {escape(followup.text)}{suffix}")
        if not lines:
            lines.append("[dim]Ingen beslutninger eller opfølgning under punktet.[/dim]")
        self.query_one("#view-recorded", Static).update("\n".join(lines))
        notes = item.notes.strip()
        self.query_one("#view-notes", Static).update(
            f"[b]Noter[/b]\n{escape(notes)}" if notes else "[dim]Ingen noter.[/dim]")
        self.query_one("#view-item", VerticalScroll).scroll_home(animate=False)

    def action_scroll_item(self, direction: int) -> None:
        pane = self.query_one("#view-item", VerticalScroll)
        if direction > 0:
            pane.scroll_page_down(animate=False)
        else:
            pane.scroll_page_up(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
