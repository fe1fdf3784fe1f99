"""Reviewing follow-ups at a meeting: "Opfølgning fra tidligere møder" and "Sager fra andre fora".

The list is what the council promised at earlier meetings and what other councils sent
here, overdue first. The chair sets each Udført, I gang or Udgået, or gives it a new due
date or owner, with an optional comment; every change goes through
``meetingtool.actions.review`` into the follow-up's history with this meeting's id. A
follow-up carried over ``CARRY_OVER_WARNING`` times or more is highlighted and the chair is
asked to close, re-assign or re-date it (a counter, not a block).

Reading and saving run on the app's one ordered writer (``tui/writer.py``): the screen
opens at once with "Henter …", the list follows when the writer has read it
(``review_data.read_review``), and a change is shown when it is saved. A key typed before
the list is there waits for it, so ``v`` then ``u`` acts on the first follow-up as shown.
The list is a ``RowList``, which draws only the rows on screen: a backlog of several
hundred follow-ups opens as fast as a short one.
"""

from __future__ import annotations

import asyncio
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from meetingtool.actions.review import review_followup
from meetingtool.core.dates import format_date, format_date_short, format_time
from meetingtool.core.followups import (
    CARRY_OVER_WARNING,
    carried_over_words,
    needs_attention,
    titled,
)
from meetingtool.core.model import FollowUp
from meetingtool.core.vocab import FOLLOWUP_STATUSES, FollowUpStatus
from meetingtool.tui.dialogs.escalation import EscalationDialog
from meetingtool.tui.dialogs.kept import KeptDialog
from meetingtool.tui.dialogs.review_change import ReviewChange, ReviewChangeDialog
from meetingtool.tui.screens.review_data import Reread, ReviewData, read_review, reread_followup
from meetingtool.tui.widgets.keybar import KeyBar
from meetingtool.tui.widgets.row_list import Cell, Column, RowList
from meetingtool.tui.writer import writer_for
from meetingtool.tui.writer_reads import error_message

__all__ = ["ReviewScreen"]

COLUMNS = [Column("Status", 6), Column("Hvad", None), Column("Ansvarlig", 16),
           Column("Frist", 12), Column("Overført", 8), Column("Aftalt", 10, optional=True)]
"""The list's columns; the origin gives way first on a narrow screen (80 columns), where
the count of carry-overs still shows. The panel below shows everything in full."""

LOADING = "Henter opfølgningspunkterne …"

KEY_WAIT_SECONDS = 1.0
"""How long a key typed before the list is there waits for it (the app waits with it);
longer (a backup of a large store on the writer) and the chair is told to try again."""


