"""Word styles for the minutes, and what to use when a house template lacks one.

Built only with Word's own styles (Title, Subtitle, Heading 1/2, List Bullet, Table Grid) and
no hand-set fonts, so a house template restyles the minutes. A style the template lacks
falls back to a built-in one and a warning (in Danish) says which.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Mm
from docx.text.paragraph import Paragraph as DocxParagraph

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

    def __init__(self, document: Document, warnings: list[str]) -> None:
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

    def apply(self, paragraph: DocxParagraph, name: str) -> None:
        """Give ``paragraph`` the style ``name`` (or its fallback); Normal is left implicit."""
        style_id = self.style_id(self.paragraph(name))
        if style_id is not None and style_id != self._default_id:
            paragraph._p.get_or_add_pPr().style = style_id

    def paragraph(self, name: str) -> str | None:
        return self._pick(name, WD_STYLE_TYPE.PARAGRAPH, _FALLBACKS.get(name, ("Normal",)))

    def table(self) -> str | None:
        return self._pick(TABLE_STYLE, WD_STYLE_TYPE.TABLE, _TABLE_FALLBACKS)

    def _pick(self, name: str, kind: WD_STYLE_TYPE, fallbacks: tuple[str, ...]) -> str | None:
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

    def _has(self, name: str, kind: WD_STYLE_TYPE) -> bool:
        try:
            style = self._document.styles[name]
        except KeyError:
            return False
        return bool(style.type == kind)

