"""Keyboard-first: type-ahead in every dialog, the help screen (?), the high-contrast theme.

Each test types the key that opens the dialog and everything after it before the app
handles the first key (``keyburst.burst``), then reads every field.
"""
# ruff: noqa: F811 - the fixtures imported from the other test modules are the arguments

from __future__ import annotations

from datetime import date, time

import pytest
from keyburst import burst
from test_followups_tui import TODAY as DEMO_TODAY
from test_followups_tui import demo, planned_meeting  # noqa: F401 (fixtures)
from test_followups_tui import make_app as demo_app
from test_triage_screen import RoundApp, board  # noqa: F401 (a fixture)
from textual.app import App
from textual.widgets import Input
from waiting import until

from meetingtool.core.model import AgendaTemplate, Member, TemplateItem
from meetingtool.store import Store, open_store
from meetingtool.tui.dialogs import ConfirmDialog, DecisionDialog, FollowUpDialog
from meetingtool.tui.dialogs.escalation import EscalationDialog
from meetingtool.tui.dialogs.new_meeting import NewMeetingDialog
from meetingtool.tui.dialogs.review_change import ReviewChangeDialog
from meetingtool.tui.dialogs.triage import ResidentDialog, ResidentEscalationDialog
from meetingtool.tui.screens.help import HelpScreen
from meetingtool.tui.screens.home import HomeScreen
from meetingtool.tui.screens.meeting import MeetingScreen
from meetingtool.tui.screens.review import ReviewScreen
from meetingtool.tui.screens.triage import TriageScreen
from meetingtool.tui.typeahead import TypeAheadMixin

SIZE = (80, 24)


class FixedClock:
    def __init__(self) -> None:
        self.seconds = 1000.0

    def monotonic(self) -> float:
        return self.seconds

    def wall(self):
        from datetime import datetime
        return datetime(2026, 11, 22, 14, 0)


class MeetingApp(TypeAheadMixin, App):
    """The meeting screen in an app that routes typed-ahead keys, as MeetingToolApp does."""

    def __init__(self, store: Store, meeting_id: int) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.clock = FixedClock()

    def on_mount(self) -> None:
        self.push_screen(MeetingScreen(self.store, self.meeting_id,
                                       monotonic=self.clock.monotonic, wall=self.clock.wall))


@pytest.fixture
def meeting(data_dir) -> tuple[Store, int]:
    store = open_store(data_dir)
    council = store.ensure_council(
        "Bruger- og pårørenderåd Kildebo", "bruger-og-paaroerenderaad",
        members=[Member("Karen Holm", "formand"), Member("Sofie Lund", "referent")],
    )
    template = AgendaTemplate(
        kind="bruger-og-paaroerenderaad", title="Kvartalsmøde", start_time=time(14, 0),
        items=[TemplateItem("Mad og måltider", 30), TemplateItem("Eventuelt", 15)],
    )
    meeting = store.create_meeting(council.id, template, date(2026, 11, 22),
                                   start_time=time(14, 0))
    return store, meeting.id


def values(screen) -> dict[str, str]:
    return {field.id: field.value for field in screen.query(Input)}


async def test_followup_typed_in_one_burst(meeting):
    store, meeting_id = meeting
    app = MeetingApp(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen))
        await pilot.pause()
        burst(app, "o", "Undersøge tider", "tab", "Sofie Lund", "tab", "1.12.2026")
        await until(lambda: isinstance(app.screen, FollowUpDialog)
                    and values(app.screen).get("due") == "1.12.2026", what="the due date typed")
        assert values(app.screen) == {"text": "Undersøge tider", "owner": "Sofie Lund",
                                      "due": "1.12.2026"}
        assert app.screen.focused.id == "due"


