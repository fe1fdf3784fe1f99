"""Pilot tests of a full triage round on a real store, with injected clocks."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Label, Static
from waiting import until

from meetingtool.core.agenda import load_agenda
from meetingtool.store import open_store
from meetingtool.tui.dialogs import ConfirmDialog
from meetingtool.tui.dialogs.triage import (
    BorgergennemgangDialog,
    ResidentDialog,
    ResidentEscalationDialog,
    TasksDialog,
    TriageNoteDialog,
)
from meetingtool.tui.screens.triage import TriageScreen
from meetingtool.tui.widgets.triage_board import board_line

AGENDA = Path(__file__).resolve().parent.parent / "agendas" / "triage.toml"
TODAY = date(2026, 11, 23)
RATED_AT = datetime(2026, 11, 23, 8, 30)


class FakeClock:
    """Monotonic seconds and a wall clock that tests move by hand."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def monotonic(self) -> float:
        return self.seconds

    def wall(self) -> datetime:
        return RATED_AT + timedelta(seconds=self.seconds - 1000.0)


class RoundApp(App):
    def __init__(self, screen: TriageScreen) -> None:
        super().__init__()
        self.round_screen = screen

    def on_mount(self) -> None:
        self.push_screen(self.round_screen)


@pytest.fixture
def board(data_dir):
    """Team "Afdeling Birk": five residents, two earlier meetings, today's meeting."""
    clock = FakeClock()
    store = open_store(data_dir, now=clock.wall)
    template = load_agenda(AGENDA)
    team = store.ensure_council("Afdeling Birk", "triage")
    store.ensure_council("Kvalitetsudvalg Syd", "kvalitetsudvalg")
    ids = {}
    for initials, room in [("AB", "1"), ("CD", "2"), ("EF", "3"), ("GH", "4"), ("IJ", "5")]:
        ids[initials] = store.add_resident(team.id, initials=initials, room=room).id
    history = [
        {"AB": "groen", "CD": "gul", "EF": "roed", "GH": "groen"},
        {"AB": "groen", "CD": "gul", "EF": "gul", "GH": "roed"},
    ]
    for days_before, colours in zip((14, 7), history):
        earlier = store.create_meeting(team.id, template, TODAY - timedelta(days=days_before))
        for initials, colour in colours.items():
            store.set_triage_entry(earlier.id, ids[initials], colour=colour)
    meeting = store.create_meeting(team.id, template, TODAY)
    item = next(item for item in meeting.items if item.kind == "triage")
    return store, meeting, item, ids, clock


def make_app(board) -> RoundApp:
    store, meeting, item, _, clock = board
    screen = TriageScreen(store, meeting.id, item.id, monotonic=clock.monotonic,
                          wall=clock.wall)
    return RoundApp(screen)


def rows(app: RoundApp) -> list[str]:
    """The resident column of each row, top to bottom."""
    screen = app.round_screen
    return [screen.cells(rid)["resident"].plain for rid in screen.rows]


def cell(app: RoundApp, row: int, column: str) -> str:
    screen = app.round_screen
    resident_id = list(screen.rows)[row]
    text = screen.cells(resident_id)[column].plain
    assert text[:8] in screen.rows[resident_id].plain  # and it is what the row shows
    return text


def static_text(app: RoundApp, widget_id: str) -> str:
    return str(app.screen.query_one(widget_id, Static).render())


async def written(pilot, app: RoundApp) -> None:
    """Wait for the round's background writes, then for the screen."""
    app.round_screen.writer.flush()
    await pilot.pause()


async def opened(app: RoundApp) -> None:
    """Wait for the round: the screen opens at once, the writer reads the round."""
    await until(lambda: app.round_screen.loaded, what="the round read on the writer")


def error_line(app: RoundApp) -> str:
    return str(app.screen.query_one("#error", Label).render())


async def refused(app: RoundApp, words: str) -> None:
    """Wait until the open dialog's error line says ``words`` (the writer's answer)."""
    await until(lambda: words in error_line(app), what=f"the dialog to say {words!r}")


async def dialog(app: RoundApp, kind: type) -> None:
    await until(lambda: isinstance(app.screen, kind), what=f"the {kind.__name__}")


def board_shows_round(app: RoundApp) -> bool:
    """Every row on screen is drawn from the round as it stands (a save's answer shown)."""
    screen = app.round_screen
    return all(board_line(screen.cells(rid), screen.widths).plain == row.plain
               for rid, row in screen.rows.items())


