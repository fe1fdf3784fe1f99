"""This period's indicator values, typed at the meeting (`k` on the "Indikatorer" item).

Each of the council's indicators (its own and the shared ones) is one row: its name, unit
and denominator, which way is good, its latest values and the run-chart rule that fired
(``core.runchart``), and a field for this period's value, filled in with the value already
entered at this meeting. A value is a Danish number ("3,5"); tab goes to the next field
and enter saves them all. Values are dated the meeting's day and stored on the app's
writer through ``actions.indicators.record_meeting_values``: a value typed again is
corrected and a cleared one removed, each change kept in the value's history.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label

from meetingtool.actions.indicators import MeetingValue, entered_at, record_meeting_values
from meetingtool.core.dates import format_date, format_date_short
from meetingtool.core.indicators import DIRECTIONS, Indicator, format_number, parse_number
from meetingtool.core.runchart import analyse
from meetingtool.tui.dialogs.base import InputDialog, dialog_hint, frame_css
from meetingtool.tui.writer_reads import error_message, read_for_key

__all__ = ["IndicatorValuesDialog", "enter_values", "latest_line"]

LATEST_SHOWN = 4
"""Latest values shown beside each field."""


def latest_line(indicator: Indicator, meeting_id: int) -> str:
    """Like "01.09.2026: 6 · 01.10.2026: 5", without the value entered at this meeting."""
    values = [v for v in indicator.current() if v.meeting_id != meeting_id][-LATEST_SHOWN:]
    shown = " · ".join(f"{format_date_short(v.day)}: {format_number(v.value)}" for v in values)
    return shown or "ingen målinger endnu"


def heading(indicator: Indicator) -> str:
    """ "Faldhændelser – fald pr. 1.000 plejedøgn (lavere er bedre)"."""
    parts = [indicator.name]
    unit = " ".join(p for p in (indicator.unit, indicator.denominator) if p)
    if unit:
        parts.append(f"– {unit}")
    if indicator.shared:
        parts.append("· fælles")
    parts.append(f"({DIRECTIONS.get(indicator.direction, indicator.direction)})")
    return " ".join(parts)


class IndicatorValuesDialog(InputDialog[list[MeetingValue] | None]):
    """One field per indicator for this period's value; dismisses with what changed.

    | Key | Does |
    | --- | --- |
    | `tab` / `shift+tab` | next / previous indicator |
    | `enter` | saves every value (a value that is not a number gets a message) |
    | `escape` | cancels (asks first when something was typed) |
    """

    DEFAULT_CSS = frame_css("IndicatorValuesDialog", width=90) + """
    IndicatorValuesDialog VerticalScroll {
        height: auto;
        max-height: 1fr;
    }
    IndicatorValuesDialog .title {
        text-style: bold;
        width: 100%;
    }
    IndicatorValuesDialog .name {
        text-style: bold;
        margin-top: 1;
        width: 100%;
    }
    IndicatorValuesDialog .latest {
        color: $text-muted;
        width: 100%;
    }
    IndicatorValuesDialog .value-row {
        height: 1;
        width: 100%;
    }
    IndicatorValuesDialog .value-label {
        width: auto;
        padding-right: 1;
    }
    IndicatorValuesDialog Input {
        width: 20;
    }
    IndicatorValuesDialog #error {
        color: $error;
        width: 100%;
        height: auto;
    }
    IndicatorValuesDialog .hint {
        color: $text-muted;
        width: 100%;
        height: auto;
    }
    """

    def __init__(self, indicators: list[Indicator], meeting_id: int, title: str) -> None:
        super().__init__()
        self.indicators = indicators
        self.meeting_id = meeting_id
        self.title_text = title
        self.before: dict[str, str] = {}
        """The value already entered at this meeting, as shown in its field."""
        for indicator in indicators:
            entered = entered_at(indicator, meeting_id)
            self.before[indicator.id] = format_number(entered.value) if entered else ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            with VerticalScroll():
                for number, indicator in enumerate(self.indicators):
                    yield Label(heading(indicator), classes="name", markup=False)
                    values = [v.value for v in indicator.current()]
                    summary = f"\n{analyse(values).summary()}" if values else ""
                    yield Label(f"Seneste: {latest_line(indicator, self.meeting_id)}{summary}",
                                classes="latest", markup=False)
                    with Horizontal(classes="value-row"):
                        yield Label("Denne periode:", classes="value-label")
                        yield Input(self.before[indicator.id], placeholder="fx 3,5",
                                    compact=True, id=f"value-{number}")
            yield Label("", id="error")
            yield Label(dialog_hint(enter="gemmer alle") + " · et tomt felt: ingen måling",
                        classes="hint")

    def action_save(self) -> None:
        changed, problems = [], []
        for number, indicator in enumerate(self.indicators):
            text = self.query_one(f"#value-{number}", Input).value.strip()
            if text == self.before[indicator.id]:
                continue
            if not text:
                changed.append(MeetingValue(indicator.id, None))
                continue
            try:
                changed.append(MeetingValue(indicator.id, parse_number(text)))
            except ValueError:
                problems.append(f"{indicator.name}: '{text}' er ikke et tal (skriv fx 3,5).")
        if problems:
            self.query_one("#error", Label).update("\n".join(problems))
            return
        self.dismiss(changed)


async def enter_values(screen: Any) -> None:
    """From the meeting screen: the council's indicators, read on the writer, then the dialog.

    Awaited by the screen's action, so the keys typed right after `k` wait in the app's
    queue (at most ``KEY_WAIT_SECONDS``) and land in the dialog's fields; the values are
    saved on the writer too."""
    meeting = screen.meeting
    meeting_id, council_id, day = meeting.id, meeting.council_id, meeting.date

    def failed(error: BaseException) -> None:
        screen.notify(error_message(error), title="Indikatorer", severity="error")

    def saved(count: int) -> None:
        screen.notify(f"{count} indikatorværdi{'er' if count != 1 else ''} gemt "
                      f"({format_date(day)})." if count else "Ingen værdier ændret.")

    def answered(entries: list[MeetingValue] | None) -> None:
        if entries:
            screen.writer.submit(
                lambda store: record_meeting_values(store, meeting_id, day, entries),
                saved, failed, label="indikatorværdier")

    screen.save()
    read = await read_for_key(screen, screen.writer,
                              lambda store: store.indicators(council_id),
                              label="indikatorer", title="Indikatorer")
    if not read.arrived:
        return  # said already (a damaged store ends the app)
    indicators = read.value or []
    if not indicators:
        screen.notify("Rådet følger ingen indikatorer endnu. Opret dem med "
                      "meetingtool indicators define NAVN --council RÅD.",
                      title="Ingen indikatorer", timeout=10)
        return
    screen.app.push_screen(IndicatorValuesDialog(
        indicators, meeting_id, f"Indikatorer – denne periodes værdier ({format_date(day)})"),
        answered)
