"""The current item's countdown: big digits, coloured by the clock's phase.

``normal`` shows the remaining time in the success colour, ``snart`` (at most two minutes
or a fifth of the plan left) in the warning colour, and ``overtid`` counts the overrun
upwards with a plus sign in the error colour, so it is visible across a table.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Label

from meetingtool.core.dates import format_duration
from meetingtool.tui.widgets.pane_text import PaneLabel

PHASE_CLASSES = {"normal": "-normal", "snart": "-snart", "overtid": "-overtid"}


class ItemCountdown(Horizontal):
    """Remaining (or overrun) time of the current item, with a label saying which."""

    DEFAULT_CSS = """
    ItemCountdown {
        height: auto;
        width: 1fr;
    }
    ItemCountdown Digits {
        width: auto;
        margin-right: 2;
    }
    ItemCountdown #countdown-text {
        width: 1fr;
        height: auto;
    }
    ItemCountdown #countdown-state {
        text-style: bold;
    }
    ItemCountdown.-normal Digits { color: $success; }
    ItemCountdown.-snart Digits { color: $warning; }
    ItemCountdown.-snart #countdown-state { color: $warning; }
    ItemCountdown.-overtid Digits { color: $error; text-style: bold; }
    ItemCountdown.-overtid #countdown-state { color: $error; }
    ItemCountdown.-paused Digits { text-opacity: 70%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: tuple[str, str, str, bool] | None = None

    def compose(self) -> ComposeResult:
        yield Digits("0:00", id="countdown-digits")
        with Vertical(id="countdown-text"):
            yield PaneLabel("", id="countdown-state")
            yield PaneLabel("", id="countdown-plan")

    def show(
        self,
        remaining_seconds: float,
        planned_minutes: int,
        phase: str,
        running: bool,
        *,
        finished: bool = False,
    ) -> None:
        """Show the remaining time (negative = overtime) for an item of ``planned_minutes``.

        For a ``finished`` meeting the digits show the time the item took instead.
        """
        if finished:
            used = planned_minutes * 60 - remaining_seconds
            digits = format_duration(used)
            state = "brugt – mødet er afsluttet"
        elif remaining_seconds < 0:
            digits = "+" + format_duration(-remaining_seconds).lstrip("-")
            state = "OVERTID"
        else:
            digits = format_duration(remaining_seconds)
            state = "tilbage" if phase == "normal" else "tilbage – snart slut"
        dimmed = not running and not finished  # a finished meeting's figures are final
        if dimmed:
            state += " (uret står stille)"
        plan = f"af {planned_minutes} min planlagt"
        shown = (digits, state, plan, dimmed)
        if shown == self.shown and self.has_class(PHASE_CLASSES.get(phase, "-normal")):
            return
        self.shown = shown
        self.query_one(Digits).update(digits)
        self.query_one("#countdown-state", Label).update(state)
        self.query_one("#countdown-plan", Label).update(plan)
        for name, css_class in PHASE_CLASSES.items():
            self.set_class(name == phase, css_class)
        self.set_class(dimmed, "-paused")

    @property
    def digits_text(self) -> str:
        """The digits as shown (for tests and the status line)."""
        return self.shown[0] if self.shown else ""
