"""A key bar that wraps onto a second line instead of hiding keys.

Textual's ``Footer`` is one line; at 80 columns it shows only the first six of the
meeting screen's keys. A chair must see them all (``o`` for a follow-up matters as much
as ``space``), so this bar lays the same active bindings out over as many lines as the
width needs. Like the footer it follows the focus: keys that the focused editor would
type as text are left out while it has the focus.
"""

from __future__ import annotations

from collections import defaultdict

from textual.content import Content
from textual.widget import Widget

# Keys whose binding names differ from the character they type.
TYPED_CHARACTERS = {"space": " ", "plus": "+", "minus": "-"}


class KeyBar(Widget):
    """The current screen's keys with their Danish descriptions, wrapped to the width."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
    }
    """

    def __init__(self, *, palette_hint: str = "Alle kommandoer", id: str | None = None) -> None:
        super().__init__(id=id)
        self.palette_hint = palette_hint
        self.shown: list[tuple[str, str, bool]] | None = None
        """The entries as last drawn: a binding refresh that changes none is not redrawn."""
        self.packed: tuple[int, list[list[tuple[str, str, bool]]]] | None = None
        """(width, lines) of the entries as last packed."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, _screen) -> None:
        """Redrawn only when a key shown changes (moving between items mostly changes none);
        laid out again only when that changes the number of lines."""
        entries = self.entries()
        if entries == self.shown:
            return
        width = max(self.content_size.width, 10)
        before = len(self.lines(width))
        self.shown = entries
        self.packed = None
        self.refresh(layout=len(self.lines(width)) != before)

    def entries(self) -> list[tuple[str, str, bool]]:
        """(keys as shown, description, enabled) for every key to show, in binding order."""
        focused = self.screen.focused
        groups: dict[str, str] = {}
        by_action: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show:
                continue
            character = TYPED_CHARACTERS.get(key, key if len(key) == 1 else None)
            if focused is not None and focused.check_consume_key(key, character):
                continue
            if binding.group is not None:
                groups[binding.action] = binding.group.description
            by_action[binding.action].append(
                (self.app.get_key_display(binding), binding.description, active.enabled)
            )
        # Actions of one binding group ("n/p Næste/forrige") share one entry.
        merged: dict[str, list[tuple[str, str, bool]]] = {}
        for action, bindings in by_action.items():
            group = groups.get(action)
            name = f"group:{group}" if group else action
            if group:
                bindings = [(display, group, enabled) for display, _, enabled in bindings]
            merged.setdefault(name, []).extend(bindings)
        entries = []
        for bindings in merged.values():
            keys = "/".join(dict.fromkeys(display for display, _, _ in bindings))
            entries.append((keys, bindings[0][1], any(enabled for _, _, enabled in bindings)))
        return entries

    def lines(self, width: int) -> list[list[tuple[str, str, bool]]]:
        """Entries packed greedily into lines no wider than ``width``.

        The command-palette hint comes last and only where it fits on the last line, so
        it never costs a line of its own.
        """
        if self.shown is None:
            self.shown = self.entries()
        if self.packed is not None and self.packed[0] == width:
            return self.packed[1]
        lines: list[list[tuple[str, str, bool]]] = [[]]
        used = 0
        for entry in self.shown:
            size = len(entry[0]) + 1 + len(entry[1])
            if lines[-1] and used + 2 + size > width:
                lines.append([])
                used = 0
            used += size + (2 if lines[-1] else 0)
            lines[-1].append(entry)
        if self.palette_hint and self.app.ENABLE_COMMAND_PALETTE:
            hint = ("ctrl+p", self.palette_hint, True)
            if used + 2 + len(hint[0]) + 1 + len(hint[1]) <= width:
                lines[-1].append(hint)
        self.packed = (width, lines)
        return lines

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.lines(max(width, 10)))

    def render(self) -> Content:
        rendered = []
        for line in self.lines(max(self.content_size.width, 10)):
            parts: list[str | tuple[str, str]] = []
            for keys, description, enabled in line:
                if parts:
                    parts.append("  ")
                key_style = "bold $footer-key-foreground" if enabled else "dim"
                parts.append((keys, key_style))
                parts.append((" " + description, "" if enabled else "dim"))
            rendered.append(Content.assemble(*parts))
        return Content("\n").join(rendered)