async def back_on_board(app: RoundApp) -> None:
    """Wait until a dialog's save is done, its dialog gone and the board redrawn."""
    await until(lambda: app.screen is app.round_screen and board_shows_round(app),
                what="the dialog saved and closed, the board redrawn")


def rule_followups(store, meeting_id, label):
    return [f for f in store.followups(meeting_id=meeting_id) if f.resident == label]


async def test_round_opens_ordered_by_previous_colour_and_marks_unrated(board):
    app = make_app(board)
    async with app.run_test(size=(80, 24)):
        await opened(app)
        # previous meeting: GH red, CD and EF yellow, AB green, IJ never rated
        assert rows(app) == ["GH 4", "CD 2", "EF 3", "AB 1", "IJ 5"]
        assert [cell(app, i, "colour") for i in range(5)] == ["ikke vurderet"] * 5
        # the trend: oldest first, a shape per earlier meeting (■ green, ● red)
        assert cell(app, 0, "trend") == "■ ●"
        assert cell(app, 4, "trend") == "· ·"
        assert "0/5 vurderet" in static_text(app, "#round")


async def test_colour_keys_rate_rows_without_reordering(board):
    store, meeting, _, ids, _ = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")           # GH green
        await pilot.press("down", "1")   # CD red
        await pilot.press("down", "2")   # EF yellow
        await written(pilot, app)
        assert rows(app) == ["GH 4", "CD 2", "EF 3", "AB 1", "IJ 5"]
        assert cell(app, 0, "colour") == "■ Grøn"
        assert cell(app, 1, "colour") == "● Rød"
        assert cell(app, 2, "colour") == "▲ Gul"
        assert cell(app, 3, "colour") == "ikke vurderet"
        # the colour's movement is shown until the team writes what changed
        assert cell(app, 0, "change") == "Rød → Grøn"
        assert cell(app, 1, "change") == "Gul → Rød"
        assert "3/5 vurderet" in static_text(app, "#round")
        assert "1 rød, 1 gul, 1 grøn" in static_text(app, "#round")
    stored = {e.resident_id: e.colour for e in store.triage_entries(meeting.id)}
    assert stored == {ids["GH"]: "groen", ids["CD"]: "roed", ids["EF"]: "gul"}


async def test_colour_rules_create_follow_ups_once(board):
    store, meeting, item, _, _ = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "1")   # CD red
        await pilot.press("1")           # pressed twice: no second follow-up
        await written(pilot, app)
        red = rule_followups(store, meeting.id, "CD, stue 2")
        assert len(red) == 1
        assert red[0].text == "Sygeplejefaglig vurdering – senest 24. november 2026 kl. 8.30"
        assert red[0].due == date(2026, 11, 24)
        assert red[0].item_id == item.id and red[0].owner == "" and red[0].status == "aaben"

        await pilot.press("2")           # corrected to yellow: red task gone, plan made
        await written(pilot, app)
        by_text = {f.text.split(" – ")[0]: f for f in rule_followups(store, meeting.id,
                                                                      "CD, stue 2")}
        assert list(by_text) == ["Handleplan"]
        assert by_text["Handleplan"].status == "aaben"
        assert by_text["Handleplan"].due == date(2026, 11, 25)

        await pilot.press("1")           # back to red: one assessment, no plan left over
        await written(pilot, app)
        found = rule_followups(store, meeting.id, "CD, stue 2")
        assert [(f.text.split(" – ")[0], f.status) for f in found] == [
            ("Sygeplejefaglig vurdering", "aaben")]

        await pilot.press("up", "3")     # green creates nothing
        await written(pilot, app)
        assert rule_followups(store, meeting.id, "GH, stue 4") == []


async def test_note_dialog_saves_change_action_owner_and_refuses_cpr(board):
    store, meeting, _, ids, _ = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await dialog(app, TriageNoteDialog)
        await pilot.press(*"Faldt i nat 010180-1234")
        await pilot.press("enter")
        await refused(app, "CPR")
        assert store.triage_entries(meeting.id)[0].change == ""

        change = app.screen.query_one("#change")
        change.value = "Faldt i nat"
        await pilot.press("tab", *"Tilsyn af sygeplejerske", "tab", *"Mette")
        await pilot.press("enter")
        await back_on_board(app)
        assert cell(app, 0, "change") == "Faldt i nat"
        assert cell(app, 0, "owner") == "Mette"
    entry = store.triage_entries(meeting.id)[0]
    assert (entry.resident_id, entry.change, entry.action, entry.owner) == (
        ids["GH"], "Faldt i nat", "Tilsyn af sygeplejerske", "Mette")
    # the owner set at the board also takes the red rule's follow-up
    assert [f.owner for f in rule_followups(store, meeting.id, "GH, stue 4")] == ["Mette"]


