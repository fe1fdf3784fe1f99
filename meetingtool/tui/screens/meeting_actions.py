"""The meeting screen's keys that open something: dialogs to record, the screens beside it
(attendance, agenda, triage, review, trials), and ending or closing the meeting.

Mixed into ``MeetingScreen`` (screens/meeting.py), which holds the clock, the display and
the current item; saving goes through ``MeetingSaving`` (screens/meeting_saving.py).
Every rule about what may happen lives in ``actions/``; these methods only ask and show.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from datetime import datetime
from typing import Any

from textual.screen import Screen

from meetingtool.actions.course_trial import CourseTrialNote, trial_at_course_end
from meetingtool.actions.lifecycle import end_meeting, is_finished
from meetingtool.actions.next_meeting import (
    apply_next_meeting,
    plan_after_change,
    plan_next_meeting,
)
from meetingtool.core.clock import MeetingClock
from meetingtool.core.dates import format_date, format_time
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Meeting, MeetingItem
from meetingtool.core.vocab import ItemKind, Presence
from meetingtool.tui.dialogs import (
    ConfirmDialog,
    DecisionDialog,
    DecisionsDialog,
    FollowUpDialog,
    FollowUpEntry,
)
from meetingtool.tui.messages import DecisionRecorded, FollowUpRecorded
from meetingtool.tui.screens.attendance import AttendanceScreen
from meetingtool.tui.screens.prepare import PrepareScreen
from meetingtool.tui.writer_reads import error_message

EMPTY_AGENDA = "Dagsordenen er tom – tryk r for at tilføje punkter."


class MeetingActions:
    """The recording, navigating and closing keys of ``MeetingScreen``."""

    app: Any
    meeting: Meeting
    meeting_id: int
    clock: MeetingClock
    store: Any
    writer: Any
    wall: Callable[[], datetime]
    monotonic: Callable[[], float]
    current_item: MeetingItem | None
    notify: Any
    save: Any
    export: Any
    show_recorded: Any
    load_item: Any
    update_display: Any
    refresh_bindings: Any
    post_message: Any
    dismiss: Any

    # --- Actions: recording ---------------------------------------------------------

    def on_decision_recorded(self, message: DecisionRecorded) -> None:
        """Saved and listed under the item: the list is the confirmation."""
        self.query_one("#recorded").scroll_visible(animate=False)

    def on_follow_up_recorded(self, message: FollowUpRecorded) -> None:
        self.query_one("#recorded").scroll_visible(animate=False)

    def action_decision(self) -> None:
        item = self.current_item
        if item is None:
            self.notify(EMPTY_AGENDA, severity="warning")
            return
        item_id = item.id

        def saved(text: str | None) -> None:
            if not text:
                return
            meeting_id = self.meeting_id
            self.record(lambda store: store.add_decision(meeting_id, item_id, text), item_id,
                        lambda decision: self.post_message(DecisionRecorded(decision)),
                        "Beslutningen blev ikke gemt")

        self.app.push_screen(DecisionDialog.kept(self.app, item.title), saved)

    def action_edit_decisions(self) -> None:
        item = self.current_item
        if item is None:
            return

        def closed(changed: bool | None) -> None:
            if changed:
                self.show_recorded()

        self.app.push_screen(
            DecisionsDialog(self.store, self.meeting_id, item.id, item.title,
                            attendees=self.attendee_names(), today=self.meeting.date),
            closed,
        )

    def attendee_names(self) -> list[str]:
        """Names for the owner field: present people first, then the rest."""
        attendance = self.meeting.attendance
        present = [person.name for person in attendance if person.presence == Presence.TIL_STEDE]
        others = [person.name for person in attendance if person.presence != Presence.TIL_STEDE]
        return present + others

    def action_followup(self) -> None:
        item = self.current_item
        if item is None:
            self.notify(EMPTY_AGENDA, severity="warning")
            return
        item_id = item.id

        def saved(entry: FollowUpEntry | None) -> None:
            if entry is None:
                return
            meeting_id = self.meeting_id
            self.record(lambda store: store.add_followup(meeting_id, item_id, entry.text,
                                                         owner=entry.owner, due=entry.due,
                                                         internal=entry.internal),
                        item_id, lambda followup: self.post_message(FollowUpRecorded(followup)),
                        "Opfølgningen blev ikke gemt")

        # Due dates are read from the meeting's day ("+14" is two weeks after the meeting),
        # also when the minutes are finished a day later.
        self.app.push_screen(FollowUpDialog.kept(self.app, item.title, self.attendee_names(),
                                                 self.meeting.date),
                             saved)

    def action_attendance(self) -> None:
        self.app.push_screen(
            AttendanceScreen(self.meeting, save=self.save, store=self.store),
            lambda _result: self.after_subscreen(),
        )

    def action_prepare(self) -> None:
        self.app.push_screen(
            PrepareScreen(self.store, self.meeting, save=self.save),
            lambda _result: self.after_subscreen(),
        )

    def action_triage(self) -> None:
        """Open the triage round (one row per resident) of the current triage item."""
        from meetingtool.tui.screens.triage import TriageScreen

        item = self.current_item
        if item is None or item.kind != ItemKind.TRIAGE:
            return
        self.save()
        self.app.push_screen(
            TriageScreen(self.store, self.meeting_id, item.id,
                         monotonic=self.monotonic, wall=self.wall),
            lambda _result: self.after_subscreen(),
        )

    def action_review(self) -> None:
        """Review the open follow-ups (screens/review.py) on an opfølgning item."""
        from meetingtool.tui.screens.review import ReviewScreen

        self.save()
        self.app.push_screen(ReviewScreen.kept(self.app, self.store, self.meeting_id,
                                               today=self.meeting.date),
                             lambda _result: self.after_subscreen())

    def action_trials(self) -> None:
        """Trial actions to evaluate and follow (screens/trials.py) on their item."""
        from meetingtool.tui.screens.trials import TrialsScreen

        self.save()
        self.app.push_screen(TrialsScreen(self.store, self.meeting_id, today=self.wall().date()),
                             lambda _result: self.after_subscreen())

    def action_approve_minutes(self) -> None:
        """Godkendelse af referat (dialogs/approval.py) for the previous meeting."""
        from meetingtool.tui.dialogs.approval import ApprovalDialog

        self.app.push_screen(ApprovalDialog(self.store, self.meeting_id),
                             lambda _result: self.after_subscreen())

    def action_escalate(self) -> None:
        """Send a point from the current item to another council (dialogs/escalation.py)."""
        from meetingtool.tui.dialogs.escalation import EscalationDialog

        if self.current_item is not None:
            self.app.push_screen(
                EscalationDialog(self.store, (self.meeting_id, self.current_item.id),
                                 meeting_id=self.meeting_id),
                lambda _result: self.after_subscreen(),
            )

    def action_search(self) -> None:
        """Search past meetings (screens/search.py); a hit here moves to its item."""
        from meetingtool.tui.screens.search import SearchScreen

        self.save()
        self.app.push_screen(SearchScreen(self.store))

    def action_indicators(self) -> None:
        """The council's indicators as run charts (screens/indicators.py)."""
        from meetingtool.tui.screens.indicators import IndicatorScreen

        self.save()
        self.app.push_screen(IndicatorScreen(self.store, self.meeting.council_id))

    async def action_indicator_values(self) -> None:
        """This period's indicator values (dialogs/indicator_values.py)."""
        from meetingtool.tui.dialogs.indicator_values import enter_values

        await enter_values(self)

    def after_subscreen(self) -> None:
        """Back from attendance or preparing: the agenda or the current item may differ."""
        self.save()
        self.load_item()
        self.update_display()

    def action_projector(self) -> None:
        """Say how to open the room's view (screens/projector.py) in another terminal."""
        from meetingtool.tui.screens.projector import projector_command

        self.notify(f"Kør i en anden terminal, fx på projektorens skærm:\n"
                    f"{projector_command(self.store, self.meeting_id)}",
                    title="Projektor", timeout=20)

    # --- Actions: export, end, close ------------------------------------------------

    def action_export(self) -> None:
        self.save()
        self.export(redact=False)

    def action_next_meeting(self) -> None:
        """Set the next meeting's date, time, place and theme (shown in the minutes)."""
        from meetingtool.tui.dialogs.next_meeting import NextMeetingDialog

        def saved(entry) -> None:  # type: ignore[no-untyped-def]
            if entry is None:
                return
            try:
                before = apply_next_meeting(self.meeting, entry.on, start_time=entry.start_time,
                                            place=entry.place, theme=entry.theme)
            except MeetingToolError as error:
                self.notify(error.message, title="Næste møde", severity="error")
                return
            self.save()  # the fields, in order with every other save
            snapshot = deepcopy(self.meeting)

            def planned(meeting: Meeting | None) -> None:
                where = f" (møde {meeting.id}, planlagt)" if meeting is not None else ""
                self.notify(f"Næste møde: {format_date(entry.on)}{where}.")

            self.writer.submit(lambda store: plan_after_change(store, snapshot, before),
                               planned, self.tell_next_meeting_failed)

        self.save()
        self.app.push_screen(NextMeetingDialog(self.meeting), saved)

    def action_end_meeting(self) -> None:
        if is_finished(self.meeting):
            self.notify("Mødet er allerede afsluttet. Tryk e for at eksportere referatet.")
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.clock.pause()
            try:
                end_meeting(self.meeting, self.wall())
            except MeetingToolError as error:  # ended meanwhile in another terminal
                self.notify(error.message, severity="warning")
                return
            self.save(backup="møde afsluttet")
            # The next meeting the chair set becomes the council's planned meeting.
            snapshot = deepcopy(self.meeting)
            self.writer.submit(lambda store: plan_next_meeting(store, snapshot), None,
                               self.tell_next_meeting_failed)
            meeting_id = self.meeting_id  # a course's last dialogue meeting: the team's trial
            self.writer.submit(lambda store: trial_at_course_end(store, meeting_id),
                               self.tell_course_trial, self.tell_course_trial)
            self.refresh_bindings()
            self.update_display()
            self.notify(
                f"Mødet er afsluttet kl. {format_time(self.meeting.ended_at)}."
                " Tryk e for at eksportere referatet.",
                title="Afsluttet",
                timeout=10,
            )

        self.app.push_screen(
            ConfirmDialog.kept(self.app,
                               "Afslut mødet nu? Sluttidspunktet gemmes, og uret stoppes.",
                               yes_label="Afslut mødet", no_label="Fortsæt"),
            answered,
        )

    def tell_next_meeting_failed(self, error: BaseException) -> None:
        self.notify(error_message(error), title="Næste møde",
                    severity="warning")

    def tell_course_trial(self, said: CourseTrialNote | MeetingToolError | None) -> None:
        """What ``actions.course_trial`` made (or could not) when the meeting ended."""
        if isinstance(said, MeetingToolError):
            self.notify(said.message, title="Prøvehandlingen blev ikke oprettet",
                        severity="error", timeout=12)
        elif said is not None:
            self.notify(said.text, title="Prøvehandling", severity=said.severity, timeout=12)

    def action_close(self) -> None:
        if not self.clock.running:
            self.close()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.clock.pause()
                self.close()

        self.app.push_screen(
            ConfirmDialog("Uret kører. Sæt det på pause og luk mødet? Alt er gemt.",
                          yes_label="Luk mødet", no_label="Bliv"),
            answered,
        )

    def close(self) -> None:
        """Save, then go back to the screen below (e.g. home) or, if there is none, quit."""
        self.save()
        below = self.app.screen_stack[:-1]
        if any(type(screen) is not Screen for screen in below):
            self.dismiss(self.meeting_id)
        else:
            self.app.exit()
