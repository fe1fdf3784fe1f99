"""The indicators a meeting discussed, in its minutes: per indicator a run chart (a PNG,
``export.runchart_image``) with its alt text, what the rules say, and the values as a table
for those who cannot see the picture.

Which ones: ``core.indicators.discussed``. Only values up to the meeting's day are shown
(the minutes say what the council saw).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from meetingtool.core.codec import to_dict
from meetingtool.core.cpr import redact_cpr
from meetingtool.core.dates import format_date_short
from meetingtool.core.indicators import DIRECTIONS, Indicator, format_number
from meetingtool.core.runchart import analyse
from meetingtool.export.sections import Block, Image, Paragraph, Section, Table
from meetingtool.export.wording import clean

HEADING = "Indikatorer"


def indicator_section(meeting, indicators: list[Indicator]) -> Section | None:
    if not indicators:
        return None
    from meetingtool.export.runchart_image import alt_text, chart_png

    blocks: list[Block] = []
    data: list[dict[str, Any]] = []
    for indicator in indicators:
        values = [v for v in indicator.current() if v.day <= meeting.date]
        chart = analyse([v.value for v in values])
        name = clean(indicator.name)
        what = DIRECTIONS.get(indicator.direction, "")
        blocks.append(Paragraph(
            f"{clean(indicator.counts) or name}"
            + (f" ({clean(indicator.denominator)})" if indicator.denominator else "")
            + (f"; {what}" if what else ""), label=name))
        alt = alt_text(indicator, values, chart)
        if values:
            # the picture's own labels never carry a CPR number, not even with --redact
            # (which replaces texts, not pixels); the texts are checked by the guard
            drawn = replace(indicator, name=redact_cpr(indicator.name),
                            unit=redact_cpr(indicator.unit),
                            denominator=redact_cpr(indicator.denominator))
            blocks.append(Image(chart_png(drawn, values, chart), clean(alt)))
        blocks.append(Paragraph(chart.summary(), label="Seriediagrammet"))
        if values:
            blocks.append(Table(("Dato", "Værdi", "Nævner"),
                                tuple((format_date_short(v.day), format_number(v.value),
                                       clean(v.denominator)) for v in values),
                                (0.3, 0.2, 0.5)))
        data.append({"id": indicator.id, "name": name, "unit": indicator.unit,
                     "denominator": indicator.denominator, "direction": indicator.direction,
                     "chart_alt": alt, "summary": chart.summary(),
                     "median": chart.centre, "signal": chart.signal,
                     "rules": [to_dict(f) for f in chart.findings],
                     "values": [{"date": v.day.isoformat(), "value": v.value,
                                 "denominator": v.denominator} for v in values]})
    return Section("indicators", HEADING, blocks=tuple(blocks), key="indicators", data=data)
