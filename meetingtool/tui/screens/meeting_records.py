"""The meeting screen's records: each item's decisions and follow-ups, read on the writer.

Mixed into ``MeetingScreen`` beside ``MeetingSaving``. The writer reads the current item's
decisions and follow-ups (and, on a review or approval item, the list as it stands now)
when the item is first shown, at every poll (every few seconds, or at once when a shared
server says another terminal saved this meeting) and together with each new decision or
follow-up (``record``: the save and the read are one job). Each item's list is kept as last
read and shown at once when the chair comes back to it; only a change is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from textual.css.query import NoMatches
from textual.widgets import Static

from meetingtool.actions.items import is_approval_item, is_escalations_item
from meetingtool.actions.meetings import (
    REVIEW_ITEM_TITLE,
    escalations_received,
    followups_to_review,
    is_review_item,
)
from meetingtool.core.clock import MeetingClock
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Meeting, MeetingItem
from meetingtool.tui.widgets import approval_markup, recorded_markup, review_markup
from meetingtool.tui.writer_reads import error_message


@dataclass
class Polled:
    """What a poll found: the recorded lists of an item, maybe newer meeting data."""

    item_id: int | None
    decisions: list = field(default_factory=list)
    followups: list = field(default_factory=list)
    live: str = ""
    live_error: str = ""
    fresh: Meeting | None = None
    notes: str | None = None


class MeetingRecords:
    """Mixed into ``MeetingScreen``: what is recorded under each item, via the writer."""

    meeting: Meeting
    meeting_id: int
    clock: MeetingClock
    copy: Any
    writer: Any
    saves_queued: int
    notes_unsaved: bool
    notes_timer: Any
    notes_item_id: int | None
    last_queued: Meeting | None
    last_pull: float
    polling: bool
    poll_again: bool
    recorded_by_item: dict[int, str]
    items_with_decisions: set[int]
    shown_item_id: int | None

    # --- What another terminal saved; what is recorded under the item --------------------

    def poll(self) -> None:
        """Ask the writer for the current item's records and what another terminal saved."""
        if self.polling:
            self.poll_again = True  # what changed since the one under way was asked
            return
        self.polling = True
        self.poll_again = False
        item = self.current_item  # type: ignore[attr-defined]
        item_id = None if item is None else item.id
        quiet = not (self.notes_unsaved or self.notes_timer is not None)
        editing = self.focused is self.notes_editor  # type: ignore[attr-defined]
        follow = quiet and not editing and not self.clock.running
        pull = quiet and not editing and item_id is not None
        asked_at = self.saves_queued
        copy, meeting_id, today = self.copy, self.meeting_id, self.wall().date()  # type: ignore

        def read(store: Any) -> Polled:
            polled = Polled(item_id)
            if follow and store.changed_elsewhere(copy.meeting):
                polled.fresh = store.meeting(meeting_id)
            elif pull:
                try:
                    polled.notes = store.pull_notes(copy.meeting, item_id)
                except KeyError:
                    pass
            if item_id is not None:
                read_recorded(store, copy.meeting, item_id, today, polled)
            return polled

        def failed(error: BaseException) -> None:
            self.polling = self.poll_again = False
            self.notify(error_message(error),  # type: ignore[attr-defined]
                        severity="error")

        self.writer.submit(read, lambda polled: self.polled(polled, asked_at), failed)

    def show_recorded(self) -> None:
        """List the current item's decisions and follow-ups under it (read on the writer)."""
        self.last_pull = float("-inf")  # and again at the next tick, whatever happens
        if self.is_mounted:  # type: ignore[attr-defined]
            self.poll()

    def polled(self, polled: Polled, asked_at: int) -> None:
        self.polling = False
        if not self.is_mounted:  # type: ignore[attr-defined]
            return
        if self.poll_again:
            self.poll()
        news = asked_at == self.saves_queued and not self.notes_unsaved
        if polled.fresh is not None and news and not self.clock.running:
            self.adopt(polled.fresh)
        elif polled.notes is not None and news and polled.item_id == self.notes_item_id:
            editor = self.notes_editor  # type: ignore[attr-defined]
            if self.focused is not editor and polled.notes != editor.text:  # type: ignore
                self.meeting.item(polled.item_id).notes = polled.notes
                editor.load_text(polled.notes)
        self.show_records(polled)

    def show_records(self, polled: Polled) -> None:
        """An item's records as read: kept for it, and drawn when it is the current item."""
        if polled.item_id is None:
            return
        parts = [polled.live, recorded_markup(polled.decisions, polled.followups)]
        text = "\n\n".join(p for p in parts if p)
        self.recorded_by_item[polled.item_id] = text
        correctable = bool(polled.decisions or any(f.is_open for f in polled.followups))
        offered = polled.item_id in self.items_with_decisions
        if correctable:
            self.items_with_decisions.add(polled.item_id)
        else:
            self.items_with_decisions.discard(polled.item_id)
        current = self.current_item  # type: ignore[attr-defined]
        if current is None or current.id != polled.item_id:
            return
        if polled.live_error:
            self.notify(polled.live_error, severity="error")  # type: ignore[attr-defined]
        if correctable != offered:
            self.refresh_bindings()  # type: ignore[attr-defined]  # "d" comes or goes
        self.show_recorded_text(text)

    def record(self, add: Callable[[Any], Any], item_id: int,
               done: Callable[[Any], None], failed_title: str) -> None:
        """Save a new decision or follow-up (``add``) on the writer and read the item's
        records again in the same job, so the list shows it as soon as it is on disk."""
        copy, today = self.copy, self.wall().date()  # type: ignore[attr-defined]

        def work(store: Any) -> tuple[Any, Polled]:
            saved = add(store)
            polled = Polled(item_id)
            read_recorded(store, copy.meeting, item_id, today, polled)
            return saved, polled

        def finished(result: tuple[Any, Polled]) -> None:
            saved, polled = result
            if self.is_mounted:  # type: ignore[attr-defined]
                self.show_records(polled)
                done(saved)

        def failed(error: BaseException) -> None:
            self.notify(error_message(error),  # type: ignore[attr-defined]
                        title=failed_title, severity="error", timeout=15)

        self.writer.submit(work, finished, failed)

    def show_recorded_text(self, text: str) -> None:
        """Only a change is drawn (the poll every few seconds mostly finds none)."""
        if text == getattr(self, "recorded_text", None):
            return
        try:
            shown = self.query_one("#recorded", Static)  # type: ignore[attr-defined]
        except NoMatches:  # the screen is closing (its widgets go first): nothing to draw
            return
        self.recorded_text = text
        shown.update(text)

    def adopt(self, fresh: Meeting) -> None:
        """Take in what another terminal saved: the writer's copy becomes ``fresh``."""
        self.meeting = deepcopy(fresh)
        self.last_queued = None
        copy = self.copy
        self.writer.submit(lambda _store: setattr(copy, "meeting", fresh))
        self.clock = MeetingClock(self.meeting, monotonic=self.monotonic,  # type: ignore
                                  wall=self.wall)  # type: ignore[attr-defined]
        self.notes_item_id = None  # the current item's notes as stored
        self.shown_item_id = -1  # no item has this id: drawing loads the item, notes and all
        self.update_display()  # type: ignore[attr-defined]


def read_recorded(store: Any, meeting: Meeting, item_id: int, today: Any,
                  polled: Polled) -> None:
    """An item's decisions, follow-ups and (review/approval items) live text: on the writer."""
    polled.decisions = store.decisions(meeting.id, item_id)
    polled.followups = [f for f in store.followups(meeting_id=meeting.id)
                        if f.item_id == item_id]
    try:
        item = meeting.item(item_id)
    except KeyError:
        return
    try:
        polled.live = live_markup(store, meeting, item, today)
    except MeetingToolError as error:
        polled.live_error = error.message


def live_markup(store: Any, meeting: Meeting, item: MeetingItem, today: Any) -> str:
    """On the review and approval items: the follow-ups and the minutes as they are now."""
    from meetingtool.actions.review import approval_text

    if is_review_item(item):
        if is_escalations_item(item):
            listed, heading = escalations_received(store, meeting), "Sager fra andre fora"
        else:
            listed, heading = followups_to_review(store, meeting), REVIEW_ITEM_TITLE
        return review_markup(listed, today, heading)
    if is_approval_item(item):
        previous = store.previous_meeting(meeting.id)
        line = approval_text(previous.approval) if previous is not None else ""
        return approval_markup(previous, line)
    return ""