class ReviewScreen(KeptDialog, Screen[None]):
    """The council's open follow-ups, reviewed one by one at this meeting.

    | Key | Does |
    | --- | --- |
    | `↑` / `↓` | choose a follow-up (`pageup` / `pagedown`, `home` / `end` too) |
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

    data: ReviewData | None = None
    """What the writer read: the meeting, the list and what the panel needs."""

    def configure(self, store, meeting_id: int, *, today: date | None = None) -> None:
        """This opening's meeting (``ReviewScreen(...)`` takes the same arguments; ``kept``:
        the screen is made once per app)."""
        if getattr(self, "ready", None) is None:
            self.ready = asyncio.Event()
            """Set when the writer's answer (the list or an error) to the last read came."""
        self.writer = writer_for(self.app, store)
        self.store = self.writer.store
        """The store, guarded: for the escalation dialog (shared with the meeting screen)."""
        if self.data is not None and self.data.meeting.id != meeting_id:
            self.data = None  # another meeting's list is never shown
        self.meeting_id = meeting_id
        self.today = today or date.today()

    def refill(self) -> None:
        """Opened again: the list as last read stays on screen until the writer's new read
        replaces it (a key waits for that read, ``list_ready``)."""
        if self.data is None:
            self.query_one("#review-title", Static).update(LOADING)
            self.query_one(RowList).set_rows([])
            self.query_one("#review-detail", Static).update("")
        self.query_one(RowList).focus()
        self.read()

    @property
    def loaded(self) -> bool:
        """The list of this opening has been read (and drawn)."""
        return self.data is not None and self.ready.is_set()

    @property
    def followups(self) -> dict[str, FollowUp]:
        """The follow-ups on the list, by id, in the list's order, as last read."""
        return self.data.followups if self.data is not None else {}

    @property
    def meeting(self):
        return self.data.meeting if self.data is not None else None

    def compose(self) -> ComposeResult:
        yield Static(LOADING, id="review-title")
        yield RowList(COLUMNS, id="review-table")
        with VerticalScroll(id="review-detail-pane", can_focus=False):
            yield Static("", id="review-detail")
        yield KeyBar()  # wraps: at 80 columns every key stays visible

    def on_mount(self) -> None:
        self.query_one(RowList).focus()
        self.read()

    def read(self) -> None:
        """Ask the writer for the list (the answer: ``show_loaded``)."""
        self.ready.clear()
        meeting_id = self.meeting_id
        self.writer.submit(lambda store: read_review(store, meeting_id), self.show_loaded,
                           self.load_failed, label="opfølgning")

    # --- The list -------------------------------------------------------------------

    def show_loaded(self, data: ReviewData) -> None:
        """The writer's answer: fill the list; keys waiting for it (``list_ready``) go on."""
        if not self.is_attached:
            return  # closed before the list came
        self.data = data
        table = self.query_one(RowList)
        table.set_rows([(f.id, self.cells(f)) for f in data.followups.values()])
        self.show_title()
        if not data.followups:
            self.query_one("#review-detail", Static).update(
                "Ingen åbne opfølgningspunkter fra tidligere møder. Tryk escape for at gå tilbage."
            )
        else:
            self.show_detail()
        stuck = [f for f in data.followups.values() if needs_attention(f)]
        if stuck:
            self.notify(
                f"{len(stuck)} {'punkt er' if len(stuck) == 1 else 'punkter er'} overført "
                f"{CARRY_OVER_WARNING} gange eller mere. Luk (u/x), giv ny ansvarlig (a) "
                "eller ny frist (d)?",
                title="Gået i stå?",
                severity="warning",
                timeout=10,
            )
        self.ready.set()

    def load_failed(self, error: BaseException) -> None:
        self.ready.set()
        message = error_message(error)
        self.notify(message, title="Opfølgningen kan ikke vises", severity="error")
        if self.is_attached:
            self.dismiss(None)

    async def list_ready(self) -> bool:
        """Wait (at most ``KEY_WAIT_SECONDS``) for the list: a key typed right after ``v``
        acts on the list as it will be shown. The keys behind it wait in the app's queue,
        so they reach the dialog it opens, in order."""
        if not self.ready.is_set():
            try:
                await asyncio.wait_for(self.ready.wait(), KEY_WAIT_SECONDS)
            except TimeoutError:
                pass
        return self.loaded

    def show_title(self) -> None:
        """How many are on the list and how many are overdue, as the list stands now."""
        listed = list(self.followups.values())
        overdue = sum(1 for f in listed if f.is_overdue(self.today))
        counts = f"{len(listed)} {'punkt' if len(listed) == 1 else 'punkter'}"
        if overdue:
            counts += f", {overdue} {'overskredet' if overdue == 1 else 'overskredne'}"
        meeting = self.meeting
        self.query_one("#review-title", Static).update(
            f"Opfølgning: {counts} · {meeting.council_name} · {format_date(meeting.date)}"
        )

    def cells(self, followup: FollowUp) -> list[Cell]:
        assert self.data is not None
        open_ = followup.is_open
        status = Cell(FOLLOWUP_STATUSES.get(followup.status, followup.status),
                      "" if open_ else
                      "green" if followup.status == FollowUpStatus.UDFOERT else "dim")
        text = titled(followup)
        if followup.id in self.data.received:
            text = "Fra andre fora: " + text
        if followup.internal:
            text = "(intern) " + text  # in front: a long text is cut at the end
        what = Cell(text, "" if open_ else "dim")
        due = Cell(format_date_short(followup.due) if followup.due else "–")
        if followup.is_overdue(self.today):
            due = Cell(f"{format_date_short(followup.due)} !", "bold red")
        origin = self.data.origins[followup.id]
        when = format_date_short(origin.meeting_date) if origin.meeting_date else "–"
        carried = Cell(str(followup.carried_over))
        if needs_attention(followup):
            carried = Cell(f"⚠ {followup.carried_over}", "bold black on yellow")
        owner = Cell(followup.owner or "–")
        return [status, what, owner, due, carried, Cell(when)]

    @property
    def selected(self) -> FollowUp | None:
        key = self.query_one(RowList).highlighted_key
        return self.followups.get(key) if key is not None else None

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        followup = self.selected
        if followup is None:
            return
        self.query_one("#review-detail", Static).update(self.describe(followup))

    def describe(self, followup: FollowUp) -> Text:
        """Everything about one follow-up: what, who, when, where from, where to, history."""
        assert self.data is not None
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
        origin = self.data.origins[followup.id]
        where = f"{origin.council_name}, " if followup.escalated_from and origin.council_name \
            else ""
        out.append(f"Aftalt: {where}{origin.label} · "
                   f"{carried_over_words(followup.carried_over)}")
        if followup.internal:
            out.append(" · intern (kommer ikke med i referatet)")
        out.append("\n")
        travelled = self.data.escalations.get(followup.id, "")
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
                held = self.data.meeting_dates.get(change.meeting_id) \
                    if change.meeting_id is not None else None
                if held is not None:
                    line += f" (møde {format_date(held)})"
                if before is not None and change.owner != before.owner and change.owner:
                    line += f", ny ansvarlig: {change.owner}"
                if before is not None and change.due != before.due and change.due:
                    line += f", ny frist: {format_date(change.due)}"
                if change.comment:
                    line += f": {change.comment}"
                out.append(line + "\n")
        return out

    # --- Actions --------------------------------------------------------------------

    async def action_change(self, kind: str) -> None:
        ready = await self.list_ready()
        followup = self.selected
        if not ready:
            self.notify(LOADING, title="Vent et øjeblik", severity="warning")
            return
        if followup is None or self.data is None:
            self.notify("Der er ikke noget punkt at gennemgå.", severity="warning")
            return
        attendees = [a.name for a in self.meeting.attendance]
        followup_id, meeting_id, reader = followup.id, self.meeting_id, self.data.reader

        def save(change: ReviewChange | None) -> None:
            if change is None:
                return

            def write(store) -> Reread:
                review_followup(store, followup_id, meeting_id, status=change.status,
                                due=change.due, owner=change.owner, comment=change.comment)
                return reread_followup(store, reader, followup_id)

            self.writer.submit(write, self.show_row, self.save_failed, label="opfølgning")

        self.app.push_screen(
            ReviewChangeDialog(kind, followup, today=self.today, attendees=attendees), save
        )

    def save_failed(self, error: BaseException) -> None:
        self.notify(error_message(error), title="Ikke gemt", severity="error")

    async def action_escalate(self) -> None:
        ready = await self.list_ready()
        followup = self.selected
        if not ready:
            self.notify(LOADING, title="Vent et øjeblik", severity="warning")
            return
        if followup is None or self.data is None:
            self.notify("Der er ikke noget punkt at sende videre.", severity="warning")
            return
        followup_id, reader = followup.id, self.data.reader

        def sent(result: FollowUp | None) -> None:
            if result is not None:
                self.writer.submit(lambda store: reread_followup(store, reader, followup_id),
                                   self.show_row, self.save_failed, label="opfølgning")

        self.app.push_screen(
            EscalationDialog(self.store, followup.id, meeting_id=self.meeting_id), sent
        )

    def show_row(self, reread: Reread) -> None:
        """A follow-up as the store has it now (read on the writer); the cursor stays."""
        if not self.is_attached or self.data is None:
            return
        self.data.take(reread)
        followup = reread.followup
        self.query_one(RowList).replace_row(followup.id, self.cells(followup))
        self.show_title()
        self.show_detail()

    def action_close(self) -> None:
        self.dismiss(None)
