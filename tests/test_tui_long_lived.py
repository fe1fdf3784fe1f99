"""Garbage collection away from the chair's keys, and no closed screen kept alive.

``IdleCollector`` with an injected clock: the full collection runs when no key has been
pressed for a while, never right after a key, and at the latest after a long stretch of
typing. A real app: a meeting screen that was closed is freed (a Textual watch had kept
every notes editor, and with it its whole screen, alive).
"""

from __future__ import annotations

import gc
import weakref
from datetime import date

from waiting import until

from meetingtool.core.model import AgendaTemplate, TemplateItem
from meetingtool.store import open_store
from meetingtool.tui.app import MeetingToolApp
from meetingtool.tui.long_lived import (
    EVERY_SECONDS,
    LATEST_SECONDS,
    NEVER_BY_ITSELF,
    QUIET_SECONDS,
    IdleCollector,
    thaw,
)
from meetingtool.tui.screens.home import HomeScreen
from meetingtool.tui.screens.meeting import MeetingScreen


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_full_collection_waits_for_a_quiet_moment():
    clock = Clock()
    before = gc.get_threshold()
    collector = IdleCollector(clock)
    collector.start()
    try:
        assert gc.get_threshold()[2] == NEVER_BY_ITSELF  # not by itself
        clock.now += EVERY_SECONDS
        collector.key()
        collector.check()
        assert collector.runs == 0  # a key was just pressed
        clock.now += QUIET_SECONDS
        collector.check()
        assert collector.runs == 1  # quiet: now
        clock.now += QUIET_SECONDS
        collector.check()
        assert collector.runs == 1  # not again so soon
        for _ in range(int(LATEST_SECONDS)):  # typing on and on
            clock.now += 1
            collector.key()
            collector.check()
        assert collector.runs == 2  # at the latest after LATEST_SECONDS
    finally:
        thaw()
    assert gc.get_threshold() == before


async def test_a_closed_meeting_screen_is_freed(data_dir):
    store = open_store(data_dir)
    council = store.ensure_council("Kvalitetsråd Solbakken", "kvalitetsraad")
    template = AgendaTemplate(kind="kvalitetsraad", title="Møde",
                              items=[TemplateItem("Tema", 30, "tema")])
    meeting = store.create_meeting(council.id, template, date(2027, 3, 10))
    app = MeetingToolApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(lambda: isinstance(app.screen, HomeScreen), what="the home screen")
        app.open_meeting(meeting.id)
        await until(lambda: isinstance(app.screen, MeetingScreen), what="the meeting")
        screen = weakref.ref(app.screen)
        await pilot.press("tab", *"Noter", "escape", "q")
        await until(lambda: isinstance(app.screen, HomeScreen), what="back home")
        await app.writer.idle()
        await pilot.pause()

        def freed() -> bool:
            gc.collect()
            return screen() is None

        await until(freed, what="the closed meeting screen freed")
    assert store.meeting(meeting.id).items[0].notes == "Noter"
