"""Checking a TOML file a person wrote: every problem found, each with its line, in Danish.

Shared by the agenda templates (``core.agenda_check``), the year wheels
(``core.yearwheel_check``) and the course plans (``core.course``): ``Problem`` is one thing
wrong, ``syntax_problem`` turns tomllib's English error into Danish, ``SourceLines`` finds
the line of a table or key (tomllib does not say), and ``FieldChecker`` holds the generic
field checks that record a problem instead of stopping at the first.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a template file.

    ``file`` is the path as given, ``line`` the 1-based line (``None`` when it cannot be
    found), ``where`` the item/field in words (e.g. 'punkt 3 "Tema", felt "minutes"'),
    ``what`` the problem and what is expected.
    """

    file: str
    line: int | None
    where: str
    what: str

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}, linje {self.line}"
        if self.where:
            return f"{place}: {self.where}: {self.what}"
        return f"{place}: {self.what}"


TOML_MESSAGES = (
    ("Invalid value", "ugyldig værdi (mangler der anførselstegn om en tekst?)"),
    ("Expected '=' after a key", "forventede '=' efter feltnavnet"),
    ("Unclosed array", "listen mangler en afsluttende ']'"),
    ("Unclosed inline table", "tabellen mangler en afsluttende '}'"),
    ("Unterminated string", "teksten mangler et afsluttende anførselstegn"),
    (
        "Illegal character '\\n'",
        "linjeskift inde i en tekst: mangler teksten sit afsluttende anførselstegn? "
        '(tekst over flere linjer skrives med """)',
    ),
    ("Illegal character", "ulovligt tegn i teksten"),
    ("Cannot overwrite a value", "feltet er angivet mere end én gang"),
    ("Cannot declare", "tabellen er angivet mere end én gang"),
    ("Invalid statement", "linjen er hverken et felt (navn = værdi) eller en [tabel]"),
    ("Invalid initial character for a key", "ugyldigt tegn i begyndelsen af et feltnavn"),
    ("Expected newline or end of document", "forventede linjeskift efter værdien"),
)
AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def syntax_problem(name: str, text: str, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error.args[0]) if error.args else str(error)
    line = getattr(error, "lineno", None)
    column = getattr(error, "colno", None)
    found = AT_LINE.search(message)
    if found:
        line = line or int(found.group(1))
        column = column or int(found.group(2))
        message = message[: found.start()]
    elif AT_END.search(message):
        message = AT_END.sub("", message)
        line = line or text.count("\n") + 1
    danish = next((da for en, da in TOML_MESSAGES if message.startswith(en)), None)
    what = "TOML-syntaksfejl"
    if column:
        what += f" ved kolonne {column}"
    what += f": {danish} [{message}]" if danish else f": {message}"
    return Problem(name, line, "", what)


HEADER = re.compile(r"^\s*(\[\[|\[)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_\-]+))\s*[.=]""")


@dataclass
class Section:
    name: str
    index: int
    line: int | None
    keys: dict[str, int] = field(default_factory=dict)


class SourceLines:
    """Where tables and keys sit in the source text (tomllib does not say).

    Sections are the top level (name "") and each ``[table]`` / ``[[array]]`` header;
    ``index`` counts the repeats of an array table. Lines inside multi-line strings are
    skipped so a description cannot be mistaken for a key.
    """

    def __init__(self, text: str) -> None:
        self.sections: list[Section] = [Section("", 0, None)]
        counts: dict[str, int] = {}
        # by (table, index): looking one up is then constant time, so checking an agenda
        # stays linear in its items (a scan per lookup made 2,000 items take seconds)
        self._by_key: dict[tuple[str, int], Section] = {("", 0): self.sections[0]}
        quote: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            starts_inside = quote is not None
            for delimiter in ('"""', "'''"):
                if quote in (None, delimiter):
                    if line.count(delimiter) % 2 == 1:
                        quote = None if quote else delimiter
            if starts_inside:
                continue
            header = HEADER.match(line)
            if header:
                table = re.sub(r"\s*\.\s*", ".", header.group(2).replace('"', ""))
                index = counts.get(table, 0)
                counts[table] = index + 1
                self.sections.append(Section(table, index, number))
                self._by_key.setdefault((table, index), self.sections[-1])
                continue
            key = KEY.match(line)
            if key:
                word = next(group for group in key.groups() if group)
                self.sections[-1].keys.setdefault(word, number)

    def section(self, table: str, index: int = 0) -> Section | None:
        return self._by_key.get((table, index))

    def line(self, table: str, index: int = 0, key: str | None = None) -> int | None:
        """The line of ``key`` in that table, else of the table's header (or the key that
        holds it inline, e.g. ``items = [...]``), else ``None``."""
        section = self.section(table, index)
        if section is not None:
            if key is not None and key in section.keys:
                return section.keys[key]
            if section.line is not None:
                return section.line
        parent, _, last = table.rpartition(".")
        owner = self.section(parent)
        if owner is not None and last in owner.keys:
            return owner.keys[last]
        return None


