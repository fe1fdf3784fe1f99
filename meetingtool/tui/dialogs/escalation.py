"""The escalation dialog: send a follow-up, or a point from the current item, to another council.

The chain in the seeds is team triage → kvalitetsudvalg → tværgående kvalitetsråd; the
receiving council sees the case at its next meeting under "Sager fra andre fora". A council
that does not exist yet is offered to be created (or the escalation cancelled).

The dialog opens at once, its fields ready for typing; what it shows about the case (the
follow-up's text, the other councils to suggest) is read on the app's writer and filled in
when it comes, and sending runs there too (``tui/writer.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from meetingtool.actions.escalation import UnknownCouncilError, create_council, escalate
from meetingtool.core.model import FollowUp
from meetingtool.tui.dialogs.base import InputDialog, dialog_hint
from meetingtool.tui.dialogs.confirm import ConfirmDialog
from meetingtool.tui.writer import writer_for
from meetingtool.tui.writer_reads import LOADING, error_message

__all__ = ["EscalationDialog", "EscalationData", "read_escalation"]


@dataclass
class EscalationData:
    """The follow-up sent on (``None`` for a new point) and the councils it may go to."""

    followup: FollowUp | None
    councils: list[str]


def read_escalation(store, source: str | tuple[int, int | None]) -> EscalationData:
    """On the writer: the follow-up and the names of every council but its own."""
    followup = store.followup(source) if isinstance(source, str) else None
    own = followup.council_id if followup else store.meeting(source[0]).council_id
    return EscalationData(followup, [c.name for c in store.councils() if c.id != own])


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
        self.writer = writer_for(self.app, store)
        self.source = source
        self.meeting_id = meeting_id
        self.followup: FollowUp | None = None
        """The follow-up sent on, once the writer has read it."""
        self.councils: list[str] = []
        self.sending = False
        """A send is on its way to the store: enter again does not send it twice."""

    @property
    def new_point(self) -> bool:
        return not isinstance(self.source, str)

    def compose(self) -> ComposeResult:
        with Vertical():
            if not self.new_point:
                yield Label(f"Send videre: {LOADING}", id="title", classes="title")
            else:
                yield Label("Send et punkt videre til et andet råd", classes="title")
                yield Label("Hvad drejer sagen sig om?")
                yield Input(id="text", placeholder="fx Gentagne fald om natten")
            yield Label("Send til")
            yield Input(id="council", placeholder="rådets navn (→ tager forslaget)")
            yield Label("", id="councils", classes="hint")
            yield Label("Hvorfor? (kort begrundelse)")
            yield Input(id="reason", placeholder="fx Gentager sig; kræver ændret arbejdsgang")
            yield Label("", id="error")
            yield Label(dialog_hint(enter="sender"), classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self.read)  # once drawn: see ApprovalDialog.on_mount

    def read(self) -> None:
        source = self.source
        self.writer.submit(lambda store: read_escalation(store, source), self.show_loaded,
                           self.load_failed, label="send videre")

    def show_loaded(self, data: EscalationData) -> None:
        """The writer's answer: the case's text and the councils to suggest."""
        self.followup, self.councils = data.followup, data.councils
        if not self.is_attached:
            return
        if data.followup is not None:
            self.query_one("#title", Label).update(f"Send videre: {data.followup.text}")
        self.query_one("#council", Input).suggester = SuggestFromList(
            data.councils, case_sensitive=False)
        if data.councils:
            self.query_one("#councils", Label).update("Råd: " + ", ".join(data.councils))

    def load_failed(self, error: BaseException) -> None:
        self.notify(error_message(error), title="Kan ikke sendes videre", severity="error")
        if self.is_attached:
            super().dismiss(None)

    def first_field(self) -> Input:
        return self.query_one("#text" if self.new_point else "#council", Input)

    def action_save(self) -> None:
        self.action_send()

    def _refuse(self, message: str, field_id: str) -> None:
        self.query_one("#error", Label).update(message)
        self.query_one(f"#{field_id}", Input).focus()

    def action_send(self) -> None:
        council = self.query_one("#council", Input).value.strip()
        reason = self.query_one("#reason", Input).value.strip()
        if self.new_point and not self.query_one("#text", Input).value.strip():
            self._refuse("Skriv, hvad sagen drejer sig om.", "text")
            return
        if not council:
            self._refuse("Skriv, hvilket råd sagen skal sendes til.", "council")
            return
        if not reason:
            self._refuse("Skriv kort, hvorfor sagen sendes videre.", "reason")
            return
        if self.sending:
            return
        source = self._source()
        meeting_id = self.meeting_id
        self._send(lambda store: escalate(store, source, council, reason,
                                          meeting_id=meeting_id), reason)

    def _source(self) -> str | tuple[int, int | None, str]:
        if isinstance(self.source, str):
            return self.source
        meeting_id, item_id = self.source
        return (meeting_id, item_id, self.query_one("#text", Input).value.strip())

    def _send(self, work: Callable[[Any], FollowUp], reason: str) -> None:
        """Escalate on the writer; close with the new follow-up, or say what went wrong."""
        self.sending = True

        def sent(created: FollowUp) -> None:
            self.sending = False
            if self.is_attached:
                self.dismiss(created)

        def refused(error: BaseException) -> None:
            self.sending = False
            if not self.is_attached:
                self.notify(error_message(error), title="Ikke sendt videre", severity="error")
            elif isinstance(error, UnknownCouncilError):
                self._offer_to_create(error, reason)
            else:
                self._refuse(error_message(error), "council")

        self.writer.submit(work, sent, refused, label="send videre")

    def _offer_to_create(self, error: UnknownCouncilError, reason: str) -> None:
        source, meeting_id, name = self._source(), self.meeting_id, error.name

        def create_and_send(store) -> FollowUp:
            created = create_council(store, name)
            return escalate(store, source, created.id, reason, meeting_id=meeting_id)

        def answered(create: bool | None) -> None:
            if not create:
                self._refuse("Vælg et andet råd, eller tryk escape for at fortryde.", "council")
                return
            self._send(create_and_send, reason)

        self.app.push_screen(
            ConfirmDialog(f"{error.message}", yes_label="Opret rådet", no_label="Fortryd"),
            answered,
        )