async def test_followup_saved_by_enter_in_the_burst(meeting):
    store, meeting_id = meeting
    app = MeetingApp(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen))
        await pilot.pause()
        burst(app, "o", "Ringe til køkkenet", "tab", "Karen Holm", "enter")
        await until(lambda: store.open_followups(store.meeting(meeting_id).council_id),
                    what="the follow-up saved")
        [saved] = store.open_followups(store.meeting(meeting_id).council_id)
        assert (saved.text, saved.owner) == ("Ringe til køkkenet", "Karen Holm")
        assert isinstance(app.screen, MeetingScreen)


async def test_decision_typed_in_one_burst_never_fires_the_screens_keys(meeting):
    """"n" and "x" are keys of the meeting screen (next item, end meeting)."""
    store, meeting_id = meeting
    app = MeetingApp(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen))
        await pilot.pause()
        first_item = app.screen.clock.current_item_id
        burst(app, "b", "Nyt menukort x næste måned")
        await until(lambda: isinstance(app.screen, DecisionDialog)
                    and values(app.screen).get("text", "").endswith("måned"), what="the decision")
        assert values(app.screen)["text"] == "Nyt menukort x næste måned"
        assert app.screen_stack[-2].clock.current_item_id == first_item
        assert not any(isinstance(s, ConfirmDialog) for s in app.screen_stack)


# --- The triage round's dialogs -------------------------------------------------------


class TriageApp(TypeAheadMixin, RoundApp):
    """The round's screen in an app that routes typed-ahead keys."""


def triage_app(board) -> TriageApp:
    store, meeting, item, _, clock = board
    return TriageApp(TriageScreen(store, meeting.id, item.id, monotonic=clock.monotonic,
                                  wall=clock.wall))


async def test_triage_note_typed_in_one_burst(board):
    store, meeting, _, _, _ = board
    app = triage_app(board)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "1", "enter", "Faldt i nat", "tab", "Tilsyn", "tab", "Mette", "enter")
        await until(lambda: store.triage_entries(meeting.id)
                    and store.triage_entries(meeting.id)[0].owner, what="the note saved")
        [entry] = store.triage_entries(meeting.id)
        assert (entry.change, entry.action, entry.owner) == ("Faldt i nat", "Tilsyn", "Mette")
        await until(lambda: isinstance(app.screen, TriageScreen), what="the dialog closed")


async def test_borgergennemgang_typed_in_one_burst_saves_on_enter(board):
    store, _, _, ids, _ = board
    app = triage_app(board)
    answers = ["Træt", "Bor alene før", "Utryg om natten", "Ro", "Faste aftaler"]
    typed = [key for answer in answers for key in ("tab", answer)][1:]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "down", "g", *typed, "enter")
        await until(lambda: store.borgergennemgange(ids["CD"]), what="the review saved")
        [review] = store.borgergennemgange(ids["CD"])
        assert list(review.answers.values()) == answers
        await until(lambda: isinstance(app.screen, TriageScreen))


async def test_send_videre_starts_in_sagen_after_the_label(board):
    store, meeting, _, _, _ = board
    app = triage_app(board)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "down", "2", "u", "gentagne fald", "tab", "Gul i tre uger")
        await until(lambda: isinstance(app.screen, ResidentEscalationDialog)
                    and values(app.screen).get("reason") == "Gul i tre uger")
        assert values(app.screen) == {"to": "Kvalitetsudvalg Syd",
                                      "text": "CD, stue 2: gentagne fald",
                                      "reason": "Gul i tre uger"}
        burst(app, "enter")
        await until(lambda: isinstance(app.screen, TriageScreen), what="sent")
    [sent] = [f for f in store.followups(meeting.council_id) if f.escalated_to is not None]
    assert sent.text == "CD, stue 2: gentagne fald"


async def test_new_resident_typed_in_one_burst(board):
    app = triage_app(board)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "a", "KL", "tab", "7")
        await until(lambda: isinstance(app.screen, ResidentDialog)
                    and values(app.screen).get("room") == "7")
        assert values(app.screen) == {"initials": "KL", "room": "7"}


