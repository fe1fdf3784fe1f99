"""The meeting screen's side of the app's writer: saving and export (what is recorded under
each item, and polling for another terminal's changes: ``meeting_records.py``).

The screen edits its own copy of the meeting (``MeetingScreen.meeting``); the store only
ever sees a second copy that lives on the writer (``WriterCopy.meeting``, the object the
store keeps the merge base of). A save hands the writer a snapshot of the screen's copy,
which the writer copies into its own and saves, in the order the saves were made. So the
screen never waits for the store, and the store is never used from two threads at once.

Everything typed is queued for saving at most ``NOTES_SAVE_DELAY`` after the first change
of a stretch of typing and at once on every way out (another item, a dialog or screen on
top, leaving the notes, quitting, a signal); the writer needs milliseconds for it.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import fields
from typing import Any

from textual import events
from textual.timer import Timer

from meetingtool.core.clock import MeetingClock
from meetingtool.core.cpr import REPLACEMENT as CPR_REPLACEMENT
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Meeting
from meetingtool.export import CprFoundError, export_minutes
from meetingtool.tui.cpr_notice import CprNotice
from meetingtool.tui.dialogs import ConfirmDialog
from meetingtool.tui.writer import writer_for
from meetingtool.tui.writer_reads import error_message

NOTES_SAVE_DELAY = 0.4
"""Notes are queued for the store at most this long after a change."""
CLOCK_SAVE_SECONDS = 10.0
"""While the clock runs, its seconds are written to the store this often."""
OTHERS_SECONDS = 3.0
"""How often the writer reads in what another terminal saved."""
BACKUP_LINE = "sikkerhedskopi …"
"""Added to the status line while the backup of a meeting's start or end runs."""


