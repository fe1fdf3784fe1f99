"""The review's change dialog: a new status, due date or owner for a follow-up, or a comment.

The review screen (``screens.review``) opens it for the highlighted follow-up and saves
what it returns through ``actions.review.review_followup``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from meetingtool.core.dates import format_date, parse_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import FollowUp
from meetingtool.core.vocab import FOLLOWUP_STATUSES
from meetingtool.tui.dialogs.base import InputDialog, dialog_hint, frame_css

__all__ = ["ReviewChange", "ReviewChangeDialog"]


@dataclass
class ReviewChange:
    """What the chair entered in the review dialog (only the fields of its kind are set)."""

    status: str | None = None
    due: date | None = None
    owner: str | None = None
    comment: str = ""


class ReviewChangeDialog(InputDialog[ReviewChange | None]):
    """One review change: a status, a new due date, a new owner, or just a comment.

    | Key | Does |
    | --- | --- |
    | `tab` | next field |
    | `enter` | saves |
    | `escape` | cancels (asks first when something was typed) |
    """

    FIELD_NAMES = {"value": "Ansvarlig", "comment": "Kommentar"}

    DEFAULT_CSS = frame_css("ReviewChangeDialog") + """
    ReviewChangeDialog .title {
        text-style: bold;
        margin: 1 0 0 0;
    }
    ReviewChangeDialog .hint, ReviewChangeDialog #shown {
        color: $text-muted;
        height: auto;
    }
    ReviewChangeDialog #error {
        color: $error;
        text-style: bold;
        height: auto;
    }
    """

    def __init__(
        self,
        kind: str,
        followup: FollowUp,
        *,
        today: date,
        attendees: list[str] = (),
    ) -> None:
        """``kind`` is a status key, ``"due"``, ``"owner"`` or ``"comment"``."""
        super().__init__()
        self.kind = kind
        self.followup = followup
        self.today = today
        self.attendees = [name for name in attendees if name.strip()]

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.kind in FOLLOWUP_STATUSES:
                heading = f"Sæt til {FOLLOWUP_STATUSES[self.kind]}"
            else:
                heading = {"due": "Ny frist", "owner": "Ny ansvarlig", "comment": "Kommentar"}[
                    self.kind
                ]
            yield Label(f"{heading}: {self.followup.text}", classes="title")
            if self.kind == "due":
                current = format_date(self.followup.due) if self.followup.due else "ingen"
                yield Label(f"Frist (nu: {current})")
                yield Input(id="value", placeholder="fx 1/12, 1.12.2026 eller +14 (dage)")
                yield Label("", id="shown")
            elif self.kind == "owner":
                yield Label(f"Ansvarlig (nu: {self.followup.owner or 'ingen'})")
                yield Input(
                    id="value",
                    placeholder="navn (→ tager forslaget)",
                    suggester=SuggestFromList(self.attendees, case_sensitive=False),
                )
            optional = "" if self.kind == "comment" else " (valgfri)"
            yield Label(f"Kommentar{optional}")
            yield Input(id="comment", placeholder="fx Drøftet på mødet; venter på svar")
            yield Label("", id="error")
            yield Label(dialog_hint(), classes="hint")

    def first_field(self) -> Input:
        return self.query_one("#value" if self.kind in ("due", "owner") else "#comment", Input)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.kind != "due" or event.input.id != "value":
            return
        shown = self.query_one("#shown", Label)
        try:
            shown.update(format_date(parse_date(event.value, self.today)) if event.value else "")
        except MeetingToolError:
            shown.update("(datoen kan ikke læses endnu)")

    def _refuse(self, message: str, field_id: str) -> None:
        self.query_one("#error", Label).update(message)
        self.query_one(f"#{field_id}", Input).focus()

    def action_save(self) -> None:
        comment = self.query_one("#comment", Input).value.strip()
        change = ReviewChange(comment=comment)
        if self.kind in FOLLOWUP_STATUSES:
            change.status = self.kind
        elif self.kind == "due":
            text = self.query_one("#value", Input).value.strip()
            if not text:
                self._refuse("Skriv den nye frist.", "value")
                return
            try:
                change.due = parse_date(text, self.today)
            except MeetingToolError as error:
                self._refuse(error.message, "value")
                return
            if change.due < self.today:
                self._refuse(f"{format_date(change.due)} ligger før mødets dato "
                             f"({format_date(self.today)}) – vælg en senere frist.", "value")
                return
        elif self.kind == "owner":
            owner = self.query_one("#value", Input).value.strip()
            if not owner:
                self._refuse("Skriv navnet på den nye ansvarlige.", "value")
                return
            change.owner = owner
        elif not comment:
            self._refuse("Kommentaren er tom.", "comment")
            return
        self.dismiss(change)
