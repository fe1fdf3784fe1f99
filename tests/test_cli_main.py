"""The top-level command line: Danish help listing every command, version, argument errors."""

from __future__ import annotations

import pytest

from meetingtool import __version__
from meetingtool.cli import COMMAND_MODULES, main

COMMANDS = ("run", "resume", "agendas", "aarshjul", "forloeb", "meetings", "show",
            "followups", "export", "privacy", "residents", "trials", "restore", "demo",
            "store", "projector", "serve", "indicators", "search")


def test_help_lists_every_command_in_danish(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("brug: meetingtool")
    assert "tilvalg:" in out and "options:" not in out
    assert "vis denne hjælp og afslut" in out
    for command in COMMANDS:
        assert f"\n    {command}" in out, command
    # every command module is one of the commands listed here, or registers some
    grouped = {"room": ("projector", "serve")}
    for name in COMMAND_MODULES:
        assert name in COMMANDS or all(c in COMMANDS for c in grouped[name]), name


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"meetingtool {__version__}"


def test_missing_argument_is_a_danish_error_with_status_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["show"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "Fejl: disse argumenter mangler" in err
    assert "Traceback" not in err


def test_unknown_command_names_the_choices(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["mødes"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "ugyldigt valg" in err and "'run'" in err


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "meetingtool", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.strip() == f"meetingtool {__version__}"


def test_the_screens_without_a_terminal_say_so_and_stop(tmp_path):
    """Started with its input and output redirected (a script, a service, an IDE's run
    button), the app once drew to nowhere and spun at 70 % CPU for as long as nobody killed
    it. It now says where to run it and exits 2."""
    import os
    import subprocess
    import sys

    env = {key: value for key, value in os.environ.items() if key != "TEXTUAL_DRIVER"}
    done = subprocess.run([sys.executable, "-m", "meetingtool", "--data", str(tmp_path / "d")],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          env=env, timeout=60, check=False)
    assert done.returncode == 2
    assert "terminal" in done.stderr and "meetingtool serve" in done.stderr
    assert "Traceback" not in done.stderr