TYPE_NAMES: tuple[tuple[type, str], ...] = (
    (bool, "sand/falsk"),
    (int, "et helt tal"),
    (float, "et decimaltal"),
    (str, "en tekst"),
    (datetime, "en dato med klokkeslæt"),
    (date, "en dato"),
    (time, "et klokkeslæt"),
    (list, "en liste"),
    (dict, "en tabel"),
)


def type_name(value: Any) -> str:
    for kind, label in TYPE_NAMES:
        if isinstance(value, kind):
            return label
    return type(value).__name__


def show_value(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:37] + "..."


def choices(table: dict[str, str]) -> str:
    return ", ".join(f"{key} ({label})" for key, label in table.items())


def suggest(value: str, table: dict[str, str]) -> str:
    """' (mente du "x"?)' when the value is a known key or Danish label in other spelling."""
    folded = value.strip().casefold()
    for key, label in table.items():
        if folded in (key.casefold(), label.casefold()):
            return f' (mente du "{key}"?)'
    return ""


class FieldChecker:
    """The generic checks: each records a problem (with its line) and returns ``None``
    instead of raising, so one run lists every problem in the file."""

    def __init__(self, name: str, text: str, path: Path) -> None:
        self.name = name
        self.path = path
        self.lines = SourceLines(text)
        self.problems: list[Problem] = []

    def add(self, line: int | None, where: str, what: str) -> None:
        self.problems.append(Problem(self.name, line, where, what))

    # -- generic field checks; each returns the value or None after recording a problem

    def text(
        self,
        data: dict[str, Any],
        key: str,
        where: str,
        line: int | None,
        *,
        required: bool,
        example: str,
    ) -> str | None:
        field_where = f'{where}, felt "{key}"' if where else f'felt "{key}"'
        if key not in data:
            if required:
                self.add(line, where, f'mangler feltet "{key}" (en tekst, fx {key} = {example})')
            return None
        value = data[key]
        if not isinstance(value, str):
            self.add(
                line,
                field_where,
                f"skal være en tekst i anførselstegn (fx {key} = {example}), "
                f"men er {type_name(value)} ({show_value(value)})",
            )
            return None
        if required and not value.strip():
            self.add(line, field_where, f"må ikke være tom (fx {key} = {example})")
            return None
        return value

    def positive_int(
        self,
        data: dict[str, Any],
        key: str,
        where: str,
        line: int | None,
        *,
        unit: str,
        example: int,
        maximum: int | None = None,
    ) -> int | None:
        field_where = f'{where}, felt "{key}"' if where else f'felt "{key}"'
        if key not in data:
            self.add(
                line, where,
                f'mangler feltet "{key}" (et helt antal {unit}, fx {key} = {example})',
            )
            return None
        value: object = data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(
                line,
                field_where,
                f"skal være et helt antal {unit} uden anførselstegn (fx {key} = {example}), "
                f"men er {type_name(value)} ({show_value(value)})",
            )
            return None
        if value <= 0:
            self.add(
                line, field_where, f"skal være mindst 1 (et helt antal {unit}), men er {value}"
            )
            return None
        if maximum is not None and value > maximum:
            self.add(line, field_where, f"må højst være {maximum} {unit}, men er {value}")
            return None
        return value

    def choice(
        self,
        data: dict[str, Any],
        key: str,
        where: str,
        line: int | None,
        *,
        table: dict[str, str],
        what: str,
        default: str | None,
    ) -> str | None:
        field_where = f'{where}, felt "{key}"' if where else f'felt "{key}"'
        if key not in data:
            if default is None:
                self.add(
                    line, where, f'mangler feltet "{key}" ({what}); gyldige: {choices(table)}'
                )
            return default
        value = data[key]
        if not isinstance(value, str):
            self.add(
                line,
                field_where,
                f"skal være en tekst med {what}, men er {type_name(value)} ({show_value(value)}); "
                f"gyldige: {choices(table)}",
            )
            return None
        if value not in table:
            hint = suggest(value, table)
            self.add(
                line,
                field_where,
                f"ukendt {what} {show_value(value)}{hint}; gyldige: {choices(table)}",
            )
            return None
        return value

    def unknown_keys(
        self, data: dict[str, Any], allowed: tuple[str, ...], where: str, table: str, index: int
    ) -> None:
        for key in data:
            if key not in allowed:
                self.add(
                    self.lines.line(table, index, key),
                    where,
                    f'ukendt felt "{key}"; tilladte felter her: {", ".join(allowed)}',
                )

    # -- the template
