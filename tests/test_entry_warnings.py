"""Text typed in with a CPR number is stored, with a Danish warning: on the command line
(stderr, naming the argument) and in the TUI (a notification, once per field edit)."""

from __future__ import annotations

import argparse
from datetime import date, timedelta


from meetingtool.cli import build_parser, main
from meetingtool.cli.free_text import FreeText
from meetingtool.store import open_store

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
