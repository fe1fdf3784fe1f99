"""Snapshot (pytest-textual-snapshot) of the triage round at 80×24, on fake clocks.

Update after an intended change with ``pytest tests/test_triage_snapshots.py
--snapshot-update`` and look at the SVG before committing.
"""

from __future__ import annotations

import test_triage_screen
from test_triage_screen import back_on_board, dialog, make_app
from textual.widgets import Static
from waiting import until

from meetingtool.tui.dialogs.triage import TriageNoteDialog

board = test_triage_screen.board  # the same fixture, used here by name


def test_round_mid_way(snap_compare, board):
    store, meeting, _, _, clock = board
    app = make_app(board)

    async def run_before(pilot) -> None:
        await pilot.press("1", "enter")
        await dialog(app, TriageNoteDialog)
        app.screen.query_one("#change").value = "Faldet i nat"
        app.screen.query_one("#action").value = "Tilsyn"
        app.screen.query_one("#owner").value = "Mette"
        await pilot.press("enter")
        await back_on_board(app)  # saved on the writer, the row redrawn
        await pilot.press("down", "2", "down")
        before = str(app.screen.query_one("#round", Static).render())
        clock.seconds += 12
        app.round_screen.writer.flush()
        # the round's timer shows the 12 seconds at its next tick
        await until(lambda: str(app.screen.query_one("#round", Static).render()) != before)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
