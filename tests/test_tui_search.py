"""Search in the TUI (`/`), opening a hit, and the indicator keys (`i`, `k`), with the Pilot
against a real data folder. The app gets a fixed wall clock and a frozen monotonic one."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from keyburst import burst
from search_data import fill
from textual.widgets import Input, OptionList, Static, TextArea
from waiting import until

from meetingtool.actions.indicators import define, record_value
from meetingtool.core.model import AgendaTemplate, TemplateItem
from meetingtool.store import open_store
from meetingtool.tui.app import MeetingToolApp
from meetingtool.tui.dialogs.indicator_values import IndicatorValuesDialog
from meetingtool.tui.screens.home import HomeScreen
from meetingtool.tui.screens.indicators import IndicatorScreen
from meetingtool.tui.screens.meeting import MeetingScreen
from meetingtool.tui.screens.meeting_view import MeetingViewScreen
from meetingtool.tui.screens.search import SearchScreen, snippet

SIZE = (100, 30)


def wall() -> datetime:
    return datetime(2026, 11, 22, 10, 0)


@pytest.fixture
def data(data_dir):
    """search_data's councils and meetings; spring is closed, autumn has a decision on its
    last item, and a meeting of Solbakken has an item that receives indikatorer."""
    store = open_store(data_dir, now=wall)
    a, b, spring, autumn, other = fill(store)
    spring.status = "afsluttet"
    store.save_meeting(spring)
    store.add_decision(autumn.id, autumn.items[2].id, "Kaffe efter måltidet i haven.")
    values = AgendaTemplate(kind="aeldreraad", title="Tavlemøde", items=[
        TemplateItem("Velkomst", 5),
        TemplateItem("Indikatorer", 10, receives=["indikatorer"])])
    board = store.create_meeting(a.id, values, date(2026, 11, 22))
    falls = define(store, a.id, "Faldhændelser", unit="fald", denominator="pr. 1.000 plejedøgn")
    for month, value in enumerate([6, 7, 5, 8], start=7):
        record_value(store, falls, date(2026, month, 1), value)
    define(store, "", "Borgeroplevet kvalitet", direction="op")
    return {"store": store, "solbakken": a, "spring": spring, "autumn": autumn,
            "other": other, "board": board, "falls": falls}


def make_app(store, **options) -> MeetingToolApp:
    return MeetingToolApp(store, monotonic=lambda: 1000.0, wall=wall, **options)


def hit_lines(app) -> list[str]:
    options = app.screen.query_one("#search-hits", OptionList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


async def search_for(app, pilot, words: str) -> list[str]:
    await pilot.press("slash")
    await until(lambda: isinstance(app.screen, SearchScreen), what="the search screen")
    await pilot.press(*words)
    await until(lambda: app.screen.shown_words == words, what="the hits")
    return hit_lines(app)


async def test_slash_finds_danish_words_newest_first_internal_hidden(data):
    app = make_app(data["store"])
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, HomeScreen))
        lines = await search_for(app, pilot, "maaltid")
        status = str(app.screen.query_one("#search-status", Static).render())
        assert "fund for 'maaltid'" in status and "hit" not in status
        days = [line.split(" · ")[0] for line in lines]
        assert days[0] == "6. oktober 2026" and days[-1] == "14. april 2026"
        assert any("Ældrerådet" in line for line in lines)
        assert any("Måltiderne flyttes" in line for line in lines)
        assert not any("personalets pauser" in line for line in lines)  # internal
        first = app.screen.query_one("#search-hits", OptionList).get_option_at_index(0)
        marked = [first.prompt.plain[span.start:span.end] for span in first.prompt.spans
                  if "underline" in str(span.style)]
        assert marked and all(word.casefold().startswith("måltid") for word in marked)
        await pilot.press("down")
        assert app.screen.query_one("#search-hits", OptionList).has_focus
        await pilot.press("up")  # from the first hit back to the words
        assert app.screen.query_one("#search-words", Input).has_focus
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_enter_opens_a_closed_meeting_read_only_at_the_item(data):
    spring = data["spring"]
    app = make_app(data["store"])
    async with app.run_test(size=SIZE) as pilot:
        lines = await search_for(app, pilot, "flyttes")
        assert len(lines) == 1
        await pilot.press("enter", "enter")
        await until(lambda: isinstance(app.screen, MeetingViewScreen))
        view = app.screen
        assert view.item_id == spring.items[0].id
        assert not view.query(Input) and not view.query(TextArea)
        recorded = str(view.query_one("#view-recorded", Static).render())
        assert "Måltiderne flyttes til kl. 12.30." in recorded
        assert "kun læsning" in str(view.query_one("#view-title", Static).render())
        await pilot.press("q")
        assert isinstance(app.screen, SearchScreen)


async def test_enter_opens_an_unfinished_meeting_at_the_item(data):
    autumn = data["autumn"]
    app = make_app(data["store"])
    async with app.run_test(size=SIZE) as pilot:
        await search_for(app, pilot, "kaffe")
        await pilot.press("enter", "enter")
        await until(lambda: isinstance(app.screen, MeetingScreen))
        assert app.screen.meeting_id == autumn.id
        assert app.screen.clock.current_item_id == autumn.items[2].id


async def test_from_a_meeting_a_hit_in_it_moves_there_and_others_open_read_only(data):
    autumn = data["autumn"]
    app = make_app(data["store"], meeting_id=autumn.id)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen))
        meeting_screen = app.screen
        await search_for(app, pilot, "kaffe")
        await pilot.press("enter", "enter")
        await until(lambda: app.screen is meeting_screen)
        assert meeting_screen.clock.current_item_id == autumn.items[2].id
        await pilot.press("slash")
        await until(lambda: isinstance(app.screen, SearchScreen))
        await pilot.press(*"fælles", "enter")  # Ældrerådet's meeting: not this one
        await until(lambda: app.screen.query_one("#search-hits", OptionList).has_focus)
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, MeetingViewScreen))
        assert app.screen.meeting.id == data["other"].id


async def test_i_opens_the_run_charts_from_home_and_meeting(data):
    app = make_app(data["store"], meeting_id=data["board"].id)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen))
        await pilot.press("i")
        await until(lambda: isinstance(app.screen, IndicatorScreen))
        assert app.screen.council_id == data["solbakken"].id
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)


async def test_k_on_the_indicator_item_takes_this_periods_values(data):
    store, board, falls = data["store"], data["board"], data["falls"]
    app = make_app(store, meeting_id=board.id)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen))
        assert not app.screen.check_action("indicator_values", ())  # not on "Velkomst"
        await pilot.press("n", "k")
        await until(lambda: isinstance(app.screen, IndicatorValuesDialog))
        texts = " ".join(str(label.render()) for label in app.screen.query(".latest"))
        assert "01.10.2026: 8" in texts
        names = " ".join(str(label.render()) for label in app.screen.query(".name"))
        assert "Faldhændelser – fald pr. 1.000 plejedøgn (lavere er bedre)" in names
        await pilot.press(*"4,5", "tab", *"abc", "enter")
        await until(lambda: "ikke et tal" in str(app.screen.query_one("#error").render()))
        await pilot.press("backspace", "backspace", "backspace", "3", "enter")
        await until(lambda: isinstance(app.screen, MeetingScreen))
        await app.writer.idle()
        await until(lambda: len(store.indicator(falls.id).current()) == 5)
        entry = store.indicator(falls.id).current()[-1]
        assert (entry.day, entry.value, entry.meeting_id) == (board.date, 4.5, board.id)
        assert entry.denominator == "pr. 1.000 plejedøgn"
        await pilot.press("k")  # again: the value is there, and a new one corrects it
        await until(lambda: isinstance(app.screen, IndicatorValuesDialog))
        field = app.screen.query_one("#value-0", Input)
        assert field.value == "4,5"
        await pilot.press("backspace", "backspace", "backspace", "4", "enter")
        await until(lambda: isinstance(app.screen, MeetingScreen))
        await app.writer.idle()
        values = store.indicator(falls.id).current()
        assert len(values) == 5 and values[-1].value == 4 and values[-1].history


def test_snippet_keeps_the_first_mark_in_view() -> None:
    text = "ord " * 100 + "«måltider» og mere " * 20
    cut = snippet(text, 80)
    assert "«måltider»" in cut and cut.startswith("… ") and len(cut) < 100



async def test_slash_and_words_typed_in_one_burst(data):
    app = make_app(data["store"])
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        burst(app, "/", "måltid")
        await until(lambda: isinstance(app.screen, SearchScreen)
                    and app.screen.shown_words == "måltid", what="the words searched")
        assert hit_lines(app)


async def test_k_and_values_typed_in_one_burst(data):
    store, board, falls = data["store"], data["board"], data["falls"]
    app = make_app(store, meeting_id=board.id)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, MeetingScreen))
        await pilot.press("n")
        burst(app, "k", "2,5", "tab", "4", "enter")
        await until(lambda: isinstance(app.screen, MeetingScreen)
                    and len(store.indicator(falls.id).current()) == 5, what="the values saved")
        await app.writer.idle()
        assert store.indicator(falls.id).current()[-1].value == 2.5
        shared = [i for i in store.indicators(data["solbakken"].id) if i.shared][0]
        assert [v.value for v in shared.current()] == [4]
