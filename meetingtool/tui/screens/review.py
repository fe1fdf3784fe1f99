"""Reviewing follow-ups at a meeting: "Opfølgning fra tidligere møder" and "Sager fra andre fora".

The list is what the council promised at earlier meetings and what other councils sent
here, overdue first. The chair sets each Udført, I gang or Udgået, or gives it a new due
date or owner, with an optional comment; every change goes through
``meetingtool.actions.review`` into the follow-up's history with this meeting's id. A
follow-up carried over ``CARRY_OVER_WARNING`` times or more is highlighted and the chair is
asked to close, re-assign or re-date it (a counter, not a block).
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from meetingtool.actions.escalation import escalation_text
from meetingtool.actions.meetings import Origins, escalations_received, followups_to_review
from meetingtool.actions.review import review_followup
from meetingtool.core.dates import format_date, format_date_short, format_time
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.followups import (
    CARRY_OVER_WARNING,
    carried_over_words,
    needs_attention,
    titled,
)
from meetingtool.core.model import FollowUp
from meetingtool.core.vocab import FOLLOWUP_STATUSES, FollowUpStatus
from meetingtool.tui.dialogs.escalation import EscalationDialog
from meetingtool.tui.dialogs.review_change import ReviewChange, ReviewChangeDialog
from meetingtool.tui.widgets.keybar import KeyBar

__all__ = ["ReviewScreen"]

TEXT_WIDTH = 30
"""Characters of a follow-up's text shown in the table; the panel below shows all of it."""
OWNER_WIDTH = 16

COLUMNS = (("Status", "status"), ("Hvad", "text"), ("Ansvarlig", "owner"), ("Frist", "due"),
           ("Overført", "carried"), ("Aftalt", "origin"))
"""The table's columns (label, key); the count comes before the origin so it shows at 80×24."""


