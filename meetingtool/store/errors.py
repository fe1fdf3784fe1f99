"""The store's errors, the same for every backend. Each carries a Danish message naming
what is wrong, where, and what to do; the CLI prints it and exits 2, the TUI shows it."""

from __future__ import annotations

from pathlib import Path

from meetingtool.core.errors import MeetingToolError, NotFoundError

__all__ = ["NotFoundError", "StoreBusyError", "StoreDamagedError", "StoreUnavailableError",
           "StoreWriteError"]


class StoreDamagedError(MeetingToolError):
    """A database file cannot be read. It has been left exactly as it was."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(
            f"Datafilen {self.path} kan ikke læses: {reason}. Filen er ikke ændret. "
            "Se sikkerhedskopierne med 'meetingtool restore' og gendan den seneste, der er "
            "fra før fejlen, med 'meetingtool restore ID' (det nuværende indhold gemmes først "
            "som en ny sikkerhedskopi). Flyt eller slet ikke filen selv, før den er gendannet."
        )


class StoreBusyError(MeetingToolError):
    """Another terminal holds the data for longer than a person would wait."""


class StoreUnavailableError(MeetingToolError):
    """The store cannot be reached (a database server down, a connection dropped).
    Nothing was half-written: each call is one transaction."""


class StoreWriteError(MeetingToolError):
    """The data cannot be changed: a read-only data folder, a full disk. What could be
    read is still shown; the message names the folder or file and what to do."""
