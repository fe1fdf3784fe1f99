"""Preparing a meeting's agenda and marking attendance from the meeting screen (Pilot, 80×24)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time

import pytest
from test_tui_meeting import MEETING_DAY, MEMBERS, SIZE, FakeTime, MeetingTestApp, make_template
from textual.widgets import DataTable, Input, Label

from meetingtool.core.agenda import load_agenda, resolve_template
from meetingtool.store import Store, open_store
from meetingtool.tui.commands import ScreenKeyCommands
from meetingtool.tui.dialogs import ConfirmDialog, TextEntryDialog
from meetingtool.tui.screens.attendance import AttendanceScreen
from meetingtool.tui.screens.meeting import MeetingScreen
from meetingtool.tui.screens.prepare import PrepareScreen
from meetingtool.tui.widgets import AgendaList


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


@pytest.fixture
def store(data_dir, fake) -> Store:
    return open_store(data_dir, now=fake.wall)


@pytest.fixture
def meeting_id(store) -> int:
    council = store.ensure_council(
        "Bruger- og pårørenderåd Kildebo", "bruger-og-paaroerenderaad", members=MEMBERS
    )
    return store.create_meeting(council.id, make_template(), MEETING_DAY).id


def titles(store: Store, meeting_id: int) -> list[str]:
    return [item.title for item in store.meeting(meeting_id).items]


# --- Prepare --------------------------------------------------------------------------------


async def test_prepare_add_retime_reorder_rename_remove(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, PrepareScreen)
        # Add "Oplæg ved køkkenlederen" after the theme item (row 2) and make it come first.
        await pilot.press("down", "a")
        assert isinstance(app.screen, TextEntryDialog)
        # One field: the hint does not send the user looking for a minutes field with tab.
        hint = str(app.screen.query_one(".hint", Label).render())
        assert "enter gemmer" in hint and "tab" not in hint
        await pilot.press(*"Oplæg ved køkkenlederen", "enter")
        await pilot.pause()
        assert titles(store, meeting_id) == [
            "Godkendelse af dagsorden",
            "Tema: Mad og måltider",
            "Oplæg ved køkkenlederen",
            "Hvad fortæller vi de andre beboere og pårørende?",
            "Eventuelt",
        ]
        assert store.meeting(meeting_id).items[2].planned_minutes == 10
        await pilot.press("shift+up")
        assert titles(store, meeting_id)[1] == "Oplæg ved køkkenlederen"
        # Eventuelt: 15 -> 5 minutes, typed; "fem" is refused and the dialog stays open.
        await pilot.press("down", "down", "down", "m", "ctrl+u", *"fem", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TextEntryDialog)
        assert "»fem« er ikke et antal minutter" in str(dialog.query_one("#error").render())
        assert store.meeting(meeting_id).items[-1].planned_minutes == 15
        await pilot.press("ctrl+u", "5", "enter")
        await pilot.pause()
        items = store.meeting(meeting_id).items
        assert (items[-1].title, items[-1].planned_minutes) == ("Eventuelt", 5)
        await pilot.press("minus", "plus", "plus")
        assert store.meeting(meeting_id).items[-1].planned_minutes == 6
        # Rename with enter, then remove "Hvad fortæller vi ..." (asks first).
        await pilot.press("up", "enter", "ctrl+u", *"Kort fortalt", "enter")
        await pilot.pause()
        assert titles(store, meeting_id)[3] == "Kort fortalt"
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        assert titles(store, meeting_id) == [
            "Godkendelse af dagsorden",
            "Oplæg ved køkkenlederen",
            "Tema: Mad og måltider",
            "Eventuelt",
        ]
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        rows = screen.query_one(AgendaList).rows
        assert [row.title for row in rows] == titles(store, meeting_id)
        assert [row.planned_minutes for row in rows] == [5, 10, 30, 6]


async def test_prepare_theme_place_and_start_time(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        prepare = app.screen
        assert isinstance(prepare, PrepareScreen)
        await pilot.press("tab")  # from the agenda table to the first field
        assert prepare.query_one("#theme", Input).has_focus
        await pilot.press(*"Mad og måltider", "tab", *"Cafeen", "tab", "ctrl+u", *"1430", "tab")
        await pilot.pause()
        stored = store.meeting(meeting_id)
        assert (stored.theme, stored.place, stored.start_time) == (
            "Mad og måltider", "Cafeen", time(14, 30)
        )
        assert prepare.query_one("#start", Input).value == "14.30"
        assert "14.30–15.30" in str(prepare.query_one("#prepare-summary").render())
        # An unreadable start time is refused and kept for correction.
        await pilot.press("shift+tab", "ctrl+u", *"kl. halv tre", "escape")
        await pilot.pause()
        assert app.screen is prepare
        assert prepare.query_one("#start", Input).has_focus
        assert store.meeting(meeting_id).start_time == time(14, 30)
        await pilot.press("ctrl+u", *"15", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert store.meeting(meeting_id).start_time == time(15, 0)
        assert "slut 16.00" in app.screen.status_texts()[1]


async def test_prepare_refuses_removing_an_item_with_decisions(store, meeting_id, fake):
    store.add_decision(meeting_id, store.meeting(meeting_id).items[0].id, "Dagsorden godkendt")
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", "delete")
        assert isinstance(app.screen, PrepareScreen)  # no question: refused at once
        assert "kan ikke fjernes" in app.notices[-1]
        assert len(titles(store, meeting_id)) == 4


async def test_prepare_while_running_keeps_time_with_its_item(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        fake.advance(minutes=3)
        await pilot.press("r", "shift+down")  # move the running item below the theme
        fake.advance(minutes=1)
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.clock.running
        assert screen.current_item.title == "Godkendelse af dagsorden"
        assert round(screen.clock.used_seconds()) == 240
        assert screen.meeting.item_number(screen.current_item.id) == 2


async def test_template_file_is_never_changed(store, fake, data_dir):
    path = resolve_template("bruger-og-paaroerenderaad", data_dir)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    council = store.ensure_council("Bruger- og pårørenderåd Kildebo", "bruger-og-paaroerenderaad")
    meeting = store.create_meeting(council.id, load_agenda(path), MEETING_DAY)
    app = MeetingTestApp(store, meeting.id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", "a", *"Ekstra punkt", "enter", "delete", "j", "plus", "escape")
        await pilot.pause()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert [i.planned_minutes for i in store.meeting(meeting.id).items] != [
        i.planned_minutes for i in load_agenda(path).items
    ]


# --- Attendance -------------------------------------------------------------------------------


async def test_attendance_presence_guest_chair_and_secretary(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        attendance = app.screen
        assert isinstance(attendance, AttendanceScreen)
        table = attendance.query_one(DataTable)
        assert table.row_count == 4
        # Jens Berg sent apologies, Ali Hassan is absent.
        await pilot.press("down", "a", "down", "down", "f")
        stored = store.meeting(meeting_id)
        assert [(p.name, p.presence) for p in stored.attendance] == [
            ("Karen Holm", "til_stede"),
            ("Jens Berg", "afbud"),
            ("Sofie Lund", "til_stede"),
            ("Ali Hassan", "fravaerende"),
        ]
        # space cycles: fraværende -> til stede
        await pilot.press("space")
        assert store.meeting(meeting_id).attendance[3].presence == "til_stede"
        # A guest, who is made referent; Karen Holm stays mødeleder.
        await pilot.press("g", *"Jens Hansen, køkkenleder", "enter")
        await pilot.pause()
        await pilot.press("r")
        stored = store.meeting(meeting_id)
        guest = stored.attendance[-1]
        assert (guest.name, guest.guest, guest.role, guest.presence) == (
            "Jens Hansen, køkkenleder", True, "gaest", "til_stede"
        )
        assert stored.secretary == "Jens Hansen, køkkenleder"
        assert stored.chair == "Karen Holm"
        # Members cannot be deleted, guests can (after a question).
        await pilot.press("up", "up", "up", "up", "delete")
        assert isinstance(app.screen, AttendanceScreen)
        assert len(store.meeting(meeting_id).attendance) == 5
        await pilot.press(*["down"] * 4, "delete", "j")
        await pilot.pause()
        stored = store.meeting(meeting_id)
        assert [p.name for p in stored.attendance] == [m.name for m in MEMBERS]
        assert stored.secretary == ""
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)


async def test_a_member_is_named_and_the_council_keeps_the_name(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "n")                       # Karen Holm, the chair
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TextEntryDialog)
        dialog.query_one(Input).value = "Karen  Holm-Madsen"
        await pilot.press("enter")
        await pilot.pause()
        stored = store.meeting(meeting_id)
        assert stored.attendance[0].name == "Karen Holm-Madsen"
        assert stored.chair == "Karen Holm-Madsen"      # the chair follows the new name
        await pilot.press("down", "n")                   # a name already on the list
        await pilot.pause()
        app.screen.query_one(Input).value = "sofie lund"
        await pilot.press("enter")
        await pilot.pause()
        assert "Sofie Lund er allerede på listen." in app.notices
        assert store.meeting(meeting_id).attendance[1].name == "Jens Berg"
    council = store.council(store.meeting(meeting_id).council_id)
    assert [m.name for m in council.members][:2] == ["Karen Holm-Madsen", "Jens Berg"]
    # The next meeting of the council starts with the name.
    following = store.create_meeting(council.id, make_template(), MEETING_DAY)
    assert following.attendance[0].name == "Karen Holm-Madsen"


async def test_followup_owner_suggestions_come_from_attendance(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "g", *"Jens Hansen", "enter")
        await pilot.pause()
        await pilot.press("escape", "o", *"Menuforslag", "tab", *"jens h", "right")
        owner = app.screen.query_one("#owner", Input)
        assert owner.value == "Jens Hansen"


# --- A whole meeting from each shipped template ---------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["bruger-og-paaroerenderaad", "kvalitetsraad", "kvalitetsudvalg", "tvaergaaende-kvalitetsraad"],
)
async def test_whole_meeting_from_each_shipped_template(store, fake, data_dir, name):
    template = load_agenda(resolve_template(name, data_dir))
    council = store.ensure_council(f"Råd {name}", template.kind, members=MEMBERS)
    meeting = store.create_meeting(council.id, template, MEETING_DAY)
    app = MeetingTestApp(store, meeting.id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for index, item in enumerate(meeting.items):
            fake.advance(minutes=item.planned_minutes)
            if index == 0:
                await pilot.press("b", *"Godkendt", "enter")
                await pilot.pause()
            await pilot.press("n")
        await pilot.press("x", "j")
        await pilot.pause()
    stored = store.meeting(meeting.id)
    assert stored.status == "afsluttet"
    assert stored.ended_at == fake.wall()
    assert stored.started_at == datetime(2026, 11, 22, 14, 0)
    assert [round(item.used_seconds) for item in stored.items] == [
        item.planned_minutes * 60 for item in stored.items
    ]
    assert [d.text for d in store.decisions(meeting.id)] == ["Godkendt"]
    assert stored.date == date(2026, 11, 22)


async def test_an_emptied_agenda_is_handled(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        for _ in range(4):
            await pilot.press("delete", "j")
            await pilot.pause()
        assert titles(store, meeting_id) == []
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert "tom" in str(screen.query_one("#item-title").render())
        await pilot.press("space", "b", "o", "n")
        assert isinstance(app.screen, MeetingScreen)
        assert not screen.clock.running
        assert app.notices[-1].startswith("Dagsordenen er tom")


async def test_prepare_and_attendance_keys_are_in_the_command_palette(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        names = [name for name, _action, _key in ScreenKeyCommands(app.screen).commands()]
        assert "Dagsorden: Tilføj et punkt" in names
        await pilot.press("escape", "f")
        names = [name for name, _action, _key in ScreenKeyCommands(app.screen).commands()]
        assert "Fremmøde: Tilføj en gæst" in names
