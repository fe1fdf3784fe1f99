"""The triage round (tavlemøde): one row per resident, rated red, yellow or green.

The round opens ordered by each resident's latest colour before today (red, yellow, green,
never rated last) and keeps that order while the team rates. Each rating is one small store
write (``store.set_triage_entry``) plus the template's colour-rule follow-ups for that
resident, made once: pressing the same colour again changes nothing, and a follow-up a
colour made is set Udgået again when the colour changes before anyone took it on (no owner
yet) — a slip of the finger leaves no task behind.

In this module, top to bottom:

- ``TriageRound``: the rules that touch the store, without Textual (the benchmark and the
  tests drive it directly);
- ``StoreWriter``: runs the rating writes in key order on a thread of their own, so a key
  press redraws its row at once and never waits for the disk; dialogs and leaving the
  round wait for it (``flush``);
- ``TriageNoteDialog``, ``BorgergennemgangDialog``, ``ResidentDialog``,
  ``EscalationDialog``: what changed / action / owner, the five questions, initials and
  room, sending a case on — each refuses a CPR number with a message;
- ``BoardRow`` and ``TriageBoard``: one widget per resident with a cursor of its own, so a
  rating or a move redraws two rows, not the whole board;
- ``TriageScreen``: the keys, the countdown per resident and the round against its plan.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Input, Label, Static

from meetingtool.core import triage
from meetingtool.core.dates import format_date, format_duration
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import FollowUp, Meeting, Resident, TriageEntry, TriageSettings

COLOUR_STYLES = {"roed": "bold red", "gul": "bold yellow", "groen": "bold green"}
ESCALATION_KIND = "kvalitetsudvalg"


# --- the round, without a screen ----------------------------------------------------------


class TriageRound:
    """One triage item of one meeting: residents, their trend, today's ratings, follow-ups.

    Everything is read once when the round opens; afterwards each change is one write, and
    the in-memory copies are updated from what the store returns.
    """

    def __init__(self, store, meeting_id: int, item_id: int, *,
                 wall: Callable[[], datetime] = datetime.now) -> None:
        self.store = store
        self.wall = wall
        self.meeting: Meeting = store.meeting(meeting_id)
        self.item = self.meeting.item(item_id)
        self.settings: TriageSettings = self.meeting.triage or TriageSettings()

        earlier = [
            summary for summary in store.meetings(self.meeting.council_id)
            if (summary.date, summary.id) < (self.meeting.date, self.meeting.id)
        ][: triage.TREND_LENGTH]
        earlier.reverse()  # oldest first
        earlier_entries = [store.triage_entries(summary.id) for summary in earlier]

        self.entries: dict[str, TriageEntry] = {
            entry.resident_id: entry for entry in store.triage_entries(meeting_id)
        }
        board = store.residents(self.meeting.council_id)
        rated_ids = set(self.entries)
        if rated_ids - {r.id for r in board}:
            # Moved out after being rated today: keep their row so the record stays visible.
            board += [r for r in store.residents(self.meeting.council_id, include_inactive=True)
                      if r.id in rated_ids and not r.active]
        self.trends = triage.trends([r.id for r in board], earlier_entries)
        self.previous = {rid: triage.latest_colour(trend) for rid, trend in self.trends.items()}
        self.residents: list[Resident] = triage.round_order(board, self.previous)
        self._by_id = {r.id: r for r in self.residents}
        self._labels = {r.id: {r.label} for r in self.residents}
        """Every label a resident had in this round: follow-ups keep the label they got."""
        self.trend_length = len(earlier)
        self.followups: list[FollowUp] = store.followups(meeting_id=meeting_id)
        self.earlier_open: list[FollowUp] = [
            f for f in store.open_followups(self.meeting.council_id)
            if f.resident and f.meeting_id != meeting_id
        ]
        """Still-open tasks and escalations about the residents from earlier rounds."""

    # -- reading

    def resident(self, resident_id: str) -> Resident:
        return self._by_id[resident_id]

    def colour(self, resident_id: str) -> str | None:
        entry = self.entries.get(resident_id)
        return entry.colour if entry and entry.colour else None

    def change_text(self, resident_id: str) -> tuple[str, bool]:
        """What changed: the team's words, else the colour's movement (second: automatic)."""
        entry = self.entries.get(resident_id)
        if entry and entry.change:
            return entry.change, False
        return triage.what_changed(self.previous.get(resident_id), self.colour(resident_id)), True

    def budget(self, resident_id: str) -> int:
        colour = self.colour(resident_id) or self.previous.get(resident_id)
        return triage.budget_seconds(self.settings, colour)

    def planned_by_colour(self) -> int:
        return sum(self.budget(r.id) for r in self.residents)

    def counts(self) -> dict[str, int]:
        return triage.colour_counts(self.entries.values(), [r.id for r in self.residents])

    def followups_of(self, resident_id: str) -> list[FollowUp]:
        labels = self._labels[resident_id]
        return [f for f in self.followups if f.resident in labels]

    def earlier_of(self, resident_id: str) -> list[FollowUp]:
        labels = self._labels[resident_id]
        return [f for f in self.earlier_open if f.resident in labels]

    def escalated(self, resident_id: str) -> FollowUp | None:
        """The resident's case sent on today, else one sent earlier that is still open."""
        for followup in self.followups_of(resident_id) + self.earlier_of(resident_id):
            if followup.escalated_to is not None:
                return followup
        return None

    # -- writing

    def rate(self, resident_id: str, colour: str) -> TriageEntry:
        """Today's colour for a resident, and the follow-ups the colour rules ask for."""
        if self.rate_in_memory(resident_id, colour):
            self.save_rating(resident_id, colour)
        return self.entries[resident_id]

    def rate_in_memory(self, resident_id: str, colour: str) -> bool:
        """Show the colour at once; False when the resident already has it (nothing to do).

        ``save_rating`` then writes it; the screen runs that off the key's path.
        """
        if colour not in triage.COLOURS:
            raise MeetingToolError(f"Ukendt farve '{colour}'.")
        entry = self.entries.get(resident_id)
        if entry is not None and entry.colour == colour:
            return False
        if entry is None:
            entry = TriageEntry(id="", meeting_id=self.meeting.id, resident_id=resident_id,
                                colour=colour)
        self.entries[resident_id] = replace(entry, colour=colour)
        return True

    def save_rating(self, resident_id: str, colour: str) -> None:
        """One store write for the colour, then the colour rules' follow-ups."""
        entry = self.store.set_triage_entry(self.meeting.id, resident_id, colour=colour)
        if self.colour(resident_id) == colour:  # not changed again in the meantime
            self.entries[resident_id] = entry
        self._sync_rule_followups(resident_id, colour)

    def note(self, resident_id: str, *, change: str, action: str, owner: str) -> TriageEntry:
        """What changed, the agreed action and its owner; a CPR number is refused.

        A new owner is also given to this resident's colour-rule follow-ups of today that
        have none yet ("owner to be set" is settled at the board).
        """
        change = triage.check_note(change, "'Hvad er ændret'")
        action = triage.check_note(action, "handlingen")
        owner = triage.check_note(owner, "ansvarlig")
        entry = self.store.set_triage_entry(
            self.meeting.id, resident_id, change=change, action=action, owner=owner
        )
        self.entries[resident_id] = entry
        if owner:
            for followup in self._rule_followups(resident_id):
                if followup.is_open and not followup.owner:
                    self._replace(self.store.update_followup(
                        followup.id, owner=owner, meeting_id=self.meeting.id))
        return entry

    def escalate(self, resident_id: str, to_council: str, text: str, reason: str) -> FollowUp:
        """Send the row to another council (kvalitetsudvalg) with initials/room only.

        Made as a follow-up of this item with the resident's label, then handed to
        ``actions.escalation.escalate``: it goes on the council's next planned meeting, or
        waits for it. Returns the sending follow-up as stored (``escalated_to`` set).
        ``to_council`` must exist (``UnknownCouncilError``); ``create_council`` makes one.
        """
        from meetingtool.actions import escalation

        resident = self.resident(resident_id)
        text = triage.check_note(text, "sagen")
        reason = triage.check_note(reason, "begrundelsen")
        if not text or text.rstrip(": ") == resident.label:
            raise MeetingToolError("Skriv, hvad sagen drejer sig om.")
        if not reason:
            raise MeetingToolError("Skriv kort, hvorfor sagen sendes videre.")
        for field in (text, reason):
            name = triage.find_full_name(field)
            if name:
                raise MeetingToolError(
                    f"'{name}' ligner et fuldt navn. En sag sendes videre med beboerens "
                    "initialer og/eller stue, aldrig med navn."
                )
        target = escalation.find_council(self.store, to_council)  # before anything is written
        if target.id == self.meeting.council_id:
            raise MeetingToolError(f"Sagen hører allerede til {target.name}.")
        if not text.startswith(resident.label):
            text = f"{resident.label}: {text}"
        sending = self.store.add_followup(
            self.meeting.id, self.item.id, text, resident=resident.label
        )
        escalation.escalate(self.store, sending.id, target.id, reason,
                            meeting_id=self.meeting.id, today=self.wall().date())
        sent = self.store.followup(sending.id)
        self.followups = [f for f in self.followups if f.id != sent.id] + [sent]
        return sent

    def escalation_text(self, followup: FollowUp) -> str:
        """Where a row's case went and what became of it there."""
        from meetingtool.actions import escalation

        return escalation.escalation_text(self.store, followup)

    def create_council(self, name: str) -> str:
        """A new receiving council, its kind read from the name; returns its id."""
        from meetingtool.actions import escalation

        name = triage.check_note(name, "rådets navn")
        return escalation.create_council(self.store, name).id

    def borgergennemgang(self, resident_id: str, answers: dict[str, str]):
        cleaned = {
            key: triage.check_note(answers.get(key, ""), f"'{question}'")
            for key, question in triage.BORGERGENNEMGANG_QUESTIONS.items()
        }
        if not any(cleaned.values()):
            raise MeetingToolError("Besvar mindst ét af de fem spørgsmål.")
        return self.store.add_borgergennemgang(resident_id, self.meeting.id, cleaned)

    def escalation_targets(self) -> list[str]:
        """Councils a row can go to, kvalitetsudvalg first."""
        councils = [c for c in self.store.councils() if c.id != self.meeting.council_id]
        councils.sort(key=lambda c: (c.kind != ESCALATION_KIND, c.name))
        return [c.name for c in councils]

    # -- the board's residents

    def add_resident(self, initials: str, room: str) -> Resident:
        """A new resident on the team's board, last in this round (never rated)."""
        initials, room = triage.resident_identifier(initials, room)
        self._check_unique(initials, room, None)
        resident = self.store.add_resident(self.meeting.council_id, initials=initials,
                                           room=room)
        self.residents.append(resident)
        self._by_id[resident.id] = resident
        self._labels[resident.id] = {resident.label}
        self.trends[resident.id] = [None] * self.trend_length
        self.previous[resident.id] = None
        return resident

    def rename_resident(self, resident_id: str, initials: str, room: str) -> Resident:
        """New initials and/or room; the history stays with the resident."""
        initials, room = triage.resident_identifier(initials, room)
        self._check_unique(initials, room, resident_id)
        resident = self.resident(resident_id)
        resident.initials, resident.room = initials, room
        self.store.save_resident(resident)
        self._labels[resident_id].add(resident.label)
        return resident

    def move_out(self, resident_id: str) -> Resident:
        """The resident has moved: off the board, every earlier rating kept."""
        resident = self.resident(resident_id)
        resident.active = False
        resident.moved_out = self.wall().date()
        self.store.save_resident(resident)
        self.residents = [r for r in self.residents if r.id != resident_id]
        return resident

    def _check_unique(self, initials: str, room: str, except_id: str | None) -> None:
        other = triage.find_duplicate(self.residents, initials, room, except_id)
        if other is not None:
            raise MeetingToolError(
                f"{other.label} står allerede på tavlen. Tilføj stuenummeret for at skelne."
            )

    # -- colour rules

    def _rule_followups(self, resident_id: str) -> list[FollowUp]:
        texts = triage.rule_texts(self.settings)
        return [
            f for f in self.followups_of(resident_id)
            if f.item_id == self.item.id and f.escalated_to is None
            and self._rule_of(f, texts) is not None
        ]

    @staticmethod
    def _rule_of(followup: FollowUp, texts: dict[str, str]) -> str | None:
        for text in texts:
            if followup.text == text or followup.text.startswith(f"{text} – "):
                return text
        return None

    def _sync_rule_followups(self, resident_id: str, colour: str) -> None:
        resident = self.resident(resident_id)
        texts = triage.rule_texts(self.settings)
        existing = {self._rule_of(f, texts): f for f in self._rule_followups(resident_id)}
        wanted = triage.rule_followups(self.settings, colour, self.wall())
        for rule in wanted:
            followup = existing.get(rule.text)
            if followup is None:
                self.followups.append(self.store.add_followup(
                    self.meeting.id, self.item.id, triage.rule_followup_text(rule),
                    due=rule.due.date(), resident=resident.label,
                ))
            elif followup.status == "udgaaet":
                self._replace(self.store.update_followup(
                    followup.id, status="aaben", meeting_id=self.meeting.id,
                    comment=f"Farven er igen {triage.colour_label(colour)}",
                ))
        wanted_texts = {rule.text for rule in wanted}
        for text, followup in existing.items():
            if text not in wanted_texts and followup.status == "aaben" and not followup.owner:
                self._replace(self.store.update_followup(
                    followup.id, status="udgaaet", meeting_id=self.meeting.id,
                    comment=f"Farven ændret til {triage.colour_label(colour)}",
                ))

    def _replace(self, followup: FollowUp) -> None:
        self.followups = [followup if f.id == followup.id else f for f in self.followups]


