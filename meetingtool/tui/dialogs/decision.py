"""The decision (beslutning) dialog: one line of text, enter saves, empty text refused."""

from __future__ import annotations

from meetingtool.tui.dialogs.text_entry import TextEntryDialog

EMPTY = "Beslutningen er tom. Skriv hvad der blev besluttet, eller tryk escape."


class DecisionDialog(TextEntryDialog):
    """Type a decision under the current item; dismisses with its text or ``None``."""

    def configure(self, item_title: str, *, value: str = "") -> None:  # type: ignore[override]
        """The item decided under (``DecisionDialog(...)`` takes the same arguments)."""
        self.take("Ny beslutning", f"Beslutning under: {item_title}", value=value,
                  empty_message=EMPTY, check=None)
