"""Widgets of the meeting screen: agenda, countdown, item details, status line and key bar.

The triage round's board (``widgets.triage_board``) is imported where used.
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
