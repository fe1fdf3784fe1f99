"""``meetingtool demo``: build a realistic demo data set and open the home screen on it.

The demo lives in its own folder (``meetingtool-demo`` beside the user's data folder) and
never in the user's real data unless ``--data`` points there; even then it is only built in
a folder without meetings. A folder the demo made carries a marker file, so ``--fresh`` may
delete and rebuild it, and nothing else.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from meetingtool.actions.demo import MARKER, build_demo, default_demo_dir
from meetingtool.cli import add_data_option
from meetingtool.core.errors import MeetingToolError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="byg et demodatasæt og åbn det",
        description="Byg et realistisk demodatasæt (råd, møder, beslutninger, opfølgning) i "
        "sin egen mappe og åbn startskærmen på det.",
    )
    parser.add_argument("--no-open", action="store_true",
                        help="byg kun demodata, åbn ikke programmet")
    parser.add_argument("--fresh", action="store_true",
                        help="slet en tidligere demomappe og byg den forfra")
    add_data_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    given = getattr(args, "data", None)
    target = Path(given).expanduser() if given else default_demo_dir()
    built_before = (target / MARKER).exists()
    if args.fresh and target.exists():
        if not built_before:
            raise MeetingToolError(
                f"{target} er ikke en demomappe; --fresh sletter kun mapper, demo selv har lavet."
            )
        shutil.rmtree(target)
        built_before = False
    if built_before:
        print(f"Demodata findes allerede i {target} (byg forfra med --fresh).")
    else:
        result = build_demo(target)
        print(
            f"Demodata bygget i {target}: {len(result.councils)} råd, {result.meetings} møder, "
            f"{result.followups} opfølgningspunkter."
        )
    print(f"Åbn det igen med: meetingtool --data {target}")
    if args.no_open:
        return 0
    from meetingtool.tui.launch import open_home

    args.data = str(target)
    return open_home(args)
