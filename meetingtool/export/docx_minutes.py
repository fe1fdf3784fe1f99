"""Minutes as a Word document (.docx) a secretary can send as it is.

Built only with Word's own styles (Title, Subtitle, Heading 1/2, List Bullet, Table Grid) and
no hand-set fonts, so a house template (``template=``) restyles it: the document is built on
the template's file, whose body is cleared while its page setup, header, footer and styles
stay. A style the template lacks falls back to a built-in one and a warning says which.

python-docx traps handled here: control characters (``\\x0b`` from Word) are stripped by
``wording.clean``; the default document's US Letter page, en-US language and "python-docx"
author from 2013 are replaced by A4, da-DK and real core properties; page numbers are PAGE /
NUMPAGES fields, since python-docx has no page-number API.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from meetingtool.core.dates import format_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.export import wording as w
from meetingtool.export.bundle import MinutesBundle

LANGUAGE = "da-DK"

# Each style the minutes use, then what to use when a house template lacks it.
_FALLBACKS: dict[str, tuple[str, ...]] = {
    "Title": ("Heading 1", "Normal"),
    "Subtitle": ("Heading 2", "Normal"),
    "Heading 1": ("Title", "Normal"),
    "Heading 2": ("Heading 1", "Normal"),
    "List Bullet": ("List Paragraph", "List", "Normal"),
    "Header": ("Normal",),
    "Footer": ("Normal",),
}
TABLE_STYLE = "Table Grid"
DATE_WIDTH = Mm(27)
"""A date column's least width: "15.12.2026" in 10 pt on one line, with cell margins."""
_TABLE_FALLBACKS = ("Light Grid", "Light List", "Normal Table")


class Styles:
    """Looks styles up in the document, falling back (once, with a warning) when missing.

    Styles are applied by their id, looked up once per name: python-docx's own
    ``paragraph.style = "Name"`` searches every style of the document on each call, which made
    a 120-decision meeting take seconds.
    """

    def __init__(self, document, warnings: list[str]) -> None:
        self._document = document
        self._warnings = warnings
        self._chosen: dict[str, str | None] = {}
        self._ids: dict[str, str | None] = {}
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._default_id = default.style_id if default is not None else None

    def style_id(self, name: str | None) -> str | None:
        if name is None:
            return None
        if name not in self._ids:
            self._ids[name] = self._document.styles[name].style_id
        return self._ids[name]

    def paragraph_id(self, name: str) -> str | None:
        """The id to write for ``name`` (or its fallback); None for the default style."""
        style_id = self.style_id(self.paragraph(name))
        return None if style_id == self._default_id else style_id

    def table_id(self) -> str | None:
        return self.style_id(self.table())

    def apply(self, paragraph, name: str) -> None:
        """Give ``paragraph`` the style ``name`` (or its fallback); Normal is left implicit."""
        style_id = self.style_id(self.paragraph(name))
        if style_id is not None and style_id != self._default_id:
            paragraph._p.get_or_add_pPr().style = style_id

    def paragraph(self, name: str) -> str | None:
        return self._pick(name, WD_STYLE_TYPE.PARAGRAPH, _FALLBACKS.get(name, ("Normal",)))

    def table(self) -> str | None:
        return self._pick(TABLE_STYLE, WD_STYLE_TYPE.TABLE, _TABLE_FALLBACKS)

    def _pick(self, name: str, kind, fallbacks: tuple[str, ...]) -> str | None:
        if name in self._chosen:
            return self._chosen[name]
        chosen = None
        for candidate in (name, *fallbacks):
            if self._has(candidate, kind):
                chosen = candidate
                break
        if chosen != name:
            instead = f'bruger "{chosen}" i stedet' if chosen else "bruger standardformatering"
            self._warnings.append(f'Skabelonen mangler typografien "{name}"; {instead}.')
        self._chosen[name] = chosen
        return chosen

    def _has(self, name: str, kind) -> bool:
        try:
            style = self._document.styles[name]
        except KeyError:
            return False
        return style.type == kind


