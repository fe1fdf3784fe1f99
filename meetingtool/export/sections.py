"""The minutes as plain data: an ordered list of sections, each made of a few kinds of block.

``meetingtool.export.minutes.build_minutes`` builds a ``Minutes`` once from the bundle; the
Word, Markdown and JSON renderers only lay these objects out, so the three formats say the
same thing in the same order by construction. Every text that leaves in an export is in
these objects (``Minutes.texts``), which is where the CPR guard looks last.

A section has a human part (``heading`` and ``blocks``, shown in the .docx and the
Markdown) and a machine part (``key`` and ``data``, what the JSON export holds under that
key). A section with no blocks and no visible children is not shown, but its data is still
in the JSON (e.g. ``"followups_reviewed": []``).

A new section is a method in ``export.minutes`` (and its name in ``ORDER``); a new kind of
block (a chart, say) is a dataclass here plus its layout in ``markdown.py`` and
``docx_body.py``, which refuse blocks they do not know rather than drop them.

Levels: 0 is the document's title, 1 a main section (Word's Heading 1, Markdown ``##``), 2 a
sub-section (an agenda item), 3 a labelled part inside an item (a bold line in both).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``label`` is a bold lead-in ("Beslutning"), alone a bold line.

    ``style="meta"`` marks a line about the item (presenter, time used): italic in Markdown.
    Single line breaks in ``text`` are kept in both formats.
    """

    text: str = ""
    label: str = ""
    style: str = "plain"

    @property
    def separator(self) -> str:
        """After the label when text follows: ": ", or a space after a question's "?"."""
        return " " if self.label.endswith("?") else ": "


@dataclass(frozen=True)
class SubHeading:
    """A small heading inside a section (the parts of "Kort fortalt")."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A bulleted list, one line per entry."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    """Names under a label ("Til stede: ..."); ``empty`` is said when there are none."""

    label: str
    names: tuple[str, ...]
    empty: str = "Ingen."


@dataclass(frozen=True)
class Facts:
    """Label / value lines (Råd, Dato, Tid ...)."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``shares`` are the columns' parts of the text width."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    shares: tuple[float, ...]
    shades: tuple[str, ...] = ()
    """A fill per row ("RRGGBB", "" for none) for paper: the triage board's red and yellow
    rows stand out also in greyscale, beside the shape and word in the row."""


@dataclass(frozen=True)
class Image:
    """A picture (a PNG run chart) with its alt text; ``width_mm`` and ``height_mm`` its
    size on the page. The bytes are not text (the CPR guard reads ``alt``)."""

    png: bytes
    alt: str
    width_mm: int = 150
    height_mm: int = 70


Block = Paragraph | SubHeading | Bullets | Group | Facts | Table | Image


@dataclass(frozen=True)
class Section:
    """One part of the minutes (see the module docstring for levels, key and data).

    ``kind`` names the part for code and tests ("attendance", "item", "open_followups");
    ``subtitle`` is only used by the title; ``boxed`` sets the part apart (Word: a framed
    box followed by a page break, Markdown: a quote) so it can be posted on its own.
    ``key`` is None when the data belongs at the top level of the JSON (the title's facts)
    or when the section has no machine part of its own.
    """

    kind: str
    heading: str | None
    level: int = 1
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()
    key: str | None = None
    data: Any = None
    subtitle: str = ""
    boxed: bool = False

    @property
    def visible(self) -> bool:
        """Shown in the .docx and the Markdown (something to say, here or in a child)."""
        return bool(self.blocks) or any(child.visible for child in self.children)

    def walk(self) -> Iterator[Section]:
        """This section, then its children's sections, depth first, in order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class DocumentInfo:
    """What a file says about itself: the .docx core properties and page header."""

    title: str
    subject: str
    author: str
    category: str
    page_header: str


@dataclass(frozen=True)
class Minutes:
    """The whole minutes: document facts, then the sections in reading order."""

    info: DocumentInfo
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def texts(self) -> Iterator[tuple[str, str]]:
        """(where, text) for every string an export can write; where names the section."""
        for text in _strings(self.info):
            yield "dokumentets egenskaber og sidehoved", text
        for section in self.walk():
            where = f'afsnit "{section.heading or section.kind}"'
            # every field but the children (they come as sections of their own), so a
            # field added to Section later is checked without anyone remembering to
            own = [getattr(section, f.name) for f in _SECTION_FIELDS if f.name != "children"]
            for text in _strings(own):
                yield where, text


def map_texts(value: Any, change: Callable[[str], str]) -> Any:
    """A copy of ``value`` (sections, blocks, data) with ``change`` applied to every string."""
    if isinstance(value, str):
        return change(value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: map_texts(getattr(value, f.name), change)
                                 for f in fields(value)})
    if isinstance(value, tuple):
        return tuple(map_texts(part, change) for part in value)
    if isinstance(value, list):
        return [map_texts(part, change) for part in value]
    if isinstance(value, dict):
        return {key: map_texts(part, change) for key, part in value.items()}
    return value


def _strings(value: Any) -> Iterator[str]:
    """Every non-empty string in ``value``, depth first (iterative: the walk is on the hot
    path of every export)."""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            if current:
                yield current
        elif isinstance(current, dict):
            stack.extend(reversed(list(current.values())))
        elif isinstance(current, (tuple, list)):
            stack.extend(reversed(current))
        elif is_dataclass(current) and not isinstance(current, type):
            names = _FIELD_NAMES.get(type(current))
            if names is None:
                names = _FIELD_NAMES[type(current)] = tuple(f.name for f in fields(current))
            stack.extend(getattr(current, name) for name in reversed(names))


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_SECTION_FIELDS = fields(Section)