async def test_note_dialog_puts_the_cursor_in_the_field_the_error_names(board):
    """A full name typed in "Hvad er ændret", found on enter from Ansvarlig: the cursor
    goes back to "Hvad er ændret", so the next keys fix it rather than the owner."""
    store, meeting, _, _, _ = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await dialog(app, TriageNoteDialog)
        await pilot.press(*"Karen Larsen faldt", "tab", *"Tilsyn", "tab", *"Mette", "enter")
        await refused(app, "'Hvad er ændret'")
        assert app.screen.focused is app.screen.query_one("#change")
        assert store.triage_entries(meeting.id)[0].change == ""


async def test_borgergennemgang_five_questions(board):
    store, meeting, _, ids, _ = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "g")
        await dialog(app, BorgergennemgangDialog)
        await pilot.press("enter")           # nothing answered: refused
        await refused(app, "mindst ét")
        answers = ["Træt", "Bor alene før", "Utryg om natten", "Ro", "Faste aftaler"]
        for index, answer in enumerate(answers):
            if index:
                await pilot.press("tab")
            await pilot.press(*answer)
        await pilot.press("enter")
        await back_on_board(app)
    [review] = store.borgergennemgange(ids["CD"])
    assert review.meeting_id == meeting.id
    assert list(review.answers.values()) == answers


@pytest.mark.parametrize("planned", [False, True])
async def test_escalate_row_to_quality_committee(board, planned):
    store, meeting, _, ids, _ = board
    committee = store.find_council("Kvalitetsudvalg Syd")
    if planned:  # the committee's next board meeting is already planned: the case goes on it
        template = load_agenda(AGENDA.parent / "kvalitetsudvalg.toml")
        store.create_meeting(committee.id, template, TODAY + timedelta(days=3))
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "2", "enter")
        await dialog(app, TriageNoteDialog)
        app.screen.query_one("#change").value = "Gentagne fald om natten"
        await pilot.press("enter")
        await back_on_board(app)
        await pilot.press("u")
        await dialog(app, ResidentEscalationDialog)
        assert app.screen.query_one("#to").value == "Kvalitetsudvalg Syd"
        assert app.screen.query_one("#text").value == "CD, stue 2: Gentagne fald om natten"
        assert app.screen.focused is app.screen.query_one("#text")   # starts in "Sagen"
        await pilot.press("tab", *"Gul i tre uger")
        await pilot.press("enter")
        await back_on_board(app)
        assert cell(app, 1, "resident") == "CD 2 ↑"
        panel = static_text(app, "#current")
        assert "Sendt til Kvalitetsudvalg Syd 23. november 2026" in panel
        assert ("venter på næste møde" in panel) is not planned
    [sent] = [f for f in store.followups(meeting.council_id) if f.escalated_to is not None]
    assert sent.meeting_id == meeting.id and sent.resident == "CD, stue 2"
    assert sent.text == "CD, stue 2: Gentagne fald om natten"
    assert sent.escalated_to.to_council_id == committee.id
    assert sent.escalated_to.reason == "Gul i tre uger"
    received = store.followups(committee.id)
    if planned:
        [case] = received
        assert case.text == sent.text and case.resident == "CD, stue 2"
        assert case.escalated_from.source_followup_id == sent.id
    else:
        assert received == []  # waits for the committee's next meeting


async def test_escalation_to_unknown_council_offers_to_create_it(board):
    store, _, _, _, _ = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await dialog(app, ResidentEscalationDialog)
        app.screen.query_one("#to").value = "Tværgående kvalitetsråd"
        app.screen.query_one("#text").value = "GH, stue 4: fald"
        app.screen.query_one("#reason").value = "cpr 0101801234"
        await pilot.press("enter")
        await refused(app, "CPR")
        app.screen.query_one("#reason").value = "Datter Anna Berg klager"
        await pilot.press("enter")
        await refused(app, "fuldt navn")
        app.screen.query_one("#reason").value = "Arbejdsgang"
        await pilot.press("enter")
        await refused(app, "findes ikke")
        assert store.find_council("Tværgående kvalitetsråd") is None
        await pilot.press("enter")
        await back_on_board(app)
    council = store.find_council("Tværgående kvalitetsråd")
    assert council is not None and council.kind == "tvaergaaende-kvalitetsraad"
    [sent] = [f for f in store.followups(board[1].council_id) if f.escalated_to is not None]
    assert sent.escalated_to.to_council_id == council.id


