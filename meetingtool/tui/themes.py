"""The high-contrast theme offered in the command palette beside Textual's light and dark.

White and yellow on black, no mid-tone backgrounds: for low vision, a bright room, or a
projector that washes colours out. Colours still come with shapes and words (see
``core.triage.SHAPES``), so nothing depends on telling two hues apart.
"""

from __future__ import annotations

from textual.theme import Theme

__all__ = ["HIGH_CONTRAST", "HIGH_CONTRAST_THEME"]

HIGH_CONTRAST_THEME = "meetingtool-hoej-kontrast"

HIGH_CONTRAST = Theme(
    name=HIGH_CONTRAST_THEME,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFD700",
    error="#FF5555",
    success="#55FF55",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    variables={
        "footer-background": "#000000",
        "footer-foreground": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "input-selection-background": "#FFFF00 40%",
    },
)
"""Black ground, white text, yellow focus and cursor (contrast above 15:1)."""
