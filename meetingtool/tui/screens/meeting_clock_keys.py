"""The meeting screen's clock keys: start/pause, next/previous item, a minute more or less.

Mixed into ``MeetingScreen`` (screens/meeting.py), which holds the clock and draws; every
change is saved through ``MeetingSaving`` and drawn by ``update_display``. The clock itself
(``core.clock.MeetingClock``) keeps the time; these methods only ask it and show.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from meetingtool.actions.lifecycle import is_finished, mark_started
from meetingtool.core.clock import MeetingClock
from meetingtool.core.dates import format_date
from meetingtool.core.model import Meeting, MeetingItem
from meetingtool.core.vocab import MeetingStatus
from meetingtool.tui.dialogs import ConfirmDialog
from meetingtool.tui.messages import ItemOvertime
from meetingtool.tui.screens.meeting_actions import EMPTY_AGENDA


class MeetingClockKeys:
    """``space``, ``n``, ``p``, ``+`` and ``-`` of ``MeetingScreen``."""

    app: Any
    meeting: Meeting
    clock: MeetingClock
    wall: Callable[[], datetime]
    overtime_announced: set[int]
    current_item: MeetingItem | None
    notify: Any
    save: Any
    capture_notes: Any
    update_display: Any

    # --- Messages -------------------------------------------------------------------

    def on_item_overtime(self, message: ItemOvertime) -> None:
        item = self.meeting.item(message.item_id)
        self.notify(
            f"Punkt {self.meeting.item_number(item.id)} er over den planlagte tid"
            f" ({item.planned_minutes} min).",
            severity="warning",
        )

    # --- Actions: the clock ---------------------------------------------------------

    def action_toggle_clock(self) -> None:
        if is_finished(self.meeting):
            self.notify("Mødet er afsluttet; uret kan ikke startes igen.", severity="warning")
            return
        if not self.meeting.items:
            self.notify(EMPTY_AGENDA, severity="warning")
            return
        today = self.wall().date()
        if (self.meeting.status == MeetingStatus.PLANLAGT and not self.clock.running
                and self.meeting.date != today):
            # Starting a meeting dated another day marks that meeting as held: ask first.
            def answered(start: bool | None) -> None:
                if start:
                    self.start_or_pause_clock()

            self.app.push_screen(ConfirmDialog(
                f"Mødet er dateret {format_date(self.meeting.date)}, ikke i dag "
                f"({format_date(today)}). Start uret alligevel?",
                yes_label="Start uret", no_label="Fortryd"), answered)
            return
        self.start_or_pause_clock()

    def start_or_pause_clock(self) -> None:
        self.clock.toggle()
        if self.clock.running and mark_started(self.meeting):
            self.save(backup="møde startet")
        else:
            self.save()
        self.update_display()

    def move(self, step: Callable[[], bool], at_end: str) -> None:
        self.capture_notes()
        if not step():
            self.update_display()
            self.notify(at_end if self.meeting.items else EMPTY_AGENDA)
            return
        self.save()
        self.update_display()

    def action_next_item(self) -> None:
        self.move(self.clock.next, "Det er sidste punkt. Afslut mødet med x.")

    def action_previous_item(self) -> None:
        self.move(self.clock.previous, "Det er første punkt.")

    def adjust(self, minutes: int) -> None:
        item = self.current_item
        if item is None:
            return
        before = item.planned_minutes
        self.clock.adjust_planned(minutes)
        if item.planned_minutes == before:
            self.notify("Et punkt skal have mindst 1 minut.")
            return
        if self.clock.phase() != "overtid":
            self.overtime_announced.discard(item.id)
        self.save()
        self.update_display()

    def action_more_time(self) -> None:
        self.adjust(+1)

    def action_less_time(self) -> None:
        self.adjust(-1)
