"""The triage round (tavlemøde) as a use case: ratings, colour rules, notes, escalation.

One ``TriageRound`` per triage item of a meeting. It reads the team's residents, their
trend and today's ratings once when it opens; afterwards each change is one small store
write, and the in-memory copies are updated from what the store returns. The rules it
keeps, whoever drives it (the TUI's triage screen, the demo, the benchmark, the tests):

- the round is ordered by each resident's latest colour before today (red, yellow, green,
  never rated last) and keeps that order while the team rates;
- a colour makes the template's colour-rule follow-ups for that resident once: pressing
  the same colour again changes nothing, and a task of the same rule still open from an
  earlier round carries on instead of a new one; a rule follow-up nobody took on yet (no
  owner) goes when the colour changes: deleted if today's colour made it (a corrected
  key leaves nothing in the minutes), set Udgået if it came from an earlier round, and
  opened again if the colour comes back;
- an owner written at the board is given to the resident's rule follow-ups of today that
  have none yet ("owner to be set" is settled at the board);
- a resident's task is closed at the board (Udført or Udgået), in its history;
- a row is sent on to the kvalitetsudvalg (or another council) with the resident's
  initials and/or room only: a CPR number or a full name is refused;
- a CPR number is refused in every note and identifier.

No Textual here; ``actions.triage_writer`` runs the rating writes off the key's path.
The TUI reads a round on its screen's thread while the writes run on the app's writer:
a dict the screen may be going through is replaced by a new one, never grown in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from meetingtool.actions import escalation
from meetingtool.actions.review import only_of_this_meeting, review_followup
from meetingtool.core import identifiers, triage
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import (
    Borgergennemgang,
    FollowUp,
    Meeting,
    Resident,
    TriageEntry,
    TriageSettings,
)
from meetingtool.core.vocab import FollowUpStatus

__all__ = ["ESCALATION_KIND", "TriageRound"]

ESCALATION_KIND = "kvalitetsudvalg"
"""The kind of council a row goes to first (listed first among the targets)."""


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
        """Red / yellow / green / not rated among the residents on the board now (one moved
        out during the round no longer counts, so the parts add up to the board)."""
        on_board = [r.id for r in self.residents]
        present = set(on_board)
        shown = [entry for rid, entry in self.entries.items() if rid in present]
        return triage.colour_counts(shown, on_board)

    def followups_of(self, resident_id: str) -> list[FollowUp]:
        labels = self._labels[resident_id]
        return [f for f in self.followups if f.resident in labels]

    def earlier_of(self, resident_id: str) -> list[FollowUp]:
        """The resident's tasks and cases from earlier rounds that are still open."""
        labels = self._labels[resident_id]
        return [f for f in self.earlier_open if f.resident in labels and f.is_open]

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
        self.entries = {**self.entries, resident_id: replace(entry, colour=colour)}
        return True

    def save_rating(self, resident_id: str, colour: str) -> None:
        """One store write for the colour, then the colour rules' follow-ups."""
        entry = self.store.set_triage_entry(self.meeting.id, resident_id, colour=colour)
        if self.colour(resident_id) == colour:  # not changed again in the meantime
            self.entries = {**self.entries, resident_id: entry}
        self._sync_rule_followups(resident_id, colour)

    def note(self, resident_id: str, *, change: str, action: str, owner: str) -> TriageEntry:
        """What changed, the agreed action and its owner; a CPR number is refused.

        A new owner is also given to this resident's colour-rule follow-ups of today that
        have none yet ("owner to be set" is settled at the board).
        """
        known = self._known_names()
        change = identifiers.check_case_text(change, "'Hvad er ændret'", known)
        action = identifiers.check_case_text(action, "handlingen", known)
        owner = identifiers.check_note(owner, "ansvarlig")
        entry = self.store.set_triage_entry(
            self.meeting.id, resident_id, change=change, action=action, owner=owner
        )
        self.entries = {**self.entries, resident_id: entry}
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
        resident = self.resident(resident_id)
        known = self._known_names()
        text = identifiers.check_case_text(text, "sagen", known)
        reason = identifiers.check_case_text(reason, "begrundelsen", known)
        if not text or text.rstrip(": ") == resident.label:
            raise MeetingToolError("Skriv, hvad sagen drejer sig om.")
        if not reason:
            raise MeetingToolError("Skriv kort, hvorfor sagen sendes videre.")
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
        return escalation.escalation_text(self.store, followup)

    def create_council(self, name: str) -> str:
        """A new receiving council, its kind read from the name; returns its id."""
        name = identifiers.check_note(name, "rådets navn")
        return escalation.create_council(self.store, name).id

    def borgergennemgang(self, resident_id: str,
                         answers: dict[str, str]) -> Borgergennemgang:
        """The five questions' answers as one note in the resident's history."""
        known = self._known_names()
        cleaned = {
            key: identifiers.check_case_text(answers.get(key, ""), f"'{question}'", known)
            for key, question in triage.BORGERGENNEMGANG_QUESTIONS.items()
        }
        if not any(cleaned.values()):
            raise MeetingToolError("Besvar mindst ét af de fem spørgsmål.")
        return self.store.add_borgergennemgang(resident_id, self.meeting.id, cleaned)

    def _known_names(self) -> list[str]:
        """Council and team names, which a case text may name without naming a person."""
        return [council.name for council in self.store.councils()]

    def escalation_targets(self) -> list[str]:
        """Councils a row can go to, kvalitetsudvalg first."""
        councils = [c for c in self.store.councils() if c.id != self.meeting.council_id]
        councils.sort(key=lambda c: (c.kind != ESCALATION_KIND, c.name))
        return [c.name for c in councils]

    # -- the board's residents

    def add_resident(self, initials: str, room: str) -> Resident:
        """A new resident on the team's board, last in this round (never rated)."""
        initials, room = identifiers.resident_identifier(initials, room)
        self._check_unique(initials, room, None)
        resident = self.store.add_resident(self.meeting.council_id, initials=initials,
                                           room=room)
        self.residents = [*self.residents, resident]
        self._by_id = {**self._by_id, resident.id: resident}
        self._labels = {**self._labels, resident.id: {resident.label}}
        self.trends = {**self.trends, resident.id: [None] * self.trend_length}
        self.previous = {**self.previous, resident.id: None}
        return resident

    def rename_resident(self, resident_id: str, initials: str, room: str) -> Resident:
        """New initials and/or room; the history stays with the resident."""
        initials, room = identifiers.resident_identifier(initials, room)
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
        other = identifiers.find_duplicate(self.residents, initials, room, except_id)
        if other is not None:
            raise MeetingToolError(
                f"{other.label} står allerede på tavlen. Tilføj stuenummeret for at skelne."
            )

    # -- colour rules

    def _rule_followups(self, resident_id: str) -> list[FollowUp]:
        """The resident's colour-rule tasks: today's, then those from earlier rounds.

        An earlier round's task that was still open when the round began counts as well,
        so a resident red two days running keeps one assessment, not one per round.
        """
        texts = triage.rule_texts(self.settings)
        labels = self._labels[resident_id]
        today = [f for f in self.followups_of(resident_id) if f.item_id == self.item.id]
        earlier = [f for f in self.earlier_open if f.resident in labels]
        return [
            f for f in today + earlier
            if f.escalated_to is None and self._rule_of(f, texts) is not None
        ]

    @staticmethod
    def _rule_of(followup: FollowUp, texts: dict[str, str]) -> str | None:
        for text in texts:
            if followup.text == text or followup.text.startswith(f"{text} – "):
                return text
        return None

    def _sync_rule_followups(self, resident_id: str, colour: str) -> None:
        """Make the colour's rule follow-ups (or reopen dropped ones) and drop the others'.

        Only a follow-up still Åben with no owner is dropped: one somebody took on stays.
        """
        resident = self.resident(resident_id)
        texts = triage.rule_texts(self.settings)
        existing: dict[str | None, FollowUp] = {}
        for made in self._rule_followups(resident_id):
            existing.setdefault(self._rule_of(made, texts), made)  # today's first
        wanted = triage.rule_followups(self.settings, colour, self.wall())
        for rule in wanted:
            followup = existing.get(rule.text)
            if followup is None:
                self.followups = [*self.followups, self.store.add_followup(
                    self.meeting.id, self.item.id, triage.rule_followup_text(rule),
                    due=rule.due.date(), resident=resident.label,
                )]
            elif followup.status == FollowUpStatus.UDGAAET:
                self._replace(self.store.update_followup(
                    followup.id, status=FollowUpStatus.AABEN, meeting_id=self.meeting.id,
                    comment=f"Farven er igen {triage.colour_label(colour)}",
                ))
        wanted_texts = {rule.text for rule in wanted}
        for text, followup in existing.items():
            if text in wanted_texts or followup.status != FollowUpStatus.AABEN or followup.owner:
                continue
            if only_of_this_meeting(followup, self.meeting.id):
                # Made by a colour just corrected: it leaves no trace in the minutes.
                self.store.delete_followup(followup.id)
                self.followups = [f for f in self.followups if f.id != followup.id]
                continue
            self._replace(self.store.update_followup(
                followup.id, status=FollowUpStatus.UDGAAET, meeting_id=self.meeting.id,
                comment=f"Farven ændret til {triage.colour_label(colour)}",
            ))

    def open_tasks(self, resident_id: str) -> list[FollowUp]:
        """The resident's open tasks (today's and earlier rounds'), cases sent on left out."""
        tasks = self.followups_of(resident_id) + self.earlier_of(resident_id)
        return [f for f in tasks if f.is_open and f.escalated_to is None]

    def close_task(self, followup_id: str, status: str) -> FollowUp:
        """A resident's task done (Udført) or no longer needed (Udgået), said at the board;
        kept in its history with this meeting."""
        if status not in (FollowUpStatus.UDFOERT, FollowUpStatus.UDGAAET):
            raise MeetingToolError(f"Ukendt status '{status}'.")
        closed = review_followup(self.store, followup_id, self.meeting.id, status=status,
                                 comment="Afsluttet ved tavlen")
        self._replace(closed)
        return closed

    def keep_time(self, spent: dict[str, float]) -> None:
        """Store the round's time per resident on its item, so it goes on when reopened."""
        rounded = {rid: round(seconds, 1) for rid, seconds in spent.items() if seconds > 0}
        if rounded == self.item.round_seconds:
            return
        self.item.round_seconds = rounded
        self.store.save_meeting(self.meeting)

    def _replace(self, followup: FollowUp) -> None:
        self.followups = [followup if f.id == followup.id else f for f in self.followups]
        self.earlier_open = [followup if f.id == followup.id else f for f in self.earlier_open]
