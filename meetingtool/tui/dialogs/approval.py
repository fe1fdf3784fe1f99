"""Godkendelse af referat: the previous meeting of the council, and its approval.

The chair sees what the minutes being approved hold (date, attendance, decisions,
follow-ups) and marks them godkendt, or godkendt med rettelser with the corrections as
text. The approval is stored on the previous meeting (``actions.review.approve_minutes``).

The dialog opens at once with "Henter …": the previous meeting and what its minutes hold
are read in one job on the app's writer (``read_approval``), and the approval is saved
there too; `g` or `r` typed before the summary is shown waits for it
(``tui/writer_reads.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from meetingtool.actions.review import approval_text, approve_minutes
from meetingtool.core.dates import format_date, format_time
from meetingtool.core.model import Decision, FollowUp, Meeting, MinutesApproval
from meetingtool.core.vocab import MEETING_STATUSES, NOT_REGISTERED_LABEL, PRESENCE, Presence
from meetingtool.tui.cpr_notice import warn_typed_cpr
from meetingtool.tui.writer import writer_for
from meetingtool.tui.writer_reads import LOADING, Arrival, error_message, say_wait

__all__ = ["ApprovalData", "ApprovalDialog", "read_approval"]


@dataclass
class ApprovalData:
    """The minutes to approve: the previous meeting, its decisions and follow-ups."""

    previous: Meeting | None
    decisions: list[Decision] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)


def read_approval(store, meeting_id: int) -> ApprovalData:
    """On the writer: the council's meeting before ``meeting_id`` and what it recorded."""
    previous = store.previous_meeting(meeting_id)
    if previous is None:
        return ApprovalData(None)
    followups = [f for f in store.followups(previous.council_id, meeting_id=previous.id)
                 if f.council_id == previous.council_id]
    return ApprovalData(previous, store.decisions(previous.id), followups)


