"""Widgets of the meeting screen: the agenda list, the item countdown and the status line."""

from meetingtool.tui.widgets.agenda import AgendaList, AgendaRow
from meetingtool.tui.widgets.countdown import ItemCountdown
from meetingtool.tui.widgets.status import MeetingStatusLine, format_elapsed

__all__ = [
    "AgendaList",
    "AgendaRow",
    "ItemCountdown",
    "MeetingStatusLine",
    "format_elapsed",
]
