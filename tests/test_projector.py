"""The projector follows the chair's meeting screen through one real store.

Two apps run in one process: the chair's meeting screen (keys through its Pilot) and the
projector (``ProjectorApp``). Both read one fake wall clock; the projector polls the store
every 50 ms, and each step waits (with a one-second limit, never a fixed sleep) until the
projector shows what the chair's key saved.
"""

from __future__ import annotations

import asyncio
import html
import re
import time as wallclock
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input

from meetingtool.core.agenda import load_agenda
from meetingtool.core.model import AgendaTemplate, TemplateItem
from meetingtool.core.room import format_countdown
from meetingtool.store import open_store
from meetingtool.tui.projector_app import ProjectorApp
from meetingtool.tui.screens.meeting import MeetingScreen
from meetingtool.tui.screens.projector import ProjectorScreen, projector_command
from meetingtool.tui.screens.projector_font import render, render_line, text_width, wrap

TRIAGE_AGENDA = Path(__file__).resolve().parent.parent / "agendas" / "triage.toml"
FOLLOW_LIMIT = 1.0
"""The issue's promise: the projector shows a change within a second of the store's."""
POLL = 0.05


class FakeTime:
    def __init__(self) -> None:
        self.start = datetime(2026, 11, 22, 14, 0)
        self.seconds = 1000.0

    def monotonic(self) -> float:
        return self.seconds

    def wall(self) -> datetime:
        return self.start + timedelta(seconds=self.seconds - 1000.0)

    def advance(self, minutes: float = 0) -> None:
        self.seconds += minutes * 60


class ChairApp(App):
    def __init__(self, store, meeting_id: int, fake: FakeTime) -> None:
        super().__init__()
        self.store, self.meeting_id, self.fake = store, meeting_id, fake
        self.notices: list[str] = []

    def notify(self, message: str, **options) -> None:
        self.notices.append(message)
        super().notify(message, **options)

    def on_mount(self) -> None:
        self.push_screen(MeetingScreen(self.store, self.meeting_id,
                                       monotonic=self.fake.monotonic, wall=self.fake.wall))


def rendered(app: App) -> str:
    """The projector's screen as text, from Textual's own screenshot."""
    svg = app.export_screenshot()
    text = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.DOTALL))
    return html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ")


def countdown(app: App) -> str:
    return app.screen.countdown_text


async def decide(keys, chair: App, text: str) -> None:
    """`b`, the text, enter. The text is put into the field at once: the Pilot waits for the
    process to go idle after every key, which takes long while the projector polls."""
    await keys.press("b")
    chair.screen.query_one("#text", Input).value = text
    await keys.press("enter")


async def follows(app: App, condition) -> float:
    """Seconds until ``condition()`` holds on the projector; fails after FOLLOW_LIMIT."""
    began = wallclock.monotonic()
    while not condition():
        elapsed = wallclock.monotonic() - began
        assert elapsed < FOLLOW_LIMIT, f"projektoren fulgte ikke med: {rendered(app)}"
        await asyncio.sleep(0.01)
    return wallclock.monotonic() - began


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


@pytest.fixture
def store(data_dir, fake):
    return open_store(data_dir, now=fake.wall)


def council_meeting(store) -> int:
    council = store.ensure_council("Bruger- og pårørenderåd Kildebo",
                                   "bruger-og-paaroerenderaad")
    template = AgendaTemplate(kind="bruger-og-paaroerenderaad", title="Kvartalsmøde", items=[
        TemplateItem("Godkendelse af dagsorden", 5, kind="godkendelse"),
        TemplateItem("Tema: Mad og måltider", 30, kind="tema"),
        TemplateItem("Sager fra andre fora", 10, kind="opfoelgning"),
        TemplateItem("Eventuelt", 15, kind="eventuelt"),
    ])
    return store.create_meeting(council.id, template, date(2026, 11, 22),
                                start_time=time(14, 0)).id