class WriterCopy:
    """The meeting object the store knows: touched only by jobs on the writer."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting

    def take(self, snapshot: Meeting) -> Meeting:
        for name in (f.name for f in fields(snapshot)):
            setattr(self.meeting, name, getattr(snapshot, name))
        return self.meeting


class MeetingSaving:
    """Mixed into ``MeetingScreen``: everything it does with the store, via the writer."""

    meeting: Meeting
    meeting_id: int
    clock: MeetingClock
    store: Any

    def setup_writer(self, store: Any, meeting_id: int, read: Meeting | None) -> Meeting:
        """The writer, its copy of the meeting (``read`` by the store, or read now), and
        the screen's own copy (returned)."""
        self.writer = writer_for(self.app, store)  # type: ignore[attr-defined]
        self.store = self.writer.store
        self.copy = WriterCopy(read if read is not None else self.store.meeting(meeting_id))
        self.notes_item_id: int | None = None
        """The item whose notes are in the editor right now."""
        self.notes_unsaved = False
        self.notes_timer: Timer | None = None
        self.saves_queued = 0
        self.last_queued: Meeting | None = None
        """The meeting as last handed to the writer: the same again is not written twice."""
        """Counts saves handed to the writer: a poll's news older than a save is dropped."""
        self.polling = False
        self.poll_again = False
        self.backups_running = 0
        """Backups (start, end) handed to the writer and not yet done: said on screen."""
        self.last_pull = 0.0
        self.recorded_by_item: dict[int, str] = {}
        """Each visited item's records as last read: shown at once when it is shown again."""
        self.items_with_decisions: set[int] = set()
        """Items known to have decisions (offers `d` only there)."""
        self.cpr_notice = CprNotice()
        """Warns when an item's notes come to hold a CPR number (saved all the same)."""
        return deepcopy(self.copy.meeting)

    # --- Saving -----------------------------------------------------------------------

    def capture_notes(self) -> None:
        """Copy the editor's text into its item (no store write)."""
        if self.notes_item_id is None:
            return
        text = self.notes_editor.text  # type: ignore[attr-defined]
        try:
            item = self.meeting.item(self.notes_item_id)
        except KeyError:  # the item was removed in the prepare screen
            return
        if item.notes != text:
            item.notes = text
            self.notes_unsaved = True

    def warn_notes_cpr(self) -> None:
        """Warn (``CprNotice``) when typed notes being saved hold a CPR number."""
        item_id = self.notes_item_id
        if item_id is None:
            return
        try:
            item = self.meeting.item(item_id)
        except KeyError:
            return
        name = f"noterne til punkt {self.meeting.item_number(item_id)} ({item.title})"
        self.cpr_notice.check(self, ("notes", item_id), name, item.notes)

    def save(self, *, backup: str = "") -> None:
        """Notes, clock and everything else about the meeting: queued for the store now.

        With ``backup``, a backup marks the moment (start, end of the meeting): the store
        makes one by itself when the status changes; otherwise one is made here.
        """
        self.capture_notes()
        if self.notes_unsaved:
            self.warn_notes_cpr()
        if self.notes_timer is not None:
            self.notes_timer.stop()
            self.notes_timer = None
        self.clock.flush()
        if not backup and self.meeting == self.last_queued:
            return  # the same meeting is already queued (v, then the screen suspends)
        snapshot = deepcopy(self.meeting)
        self.last_queued = snapshot
        self.saves_queued += 1
        self.notes_unsaved = False
        self.last_save = self.monotonic()  # type: ignore[attr-defined]
        copy = self.copy

        def write(store: Any) -> bool:
            before = {b.id for b in store.backups()} if backup else set()
            store.save_meeting(copy.take(snapshot))
            if backup and {b.id for b in store.backups()} <= before:
                store.backup(backup)
            return bool(backup)

        if backup:
            self.backups_running += 1
        self.writer.submit(write, self.saved, self.backup_failed if backup else self.save_failed,
                           label="sikkerhedskopi" if backup else "gem")

    def saved(self, backed_up: bool) -> None:
        if backed_up:
            self.backup_done()

    def backup_done(self) -> None:
        self.backups_running = max(0, self.backups_running - 1)
        if self.is_mounted:  # type: ignore[attr-defined]
            self.update_display()  # type: ignore[attr-defined]

    def backup_failed(self, error: BaseException) -> None:
        self.backup_done()
        self.save_failed(error)

    def save_failed(self, error: BaseException) -> None:
        self.last_queued = None  # the next save writes, even with nothing new
        self.notify(error_message(error),  # type: ignore[attr-defined]
                    title="Kunne ikke gemme", severity="error", timeout=15)

    def on_text_area_changed(self, event: Any) -> None:
        if event.text_area.id != "notes":
            return
        self.capture_notes()
        if self.notes_unsaved and self.notes_timer is None:
            # Not restarted on every key: a long stretch of typing is still saved twice a second.
            self.notes_timer = self.set_timer(  # type: ignore[attr-defined]
                NOTES_SAVE_DELAY, self.save_notes)

    def save_notes(self) -> None:
        self.notes_timer = None
        self.save()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Leaving the notes (a click elsewhere, tab): saved at once."""
        if event.widget is self.notes_editor:  # type: ignore[attr-defined]
            self.capture_notes()
            if self.notes_unsaved or self.notes_timer is not None:
                self.save()

    def on_screen_suspend(self) -> None:
        """A dialog or another screen opens on top: nothing typed may wait for it."""
        self.save()

    def on_unmount(self) -> None:
        self.save()

    # --- Export -----------------------------------------------------------------------

    def export(self, *, redact: bool) -> None:
        """Export the minutes on the writer; text like a CPR number asks first."""
        warnings: list[str] = []
        meeting_id, app = self.meeting_id, self.app  # type: ignore[attr-defined]
        if app.is_web:  # in a browser: a download, delivered from the event loop
            from meetingtool.tui.browser_export import export_to_browser

            try:
                path = export_to_browser(app, self.store, meeting_id, redact=redact,
                                         warnings=warnings)
            except (MeetingToolError, OSError) as error:
                self.export_failed(error)
                return
            self.exported(str(path), warnings)
            return
        self.writer.submit(
            lambda store: export_minutes(store, meeting_id, redact=redact, warnings=warnings),
            lambda path: self.exported(str(path), warnings),
            self.export_failed,
            label="referat",
        )

    def exported(self, path: str, warnings: list[str]) -> None:
        saved = "hentes ned i browseren" if self.app.is_web else "gemt"  # type: ignore
        self.notify(f"Referatet er {saved}: {path}", title="Referat",  # type: ignore
                    timeout=15)
        for warning in warnings:
            self.notify(warning, title="Referat", severity="warning",  # type: ignore
                        timeout=10)

    def export_failed(self, error: BaseException) -> None:
        if isinstance(error, CprFoundError):
            places = "\n".join(f"  - {place}" for place in error.places)
            question = (
                "Der står noget, der ligner et CPR-nummer, her:\n"
                f"{places}\n\nErstat det med {CPR_REPLACEMENT} i referatet? "
                "(Mødets egne data ændres ikke.)"
            )

            def answered(redact_it: bool | None) -> None:
                if redact_it:
                    self.export(redact=True)
                else:
                    self.notify("Ret teksten i mødet, og eksportér igen.",  # type: ignore
                                title="Referatet blev ikke eksporteret", severity="warning")

            self.app.push_screen(  # type: ignore[attr-defined]
                ConfirmDialog(question, yes_label="Erstat og gem", no_label="Fortryd"), answered
            )
            return
        if isinstance(error, MeetingToolError):
            text = error.message
        else:  # e.g. no room on the disk, or a folder without write access
            text = f"Referatet kunne ikke skrives: {getattr(error, 'strerror', '') or error}"
        self.notify(text, title="Referatet blev ikke eksporteret",  # type: ignore
                    severity="error", timeout=15)