async def test_countdown_per_resident_and_round_total(board):
    _, _, _, _, clock = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app)
        # GH was red last time: a minute's budget
        assert "1:00 tilbage" in static_text(app, "#current")
        clock.seconds += 50
        await until(lambda: "0:10 tilbage" in static_text(app, "#current"))
        clock.seconds += 20
        await until(lambda: "0:10 over tid" in static_text(app, "#current"))
        await pilot.press("down")  # CD, yellow last time: 30 seconds
        clock.seconds += 5
        await until(lambda: "0:25 tilbage" in static_text(app, "#current"))
        # round: 75 s of the item's 9 planned minutes; by colour 60+30+30+10+30 s
        status = static_text(app, "#round")
        assert "Runde 1:15 af 9:00" in status
        assert "(farver 2:40)" in status


async def test_the_round_time_goes_on_when_the_round_is_opened_again(board):
    store, meeting, item, ids, clock = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app)
        clock.seconds += 50                     # GH
        await pilot.press("down")
        clock.seconds += 25                     # CD
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.writer.wait_idle(10)             # the round's time, saved on the writer
    assert store.meeting(meeting.id).item(item.id).round_seconds == {ids["GH"]: 50.0,
                                                                     ids["CD"]: 25.0}
    app = make_app(board)
    async with app.run_test(size=(80, 24)):
        await opened(app)
        assert "Runde 1:15 af 9:00" in static_text(app, "#round")
        assert "0:10 tilbage" in static_text(app, "#current")   # GH's minute goes on


class MeetingApp(App):
    def __init__(self, store, meeting_id: int, clock: FakeClock) -> None:
        super().__init__()
        self.args = (store, meeting_id, clock)

    def on_mount(self) -> None:
        from meetingtool.tui.screens.meeting import MeetingScreen

        store, meeting_id, clock = self.args
        self.push_screen(MeetingScreen(store, meeting_id, monotonic=clock.monotonic,
                                       wall=clock.wall))


async def test_meeting_screen_opens_the_round_on_a_triage_item(board):
    from meetingtool.tui.screens.meeting import MeetingScreen

    store, meeting, item, _, clock = board
    app = MeetingApp(store, meeting.id, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.current_item.id == item.id  # the triage item opens the agenda
        await pilot.press("space", "t")               # the meeting clock runs meanwhile
        await pilot.pause()
        assert isinstance(app.screen, TriageScreen)
        await pilot.press("1", "down", "2")
        clock.seconds += 30                           # the meeting screen saves its clock
        await until(lambda: store.meeting(meeting.id).item(item.id).used_seconds >= 30,
                    what="the meeting clock's periodic save")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert {e.colour for e in store.triage_entries(meeting.id)} == {"roed", "gul"}
        assert store.meeting(meeting.id).item(item.id).used_seconds >= 30
        assert len(store.followups(meeting_id=meeting.id)) == 2
        # the red rule's follow-up is listed under the item once back
        assert "Sygeplejefaglig vurdering" in str(app.screen.query_one("#recorded").render())
        await pilot.press("n", "t")  # the next item is no triage item: nothing opens
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)


async def test_residents_added_renamed_and_moved_out_on_the_board(board):
    store, meeting, _, ids, _ = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await dialog(app, ResidentDialog)
        await pilot.press(*"Anna Berg")
        await pilot.press("enter")
        await refused(app, "fuldt navn")
        app.screen.query_one("#initials").value = "op"
        app.screen.query_one("#room").value = "010180-1234"
        await pilot.press("enter")
        await refused(app, "CPR")
        app.screen.query_one("#room").value = "8"
        await pilot.press("enter")
        await back_on_board(app)
        await until(lambda: rows(app)[-1] == "OP 8")     # new residents last
        assert cell(app, 5, "colour") == "ikke vurderet"
        await until(lambda: app.round_screen.selected_id == rows_ids(app)[-1],
                    what="the new resident selected")
        await pilot.press("2")                           # and can be rated at once
        await written(pilot, app)
        assert "1/6 vurderet" in static_text(app, "#round")

        await pilot.press("home", "r")                   # GH becomes GK, room kept
        await dialog(app, ResidentDialog)
        app.screen.query_one("#initials").value = "GK"
        await pilot.press("enter")
        await back_on_board(app)
        assert rows(app)[0] == "GK 4"

        await pilot.press("down", "x")                   # CD has moved
        await dialog(app, ConfirmDialog)
        await pilot.press("j")
        # the move is saved on the app's writer; the row goes when it is
        await until(lambda: rows(app) == ["GK 4", "EF 3", "AB 1", "IJ 5", "OP 8"],
                    what="the row gone")
        assert app.round_screen.selected_id == ids["EF"]
    team = meeting.council_id
    active = {(r.initials, r.room) for r in store.residents(team)}
    assert active == {("GK", "4"), ("EF", "3"), ("AB", "1"), ("IJ", "5"), ("OP", "8")}
    [moved] = [r for r in store.residents(team, include_inactive=True) if not r.active]
    assert moved.id == ids["CD"] and moved.moved_out == TODAY
    assert len(store.resident_history(ids["CD"])) == 2   # the earlier ratings are kept


