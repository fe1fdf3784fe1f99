"""The room's view: a read-only full screen for a projector or a second monitor.

It follows the chair's terminal through the store alone: every ``POLL_SECONDS`` it asks
``store.meeting_version`` (a stat of the meeting file on the files backend, no lock) and
re-reads the meeting, its decisions and its triage entries only when that changed. The
countdown runs from the wall-clock anchor the chair's clock saves
(``ClockState.running_since``), so it ticks here without any message from the chair.
It never writes: no key here changes anything. What it may show is decided in
``core.room`` (no notes, no follow-ups, no resident's initials or room).
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Hashable
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from meetingtool.core.dates import format_date, format_time
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.room import RoomView, format_countdown, room_view
from meetingtool.core.triage import COLOURS
from meetingtool.core.vocab import MEETING_STATUSES, TRIAGE_COLOURS, MeetingStatus, TriageColour
from meetingtool.tui.screens import projector_font

POLL_SECONDS = 0.25
"""How often the store is asked whether the meeting changed (the issue asks for <= 250 ms)."""

COLOUR_STYLES = {TriageColour.ROED: "bold white on red",
                 TriageColour.GUL: "bold black on yellow",
                 TriageColour.GROEN: "bold white on green"}
HIDDEN_DECISIONS = "Beslutninger under dette punkt vises ikke her (de kan nævne en beboer)."
NO_MEETING = "Mødet findes ikke (længere)."


def projector_command(store, meeting_id: int) -> str:
    """The command that opens the projector on this meeting, for the chair to copy."""
    from meetingtool.core.locations import data_location

    parts = ["meetingtool"]
    try:
        default = str(data_location(None))
    except MeetingToolError:
        default = ""
    if store.location != default:
        parts += ["--data", shlex.quote(store.location)]
    return " ".join([*parts, "projector", str(meeting_id)])


class ProjectorScreen(Screen[None]):
    """Where the meeting is, large enough to read from the back of the room.

    | Key | Does |
    | --- | --- |
    | `q` | close the projector view (the meeting goes on in the chair's terminal) |
    """

    CSS_PATH = "projector.tcss"
    AUTO_FOCUS = ""

    BINDINGS = [
        Binding("q", "app.quit", "Luk", tooltip="Luk projektorvisningen", id="projector.close"),
    ]

    def __init__(self, store, meeting_id: int, *,
                 now: Callable[[], datetime] = datetime.now,
                 poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.now = now
        self.poll_seconds = poll_seconds
        self.version: Hashable = object()
        """The store's ``meeting_version`` when the meeting was last read."""
        self.meeting = None
        self.decisions: list = []
        self.entries: list = []
        self.residents = 0
        self.problem = ""
        self.view: RoomView | None = None
        self.reads = 0
        """How many times the meeting was re-read (tests wait on it)."""
        self.countdown_text = ""
        """The countdown as drawn, e.g. "+3:20"."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static("", id="council")
            yield Static("", id="state")
        yield Static("", id="item-number")
        yield Static("", id="title")
        with Horizontal(id="time"):
            yield Static("", id="countdown")
            with Vertical(id="time-words"):
                yield Static("", id="countdown-words")
                yield Static("", id="expected")
        with Horizontal(id="bottom"):
            yield Static("", id="agenda")
            yield Static("", id="decisions")

    def on_mount(self) -> None:
        self.poll()
        self.set_interval(self.poll_seconds, self.poll)
        self.on_resize()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 140 and self.size.height >= 40, "-large")
        self.set_class(self.size.width < 100, "-narrow")
        self.call_after_refresh(self.redraw)  # the large letters follow the new width

    # --- Following the store ------------------------------------------------------------

    def poll(self) -> None:
        """Re-read the meeting when the store says it changed; redraw the time either way."""
        try:
            version = self.store.meeting_version(self.meeting_id)
            if version != self.version:
                self.read(version)
            self.problem = ""
        except MeetingToolError as error:
            self.problem = error.message
        self.redraw()

    def read(self, version: Hashable) -> None:
        store, meeting_id = self.store, self.meeting_id
        self.version = version
        if version is None:
            self.meeting = None
            self.problem = NO_MEETING
            return
        meeting = store.meeting(meeting_id)
        self.decisions = store.decisions(meeting_id)
        self.entries = store.triage_entries(meeting_id)
        if any(item.kind == "triage" for item in meeting.items):
            self.residents = len(store.residents(meeting.council_id))
        self.meeting = meeting
        self.reads += 1

    # --- Drawing -------------------------------------------------------------------------

    def redraw(self) -> None:
        if self.meeting is None:
            self.query_one("#title", Static).update(self.problem or NO_MEETING)
            return
        view = room_view(self.meeting, self.decisions, self.entries, self.residents,
                         self.now())
        self.view = view
        self.query_one("#council", Static).update(
            f"{view.council} · {format_date(view.date)}")
        self.query_one("#state", Static).update(self.state_text(view))
        number = (f"Punkt {view.item_number} af {view.item_count}"
                  if view.item_number else "")
        self.query_one("#item-number", Static).update(number)
        self.show_title(view.item_title or "Dagsordenen er tom")
        self.show_time(view)
        self.query_one("#agenda", Static).update(self.agenda_text(view))
        self.query_one("#decisions", Static).update(self.decisions_text(view))

    def state_text(self, view: RoomView) -> str:
        if self.problem:
            return f"⚠ {self.problem}"
        if view.status == MeetingStatus.AFSLUTTET:
            return "Mødet er afsluttet"
        if view.running:
            return "● kører"
        if view.status == MeetingStatus.PLANLAGT:
            return MEETING_STATUSES.get(view.status, view.status)
        return "❚❚ pause"

    @property
    def large(self) -> bool:
        return self.has_class("-large")

    def show_title(self, title: str) -> None:
        """The title in large letters where it fits (on a big screen up to three lines,
        else one), otherwise in bold."""
        widget = self.query_one("#title", Static)
        width = widget.content_region.width or self.size.width - 10
        tries = [(2, 2), (1, 3)] if self.large else [(1, 1)]
        for scale, lines in tries:
            drawn = projector_font.render(title, width, lines, scale)
            if drawn is not None:
                widget.update(Text(drawn, no_wrap=True))
                widget.set_class(True, "-big")
                return
        widget.update(title)
        widget.set_class(False, "-big")

    def show_time(self, view: RoomView) -> None:
        countdown = self.query_one("#countdown", Static)
        finished = view.status == MeetingStatus.AFSLUTTET
        countdown.display = view.item_number is not None and not finished
        self.countdown_text = format_countdown(view.remaining_seconds)
        countdown.update(Text("\n".join(projector_font.render_line(
            self.countdown_text, 3 if self.large else 1)), no_wrap=True))
        countdown.set_class(view.phase == "overtid", "-overtime")
        countdown.set_class(view.phase == "snart", "-soon")
        if finished:
            words = ""
        elif view.phase == "overtid":
            words = "over tid"
        else:
            words = "tilbage"
        self.query_one("#countdown-words", Static).update(words)
        self.query_one("#countdown-words").set_class(view.phase == "overtid", "-overtime")
        end = "slut" if finished else "forventet slut"
        self.query_one("#expected", Static).update(f"{end} {format_time(view.expected_end)}")

    def agenda_text(self, view: RoomView) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("Dagsorden\n", style="bold")
        for line in self.agenda_window(view):
            start = format_time(line.planned_start) if line.planned_start else ""
            mark = "✓" if line.done else ("▶" if line.current else " ")
            style = "bold reverse" if line.current else ("dim" if line.done else "")
            text.append(f"{mark} {start:>5}  {line.number}. {line.title}", style=style)
            text.append(f"  {line.planned_minutes} min\n", style="dim")
        return text

    def agenda_window(self, view: RoomView) -> list:
        """The agenda lines that fit, with the current item in the upper third."""
        rows = max(3, self.query_one("#agenda").size.height - 1)
        lines = view.agenda
        if len(lines) <= rows:
            return lines
        current = next((i for i, line in enumerate(lines) if line.current), 0)
        first = min(max(0, current - rows // 3), len(lines) - rows)
        return lines[first:first + rows]

    def decisions_text(self, view: RoomView) -> Text:
        text = Text()
        if view.triage is not None:
            counts = view.triage
            text.append("Triagerunde\n", style="bold")
            for colour in COLOURS:
                label = f" {TRIAGE_COLOURS[colour]} {counts.by_colour.get(colour, 0)} "
                text.append(label, style=COLOUR_STYLES[colour])
                text.append("  ")
            text.append(f"\n\n{counts.rated} af {counts.residents} vurderet\n\n")
        if view.decisions or view.decisions_hidden:
            text.append("Beslutninger\n", style="bold")
        if view.decisions_hidden:
            text.append(HIDDEN_DECISIONS, style="italic")
        for decision in view.decisions:
            text.append(f"• {decision}\n")
        return text