async def test_projector_follows_the_chairs_keys(store, fake):
    meeting_id = council_meeting(store)
    chair = ChairApp(store, meeting_id, fake)
    room = ProjectorApp(store, meeting_id, now=fake.wall, poll_seconds=POLL)
    async with chair.run_test(size=(80, 24)) as keys, room.run_test(size=(80, 24)) as wall:
        await wall.pause()
        assert "Godkendelse af dagsorden" in rendered(room)
        assert countdown(room) == "5:00"
        assert "forventet slut 15.00" in rendered(room)

        await keys.press("space")  # start the clock at 14.00
        fake.advance(minutes=2)
        await follows(room, lambda: "kører" in rendered(room))
        await follows(room, lambda: countdown(room) == "3:00")

        await keys.press("n")  # 14.02: on to the theme, 30 minutes
        await follows(room, lambda: "Punkt 2 af 4" in rendered(room))
        assert room.screen.view.item_title == "Tema: Mad og måltider"
        assert countdown(room) == "30:00"
        assert "forventet slut 14.57" in rendered(room)  # 14.02 + 30 + 10 + 15
        assert "✓ 14.00  1. Godkendelse af dagsorden" in rendered(room)

        await keys.press("plus")
        await follows(room, lambda: countdown(room) == "31:00")
        assert "forventet slut 14.58" in rendered(room)

        await decide(keys, chair, "Aftensmad kl. 18 prøves i tre måneder")
        await follows(room, lambda: "Aftensmad kl. 18 prøves" in rendered(room))

        fake.advance(minutes=34)  # three minutes over the 31
        await follows(room, lambda: countdown(room) == "+3:00")
        assert "over tid" in rendered(room)
        assert room.screen.query_one("#countdown").has_class("-overtime")

        # Notes and follow-ups never reach the wall.
        chair.screen.notes_editor.load_text("Fru Jensen på stue 12 er utryg om natten")
        chair.screen.save()
        store.add_followup(meeting_id, store.meeting(meeting_id).items[1].id,
                           "Tal med Fru Jensens datter", internal=True)
        reads = room.screen.reads
        await follows(room, lambda: room.screen.reads > reads)
        assert "Jensen" not in rendered(room)

        # Decisions on received cases stay hidden (they may name a resident).
        await keys.press("n")
        await decide(keys, chair, "Sagen om Fru Jensen sendes videre")
        await follows(room, lambda: "Punkt 3 af 4" in rendered(room))
        await follows(room, lambda: "vises ikke her" in rendered(room))
        assert "Jensen" not in rendered(room)
        # The projector wrote nothing: its own screen offers no key but closing.
        assert [b.action for b in ProjectorScreen.BINDINGS] == ["app.quit"]


async def test_a_triage_round_shows_only_counts(store, fake):
    team = store.ensure_council("Afdeling Birk", "triage")
    initials = {"AB": "1", "KL": "12", "ØM": "7B"}
    ids = [store.add_resident(team.id, initials=i, room=r).id for i, r in initials.items()]
    meeting = store.create_meeting(team.id, load_agenda(TRIAGE_AGENDA), date(2026, 11, 22))
    triage_item = next(item for item in meeting.items if item.kind == "triage")
    room = ProjectorApp(store, meeting.id, now=fake.wall, poll_seconds=POLL)
    async with room.run_test(size=(80, 24)) as wall:
        # The chair goes to the triage item and rates two residents, as the round's keys do.
        chair_copy = store.meeting(meeting.id)
        chair_copy.clock.current_item_id = triage_item.id
        store.save_meeting(chair_copy)
        await follows(room, lambda: "Triagerunde" in rendered(room))
        store.set_triage_entry(meeting.id, ids[0], colour="roed", action="Ring til lægen")
        store.set_triage_entry(meeting.id, ids[1], colour="groen")
        store.add_decision(meeting.id, triage_item.id, "KL flytter til stue 14")
        await follows(room, lambda: "2 af 3 vurderet" in rendered(room))
        text = rendered(room)
        assert "Rød 1" in text and "Gul 0" in text and "Grøn 1" in text
        for who, where in initials.items():
            assert who not in text
            assert f"stue {where}" not in text
        assert "Ring til lægen" not in text and "flytter" not in text
        await wall.pause()


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_projector_fits_small_and_large_terminals(store, fake, size):
    meeting_id = council_meeting(store)
    room = ProjectorApp(store, meeting_id, now=fake.wall, poll_seconds=POLL)
    async with room.run_test(size=size):
        await follows(room, lambda: "15 min" in rendered(room))  # the first poll is drawn
        text = rendered(room)
        for expected in ("Bruger- og pårørenderåd Kildebo", "22. november 2026",
                         "Godkendelse af dagsorden", "forventet slut", "15 min"):
            assert expected in text
        large = size == (200, 50)
        assert room.screen.has_class("-large") == large
        # "Godkendelse af dagsorden" fits in large letters on the big screen only.
        assert room.screen.query_one("#title").has_class("-big") == large


def test_countdown_words():
    assert format_countdown(300) == "5:00"
    assert format_countdown(59.2) == "1:00"
    assert format_countdown(0) == "0:00"
    assert format_countdown(-200) == "+3:20"
    assert format_countdown(-4500) == "+75:00"


def test_the_chairs_hint_names_the_data_folder(store):
    assert projector_command(store, 7) == "meetingtool projector 7"  # MEETINGTOOL_DATA
    other = open_store(store.data_dir.parent / "andet sted")
    assert projector_command(other, 7) == (
        f"meetingtool --data '{other.data_dir}' projector 7")


async def test_the_chairs_w_key_says_how_to_open_the_projector(store, fake):
    meeting_id = council_meeting(store)
    chair = ChairApp(store, meeting_id, fake)
    async with chair.run_test(size=(80, 24)) as keys:
        await keys.press("w")
        assert any(f"meetingtool projector {meeting_id}" in notice for notice in chair.notices)


