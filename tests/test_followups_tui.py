"""The demo data set, and the follow-up review, minutes approval and escalation in the TUI.

The demo is built once (dated around Sunday 22 November 2026) and copied for each test;
the app gets a fixed wall clock, so "overdue" never depends on when the tests run.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from demo_day import DEMO_TODAY
from textual.widgets import Input
from waiting import until

from meetingtool.actions.demo import MARKER
from meetingtool.actions.items import ESCALATIONS_ITEM_TITLE, is_review_item
from meetingtool.actions.meetings import followups_to_review
from meetingtool.cli import main
from meetingtool.core.dates import format_date
from meetingtool.core.followups import needs_attention
from meetingtool.store import Store, open_store
from meetingtool.tui.app import MeetingToolApp
from meetingtool.tui.dialogs import ConfirmDialog
from meetingtool.tui.dialogs.approval import ApprovalDialog
from meetingtool.tui.dialogs.escalation import EscalationDialog
from meetingtool.tui.dialogs.review_change import ReviewChangeDialog
from meetingtool.tui.screens.home import HomeScreen
from meetingtool.tui.screens.meeting import MeetingScreen
from meetingtool.tui.screens.review import ReviewScreen
from meetingtool.tui.widgets.row_list import RowList

TODAY = DEMO_TODAY  # the day the shared demo data set is built for
SIZE = (80, 24)


def wall() -> datetime:
    return datetime(2026, 11, 22, 10, 0)


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def demo(demo_copy) -> Store:
    """The demo data set (shared build, see conftest), built for TODAY."""
    return open_store(demo_copy, now=wall)


def council_of_kind(store, kind: str):
    return next(c for c in store.councils() if c.kind == kind)


def planned_meeting(store, kind: str):
    council = council_of_kind(store, kind)
    [summary] = [s for s in store.meetings(council.id) if s.status == "planlagt"]
    return store.meeting(summary.id)


def make_app(store, **options) -> MeetingToolApp:
    return MeetingToolApp(store, monotonic=FakeMonotonic(), wall=wall, **options)


async def settled(app, pilot) -> None:
    """Until the writer has done what the keys asked and the screen shows it."""
    await pilot.pause()
    await app.writer.idle()
    await pilot.pause()


async def review_opened(app, pilot) -> ReviewScreen:
    """The review screen on top, with its list read (on the writer) and drawn."""
    await until(lambda: isinstance(app.screen, ReviewScreen) and app.screen.loaded,
                what="the review list")
    await pilot.pause()
    return app.screen


async def meeting_opened(app) -> MeetingScreen:
    """The meeting screen, once open (the app may read the meeting on its writer first)."""
    await until(lambda: isinstance(app.screen, MeetingScreen), what="the meeting screen")
    return app.screen


async def approval_opened(app, pilot) -> ApprovalDialog:
    """The approval dialog on top, with the previous minutes read (on the writer) and shown."""
    await until(lambda: isinstance(app.screen, ApprovalDialog) and app.screen.data.arrived,
                what="the minutes to approve")
    await pilot.pause()
    return app.screen


async def goto_item(pilot, screen: MeetingScreen, wanted) -> None:
    """Press n until the current item is the one ``wanted`` accepts."""
    for _ in range(len(screen.meeting.items)):
        if wanted(screen.current_item):
            return
        await pilot.press("n")
        await pilot.pause()
    assert wanted(screen.current_item)


# --- the demo data --------------------------------------------------------------------


def test_demo_has_the_councils_meetings_and_followups(demo):
    councils = demo.councils()
    assert sorted(c.kind for c in councils) == sorted(
        ["bruger-og-paaroerenderaad", "kvalitetsraad", "kvalitetsudvalg", "triage",
         "tvaergaaende-kvalitetsraad"]
    )
    for council in councils:
        summaries = demo.meetings(council.id)
        past = [s for s in summaries if s.status == "afsluttet"]
        assert 2 <= len(past) <= 3, council.name
        assert all(s.date < TODAY for s in past)
        for summary in past:
            meeting = demo.meeting(summary.id)
            assert meeting.started_at and meeting.ended_at
            assert any(a.presence == "afbud" for a in meeting.attendance)
            assert any(item.notes for item in meeting.items)
            assert demo.decisions(meeting.id)
    followups = demo.followups()
    statuses = {f.status for f in followups}
    assert {"aaben", "i_gang", "udfoert", "udgaaet"} <= statuses
    assert any(f.is_overdue(TODAY) for f in followups)
    assert any(f.internal for f in followups)
    assert any(needs_attention(f) for f in followups)
    assert any(len(f.history) > 1 and f.history[-1].comment for f in followups)
    approved = [s for s in demo.meetings() if s.approved]
    assert approved
    assert any(demo.meeting(s.id).approval.with_corrections for s in approved)


def test_demo_escalation_travels_from_triage_to_the_council(demo):
    team = council_of_kind(demo, "triage")
    committee = council_of_kind(demo, "kvalitetsudvalg")
    board = council_of_kind(demo, "tvaergaaende-kvalitetsraad")
    [sent] = [f for f in demo.followups(team.id) if f.escalated_to is not None]
    assert sent.escalated_to.to_council_id == committee.id
    received = demo.followup(sent.escalated_to.target_followup_id)
    assert received.council_id == committee.id
    assert received.status == "i_gang"
    committee_meeting = demo.meeting(received.meeting_id)
    # A team's case lands on the committee's item for the teams' triage cases.
    assert committee_meeting.item(received.item_id).title == "Nye sager fra teamenes triage"
    assert received.escalated_to.to_council_id == board.id
    onward = demo.followup(received.escalated_to.target_followup_id)
    assert onward.council_id == board.id
    planned = planned_meeting(demo, "tvaergaaende-kvalitetsraad")
    assert onward.meeting_id == planned.id
    assert planned.item(onward.item_id).title == ESCALATIONS_ITEM_TITLE
    # The team sees what became of it.
    assert "Kvalitetsudvalget Kildebo: I gang" in sent.history[-1].comment


def test_demo_command_uses_its_own_folder(capsys, data_dir):
    assert main(["demo", "--no-open"]) == 0
    out = capsys.readouterr().out
    folder = data_dir.parent / "meetingtool-demo"
    assert f"Demodata bygget i {folder}: 5 råd" in out
    assert (folder / MARKER).exists()
    assert not data_dir.exists() or not open_store(data_dir).councils()
    # Built once; the second time it is only reopened.
    assert main(["demo", "--no-open"]) == 0
    assert "findes allerede" in capsys.readouterr().out


def test_demo_never_fills_real_data(capsys, data_dir, tmp_path):
    open_store(data_dir).ensure_council("Mit rigtige råd", "kvalitetsraad")
    assert main(["demo", "--no-open", "--data", str(data_dir)]) == 2
    assert "indeholder allerede møder" in capsys.readouterr().err
    assert [c.name for c in open_store(data_dir).councils()] == ["Mit rigtige råd"]
    assert main(["demo", "--no-open", "--fresh", "--data", str(data_dir)]) == 2
    assert "ikke en demomappe" in capsys.readouterr().err
    assert [c.name for c in open_store(data_dir).councils()] == ["Mit rigtige råd"]


# --- every screen opens on it ---------------------------------------------------------


async def test_home_screen_opens_on_demo(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        councils = app.screen.query_one("#councils", RowList)
        assert councils.keys == [c.id for c in demo.councils()]
        rows = [councils.row(key) for key in councils.keys]
        assert [row[0] for row in rows] == [c.name for c in demo.councils()]
        # Every council has open follow-ups, and overdue ones, to show.
        assert all(int(row[2]) > 0 and int(row[3]) > 0 for row in rows)


async def test_every_demo_meeting_opens(demo):
    for summary in demo.meetings():
        app = make_app(demo, meeting_id=summary.id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen)
            assert app.screen.meeting.id == summary.id


# --- the review in the meeting screen -------------------------------------------------


async def test_review_opened_again_is_the_same_screen_read_anew(demo, demo_copy):
    """v again: the review screen is kept (opening a new one costs ~30 ms of the screen's
    thread); it is read anew each time, so another terminal's change shows, and a key
    acts on the list as read now."""
    meeting = planned_meeting(demo, "kvalitetsraad")
    app = make_app(demo, meeting_id=meeting.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await goto_item(pilot, screen, lambda item: is_review_item(item)
                        and item.title != ESCALATIONS_ITEM_TITLE)
        await pilot.press("v")
        first = await review_opened(app, pilot)
        order = list(first.followups)
        await pilot.press("escape")
        await until(lambda: app.screen is screen, what="back on the meeting")
        other_terminal = open_store(demo_copy, now=wall)
        other_terminal.update_followup(order[1], status="udfoert", comment="Klaret")
        await pilot.press("v")
        again = await review_opened(app, pilot)
        assert again is first
        assert order[1] not in again.followups  # closed elsewhere: off the list
        assert list(again.followups) == [order[0], *order[2:]]
        assert again.query_one(RowList).highlighted_key == order[0]


async def test_review_from_the_meeting_screen(demo):
    meeting = planned_meeting(demo, "kvalitetsraad")
    app = make_app(demo, meeting_id=meeting.id)
    asked: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        notify = app.notify
        app.notify = lambda message, **options: (asked.append(message),
                                                 notify(message, **options))
        screen = await meeting_opened(app)
        await pilot.pause()
        # "v" is offered on the follow-up item only.
        assert not screen.check_action("review", ())
        await goto_item(pilot, screen, lambda item: is_review_item(item)
                        and item.title != ESCALATIONS_ITEM_TITLE)
        assert screen.check_action("review", ())
        shown = str(screen.query_one("#recorded").render())
        assert "Opfølgning fra tidligere møder (v: gennemgå)" in shown
        assert "(overskredet)" in shown
        about = str(screen.query_one("#item-about").render())
        assert "Åbne opfølgningspunkter fra tidligere møder:" not in about
        await pilot.press("v")
        review = await review_opened(app, pilot)
        table = review.query_one(RowList)
        order = list(review.followups)
        assert table.row_count == len(order) >= 3
        listed = [review.followups[i] for i in order]
        # Overdue first, by due date; the stuck one is flagged and the chair asked.
        overdue = [f for f in listed if f.is_overdue(TODAY)]
        assert listed[: len(overdue)] == overdue
        assert [f.due for f in overdue] == sorted(f.due for f in overdue)
        stuck = listed[0]
        assert needs_attention(stuck)
        detail = str(review.query_one("#review-detail").render())
        assert "Overført 3 gange" in detail
        assert any("overført 3 gange eller mere" in message for message in asked)

        # u: Udført with a comment.
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ReviewChangeDialog)
        await pilot.press(*"Klaret i lederforum", "enter")
        await settled(app, pilot)
        stored = demo.followup(stuck.id)
        assert stored.status == "udfoert"
        assert stored.history[-1].meeting_id == meeting.id
        assert stored.history[-1].comment == "Klaret i lederforum"
        assert table.row(stuck.id)[0] == "Udført"

        # d: a new due date, typed the Danish way.
        await pilot.press("down")
        await pilot.pause()
        second = review.selected
        assert second.id != stuck.id
        await pilot.press("d", *"+14", "enter")
        await settled(app, pilot)
        # read from the meeting's day, not from the day the minutes are finished
        assert demo.followup(second.id).due == meeting.date + timedelta(days=14)
        # a: a new owner, with a comment after tab.
        await pilot.press("a", *"Karen Nielsen", "tab", *"Overtager", "enter")
        await settled(app, pilot)
        stored = demo.followup(second.id)
        assert stored.owner == "Karen Nielsen"
        assert stored.history[-1].comment == "Overtager"
        detail = str(review.query_one("#review-detail").render())
        assert f"ny frist: {format_date(meeting.date + timedelta(days=14))}" in detail
        assert "ny ansvarlig: Karen Nielsen: Overtager" in detail
        # i and x, and k for a comment only.
        await pilot.press("i", "enter")
        await settled(app, pilot)
        assert demo.followup(second.id).status == "i_gang"
        await pilot.press("k", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewChangeDialog)  # an empty comment is refused
        await pilot.press(*"Venter på svar", "enter")
        await settled(app, pilot)
        assert demo.followup(second.id).history[-1].comment == "Venter på svar"
        await pilot.press("x", "escape")
        await settled(app, pilot)
        assert demo.followup(second.id).status == "i_gang"  # escape cancelled
        history = demo.followup(second.id).history
        assert [h.meeting_id for h in history[-4:]] == [meeting.id] * 4

        # Back to the meeting: the item shows the list as it stands now.
        await pilot.press("escape")
        await settled(app, pilot)
        assert app.screen is screen
        shown = str(screen.query_one("#recorded").render())
        assert f"{stuck.text} – Udført" in shown
        due = format_date(meeting.date + timedelta(days=14))
        assert f"I gang, ansvarlig: Karen Nielsen, frist: {due}" in shown


async def test_review_refuses_an_unreadable_due_date(demo):
    meeting = planned_meeting(demo, "kvalitetsraad")
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ReviewScreen(demo, meeting.id, today=TODAY))
        review = await review_opened(app, pilot)
        before = review.selected
        await pilot.press("d", *"31/2", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReviewChangeDialog)
        assert "31/2" in str(dialog.query_one("#error").render())
        assert dialog.query_one("#value", Input).value == "31/2"
        await pilot.press("escape")
        await pilot.pause()
        assert demo.followup(before.id).due == before.due


async def test_approval_of_previous_minutes(demo):
    meeting = planned_meeting(demo, "kvalitetsraad")
    previous = demo.previous_meeting(meeting.id)
    assert previous.approval is None
    app = make_app(demo, meeting_id=meeting.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await meeting_opened(app)
        await goto_item(pilot, screen, lambda item: item.kind == "godkendelse"
                        and "referat" in item.title.casefold())
        shown = str(screen.query_one("#recorded").render())
        assert f"Referat fra mødet {format_date(previous.date)} (g: godkend)" in shown
        assert "Ikke godkendt" in shown
        await pilot.press("g")
        approval = await approval_opened(app, pilot)
        summary = str(approval.query_one("#approval-summary").render())
        assert previous.council_name in summary and "Beslutninger" in summary
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Skriv rettelserne" in str(approval.query_one("#approval-error").render())
        await pilot.press(*"Punkt 4: to afbud, ikke ét", "enter")
        await until(lambda: app.screen is screen, what="the approval saved")
        await settled(app, pilot)
        stored = demo.meeting(previous.id).approval
        assert stored.corrections == "Punkt 4: to afbud, ikke ét"
        assert stored.approved_in_meeting_id == meeting.id
        assert stored.approved_on == meeting.date
        shown = str(screen.query_one("#recorded").render())
        assert "Godkendt med rettelser" in shown and "Punkt 4: to afbud" in shown
        # Approving again without corrections replaces it.
        await pilot.press("g", "g")  # the second waits for the summary
        await until(lambda: app.screen is screen, what="the approval saved")
        assert not demo.meeting(previous.id).approval.with_corrections


async def test_approval_without_a_previous_meeting(demo):
    council = demo.ensure_council("Nyt råd", "kvalitetsraad")
    template_meeting = planned_meeting(demo, "kvalitetsraad")
    from meetingtool.core.agenda import load_agenda

    first = demo.create_meeting(council.id, load_agenda(template_meeting.template_source),
                                TODAY)
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ApprovalDialog(demo, first.id))
        await approval_opened(app, pilot)
        assert "intet referat at godkende" in str(app.screen.query_one("#approval-summary")
                                                   .render())
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ApprovalDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ApprovalDialog)


# --- escalation -----------------------------------------------------------------------


async def test_escalate_a_point_to_a_new_council(demo):
    meeting = planned_meeting(demo, "kvalitetsudvalg")
    app = make_app(demo, meeting_id=meeting.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await meeting_opened(app)
        item = screen.current_item
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, EscalationDialog)
        await pilot.press(*"Natlige tilsyn på tværs af centre", "tab", *"Lederforum", "tab",
                          *"Kræver en ledelsesbeslutning", "enter")
        await until(lambda: isinstance(app.screen, ConfirmDialog), what="asked to create")
        confirm = app.screen
        assert "Rådet 'Lederforum' findes ikke. Opret det, eller fortryd." in confirm.question
        await pilot.press("j")
        await until(lambda: app.screen is screen, what="sent on")
    forum = demo.find_council("Lederforum")
    assert forum is not None
    [sent] = [f for f in demo.followups(meeting_id=meeting.id) if f.escalated_to]
    assert (sent.item_id, sent.text, sent.status) == (
        item.id, "Natlige tilsyn på tværs af centre", "i_gang")
    assert sent.escalated_to.to_council_id == forum.id
    assert sent.escalated_to.reason == "Kræver en ledelsesbeslutning"
    assert sent.escalated_to.target_followup_id is None  # waits for the forum's next meeting


async def test_escalate_from_review_to_known_council_and_cancel_unknown(demo):
    meeting = planned_meeting(demo, "kvalitetsraad")
    committee = council_of_kind(demo, "kvalitetsudvalg")
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ReviewScreen(demo, meeting.id, today=TODAY))
        review = await review_opened(app, pilot)
        chosen = review.selected
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"Velfærdsforum", "tab", *"Hører ikke til her", "enter")
        await until(lambda: isinstance(app.screen, ConfirmDialog), what="asked to create")
        await pilot.press("right", "enter")      # the arrow moves to "Fortryd"
        await until(lambda: isinstance(app.screen, EscalationDialog), what="back to sending")
        dialog = app.screen
        assert isinstance(dialog, EscalationDialog)
        assert "Vælg et andet råd" in str(dialog.query_one("#error").render())
        assert demo.find_council("Velfærdsforum") is None
        council_field = dialog.query_one("#council", Input)
        council_field.value = committee.name
        await pilot.press("enter")
        await until(lambda: app.screen is review, what="sent on")
        await settled(app, pilot)
        assert "Sendt til Kvalitetsudvalget Kildebo" in str(
            review.query_one("#review-detail").render())
    sent = demo.followup(chosen.id)
    assert sent.escalated_to.to_council_id == committee.id
    received = demo.followup(sent.escalated_to.target_followup_id)
    planned = planned_meeting(demo, "kvalitetsudvalg")
    assert (received.council_id, received.meeting_id) == (committee.id, planned.id)


async def test_an_internal_case_is_marked_on_the_review_list_and_the_item(demo):
    meeting = planned_meeting(demo, "bruger-og-paaroerenderaad")
    [internal] = [f for f in followups_to_review(demo, meeting) if f.internal]
    app = make_app(demo, meeting_id=meeting.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await meeting_opened(app)
        await goto_item(pilot, screen, lambda item: is_review_item(item)
                        and item.title != ESCALATIONS_ITEM_TITLE)
        assert "internt – kommer ikke i referatet" in str(screen.query_one("#recorded").render())
        await pilot.press("v")
        review = await review_opened(app, pilot)
        assert review.query_one(RowList).row(internal.id)[1].startswith("(intern) ")
        # A click on the second row (under the heading line) chooses it.
        table = review.query_one(RowList)
        await pilot.click(RowList, offset=(3, 2))
        assert review.selected is review.followups[table.keys[1]]
