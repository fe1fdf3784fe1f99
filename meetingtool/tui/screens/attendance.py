"""Attendance (fremmøde): who is present, who sent apologies, guests, chair and secretary.

Each change goes straight into the meeting and is saved through the ``save`` callable the
meeting screen hands over (it queues the save on the app's writer and also keeps the
clock's seconds), so nothing waits for the chair to leave the screen; a member renamed is
renamed in the council's member list on the writer too. A new meeting's list registers
nobody ("Ikke registreret"); the first mark takes the attendance: everyone not marked
otherwise is then til stede.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from meetingtool.actions.attendance import rename_in_meeting, rename_member
from meetingtool.core.dates import format_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Attendee, Meeting
from meetingtool.core.vocab import NOT_REGISTERED_LABEL, PRESENCE, ROLES, Presence
from meetingtool.tui.commands import ScreenKeyCommands
from meetingtool.tui.dialogs import ConfirmDialog, TextEntryDialog
from meetingtool.tui.widgets import KeyBar
from meetingtool.tui.writer import writer_for
from meetingtool.tui.writer_reads import error_message


class AttendanceScreen(Screen[None]):
    """Mark each person til stede / afbud / fraværende, add guests, name chair and secretary.

    | Key | Does |
    | --- | --- |
    | `↑` / `↓` | choose a person |
    | `t` / `a` / `f` | til stede / afbud / fraværende |
    | `space` | next of those three |
    | `g` | add a guest |
    | `n` | give the person's name (a template lists members by role; the council keeps it) |
    | `m` / `r` | make the person mødeleder / referent (again: remove) |
    | `delete` | remove a guest |
    | `escape` | back to the meeting |
    """

    CSS_PATH = "attendance.tcss"
    COMMANDS = {ScreenKeyCommands}
    COMMAND_CATEGORY = "Fremmøde"

    BINDINGS = [
        Binding("t", f"presence('{Presence.TIL_STEDE}')", "Til stede", id="attendance.present"),
        Binding("a", f"presence('{Presence.AFBUD}')", "Afbud", id="attendance.apologies"),
        Binding("f", f"presence('{Presence.FRAVAERENDE}')", "Fraværende", id="attendance.absent"),
        Binding("space", "cycle", "Skift", show=False, id="attendance.cycle"),
        Binding("g", "add_guest", "Gæst", tooltip="Tilføj en gæst", id="attendance.guest"),
        Binding("n", "rename", "Navn", tooltip="Skriv personens navn", id="attendance.rename"),
        Binding("m", "chair", "Mødeleder", id="attendance.chair"),
        Binding("r", "secretary", "Referent", id="attendance.secretary"),
        Binding("delete", "remove_guest", "Fjern gæst", id="attendance.remove_guest"),
        Binding("escape,q", "back", "Tilbage", key_display="esc", id="attendance.back"),
    ]

    def __init__(self, meeting: Meeting, *, save: Callable[[], None], store=None) -> None:
        super().__init__()
        self.meeting = meeting
        self.save = save
        self.store = store

    def compose(self) -> ComposeResult:
        yield Label(
            f"Fremmøde · {self.meeting.council_name} · {format_date(self.meeting.date)}",
            id="attendance-title",
        )
        yield Static("", id="attendance-summary")
        yield DataTable(id="attendance-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Navn", "Fremmøde", "Funktion", "Rolle")
        self.refresh_table()
        table.focus()

    # --- Display --------------------------------------------------------------------

    def refresh_table(self, row: int | None = None) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row if row is None else row
        table.clear()
        for person in self.meeting.attendance:
            functions = []
            if person.name == self.meeting.chair:
                functions.append("Mødeleder")
            if person.name == self.meeting.secretary:
                functions.append("Referent")
            role = ROLES.get(person.role, person.role)
            if person.guest and person.role != "gaest":
                role += " (gæst)"
            table.add_row(
                person.name,
                PRESENCE.get(person.presence, NOT_REGISTERED_LABEL),
                ", ".join(functions),
                role,
            )
        if self.meeting.attendance:
            table.move_cursor(row=max(0, min(keep, len(self.meeting.attendance) - 1)))
        self.query_one("#attendance-summary", Static).update(self.summary())

    def summary(self) -> str:
        counts = {key: 0 for key in PRESENCE}
        for person in self.meeting.attendance:
            counts[person.presence] = counts.get(person.presence, 0) + 1
        numbers = " · ".join(
            f"{label.lower()}: {counts.get(key, 0)}" for key, label in PRESENCE.items()
        )
        unknown = sum(1 for person in self.meeting.attendance if person.presence not in PRESENCE)
        if unknown:
            numbers += f" · {NOT_REGISTERED_LABEL.lower()}: {unknown} (t, a, f eller mellemrum)"
        chair = self.meeting.chair or "ikke valgt"
        secretary = self.meeting.secretary or "ikke valgt"
        return f"Mødeleder: {chair} · Referent: {secretary}\n{numbers.capitalize()}"

    @property
    def person(self) -> Attendee | None:
        if not self.meeting.attendance:
            return None
        row = self.query_one(DataTable).cursor_row
        return self.meeting.attendance[max(0, min(row, len(self.meeting.attendance) - 1))]

    def changed(self, row: int | None = None) -> None:
        self.save()
        self.refresh_table(row)

    # --- Actions --------------------------------------------------------------------

    def take_attendance(self) -> None:
        """The first mark on a list nobody has registered takes the attendance: whoever is
        not marked otherwise came (the chair marks the apologies and absences)."""
        if any(person.presence in PRESENCE for person in self.meeting.attendance):
            return
        for person in self.meeting.attendance:
            person.presence = Presence.TIL_STEDE

    def action_presence(self, presence: str) -> None:
        person = self.person
        if person is None:
            return
        self.take_attendance()
        person.presence = presence
        self.changed()

    def action_cycle(self) -> None:
        person = self.person
        if person is None:
            return
        if person.presence not in PRESENCE:
            self.take_attendance()
            self.changed()
            return
        keys = list(PRESENCE)
        position = keys.index(person.presence) if person.presence in keys else -1
        person.presence = keys[(position + 1) % len(keys)]
        self.changed()

    def action_add_guest(self) -> None:
        def added(name: str | None) -> None:
            if not name:
                return
            if any(person.name.casefold() == name.casefold() for person in self.meeting.attendance):
                self.notify(f"{name} er allerede på listen.", severity="warning")
                return
            self.meeting.attendance.append(
                Attendee(name=name, role="gaest", presence=Presence.TIL_STEDE, guest=True)
            )
            self.changed(len(self.meeting.attendance) - 1)
            self.notify(f"{name} er tilføjet som gæst.")

        self.app.push_screen(
            TextEntryDialog(
                "Tilføj gæst",
                "Navn (og evt. funktion, fx »Jens Hansen, køkkenleder«)",
                empty_message="Skriv gæstens navn, eller tryk escape.",
            ),
            added,
        )

    def action_rename(self) -> None:
        person = self.person
        if person is None:
            return
        row = self.query_one(DataTable).cursor_row

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                old = rename_in_meeting(self.meeting, person, name)
            except MeetingToolError as error:
                self.notify(error.message, severity="error")
                return
            self.changed(row)
            if old is not None and self.store is not None:
                council_id, role, new = self.meeting.council_id, person.role, person.name
                writer_for(self.app, self.store).submit(
                    lambda store: rename_member(store, council_id, role, old, new), None,
                    lambda error: self.notify(error_message(error),
                                              title="Rådets medlemsliste blev ikke rettet",
                                              severity="error"),
                    label="fremmøde")

        role = ROLES.get(person.role, person.role)
        self.app.push_screen(
            TextEntryDialog(f"Navn på {role.lower()}", "Navn (rådet husker det til næste møde)",
                            value=person.name, empty_message="Skriv et navn, eller tryk escape."),
            named,
        )

    def action_chair(self) -> None:
        person = self.person
        if person is None:
            return
        self.meeting.chair = "" if self.meeting.chair == person.name else person.name
        self.changed()

    def action_secretary(self) -> None:
        person = self.person
        if person is None:
            return
        self.meeting.secretary = "" if self.meeting.secretary == person.name else person.name
        self.changed()

    def action_remove_guest(self) -> None:
        person = self.person
        if person is None:
            return
        if not person.guest:
            self.notify(
                "Kun gæster kan fjernes. Markér et medlem som afbud eller fraværende.",
                severity="warning",
            )
            return

        def answered(yes: bool | None) -> None:
            if yes and person in self.meeting.attendance:
                self.meeting.attendance.remove(person)
                if self.meeting.chair == person.name:
                    self.meeting.chair = ""
                if self.meeting.secretary == person.name:
                    self.meeting.secretary = ""
                self.changed()

        self.app.push_screen(ConfirmDialog(f"Fjern gæsten {person.name}?"), answered)

    def action_back(self) -> None:
        self.save()
        self.dismiss(None)
