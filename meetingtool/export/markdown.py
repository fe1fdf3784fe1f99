"""Minutes as Markdown, for an e-mail or an intranet page: the same sections as the .docx.

Only lays out the ``Minutes`` that ``export.minutes`` builds: the title as ``#``, main
sections as ``##``, agenda items as ``###``, a labelled part inside an item as a bold line;
a boxed section ("Kort fortalt") as a quote.
"""

from __future__ import annotations

import re

from meetingtool.export import wording as w
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

_TABLE_ESCAPES = re.compile(r"([|\\])")


def markdown_of(minutes: Minutes) -> str:
    out: list[str] = []
    for section in minutes.sections:
        _section(out, section)
    return "\n".join(out).rstrip("\n") + "\n"


def _section(out: list[str], section: Section) -> None:
    if not section.visible:
        return
    if section.level == 0:
        out += [f"# {_inline(section.heading or '')}: {_inline(section.subtitle)}", ""]
    elif section.heading and section.level <= 2:
        out += ["#" * (section.level + 1) + " " + _inline(section.heading), ""]
    elif section.heading:
        out += [f"**{_inline(section.heading)}**", ""]
    if section.boxed:
        inner: list[str] = []
        for block in section.blocks:
            _block(inner, block)
        while inner and not inner[-1]:
            inner.pop()
        out += [f"> {line}" if line else ">" for text in inner for line in text.split("\n")]
        out.append("")
    else:
        for block in section.blocks:
            _block(out, block)
    for child in section.children:
        _section(out, child)


def _block(out: list[str], block: Block) -> None:
    """The lines of one block, then a blank line."""
    if isinstance(block, Paragraph):
        if block.style == "meta":
            out.append(f"*{_inline(block.text)}*")
        elif block.label and block.text:
            lead = _inline(block.label) + block.separator.rstrip()
            out.append(f"**{lead}** {_multiline(block.text)}")
        elif block.label:
            out.append(f"**{_inline(block.label)}**")
        else:
            out.append(_multiline(block.text))
    elif isinstance(block, SubHeading):
        out.append(f"**{_inline(block.text)}**")
    elif isinstance(block, Bullets):
        out += [f"- {_inline(line)}" for line in block.lines]
    elif isinstance(block, Group):
        names = ", ".join(_inline(name) for name in block.names) or block.empty
        out.append(f"**{_inline(block.label)}:** {names}")
    elif isinstance(block, Facts):
        out += [f"- **{label}:** {_inline(value)}" for label, value in block.pairs]
    elif isinstance(block, Table):
        out.append("| " + " | ".join(block.header) + " |")
        out.append("|" + "|".join("---" for _ in block.header) + "|")
        out += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in block.rows]
    elif isinstance(block, Image):
        import base64

        encoded = base64.b64encode(block.png).decode("ascii")
        out.append(f"![{_inline(block.alt).replace(']', ')')}](data:image/png;base64,{encoded})")
    else:  # a new kind of block needs its layout here, in docx_body and in the tests
        raise TypeError(f"Markdown kan ikke vise {type(block).__name__}")
    out.append("")


def _inline(text: str) -> str:
    """One line of text; line breaks become spaces."""
    return " ".join(w.clean(text).split())


def _multiline(text: str) -> str:
    """A paragraph with its single line breaks kept (two trailing spaces = <br>)."""
    return "  \n".join(part.strip() for part in w.clean(text).split("\n"))


def _cell(text: str) -> str:
    return _TABLE_ESCAPES.sub(r"\\\1", _inline(text))