def render_docx(
    bundle: MinutesBundle,
    *,
    template: Path | None = None,
    include_internal: bool = False,
    include_times: bool = True,
    now: datetime | None = None,
    warnings: list[str] | None = None,
) -> bytes:
    """The .docx file's bytes; style fallbacks are appended to ``warnings``."""
    document = build_document(
        bundle,
        template=template,
        include_internal=include_internal,
        include_times=include_times,
        now=now,
        warnings=warnings if warnings is not None else [],
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_document(
    bundle: MinutesBundle,
    *,
    template: Path | None = None,
    include_internal: bool = False,
    include_times: bool = True,
    now: datetime | None = None,
    warnings: list[str],
):
    """The python-docx ``Document`` of the minutes (see ``render_docx``)."""
    document, dropped = _open(template)
    if dropped:
        warnings.append(
            f"Skabelonens brødtekst ({dropped} afsnit) er ikke taget med; et brevhoved skal "
            "ligge i skabelonens sidehoved for at komme med."
        )
    styles = Styles(document, warnings)
    _set_language(document)
    if template is None:
        for section in document.sections:
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(25)
            section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    _header_and_footer(document, bundle, styles, own=template is None)
    _properties(document, bundle, now or datetime.now())
    _MinutesWriter(document, styles, bundle, include_internal, include_times).write()
    return document


def _open(template: Path | None):
    """The document to build on, its body emptied, and how many paragraphs with text that took."""
    if template is None:
        return Document(), 0
    template = Path(template)
    if not template.is_file():
        raise MeetingToolError(f"Skabelonen {template} findes ikke.")
    try:
        document = Document(str(template))
    except Exception as error:  # python-docx raises several kinds for a non-docx file
        raise MeetingToolError(
            f"Skabelonen {template} kan ikke læses som et Word-dokument (.docx); filen er "
            "tom, beskadiget eller af en anden type. "
            "En Word-skabelon (.dotx) skal først gemmes som .docx."
        ) from error
    body = document.element.body
    dropped = 0
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            dropped += bool("".join(child.itertext()).strip())
            body.remove(child)
    return document, dropped


def _set_language(document) -> None:
    """da-DK on the document defaults and every style that names a language."""
    styles_element = document.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    rpr_default = _child(defaults, "w:rPrDefault")
    rpr = _child(rpr_default, "w:rPr")
    if rpr.find(qn("w:lang")) is None:
        rpr.append(OxmlElement("w:lang"))
    for lang in styles_element.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)


def _child(parent, tag: str):
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _properties(document, bundle: MinutesBundle, now: datetime) -> None:
    meeting = bundle.meeting
    props = document.core_properties
    props.title = w.document_title(bundle)
    props.subject = f"{w.kind_label(meeting.kind)} {format_date(meeting.date)}"
    props.author = _one_line(meeting.secretary) or _one_line(meeting.chair) or "meetingtool"
    props.last_modified_by = props.author
    props.created = now
    props.modified = now
    props.revision = 1
    props.language = LANGUAGE
    props.comments = ""
    props.keywords = "referat"
    props.category = w.kind_label(meeting.kind)


def _one_line(text: str | None) -> str:
    return " ".join(w.clean(text).split())


def _header_and_footer(document, bundle: MinutesBundle, styles: Styles, own: bool) -> None:
    """Our footer "Side X af Y" and header; a template's own footer and header are kept.

    A template footer without a page number gets "Side X af Y" added below its own text,
    so house letterheads keep their address line and the minutes are still numbered.
    """
    section = document.sections[-1]
    footer = section.footer
    numbered = _has_page_field(footer) or _has_page_field(section.header)
    if own or footer.is_linked_to_previous or not _has_content(footer) or not numbered:
        if own or footer.is_linked_to_previous or not _has_content(footer):
            paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            paragraph.text = ""
        else:
            paragraph = footer.add_paragraph()
        styles.apply(paragraph, "Footer")
        paragraph.add_run("Side ")
        _field(paragraph, "PAGE")
        paragraph.add_run(" af ")
        _field(paragraph, "NUMPAGES")
    if own:
        header = section.header
        paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        styles.apply(paragraph, "Header")
        council = w.clean(bundle.meeting.council_name)
        text = f"{council} · Referat {format_date(bundle.meeting.date)}"
        if bundle.is_triage:
            text = f"{w.INTERNAL_LINE} · {council}"
        paragraph.text = text


def _has_content(story) -> bool:
    element = story.part.element
    return bool(
        any(p.text.strip() for p in story.paragraphs)
        or element.findall(".//" + qn("w:fldSimple"))
        or element.findall(".//" + qn("w:instrText"))
        or element.findall(".//" + qn("w:drawing"))
    )


def _has_page_field(story) -> bool:
    if story.is_linked_to_previous:
        return False
    element = story.part.element
    instructions = [f.get(qn("w:instr"), "") for f in element.iter(qn("w:fldSimple"))]
    instructions += [t.text or "" for t in element.iter(qn("w:instrText"))]
    return any(text.split()[:1] == ["PAGE"] for text in instructions)