# --- writing off the key's path ----------------------------------------------------------


class StoreWriter:
    """Runs store writes one after another on a thread of their own.

    A rating shows on the board at once; its write (an fsync'd file, and for red or yellow
    the rule follow-ups as well) follows a few milliseconds later, in the order the keys
    were pressed. ``flush`` waits for every write submitted so far: dialogs and leaving the
    round call it, so nothing typed waits in memory for long and nothing reads stale data.
    The store itself is thread-safe (its lock is re-entrant and per thread).
    """

    def __init__(self, on_error: Callable[[BaseException], None]) -> None:
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._on_error = on_error
        self._thread: threading.Thread | None = None

    def submit(self, job: Callable[[], None]) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="triage-writer",
                                            daemon=True)
            self._thread.start()
        self._jobs.put(job)

    def flush(self) -> None:
        if self._thread is not None:
            self._jobs.join()

    def close(self) -> None:
        """Finish every write, then end the thread (submitting later starts a new one)."""
        if self._thread is None:
            return
        self._jobs.put(None)
        self._thread.join()
        self._thread = None

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                job()
            except BaseException as error:  # handed to the screen, which shows or re-raises
                self._on_error(error)
            finally:
                self._jobs.task_done()


@dataclass
class TriageWriteFailed(Message):
    """A rating could not be written (sent from the writer thread)."""

    error: BaseException


