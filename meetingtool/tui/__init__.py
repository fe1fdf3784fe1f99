"""The Textual terminal UI: the app, its screens, dialogs and widgets.

- ``app``: ``MeetingToolApp`` and ``run_app`` (crash handling, signals).
- ``launch``: what the CLI calls (``open_home``, ``run_meeting_app``).
- ``screens``: the home screen, the new-meeting dialog and the meeting screen with its
  sub-screens; ``dialogs`` and ``widgets`` serve the meeting screen.

Nothing is imported here, so ``import meetingtool.tui.launch`` stays cheap until a screen
is actually opened.
"""

__all__ = ["app", "launch"]
