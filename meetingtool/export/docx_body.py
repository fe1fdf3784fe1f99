"""The body of the minutes as WordprocessingML: lays out the sections ``export.minutes`` built.

The body is written as XML text and parsed once at the end: python-docx's object API
(``add_row``, ``run.text`` character by character) took seconds for a three-hour meeting;
this takes a fraction of that. Styles are referenced by id only, so a house template
restyles everything.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from meetingtool.export import wording as w
from meetingtool.export.docx_styles import DATE_WIDTH, Styles
from meetingtool.export.sections import (
    Block,
    Bullets,
    Facts,
    Group,
    Image,
    Minutes,
    Paragraph,
    Section,
    SubHeading,
    Table,
)


class BodyWriter:
    """Writes the sections, top to bottom, then puts them in the document's body at once."""

    def __init__(self, document: Document, styles: Styles) -> None:
        self.doc = document
        self.styles = styles
        self.parts: list[str] = []
        section = document.sections[-1]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        self.text_width: int = Mm(160)  # a template section without page size or margins
        if width is not None and left is not None and right is not None:
            self.text_width = width - left - right

    # -- small building blocks --------------------------------------------------------

    def p_xml(self, text: str = "", style: str = "Normal", label: str = "",
              page_break: bool = False, keep: bool | None = None) -> str:
        """A paragraph; ``keep`` (default: for headings) keeps it on the page of the next
        one, whatever the style of a house template says."""
        style_id = self.styles.paragraph_id(style)
        if style == "List Bullet" and self.styles.paragraph(style) != style and text:
            text = "\u2022 " + text  # the fallback style has no bullets of its own
        if keep is None:
            keep = style in HEADING_STYLES
        props = (f'<w:pStyle w:val="{_attr(style_id)}"/>' if style_id else "") + (
            "<w:keepNext/>" if keep else "")
        ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
        body = (_runs(label, bold=True) if label else "") + (_runs(text) if text else "")
        if page_break:
            body += '<w:r><w:br w:type="page"/></w:r>'
        return f"<w:p>{ppr}{body}</w:p>"

    def para(self, text: str = "", style: str = "Normal", label: str = "") -> None:
        self.parts.append(self.p_xml(text, style, label))

    def table_xml(self, rows: list[list[str]], widths: list[int], *, header: bool,
                  styled: bool = True, cell_xml: list[list[str]] | None = None,
                  shades: list[str] | None = None) -> str:
        """A table; ``header`` makes the first row bold, repeating on each page;
        ``shades`` fills rows ("RRGGBB" or "" per row)."""
        twips = [max(1, int(width) // 635) for width in widths]  # EMU -> twentieths of a point
        style_id = self.styles.table_id() if styled else None
        style = f'<w:tblStyle w:val="{_attr(style_id)}"/>' if style_id else ""
        out = [
            (f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{sum(twips)}" w:type="dxa"/>'
             '<w:tblLayout w:type="fixed"/>'
             '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
             'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'),
            "".join(f'<w:gridCol w:w="{w}"/>' for w in twips),
            "</w:tblGrid>",
        ]
        for index, values in enumerate(rows):
            is_header = header and index == 0
            flags = "<w:cantSplit/><w:tblHeader/>" if is_header else "<w:cantSplit/>"
            out.append(f"<w:tr><w:trPr>{flags}</w:trPr>")
            fill = shades[index] if shades and index < len(shades) else ""
            shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
            for column, (text, width) in enumerate(zip(values, twips)):
                inner = (
                    cell_xml[index][column]
                    if cell_xml is not None
                    else f"<w:p>{_runs(text, bold=is_header)}</w:p>"
                )
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>'
                    f"{inner}</w:tc>"
                )
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    def table(self, header: list[str], rows: list[list[str]], shares: tuple[float, ...],
              shades: list[str] | None = None) -> None:
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
        self.parts.append(self.table_xml([header, *rows], widths, header=True,
                                         shades=["", *(shades or [])]))
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
        xml = f"<w:body {nsdecls('w', 'wp', 'a', 'pic', 'r')}>{''.join(self.parts)}</w:body>"
        parsed = parse_xml(xml)
        body = self.doc.element.body
        section = body.find(qn("w:sectPr"))
        for element in list(parsed):
            if section is not None:
                section.addprevious(element)
            else:
                body.append(element)
        self.parts.clear()

    def write(self, minutes: Minutes) -> None:
        for section in minutes.sections:
            self.section(section)
        self.flush()

    def section(self, section: Section) -> None:
        if not section.visible:
            return
        if section.boxed:
            self.box(section)
            return
        if section.level == 0:
            self.para(section.heading or "", "Title")
            self.para(section.subtitle, "Subtitle")
        elif section.heading and section.level <= 2:
            self.para(section.heading, f"Heading {section.level}")
        elif section.heading:
            self.parts.append(self.p_xml(label=section.heading, keep=True))
        for block in section.blocks:
            self.block(block)
        for child in section.children:
            self.section(child)

    def block(self, block: Block) -> None:
        if isinstance(block, Table):
            self.table(list(block.header), [list(row) for row in block.rows], block.shares,
                       shades=list(block.shades))
        elif isinstance(block, Facts):
            self.facts(list(block.pairs))
        elif isinstance(block, Image):
            self.parts.append(self.image_xml(block))
        else:
            self.parts += self.flow_xml(block)

    def flow_xml(self, block: Block) -> list[str]:
        """Paragraphs for a block that is not a table (also inside a box)."""
        if isinstance(block, Paragraph):
            label = block.label
            if block.label and block.text:
                label += block.separator
            return [self.p_xml(block.text, label=label)]
        if isinstance(block, SubHeading):
            return [self.p_xml(block.text, "Heading 2")]
        if isinstance(block, Bullets):
            return [self.p_xml(line, "List Bullet") for line in block.lines]
        if isinstance(block, Group):
            names = [self.p_xml(name, "List Bullet") for name in block.names]
            return [self.p_xml(label=block.label, keep=True),
                    *(names or [self.p_xml(block.empty)])]
        # a Table or Facts inside a box, or a new kind of block with no layout here yet
        raise TypeError(f"docx kan ikke vise {type(block).__name__} her")

    def image_xml(self, block: Image) -> str:
        """A paragraph holding the picture inline, its alt text as the drawing's descr."""
        import io

        r_id, _ = self.doc.part.get_or_add_image(io.BytesIO(block.png))
        self.images = getattr(self, "images", 0) + 1
        number = 1000 + self.images
        cx, cy = int(Mm(block.width_mm)), int(Mm(block.height_mm))
        alt = _attr(w.clean(block.alt))
        return (
            f'<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{number}" name="Diagram {self.images}" descr="{alt}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/>'
            '</wp:cNvGraphicFramePr><a:graphic><a:graphicData '
            'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            f'<pic:nvPicPr><pic:cNvPr id="{number}" name="diagram{self.images}.png" '
            f'descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{r_id}"/><a:stretch><a:fillRect/></a:stretch>'
            '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            '</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>'
            '</w:drawing></w:r></w:p>')

    def box(self, section: Section) -> None:
        """A framed one-cell table, then a page break, so the page can go on a notice board."""
        inner = [self.p_xml(section.heading or "", "Heading 1")]
        for block in section.blocks:
            inner += self.flow_xml(block)
        box = self.table_xml([[""]], [self.text_width], header=False,
                             cell_xml=[["".join(inner)]])
        # A box's row may split over pages when long; only the header-less flag is dropped.
        self.parts.append(box.replace("<w:trPr><w:cantSplit/></w:trPr>", ""))
        self.parts.append(self.p_xml(page_break=True))


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


RUN_LANGUAGE = '<w:lang w:val="da-DK" w:eastAsia="da-DK" w:bidi="ar-SA"/>'
"""On every run, so a spelling checker and a screen reader take the text as Danish even
when the document is pasted into another or a house template's defaults say otherwise."""

HEADING_STYLES = frozenset({"Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"})


def _runs(text: str, bold: bool = False) -> str:
    """Runs for ``text``: line breaks become <w:br/>, tabs <w:tab/>; XML escaped; Danish."""
    props = f"<w:rPr>{'<w:b/>' if bold else ''}{RUN_LANGUAGE}</w:rPr>"
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
