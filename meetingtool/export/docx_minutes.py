"""Minutes as a Word document (.docx) a secretary can send as it is.

Lays out the sections ``export.minutes`` builds (the same as the Markdown and the JSON). A
house template (``template=``) restyles the document: it is built on the template's file,
whose body is cleared while its page setup, header, footer and styles stay. The parts:
``docx_styles`` (styles and their fallbacks), ``docx_page`` (template, language, core
properties, page header and footer), ``docx_body`` (the sections as WordprocessingML).

python-docx traps handled: control characters (``\\x0b`` from Word) are stripped by
``wording.clean``; the default document's US Letter page is replaced by A4.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from docx.document import Document
from docx.shared import Mm

from meetingtool.export.docx_body import BodyWriter
from meetingtool.export.docx_page import (
    LANGUAGE,
    header_and_footer,
    open_document,
    set_language,
    set_properties,
)
from meetingtool.export.docx_styles import Styles
from meetingtool.export.sections import Minutes

__all__ = ["LANGUAGE", "document_of", "docx_of"]


def docx_of(
    minutes: Minutes,
    *,
    template: Path | None = None,
    now: datetime | None = None,
    warnings: list[str] | None = None,
) -> bytes:
    """The .docx file's bytes for minutes already built (and checked)."""
    document = document_of(minutes, template=template, now=now,
                           warnings=warnings if warnings is not None else [])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def document_of(
    minutes: Minutes,
    *,
    template: Path | None = None,
    now: datetime | None = None,
    warnings: list[str],
) -> Document:
    """The python-docx ``Document`` of minutes already built."""
    document, dropped = open_document(template)
    if dropped:
        warnings.append(
            f"Skabelonens brødtekst ({dropped} afsnit) er ikke taget med; et brevhoved skal "
            "ligge i skabelonens sidehoved for at komme med."
        )
    styles = Styles(document, warnings)
    set_language(document)
    if template is None:
        for section in document.sections:
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(25)
            section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    header_and_footer(document, minutes.info, styles, own=template is None)
    set_properties(document, minutes.info, now or datetime.now())
    BodyWriter(document, styles).write(minutes)
    return document
