"""Live between terminals on the shared server: a decision saved in one terminal shows on
the other's meeting screen at its next tick, pushed by LISTEN/NOTIFY (the screen's clock is
frozen here, so its 3-second poll never runs: only the push can bring the decision)."""

from __future__ import annotations

import time
from datetime import date, datetime

from meetingtool.core.model import AgendaTemplate, TemplateItem
from meetingtool.store import open_store
from meetingtool.tui.app import MeetingToolApp


def wall() -> datetime:
    return datetime(2027, 3, 10, 14, 0)


class Frozen:
    """A monotonic clock that never moves: no poll interval ever passes."""

    def __call__(self) -> float:
        return 1000.0


async def test_a_decision_from_another_terminal_shows_within_a_second(pg_url):
    chair = open_store(pg_url, now=wall)
    council = chair.ensure_council("Kvalitetsråd Solbakken", "kvalitetsraad")
    template = AgendaTemplate(kind="kvalitetsraad", title="Møde",
                              items=[TemplateItem("Tema", 30, "tema")])
    meeting = chair.create_meeting(council.id, template, date(2027, 3, 10))
    secretary = open_store(pg_url, now=wall)
    app = MeetingToolApp(chair, meeting_id=meeting.id, monotonic=Frozen(), wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        started = time.monotonic()
        while screen.last_pull != 1000.0 and time.monotonic() - started < 10:
            await pilot.pause(0.05)  # the screen's one poll has run: from now on only a push
        assert screen.last_pull == 1000.0
        recorded = screen.query_one("#recorded")
        secretary.add_decision(meeting.id, meeting.items[0].id, "Vi holder fast i aftenro")
        pushed = time.monotonic()
        while "aftenro" not in str(recorded.render()) and time.monotonic() - pushed < 10:
            await pilot.pause(0.05)
        assert "aftenro" in str(recorded.render())
    chair.close()
    secretary.close()
