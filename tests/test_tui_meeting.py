"""The chair's meeting screen, driven by keys through Textual's Pilot at 80×24.

Each test uses a real Store in its own data directory and a fake clock: ``FakeTime``
moves monotonic and wall time together, so a whole meeting runs in milliseconds and every
time on screen is known in advance.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Label, Static, TextArea
from waiting import palette_offers, until

from meetingtool.core.model import AgendaTemplate, Member, TemplateItem
from meetingtool.store import Store, open_store
from meetingtool.tui.commands import ScreenKeyCommands
from meetingtool.tui.dialogs import ConfirmDialog, DecisionDialog, DecisionsDialog, FollowUpDialog
from meetingtool.tui.screens.meeting import MeetingScreen
from meetingtool.tui.widgets import AgendaList, ItemCountdown, MeetingStatusLine

SIZE = (80, 24)
MEETING_DAY = date(2026, 11, 22)


class FakeTime:
    """Monotonic seconds and the wall clock, moved forward only by the test."""

    def __init__(self, start: datetime = datetime(2026, 11, 22, 14, 0)) -> None:
        self.start = start
        self.seconds = 1000.0

    def monotonic(self) -> float:
        return self.seconds

    def wall(self) -> datetime:
        return self.start + timedelta(seconds=self.seconds - 1000.0)

    def advance(self, minutes: float = 0, seconds: float = 0) -> None:
        self.seconds += minutes * 60 + seconds


class MeetingTestApp(App):
    """A bare app that opens the meeting screen, as the real app does after `run`."""

    def __init__(self, store: Store, meeting_id: int, clock: FakeTime) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.fake = clock
        self.notices: list[str] = []

    def notify(self, message: str, **options) -> None:
        """Keep what the user was told, so tests can read it."""
        self.notices.append(message)
        super().notify(message, **options)

    def on_mount(self) -> None:
        self.push_screen(
            MeetingScreen(
                self.store, self.meeting_id, monotonic=self.fake.monotonic, wall=self.fake.wall
            )
        )


def make_template() -> AgendaTemplate:
    return AgendaTemplate(
        kind="bruger-og-paaroerenderaad",
        title="Kvartalsmøde",
        start_time=time(14, 0),
        items=[
            TemplateItem("Godkendelse af dagsorden", 5, kind="godkendelse"),
            TemplateItem(
                "Tema: Mad og måltider",
                30,
                kind="tema",
                presenter="Centerlederen",
                description="Kort oplæg om menuen, derefter fælles drøftelse.",
                questions=["Hvad smager godt?", "Hvornår vil I spise aftensmad?"],
                tags=["Hjemlighed", "Selvbestemmelse"],
            ),
            TemplateItem("Hvad fortæller vi de andre beboere og pårørende?", 10),
            TemplateItem("Eventuelt", 15, kind="eventuelt"),
        ],
    )


MEMBERS = [
    Member("Karen Holm", "formand"),
    Member("Jens Berg", "paaroerende"),
    Member("Sofie Lund", "referent"),
    Member("Ali Hassan", "beboer"),
]


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
    meeting = store.create_meeting(
        council.id, make_template(), MEETING_DAY, theme="Mad og måltider", start_time=time(14, 0)
    )
    return meeting.id


def recorded_text(screen: MeetingScreen) -> str:
    """The decisions and follow-ups listed under the current item, as drawn."""
    return str(screen.query_one("#recorded", Static).render())


def screen_of(app: App) -> MeetingScreen:
    screen = app.screen
    assert isinstance(screen, MeetingScreen), screen
    return screen


def status_text(app: App) -> str:
    return screen_of(app).query_one(MeetingStatusLine).text


async def redraw(app: App, pilot) -> None:
    """Let the screen redraw from the (moved) fake clock, as its half-second timer does."""
    screen_of(app).update_display()
    await pilot.pause()


# --- The clock and the agenda -------------------------------------------------------------


async def test_first_start_marks_meeting_started_and_backs_up(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        assert "Planlagt" in status_text(app)
        await pilot.press("space")
        assert screen_of(app).clock.running
        stored = store.meeting(meeting_id)
        assert stored.status == "i_gang"
        assert stored.started_at == datetime(2026, 11, 22, 14, 0)
        [backup] = store.backups()  # the store's own backup on "i gang", or ours
        assert "start" in backup.reason.lower()
        assert "● kører" in status_text(app)
        await pilot.press("space")
        assert not screen_of(app).clock.running
        assert "pause" in status_text(app)
        await pilot.press("space")
        assert len(store.backups()) == 1  # only the first start


async def test_run_through_agenda_with_used_times(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        fake.advance(minutes=4)
        await pilot.press("n")
        fake.advance(minutes=25)
        await pilot.press("n")
        fake.advance(minutes=10)
        await pilot.press("n")
        fake.advance(minutes=3)
        await pilot.press("n")  # already on the last item: stays
        await redraw(app, pilot)
        screen = screen_of(app)
        assert screen.clock.current_item_id == store.meeting(meeting_id).items[-1].id
        rows = screen.query_one(AgendaList).rows
        assert [round(row.used_seconds) for row in rows] == [240, 1500, 600, 180]
        assert [row.current for row in rows] == [False, False, False, True]
        await pilot.press("p")
        stored = store.meeting(meeting_id)
        assert [round(item.used_seconds) for item in stored.items] == [240, 1500, 600, 180]
        assert stored.clock.current_item_id == stored.items[2].id
        title = screen.query_one("#item-title", Static).render()
        assert "3/4" in str(title)


async def test_overtime_is_counted_and_coloured(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        countdown = screen_of(app).query_one(ItemCountdown)
        assert countdown.digits_text == "5:00"
        assert countdown.has_class("-normal")
        fake.advance(minutes=3, seconds=10)  # 1:50 left of 5 minutes: nearly done
        await redraw(app, pilot)
        assert countdown.digits_text == "1:50"
        assert countdown.has_class("-snart")
        fake.advance(minutes=3, seconds=5)  # 1:15 over
        await redraw(app, pilot)
        assert countdown.digits_text == "+1:15"
        assert countdown.has_class("-overtid")
        assert "OVERTID" in str(countdown.query_one("#countdown-state", Label).render())
        agenda = screen_of(app).query_one(AgendaList)
        assert agenda.rows[0].overtime
        # The chair gives the item two more minutes: back in time, "snart" again.
        await pilot.press("plus", "plus")
        assert store.meeting(meeting_id).items[0].planned_minutes == 7
        assert countdown.digits_text == "0:45"
        assert countdown.has_class("-snart")


async def test_expected_end_follows_the_overrun(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        # Before the start: 14.00 + 60 planned minutes.
        assert "start 14.00 · slut 15.00" in status_text(app)
        await pilot.press("space")
        fake.advance(minutes=5)
        await pilot.press("n")
        fake.advance(minutes=38)  # the theme runs 8 minutes over
        await redraw(app, pilot)
        # 14.43 now, theme over time, 10 + 15 minutes still planned.
        assert "forventet slut 15.08" in status_text(app)
        assert "(plan 15.00)" in status_text(app)
        assert "forløbet 43 min" in status_text(app)
        # Taking a minute off each of the two later items.
        await pilot.press("n", "minus", "n", "minus", "p")
        assert "forventet slut 15.06" in status_text(app)
        assert [item.planned_minutes for item in store.meeting(meeting_id).items] == [5, 30, 9, 14]


async def test_unstarted_meeting_after_its_start_time_says_if_started_now(store, meeting_id):
    """Never "forventet slut 0.34" for a meeting planned for 14.00 that nobody started."""
    late = FakeTime(datetime(2026, 11, 22, 23, 34))
    app = MeetingTestApp(store, meeting_id, late)
    async with app.run_test(size=SIZE):
        assert status_text(app).endswith("Planlagt · start 14.00 · slut 0.34 hvis startet nu")


async def test_planned_minutes_never_below_one(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["minus"] * 7)
        assert store.meeting(meeting_id).items[0].planned_minutes == 1


async def test_screen_reflows_when_narrow_and_renders_in_light_theme(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        assert not screen.has_class("-narrow")
        await pilot.resize_terminal(60, 24)
        await until(lambda: screen.has_class("-narrow"), what="the narrow layout")
        agenda = screen.query_one("#agenda-pane")
        item = screen.query_one("#item-pane")
        await until(lambda: agenda.region.bottom <= item.region.y,
                    what="the agenda above the item")
        await pilot.resize_terminal(80, 24)
        await until(lambda: not screen.has_class("-narrow"), what="the wide layout again")
        app.theme = "textual-light"
        await pilot.press("space")
        fake.advance(minutes=6)
        await redraw(app, pilot)
        assert screen.query_one(ItemCountdown).has_class("-overtid")


async def test_every_key_is_in_the_command_palette(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE):
        provider = ScreenKeyCommands(screen_of(app))
        names = {name: action for name, action, _key in provider.commands()}
        for action in ("toggle_clock", "next_item", "previous_item", "more_time", "less_time",
                       "decision", "followup", "attendance", "prepare", "export",
                       "end_meeting", "close"):
            assert action in names.values()
        assert names["Møde: Næste punkt"] == "next_item"
        assert all(name.startswith("Møde: ") for name in names)


async def test_a_command_from_the_palette_runs_on_the_meeting(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Næste punkt")
        await until(lambda: palette_offers(app, "Næste punkt"), what="the palette's match")
        await pilot.press("enter")
        await pilot.pause()
        screen = screen_of(app)
        assert screen.clock.current_item_id == store.meeting(meeting_id).items[1].id


# --- Notes ----------------------------------------------------------------------------------


async def test_notes_are_saved_while_typing_and_on_leaving_the_item(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        notes = screen_of(app).query_one("#notes", TextArea)
        assert notes.has_focus
        await pilot.press(*"Dagsorden godkendt")
        # saved while the cursor is still in the notes (within half a second when quiet)
        await until(lambda: store.meeting(meeting_id).items[0].notes == "Dagsorden godkendt",
                    what="the notes on disk")
        await pilot.press("escape")
        assert not notes.has_focus
        await pilot.press("n", "tab", *"Menuen drøftet", "escape", "n")  # no wait at all
        stored = store.meeting(meeting_id)
        assert stored.items[1].notes == "Menuen drøftet"
        await pilot.press("p")
        assert notes.text == "Menuen drøftet"
        await pilot.press("p")
        assert notes.text == "Dagsorden godkendt"


async def test_notes_from_the_secretarys_terminal_are_kept_and_shown(
    store, meeting_id, fake, data_dir
):
    secretary = open_store(data_dir, now=fake.wall)
    theirs = secretary.meeting(meeting_id)
    theirs.items[0].notes = "Referentens noter"
    secretary.save_meeting(theirs)
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        notes = screen.query_one("#notes", TextArea)
        await pilot.press("tab")                  # the newest text, the cursor on a new line
        assert notes.text == "Referentens noter\n"
        assert notes.cursor_location == notes.document.end
        await pilot.press(*"Formanden: enig")
        await pilot.press("escape")
        assert open_store(data_dir).meeting(meeting_id).items[0].notes == (
            "Referentens noter\nFormanden: enig")

        # The secretary writes on and records a decision; the chair's screen reads it in.
        theirs = secretary.meeting(meeting_id)
        theirs.items[0].notes += "\nGodkendt uden bemærkninger"
        secretary.save_meeting(theirs)
        secretary.add_decision(meeting_id, theirs.items[0].id, "Dagsordenen blev godkendt")
        fake.advance(seconds=4)
        screen.tick()
        await pilot.pause()
        assert notes.text == "Referentens noter\nFormanden: enig\nGodkendt uden bemærkninger"
        await until(lambda: "Dagsordenen blev godkendt" in recorded_text(screen),
                    what="the secretary's decision")
    assert open_store(data_dir).meeting(meeting_id).items[0].notes == (
        "Referentens noter\nFormanden: enig\nGodkendt uden bemærkninger")


async def test_page_keys_scroll_a_long_item(store, meeting_id, fake):
    meeting = store.meeting(meeting_id)
    meeting.items[0].description = "\n".join(f"Linje {n}" for n in range(40))
    store.save_meeting(meeting)
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        pane = screen_of(app).query_one("#item-scroll")
        await until(lambda: pane.max_scroll_y > 0, what="the long item laid out")
        assert pane.scroll_y == 0
        await pilot.press("pagedown")
        await until(lambda: pane.scroll_y > 0, what="scrolled down")
        await pilot.press("pageup")
        await until(lambda: pane.scroll_y == 0, what="scrolled back up")


async def test_a_paused_screen_follows_what_the_other_terminal_saved(
    store, meeting_id, fake, data_dir
):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.pause()
        chair = open_store(data_dir, now=fake.wall)          # the chair's terminal
        theirs = chair.meeting(meeting_id)
        theirs.attendance[1].presence = "afbud"
        theirs.clock.current_item_id = theirs.items[2].id
        theirs.items[0].used_seconds = 330.0
        theirs.status = "i_gang"
        chair.save_meeting(theirs)
        fake.advance(seconds=4)
        screen.tick()  # the writer reads what the other terminal saved
        await until(lambda: screen.meeting.attendance[1].presence == "afbud",
                    what="the other terminal's change taken in")
        assert screen.current_item.id == theirs.items[2].id
        assert "I gang" in status_text(app) or "i gang" in status_text(app).lower()
        # Moving here while paused is this terminal's own: not pulled back.
        await pilot.press("n")
        await pilot.pause()
        fake.advance(seconds=4)
        screen.tick()
        await app.writer.idle()
        await pilot.pause()
        assert screen.current_item.id == theirs.items[3].id
    assert app.writer.wait_idle(10)
    stored = open_store(data_dir).meeting(meeting_id)
    assert stored.attendance[1].presence == "afbud" and stored.items[0].used_seconds == 330.0


async def test_keys_typed_in_notes_do_not_control_the_meeting(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "n", "space", "p", "q", "b", "+")
        screen = screen_of(app)
        assert screen.query_one("#notes", TextArea).text == "n pqb+"
        assert not screen.clock.running
        assert screen.clock.current_item_id == store.meeting(meeting_id).items[0].id


# --- Decisions ------------------------------------------------------------------------------


async def test_decision_is_saved_and_listed_under_the_item(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "b")
        assert isinstance(app.screen, DecisionDialog)
        await pilot.press(*"Aftensmad kl. 18 prøves i tre måneder", "enter")
        await pilot.pause()
        screen = screen_of(app)
        items = store.meeting(meeting_id).items
        decisions = store.decisions(meeting_id, items[1].id)
        assert [d.text for d in decisions] == ["Aftensmad kl. 18 prøves i tre måneder"]
        await until(lambda: "Aftensmad kl. 18 prøves i tre måneder" in recorded_text(screen),
                    what="the decision listed")
        assert "Beslutninger" in recorded_text(screen)
        await pilot.press("p")
        await until(lambda: "Aftensmad" not in recorded_text(screen), what="item 1's records")


async def test_a_visited_item_shows_its_records_at_once_then_what_changed(
        store, meeting_id, fake, data_dir):
    """Back on an item: its decisions are there with the key, even while the writer is
    busy (a backup); what another terminal added since follows at the next tick."""
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("n", "b", *"Aftensmad kl. 18", "enter")

        def recorded() -> str:
            return str(screen.query_one("#recorded", Static).render())

        await until(lambda: "Aftensmad kl. 18" in recorded(), what="the decision listed")
        await pilot.press("n")
        await until(lambda: "Aftensmad" not in recorded(), what="the next item's records")
        gate = threading.Event()
        screen.writer.submit(lambda _store: gate.wait(10))
        try:
            await pilot.press("p")
            assert "Aftensmad kl. 18" in recorded()
        finally:
            gate.set()
        other_terminal = open_store(data_dir)
        item = other_terminal.meeting(meeting_id).items[1]
        other_terminal.add_decision(meeting_id, item.id, "Frokosten flyttes")
        fake.advance(seconds=4)  # the screen reads another terminal's work every 3 s
        await until(lambda: "Frokosten flyttes" in recorded(), what="the other decision")
        assert "Aftensmad kl. 18" in recorded()


async def test_empty_decision_is_refused(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "space", "space", "enter")
        dialog = app.screen
        assert isinstance(dialog, DecisionDialog)
        assert "tom" in str(dialog.query_one("#error", Label).render())
        await pilot.press("escape")                      # two spaces typed: asks first
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        assert isinstance(app.screen, MeetingScreen)
        assert store.decisions(meeting_id) == []


# --- Follow-ups -----------------------------------------------------------------------------


async def open_followup(pilot, app) -> FollowUpDialog:
    await pilot.press("o")
    dialog = app.screen
    assert isinstance(dialog, FollowUpDialog)
    return dialog


async def test_a_kept_dialog_opens_empty_for_the_current_item_every_time(
        store, meeting_id, fake):
    """b and o reuse one dialog per app (opening a new one costs the screen ~25 ms): each
    opening names the current item, starts empty with the focus in the first field, and
    shows nothing of what was typed, refused or thrown away before."""
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("b", "enter")                  # empty: refused with a message
        first = app.screen
        assert isinstance(first, DecisionDialog)
        assert "tom" in str(first.query_one("#error", Label).render())
        await pilot.press(*"Halvt skrevet", "escape", "j")  # thrown away
        await until(lambda: app.screen is screen, what="back on the meeting")
        await pilot.press("n", "b")
        assert app.screen is first                        # the same dialog, refilled
        assert first.query_one("#text", Input).value == ""
        assert str(first.query_one("#error", Label).render()) == ""
        assert "Tema: Mad og måltider" in str(first.query_one("#dialog-label").render())
        assert first.focused is first.query_one("#text", Input)
        await pilot.press(*"Aftensmad kl. 18", "enter")
        await until(lambda: "Aftensmad kl. 18" in recorded_text(screen), what="saved")

        dialog = await open_followup(pilot, app)
        await pilot.press(*"Ring til køkkenet", "tab", *"Sofie", "tab", *"32/13", "enter")
        assert dialog.query_one("#error", Label).render()  # the date is refused
        await pilot.press("escape", "j")
        await until(lambda: app.screen is screen, what="back on the meeting")
        await pilot.press("p")
        again = await open_followup(pilot, app)
        assert again is dialog
        assert [again.query_one(f"#{name}", Input).value
                for name in ("text", "owner", "due")] == ["", "", ""]
        assert str(again.query_one("#error", Label).render()) == ""
        assert "Godkendelse af dagsorden" in str(again.query_one("#dialog-title").render())
        assert again.focused is again.query_one("#text", Input)
        await pilot.press(*"Spørg køkkenet", "tab", *"Jens", "enter")
        await until(lambda: "Spørg køkkenet" in recorded_text(screen), what="saved")
    [followup] = store.followups(meeting_id=meeting_id)
    assert (followup.text, followup.owner, followup.due) == ("Spørg køkkenet", "Jens Berg", None)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("1/12", date(2026, 12, 1)),
        ("1.12.2026", date(2026, 12, 1)),
        ("1/12-26", date(2026, 12, 1)),
        ("+14", date(2026, 12, 6)),
    ],
)
async def test_followup_with_each_date_form(store, meeting_id, fake, typed, expected):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        dialog = await open_followup(pilot, app)
        await pilot.press(*"Undersøge tider for aftensmad", "tab", *"Sofie Lund", "tab", *typed)
        shown = str(dialog.query_one("#due-shown", Label).render())
        assert shown == f"{expected.day}. december 2026"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        [followup] = store.followups(meeting_id=meeting_id)
        assert followup.text == "Undersøge tider for aftensmad"
        assert followup.owner == "Sofie Lund"
        assert followup.due == expected
        assert followup.item_id == store.meeting(meeting_id).items[1].id
        await until(lambda: f"frist: {expected.day}. december 2026"
                    in recorded_text(screen_of(app)), what="the follow-up listed")


async def test_followup_owner_picked_from_attendees(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_followup(pilot, app)
        await pilot.press(*"Ring til køkkenet", "tab", "k", "a", "right")
        assert dialog.query_one("#owner", Input).value == "Karen Holm"
        await pilot.press("enter")
        await pilot.pause()
        [followup] = store.followups(meeting_id=meeting_id)
        assert followup.owner == "Karen Holm"
        assert followup.due is None


@pytest.mark.parametrize(("typed", "saved"), [("so", "Sofie Lund"), ("Bo Ravn", "Bo Ravn")])
async def test_followup_owner_as_suggested_or_as_typed(store, meeting_id, fake, typed, saved):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await open_followup(pilot, app)
        await pilot.press(*"Ring til køkkenet", "tab", *typed, "enter")
        await pilot.pause()
        [followup] = store.followups(meeting_id=meeting_id)
        assert followup.owner == saved


async def test_unreadable_date_is_refused_and_the_rest_kept(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_followup(pilot, app)
        await pilot.press(*"Tjekke lys i gangen", "tab", *"Jens Berg", "tab", *"32/13", "enter")
        await pilot.pause()
        assert app.screen is dialog
        error = str(dialog.query_one("#error", Label).render())
        assert '"32/13"' in error
        assert dialog.query_one("#text", Input).value == "Tjekke lys i gangen"
        assert dialog.query_one("#owner", Input).value == "Jens Berg"
        due = dialog.query_one("#due", Input)
        assert due.value == "32/13" and due.has_focus
        assert store.followups(meeting_id=meeting_id) == []
        await pilot.press("ctrl+u", *"1.12.2026", "enter")
        await pilot.pause()
        [followup] = store.followups(meeting_id=meeting_id)
        assert (followup.text, followup.owner, followup.due) == (
            "Tjekke lys i gangen", "Jens Berg", date(2026, 12, 1)
        )


async def test_empty_followup_text_is_refused(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_followup(pilot, app)
        await pilot.press("tab", *"Jens Berg", "tab", *"+7", "enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "tom" in str(dialog.query_one("#error", Label).render())
        assert dialog.query_one("#text", Input).has_focus
        assert dialog.query_one("#owner", Input).value == "Jens Berg"
        await pilot.press("escape")                      # typed text: asks before dropping it
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert app.screen is dialog
        await pilot.press("escape", "j")
        assert isinstance(app.screen, MeetingScreen)
        assert store.followups(meeting_id=meeting_id) == []


async def test_past_due_date_asks_for_confirmation(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_followup(pilot, app)
        await pilot.press(*"Svar til Ældrerådet", "tab", "tab", *"2026-11-01", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "1. november 2026" in app.screen.question
        await pilot.press("n")  # no: back to the dialog to correct the date
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one("#due", Input).has_focus
        assert store.followups(meeting_id=meeting_id) == []
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        [followup] = store.followups(meeting_id=meeting_id)
        assert followup.due == date(2026, 11, 1)


async def test_internal_followup_is_marked(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await open_followup(pilot, app)
        await pilot.press(*"Tale med datter om plejen", "tab", *"Karen Holm", "tab", "tab")
        await pilot.press("space", "enter")  # space ticks "internt", enter still saves
        await pilot.pause()
        [followup] = store.followups(meeting_id=meeting_id)
        assert followup.internal


# --- Finishing, quitting and resuming -------------------------------------------------------


async def test_quit_and_resume_keeps_everything(store, meeting_id, fake, data_dir):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        fake.advance(minutes=4)
        await pilot.press("n", "tab", *"Gode idéer til menuen", "escape", "b")
        await pilot.press(*"Ny menu fra januar", "enter")
        await pilot.pause()
        fake.advance(minutes=12)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog)  # the clock runs: asks first
        await pilot.press("j")
        await pilot.pause()
    assert app.return_code in (0, None)
    assert app.writer.wait_idle(10)  # the screen's last save, queued as it closed

    later = FakeTime(start=datetime(2026, 11, 22, 15, 0))
    reopened = MeetingTestApp(open_store(data_dir, now=later.wall), meeting_id, later)
    async with reopened.run_test(size=SIZE) as pilot:
        screen = screen_of(reopened)
        assert not screen.clock.running  # reopened paused
        assert screen.query_one("#notes", TextArea).text == "Gode idéer til menuen"
        await until(lambda: "Ny menu fra januar" in str(
            screen.query_one("#recorded", Static).render()), what="the decision listed")
        rows = screen.query_one(AgendaList).rows
        assert [round(row.used_seconds) for row in rows[:2]] == [240, 720]
        assert rows[1].current
        assert screen.query_one(ItemCountdown).digits_text == "18:00"
        await pilot.press("space")
        later.advance(minutes=1)
        await redraw(reopened, pilot)
        assert screen.query_one(ItemCountdown).digits_text == "17:00"


async def test_quit_when_paused_does_not_ask(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", *"Kort note")
        await pilot.press("escape", "q")
        await pilot.pause()
    assert store.meeting(meeting_id).items[0].notes == "Kort note"


async def test_end_meeting_records_end_and_backs_up(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        fake.advance(minutes=55)
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert store.meeting(meeting_id).status == "i_gang"
        await pilot.press("x", "j")
        await pilot.pause()
        stored = store.meeting(meeting_id)
        assert stored.status == "afsluttet"
        assert stored.ended_at == datetime(2026, 11, 22, 14, 55)
        assert not screen_of(app).clock.running
        assert len(store.backups()) == 2
        assert "slut" in store.backups()[0].reason.lower()
        assert "Afsluttet kl. 14.55" in status_text(app)
        await pilot.press("space", "x")  # a finished meeting's clock stays stopped
        assert not screen_of(app).clock.running
        assert isinstance(app.screen, MeetingScreen)
        assert not screen_of(app).check_action("toggle_clock", ())
        countdown = screen_of(app).query_one(ItemCountdown)
        assert countdown.digits_text == "55:00"  # the time the item took
        assert "afsluttet" in str(countdown.query_one("#countdown-state", Label).render())


async def test_export_shows_where_the_minutes_went(store, meeting_id, fake, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", *"Referatet godkendt", "enter")
        await pilot.pause()
        await pilot.press("e")

        def saved_notices() -> list[str]:
            return [m for m in app.notices if m.startswith("Referatet er gemt: ")]

        await until(saved_notices, what="the export's notice")  # exported on a worker
        saved = saved_notices()
        path = Path(saved[0].removeprefix("Referatet er gemt: "))
        assert path.suffix == ".docx"
        assert (tmp_path / path).exists()


async def test_export_with_a_cpr_number_asks_and_redacts(store, meeting_id, fake, tmp_path,
                                                         monkeypatch):
    from docx import Document

    monkeypatch.chdir(tmp_path)
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", *"Sagen om 010203-1234 tages op", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one("#question", Label).render())
        assert "CPR-nummer" in question and "beslutning" in question
        assert "010203-1234" not in question
        assert "Erstat det med [CPR fjernet] i referatet?" in question  # not eaten as markup
        assert not list((tmp_path / "exports").glob("*.docx"))  # nothing written yet
        await pilot.press("j")
        # The export runs on the writer thread: wait for its notice, not a fixed pause.
        await until(lambda: any(m.startswith("Referatet er gemt: ") for m in app.notices),
                    what="the export's notice")
        saved = [m for m in app.notices if m.startswith("Referatet er gemt: ")]
        text = "\n".join(p.text for p in Document(tmp_path / saved[0].split(": ", 1)[1]).paragraphs)
        assert "[CPR fjernet]" in text and "010203-1234" not in text
        # The meeting itself keeps what was typed.
        assert store.decisions(meeting_id)[0].text == "Sagen om 010203-1234 tages op"


async def test_export_with_a_cpr_number_can_be_cancelled(store, meeting_id, fake, tmp_path,
                                                        monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", *"Sagen om 010203-1234 tages op", "enter")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert not (tmp_path / "exports").exists() or not list((tmp_path / "exports").iterdir())
        assert any("Ret teksten" in m for m in app.notices)


async def test_overtime_is_announced_once_per_item(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        fake.advance(minutes=6)
        await redraw(app, pilot)
        fake.advance(minutes=1)
        await redraw(app, pilot)
        announced = [n for n in app.notices if "over den planlagte tid" in n]
        assert announced == ["Punkt 1 er over den planlagte tid (5 min)."]


async def test_a_decision_can_be_reworded_or_removed(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        assert not screen.check_action("edit_decisions", ())  # nothing to correct yet
        await pilot.press("b", *"Dagsorden godkendt", "enter")
        await pilot.press("b", *"Referat godkent", "enter")
        await pilot.pause()
        assert screen.check_action("edit_decisions", ())
        await pilot.press("d")
        assert isinstance(app.screen, DecisionsDialog)
        dialog = app.screen
        await pilot.press("down", "enter", "ctrl+u", *"Referat godkendt", "enter")
        await until(lambda: dialog.changed, what="the decision reworded")
        assert [d.text for d in store.decisions(meeting_id)] == [
            "Dagsorden godkendt", "Referat godkendt"
        ]
        dialog.changed = False
        await pilot.press("up", "delete")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await until(lambda: dialog.changed, what="the decision removed")
        assert [d.text for d in store.decisions(meeting_id)] == ["Referat godkendt"]
        await pilot.press("escape")
        await until(lambda: "Referat godkendt" in recorded_text(screen)
                    and "Dagsorden godkendt" not in recorded_text(screen),
                    what="the list without the removed decision")


async def test_a_followup_can_be_corrected_or_removed(store, meeting_id, fake):
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("o", *"Spørg køkkenet", "tab", *"Jens Berg", "tab", *"1/12", "enter")
        await pilot.press("o", *"Forkert punkt", "enter")
        await pilot.pause()
        assert screen.check_action("edit_decisions", ())
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, DecisionsDialog)
        await pilot.press("enter")                       # the first follow-up
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FollowUpDialog)
        assert form.query_one("#owner", Input).value == "Jens Berg"
        form.query_one("#owner", Input).value = "Sofie Lund"
        form.query_one("#due", Input).value = ""
        await pilot.press("enter")
        await until(lambda: dialog.changed, what="the follow-up corrected")
        dialog.changed = False
        first, mistake = store.followups(meeting_id=meeting_id)
        assert (first.text, first.owner, first.due) == ("Spørg køkkenet", "Sofie Lund", None)
        assert first.history[-1].comment == "Rettet"
        await pilot.press("down", "delete")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await until(lambda: dialog.changed, what="the follow-up removed")
        assert [f.id for f in store.followups(meeting_id=meeting_id)] == [first.id]
        assert "Opfølgningen »Forkert punkt« er fjernet." in app.notices
        await pilot.press("escape")
        await until(lambda: "Sofie Lund" in recorded_text(screen)
                    and "Forkert punkt" not in recorded_text(screen),
                    what="the list without the removed follow-up")



async def test_status_line_cuts_the_council_name_not_the_date(store, meeting_id, fake):
    """At 80 columns the long council name gives way, so the date stays readable."""
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = str(screen_of(app).query_one("#status-left", Label).render())
        assert "22. november 2026" in shown, shown
        assert shown.startswith("Bruger- og") and "…" in shown
        await pilot.resize_terminal(140, 24)
        await until(lambda: "Kildebo · 22. november 2026 · Tema: Mad og måltider" in str(
            screen_of(app).query_one("#status-left", Label).render()), what="the full line")
