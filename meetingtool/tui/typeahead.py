"""Keys typed ahead of a screen that is still opening go to that screen, not the one below.

Textual hands each key to the focused widget at once and handles it there later, so with
fast typing (or a paste) the keys after the one that opens a dialog are already on their
way to the screen underneath when the dialog appears. Unused there, they bubble up to the
app, which would then find no binding for them on the new screen and drop them; a letter
could also fire a binding of the screen below while it was still on top.

``TypeAheadMixin`` (mixed into the app) notes which screen was on top when each key was
typed; a key that comes back up unused after another screen was pushed over that one is
typed again, to the screen now on top, in the order received. The dialogs
(``dialogs.base.InputDialog``) then put it in the field with focus.

Tab on a screen that sets ``TAB_AT_ONCE`` (the dialogs) moves the focus as soon as the app
reads it: done by the app's binding, after it bubbled up from the field, it would come
after letters typed behind it, which the field had already taken.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict

from textual import events
from textual.screen import Screen

__all__ = ["TypeAheadMixin"]

REMEMBERED_KEYS = 256
"""How many recent keys' screens are kept (a key a widget used never comes back)."""


class TypeAheadMixin:
    """For the ``App``: retype keys typed at a screen that has since been covered."""

    def typed_at(self) -> OrderedDict[int, weakref.ref[Screen]]:
        screens = getattr(self, "_typed_at_screens", None)
        if screens is None:
            screens = OrderedDict()
            object.__setattr__(self, "_typed_at_screens", screens)
        return screens

    async def on_event(self, event: events.Event) -> None:
        stack = self.screen_stack  # type: ignore[attr-defined]
        if isinstance(event, events.Key) and not stack:
            return  # the app is closing: no screen left to type at
        if isinstance(event, events.Key):
            screens = self.typed_at()
            if not event.is_forwarded:
                top = stack[-1]
                if (event.key in ("tab", "shift+tab") and top.focused is not None
                        and getattr(top, "TAB_AT_ONCE", False)):
                    # Letters before the tab are already queued at the field; moving
                    # focus now sends the letters after it to the next field.
                    if event.key == "tab":
                        top.focus_next()
                    else:
                        top.focus_previous()
                    return
                screens[id(event)] = weakref.ref(top)  # a closed screen is not kept
                while len(screens) > REMEMBERED_KEYS:
                    screens.popitem(last=False)
            else:
                noted = screens.pop(id(event), None)
                typed_at = noted() if noted is not None else None
                if typed_at is not None and typed_at is not stack[-1] and typed_at in stack:
                    event.stop()
                    self.post_message(  # type: ignore[attr-defined]
                        events.Key(event.key, event.character))
                    return
        await super().on_event(event)  # type: ignore[misc]
