"""The chair's meeting screen: the timed agenda, the current item, notes and what was recorded.

Everything shown about time is read from a ``MeetingClock`` (monotonic differences), never
from counting timer ticks: the half-second timer only redraws. Everything typed is saved
through the store as it happens: notes at most half a second after a change and again
whenever the item or the screen is left; the clock's seconds on every clock key and every
ten seconds while it runs, so a crash loses at most those ten seconds of timing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Label, Static, TextArea

from meetingtool.actions.items import is_approval_item
from meetingtool.actions.lifecycle import is_finished
from meetingtool.actions.meetings import is_review_item, without_review_listing
from meetingtool.core.clock import MeetingClock
from meetingtool.core.indicators import RECEIVES_INDICATORS
from meetingtool.core.model import Meeting, MeetingItem
from meetingtool.core.trials import trials_item
from meetingtool.core.vocab import ItemKind
from meetingtool.tui.commands import ScreenKeyCommands
from meetingtool.tui.long_lived import forget_closed_watchers
from meetingtool.tui.messages import (
    ItemOvertime,
)
from meetingtool.tui.screens.meeting_actions import EMPTY_AGENDA, MeetingActions
from meetingtool.tui.screens.meeting_clock_keys import MeetingClockKeys
from meetingtool.tui.screens.meeting_records import MeetingRecords
from meetingtool.tui.screens.meeting_saving import (
    BACKUP_LINE,
    CLOCK_SAVE_SECONDS,
    OTHERS_SECONDS,
    MeetingSaving,
)
from meetingtool.tui.screens.meeting_status import status_line
from meetingtool.tui.widgets import (
    AgendaList,
    AgendaRow,
    ItemCountdown,
    KeyBar,
    MeetingStatusLine,
    describe_item,
)
from meetingtool.tui.widgets.pane_text import PaneText

REFRESH_SECONDS = 0.5
"""How often the display is redrawn (the clock itself never depends on it)."""

CLOCK_ACTIONS = frozenset({"toggle_clock", "more_time", "less_time", "end_meeting"})
"""Keys that change the meeting's timing, offered only until the meeting is ended."""

ITEM_GROUP = Binding.Group("Næste/forrige", compact=True)
MINUTE_GROUP = Binding.Group("±1 min", compact=True)


