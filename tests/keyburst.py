"""Typing a burst of keys at once, as a fast typist or a paste does.

``Pilot.press`` waits until the app is idle after each key, so it never shows what
happens to keys typed while a dialog opens. ``burst`` posts every key event before the
app handles the first one.
"""

from __future__ import annotations

from textual import events
from textual.app import App

KEY_NAMES = {
    " ": "space", ".": "full_stop", "/": "slash", "+": "plus", "-": "minus",
    ",": "comma", ":": "colon", "?": "question_mark",
}
"""Textual's key names for the punctuation the tests type (letters are their own name)."""

SPECIAL = {"tab", "shift+tab", "enter", "escape", "backspace", "up", "down", "left", "right"}


def burst(app: App, *keys: str) -> None:
    """Queue every key at once: a text is typed letter by letter, "tab" etc. as one key."""
    for key in keys:
        if key in SPECIAL:
            app.post_message(events.Key(key, "\r" if key == "enter" else None))
            continue
        for character in key:
            app.post_message(events.Key(KEY_NAMES.get(character, character), character))
