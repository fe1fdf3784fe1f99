"""The TUI's indicator view: a plotext run chart per indicator with the rule that fired."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import App
from textual.widgets import Static
from waiting import until

from meetingtool.actions.indicators import define, record_value
from meetingtool.store import open_store
from meetingtool.tui.screens.indicators import IndicatorScreen


def shows(app: App, text: str) -> bool:
    """True when a Static on the app's screen shows ``text``."""
    return any(text in str(w.render()) for w in app.screen.query(Static))


class _Host(App[None]):
    def __init__(self, screen) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self._screen = screen

    def on_mount(self) -> None:
        self.push_screen(self._screen)


async def test_chart_and_rule_are_shown(tmp_path: Path) -> None:
    store = open_store(tmp_path / "data")
    council = store.ensure_council("Plejecenter Solbakken", "aeldreraad")
    falls = define(store, council.id, "Faldhændelser")
    for month, value in enumerate([6, 7, 5, 8, 6, 7, 8, 2, 1, 2, 3, 2, 1, 2], start=1):
        record_value(store, falls, date(2025 + (month - 1) // 12, (month - 1) % 12 + 1, 1),
                     value)
    app = _Host(IndicatorScreen(store, council.id))
    async with app.run_test(size=(100, 40)) as pilot:
        await until(lambda: shows(app, "Faldhændelser"), what="the charts read")
        texts = [str(w.render()) for w in app.screen.query(Static)]
        assert any("Faldhændelser" in t and "┤" in t for t in texts)
        assert any("Skift: 7 målinger i træk under medianen" in t for t in texts)
        await pilot.press("escape")
        assert not isinstance(app.screen, IndicatorScreen)


async def test_i_on_the_meeting_screen_opens_the_councils_charts(tmp_path: Path) -> None:
    from datetime import time

    from meetingtool.core.model import AgendaTemplate, TemplateItem
    from meetingtool.tui.app import MeetingToolApp
    from meetingtool.tui.screens.meeting import MeetingScreen

    store = open_store(tmp_path / "data")
    council = store.ensure_council("Kvalitetsråd Solbakken", "kvalitetsraad")
    falls = define(store, council.id, "Faldhændelser")
    record_value(store, falls, date(2026, 11, 1), 4)
    template = AgendaTemplate(kind="kvalitetsraad", title="Kvalitetsråd", items=[
        TemplateItem("Kvalitetsindikatorer", 10, kind="information")])
    meeting = store.create_meeting(council.id, template, date(2026, 12, 2),
                                   start_time=time(14, 0))
    app = MeetingToolApp(store, meeting_id=meeting.id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("i")
        assert isinstance(app.screen, IndicatorScreen)
        await until(lambda: shows(app, "Faldhændelser"), what="the charts read")
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
