"""The new-meeting dialog: template, council and date, typed the way a Danish user writes them.

It lists the shipped templates and the user's own (``agendas/`` in the data folder or the
working folder). A user template that cannot be read stays in the list with the loader's
message, so the user learns what to fix instead of wondering where it went. The dialog only
collects and checks; the home screen creates the meeting (``NewMeetingRequest.create``, on
the app's writer, which checks again against the store).

The dialog holds no store: the home screen hands it the councils it already shows, so
checking a template against the typed council is instant and never waits for the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from meetingtool.actions.meetings import check_template_fits, start_new_meeting
from meetingtool.core.agenda import find_templates, is_shipped, load_agenda
from meetingtool.core.dates import format_weekday_date, parse_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import AgendaTemplate, Council, Meeting
from meetingtool.core.vocab import MEETING_KINDS
from meetingtool.tui.dialogs.base import InputDialog

EXAMPLE_NAMES = {
    "kvalitetsraad": "Lokalt kvalitetsråd Kildebo",
    "tvaergaaende-kvalitetsraad": "Tværgående kvalitetsråd",
    "kvalitetsudvalg": "Kvalitetsudvalget Kildebo",
    "bruger-og-paaroerenderaad": "Bruger- og pårørenderåd Kildebo",
    "triage": "Afdeling Birk",
}
"""A council name to show in the empty field, for the kind of the chosen template."""


@dataclass
class TemplateChoice:
    """A template file as the list shows it: loaded, or the reason it cannot be used."""

    path: Path
    template: AgendaTemplate | None
    problem: str = ""

    @property
    def shipped(self) -> bool:
        return is_shipped(self.path)

    @property
    def label(self) -> str:
        if self.template is None:
            return f"{self.path.name} (kan ikke bruges)"
        own = "" if self.shipped else " (egen)"
        return f"{self.template.title}{own}"

    @property
    def details(self) -> str:
        if self.template is None:
            return self.problem
        template = self.template
        hours, minutes = divmod(template.total_minutes, 60)
        length = f"{hours} t {minutes} min" if hours else f"{minutes} min"
        origin = "fra programmet" if self.shipped else f"egen fil: {self.path}"
        kind = MEETING_KINDS.get(template.kind, template.kind)
        return f"{kind} · {len(template.items)} punkter · {length} · {origin}"


def template_choices(data_dir: Path) -> list[TemplateChoice]:
    """Every template file with its loaded template or its problem."""
    choices = []
    for path in find_templates(data_dir):
        try:
            choices.append(TemplateChoice(path, load_agenda(path)))
        except MeetingToolError as error:
            choices.append(TemplateChoice(path, None, error.message))
    return choices


@dataclass
class NewMeetingRequest:
    """What the user asked for; ``create`` makes the meeting (and the council if new)."""

    template: AgendaTemplate
    council_name: str
    on: date
    title: str | None = None

    def create(self, store) -> Meeting:
        return start_new_meeting(store, self.template, self.council_name, self.on,
                                 title=self.title)


class NewMeetingDialog(InputDialog[NewMeetingRequest | None]):
    """Choose a template, name the council and type the date; ``enter`` creates the meeting.

    | Key | Does |
    | --- | --- |
    | `up` / `down` | choose a template |
    | `tab` / `shift+tab` | next / previous field |
    | `enter` | create the meeting (from any field) |
    | `escape` | cancel (asks first when something was typed) |
    """

    CSS_PATH = "new_meeting.tcss"

    BINDINGS = [
        Binding("enter", "create", "Opret møde", priority=True, tooltip="Opret mødet",
                id="new_meeting.create"),
        # Priority, so fast typing ("Kildebo<tab>1/12") moves focus before the next key is
        # handed to the field: a non-priority tab is handled after the field sees it.
        Binding("tab", "app.focus_next", "Næste felt", tooltip="Gå til næste felt",
                priority=True, id="new_meeting.next_field"),
        Binding("shift+tab", "app.focus_previous", "Forrige felt", show=False, priority=True,
                id="new_meeting.previous_field"),
    ]

    def __init__(self, data_dir: Path, *, today: date, council_name: str = "",
                 councils: list[Council] | None = None) -> None:
        super().__init__()
        self.today = today
        self.council_name = council_name
        self.councils = list(councils or [])
        """Every council, as the home screen read them (on the writer)."""
        self.council_names = [council.name for council in self.councils]
        self.choices = template_choices(data_dir)
        self.suggested_council = council_name
        """What the council field was filled with (not typed): it may follow the template."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Nyt møde"
            yield Label("Skabelon", id="templates-label")
            yield OptionList(
                *[Option(choice.label, id=str(index)) for index, choice in enumerate(self.choices)],
                id="templates",
            )
            yield Static("", id="details")
            with Horizontal(classes="field"):
                yield Label("Råd", classes="field-label")
                yield Input(
                    self.council_name,
                    placeholder="rådets navn, fx Bruger- og pårørenderåd Kildebo",
                    suggester=SuggestFromList(self.council_names, case_sensitive=False),
                    compact=True,
                    id="council",
                )
            with Horizontal(classes="field"):
                yield Label("Dato", classes="field-label")
                # Empty means today: a pre-filled date would be typed after ("2.12.20269/12"),
                # since the dialogs never select what is in a field.
                yield Input("", placeholder="i dag, fx +7",
                            compact=True, id="date")
                yield Static("", id="date-shown")
            with Horizontal(classes="field"):
                yield Label("Titel", classes="field-label")
                yield Input("", placeholder="valgfri; ellers skabelonens titel",
                            compact=True, id="title")
            yield Static("", id="message")
        yield Footer()

    def on_mount(self) -> None:
        templates = self.query_one("#templates", OptionList)
        if self.choices:
            templates.highlighted = self.preferred_index()
        else:
            self.show_message("Der er ingen skabeloner. Læg en .toml-fil i mappen agendas/.")
        self.show_date(self.query_one("#date", Input).value)

    def first_field(self) -> OptionList:
        return self.query_one("#templates", OptionList)

    def preferred_index(self) -> int:
        """The first usable template of the chosen council's kind, else the first usable one."""
        council = self.find_council(self.council_name)
        usable = [i for i, choice in enumerate(self.choices) if choice.template is not None]
        if council is not None:
            for index in usable:
                if self.choices[index].template.kind == council.kind:
                    return index
        return usable[0] if usable else 0

    def find_council(self, name: str) -> Council | None:
        """The council of this name (ignoring case and surrounding spaces), found as the
        store's ``find_council`` finds it."""
        wanted = name.strip().casefold()
        if not wanted:
            return None
        return next((council for council in self.councils
                     if council.name.strip().casefold() == wanted), None)

    # --- Feedback as the user types ---------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        choice = self.choices[int(event.option.id)]
        details = self.query_one("#details", Static)
        details.update(choice.details)
        details.set_class(choice.template is None, "-problem")
        self.follow_template(choice)

    def follow_template(self, choice: TemplateChoice) -> None:
        """The council field follows the template's kind while the user has not typed in it:
        another kind's template names that kind's council (or none), not the one selected."""
        council = self.query_one("#council", Input)
        if choice.template is not None:
            example = EXAMPLE_NAMES.get(choice.template.kind, "Lokalt kvalitetsråd Kildebo")
            council.placeholder = f"rådets navn, fx {example}"
        if choice.template is None or council.value != self.suggested_council:
            return
        selected = self.find_council(self.council_name)
        if selected is not None and selected.kind == choice.template.kind:
            name = selected.name
        else:
            same_kind = [c for c in self.councils if c.kind == choice.template.kind]
            name = same_kind[0].name if len(same_kind) == 1 else ""
        council.value = self.suggested_council = name

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "date":
            self.show_date(event.value)

    def show_date(self, text: str) -> None:
        shown = self.query_one("#date-shown", Static)
        try:
            shown.update(format_weekday_date(self.read_date(text)))
            shown.remove_class("-problem")
        except MeetingToolError:
            shown.update("kan ikke læses")
            shown.add_class("-problem")

    def read_date(self, text: str) -> date:
        """The typed date; an empty field is today."""
        return parse_date(text, self.today) if text.strip() else self.today

    def show_message(self, text: str) -> None:
        self.query_one("#message", Static).update(text)

    # --- Actions --------------------------------------------------------------------

    def action_save(self) -> None:
        self.action_create()

    def action_create(self) -> None:
        """Create the meeting once the focused field has taken every key typed before enter.

        Enter is a priority binding, handled as soon as the app reads it, while letters
        typed just before it may still wait in the field's queue ("24/12<enter>" made
        today's meeting): the check is queued behind them.
        """
        focused = self.focused
        if isinstance(focused, Input):
            focused.call_later(self.create_now)
        else:
            self.create_now()

    def create_now(self) -> None:
        """Check every field; on a problem say what and put the cursor there."""
        templates = self.query_one("#templates", OptionList)
        council = self.query_one("#council", Input)
        day = self.query_one("#date", Input)
        title = self.query_one("#title", Input)
        index = templates.highlighted
        if index is None or not self.choices:
            self.show_message("Vælg en skabelon.")
            templates.focus()
            return
        choice = self.choices[index]
        if choice.template is None:
            self.show_message("Skabelonen kan ikke bruges; ret filen eller vælg en anden.")
            templates.focus()
            return
        name = " ".join(council.value.split())
        if not name:
            self.show_message("Skriv rådets navn.")
            council.focus()
            return
        try:
            check_template_fits(self.find_council(name), choice.template)
        except MeetingToolError as error:
            self.show_message(error.message)
            templates.focus()
            return
        try:
            on = self.read_date(day.value)
        except MeetingToolError as error:
            self.show_message(error.message)
            day.focus()
            return
        self.dismiss(NewMeetingRequest(choice.template, name, on, title.value.strip() or None))
