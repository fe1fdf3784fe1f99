"""The contract every input dialog keeps, in one place rather than a copy per dialog.

- the first field that needs input has focus when the dialog opens (``FIRST_FIELD``, or
  the first empty one); pre-filled text is kept and the cursor stands after it, also when
  tabbing into it (nothing is selected, so typing never replaces it);
- enter saves from any single-line field; ctrl+s saves from anywhere, also a multi-line
  field (``SAVE_HINT`` names it when the dialog has one);
- escape with unsaved text asks before throwing it away;
- tab order is the order the fields are shown in;
- keys typed while the dialog opens land, in order, where they would have landed with
  pauses (see ``on_key``);
- saved text holding a CPR number is kept, with a warning naming the field
  (``tui.cpr_notice``; ``FIELD_NAMES`` names the fields).

A dialog subclasses ``InputDialog``, composes its fields and implements ``action_save``.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import events
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, TextArea

from meetingtool.tui.cpr_notice import warn_typed_cpr
from meetingtool.tui.dialogs.confirm import ConfirmDialog

__all__ = ["InputDialog", "dialog_hint"]

ResultType = TypeVar("ResultType")


def frame_css(name: str, *, width: int = 76, max_height: str = "100%",
              padding: str = "0 2") -> str:
    """The frame every dialog is drawn in: centred, bordered, as wide as ``width`` allows
    and never wider than the terminal. A dialog's own rules follow it in its DEFAULT_CSS."""
    return f"""
    {name} {{
        align: center middle;
    }}
    {name} > Vertical {{
        width: {width};
        max-width: 100%;
        height: auto;
        max-height: {max_height};
        border: thick $primary;
        background: $surface;
        padding: {padding};
    }}"""


def dialog_hint(*, enter: str = "gemmer", multi_line: bool = False,
                one_field: bool = False) -> str:
    """The hint line at the foot of a dialog, naming its keys the same way everywhere
    (``one_field``: no "tab skifter felt", which made users look for a second field)."""
    parts = [] if one_field else ["tab skifter felt"]
    parts.append(f"enter {enter}")
    if multi_line:
        parts.append(f"ctrl+s {enter}")
    parts.append("escape fortryder")
    return " · ".join(parts)


class InputDialog(ModalScreen[ResultType], Generic[ResultType]):
    """A modal dialog of fields with the shared keys (see the module docstring).

    | Key | Does |
    | --- | --- |
    | `tab` / `shift+tab` | next / previous field, in the order shown |
    | `enter` | saves (from a single-line field or a checkbox) |
    | `ctrl+s` | saves (also from a multi-line field) |
    | `escape` | cancels; asks first when something was typed |
    """

    BINDINGS = [
        Binding("escape", "cancel", "Fortryd", id="dialog.cancel"),
        Binding("ctrl+s", "save", "Gem", show=False, id="dialog.save"),
    ]

    TAB_AT_ONCE: ClassVar[bool] = True
    """Tab moves the focus when the app reads it (see ``tui.typeahead``)."""

    FIRST_FIELD: ClassVar[str | None] = None
    """The id of the field to start in; ``None``: the first empty field, else the first."""

    DISCARD_QUESTION: ClassVar[str] = "Smid det skrevne væk?"

    FIELD_NAMES: ClassVar[dict[str, str]] = {}
    """Field id -> its name in a warning about a CPR number; a field not named here is
    called by the dialog's title (``title_text``)."""

    def fields(self) -> list[Widget]:
        """The dialog's fields in the order shown (which is the tab order)."""
        return [widget for widget in self.query("Input, TextArea, Checkbox")
                if isinstance(widget, (Input, TextArea, Checkbox))]

    def on_mount(self) -> None:
        self.begin()

    def begin(self) -> None:
        """As the dialog opens: cursors after any pre-filled text, nothing typed yet, the
        focus in the first field (again on every opening of a kept dialog)."""
        for field in self.fields():
            if isinstance(field, Input):
                field.select_on_focus = False
                field.cursor_position = len(field.value)
            elif isinstance(field, TextArea):
                field.move_cursor(field.document.end)
        self.initial_values = self.field_values()
        first = self.first_field()
        if first is not None:
            # Screen.set_focus is immediate (Widget.focus waits its turn behind every key
            # already queued), so typed-ahead keys find the field.
            self.set_focus(first)

    def first_field(self) -> Widget | None:
        if self.FIRST_FIELD is not None:
            return self.query_one(f"#{self.FIRST_FIELD}")
        fields = [field for field in self.fields() if not field.disabled]
        for field in fields:
            if isinstance(field, Input) and not field.value:
                return field
            if isinstance(field, TextArea) and not field.text:
                return field
        return fields[0] if fields else None

    def field_values(self) -> list[object]:
        values: list[object] = []
        for field in self.fields():
            if isinstance(field, Input):
                values.append(field.value)
            elif isinstance(field, TextArea):
                values.append(field.text)
            elif isinstance(field, Checkbox):
                values.append(field.value)
        return values

    def has_unsaved_text(self) -> bool:
        return self.field_values() != getattr(self, "initial_values", self.field_values())

    def on_key(self, event: events.Key) -> None:
        """Keys that reach the dialog itself: typed ahead, or not used by the field.

        A key typed while the dialog opened arrives here rather than at a field (no field
        had focus yet, or the app handed it on from the screen it was typed at). It is
        applied to the focused field at once, in the order received, so letters, tab and
        enter do what they would have done with pauses between them. Tab is moved here
        for the same reason: done by the app's binding it could overtake letters
        typed before it.
        """
        focused = self.focused
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "tab":
                self.focus_next()
            else:
                self.focus_previous()
            return
        if event.key == "enter":
            if isinstance(focused, (Input, Checkbox)):
                event.stop()
                event.prevent_default()
                self.action_save()
            return
        if isinstance(focused, Input):
            if event.key == "backspace":
                event.stop()
                event.prevent_default()
                focused.action_delete_left()
            elif event.is_printable and event.character:
                event.stop()
                event.prevent_default()
                focused.insert_text_at_cursor(event.character)
        elif isinstance(focused, TextArea) and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            focused.insert(event.character)
        elif isinstance(focused, Checkbox) and event.key == "space":
            event.stop()
            event.prevent_default()
            focused.toggle()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any single-line field saves, after every key typed before it."""
        event.stop()
        self.action_save()

    def typed_texts(self) -> list[tuple[str, str]]:
        """(name, text) of each text field, named for a warning."""
        fallback = str(getattr(self, "title_text", "") or "dialogen")
        texts: list[tuple[str, str]] = []
        for field in self.fields():
            text = field.value if isinstance(field, Input) else (
                field.text if isinstance(field, TextArea) else "")
            if isinstance(text, str) and text:
                texts.append((self.FIELD_NAMES.get(field.id or "", fallback), text))
        return texts

    def dismiss(self, result=None):  # type: ignore[no-untyped-def]
        """Close with ``result``; when it is saved (not ``None``), warn about any field
        holding a CPR number first. What was typed is kept all the same."""
        if result is not None:
            warn_typed_cpr(self.app, self.typed_texts())
        return super().dismiss(result)

    def action_save(self) -> None:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError

    def action_cancel(self) -> None:
        if not self.has_unsaved_text():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(self.DISCARD_QUESTION, yes_label="Smid væk", no_label="Skriv videre"),
            answered,
        )
