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
    "aarshjul",
    "meetings",
    "followups",
    "export",
    "privacy",
    "residents",
    "trials",
    "indicators",
    "search",
    "restore",
    "store",
    "demo",
    "room",
)


# argparse's own words, in Danish. argparse builds them with gettext, so they are swapped in
# the finished text rather than by patching the module.
_DANISH = (
    ("usage: ", "brug: "),
    ("options:", "tilvalg:"),
    ("positional arguments:", "argumenter:"),
    ("the following arguments are required:", "disse argumenter mangler:"),
    ("unrecognized arguments:", "ukendte argumenter:"),
    ("invalid choice:", "ugyldigt valg:"),
    ("choose from", "vælg mellem"),
    ("expected one argument", "forventer én værdi"),
    ("invalid int value:", "ikke et helt tal:"),
    ("not allowed with argument", "kan ikke bruges sammen med"),
    ("argument ", "argument "),
)


def _danish(text: str) -> str:
    for english, danish in _DANISH:
        text = text.replace(english, danish)
    return text


class DanishArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and error texts are in Danish.

    Sub-commands inherit it (``add_subparsers`` uses the parent's class).
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="vis denne hjælp og afslut")

    def format_help(self) -> str:
        return _danish(super().format_help())

    def format_usage(self) -> str:
        return _danish(super().format_usage())

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"Fejl: {_danish(message)}\n")


def add_data_option(parser: argparse.ArgumentParser) -> None:
    """``--data DIR`` on every command (it may also be given before the command)."""
    parser.add_argument(
        "--data",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="datamappe (ellers MEETINGTOOL_DATA eller brugerens datamappe)",
    )


def open_data_store(args: argparse.Namespace, location=None):  # type: ignore[no-untyped-def]
    """The store for ``--data`` (or ``location``), telling on stderr what the user should
    know about it first (a read-only folder, a change waiting to be finished)."""
    from meetingtool.core.locations import data_location
    from meetingtool.store import open_store

    if location is None:
        location = data_location(getattr(args, "data", None))
    store = open_store(location)
    notice = getattr(store, "notice", "")
    if notice:
        print(f"Bemærk: {notice}", file=sys.stderr)
    return store


def build_parser() -> argparse.ArgumentParser:
    parser = DanishArgumentParser(
        prog="meetingtool",
        description="Afvikl møder i kvalitetsråd, bruger- og pårørenderåd, kvalitetsudvalg "
        "og triagemøder: dagsorden med tid, beslutninger, opfølgning og referat.",
    )
    parser.add_argument("--version", action="version", version=f"meetingtool {__version__}",
        help="vis versionsnummeret og afslut",
    )
    parser.add_argument("--data", metavar="DIR", default=None, help="datamappe")
    subparsers = parser.add_subparsers(dest="command", title="kommandoer", metavar="KOMMANDO")
    for name in COMMAND_MODULES:
        importlib.import_module(f"meetingtool.cli.{name}").register(subparsers)
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