def _field(paragraph, instruction: str) -> None:
    """A complex field (begin / instrText / separate / result / end) Word and LibreOffice update."""

    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    char("separate")
    paragraph.add_run("1")
    char("end")


class _MinutesWriter:
    """Writes the body, top to bottom, in the order a Danish referat reads.

    The body is written as WordprocessingML text and parsed once at the end: python-docx's
    object API (``add_row``, ``run.text`` character by character) took seconds for a
    three-hour meeting; this takes a fraction of that. Styles are still referenced by id
    only, so a house template restyles everything.
    """

    def __init__(self, document, styles, bundle, include_internal, include_times) -> None:
        self.doc = document
        self.styles = styles
        self.bundle = bundle
        self.meeting = bundle.meeting
        self.include_internal = include_internal
        self.include_times = include_times
        self.parts: list[str] = []
        section = document.sections[-1]
        try:
            self.text_width = section.page_width - section.left_margin - section.right_margin
        except TypeError:  # a template section without page size or margins
            self.text_width = Mm(160)

    # -- small building blocks --------------------------------------------------------

    def p_xml(self, text: str = "", style: str = "Normal", label: str = "",
              page_break: bool = False) -> str:
        style_id = self.styles.paragraph_id(style)
        if style == "List Bullet" and self.styles.paragraph(style) != style and text:
            text = "\u2022 " + text  # the fallback style has no bullets of its own
        ppr = f'<w:pPr><w:pStyle w:val="{_attr(style_id)}"/></w:pPr>' if style_id else ""
        body = (_runs(label, bold=True) if label else "") + (_runs(text) if text else "")
        if page_break:
            body += '<w:r><w:br w:type="page"/></w:r>'
        return f"<w:p>{ppr}{body}</w:p>"

    def para(self, text: str = "", style: str = "Normal", label: str = "") -> None:
        self.parts.append(self.p_xml(text, style, label))

    def heading(self, text: str, level: int = 1) -> None:
        self.para(text, f"Heading {level}")

    def bullet(self, text: str) -> None:
        self.para(text, "List Bullet")

    def table_xml(self, rows: list[list[str]], widths: list[int], *, header: bool,
                  styled: bool = True, cell_xml: list[list[str]] | None = None) -> str:
        """A table; ``header`` makes the first row bold, repeating on each page."""
        twips = [max(1, int(width) // 635) for width in widths]  # EMU -> twentieths of a point
        style_id = self.styles.table_id() if styled else None
        style = f'<w:tblStyle w:val="{_attr(style_id)}"/>' if style_id else ""
        out = [
            f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{sum(twips)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
            "".join(f'<w:gridCol w:w="{w}"/>' for w in twips),
            "</w:tblGrid>",
        ]
        for index, values in enumerate(rows):
            is_header = header and index == 0
            flags = "<w:cantSplit/><w:tblHeader/>" if is_header else "<w:cantSplit/>"
            out.append(f"<w:tr><w:trPr>{flags}</w:trPr>")
            for column, (text, width) in enumerate(zip(values, twips)):
                inner = (
                    cell_xml[index][column]
                    if cell_xml is not None
                    else f"<w:p>{_runs(text, bold=is_header)}</w:p>"
                )
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{inner}</w:tc>'
                )
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    def table(self, header: list[str], rows: list[list[str]], shares: tuple[float, ...]) -> None:
        """A grid table with a bold header row that repeats on each page; rows never split.

        The first column ("Hvad") gets the room; widths are on the grid (LibreOffice reads
        those) and on every cell (Word reads those).
        """
        widths = [int(self.text_width * share) for share in shares]
        for column, title in enumerate(header):
            # A narrower house template must not break "15.12.2026" over two lines: the
            # date keeps its width and the first (text) column gives it up.
            if title in w.DATE_HEADERS and widths[column] < DATE_WIDTH:
                widths[0] -= DATE_WIDTH - widths[column]
                widths[column] = DATE_WIDTH
        if self.parts and self.parts[-1].startswith("<w:p>"):
            self.parts[-1] = _keep_with_next(self.parts[-1])  # no heading left at a page end
        self.parts.append(self.table_xml([header, *rows], widths, header=True))
        self.para()  # breathing room; Word merges adjacent tables otherwise

    def facts(self, facts: list[tuple[str, str]]) -> None:
        """Label / value lines (Råd, Dato, Tid ...) as a borderless two-column table."""
        widths = [Mm(30), self.text_width - Mm(30)]
        cells = [[f"<w:p>{_runs(label, bold=True)}</w:p>", f"<w:p>{_runs(value)}</w:p>"]
                 for label, value in facts]
        self.parts.append(
            self.table_xml([list(pair) for pair in facts], widths, header=False, styled=False,
                           cell_xml=cells)
        )
        self.para()

    def flush(self) -> None:
        """Parse what was written and put it in the body, before the section properties."""
        xml = f"<w:body {nsdecls('w')}>{''.join(self.parts)}</w:body>"
        parsed = parse_xml(xml)
        body = self.doc.element.body
        section = body.find(qn("w:sectPr"))
        for element in list(parsed):
            if section is not None:
                section.addprevious(element)
            else:
                body.append(element)
        self.parts.clear()

    def write(self) -> None:
        if self.bundle.is_triage:
            self.para(label=w.INTERNAL_LINE)
        self.para("Referat", "Title")
        self.para(w.clean(self.meeting.council_name), "Subtitle")
        self.facts(w.header_facts(self.bundle))
        previous = w.previous_approval_line(self.bundle)
        if previous:
            self.para(previous)
        if w.has_kort_fortalt(self.bundle):
            self.kort_fortalt()
        self.attendance()
        if self.bundle.is_triage:
            self.triage_board()
        self.items()
        if self.include_internal:
            self.internal()
        self.open_followups()
        self.next_meeting()
        self.flush()

    def kort_fortalt(self) -> None:
        """A boxed one-cell table, then a page break, so page 1 can go on the notice board."""
        content = w.kort_fortalt(self.bundle)
        inner = [
            self.p_xml("Kort fortalt", "Heading 1"),
            self.p_xml(f"Fra mødet i {w.clean(self.meeting.council_name)} "
                       f"{format_date(self.meeting.date)}."),
        ]
        sections = [
            ("Det vil vi gerne fortælle", content["told"], False),
            ("Det besluttede vi", content["decided"], True),
            ("Det sker nu", content["next"], True),
        ]
        for title, lines, bulleted in sections:
            if lines:
                inner.append(self.p_xml(title, "Heading 2"))
                inner += [self.p_xml(line, "List Bullet" if bulleted else "Normal")
                          for line in lines]
        if not any(lines for _, lines, _ in sections):
            inner.append(self.p_xml("Der blev ikke truffet beslutninger på mødet."))
        box = self.table_xml([[""]], [self.text_width], header=False,
                             cell_xml=[["".join(inner)]])
        # A box's row may split over pages when long; only the header-less flag is dropped.
        self.parts.append(box.replace("<w:trPr><w:cantSplit/></w:trPr>", ""))
        self.parts.append(self.p_xml(page_break=True))

    def attendance(self) -> None:
        self.heading("Fremmøde")
        for label, names in w.attendance_groups(self.meeting):
            self.para(label=label)
            if names:
                for name in names:
                    self.bullet(name)
            else:
                self.para("Ingen.")

    def triage_board(self) -> None:
        self.heading("Triagetavle")
        rows = w.triage_rows(self.bundle)
        if rows:
            self.table(w.TRIAGE_HEADER, rows, w.TRIAGE_SHARES)
        else:
            self.para("Ingen beboere blev vurderet.")

    def followup_table(self, followups) -> None:
        rows = [w.followup_row(fu, self.bundle) for fu in followups]
        self.table(w.FOLLOWUP_HEADER, rows, w.FOLLOWUP_SHARES)

    def items(self) -> None:
        """Each item; the review and received cases go under their own items when present."""
        review_item = w.review_item(self.meeting)
        received_item = w.escalations_item(self.meeting)
        self.heading("Dagsordenspunkter")
        for item in self.meeting.items:
            self.heading(w.item_heading(self.meeting, item), 2)
            meta = w.item_meta(item, self.include_times)
            if meta:
                self.para(meta)
            notes = w.paragraphs(item.notes)
            for text in notes:
                self.para(text)
            decisions = self.bundle.decisions_for(item.id)
            for decision in decisions:
                self.para(w.clean(decision.text), label="Beslutning: ")
            followups = w.shown_followups(self.bundle.followups_for(item.id), False)
            if received_item is not None and item.id == received_item.id:
                followups = [fu for fu in followups if fu.escalated_from is None]
            if followups:
                self.followup_table(followups)
            wrote = bool(notes or decisions or followups)
            if review_item is not None and item.id == review_item.id:
                wrote = self.review(heading=None) or wrote
            if received_item is not None and item.id == received_item.id:
                wrote = self.received(heading=None) or wrote
            if not wrote:
                self.para("Ingen bemærkninger.")
        item_ids = {item.id for item in self.meeting.items}
        loose_decisions = [d for d in self.bundle.decisions if d.item_id not in item_ids]
        loose = w.shown_followups(self.bundle.unplaced_followups(), False)
        if loose_decisions or loose:
            self.heading("Øvrige beslutninger og opfølgningspunkter", 2)
            for decision in loose_decisions:
                self.para(w.clean(decision.text), label="Beslutning: ")
            if loose:
                self.followup_table(loose)
        if review_item is None:
            self.review(heading=w.REVIEW_ITEM_TITLE)
        self.sent_on()
        if received_item is None:
            self.received(heading=w.ESCALATIONS_ITEM_TITLE)

    def review(self, heading: str | None) -> bool:
        """What became of earlier follow-ups; under a Heading 1 when not under its item."""
        reviewed = [r for r in self.bundle.followups_reviewed if not r.followup.internal]
        if not reviewed:
            return False
        if heading:
            self.heading(heading)
        else:
            self.para(label="Gennemgang af opfølgningspunkter fra tidligere møder")
        self.table(w.REVIEW_HEADER, [w.review_row(r, self.bundle) for r in reviewed],
                   w.REVIEW_SHARES)
        return True

    def sent_on(self) -> None:
        lines = [line for line in self.bundle.escalations_out if not line.followup.internal]
        if lines:
            self.heading("Sager sendt videre")
            self.table(w.ESCALATION_HEADER, [w.escalation_row(line) for line in lines],
                       w.ESCALATION_SHARES)

    def received(self, heading: str | None) -> bool:
        lines = [line for line in self.bundle.escalations_in if not line.followup.internal]
        if not lines:
            return False
        if heading:
            self.heading(heading)
        else:
            self.para(label="Sager modtaget fra andre råd og udvalg")
        self.table(w.ESCALATION_HEADER, [w.escalation_row(line) for line in lines],
                   w.ESCALATION_SHARES)
        return True

    def internal(self) -> None:
        seen: set[str] = set()
        followups = []
        for followup in (
            self.bundle.followups_created
            + [r.followup for r in self.bundle.followups_reviewed]
            + self.bundle.open_followups
        ):
            if followup.internal and followup.id not in seen:
                seen.add(followup.id)
                followups.append(followup)
        if followups:
            self.heading(w.INTERNAL_SECTION)
            self.followup_table(followups)

    def open_followups(self) -> None:
        self.heading("Åbne opfølgningspunkter")
        followups = [fu for fu in self.bundle.open_followups if not fu.internal]
        if not followups:
            self.para("Rådet har ingen åbne opfølgningspunkter.")
            return
        self.para(f"Alle åbne opfølgningspunkter for {w.clean(self.meeting.council_name)} "
                  "efter dette møde.")
        rows = [w.open_row(fu, self.bundle.origin_date(fu), self.bundle) for fu in followups]
        self.table(w.OPEN_HEADER, rows, w.OPEN_SHARES)

    def next_meeting(self) -> None:
        self.heading("Næste møde")
        if self.bundle.next_meeting:
            self.para(format_date(self.bundle.next_meeting) + ".")
        else:
            self.para("Ikke fastsat.")


def _keep_with_next(paragraph_xml: str) -> str:
    """The paragraph stays on the page of what follows (``w:keepNext``, after the style)."""
    if paragraph_xml.startswith("<w:p><w:pPr><w:pStyle "):
        end = paragraph_xml.index("/>") + 2
        return paragraph_xml[:end] + "<w:keepNext/>" + paragraph_xml[end:]
    if paragraph_xml.startswith("<w:p><w:pPr>"):
        return paragraph_xml.replace("<w:pPr>", "<w:pPr><w:keepNext/>", 1)
    return paragraph_xml.replace("<w:p>", "<w:p><w:pPr><w:keepNext/></w:pPr>", 1)


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _runs(text: str, bold: bool = False) -> str:
    """Runs for ``text``: line breaks become <w:br/>, tabs <w:tab/>; XML escaped."""
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    out = []
    for number, line in enumerate(text.split("\n")):
        if number:
            out.append(f"<w:r>{props}<w:br/></w:r>")
        for index, chunk in enumerate(line.split("\t")):
            if index:
                out.append(f"<w:r>{props}<w:tab/></w:r>")
            if chunk:
                out.append(f'<w:r>{props}<w:t xml:space="preserve">{escape(chunk)}</w:t></w:r>')
    return "".join(out)