# --- The review, escalation and new-meeting dialogs (the real app) ----------------------


async def test_review_change_typed_in_one_burst(demo):
    meeting = planned_meeting(demo, "kvalitetsraad")
    app = demo_app(demo)
    async with app.run_test(size=SIZE):
        # Typed at once, before the list is read (on the writer): the keys wait for it.
        await app.push_screen(ReviewScreen(demo, meeting.id, today=DEMO_TODAY))
        burst(app, "d", "+14", "tab", "Venter på svar")
        await until(lambda: isinstance(app.screen, ReviewChangeDialog)
                    and values(app.screen).get("comment") == "Venter på svar")
        assert values(app.screen) == {"value": "+14", "comment": "Venter på svar"}


async def test_escalation_typed_in_one_burst(demo):
    meeting = planned_meeting(demo, "kvalitetsudvalg")
    app = demo_app(demo, meeting_id=meeting.id)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen))
        await pilot.pause()
        burst(app, "s", "Gentagne fald", "tab", "Velfærdsforum", "tab", "Hører ikke til her")
        await until(lambda: isinstance(app.screen, EscalationDialog)
                    and values(app.screen).get("reason") == "Hører ikke til her")
        assert values(app.screen) == {"text": "Gentagne fald", "council": "Velfærdsforum",
                                      "reason": "Hører ikke til her"}


async def test_new_meeting_typed_in_one_burst(demo):
    app = demo_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        burst(app, "n", "tab", "tab", "tab", "Julemøde")
        await until(lambda: isinstance(app.screen, NewMeetingDialog)
                    and values(app.screen).get("title") == "Julemøde")
        assert app.screen.focused.id == "title"


# --- The help screen ------------------------------------------------------------------


async def test_help_lists_every_key_of_the_meeting_screen_in_danish(demo):
    meeting = planned_meeting(demo, "kvalitetsudvalg")
    app = demo_app(demo, meeting_id=meeting.id)
    async with app.run_test(size=(80, 40)) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen))
        await pilot.pause()
        meeting_screen = app.screen
        described = {b.binding.description for b in meeting_screen.active_bindings.values()
                     if b.binding.description}
        await pilot.press("question_mark")
        await until(lambda: isinstance(app.screen, HelpScreen))
        shown = "\n".join(str(s.render()) for s in app.screen.query(".key"))
        groups = [str(s.render()) for s in app.screen.query(".group")]
        english = {"Focus Next", "Focus Previous", "Copy selected text"}
        for description in described - {"Hjælp"} - english:
            assert description in shown, description
        assert not any(word in shown for word in english)
        assert "Næste felt" in shown
        assert "mellemrum" in shown and "Opfølgning" in shown
        assert "Denne skærm" in groups and "Overalt" in groups
        await pilot.press("escape")
        assert app.screen is meeting_screen


async def test_the_high_contrast_theme_is_offered_and_applies(demo):
    from meetingtool.tui.themes import HIGH_CONTRAST_THEME

    app = demo_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, HomeScreen))
        names = [command.title for command in app.get_system_commands(app.screen)]
        assert "Program: Høj kontrast" in names
        app.theme = HIGH_CONTRAST_THEME
        await pilot.pause()
        assert app.current_theme.background == "#000000"


async def test_new_meeting_saved_by_enter_in_the_burst(demo):
    """Enter typed right after the date creates the meeting on that date: it must not
    overtake the letters typed before it (it did as a priority binding)."""
    app = demo_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        before = {m.id for m in app.store.meetings()}
        burst(app, "n", "tab", "Julerådet", "tab", "24/12", "enter")
        await until(lambda: isinstance(app.screen, MeetingScreen)
                    and app.screen.query("#item-title"), what="the new meeting")
        await pilot.pause()
        new = [m for m in app.store.meetings() if m.id not in before]
        assert [m.date.strftime("%d/%m") for m in new] == ["24/12"]
