"""Modal dialogs: boxes over a screen that collect one answer and ``dismiss`` with it.

Imported here, for the meeting screen and its sub-screens:

- ``confirm``: yes/no (``ConfirmDialog``).
- ``decision``, ``decisions``: a new decision; correcting or removing decisions and
  follow-ups of an item.
- ``followup``: a new follow-up (``FollowUpDialog``, returning a ``FollowUpEntry``).
- ``text_entry``: one line of text.

Imported where used, as each belongs to one screen:

- ``new_meeting``: a new meeting from a template (home screen).
- ``approval``: godkendelse af referat for the previous meeting (``ApprovalDialog``).
- ``escalation``: send a follow-up or a point to another council (``EscalationDialog``).
- ``review_change``: a status, due date, owner or comment in the review.
- ``triage``: the triage round's note, borgergennemgang, resident, tasks and
  ``ResidentEscalationDialog``; these save through the round (``actions.triage``), on
  the app's writer, so a refused CPR number is shown in the dialog.

The others only check what was typed; the screen that opened them saves it.
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