def test_large_letters():
    assert render_line("+3:20") == (" ▄  ▀▀▄ ▄ ▀▀▄ █▀█", "▀█▀  ▀▄ ▄ ▄▀  █ █", "    ▀▀    ▀▀▀ ▀▀▀")
    assert len(render_line("ÆØÅ æøå", 3)) == 8  # scale 3: 15 half-rows in 8 rows
    assert text_width("Eventuelt") == 3 * 8 + 4 + 8  # N is four dots wide; 8 gaps
    assert render("Godkendelse af dagsorden", 60, 2) is not None
    assert render("Godkendelse af dagsorden", 60, 1) is None  # two lines needed
    assert wrap("Referatgodkendelse", 20) is None  # one word wider than the room


def test_meeting_version_changes_on_every_save_and_takes_no_lock(store, fake):
    import threading

    from meetingtool.store.files.lock import StoreLock

    meeting_id = council_meeting(store)
    assert store.meeting_version(meeting_id + 1) is None
    seen = [store.meeting_version(meeting_id)]
    meeting = store.meeting(meeting_id)
    meeting.items[0].planned_minutes += 1
    store.save_meeting(meeting)
    seen.append(store.meeting_version(meeting_id))
    store.add_decision(meeting_id, meeting.items[0].id, "Dagsordenen er godkendt")
    seen.append(store.meeting_version(meeting_id))
    assert len(set(seen)) == 3
    # Another process (here a thread) holding the store's lock does not delay it.
    held, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with StoreLock(store.data_dir).hold():
            held.set()
            release.wait(5)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert held.wait(5)
        began = wallclock.monotonic()
        assert store.meeting_version(meeting_id) == seen[-1]
        assert wallclock.monotonic() - began < 0.1
    finally:
        release.set()
        holder.join()


class BrowserChairApp(ChairApp):
    """The chair's screen as under ``meetingtool serve``: files go to the browser."""

    is_web = True

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.delivered: list[tuple[str, bytes]] = []

    def deliver_binary(self, path_or_file, *, save_filename=None, **options):
        self.delivered.append((save_filename, path_or_file.read()))
        return "nøgle"


async def test_in_a_browser_the_minutes_are_downloaded_not_left_on_the_server(
        store, fake, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    meeting_id = council_meeting(store)
    chair = BrowserChairApp(store, meeting_id, fake)
    async with chair.run_test(size=(80, 24)) as keys:
        await keys.press("e")
        await keys.pause()
    [(name, payload)] = chair.delivered
    assert name.endswith(".docx") and "Referat" in name
    assert payload.startswith(b"PK")  # a .docx is a zip file
    assert any("hentes ned i browseren" in notice for notice in chair.notices)
    assert not (tmp_path / "exports").exists()


def test_the_secretarys_saves_keep_the_chairs_running_clock(store, fake):
    from meetingtool.core.clock import MeetingClock
    from meetingtool.core.room import STALE_SECONDS, room_view

    meeting_id = council_meeting(store)
    chair = store.meeting(meeting_id)
    chair_clock = MeetingClock(chair, monotonic=fake.monotonic, wall=fake.wall)
    chair_clock.start()
    chair_clock.flush()
    store.save_meeting(chair)
    secretary_store = open_store(store.data_dir, now=fake.wall)  # another terminal
    secretary = secretary_store.meeting(meeting_id)
    secretary_clock = MeetingClock(secretary, monotonic=fake.monotonic, wall=fake.wall)
    secretary.items[0].notes = "Dagsordenen blev godkendt uden bemærkninger"
    secretary_clock.flush()
    secretary_store.save_meeting(secretary)

    stored = store.meeting(meeting_id)
    assert stored.items[0].notes.startswith("Dagsordenen")
    assert stored.clock.running_since == fake.start
    fake.advance(minutes=0.5)
    view = room_view(stored, [], [], 0, fake.wall())
    assert view.running and view.remaining_seconds == 5 * 60 - 30
    # The chair's terminal died without a pause: after a while the wall stops counting.
    fake.advance(minutes=STALE_SECONDS / 60)
    view = room_view(stored, [], [], 0, fake.wall())
    assert not view.running and view.remaining_seconds == 5 * 60


def test_the_projector_command_finds_the_meeting_to_show(store):
    # `meetingtool projector` without an id shows the meeting in progress (or the next
    # planned one); with an id, that meeting, and an unknown id is a Danish error.
    from meetingtool.cli.room import chosen_meeting
    from meetingtool.core.errors import NotFoundError

    meeting_id = council_meeting(store)  # planned for 22 November 2026
    later = store.create_meeting(store.meeting(meeting_id).council_id,
                                 AgendaTemplate(
        kind="bruger-og-paaroerenderaad", title="Forårsmøde",
        items=[TemplateItem("Eventuelt", 15, kind="eventuelt")]), date(2027, 3, 1)).id
    assert chosen_meeting(store, None, today=date(2026, 11, 20)) == meeting_id
    assert chosen_meeting(store, None, today=date(2026, 11, 23)) == later
    assert chosen_meeting(store, meeting_id) == meeting_id
    with pytest.raises(NotFoundError, match="Møde 999 findes ikke"):
        chosen_meeting(store, 999)