class ReviewScreen(Screen[None]):
    """The council's open follow-ups, reviewed one by one at this meeting.

    | Key | Does |
    | --- | --- |
    | `↑` / `↓` | choose a follow-up |
    | `u` | Udført |
    | `i` | I gang |
    | `x` | Udgået |
    | `d` | new due date (frist) |
    | `a` | new owner (ansvarlig) |
    | `k` | comment only |
    | `s` | send to another council (eskalér) |
    | `escape` | back to the meeting |
    """

    CSS_PATH = "review.tcss"

    BINDINGS = [
        Binding("u", f"change('{FollowUpStatus.UDFOERT}')", "Udført", tooltip="Sæt til Udført",
                id="review.done"),
        Binding("i", f"change('{FollowUpStatus.I_GANG}')", "I gang", tooltip="Sæt til I gang",
                id="review.in_progress"),
        Binding("x", f"change('{FollowUpStatus.UDGAAET}')", "Udgået", tooltip="Sæt til Udgået",
                id="review.dropped"),
        Binding("d", "change('due')", "Ny frist", tooltip="Giv en ny frist", id="review.due"),
        Binding("a", "change('owner')", "Ny ansvarlig", tooltip="Giv en ny ansvarlig",
                id="review.owner"),
        Binding("k", "change('comment')", "Kommentar", tooltip="Skriv en kommentar",
                id="review.comment"),
        Binding("s", "escalate", "Send videre", tooltip="Send til et andet råd (eskalér)",
                id="review.escalate"),
        Binding("escape", "close", "Tilbage", tooltip="Tilbage til mødet", id="review.close"),
    ]

    def __init__(self, store, meeting_id: int, *, today: date | None = None) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.meeting = store.meeting(meeting_id)
        self.today = today or date.today()
        self.origins = Origins(store)
        self.followups: dict[str, FollowUp] = {}
        """The follow-ups on the list, by id, as last read from the store."""
        self.received: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static("", id="review-title")
        yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="review-detail-pane", can_focus=False):
            yield Static("", id="review-detail")
        yield KeyBar()  # wraps: at 80 columns every key stays visible

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in COLUMNS:
            table.add_column(label, key=key)
        self.load()
        stuck = [f for f in self.followups.values() if needs_attention(f)]
        if stuck:
            self.notify(
                f"{len(stuck)} {'punkt er' if len(stuck) == 1 else 'punkter er'} overført "
                f"{CARRY_OVER_WARNING} gange eller mere. Luk (u/x), giv ny ansvarlig (a) "
                "eller ny frist (d)?",
                title="Gået i stå?",
                severity="warning",
                timeout=10,
            )
        table.focus()

    # --- The list -------------------------------------------------------------------

    def load(self) -> None:
        """Read the list from the store: cases from other councils first, then the rest."""
        received = escalations_received(self.store, self.meeting)
        carried = followups_to_review(self.store, self.meeting)
        self.received = {f.id for f in received}
        ordered = received + [f for f in carried if f.id not in self.received]
        self.followups = {f.id: f for f in ordered}
        table = self.query_one(DataTable)
        table.clear()
        for followup in ordered:
            table.add_row(*self.cells(followup), key=followup.id)
        self.show_title()
        if not ordered:
            self.query_one("#review-detail", Static).update(
                "Ingen åbne opfølgningspunkter fra tidligere møder. Tryk escape for at gå tilbage."
            )
        else:
            self.show_detail()

    def show_title(self) -> None:
        """How many are on the list and how many are overdue, as the list stands now."""
        listed = list(self.followups.values())
        overdue = sum(1 for f in listed if f.is_overdue(self.today))
        counts = f"{len(listed)} {'punkt' if len(listed) == 1 else 'punkter'}"
        if overdue:
            counts += f", {overdue} {'overskredet' if overdue == 1 else 'overskredne'}"
        self.query_one("#review-title", Static).update(
            f"Opfølgning: {counts} · {self.meeting.council_name} · "
            f"{format_date(self.meeting.date)}"
        )

    def cells(self, followup: FollowUp) -> tuple[Text, ...]:
        open_ = followup.is_open
        status = Text(FOLLOWUP_STATUSES.get(followup.status, followup.status))
        if not open_:
            status.stylize("green" if followup.status == FollowUpStatus.UDFOERT else "dim")
        text = titled(followup)
        if followup.id in self.received:
            text = "Fra andre fora: " + text
        if followup.internal:
            text = "(intern) " + text  # in front: a long text is cut at the end
        what = Text(_fit(text, TEXT_WIDTH), style="" if open_ else "dim")
        due = Text(format_date_short(followup.due) if followup.due else "–")
        if followup.is_overdue(self.today):
            due = Text(f"{format_date_short(followup.due)} !", style="bold red")
        origin = self.origins.of(followup)
        when = format_date_short(origin.meeting_date) if origin.meeting_date else "–"
        carried = Text(str(followup.carried_over))
        if needs_attention(followup):
            carried = Text(f"⚠ {followup.carried_over}", style="bold black on yellow")
        owner = Text(_fit(followup.owner, OWNER_WIDTH) or "–")
        return status, what, owner, due, carried, Text(when)

    @property
    def selected(self) -> FollowUp | None:
        table = self.query_one(DataTable)
        if not self.followups or table.cursor_row is None or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.followups.get(key)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        followup = self.selected
        if followup is None:
            return
        self.query_one("#review-detail", Static).update(self.describe(followup))

    def describe(self, followup: FollowUp) -> Text:
        """Everything about one follow-up: what, who, when, where from, where to, history."""
        out = Text()
        out.append(titled(followup) + "\n", style="bold")
        if needs_attention(followup):
            out.append(
                f"Overført {followup.carried_over} gange. Luk den (u Udført / x Udgået), "
                "giv den en ny ansvarlig (a) eller en ny frist (d)?\n",
                style="bold black on yellow",
            )
        status = FOLLOWUP_STATUSES.get(followup.status, followup.status)
        due = format_date(followup.due) if followup.due else "ingen frist"
        if followup.is_overdue(self.today):
            due += " (overskredet)"
        out.append(f"Status: {status} · Ansvarlig: {followup.owner or 'ingen'} · Frist: {due}\n")
        origin = self.origins.of(followup)
        where = f"{origin.council_name}, " if followup.escalated_from and origin.council_name \
            else ""
        out.append(f"Aftalt: {where}{origin.label} · "
                   f"{carried_over_words(followup.carried_over)}")
        if followup.internal:
            out.append(" · intern (kommer ikke med i referatet)")
        out.append("\n")
        travelled = escalation_text(self.store, followup)
        if travelled:
            out.append(travelled + "\n", style="italic")
        if followup.history:
            out.append("Historik:\n", style="bold")
            shown = len(followup.history) - 6
            for index, change in enumerate(followup.history):
                before = followup.history[index - 1] if index else None
                if index < shown:
                    continue
                line = f"  {format_date_short(change.at.date())} {format_time(change.at)}  "
                line += FOLLOWUP_STATUSES.get(change.status, change.status)
                if change.meeting_id is not None:
                    meeting = self.origins.meeting(change.meeting_id)
                    if meeting is not None:
                        line += f" (møde {format_date(meeting.date)})"
                if before is not None and change.owner != before.owner and change.owner:
                    line += f", ny ansvarlig: {change.owner}"
                if before is not None and change.due != before.due and change.due:
                    line += f", ny frist: {format_date(change.due)}"
                if change.comment:
                    line += f": {change.comment}"
                out.append(line + "\n")
        return out

    # --- Actions --------------------------------------------------------------------

    def action_change(self, kind: str) -> None:
        followup = self.selected
        if followup is None:
            self.notify("Der er ikke noget punkt at gennemgå.", severity="warning")
            return
        attendees = [a.name for a in self.meeting.attendance]

        def save(change: ReviewChange | None) -> None:
            if change is None:
                return
            try:
                review_followup(
                    self.store,
                    followup.id,
                    self.meeting_id,
                    status=change.status,
                    due=change.due,
                    owner=change.owner,
                    comment=change.comment,
                )
            except MeetingToolError as error:
                self.notify(error.message, title="Ikke gemt", severity="error")
                return
            self.refresh_row(followup.id)

        self.app.push_screen(
            ReviewChangeDialog(kind, followup, today=self.today, attendees=attendees), save
        )

    def action_escalate(self) -> None:
        followup = self.selected
        if followup is None:
            self.notify("Der er ikke noget punkt at sende videre.", severity="warning")
            return

        def sent(result: FollowUp | None) -> None:
            if result is not None:
                self.refresh_row(followup.id)

        self.app.push_screen(
            EscalationDialog(self.store, followup.id, meeting_id=self.meeting_id), sent
        )

    def refresh_row(self, followup_id: str) -> None:
        """Show a follow-up as the store has it now, keeping the cursor where it is."""
        followup = self.store.followup(followup_id)
        self.followups[followup_id] = followup
        table = self.query_one(DataTable)
        for (_, column), value in zip(COLUMNS, self.cells(followup)):
            table.update_cell(followup_id, column, value)
        self.show_title()
        self.show_detail()

    def action_close(self) -> None:
        self.dismiss(None)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
