"""Errors a user can act on. Each carries a Danish message that names what and where.

The CLI prints ``message`` and exits with status 2; the TUI shows it in a notification.
Anything that is *not* a ``MeetingToolError`` is a bug and is handled as a crash.
"""


class MeetingToolError(Exception):
    """Base for errors caused by input or data, with a Danish message for the user."""

    exit_status = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(MeetingToolError):
    """An id or name the user gave does not exist (meeting, council, follow-up ...)."""
