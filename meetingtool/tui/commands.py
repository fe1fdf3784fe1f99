"""Every key of a screen as a command-palette entry, so no action depends on a key alone.

A screen opts in with ``COMMANDS = {ScreenKeyCommands}`` and a ``COMMAND_CATEGORY`` such as
"Møde"; its bindings then appear as "Møde: Næste punkt" (the binding's tooltip, else its
description), with the key as help. Actions the screen's ``check_action`` refuses right now
are left out, and so are bindings listed in ``COMMAND_SKIP`` (e.g. "leave the editor").
"""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

__all__ = ["ScreenKeyCommands", "key_name"]

KEY_NAMES = {
    "space": "mellemrum",
    "plus": "+",
    "minus": "-",
    "escape": "esc",
    "delete": "delete",
    "shift+up": "shift+↑",
    "shift+down": "shift+↓",
}
"""Keys as a Danish user reads them in the palette's help ("tast mellemrum")."""


def key_name(binding: Binding) -> str:
    """The key a binding is pressed with, as the palette shows it (first key when several)."""
    key = binding.key.split(",")[0]
    return binding.key_display or KEY_NAMES.get(key, key)


class ScreenKeyCommands(Provider):
    """The calling screen's key bindings as "Category: What it does" commands."""

    def commands(self) -> list[tuple[str, str, str]]:
        """(name, action, key) for each binding the screen offers now."""
        screen = self.screen
        category = getattr(screen, "COMMAND_CATEGORY", "")
        skip = getattr(screen, "COMMAND_SKIP", frozenset())
        prefix = f"{category}: " if category else ""
        return [
            (f"{prefix}{binding.tooltip or binding.description}", binding.action, key_name(binding))
            for binding in screen.BINDINGS
            if isinstance(binding, Binding)
            and binding.description
            and binding.action not in skip
            and screen.check_action(binding.action, ()) is not False
        ]

    async def discover(self) -> Hits:
        for name, action, key in self.commands():
            yield DiscoveryHit(name, partial(self.screen.run_action, action), help=f"tast {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, key in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.screen.run_action, action),
                    help=f"tast {key}",
                )
