"""Text typed in with a CPR number is stored, with a Danish warning: on the command line
(stderr, naming the argument) and in the TUI (a notification, once per field edit)."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

import pytest
from test_tui_meeting import MEETING_DAY, MEMBERS, SIZE, FakeTime, MeetingTestApp, make_template
from waiting import until

from meetingtool.cli import build_parser, main
from meetingtool.cli.free_text import FreeText
from meetingtool.store import open_store
from meetingtool.tui.screens.meeting import MeetingScreen

CPR = "010203-1234"


def free_text_arguments(parser: argparse.ArgumentParser, path: str = "") -> set[str]:
    """``command option`` for every FreeText argument in the parser tree."""
    found = set()
    for action in parser._actions:  # argparse keeps no public list of them
        if isinstance(action, FreeText):
            name = action.option_strings[0] if action.option_strings else action.dest
            found.add(f"{path} {name}".strip())
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= free_text_arguments(sub, f"{path} {name}".strip())
    return found


def test_every_stored_text_argument_warns():
    found = free_text_arguments(build_parser())
    assert {"run --title", "run --council", "trials add title", "trials add --problem",
            "trials status text", "trials evaluate --text", "trials evaluate --study",
            "indicators define name", "indicators define --owner",
            "indicators correct --comment", "forloeb plan --teams"} <= found


def test_a_cpr_number_in_an_argument_is_stored_with_a_warning_naming_it(capsys, data_dir):
    open_store(data_dir).ensure_council("Kvalitetsråd Solbakken", "kvalitetsraad")
    evaluate_on = (date.today() + timedelta(days=30)).isoformat()
    status = main(["trials", "add", f"Fald hos {CPR}", "--council", "Kvalitetsråd Solbakken",
                   "--evaluate", evaluate_on, "--problem", "Fald om natten 0102031234",
                   "--owner", "Ida"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "Advarsel: teksten i TITEL ligner et CPR-nummer" in err
    assert "Advarsel: teksten i --problem ligner et CPR-nummer" in err
    assert "--owner" not in err and "--evaluate" not in err
    assert "privacy scan --redact" in err
    trial = open_store(data_dir).trial("P1")
    assert trial.title == f"Fald hos {CPR}"

    status = main(["trials", "status", "P1", "Fire borde i gang 14.30"])
    assert status == 0 and capsys.readouterr().err == ""


# --- the TUI --------------------------------------------------------------------------------


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


@pytest.fixture
def meeting(data_dir, fake):
    """A meeting of a council, and its store, for the meeting screen."""
    store = open_store(data_dir, now=fake.wall)
    council = store.ensure_council("Bruger- og pårørenderåd Kildebo",
                                   "bruger-og-paaroerenderaad", members=MEMBERS)
    return store, store.create_meeting(council.id, make_template(), MEETING_DAY).id


def warnings_of(app) -> list[str]:
    return [notice for notice in app.notices if "ligner et CPR-nummer" in notice]


async def test_dialogs_save_a_cpr_number_with_one_warning_naming_the_fields(meeting, fake):
    store, meeting_id = meeting
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "b", *"Seng 0102031234", "enter")
        await until(lambda: store.decisions(meeting_id), what="the decision saved")
        assert store.decisions(meeting_id)[0].text == "Seng 0102031234"
        [warning] = warnings_of(app)
        assert warning.startswith("Advarsel: teksten i »Ny beslutning« ligner et CPR-nummer")
        await pilot.press("b", *"14.30", "enter")
        await until(lambda: len(store.decisions(meeting_id)) == 2, what="the second one")
        assert len(warnings_of(app)) == 1  # a clean text: nothing more

        await pilot.press("o", *CPR, "tab", *"311299 9876", "enter")
        await until(lambda: store.followups(meeting_id=meeting_id), what="the follow-up")
        assert store.followups(meeting_id=meeting_id)[0].owner == "311299 9876"
        assert "»Hvad skal ske?« og »Ansvarlig« ligner et CPR-nummer" in warnings_of(app)[1]
        assert len(warnings_of(app)) == 2


async def test_notes_warn_once_while_the_number_stays_not_at_every_key(meeting, fake):
    store, meeting_id = meeting
    app = MeetingTestApp(store, meeting_id, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", *f"Faldet {CPR}")
        await until(lambda: CPR in store.meeting(meeting_id).items[0].notes,
                    what="the notes saved")
        await pilot.press(*" i nat", "escape")
        await until(lambda: store.meeting(meeting_id).items[0].notes.endswith("i nat"),
                    what="the rest saved")
        [warning] = warnings_of(app)
        assert "noterne til punkt 1 (Godkendelse af dagsorden)" in warning
        assert isinstance(app.screen, MeetingScreen)
