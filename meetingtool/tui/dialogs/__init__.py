"""Modal dialogs of the meeting screen: confirm, decision, follow-up and small text entries.

Each dialog only collects and checks what the user typed and returns it with
``dismiss``; the screen that opened it saves through the store.

The triage round's dialogs (``dialogs.triage``) save through the round
(``actions.triage``) instead, so a refused CPR number is shown in the dialog; they are
imported where used.
"""

from meetingtool.tui.dialogs.confirm import ConfirmDialog
from meetingtool.tui.dialogs.decision import DecisionDialog
from meetingtool.tui.dialogs.decisions import DecisionsDialog
from meetingtool.tui.dialogs.followup import FollowUpDialog, FollowUpEntry
from meetingtool.tui.dialogs.text_entry import TextEntryDialog

__all__ = [
    "ConfirmDialog",
    "DecisionDialog",
    "DecisionsDialog",
    "FollowUpDialog",
    "FollowUpEntry",
    "TextEntryDialog",
]
