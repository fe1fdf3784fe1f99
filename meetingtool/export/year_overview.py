"""The year wheel as one A4 landscape page to print and hang up (``aarshjul show --format
docx``): the year as a 4 × 3 grid of months, each with its meetings and activities.

One page is the point (the seed's board in the staff room shows the month's topic), so each
month's cell is capped at ``MAX_LINES`` lines and says how many more there are. Several
councils give one page each. Imports only python-docx and the core.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from meetingtool.core.dates import MONTHS, format_time
from meetingtool.core.vocab import ActivityStatus
from meetingtool.core.yearview import MonthView, YearView

MAX_LINES = 8
"""Lines per month cell: at 7.5 pt, three rows of eight fit one landscape page."""
STATUS_SIGNS: dict[str, str] = {ActivityStatus.UDFOERT: "✓ ", ActivityStatus.FORSINKET: "! ",
                ActivityStatus.UDGAAET: "– ", ActivityStatus.KOMMENDE: ""}
GREY = RGBColor(0x55, 0x55, 0x55)


def render_overview(views: list[YearView]) -> bytes:
    """The .docx file's bytes: one page per council."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.3))
    section.top_margin = section.bottom_margin = Cm(1.1)
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(8)
    style.paragraph_format.space_after = Pt(0)
    for number, view in enumerate(views):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _page(document, view)
    document.core_properties.title = f"Årshjul {views[0].year}" if views else "Årshjul"
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document, view: YearView) -> None:
    heading = document.add_paragraph()
    run = heading.add_run(f"{view.title} {view.year}")
    run.bold, run.font.size = True, Pt(15)
    who = view.council if view.council.casefold() == view.kind_label.casefold() else (
        f"{view.council} ({view.kind_label})")
    facts = [who, f"Møder: {view.rhythm}"]
    if view.keeper:
        facts.append(f"Holdes opdateret af: {view.keeper}")
    if view.review_months:
        facts.append("Kvartalsgennemgang: " + ", ".join(MONTHS[m - 1] for m in
                                                        view.review_months))
    line = document.add_paragraph()
    line.add_run(" · ".join(facts)).font.size = Pt(8.5)
    if view.breaks:
        pauses = document.add_paragraph()
        pauses.add_run("Pauser: " + "; ".join(view.breaks)).font.size = Pt(8.5)
    pauses_after = document.paragraphs[-1].paragraph_format
    pauses_after.space_after = Pt(4)

    table = document.add_table(rows=3, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, month in enumerate(view.months):
        cell = table.cell(index // 4, index % 4)
        cell.width = Cm(6.75)
        _fill(cell, month, view)
    for row in table.rows:
        row.height = Cm(5.1)
        _exact_height(row)
    legend = document.add_paragraph()
    legend.paragraph_format.space_before = Pt(3)
    note = legend.add_run("✓ udført · ! forsinket · ◆ møde · ● aktivitet (ansvarlig)")
    note.font.size, note.font.color.rgb = Pt(7), GREY


def _exact_height(row) -> None:
    """Fix the row's height, so a full month cannot push the grid onto a second page."""
    properties = row._tr.get_or_add_trPr()
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(int(row.height.twips)))
    height.set(qn("w:hRule"), "exact")
    properties.append(height)


def _fill(cell, month: MonthView, view: YearView) -> None:
    title = cell.paragraphs[0]
    run = title.add_run(MONTHS[month.month - 1].capitalize())
    run.bold, run.font.size = True, Pt(10)
    if month.month in view.review_months:
        mark = title.add_run("  · gennemgang af årshjulet")
        mark.font.size, mark.font.color.rgb = Pt(7), GREY
    lines: list[tuple[str, bool]] = []
    if view.is_rule and month.rule_days:
        lines.append((f"◆ {month.rule_days} mødedage (oprettes på dagen)", False))
    for meeting in month.meetings:
        when = f"{meeting.day.day}/{meeting.day.month}"
        if meeting.start:
            when += f" kl. {format_time(meeting.start)}"
        theme = f": {meeting.theme}" if meeting.theme else ""
        lines.append((f"◆ {when}{theme}", True))
    for activity in month.activities:
        who = f" ({activity.responsible})" if activity.responsible else ""
        sign = STATUS_SIGNS.get(activity.status, "")
        lines.append((f"● {sign}{activity.title}{who}", False))
    if len(lines) > MAX_LINES:
        hidden = len(lines) - (MAX_LINES - 1)
        lines = lines[: MAX_LINES - 1] + [(f"… og {hidden} mere (se aarshjul show)", False)]
    for text, bold in lines:
        paragraph = cell.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(1)
        run = paragraph.add_run(text)
        run.font.size, run.bold = Pt(7.5), bold
