"""Reusable widgets: pieces of a screen that draw one thing and post what happened.

Imported here, for the meeting screen and its sub-screens: the agenda, the countdown, the
item details (markup helpers), the status line and the wrapping key bar.

Imported where used: ``row_list`` (``RowList``, the home screen's fast tables),
``coming_days`` (``ComingDays``, the home screen's next 30 days) and ``triage_board`` (the
triage round's rows).
"""

from meetingtool.tui.widgets.agenda import AgendaList, AgendaRow
from meetingtool.tui.widgets.countdown import ItemCountdown
from meetingtool.tui.widgets.item_details import (
    approval_markup,
    describe_item,
    recorded_markup,
    review_markup,
    tag_label,
)
from meetingtool.tui.widgets.keybar import KeyBar
from meetingtool.tui.widgets.status import MeetingStatusLine, format_elapsed

__all__ = [
    "AgendaList",
    "AgendaRow",
    "ItemCountdown",
    "KeyBar",
    "MeetingStatusLine",
    "approval_markup",
    "describe_item",
    "format_elapsed",
    "recorded_markup",
    "review_markup",
    "tag_label",
]
