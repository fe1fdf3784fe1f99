"""Dialogs kept between openings: the keys a chair presses all meeting long open at once.

Opening a new dialog composes its widgets and works out their styles: about 25 ms of the
screen's time on this 2-core machine, and removing it again costs 10 more. A dialog
opened again and again from the meeting screen (``b``, ``o``, ``x``) is therefore made
once per app, installed there, and refilled on each opening: its title, its fields, the
focus, "nothing typed yet". Text typed the last time is never seen again (``refill``
writes every field).

A dialog that is already open (under another one) is not taken again: ``kept`` then makes
a fresh one for that opening.
"""

from __future__ import annotations

import inspect
from typing import Any, TypeVar

from textual.app import App

__all__ = ["KeptDialog"]

Kept = TypeVar("Kept", bound="KeptDialog")


class KeptDialog:
    """Mixed into a dialog screen whose ``__init__`` arguments all go to ``configure``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.configure(*args, **kwargs)

    def configure(self, *args: Any, **kwargs: Any) -> None:  # pragma: no cover - abstract
        """Take this opening's values (called by ``__init__`` and by ``kept``)."""
        raise NotImplementedError

    def refill(self) -> None:  # pragma: no cover - abstract
        """Write the values into the composed widgets and start over (a kept dialog)."""
        raise NotImplementedError

    def _on_screen_resume(self, event: Any = None) -> None:
        """Textual works out every rule for every widget of a screen as it is pushed. A
        kept dialog's styles are already worked out; that is skipped when the theme and the
        terminal's size are those it was styled for (most of the time of an opening)."""
        app = self.app  # type: ignore[attr-defined]
        styled_for = (app.theme, app.size)
        if event is not None and getattr(self, "_styled_for", None) == styled_for:
            event.refresh_styles = False
        self._styled_for = styled_for
        resume = super()._on_screen_resume  # type: ignore[misc]
        if event is not None and inspect.signature(resume).parameters:
            resume(event)
        else:  # Textual before 7: no event, styles always refreshed
            resume()

    @classmethod
    def kept(cls: type[Kept], app: App, *args: Any, **kwargs: Any) -> Kept:
        """The app's one instance of this dialog, set up for this opening."""
        name = f"kept:{cls.__module__}.{cls.__qualname__}"
        if app.is_screen_installed(name):
            dialog = app.get_screen(name)
            if isinstance(dialog, cls) and dialog not in app.screen_stack:
                dialog.configure(*args, **kwargs)
                if dialog.is_mounted:  # type: ignore[attr-defined]
                    dialog.refill()
                return dialog
            return cls(*args, **kwargs)  # open already (under another dialog)
        dialog = cls(*args, **kwargs)
        app.install_screen(dialog, name)  # type: ignore[arg-type]
        return dialog