# --- dialogs ------------------------------------------------------------------------------


class TriageDialog(ModalScreen):
    """Shared frame of the round's dialogs: title, fields, an error line, enter/escape."""

    BINDINGS = [Binding("escape", "cancel", "Fortryd", id="triage.dialog.cancel")]

    DEFAULT_CSS = """
    TriageDialog {
        align: center middle;
    }
    TriageDialog > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    TriageDialog .title {
        text-style: bold;
    }
    TriageDialog Input {
        border: none;
        height: 1;
        padding: 0 1;
        margin-bottom: 1;
        background: $boost;
    }
    TriageDialog Input:focus {
        border: none;
        background: $primary 30%;
    }
    TriageDialog #error {
        color: $error;
        width: 1fr;
        height: auto;
    }
    TriageDialog .hint {
        color: $text-muted;
        width: 1fr;
    }
    TriageDialog #questions {
        height: auto;
        max-height: 16;
    }
    """

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field saves. Handled after the field has every key typed before it
        (a binding would run first and could lose the last letters of fast typing)."""
        event.stop()
        self.action_save()

    def show_error(self, message: str) -> None:
        self.query_one("#error", Label).update(message)


class TriageNoteDialog(TriageDialog):
    """What changed, the agreed action and its owner for one resident.

    | Key | Does |
    | --- | --- |
    | `tab` / `shift+tab` | next / previous field |
    | `enter` | saves (a CPR number is refused, the text kept) |
    | `escape` | cancels |
    """

    def __init__(self, triage_round: TriageRound, resident_id: str,
                 owners: list[str]) -> None:
        super().__init__()
        self.round = triage_round
        self.resident_id = resident_id
        self.owners = owners

    def compose(self) -> ComposeResult:
        entry = self.round.entries.get(self.resident_id)
        resident = self.round.resident(self.resident_id)
        with Vertical():
            yield Label(f"Notat – {resident.label}", classes="title")
            yield Label("Hvad er ændret")
            yield Input(entry.change if entry else "", id="change")
            yield Label("Aftalt handling")
            yield Input(entry.action if entry else "", id="action")
            yield Label("Ansvarlig")
            yield Input(entry.owner if entry else "", id="owner",
                        suggester=SuggestFromList(self.owners, case_sensitive=False))
            yield Label("", id="error")
            yield Label("tab skifter felt · enter gemmer · escape fortryder", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#change", Input).focus()

    def action_save(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value
                  for name in ("change", "action", "owner")}
        try:
            self.round.note(self.resident_id, **values)
        except MeetingToolError as error:
            self.show_error(error.message)
            return
        self.dismiss(True)


class BorgergennemgangDialog(TriageDialog):
    """The borgergennemgang's five questions for one resident, saved as one note."""

    def __init__(self, triage_round: TriageRound, resident_id: str) -> None:
        super().__init__()
        self.round = triage_round
        self.resident_id = resident_id

    def compose(self) -> ComposeResult:
        resident = self.round.resident(self.resident_id)
        with Vertical():
            yield Label(f"Borgergennemgang – {resident.label}", classes="title")
            with VerticalScroll(id="questions"):
                for key, question in triage.BORGERGENNEMGANG_QUESTIONS.items():
                    yield Label(question)
                    yield Input(id=f"q-{key}")
            yield Label("", id="error")
            yield Label("tab skifter felt · enter gemmer · escape fortryder", classes="hint")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def action_save(self) -> None:
        answers = {key: self.query_one(f"#q-{key}", Input).value
                   for key in triage.BORGERGENNEMGANG_QUESTIONS}
        try:
            self.round.borgergennemgang(self.resident_id, answers)
        except MeetingToolError as error:
            self.show_error(error.message)
            return
        self.dismiss(True)


