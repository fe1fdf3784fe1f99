"""Dialogs for trial actions (prøvehandlinger): plan a new one, and evaluate one.

Both are keyboard-only forms: `tab` between the fields, `enter` in any field saves (a missing
or wrong field gets a Danish message under the form, and the form stays as typed), `escape`
cancels. What they return is read by ``screens/trials.py``, which calls ``actions.trials``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from meetingtool.core.dates import parse_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.trials import (
    RECOMMENDATION_ASKS,
    Evaluation,
    Recommendation,
    Trial,
    parse_recommendation,
)
from meetingtool.tui.cpr_notice import warn_typed_cpr
from meetingtool.tui.dialogs.base import frame_css

__all__ = ["NewTrial", "NewTrialDialog", "TrialEvaluationDialog"]

FORM_CSS = """
{name} .title {{
    text-style: bold;
    width: 100%;
    margin-bottom: 1;
}}
{name} Label {{
    width: 100%;
}}
{name} Input {{
    border: none;
    height: 1;
    margin-bottom: 1;
    background: $boost;
}}
{name} Input:focus {{
    border: none;
    background: $accent 30%;
}}
{name} #error {{
    color: $error;
    height: auto;
}}
{name} .hint {{
    color: $text-muted;
}}
"""


@dataclass
class NewTrial:
    """What the chair typed for a new trial action."""

    title: str
    hypothesis: str
    owner: str
    evaluate: date
    measure: str


class _Form(ModalScreen[object]):
    """A form of labelled one-line fields; subclasses say what the fields are and how the
    values become the result (raising ``MeetingToolError`` with what is wrong)."""

    BINDINGS = [
        Binding("escape", "cancel", "Fortryd", id="trial.form.cancel"),
        # Priority, so a tab typed fast (or pasted) moves on before the next letters arrive.
        Binding("tab", "app.focus_next", "Næste felt", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Forrige felt", show=False, priority=True),
    ]

    FIELDS: tuple[tuple[str, str], ...] = ()
    """(id, label) of each field, top to bottom."""

    def __init__(self, title: str, values: dict[str, str] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.values = values or {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            for field_id, label in self.FIELDS:
                yield Label(label)
                yield Input(self.values.get(field_id, ""), id=field_id)
            yield Label("", id="error")
            yield Label("tab næste felt · enter gemmer · escape fortryder", classes="hint")

    def on_mount(self) -> None:
        self.query_one(f"#{self.FIELDS[0][0]}", Input).focus()

    def value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            result = self.result()
        except MeetingToolError as error:
            self.query_one("#error", Label).update(error.message)
            return
        warn_typed_cpr(self.app, [(label.split(" (")[0], self.value(field_id))
                                  for field_id, label in self.FIELDS])
        self.dismiss(result)

    def result(self) -> object:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class NewTrialDialog(_Form):
    """Plan a new trial action at this meeting (it starts now, dated the meeting's day)."""

    DEFAULT_CSS = frame_css("NewTrialDialog") + FORM_CSS.format(name="NewTrialDialog")
    FIELDS = (("title", "Prøvehandling (hvad prøver vi?)"),
              ("hypothesis", "Hvad forventer vi? (valgfrit)"),
              ("owner", "Ansvarlig (valgfrit)"),
              ("evaluate", "Evalueres (fx 1/6, 1.6.2027 eller +90)"),
              ("measure", "Hvad måles? (valgfrit)"))

    def __init__(self, meeting_date: date) -> None:
        super().__init__("Ny prøvehandling")
        self.meeting_date = meeting_date

    def result(self) -> NewTrial:
        title = self.value("title")
        if not title:
            raise MeetingToolError("Skriv, hvad der skal prøves.")
        typed = self.value("evaluate")
        if not typed:
            raise MeetingToolError("Skriv evalueringsdatoen.")
        evaluate = parse_date(typed, self.meeting_date)
        if evaluate <= self.meeting_date:
            raise MeetingToolError("Evalueringsdatoen skal ligge efter mødet.")
        return NewTrial(title, self.value("hypothesis"), self.value("owner"), evaluate,
                        self.value("measure"))


class TrialEvaluationDialog(_Form):
    """Evaluate a trial: what we saw (Study) and the indstilling (Act)."""

    DEFAULT_CSS = frame_css("TrialEvaluationDialog") + FORM_CSS.format(
        name="TrialEvaluationDialog")
    FIELDS = (("study", "Hvad så vi? (analyse)"),
              ("recommendation", "Indstilling: f forlæng · i implementér · j justér · s stop"),
              ("text", "Nyt fokus / hvor den implementeres / hvad der justeres / hvorfor stop"),
              ("new_date", "Ny evalueringsdato (ved forlæng og justér)"),
              ("months", "Følg op efter antal måneder (valgfrit, fx 6)"))

    def __init__(self, trial: Trial, meeting_date: date) -> None:
        super().__init__(f"Evaluering af {trial.id}: {trial.title}")
        self.meeting_date = meeting_date

    def result(self) -> Evaluation:
        recommendation = parse_recommendation(self.value("recommendation"))
        text = self.value("text")
        if not text:
            raise MeetingToolError(f"{RECOMMENDATION_ASKS[recommendation]}? Skriv det.")
        typed_date = self.value("new_date")
        new_date = parse_date(typed_date, self.meeting_date) if typed_date else None
        needs_date = recommendation in (Recommendation.FORLAENG, Recommendation.JUSTER)
        if needs_date and new_date is None:
            raise MeetingToolError("Skriv den nye evalueringsdato.")
        months_text = self.value("months")
        if months_text and not months_text.isdigit():
            raise MeetingToolError("'Følg op efter' skal være et antal måneder, fx 6.")
        return Evaluation(study=self.value("study"), recommendation=recommendation, text=text,
                          new_evaluate=new_date if needs_date else None,
                          follow_up_months=int(months_text) if months_text else None)
