"""The next meeting's date, time, place and theme, set from the meeting screen (``m``).

Only checks what was typed (the date read from this meeting's day, so "+28" is four weeks
on); the meeting screen saves it through ``actions.next_meeting``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from meetingtool.core.dates import format_weekday_date, parse_date, parse_time
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Meeting
from meetingtool.tui.cpr_notice import warn_typed_cpr


@dataclass(frozen=True)
class NextMeetingEntry:
    """What the chair typed for the next meeting."""

    on: date
    start_time: time | None
    place: str
    theme: str


class NextMeetingDialog(ModalScreen[NextMeetingEntry | None]):
    """Date, time, place and theme of the next meeting.

    | Key | Does |
    | --- | --- |
    | `tab` / `shift+tab` | next / previous field |
    | `enter` | saves |
    | `escape` | cancels |
    """

    BINDINGS = [
        Binding("escape", "cancel", "Fortryd", id="next_meeting.cancel"),
        Binding("enter", "save", "Gem", id="next_meeting.save"),
    ]

    DEFAULT_CSS = """
    NextMeetingDialog {
        align: center middle;
    }
    NextMeetingDialog > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 1 2;
    }
    NextMeetingDialog Input {
        margin-bottom: 1;
    }
    NextMeetingDialog #error {
        color: $error;
    }
    """

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        meeting = self.meeting
        with Vertical():
            yield Label(f"Næste møde efter {format_weekday_date(meeting.date)}")
            yield Label("Dato (fx 10/12 eller +28):")
            yield Input(meeting.next_meeting.isoformat() if meeting.next_meeting else "",
                        id="date")
            yield Label("Klokken (fx 14.00):")
            start = meeting.next_meeting_time or meeting.start_time
            yield Input(start.strftime("%H.%M") if start else "", id="time")
            yield Label("Sted:")
            yield Input(meeting.next_meeting_place or meeting.place, id="place")
            yield Label("Tema:")
            yield Input(meeting.next_meeting_theme, id="theme")
            yield Label("", id="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def _refuse(self, message: str, field_id: str) -> None:
        self.query_one("#error", Label).update(message)
        self.query_one(f"#{field_id}", Input).focus()

    def action_save(self) -> None:
        values = {key: self.query_one(f"#{key}", Input).value.strip()
                  for key in ("date", "time", "place", "theme")}
        if not values["date"]:
            self._refuse("Skriv datoen for næste møde.", "date")
            return
        try:
            on = parse_date(values["date"], self.meeting.date)
        except MeetingToolError as error:
            self._refuse(error.message, "date")
            return
        if on <= self.meeting.date:
            self._refuse("Næste møde skal ligge efter dette møde.", "date")
            return
        start: time | None = None
        if values["time"]:
            try:
                start = parse_time(values["time"])
            except MeetingToolError as error:
                self._refuse(error.message, "time")
                return
        warn_typed_cpr(self.app, [("Sted", values["place"]), ("Tema", values["theme"])])
        self.dismiss(NextMeetingEntry(on, start, values["place"], values["theme"]))

    def action_cancel(self) -> None:
        self.dismiss(None)