def rows_ids(app: RoundApp) -> list[str]:
    return list(app.round_screen.rows)


def test_store_writer_keeps_order_and_hands_over_errors():
    from meetingtool.core.errors import MeetingToolError
    from meetingtool.tui.screens.triage import StoreWriter

    done: list[int] = []
    errors: list[BaseException] = []
    writer = StoreWriter(errors.append)

    def failing() -> None:
        raise MeetingToolError("disken er fuld")

    for number in range(50):
        writer.submit(lambda number=number: done.append(number))
    writer.submit(failing)
    writer.submit(lambda: done.append(50))
    writer.flush()
    assert done == list(range(51))
    assert [error.message for error in errors] == ["disken er fuld"]
    writer.close()
    writer.submit(lambda: done.append(51))   # a closed writer starts again when needed
    writer.close()
    assert done[-1] == 51


async def test_space_pauses_the_round_time(board):
    _, _, _, _, clock = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app)                        # the round's time runs from here
        clock.seconds += 10
        await pilot.press("space")
        clock.seconds += 100                     # paused: not counted
        await until(lambda: static_text(app, "#round").startswith("Pause 0:10"))
        await pilot.press("space")
        clock.seconds += 5
        await until(lambda: static_text(app, "#round").startswith("Runde 0:15"))
        assert "0:45 tilbage" in static_text(app, "#current")


async def test_round_reaches_the_minutes_board_table(board):
    """What the round records is what the exported minutes' board table shows."""
    from meetingtool.export import collect_bundle, render

    store, meeting, _, _, _ = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")               # GH red, with a note
        await dialog(app, TriageNoteDialog)
        app.screen.query_one("#change").value = "Faldet i nat"
        app.screen.query_one("#action").value = "Tilsyn"
        app.screen.query_one("#owner").value = "Mette"
        await pilot.press("enter")
        await back_on_board(app)
        await pilot.press("down", "2", "down", "1", "3")  # CD yellow; EF red, then green
    assert app.writer.wait_idle(10)
    text = render(collect_bundle(store, meeting.id), "md", include_internal=True).decode()
    board_table = text.split("## Triagetavle", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in board_table.splitlines() if line.startswith("|")][2:]
    assert len(rows) == 5, rows  # every resident on the board, rated or not
    assert rows[0].startswith(
        "| GH, stue 4 | ● Rød | Grøn → Rød → Rød | Faldet i nat | Tilsyn | Mette | 24.11.2026")
    assert rows[1].startswith("| CD, stue 2 | ▲ Gul |") and "25.11.2026" in rows[1]
    # EF's red task was dropped when the colour changed: no due date on a green row
    assert rows[2] == "| EF, stue 3 | ■ Grøn | Rød → Gul → Grøn | – | – | – | – |", rows
    assert rows[4] == "| IJ, stue 5 | Ikke vurderet | – | – | – | – | – |", rows
    assert "010180" not in text


async def test_quick_correction_writes_only_the_last_colour(board):
    store, meeting, _, ids, _ = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app)
        screen = app.round_screen
        # hold the writer back so both keys are queued before either is written
        gate = threading.Event()
        threads: list[str] = []
        screen.writer.submit(gate.wait)
        screen.writer.submit(lambda: threads.append(threading.current_thread().name))
        await pilot.press("1", "3")
        gate.set()
        await written(pilot, app)
        assert cell(app, 0, "colour") == "■ Grøn"
        # on the app's one ordered writer, not a thread of the round's own
        assert threads == ["meetingtool-writer"]
    assert [(e.resident_id, e.colour) for e in store.triage_entries(meeting.id)] == [
        (ids["GH"], "groen")]
    assert store.followups(meeting_id=meeting.id) == []   # no red task made and dropped


