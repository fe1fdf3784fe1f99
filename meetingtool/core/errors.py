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


_OS_PROBLEMS = {
    "ENOSPC": "disken er fuld",
    "EDQUOT": "din kvote på disken er brugt op",
    "EROFS": "drevet er skrivebeskyttet",
    "EACCES": "du har ikke adgang til at skrive der",
    "EPERM": "du har ikke adgang til at skrive der",
    "EIO": "disken meldte en læse- eller skrivefejl",
    "ENOENT": "mappen findes ikke",
    "EISDIR": "der ligger en mappe med det navn",
    "ENOTDIR": "en del af stien er en fil, ikke en mappe",
    "ENAMETOOLONG": "navnet er for langt",
}

_OS_ADVICE = {
    "ENOSPC": "Frigør plads på disken (fx ved at slette gamle eksporter) eller vælg en "
              "anden mappe, og prøv igen.",
    "EDQUOT": "Frigør plads eller bed IT om en større kvote, og prøv igen.",
    "EROFS": "Vælg en mappe, du kan skrive i, og prøv igen.",
    "EACCES": "Vælg en mappe, du kan skrive i, eller bed om skriveadgang, og prøv igen.",
    "EPERM": "Vælg en mappe, du kan skrive i, eller bed om skriveadgang, og prøv igen.",
}


def os_problem(error: OSError) -> str:
    """What an operating-system error means, in Danish words (its English text as well
    when it is one we have not translated)."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    return _OS_PROBLEMS.get(name) or f"systemfejl: {error.strerror or error}"


def os_advice(error: OSError) -> str:
    """What to do about an operating-system error (empty when there is nothing general)."""
    import errno

    return _OS_ADVICE.get(errno.errorcode.get(error.errno or 0, ""), "")