class ResidentDialog(TriageDialog):
    """Add a resident, or correct one's initials and room (never a full name or CPR)."""

    def __init__(self, triage_round: TriageRound, resident_id: str | None = None) -> None:
        super().__init__()
        self.round = triage_round
        self.resident_id = resident_id

    def compose(self) -> ComposeResult:
        resident = self.round.resident(self.resident_id) if self.resident_id else None
        title = f"Ret beboer – {resident.label}" if resident else "Ny beboer på tavlen"
        with Vertical():
            yield Label(title, classes="title")
            yield Label("Initialer (fx AB eller A.B.)")
            yield Input(resident.initials if resident else "", id="initials")
            yield Label("Stue (fx 12 eller 3.14)")
            yield Input(resident.room if resident else "", id="room")
            yield Label(triage.PRIVACY_RULE, classes="hint")
            yield Label("", id="error")
            yield Label("tab skifter felt · enter gemmer · escape fortryder", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#initials", Input).focus()

    def action_save(self) -> None:
        initials = self.query_one("#initials", Input).value
        room = self.query_one("#room", Input).value
        try:
            if self.resident_id is None:
                resident = self.round.add_resident(initials, room)
            else:
                resident = self.round.rename_resident(self.resident_id, initials, room)
        except MeetingToolError as error:
            self.show_error(error.message)
            return
        self.dismiss(resident)


class EscalationDialog(TriageDialog):
    """Send a row to the kvalitetsudvalg or another council: to whom, what, why.

    A council that does not exist is offered for creation: enter again creates it,
    escape cancels.
    """

    def __init__(self, triage_round: TriageRound, resident_id: str) -> None:
        super().__init__()
        self.round = triage_round
        self.resident_id = resident_id
        self.targets = triage_round.escalation_targets()
        self.offered: str | None = None

    def compose(self) -> ComposeResult:
        resident = self.round.resident(self.resident_id)
        entry = self.round.entries.get(self.resident_id)
        what = (entry.change or entry.action) if entry else ""
        with Vertical():
            yield Label(f"Send videre – {resident.label}", classes="title")
            yield Label("Til (råd eller udvalg)")
            yield Input(self.targets[0] if self.targets else "Kvalitetsudvalg", id="to",
                        suggester=SuggestFromList(self.targets, case_sensitive=False))
            yield Label("Sagen (kun initialer/stue, intet navn eller CPR)")
            yield Input(f"{resident.label}: {what}" if what else f"{resident.label}: ",
                        id="text")
            yield Label("Hvorfor sendes den videre?")
            yield Input(id="reason")
            yield Label("", id="error")
            yield Label("tab skifter felt · enter sender · escape fortryder", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def action_save(self) -> None:
        from meetingtool.actions.escalation import UnknownCouncilError

        to = self.query_one("#to", Input).value.strip()
        text = self.query_one("#text", Input).value
        reason = self.query_one("#reason", Input).value
        try:
            if to and self.offered is not None and to.casefold() == self.offered.casefold():
                to = self.round.create_council(to)
            sent = self.round.escalate(self.resident_id, to, text, reason)
        except UnknownCouncilError as error:
            self.offered = to
            self.show_error(f"{error.message} Tryk enter igen for at oprette '{to}'.")
            return
        except MeetingToolError as error:
            self.show_error(error.message)
            return
        self.dismiss(sent)


# --- the screen ---------------------------------------------------------------------------


COLUMNS: dict[str, str] = {
    "resident": "Beboer",
    "colour": "I dag",
    "trend": "Tendens",
    "change": "Hvad er ændret",
    "action": "Handling",
    "owner": "Ansvarlig",
}
"""The board's columns, left to right."""


class BoardRow(Static):
    """One resident's line on the board. Redrawing it touches no other row, so a rating
    costs the same on a board of 40 as of 4."""

    def __init__(self, resident_id: str) -> None:
        super().__init__()
        self.resident_id = resident_id
        self.line = Text()

    def show(self, line: Text) -> None:
        self.line = line
        self.update(line, layout=False)

    @property
    def plain(self) -> str:
        return self.line.plain


class TriageBoard(VerticalScroll, can_focus=True):
    """The residents' rows with a cursor, moved by the arrow keys.

    A cursor move restyles two rows and nothing else (no list-wide refresh).

    | Key | Does |
    | --- | --- |
    | `↑` / `↓` | previous / next resident |
    | `pageup` / `pagedown` | ten rows up / down |
    | `home` / `end` | first / last resident |
    | `enter` | selects the row (the screen opens the note dialog) |
    """

    BINDINGS = [
        Binding("up", "move(-1)", "Op", show=False),
        Binding("down", "move(1)", "Ned", show=False),
        Binding("pageup", "move(-10)", "Side op", show=False),
        Binding("pagedown", "move(10)", "Side ned", show=False),
        Binding("home", "first", "Første", show=False),
        Binding("end", "last", "Sidste", show=False),
        Binding("enter", "select", "Notat", id="triage.note"),
    ]

    DEFAULT_CSS = """
    TriageBoard {
        height: 1fr;
        padding: 0 1;
    }
    TriageBoard > BoardRow {
        height: 1;
        width: 1fr;
    }
    TriageBoard > BoardRow.-selected {
        background: $block-cursor-blurred-background;
    }
    TriageBoard:focus > BoardRow.-selected {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor is on another resident."""

        resident_id: str

    @dataclass
    class Selected(Message):
        """Enter on a resident's row."""

        resident_id: str

    def __init__(self, rows: list[BoardRow], **options) -> None:
        super().__init__(*rows, **options)
        self.board_rows = rows
        self.index = 0

    @property
    def selected(self) -> BoardRow | None:
        return self.board_rows[self.index] if self.board_rows else None

    def on_mount(self) -> None:
        if self.board_rows:
            self.board_rows[0].add_class("-selected")
            self.post_message(self.Highlighted(self.board_rows[0].resident_id))

    def move_to(self, index: int) -> None:
        if not self.board_rows:
            return
        index = max(0, min(len(self.board_rows) - 1, index))
        if index == self.index:
            return
        self.board_rows[self.index].remove_class("-selected")
        self.index = index
        row = self.board_rows[index]
        row.add_class("-selected")
        self.scroll_to_widget(row, animate=False)
        self.post_message(self.Highlighted(row.resident_id))

    def add_row(self, row: BoardRow) -> None:
        """A new resident's row at the end, selected."""
        self.board_rows.append(row)
        self.mount(row)
        if len(self.board_rows) == 1:
            self.index = 0
            row.add_class("-selected")
            self.post_message(self.Highlighted(row.resident_id))
        else:
            self.call_after_refresh(self.move_to, len(self.board_rows) - 1)

    def remove_row(self, resident_id: str) -> None:
        """Take a row off; the cursor stays at the same position."""
        position = next(i for i, r in enumerate(self.board_rows) if r.resident_id == resident_id)
        row = self.board_rows.pop(position)
        row.remove()
        if not self.board_rows:
            self.index = 0
            return
        self.index = min(position, len(self.board_rows) - 1)
        self.board_rows[self.index].add_class("-selected")
        self.post_message(self.Highlighted(self.board_rows[self.index].resident_id))

    def action_move(self, step: int) -> None:
        self.move_to(self.index + step)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.board_rows) - 1)

    def action_select(self) -> None:
        if self.selected is not None:
            self.post_message(self.Selected(self.selected.resident_id))


