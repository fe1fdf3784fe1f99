"""Trial actions at the meeting: `h` on their item lists them, `s` notes a status, `e`
evaluates with an indstilling, `n` plans a new one; all stored through actions.trials."""

from __future__ import annotations

from datetime import date, datetime

from waiting import until

from meetingtool.actions.meetings import start_meeting
from meetingtool.actions.trials import start_trial
from meetingtool.core.agenda import load_agenda, resolve_template
from meetingtool.core.trials import TrialStatus, trials_item
from meetingtool.store import open_store
from meetingtool.tui.app import MeetingToolApp
from meetingtool.tui.screens.meeting import MeetingScreen
from meetingtool.tui.screens.trials import TrialsScreen

TODAY = date(2027, 6, 9)


def wall() -> datetime:
    return datetime(2027, 6, 9, 14, 0)


class FakeMonotonic:
    def __call__(self) -> float:
        return 1000.0


def setup_store(data_dir):
    store = open_store(data_dir, now=wall)
    template = load_agenda(resolve_template("kvalitetsraad", data_dir))
    council = store.ensure_council("Kvalitetsråd Solbakken", template.kind)
    march = start_meeting(store, council.id, template, date(2027, 3, 10))
    start_trial(store, council.id, "Faste spisevenner", date(2027, 6, 1),
                start=date(2027, 3, 10), owner="Ida", meeting_id=march.id)
    start_trial(store, council.id, "Aftenro", date(2027, 9, 1), start=date(2027, 4, 1))
    june = start_meeting(store, council.id, template, TODAY)
    return store, june


async def open_trials(pilot, app) -> TrialsScreen:
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    for _ in range(len(screen.meeting.items)):
        if screen.current_item is trials_item(screen.meeting):
            break
        await pilot.press("n")
        await pilot.pause()
    await pilot.press("h")
    await until(lambda: isinstance(app.screen, TrialsScreen) and app.screen.loaded,
                what="the trials read")
    return app.screen


async def test_the_chair_evaluates_a_due_trial_and_notes_a_status(data_dir):
    store, june = setup_store(data_dir)
    app = MeetingToolApp(store, meeting_id=june.id, monotonic=FakeMonotonic(), wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.check_action("trials", ()) is False  # not on the first item
        screen = await open_trials(pilot, app)
        assert list(screen.trials) == ["P1", "P2"] and screen.due == {"P1"}
        assert "1 skal evalueres" in str(screen.query_one("#trials-title").render())
        await pilot.press("e")
        await pilot.pause()
        for field, text in (("study", "Beboerne spiste mere"), ("recommendation", "f"),
                            ("text", "Også i dagcentret"), ("new_date", "1/9"),
                            ("months", "6")):
            app.screen.query_one(f"#{field}").value = text
        await pilot.press("enter")
        await until(lambda: app.screen is screen and screen.due == set(), what="evaluated")
        trial = store.trial("P1")
        assert trial.status == TrialStatus.I_GANG and trial.evaluate == date(2027, 9, 1)
        assert trial.recommendation == "forlaeng" and trial.follow_up_id
        assert trial.history[-1].meeting_id == june.id
        assert app.screen.due == set()  # evaluated: no longer flagged

        await pilot.press("down", "s")
        await pilot.pause()
        app.screen.query_one("#text").value = "Lyset dæmpes fra kl. 21"
        await pilot.press("enter")
        await until(lambda: app.screen is screen, what="the status typed")
        await app.writer.idle()
        assert store.trial("P2").history[-1].comment == "Lyset dæmpes fra kl. 21"

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)


async def test_a_wrong_evaluation_keeps_the_form_and_saves_nothing(data_dir):
    store, june = setup_store(data_dir)
    app = MeetingToolApp(store, meeting_id=june.id, monotonic=FakeMonotonic(), wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_trials(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#recommendation").value = "j"
        form.query_one("#text").value = "Dæmpet lys"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "nye evalueringsdato" in str(form.query_one("#error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert store.trial("P1").recommendation == ""


async def test_a_new_trial_is_planned_at_the_meeting(data_dir):
    store, june = setup_store(data_dir)
    app = MeetingToolApp(store, meeting_id=june.id, monotonic=FakeMonotonic(), wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_trials(pilot, app)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Fast aftensmad kl 17", "tab", *"Mere ro", "tab", *"Jens",
                          "tab", *"+90", "enter")
        await until(lambda: isinstance(app.screen, TrialsScreen) and "P3" in app.screen.trials,
                    what="the new trial listed")
        new = store.trial("P3")
        assert (new.title, new.hypothesis, new.owner) == ("Fast aftensmad kl 17", "Mere ro",
                                                          "Jens")
        assert new.evaluate == date(2027, 9, 7) and new.meeting_id == june.id
        assert "P3" in app.screen.trials
