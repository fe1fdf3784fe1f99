"""The escalation dialog: send a follow-up, or a point from the current item, to another council.

The chain in the seeds is team triage → kvalitetsudvalg → tværgående kvalitetsråd; the
receiving council sees the case at its next meeting under "Sager fra andre fora". A council
that does not exist yet is offered to be created (or the escalation cancelled).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from meetingtool.actions.escalation import UnknownCouncilError, create_council, escalate
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import FollowUp
from meetingtool.tui.dialogs.base import InputDialog, dialog_hint
from meetingtool.tui.dialogs.confirm import ConfirmDialog

__all__ = ["EscalationDialog"]


class EscalationDialog(InputDialog[FollowUp | None]):
    """Send a case on; dismisses with the receiving council's new follow-up, or ``None``.

    ``source`` is a follow-up id, or ``(meeting_id, item_id)`` for a new point from that
    item, whose text is then asked for first.

    | Key | Does |
    | --- | --- |
    | `tab` | next field (what, to which council, why) |
    | `→` in "Send til" | accepts the suggested council |
    | `enter` | sends |
    | `escape` | cancels (asks first when something was typed) |
    """

    DEFAULT_CSS = """
    EscalationDialog {
        align: center middle;
    }
    EscalationDialog > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $warning;
        background: $surface;
        padding: 0 2;
    }
    EscalationDialog .title {
        text-style: bold;
        margin: 1 0 0 0;
    }
    EscalationDialog .hint {
        color: $text-muted;
        width: 100%;
        height: auto;
    }
    EscalationDialog #error {
        color: $error;
        text-style: bold;
        height: auto;
    }
    """

    def __init__(
        self, store, source: str | tuple[int, int | None], *, meeting_id: int | None
    ) -> None:
        super().__init__()
        self.store = store
        self.source = source
        self.meeting_id = meeting_id
        self.followup = store.followup(source) if isinstance(source, str) else None
        own = self.followup.council_id if self.followup else store.meeting(source[0]).council_id
        self.councils = [c.name for c in store.councils() if c.id != own]

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.followup is not None:
                yield Label(f"Send videre: {self.followup.text}", classes="title")
            else:
                yield Label("Send et punkt videre til et andet råd", classes="title")
                yield Label("Hvad drejer sagen sig om?")
                yield Input(id="text", placeholder="fx Gentagne fald om natten")
            yield Label("Send til")
            yield Input(
                id="council",
                placeholder="rådets navn (→ tager forslaget)",
                suggester=SuggestFromList(self.councils, case_sensitive=False),
            )
            if self.councils:
                yield Label("Råd: " + ", ".join(self.councils), classes="hint")
            yield Label("Hvorfor? (kort begrundelse)")
            yield Input(id="reason", placeholder="fx Gentager sig; kræver ændret arbejdsgang")
            yield Label("", id="error")
            yield Label(dialog_hint(enter="sender"), classes="hint")

    def first_field(self) -> Input:
        return self.query_one("#text" if self.followup is None else "#council", Input)

    def action_save(self) -> None:
        self.action_send()

    def _refuse(self, message: str, field_id: str) -> None:
        self.query_one("#error", Label).update(message)
        self.query_one(f"#{field_id}", Input).focus()

    def action_send(self) -> None:
        council = self.query_one("#council", Input).value.strip()
        reason = self.query_one("#reason", Input).value.strip()
        if self.followup is None and not self.query_one("#text", Input).value.strip():
            self._refuse("Skriv, hvad sagen drejer sig om.", "text")
            return
        if not council:
            self._refuse("Skriv, hvilket råd sagen skal sendes til.", "council")
            return
        if not reason:
            self._refuse("Skriv kort, hvorfor sagen sendes videre.", "reason")
            return
        try:
            self.dismiss(self._escalate(council, reason))
        except UnknownCouncilError as error:
            self._offer_to_create(error, reason)
        except MeetingToolError as error:
            self._refuse(error.message, "council")

    def _escalate(self, council: str, reason: str) -> FollowUp:
        if self.followup is not None:
            source: str | tuple[int, int | None, str] = self.followup.id
        else:
            meeting_id, item_id = self.source
            source = (meeting_id, item_id, self.query_one("#text", Input).value.strip())
        return escalate(self.store, source, council, reason, meeting_id=self.meeting_id)

    def _offer_to_create(self, error: UnknownCouncilError, reason: str) -> None:
        def answered(create: bool | None) -> None:
            if not create:
                self._refuse("Vælg et andet råd, eller tryk escape for at fortryde.", "council")
                return
            try:
                created = create_council(self.store, error.name)
                self.dismiss(self._escalate(created.id, reason))
            except MeetingToolError as failure:
                self._refuse(failure.message, "council")

        self.app.push_screen(
            ConfirmDialog(f"{error.message}", yes_label="Opret rådet", no_label="Fortryd"),
            answered,
        )
