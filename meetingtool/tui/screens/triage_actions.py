"""The triage screen's keys that open a dialog, and what the screen does with its answer.

Mixed into ``TriageScreen`` (screens/triage.py), which holds the round, the board and the
timer. Each key waits for the round when it is still being read (``round_ready``); each
dialog saves through the round on the app's one ordered writer, behind the ratings queued
before it, and the screen redraws the row when the dialog closes with what was saved.
"""

from __future__ import annotations

from textual.screen import ModalScreen

from meetingtool.tui.dialogs import ConfirmDialog
from meetingtool.tui.dialogs.triage import (
    BorgergennemgangDialog,
    Escalated,
    ResidentDialog,
    ResidentEscalationDialog,
    TasksDialog,
    TriageNoteDialog,
)
from meetingtool.tui.widgets.triage_board import BoardRow, TriageBoard
from meetingtool.tui.writer_reads import error_message

__all__ = ["TriageActions"]


class TriageActions:
    """The dialog keys of ``TriageScreen`` (enter, g, o, u, a, r, x)."""

    async def selected_when_ready(self) -> str | None:
        """The selected resident once the board is there (``None``: none, or not yet)."""
        return self.selected_id if await self.round_ready() else None

    def open_dialog(self, dialog: ModalScreen, callback) -> None:
        """Dialogs save on the app's writer, behind the ratings queued before them."""
        self.app.push_screen(dialog, callback)

    async def action_note(self) -> None:
        resident_id = await self.selected_when_ready()
        if resident_id is not None:
            self.open_note(resident_id)

    def open_note(self, resident_id: str) -> None:
        owners = [a.name for a in self.round.meeting.attendance]
        self.open_dialog(TriageNoteDialog(self.round, resident_id, owners,
                                          writer=self.app_writer),
                         lambda saved: self._after_dialog(resident_id, saved, None))

    async def action_borgergennemgang(self) -> None:
        resident_id = await self.selected_when_ready()
        if resident_id is None:
            return
        label = self.round.resident(resident_id).label
        self.open_dialog(
            BorgergennemgangDialog(self.round, resident_id, writer=self.app_writer),
            lambda saved: self._after_dialog(
                resident_id, saved, f"Borgergennemgang gemt for {label}."),
        )

    async def action_tasks(self) -> None:
        resident_id = await self.selected_when_ready()
        if resident_id is not None:
            self.open_dialog(TasksDialog(self.round, resident_id, writer=self.app_writer),
                             lambda changed: self._after_dialog(resident_id, changed, None))

    async def action_escalate(self) -> None:
        resident_id = await self.selected_when_ready()
        if resident_id is None:
            return

        def done(sent: Escalated | None) -> None:
            if sent and self.data is not None:
                self.data.escalation_texts[sent.followup.id] = sent.text
                if sent.targets is not None:
                    self.data.targets = sent.targets
                self._after_dialog(resident_id, True, sent.text)

        self.open_dialog(ResidentEscalationDialog(self.round, resident_id, self.data.targets,
                                                  writer=self.app_writer), done)

    def _after_dialog(self, resident_id: str, saved, message: str | None) -> None:
        if saved and self.is_attached:
            self._update_row(resident_id)
            if message:
                self.notify(message)

    async def action_toggle_timer(self) -> None:
        if not await self.round_ready():
            return
        if self.timer.running:
            self.timer.pause()
        else:
            self.timer.resume()
        self._refresh_status()

    async def action_add_resident(self) -> None:
        if not await self.round_ready():
            return

        def added(resident) -> None:
            if resident and self.is_attached:
                row = BoardRow(resident.id)
                self.rows[resident.id] = row
                self.query_one("#board", TriageBoard).add_row(row)
                self._draw_row(resident.id)
                self._refresh_status()
                self.notify(f"{resident.label} er tilføjet tavlen.")

        self.open_dialog(ResidentDialog(self.round, writer=self.app_writer), added)

    async def action_rename_resident(self) -> None:
        resident_id = await self.selected_when_ready()
        if resident_id is not None:
            self.open_dialog(ResidentDialog(self.round, resident_id, writer=self.app_writer),
                             lambda saved: self._after_dialog(resident_id, saved, None))

    async def action_move_out(self) -> None:
        resident_id = await self.selected_when_ready()
        if resident_id is None:
            return
        label = self.round.resident(resident_id).label
        triage_round = self.round

        def moved(_resident) -> None:
            if not self.is_attached or resident_id not in self.rows:
                return
            self.query_one("#board", TriageBoard).remove_row(resident_id)
            del self.rows[resident_id]
            self._refresh_status()
            self.notify(f"{label} er markeret som fraflyttet; historikken er bevaret.")

        def answered(yes: bool | None) -> None:
            if yes:  # saved on the writer; the row goes when it is
                self.app_writer.submit(lambda _store: triage_round.move_out(resident_id),
                                       moved, self.move_failed, label="triage")

        self.open_dialog(ConfirmDialog(f"Er {label} flyttet? Beboeren tages af tavlen, "
                                       "og historikken bevares."), answered)

    def move_failed(self, error: BaseException) -> None:
        self.notify(error_message(error), title="Kunne ikke gemme",
                    severity="error", timeout=15)
