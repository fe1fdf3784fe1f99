"""The help screen (`?`): every key of the screen below, in Danish, grouped by where it works.

Made from the screen's active bindings when it opens (``Screen.active_bindings``), never
from a hand-kept list, so a new key shows up here by itself. Groups: the keys of the
focused part (a list, a field), of the screen, and those that work everywhere.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from meetingtool.tui.dialogs.base import frame_css

__all__ = ["HelpScreen", "key_name", "key_groups"]

KEY_NAMES = {
    "space": "mellemrum", "enter": "enter", "escape": "esc", "tab": "tab",
    "shift+tab": "shift+tab", "up": "↑", "down": "↓", "left": "←", "right": "→",
    "pageup": "page up", "pagedown": "page down", "home": "home", "end": "end",
    "plus": "+", "minus": "-", "question_mark": "?", "delete": "delete",
    "backspace": "backspace", "slash": "/",
}
"""Key names as a Danish keyboard user reads them; others are shown as bound."""

TEXTUAL_ACTIONS = {
    "focus_next": "Næste felt", "focus_previous": "Forrige felt",
    "copy_text": "Kopiér markeret tekst", "command_palette": "Kommandoer",
    "maximize": "Forstør", "minimize": "Gør normal størrelse",
}
"""Danish words for the bindings Textual itself adds to every screen (by action name)."""

SCREEN_NAMES = {
    "MeetingScreen": "mødet", "TriageScreen": "triagerunden", "HomeScreen": "startskærmen",
    "ReviewScreen": "gennemgang af opfølgning", "PrepareScreen": "dagsordenen",
    "AttendanceScreen": "fremmøde", "SearchScreen": "søgningen",
    "MeetingViewScreen": "mødet (kun læsning)", "IndicatorScreen": "indikatorerne",
}
"""What the help's title calls the screen it was opened over."""

GROUP_SCREEN = "Denne skærm"
GROUP_FOCUSED = "Det valgte felt eller den valgte liste"
GROUP_EVERYWHERE = "Overalt"


def key_name(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return KEY_NAMES.get(binding.key, binding.key)


def key_groups(screen: Screen, app: App) -> dict[str, list[tuple[str, str]]]:
    """(key, Danish description) per group, in the order the bindings are declared.

    Keys without a description (Textual's own helpers) are left out; several keys for
    one action are shown together ("j / y").
    """
    groups: dict[str, dict[str, list[str]]] = {
        GROUP_FOCUSED: {}, GROUP_SCREEN: {}, GROUP_EVERYWHERE: {}}
    active: dict[str, ActiveBinding] = screen.active_bindings
    for active_binding in active.values():
        binding = active_binding.binding
        if not binding.description or binding.system and binding.key != "ctrl+q":
            continue
        node = active_binding.node
        group = (GROUP_EVERYWHERE if node is app
                 else GROUP_SCREEN if node is screen else GROUP_FOCUSED)
        action = binding.action.rpartition(".")[2].partition("(")[0]
        description = TEXTUAL_ACTIONS.get(action, binding.description)
        if binding.tooltip and binding.tooltip.casefold() != description.casefold():
            description = f"{description} – {binding.tooltip}"
        groups[group].setdefault(description, []).append(key_name(binding))
    return {name: [(" / ".join(keys), text) for text, keys in entries.items()]
            for name, entries in groups.items() if entries}


class HelpScreen(ModalScreen[None]):
    """Every key of the screen it was opened over; any of escape, q or ? closes it.

    | Key | Does |
    | --- | --- |
    | `escape` / `q` / `?` | closes |
    | `↑` / `↓` / page keys | scroll |
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Luk", id="help.close"),
    ]

    DEFAULT_CSS = frame_css("HelpScreen", width=80, padding="0 1") + """
    HelpScreen .title {
        text-style: bold;
    }
    HelpScreen .group {
        text-style: bold;
        margin-top: 1;
    }
    HelpScreen VerticalScroll {
        height: auto;
        max-height: 100%;
    }
    HelpScreen .hint {
        color: $text-muted;
    }
    """

    def __init__(self, groups: dict[str, list[tuple[str, str]]], title: str) -> None:
        super().__init__()
        self.groups = groups
        self.title_text = title

    @classmethod
    def for_screen(cls, screen: Screen, app: App) -> HelpScreen:
        title = SCREEN_NAMES.get(type(screen).__name__, "denne skærm")
        return cls(key_groups(screen, app), title)

    def compose(self) -> ComposeResult:
        width = max((len(key) for entries in self.groups.values() for key, _ in entries),
                    default=4)
        with Vertical():
            yield Static(f"Taster – {self.title_text}", classes="title")
            with VerticalScroll():
                for name, entries in self.groups.items():
                    yield Static(name, classes="group")
                    for key, text in entries:
                        yield Static(f"{key.ljust(width)}  {text}", markup=False,
                                     classes="key")
            yield Static("esc, q eller ? lukker · ctrl+p søger i alle kommandoer",
                         classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