async def test_next_round_shows_open_tasks_and_escalations_from_earlier(board):
    store, meeting, item, ids, clock = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")                   # GH red: nurse assessment, still open
        await pilot.press("down", "u")           # CD sent to the committee
        await dialog(app, ResidentEscalationDialog)
        app.screen.query_one("#text").value = "CD, stue 2: fald om natten"
        app.screen.query_one("#reason").value = "Gul i tre uger"
        await pilot.press("enter")
        await back_on_board(app)
    template = load_agenda(AGENDA)
    tomorrow = store.create_meeting(meeting.council_id, template, TODAY + timedelta(days=1))
    next_item = next(i for i in tomorrow.items if i.kind == "triage")
    screen = TriageScreen(store, tomorrow.id, next_item.id, monotonic=clock.monotonic,
                          wall=clock.wall)
    app = RoundApp(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app)
        assert rows(app)[:2] == ["GH 4", "CD 2 ↑"]   # yesterday's red first, case marked
        assert "åben fra tidligere: Sygeplejefaglig vurdering" in static_text(app, "#current")
        await pilot.press("down")
        await pilot.pause()
        assert "Sendt til Kvalitetsudvalg Syd" in static_text(app, "#current")
        await pilot.press("up", "1")             # red again: yesterday's open task carries on
        await written(pilot, app)
    assert store.followups(meeting_id=tomorrow.id) == []
    earlier = [f for f in store.followups(meeting_id=meeting.id)
               if f.text.startswith("Sygeplejefaglig vurdering")]
    assert [f.status for f in earlier] == ["aaben"]


async def test_a_residents_task_is_closed_at_the_board(board):
    store, meeting, item, ids, clock = board
    app = make_app(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "o")              # GH red: a nurse assessment
        await dialog(app, TasksDialog)
        tasks = app.screen
        await until(lambda: tasks.loaded, what="the tasks read on the writer")
        assert tasks.query_one("#tasks").option_count == 1
        await pilot.press("enter")               # done
        await refused(app, "Ingen åbne opgaver")
        await pilot.press("escape")
        await back_on_board(app)
    [task] = store.followups(meeting_id=meeting.id)
    assert (task.status, task.history[-1].comment) == ("udfoert", "Afsluttet ved tavlen")
    assert task.history[-1].meeting_id == meeting.id


async def test_the_board_marks_overdue_tasks_and_gives_the_latest_word(board):
    """A task past its due date at the meeting is marked on the resident's row and in the
    panel; a case sent on last week shows what the committee has decided since."""
    from meetingtool.actions.escalation import escalate
    from meetingtool.actions.review import review_followup

    store, meeting, _, ids, _ = board
    earlier = store.meetings(meeting.council_id)[-1]  # two weeks ago
    store.add_followup(earlier.id, None, "Sygeplejefaglig vurdering", resident="EF, stue 3",
                       owner="Sygeplejerske", due=TODAY - timedelta(days=2))
    committee = store.find_council("Kvalitetsudvalg Syd")
    template = load_agenda(AGENDA.parent / "kvalitetsudvalg.toml")
    thursday = store.create_meeting(committee.id, template, TODAY - timedelta(days=4))
    sent = store.add_followup(earlier.id, None, "CD, stue 2: Fald om natten",
                              resident="CD, stue 2")
    received = escalate(store, sent.id, committee.id, "Gul i tre uger",
                        today=TODAY - timedelta(days=10))
    review_followup(store, received.id, thursday.id, status="i_gang",
                    owner="Kvalitetsleder Hanne", comment="Prøvehandling: natligt tilsyn")
    app = make_app(board)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(app)
        assert cell(app, rows(app).index("EF 3 !"), "resident") == "EF 3 !"
        while app.round_screen.selected_id != ids["EF"]:
            await pilot.press("down")
        await pilot.pause()
        panel = static_text(app, "#current")
        assert "overskredet, frist 21. november 2026" in panel
        while app.round_screen.selected_id != ids["CD"]:
            await pilot.press("up")
        await pilot.pause()
        panel = " ".join(static_text(app, "#current").split())
        assert ("der: I gang · ansvarlig: Kvalitetsleder Hanne · "
                "Prøvehandling: natligt tilsyn") in panel