class ApprovalDialog(ModalScreen[MinutesApproval | None]):
    """Approve the previous meeting's minutes; dismisses with the approval, or ``None``.

    | Key | Does |
    | --- | --- |
    | `g` | godkendt (approved as they are) |
    | `r` | godkendt med rettelser: type the corrections, `enter` saves |
    | `escape` | back without approving (out of the corrections field first) |
    | `↓` `↑` `pgdn` `pgup` | scroll what the minutes hold (every decision is listed) |
    """

    CSS_PATH = "approval.tcss"
    AUTO_FOCUS = ""

    BINDINGS = [
        Binding("g", "approve", "Godkendt", tooltip="Referatet er godkendt",
                id="approval.approve"),
        Binding("r", "corrections", "Med rettelser", tooltip="Godkendt med rettelser",
                id="approval.corrections"),
        Binding("escape", "back", "Tilbage", tooltip="Tilbage til mødet", id="approval.back"),
        Binding("down", "scroll_summary(1)", "Rul ned", show=False, id="approval.down"),
        Binding("up", "scroll_summary(-1)", "Rul op", show=False, id="approval.up"),
        Binding("pagedown", "scroll_summary(10)", "Side ned", show=False,
                id="approval.page_down"),
        Binding("pageup", "scroll_summary(-10)", "Side op", show=False, id="approval.page_up"),
    ]

    def __init__(self, store, meeting_id: int) -> None:
        super().__init__()
        self.writer = writer_for(self.app, store)
        self.meeting_id = meeting_id
        self.data: Arrival[ApprovalData] = Arrival()
        self.saving = False
        """An approval is on its way to the store: a second key does not send another."""

    @property
    def previous(self) -> Meeting | None:
        return self.data.value.previous if self.data.value is not None else None

    def compose(self) -> ComposeResult:
        with Vertical(id="approval-box"):
            yield Label("Godkendelse af referat", id="approval-title")
            with VerticalScroll(id="approval-scroll", can_focus=False):
                yield Static(LOADING, id="approval-summary")
            yield Label("", id="approval-state")
            yield Input(id="corrections", placeholder="Rettelser til referatet")
            yield Label("", id="approval-error")
            yield Label("escape tilbage", id="approval-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#corrections", Input).display = False
        # Asked once the dialog is drawn: a summary that came before its Static was mounted
        # kept the one line of "Henter …" (Textual skips the layout of an unmounted widget).
        self.call_after_refresh(self.read)

    def read(self) -> None:
        meeting_id = self.meeting_id
        self.writer.submit(lambda store: read_approval(store, meeting_id), self.show_loaded,
                           self.load_failed, label="referat")

    def show_loaded(self, data: ApprovalData) -> None:
        """The writer's answer: the summary, the approval so far and the keys."""
        self.data.bring(data)
        if not self.is_attached:
            return
        self.query_one("#approval-summary", Static).update(self.summary())
        if data.previous is not None:
            self.query_one("#approval-hint", Label).update(
                "g godkendt · r godkendt med rettelser · ↑↓ rul · escape tilbage")
        self.show_state()

    def load_failed(self, error: BaseException) -> None:
        self.data.fail()
        self.notify(error_message(error), title="Referatet kan ikke vises", severity="error")
        if self.is_attached:
            self.dismiss(None)

    def summary(self) -> Text:
        """What the minutes to approve hold, enough to recognise them."""
        assert self.data.value is not None
        previous = self.previous
        if previous is None:
            return Text("Rådet har ikke holdt møder før dette, så der er intet referat at "
                        "godkende.")
        out = Text()
        out.append(f"{previous.council_name}: {previous.title}\n", style="bold")
        when = format_date(previous.date)
        if previous.started_at and previous.ended_at:
            when += f", {format_time(previous.started_at)}–{format_time(previous.ended_at)}"
        out.append(f"{when} · {MEETING_STATUSES.get(previous.status, previous.status)}\n")
        if previous.theme:
            out.append(f"Tema: {previous.theme}\n")
        present = [a.name for a in previous.attendance if a.presence == Presence.TIL_STEDE]
        away = [a for a in previous.attendance if a.presence != Presence.TIL_STEDE]
        if previous.attendance and all(a.presence not in PRESENCE for a in previous.attendance):
            out.append("Fremmøde ikke registreret")
        else:
            out.append(f"Til stede: {len(present)}")
            if away:
                out.append(" · " + ", ".join(
                    f"{a.name} ({PRESENCE.get(a.presence, NOT_REGISTERED_LABEL).lower()})"
                    for a in away))
        out.append("\n")
        decisions = self.data.value.decisions
        if decisions:
            out.append(f"Beslutninger ({len(decisions)}):\n", style="bold")
            for decision in decisions:
                out.append(f"  • {decision.text}\n")
        followups = self.data.value.followups
        if followups:
            still_open = sum(1 for f in followups if f.is_open)
            out.append(f"Opfølgningspunkter: {len(followups)} ({still_open} åbne)\n")
        return out

    def action_scroll_summary(self, lines: int) -> None:
        scroll = self.query_one("#approval-scroll", VerticalScroll)
        scroll.scroll_to(y=scroll.scroll_y + lines, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The arrow keys scroll the summary except while the corrections are typed."""
        if action == "scroll_summary":
            return not self.query_one("#corrections", Input).has_focus
        return True

    def show_state(self) -> None:
        label = self.query_one("#approval-state", Label)
        if self.previous is None:
            label.update("")
            return
        label.update(f"Referatet: {approval_text(self.previous.approval)}")

    async def action_approve(self) -> None:
        if not await self.data.wait():
            say_wait(self)
            return
        self._save("")

    async def action_corrections(self) -> None:
        if not await self.data.wait():
            say_wait(self)
            return
        if self.previous is None:
            return
        field = self.query_one("#corrections", Input)
        field.display = True
        if self.previous.approval is not None and not field.value:
            field.value = self.previous.approval.corrections
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.query_one("#approval-error", Label).update(
                "Skriv rettelserne, eller tryk escape og g for godkendt uden rettelser."
            )
            return
        self._save(event.value)

    def _save(self, corrections: str) -> None:
        """Hand the approval to the writer; the dialog closes when it is stored."""
        if self.previous is None:
            self.notify("Der er intet tidligere referat at godkende.", severity="warning")
            return
        if self.saving:
            return
        self.saving = True
        previous_id, meeting_id = self.previous.id, self.meeting_id

        def saved(approved: Meeting) -> None:
            self.saving = False
            self.notify(approval_text(approved.approval), title="Referat")
            warn_typed_cpr(self.app, [("Rettelser til referatet", corrections)])
            if self.is_attached:
                self.dismiss(approved.approval)

        def refused(error: BaseException) -> None:
            self.saving = False
            if self.is_attached:
                self.query_one("#approval-error", Label).update(error_message(error))
            else:
                self.notify(error_message(error), title="Referatet blev ikke godkendt",
                            severity="error")

        self.writer.submit(
            lambda store: approve_minutes(store, previous_id, meeting_id, corrections),
            saved, refused, label="referat")

    def action_back(self) -> None:
        field = self.query_one("#corrections", Input)
        if field.has_focus:
            field.display = False
            self.set_focus(None)
            return
        self.dismiss(None)
