"""The command line: ``meetingtool [--data DIR] COMMAND ...``.

Each command lives in its own module with a ``register(subparsers)`` function that adds
its parser and sets ``handler`` (a function taking the parsed ``args`` and returning the exit
status). With no command, the home screen of the TUI opens.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from meetingtool import __version__
from meetingtool.core.errors import MeetingToolError

# Modules under meetingtool.cli that each register one or more commands, in --help order.
COMMAND_MODULES = (
    "run",
    "agendas",
    "meetings",
    "followups",
    "export",
    "residents",
    "restore",
    "demo",
)


def add_data_option(parser: argparse.ArgumentParser) -> None:
    """``--data DIR`` on every command (it may also be given before the command)."""
    parser.add_argument(
        "--data",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="datamappe (ellers MEETINGTOOL_DATA eller brugerens datamappe)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="meetingtool",
        description="Afvikl møder i kvalitetsråd, bruger- og pårørenderåd, kvalitetsudvalg "
        "og triagemøder: dagsorden med tid, beslutninger, opfølgning og referat.",
    )
    parser.add_argument("--version", action="version", version=f"meetingtool {__version__}")
    parser.add_argument("--data", metavar="DIR", default=None, help="datamappe")
    subparsers = parser.add_subparsers(dest="command", title="kommandoer", metavar="KOMMANDO")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"meetingtool.cli.{name}")
        except ModuleNotFoundError as error:
            if error.name == f"meetingtool.cli.{name}":
                continue  # that command is not built yet
            raise
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from meetingtool.tui.launch import open_home

            return open_home(args)
        return handler(args) or 0
    except MeetingToolError as error:
        print(f"Fejl: {error.message}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into e.g. `head`, which stopped reading: not an error of ours.
        sys.stderr.close()
        return 0
