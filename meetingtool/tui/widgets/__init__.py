"""Widgets of the meeting screen: agenda list, item countdown, status line and key bar."""

from meetingtool.tui.widgets.agenda import AgendaList, AgendaRow
from meetingtool.tui.widgets.countdown import ItemCountdown
from meetingtool.tui.widgets.keybar import KeyBar
from meetingtool.tui.widgets.status import MeetingStatusLine, format_elapsed

__all__ = [
    "AgendaList",
    "AgendaRow",
    "ItemCountdown",
    "KeyBar",
    "MeetingStatusLine",
    "format_elapsed",
]
