"""Text in a pane that is laid out once per change, not twice.

A ``Static`` or ``Label`` whose size follows its text asks for a second layout pass each
time its size changes: Textual copies the new size into the widget's scrollable
("virtual") size through a reactive that requests a layout. A widget that never scrolls
itself has nothing to lay out for that, yet the second pass redraws the whole screen: on
the meeting screen it was half of what ``n`` and ``mellemrum`` cost.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Label, Static


class _OneLayoutPass(Static):
    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        # The size was just laid out by the container; copying it needs no second pass.
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class PaneText(_OneLayoutPass):
    """A ``Static`` that never scrolls itself (its container does): one layout per change."""


class PaneLabel(_OneLayoutPass, Label):
    """A ``Label`` (one line of text, as wide as it is) with one layout per change."""