class MeetingScreen(MeetingSaving, MeetingRecords, MeetingClockKeys, MeetingActions,
                    Screen[int]):
    """Lead one meeting item by item while the tool keeps time and records what is decided.

    | Key | Does |
    | --- | --- |
    | `space` | start / pause the clock (the first start marks the meeting "i gang") |
    | `n` / `p` | next / previous item |
    | `+` / `-` | one planned minute more / less on the current item |
    | `b` | new decision (beslutning) |
    | `d` | correct or remove a decision or follow-up of the current item |
    | `o` | new follow-up (opfølgning) |
    | `f` | attendance (fremmøde) |
    | `r` | edit this meeting's agenda, theme, place and start time |
    | `e` | export the minutes |
    | `x` | end the meeting (afslut) |
    | `v` | review follow-ups from earlier meetings (on an opfølgning item) |
    | `g` | approve the previous minutes (on "Godkendelse af referat") |
    | `s` | send a point from this item to another council (eskalér) |
    | `w` | how to show the meeting on a projector (``meetingtool projector``) |
    | `/` | search past decisions, follow-ups, notes and trials (``screens.search``) |
    | `i` | the council's quality indicators as run charts (``screens.indicators``) |
    | `k` | this period's indicator values (on an item that receives indikatorer) |
    | `q` | close (everything is saved; asks first if the clock runs) |
    | `tab` / `escape` | into / out of the notes editor |
    | `pagedown` / `pageup` | scroll the current item (a long one hides its records at 80×24) |
    """

    CSS_PATH = "meeting.tcss"
    AUTO_FOCUS = ""  # keys drive the meeting; `tab` goes into the notes
    COMMANDS = {ScreenKeyCommands}
    COMMAND_CATEGORY = "Møde"
    COMMAND_SKIP = frozenset({"leave_notes"})

    BINDINGS = [
        Binding("space", "toggle_clock", "Start/pause", tooltip="Start eller pause uret",
                key_display="mellemrum", id="meeting.toggle_clock"),
        Binding("n", "next_item", "Næste", tooltip="Næste punkt", id="meeting.next_item",
                group=ITEM_GROUP),
        Binding("p", "previous_item", "Forrige", tooltip="Forrige punkt",
                id="meeting.previous_item", group=ITEM_GROUP),
        Binding("plus", "more_time", "+1 min", key_display="+",
                tooltip="Et minut mere til punktet", id="meeting.more_time", group=MINUTE_GROUP),
        Binding("minus", "less_time", "-1 min", key_display="-",
                tooltip="Et minut mindre til punktet", id="meeting.less_time", group=MINUTE_GROUP),
        Binding("b", "decision", "Beslutning", tooltip="Ny beslutning", id="meeting.decision"),
        # Not in the key bar (no room at 80 columns): the list of decisions says "d: ret".
        Binding("d", "edit_decisions", "Ret", tooltip="Ret eller fjern en beslutning eller "
                "opfølgning",
                show=False, id="meeting.edit_decisions"),
        Binding("o", "followup", "Opfølgning", tooltip="Ny opfølgning", id="meeting.followup"),
        Binding("f", "attendance", "Fremmøde", tooltip="Fremmøde, mødeleder og referent",
                id="meeting.attendance"),
        Binding("r", "prepare", "Dagsorden", tooltip="Redigér dagsorden, tema, sted og starttid",
                id="meeting.prepare"),
        Binding("e", "export", "Referat", tooltip="Eksportér referat", id="meeting.export"),
        Binding("m", "next_meeting", "Næste møde", tooltip="Næste mødes dato, tid, sted og tema",
                show=False, id="meeting.next_meeting"),
        Binding("x", "end_meeting", "Afslut", tooltip="Afslut mødet", id="meeting.end"),
        Binding("t", "triage", "Triagerunde", tooltip="Triagerunden for punktet",
                id="meeting.triage"),
        Binding("v", "review", "Gennemgå", tooltip="Gennemgå opfølgning fra tidligere møder",
                id="meeting.review"),
        Binding("h", "trials", "Prøvehandlinger", tooltip="Prøvehandlinger til status og "
                "evaluering", id="meeting.trials"),
        Binding("g", "approve_minutes", "Godkend referat", tooltip="Godkendelse af referat",
                id="meeting.approve_minutes"),
        Binding("s", "escalate", "Send videre", tooltip="Send et punkt til et andet råd",
                id="meeting.escalate"),
        Binding("w", "projector", "Projektor", tooltip="Sådan vises mødet på en projektor",
                show=False, id="meeting.projector"),
        Binding("k", "indicator_values", "Målinger", tooltip="Denne periodes indikatorværdier",
                id="meeting.indicator_values"),
        Binding("slash", "search", "Søg", key_display="/", show=False,
                tooltip="Søg i tidligere møder",
                id="meeting.search"),
        Binding("i", "indicators", "Indikatorer", show=False,
                tooltip="Rådets indikatorer som seriediagrammer",
                id="meeting.indicators"),
        Binding("q", "close", "Luk", tooltip="Luk mødet (alt er gemt)", id="meeting.close"),
        Binding("pagedown", "scroll_item(1)", "Rul ned", show=False, id="meeting.scroll_down"),
        Binding("pageup", "scroll_item(-1)", "Rul op", show=False, id="meeting.scroll_up"),
        Binding("escape", "leave_notes", "Ud af noter", key_display="esc",
                id="meeting.leave_notes"),
    ]

    def __init__(
        self,
        store,
        meeting_id: int,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = datetime.now,
        meeting: Meeting | None = None,
    ) -> None:
        """``meeting``: as just read by the store on the app's writer (``app.open_meeting``);
        without it (a test's bare app) it is read here."""
        super().__init__()
        self.meeting_id = meeting_id
        self.monotonic = monotonic
        self.wall = wall
        self.meeting = self.setup_writer(store, meeting_id, meeting)  # meeting_saving.py
        self.clock = MeetingClock(self.meeting, monotonic=monotonic, wall=wall)
        self.last_save = monotonic()
        self.shown_item_id: int | None = None
        self.overtime_announced: set[int] = set()
        self.stop_watching: Callable[[], None] | None = None
        self.closed = False
        self.notes_editor = TextArea("", id="notes", tab_behavior="focus", soft_wrap=True)
        """Kept by reference so its text can still be read while the screen is unmounting."""

    # --- Building -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield MeetingStatusLine(id="status")
        with Horizontal(id="body"):
            with VerticalScroll(id="agenda-pane", can_focus=False):
                yield AgendaList(id="agenda")
            with Vertical(id="item-pane"):
                yield PaneText("", id="item-title")
                yield ItemCountdown(id="countdown")
                with VerticalScroll(id="item-scroll", can_focus=False):
                    yield PaneText("", id="item-about")
                    # What was decided stays near the top, where the chair looks.
                    yield PaneText("", id="recorded")
                    yield Label("Noter  (tab: skriv · escape: færdig)", id="notes-label")
                    yield self.notes_editor
        yield KeyBar()  # like Footer, but wraps: at 80 columns every key stays visible

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Which keys are offered now (key bar, palette): each only where it can do something.

        "Ud af noter" while the notes have the focus; the clock keys until the meeting is
        ended; `d` on an item with decisions; the triage/review keys on their items.
        """
        if action == "leave_notes":
            return self.focused is not None
        if action in CLOCK_ACTIONS and is_finished(self.meeting):
            return False  # a finished meeting keeps its times
        if action == "edit_decisions":  # only where there is something to correct
            item = self.current_item
            return item is not None and item.id in self.items_with_decisions
        if action == "triage":  # only on an item of kind "triage"
            return (self.current_item is not None
                    and self.current_item.kind == ItemKind.TRIAGE)
        if action == "review":  # only on an opfølgning item (issue 5)
            return (self.current_item is not None and is_review_item(self.current_item)
                    and trials_item(self.meeting) is not self.current_item)
        if action == "trials":  # only on the item that receives the trials
            return (self.current_item is not None
                    and trials_item(self.meeting) is self.current_item)
        if action == "indicator_values":  # only on an item that receives indikatorer
            return (self.current_item is not None
                    and RECEIVES_INDICATORS in self.current_item.receives)
        if action == "approve_minutes":  # only on "Godkendelse af referat ..."
            return self.current_item is not None and is_approval_item(self.current_item)
        return True

    def on_mount(self) -> None:
        # Saved once as opened (the clock may have picked the first item): from here on,
        # only what is done in this terminal counts as its own change when merging.
        self.save()
        self.load_item()
        self.update_display()
        self.set_interval(REFRESH_SECONDS, self.tick)
        self.set_class(self.size.width < 70, "-narrow")
        # A shared server tells at once that another terminal saved this meeting; the next
        # tick then reads it in (a data folder has no such push: the tick polls every 3 s).
        # Starting to listen waits for the server: on the writer.
        meeting_id, changed = self.meeting_id, self.changed_elsewhere
        self.writer.submit(lambda store: store.watch(changed, meeting_id), self.watching)

    def watching(self, stop: Callable[[], None] | None) -> None:
        if self.closed and stop is not None:
            stop()  # closed before the listening began
        else:
            self.stop_watching = stop

    def changed_elsewhere(self, _meeting_id: int | None) -> None:
        """Called from the store's listening thread: read the other terminal's change in at
        the next tick instead of after up to 3 s."""
        self.last_pull = float("-inf")

    def on_unmount(self) -> None:
        self.closed = True
        self.app.call_later(forget_closed_watchers, self.app)  # tui/long_lived.py
        if self.stop_watching is not None:
            self.stop_watching()
            self.stop_watching = None
        super().on_unmount()  # MeetingSaving: save what is typed

    def on_resize(self) -> None:
        self.set_class(self.size.width < 70, "-narrow")

    # --- Display --------------------------------------------------------------------

    @property
    def current_item(self) -> MeetingItem | None:
        item_id = self.clock.current_item_id
        return None if item_id is None else self.meeting.item(item_id)

    def tick(self) -> None:
        self.update_display()
        if self.clock.running and self.monotonic() - self.last_save >= CLOCK_SAVE_SECONDS:
            self.save()
        if self.monotonic() - self.last_pull >= OTHERS_SECONDS and self.is_current:
            self.last_pull = self.monotonic()
            self.poll()  # on the writer; the result is drawn when it comes

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Into the notes: the newest text first, and the cursor on a new line after it,
        so what is written next never runs into the last words (another person's, maybe)."""
        if event.widget is self.notes_editor:
            editor = self.notes_editor
            if editor.text.strip() and not editor.text.endswith("\n"):
                editor.insert("\n", editor.document.end)
            editor.move_cursor(editor.document.end)

    def update_display(self) -> None:
        """Redraw everything that depends on time, from the clock's readings."""
        try:
            self.draw()
        except NoMatches:  # the screen is closing (its widgets go first): nothing to draw
            return

    def draw(self) -> None:
        if self.clock.current_item_id != self.shown_item_id:
            self.load_item()
        self.query_one(MeetingStatusLine).show(*self.status_texts(), self.clock.running)
        current_id = self.clock.current_item_id
        rows = [
            AgendaRow(
                number=number,
                title=item.title,
                planned_minutes=item.planned_minutes,
                used_seconds=self.clock.used_seconds(item.id),
                current=item.id == current_id,
            )
            for number, item in enumerate(self.meeting.items, start=1)
        ]
        self.query_one(AgendaList).show(rows)
        item = self.current_item
        countdown = self.query_one(ItemCountdown)
        if item is None:
            countdown.display = False
            return
        countdown.display = True
        phase = self.clock.phase()
        countdown.show(
            self.clock.remaining_seconds(),
            item.planned_minutes,
            phase,
            self.clock.running,
            finished=is_finished(self.meeting),
        )
        if phase == "overtid" and item.id not in self.overtime_announced:
            self.overtime_announced.add(item.id)
            self.post_message(ItemOvertime(self.meeting_id, item.id))

    def status_texts(self) -> tuple[str, str]:
        left, right = status_line(self.meeting, self.clock)
        return left, (f"{right} · {BACKUP_LINE}" if self.backups_running else right)

    def load_item(self) -> None:
        """Show the current item: title, description, questions, tags, notes and records."""
        notes = self.notes_editor
        item = self.current_item
        self.shown_item_id = None if item is None else item.id
        self.refresh_bindings()  # "t Triagerunde" shows on triage items only
        if item is None:
            self.notes_item_id = None
            self.query_one("#item-title", Static).update(EMPTY_AGENDA)
            self.query_one("#item-about", Static).update("")
            self.show_recorded_text("")
            notes.load_text("")
            notes.disabled = True
            return
        notes.disabled = False
        number = self.meeting.item_number(item.id)
        self.query_one("#item-title", Static).update(
            f"{number}/{len(self.meeting.items)}  {item.title}"
        )
        description = without_review_listing(item.description) if is_review_item(item) else None
        self.query_one("#item-about", Static).update(describe_item(item, description))
        self.query_one("#item-scroll").scroll_home(animate=False)
        # Keep the current item in view in a long agenda (the header line comes first).
        agenda_pane = self.query_one("#agenda-pane")
        agenda_pane.scroll_to(y=max(0, number - agenda_pane.size.height // 2), animate=False)
        if self.notes_item_id != item.id:
            self.notes_item_id = item.id
            notes.load_text(item.notes)
            # The records as last read for this item, at once; the writer reads them again
            # at the next tick and redraws only if something changed (another terminal).
            known = self.recorded_by_item.get(item.id)
            self.show_recorded_text(known or "")
            if known is not None:
                self.last_pull = float("-inf")
                return
        self.show_recorded()

    # --- Actions: the item pane ---------------------------------------------------

    def action_scroll_item(self, direction: int) -> None:
        """Page through the current item: questions, decisions, follow-ups, notes."""
        pane = self.query_one("#item-scroll", VerticalScroll)
        if direction > 0:
            pane.scroll_page_down(animate=False)
        else:
            pane.scroll_page_up(animate=False)

    def action_leave_notes(self) -> None:
        if self.focused is not None:
            self.save()
            self.set_focus(None)
