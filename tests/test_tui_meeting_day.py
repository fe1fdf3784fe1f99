"""The meeting's own day, not the wall clock's, in the meeting screen (Pilot, real store).

Due dates typed in a meeting are read from the meeting's date ("+14" is two weeks after
the meeting, also when the minutes are finished days later); one before the meeting's date
is saved only after a confirmation; starting the clock of a meeting dated another day asks
first. A new meeting's attendance is "Ikke registreret" until the first mark takes it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from test_tui_meeting import MEMBERS, SIZE, FakeTime, MeetingTestApp, make_template, screen_of
from waiting import until

from meetingtool.store import open_store
from meetingtool.tui.dialogs import ConfirmDialog, FollowUpDialog
from meetingtool.tui.screens.attendance import AttendanceScreen

MEETING_DAY = date(2026, 11, 22)


def setup(data_dir, wall: datetime):
    fake = FakeTime(start=wall)
    store = open_store(data_dir, now=fake.wall)
    council = store.ensure_council("Bruger- og pårørenderåd Kildebo",
                                   "bruger-og-paaroerenderaad", members=MEMBERS)
    meeting = store.create_meeting(council.id, make_template(), MEETING_DAY)
    return store, meeting.id, fake


async def test_due_dates_are_read_from_the_meeting_day(data_dir):
    # The secretary finishes the minutes three days after the meeting.
    store, meeting_id, fake = setup(data_dir, datetime(2026, 11, 25, 10, 0))
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", *"Spørg køkkenet", "tab", "tab", *"+14", "enter")
        await pilot.pause()
        [saved] = store.followups(meeting_id=meeting_id)
        assert saved.due == MEETING_DAY + timedelta(days=14)

        # A due date before the meeting's day asks; "Ret fristen" keeps the dialog open.
        await pilot.press("o", *"Bestil lift", "tab", "tab", *"20/11", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "ligger før mødets dato (22. november 2026)" in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpDialog)
        assert len(store.followups(meeting_id=meeting_id)) == 1


async def test_starting_the_clock_of_a_meeting_dated_another_day_asks(data_dir):
    store, meeting_id, fake = setup(data_dir, datetime(2026, 11, 29, 14, 0))
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "dateret 22. november 2026, ikke i dag (29. november 2026)" in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        assert store.meeting(meeting_id).status == "planlagt"
        assert not screen_of(app).clock.running
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert screen_of(app).clock.running
        assert store.meeting(meeting_id).status == "i_gang"


async def test_the_first_mark_takes_the_attendance(data_dir):
    store, meeting_id, fake = setup(data_dir, datetime(2026, 11, 22, 14, 0))
    assert {a.presence for a in store.meeting(meeting_id).attendance} == {"ikke_registreret"}
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)
        assert "ikke registreret: 4" in str(app.screen.summary())
        await pilot.press("down", "a")
        await pilot.pause()
        assert [(a.name, a.presence) for a in store.meeting(meeting_id).attendance] == [
            ("Karen Holm", "til_stede"), ("Jens Berg", "afbud"),
            ("Sofie Lund", "til_stede"), ("Ali Hassan", "til_stede")]


async def test_the_chair_sets_the_next_meeting_and_it_is_planned(data_dir, tmp_path, capsys):
    """m: date, time, place, theme; the minutes end with them and, once the meeting has
    ended, the council has that meeting planned (home screen and `meetings` list it)."""
    from docx import Document
    from test_export_docx import all_text

    from meetingtool.cli import main
    from meetingtool.export import export_minutes

    store, meeting_id, fake = setup(data_dir, datetime(2026, 11, 22, 14, 0))
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#date").value = "+18"
        app.screen.query_one("#time").value = "14.30"
        app.screen.query_one("#place").value = "Caféen"
        app.screen.query_one("#theme").value = "Mad og måltider"
        await pilot.press("enter")
        await pilot.pause()
        await app.writer.idle()  # saved and planned on the app's writer
        meeting = store.meeting(meeting_id)
        assert (meeting.next_meeting, meeting.next_meeting_place) == (date(2026, 12, 10),
                                                                       "Caféen")
        assert len(store.meetings()) == 1  # planned when this meeting ends
        await pilot.press("space")
        fake.advance(minutes=30)
        await pilot.press("x", "j")
        await pilot.pause()
        await app.writer.idle()
    planned = [s for s in store.meetings() if s.id != meeting_id]
    assert [(s.date, s.status) for s in planned] == [(date(2026, 12, 10), "planlagt")]
    upcoming = store.meeting(planned[0].id)
    assert (upcoming.place, upcoming.theme) == ("Caféen", "Mad og måltider")
    text = all_text(Document(str(export_minutes(store, meeting_id, out=tmp_path))))
    assert "10. december 2026 kl. 14.30, Caféen." in text
    assert "Mad og måltider" in text
    assert main(["meetings"]) == 0
    assert "10. december 2026" in capsys.readouterr().out


async def test_the_approval_dialog_lists_every_decision_and_scrolls(data_dir):
    from meetingtool.tui.dialogs.approval import ApprovalDialog

    store, first_id, fake = setup(data_dir, datetime(2026, 11, 22, 14, 0))
    first = store.meeting(first_id)
    for number in range(1, 16):
        store.add_decision(first_id, first.items[1].id, f"Beslutning nummer {number}")
    second = store.create_meeting(first.council_id, make_template(), date(2026, 12, 10))
    app = MeetingTestApp(store, second.id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ApprovalDialog(store, second.id))
        dialog = app.screen
        await until(lambda: dialog.data.arrived, what="the minutes read on the writer")
        await pilot.pause()
        summary = str(dialog.query_one("#approval-summary").render())
        assert "Beslutninger (15):" in summary
        assert all(f"Beslutning nummer {n}" in summary for n in range(1, 16))
        assert "Fremmøde ikke registreret" in summary
        scroll = dialog.query_one("#approval-scroll")
        # more than the box shows at 80×24 (once the summary is laid out)
        await until(lambda: scroll.max_scroll_y > 0, what="the summary laid out")
        await pilot.press("pagedown")
        await until(lambda: scroll.scroll_y == scroll.max_scroll_y, what="scrolled down")
        await pilot.press("up")
        await until(lambda: scroll.scroll_y == scroll.max_scroll_y - 1, what="one line up")


async def test_the_agenda_editor_edits_content_and_a_renamed_theme_drops_the_old(data_dir):
    from textual.widgets import Input, TextArea

    from meetingtool.tui.dialogs import TextEntryDialog
    from meetingtool.tui.dialogs.item_content import ItemContentDialog
    from meetingtool.tui.screens.prepare import PrepareScreen

    store, meeting_id, fake = setup(data_dir, datetime(2026, 11, 22, 14, 0))
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        # The theme item (row 2) becomes another theme: its old content is not kept.
        await pilot.press("down", "o")
        await pilot.pause()
        assert isinstance(app.screen, TextEntryDialog)
        app.screen.query_one(Input).value = "Tema: Tryghed om natten"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # Fjern dem
        await pilot.pause()
        theme = store.meeting(meeting_id).items[1]
        assert theme.title == "Tema: Tryghed om natten"
        assert (theme.description, theme.questions, theme.tags) == ("", [], [])

        # i: the new theme's description, questions and tags; a wrong tag is refused.
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ItemContentDialog)
        dialog.query_one("#description", TextArea).text = "Hvordan sover beboerne?"
        dialog.query_one("#questions", TextArea).text = "Hvem er vågen?\nHvad hjælper?"
        dialog.query_one("#tags", Input).value = "tryghed, Søvn"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Ukendt mærke: Søvn" in str(dialog.query_one("#error").render())
        dialog.query_one("#tags", Input).value = "tryghed, Sundhed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        theme = store.meeting(meeting_id).items[1]
        assert theme.description == "Hvordan sover beboerne?"
        assert theme.questions == ["Hvem er vågen?", "Hvad hjælper?"]
        assert theme.tags == ["Tryghed", "Sundhed"]

        # Renamed again, kept on purpose.
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one(Input).value = "Tema: Tryg om natten"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        theme = store.meeting(meeting_id).items[1]
        assert (theme.title, theme.tags) == ("Tema: Tryg om natten", ["Tryghed", "Sundhed"])
