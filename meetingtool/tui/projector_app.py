"""The projector as a program of its own: ``meetingtool projector [MØDE_ID]``.

The same app class as the chair's (crash handling, signals, Danish palette), with the
projector screen at the bottom of the stack instead of the home screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.screen import Screen

from meetingtool.tui.app import MeetingToolApp
from meetingtool.tui.screens.projector import POLL_SECONDS, ProjectorScreen


class ProjectorApp(MeetingToolApp):
    """Shows one meeting on the wall; nothing in it writes to the store."""

    TITLE = "meetingtool – projektor"
    # A default screen's own CSS_PATH is not read (see MeetingToolApp): named here.
    CSS_PATH = ["app.tcss", "screens/projector.tcss"]

    def __init__(self, store, meeting_id: int, *, now: Callable[[], datetime] = datetime.now,
                 poll_seconds: float = POLL_SECONDS) -> None:
        # meeting_id=None: the base app must not push the chair's meeting screen.
        super().__init__(store, meeting_id=None, wall=now)
        self.projector_meeting_id = meeting_id
        self.poll_seconds = poll_seconds

    def get_default_screen(self) -> Screen:
        return ProjectorScreen(self.store, self.projector_meeting_id, now=self.wall,
                               poll_seconds=self.poll_seconds)
