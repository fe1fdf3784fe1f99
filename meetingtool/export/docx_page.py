"""The .docx around the body: the template to build on, language, properties, page header
and footer ("Side X af Y").

python-docx traps handled here: the default document's en-US language and "python-docx"
author from 2013 are replaced by da-DK and real core properties; page numbers are PAGE /
NUMPAGES fields, since python-docx has no page-number API.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import _Footer, _Header
from docx.text.paragraph import Paragraph as DocxParagraph

from meetingtool.core.errors import MeetingToolError
from meetingtool.export.docx_styles import Styles
from meetingtool.export.sections import DocumentInfo

LANGUAGE = "da-DK"


def open_document(template: Path | None) -> tuple[DocxDocument, int]:
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


def set_language(document: DocxDocument) -> None:
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


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    found: BaseOxmlElement | None = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def set_properties(document: DocxDocument, info: DocumentInfo, now: datetime) -> None:
    props = document.core_properties
    props.title = info.title
    props.subject = info.subject
    props.author = info.author
    props.last_modified_by = props.author
    props.created = now
    props.modified = now
    props.revision = 1
    props.language = LANGUAGE
    props.comments = ""
    props.keywords = "referat"
    props.category = info.category


def header_and_footer(document: DocxDocument, info: DocumentInfo, styles: Styles,
                      own: bool) -> None:
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
        paragraph.text = info.page_header


def _has_content(story: _Header | _Footer) -> bool:
    element = story.part.element
    return bool(
        any(p.text.strip() for p in story.paragraphs)
        or element.findall(".//" + qn("w:fldSimple"))
        or element.findall(".//" + qn("w:instrText"))
        or element.findall(".//" + qn("w:drawing"))
    )


def _has_page_field(story: _Header | _Footer) -> bool:
    if story.is_linked_to_previous:
        return False
    element = story.part.element
    instructions = [f.get(qn("w:instr"), "") for f in element.iter(qn("w:fldSimple"))]
    instructions += [t.text or "" for t in element.iter(qn("w:instrText"))]
    return any(text.split()[:1] == ["PAGE"] for text in instructions)


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    """A complex field (begin / instrText / separate / result / end) Word and LibreOffice update."""

    def char(kind: str) -> None:
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

