"""The Textual terminal UI: the app, its screens, dialogs and widgets.

- ``app``: ``MeetingToolApp`` and ``run_app`` (crash handling, signals); ``crash_log``:
  the log entry and the Danish message a crash leaves.
- ``launch``: what the CLI calls (``open_home``, ``run_meeting_app``); nothing in the TUI
  imports it back.
- ``screens``: full screens (home, meeting, prepare, attendance, review, triage).
- ``dialogs``: modal boxes over a screen (confirm, new meeting, approval, escalation, ...).
- ``widgets``: reusable pieces (agenda, countdown, key bar, row list, triage board).
- ``messages``, ``commands``: what screens and widgets tell each other; the palette's
  per-screen commands.

Nothing is imported here, so ``import meetingtool.tui.launch`` stays cheap until a screen
is actually opened.
"""

__all__ = ["app", "commands", "dialogs", "launch", "messages", "screens", "widgets"]