class TriageScreen(Screen):
    """The triage round of one meeting item.

    | Key | Does |
    | --- | --- |
    | `1` / `2` / `3` | rates the selected resident red / yellow / green |
    | `↑` / `↓` | moves between residents |
    | `enter` | what changed, agreed action, owner |
    | `g` | borgergennemgang (five questions) |
    | `u` | sends the row on to the kvalitetsudvalg or another council |
    | `space` | pauses / resumes the round's time |
    | `a` | a new resident (initials and/or room) |
    | `r` | correct the selected resident's initials or room |
    | `x` | the selected resident has moved out (history kept) |
    | `escape` | back to the meeting |
    """

    CSS_PATH = "triage.tcss"

    BINDINGS = [
        Binding("1", "rate('roed')", "Rød", id="triage.red"),
        Binding("2", "rate('gul')", "Gul", id="triage.yellow"),
        Binding("3", "rate('groen')", "Grøn", id="triage.green"),
        Binding("g", "borgergennemgang", "Gennemgang", id="triage.review"),
        Binding("u", "escalate", "Send videre", id="triage.escalate"),
        Binding("escape", "back", "Tilbage", id="triage.back"),
        Binding("space", "toggle_timer", "Pause", id="triage.pause", show=False),
        Binding("a", "add_resident", "Ny beboer", id="triage.add_resident", show=False),
        Binding("r", "rename_resident", "Ret beboer", id="triage.rename_resident",
                show=False),
        Binding("x", "move_out", "Fraflyttet", id="triage.move_out", show=False),
    ]

    def __init__(self, store, meeting_id: int, item_id: int, *,
                 monotonic: Callable[[], float] = time.monotonic,
                 wall: Callable[[], datetime] = datetime.now) -> None:
        super().__init__()
        self.round = TriageRound(store, meeting_id, item_id, wall=wall)
        self.timer = triage.RoundTimer(monotonic)
        self.shown: dict[str, Text] = {}
        self.rating_number = 0
        self.latest_rating: dict[str, int] = {}
        """The newest rating key per resident; older queued writes for it are skipped."""
        self.escalation_texts: dict[str, str] = {}
        """Read once per case: the panel is redrawn four times a second."""
        self.writer = StoreWriter(lambda error: self.post_message(TriageWriteFailed(error)))

    # -- layout

    def compose(self) -> ComposeResult:
        meeting = self.round.meeting
        with Horizontal(id="top"):
            yield Static(
                f"Triage – {meeting.council_name} · {format_date(meeting.date)}",
                id="title",
            )
            yield Static("a ny · r ret · x flyt · ␣ pause", id="keys")
        yield Static(id="round")
        yield Static(id="header")
        self.rows = {r.id: BoardRow(r.id) for r in self.round.residents}
        yield TriageBoard(list(self.rows.values()), id="board")
        yield Static(id="current")
        yield Footer()

    def on_mount(self) -> None:
        self.widths = self._widths()
        self._draw_all()
        self.query_one("#board", TriageBoard).focus()
        self._refresh_status()
        self.set_interval(0.25, self._refresh_status)

    def on_resize(self) -> None:
        widths = self._widths()
        if widths != self.widths:
            self.widths = widths
            self._draw_all()

    def _widths(self) -> dict[str, int]:
        """Fixed narrow columns; the two note columns share what is left."""
        fixed = {"resident": 10, "colour": 13, "trend": 2 * triage.TREND_LENGTH - 1,
                 "owner": 10}
        spare = max(16, self.size.width - sum(fixed.values()) - len(COLUMNS) - 4)
        return {**fixed, "change": spare // 2, "action": spare - spare // 2}

    def _draw_all(self) -> None:
        self.query_one("#header", Static).update(
            self._line({key: Text(label) for key, label in COLUMNS.items()}), layout=False)
        for resident_id in self.rows:
            self._draw_row(resident_id)

    # -- rows

    def cells(self, resident_id: str) -> dict[str, Text]:
        """The row's columns, each as styled text (not yet cut to width)."""
        resident = self.round.resident(resident_id)
        entry = self.round.entries.get(resident_id)
        name = " ".join(p for p in (resident.initials, resident.room) if p)
        if self.round.escalated(resident_id):
            name += " ↑"
        change, automatic = self.round.change_text(resident_id)
        return {
            "resident": Text(name, style="bold"),
            "colour": colour_cell(self.round.colour(resident_id)),
            "trend": trend_cell(self.round.trends.get(resident_id, [])),
            "change": Text(" ".join(change.split()), style="italic dim" if automatic else ""),
            "action": Text(" ".join((entry.action if entry else "").split())),
            "owner": Text(entry.owner if entry else ""),
        }

    def _line(self, cells: dict[str, Text]) -> Text:
        line = Text(no_wrap=True, overflow="crop")
        for index, key in enumerate(COLUMNS):
            if index:
                line.append(" ")
            line.append_text(_fit(cells[key], self.widths[key]))
        return line

    def _draw_row(self, resident_id: str) -> None:
        self.rows[resident_id].show(self._line(self.cells(resident_id)))

    def _update_row(self, resident_id: str) -> None:
        self._draw_row(resident_id)
        self._refresh_status()

    # -- status lines

    @property
    def selected_id(self) -> str | None:
        row = self.query_one("#board", TriageBoard).selected
        return row.resident_id if row is not None else None

    def _refresh_status(self) -> None:
        counts = self.round.counts()
        planned = self.round.item.planned_minutes * 60
        used = self.timer.total()
        rated = len(self.round.residents) - counts[triage.NOT_RATED]
        round_text = Text.assemble(
            ("Runde ", "bold") if self.timer.running else ("Pause ", "bold reverse"),
            (format_duration(used), "bold red" if used > planned else "bold"),
            f" af {format_duration(planned)}",
            f" (farver {format_duration(self.round.planned_by_colour())})",
            f" · {rated}/{len(self.round.residents)} vurderet: ",
            triage.format_counts({**counts, triage.NOT_RATED: 0}),
        )
        self._show("#round", round_text)
        self._show("#current", self._current_text())

    def _show(self, widget_id: str, text: Text) -> None:
        """Redraw a status line only when it changed; its height is fixed (no layout)."""
        if self.shown.get(widget_id) != text:
            self.shown[widget_id] = text
            self.query_one(widget_id, Static).update(text, layout=False)

    def _current_text(self) -> Text:
        resident_id = self.selected_id
        if resident_id is None:
            return Text("Ingen beboere på tavlen endnu: tryk a for at tilføje en beboer "
                        "(initialer og/eller stue).", style="italic")
        resident = self.round.resident(resident_id)
        budget = self.round.budget(resident_id)
        remaining = budget - self.timer.used(resident_id)
        phase = triage.phase(remaining, budget)
        style = {"normal": "bold", "snart": "bold yellow", "overtid": "bold red reverse"}[phase]
        countdown = (f"{format_duration(remaining)} tilbage" if remaining >= 0
                     else f"{format_duration(-remaining)} over tid")
        line = Text.assemble(
            (resident.label, "bold"), " · ", colour_cell(self.round.colour(resident_id)),
            " · ", (countdown, style), f" (ramme {format_duration(budget)})",
        )
        trend = self.round.trends.get(resident_id, [])
        last = triage.latest_colour(trend)
        running = triage.weeks_running(trend, last) if last else 0
        extra = []
        if running >= 3:
            extra.append(f"{triage.colour_label(last)} ved de seneste {running} møder")
        escalated = self.round.escalated(resident_id)
        if escalated is not None:
            extra.append(self.escalation_texts.setdefault(
                escalated.id, self.round.escalation_text(escalated)))
        tasks = [f for f in self.round.followups_of(resident_id)
                 if f.is_open and f.escalated_to is None]
        if tasks:
            extra.append("opfølgning: " + "; ".join(_task(f) for f in tasks))
        earlier = [f for f in self.round.earlier_of(resident_id) if f.escalated_to is None]
        if earlier:
            extra.append("åben fra tidligere: " + "; ".join(_task(f) for f in earlier))
        if extra:
            line.append("\n" + " · ".join(extra), style="italic")
        return line

    # -- events and actions

    def on_triage_board_highlighted(self, event: TriageBoard.Highlighted) -> None:
        self.timer.select(event.resident_id)
        self._refresh_status()

    def on_triage_board_selected(self, event: TriageBoard.Selected) -> None:
        event.stop()
        self.action_note()

    def action_rate(self, colour: str) -> None:
        resident_id = self.selected_id
        if resident_id is None or not self.round.rate_in_memory(resident_id, colour):
            return
        self._update_row(resident_id)
        self.rating_number += 1
        number = self.latest_rating[resident_id] = self.rating_number
        self.writer.submit(lambda: self._write_rating(resident_id, number))

    def _write_rating(self, resident_id: str, number: int) -> None:
        """On the writer thread: the resident's colour as shown now, unless a newer key for
        the same resident is already queued (1 then 3 in quick succession writes green once
        and makes no red task to drop again)."""
        if self.latest_rating.get(resident_id) != number:
            return
        colour = self.round.colour(resident_id)
        if colour is not None:
            self.round.save_rating(resident_id, colour)

    def on_triage_write_failed(self, message: TriageWriteFailed) -> None:
        if not isinstance(message.error, MeetingToolError):
            raise message.error  # a bug: the app's crash handling takes over
        self.notify(message.error.message, title="Kunne ikke gemme", severity="error",
                    timeout=15)

    def open_dialog(self, dialog: ModalScreen, callback) -> None:
        """Dialogs read and write the store themselves: every rating is on disk first."""
        self.writer.flush()
        self.app.push_screen(dialog, callback)

    def action_note(self) -> None:
        resident_id = self.selected_id
        if resident_id is None:
            return
        owners = [a.name for a in self.round.meeting.attendance]
        self.open_dialog(TriageNoteDialog(self.round, resident_id, owners),
                             lambda saved: self._after_dialog(resident_id, saved, None))

    def action_borgergennemgang(self) -> None:
        resident_id = self.selected_id
        if resident_id is None:
            return
        label = self.round.resident(resident_id).label
        self.open_dialog(
            BorgergennemgangDialog(self.round, resident_id),
            lambda saved: self._after_dialog(
                resident_id, saved, f"Borgergennemgang gemt for {label}."),
        )

    def action_escalate(self) -> None:
        resident_id = self.selected_id
        if resident_id is None:
            return

        def done(sent) -> None:
            if sent:
                self.escalation_texts[sent.id] = text = self.round.escalation_text(sent)
                self._after_dialog(resident_id, True, text)

        self.open_dialog(EscalationDialog(self.round, resident_id), done)

    def _after_dialog(self, resident_id: str, saved, message: str | None) -> None:
        if saved:
            self._update_row(resident_id)
            if message:
                self.notify(message)

    def action_toggle_timer(self) -> None:
        if self.timer.running:
            self.timer.pause()
        else:
            self.timer.resume()
        self._refresh_status()

    def action_add_resident(self) -> None:
        def added(resident) -> None:
            if resident:
                row = BoardRow(resident.id)
                self.rows[resident.id] = row
                self.query_one("#board", TriageBoard).add_row(row)
                self._draw_row(resident.id)
                self._refresh_status()
                self.notify(f"{resident.label} er tilføjet tavlen.")

        self.open_dialog(ResidentDialog(self.round), added)

    def action_rename_resident(self) -> None:
        resident_id = self.selected_id
        if resident_id is not None:
            self.open_dialog(ResidentDialog(self.round, resident_id),
                             lambda saved: self._after_dialog(resident_id, saved, None))

    def action_move_out(self) -> None:
        from meetingtool.tui.dialogs import ConfirmDialog

        resident_id = self.selected_id
        if resident_id is None:
            return
        label = self.round.resident(resident_id).label

        def answered(yes: bool | None) -> None:
            if yes:
                self.round.move_out(resident_id)
                self.query_one("#board", TriageBoard).remove_row(resident_id)
                del self.rows[resident_id]
                self._refresh_status()
                self.notify(f"{label} er markeret som fraflyttet; historikken er bevaret.")

        self.open_dialog(ConfirmDialog(f"Er {label} flyttet? Beboeren tages af tavlen, "
                                       "og historikken bevares."), answered)

    def action_back(self) -> None:
        self.timer.stop()
        self.writer.close()
        self.dismiss(None)

    def on_unmount(self) -> None:
        self.writer.close()


def colour_cell(colour: str | None) -> Text:
    """Today's colour as a dot and word, or "ikke vurderet"."""
    if colour is None:
        return Text(triage.NOT_RATED, style="italic dim")
    return Text(f"{triage.DOT} {triage.colour_label(colour)}", style=COLOUR_STYLES[colour])


def trend_cell(trend: list[str | None]) -> Text:
    """The trend's dots, each in its colour ("–" before the team's first meeting)."""
    if not trend:
        return Text("–", style="dim")
    text = Text()
    for index, (symbol, colour) in enumerate(triage.trend_segments(trend)):
        if index:
            text.append(" ")
        text.append(symbol, style=COLOUR_STYLES.get(colour or "", "dim"))
    return text


def _task(followup: FollowUp) -> str:
    """A follow-up in the panel: its rule text without the deadline, and who has it."""
    owner = f" ({followup.owner})" if followup.owner else " (ansvarlig mangler)"
    return followup.text.split(" – ")[0] + owner


def _fit(text: Text, width: int) -> Text:
    """Cut to ``width`` with an ellipsis, or pad with spaces, keeping the styles."""
    text = text.copy()
    if text.cell_len > width:
        text.truncate(max(0, width - 1))
        text.append("…")
    text.pad_right(width - text.cell_len)
    return text
