"""Agenda templates: TOML files read with ``tomllib`` into ``AgendaTemplate``.

The format is documented in Danish in ``agendas/README.md``. In short::

    kind = "kvalitetsraad"            # a key of vocab.MEETING_KINDS
    title = "Lokalt kvalitetsråd"
    place = "Mødelokalet"             # optional
    start_time = "14:00"              # optional ("14:00", "14.00" or a TOML time)
    description = "..."               # optional

    [[members]]                       # optional, repeated
    name = "Centerleder"
    role = "centerleder"              # a key of vocab.ROLES (default "medlem")

    [[items]]                         # at least one, repeated
    title = "Godkendelse af dagsorden"
    minutes = 5                       # whole minutes, 1-480
    kind = "godkendelse"              # a key of vocab.ITEM_KINDS (default "droeftelse")
    presenter = ""                    # optional
    description = ""                  # optional
    questions = ["..."]               # optional
    tags = ["Tryghed", "1.1"]         # optional, vocab.all_tags()

    [triage]                          # optional
    seconds = { roed = 60, gul = 30, groen = 10 }
    [[triage.rules]]
    colour = "roed"
    text = "Sygeplejefaglig vurdering"
    due_hours = 24

Validation collects *every* problem (``check_agenda``) instead of stopping at the first;
each ``Problem`` names the file, the line, the item or field, and what is expected, in
Danish. ``load_agenda`` raises ``AgendaError`` with all of them in its message.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.locations import shipped_agendas_dir, user_agendas_dirs
from meetingtool.core.model import (
    AgendaTemplate,
    MeetingItem,
    Member,
    TemplateItem,
    TriageRule,
    TriageSettings,
)
from meetingtool.core.vocab import (
    ITEM_KINDS,
    ITEM_RECEIVES,
    KOMPAS_MARKERS,
    MAALEPUNKTER,
    MEETING_KINDS,
    ROLES,
    TRIAGE_COLOURS,
    ItemKind,
    MeetingKind,
    all_tags,
)

MAX_ITEM_MINUTES = 480
"""An item longer than a working day is a typo (e.g. 600 for 60)."""

MAX_ITEMS = 500
"""More items than any meeting can hold: a generated or pasted-twice file."""

MAX_TOTAL_MINUTES = 24 * 60
"""A whole agenda longer than a day is a mistake, however its items add up."""

TOP_KEYS = ("kind", "title", "place", "start_time", "description", "members", "items", "triage")
MEMBER_KEYS = ("name", "role")
ITEM_KEYS = ("title", "minutes", "kind", "presenter", "description", "questions", "tags",
             "receives")
TRIAGE_KEYS = ("seconds", "rules")
RULE_KEYS = ("colour", "text", "due_hours")


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


class AgendaError(MeetingToolError):
    """A template that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, path: str | Path, problems: list[Problem]) -> None:
        self.path = str(path)
        self.problems = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"Skabelonen {self.path} har {count} fejl:\n{lines}")


# --- Public API -------------------------------------------------------------------------


def check_agenda(path: str | Path) -> list[Problem]:
    """Every problem in the template file; an empty list means it is valid."""
    return _read(path)[1]


def read_agenda(path: str | Path) -> tuple[AgendaTemplate | None, list[Problem]]:
    """The template and its problems, read once (``check`` needs both)."""
    return _read(path)


def load_agenda(path: str | Path) -> AgendaTemplate:
    """The validated template; raises ``AgendaError`` listing every problem."""
    template, problems = _read(path)
    if problems or template is None:
        raise AgendaError(path, problems)
    return template


def find_templates(data_dir: Path) -> list[Path]:
    """The ``*.toml`` templates: shipped ones first, then the user's (data dir, then cwd).

    A folder that appears twice (e.g. the working directory is the source checkout, whose
    ``agendas/`` is also the shipped folder) is listed once; so is a user's file that is an
    exact copy of the shipped one of the same name (run from the project's own folder with
    an installed meetingtool, its ``agendas/`` is not the user's own).
    """
    found: list[Path] = []
    seen: set[Path] = set()
    shipped: dict[str, bytes] = {}
    for folder in [shipped_agendas_dir(), *user_agendas_dirs(data_dir)]:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            if not path.is_file():
                continue
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            if folder == shipped_agendas_dir():
                shipped[path.name] = path.read_bytes()
            elif path.name in shipped and path.read_bytes() == shipped[path.name]:
                continue
            found.append(path)
    return found


def is_shipped(path: Path) -> bool:
    """Whether ``path`` is one of the templates shipped with the tool."""
    try:
        return path.resolve().parent == shipped_agendas_dir().resolve()
    except OSError:
        return False


def resolve_template(name_or_path: str | Path, data_dir: Path) -> Path:
    """An existing file path, or the first template whose file stem (or name) matches.

    Raises ``NotFoundError`` listing the available template names.
    """
    text = str(name_or_path).strip()
    candidate = Path(text).expanduser()
    if text and candidate.is_file():
        return candidate
    templates = find_templates(data_dir)
    for path in templates:
        if text in (path.stem, path.name):
            return path
    names = ", ".join(path.stem for path in templates) or "(ingen)"
    raise NotFoundError(
        f'Skabelonen "{text}" findes ikke (hverken som fil eller som skabelonnavn). '
        f"Tilgængelige skabeloner: {names}. "
        "Angiv et af navnene eller stien til en .toml-fil."
    )


def meeting_items(template: AgendaTemplate) -> list[MeetingItem]:
    """The template's items as a meeting's own agenda: ids 1..n, lists copied."""
    return [
        MeetingItem(
            id=number,
            title=item.title,
            planned_minutes=item.planned_minutes,
            kind=item.kind,
            presenter=item.presenter,
            description=item.description,
            questions=list(item.questions),
            tags=list(item.tags),
            receives=list(item.receives),
        )
        for number, item in enumerate(template.items, start=1)
    ]


# --- Reading ------------------------------------------------------------------------------

_TOML_MESSAGES = (
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
_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def _read(path: str | Path) -> tuple[AgendaTemplate | None, list[Problem]]:
    name = str(path)
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return None, [Problem(name, None, "", "filen findes ikke")]
    except IsADirectoryError:
        return None, [Problem(name, None, "", "er en mappe, ikke en .toml-fil")]
    except OSError as error:
        return None, [Problem(name, None, "", f"filen kan ikke læses ({error.strerror})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex()
        return None, [
            Problem(
                name,
                line,
                "",
                f"filen er ikke gemt som UTF-8 (ugyldig byte 0x{byte}); "
                "gem den som UTF-8, så æ, ø og å kommer med",
            )
        ]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return None, [_syntax_problem(name, text, error)]
    except RecursionError:
        return None, [Problem(
            name, None, "",
            "lister eller tabeller er lagt i hinanden i for mange lag (fx [[[[...]]]]); "
            "en dagsorden har kun [[items]] med tekst, tal og lister af tekst",
        )]
    return _Validator(name, text, file).run(data)


def _syntax_problem(name: str, text: str, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error.args[0]) if error.args else str(error)
    line = getattr(error, "lineno", None)
    column = getattr(error, "colno", None)
    found = _AT_LINE.search(message)
    if found:
        line = line or int(found.group(1))
        column = column or int(found.group(2))
        message = message[: found.start()]
    elif _AT_END.search(message):
        message = _AT_END.sub("", message)
        line = line or text.count("\n") + 1
    danish = next((da for en, da in _TOML_MESSAGES if message.startswith(en)), None)
    what = "TOML-syntaksfejl"
    if column:
        what += f" ved kolonne {column}"
    what += f": {danish} [{message}]" if danish else f": {message}"
    return Problem(name, line, "", what)


# --- Finding lines ------------------------------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[|\[)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_\-]+))\s*[.=]""")


@dataclass
class _Section:
    name: str
    index: int
    line: int | None
    keys: dict[str, int] = field(default_factory=dict)


class _Lines:
    """Where tables and keys sit in the source text (tomllib does not say).

    Sections are the top level (name "") and each ``[table]`` / ``[[array]]`` header;
    ``index`` counts the repeats of an array table. Lines inside multi-line strings are
    skipped so a description cannot be mistaken for a key.
    """

    def __init__(self, text: str) -> None:
        self.sections: list[_Section] = [_Section("", 0, None)]
        counts: dict[str, int] = {}
        # by (table, index): looking one up is then constant time, so checking an agenda
        # stays linear in its items (a scan per lookup made 2,000 items take seconds)
        self._by_key: dict[tuple[str, int], _Section] = {("", 0): self.sections[0]}
        quote: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            starts_inside = quote is not None
            for delimiter in ('"""', "'''"):
                if quote in (None, delimiter):
                    if line.count(delimiter) % 2 == 1:
                        quote = None if quote else delimiter
            if starts_inside:
                continue
            header = _HEADER.match(line)
            if header:
                table = re.sub(r"\s*\.\s*", ".", header.group(2).replace('"', ""))
                index = counts.get(table, 0)
                counts[table] = index + 1
                self.sections.append(_Section(table, index, number))
                self._by_key.setdefault((table, index), self.sections[-1])
                continue
            key = _KEY.match(line)
            if key:
                word = next(group for group in key.groups() if group)
                self.sections[-1].keys.setdefault(word, number)

    def section(self, table: str, index: int = 0) -> _Section | None:
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


# --- Validation -----------------------------------------------------------------------------

_TYPE_NAMES: tuple[tuple[type, str], ...] = (
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


def _type_name(value: Any) -> str:
    for kind, label in _TYPE_NAMES:
        if isinstance(value, kind):
            return label
    return type(value).__name__


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:37] + "..."


def _choices(table: dict[str, str]) -> str:
    return ", ".join(f"{key} ({label})" for key, label in table.items())


class _Validator:
    def __init__(self, name: str, text: str, path: Path) -> None:
        self.name = name
        self.path = path
        self.lines = _Lines(text)
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
                f"men er {_type_name(value)} ({_show(value)})",
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
                f"men er {_type_name(value)} ({_show(value)})",
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
                    line, where, f'mangler feltet "{key}" ({what}); gyldige: {_choices(table)}'
                )
            return default
        value = data[key]
        if not isinstance(value, str):
            self.add(
                line,
                field_where,
                f"skal være en tekst med {what}, men er {_type_name(value)} ({_show(value)}); "
                f"gyldige: {_choices(table)}",
            )
            return None
        if value not in table:
            hint = _suggest(value, table)
            self.add(
                line,
                field_where,
                f"ukendt {what} {_show(value)}{hint}; gyldige: {_choices(table)}",
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

    def run(self, data: dict[str, Any]) -> tuple[AgendaTemplate | None, list[Problem]]:
        top = self.lines.line
        self.unknown_keys(data, TOP_KEYS, "", "", 0)
        kind = self.choice(
            data, "kind", "", top("", 0, "kind"), table=MEETING_KINDS, what="mødetype",
            default=None,
        )
        title = self.text(
            data, "title", "", top("", 0, "title"), required=True, example='"Kvalitetsråd"'
        )
        place = self.text(data, "place", "", top("", 0, "place"), required=False,
                          example='"Mødelokalet"')
        description = self.text(data, "description", "", top("", 0, "description"),
                                required=False, example='"..."')
        start = self.start_time(data)
        members = self.members(data.get("members"))
        items = self.items(data.get("items"))
        triage = self.triage(data.get("triage"))
        if triage is None and "triage" not in data and (
            kind == MeetingKind.TRIAGE
            or any(item.kind == ItemKind.TRIAGE for item in items or [])
        ):
            triage = TriageSettings()
        if self.problems or kind is None or title is None or items is None:
            return None, sorted(self.problems, key=lambda problem: problem.line or 0)
        template = AgendaTemplate(
            kind=kind,
            title=title.strip(),
            items=items,
            place=(place or "").strip(),
            start_time=start,
            members=members,
            description=(description or "").strip(),
            triage=triage,
            source=self.path,
        )
        return template, []

    def start_time(self, data: dict[str, Any]) -> time | None:
        if "start_time" not in data:
            return None
        value = data["start_time"]
        line = self.lines.line("", 0, "start_time")
        if isinstance(value, time):
            return value.replace(second=0, microsecond=0)
        if isinstance(value, str):
            found = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", value)
            if found and int(found.group(1)) < 24 and int(found.group(2)) < 60:
                return time(int(found.group(1)), int(found.group(2)))
        self.add(
            line,
            'felt "start_time"',
            f'skal være et klokkeslæt som "14:00" eller "9.30", men er {_show(value)}',
        )
        return None

    def members(self, value: Any) -> list[Member]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(
                self.lines.line("", 0, "members"),
                'felt "members"',
                f"skal være en række [[members]]-tabeller, men er {_type_name(value)}",
            )
            return []
        members: list[Member] = []
        for index, entry in enumerate(value):
            header = self.lines.line("members", index)
            label = f"medlem {index + 1}"
            if not isinstance(entry, dict):
                self.add(header, label,
                         f"skal være en tabel med name og role, men er {_type_name(entry)}")
                continue
            if isinstance(entry.get("name"), str) and entry["name"].strip():
                label += f' "{entry["name"].strip()}"'
            self.unknown_keys(entry, MEMBER_KEYS, label, "members", index)
            name = self.text(entry, "name", label, self.lines.line("members", index, "name"),
                             required=True, example='"Centerleder"')
            role = self.choice(entry, "role", label, self.lines.line("members", index, "role"),
                               table=ROLES, what="rolle", default="medlem")
            if name is not None and role is not None:
                members.append(Member(name=name.strip(), role=role))
        return members

    def items(self, value: Any) -> list[TemplateItem] | None:
        if value is None:
            self.add(None, "",
                     "mangler dagsordenspunkter: tilføj mindst ét [[items]] med title og minutes")
            return None
        if not isinstance(value, list):
            self.add(
                self.lines.line("", 0, "items"),
                'felt "items"',
                f"skal være en række [[items]]-tabeller, men er {_type_name(value)}",
            )
            return None
        if not value:
            self.add(self.lines.line("", 0, "items"), 'felt "items"',
                     "dagsordenen er tom: tilføj mindst ét [[items]] med title og minutes")
            return None
        if len(value) > MAX_ITEMS:
            self.add(
                self.lines.line("items", 0), 'felt "items"',
                f"dagsordenen har {len(value)} punkter, men højst {MAX_ITEMS} er tilladt; "
                "del den i flere møder eller fjern gentagne punkter",
            )
            return None
        items: list[TemplateItem] = []
        titles: dict[str, int] = {}
        ok = True
        for index, entry in enumerate(value):
            item = self.item(index, entry, titles)
            if item is None:
                ok = False
            else:
                items.append(item)
        total = sum(item.planned_minutes for item in items)
        if ok and total > MAX_TOTAL_MINUTES:
            self.add(
                self.lines.line("items", 0), 'felt "items"',
                f"punkterne varer i alt {total} minutter, men et møde kan højst vare "
                f"{MAX_TOTAL_MINUTES} minutter (24 timer); ret minutterne",
            )
            return None
        return items if ok else None

    def item(self, index: int, entry: Any, titles: dict[str, int]) -> TemplateItem | None:
        number = index + 1
        line = self.lines.line
        header = line("items", index)
        if not isinstance(entry, dict):
            self.add(header, f"punkt {number}",
                     f"skal være en tabel med title, minutes og kind, men er {_type_name(entry)}")
            return None
        raw_title = entry.get("title")
        if isinstance(raw_title, str) and raw_title.strip():
            label = f'punkt {number} "{raw_title.strip()}"'
        else:
            label = f"punkt {number} (uden titel)"
        before = len(self.problems)
        self.unknown_keys(entry, ITEM_KEYS, label, "items", index)
        title = self.text(entry, "title", label, line("items", index, "title") or header,
                          required=True, example='"Eventuelt"')
        if title is not None:
            folded = title.strip().casefold()
            if folded in titles:
                self.add(
                    line("items", index, "title"),
                    f'{label}, felt "title"',
                    f"titlen findes allerede som punkt {titles[folded]}; "
                    "hvert punkt skal have sin egen titel",
                )
            else:
                titles[folded] = number
        minutes = self.positive_int(
            entry, "minutes", label, line("items", index, "minutes") or header,
            unit="minutter", example=10, maximum=MAX_ITEM_MINUTES,
        )
        kind = self.choice(entry, "kind", label, line("items", index, "kind"),
                           table=ITEM_KINDS, what="punkttype",
                           default=ItemKind.DROEFTELSE)
        presenter = self.text(entry, "presenter", label, line("items", index, "presenter"),
                              required=False, example='"Centerleder"')
        description = self.text(entry, "description", label,
                                line("items", index, "description"), required=False,
                                example='"..."')
        questions = self.text_list(entry, "questions", label, line("items", index, "questions"))
        tags = self.tags(entry, label, line("items", index, "tags"))
        receives = self.receives(entry, label, line("items", index, "receives"))
        if len(self.problems) > before or title is None or minutes is None or kind is None:
            return None
        return TemplateItem(
            title=title.strip(),
            planned_minutes=minutes,
            kind=kind,
            presenter=(presenter or "").strip(),
            description=(description or "").strip(),
            questions=questions or [],
            tags=tags or [],
            receives=receives or [],
        )

    def receives(self, entry: dict[str, Any], label: str, line: int | None) -> list[str] | None:
        values = self.text_list(entry, "receives", label, line)
        if values is None:
            return None
        bad = [value for value in values if value not in ITEM_RECEIVES]
        for value in bad:
            self.add(line, f'{label}, felt "receives"',
                     f'ukendt værdi "{value}"; gyldige er '
                     + ", ".join(f'"{key}" ({words})' for key, words in ITEM_RECEIVES.items()))
        return None if bad else values

    def text_list(
        self, entry: dict[str, Any], key: str, label: str, line: int | None
    ) -> list[str] | None:
        if key not in entry:
            return []
        value = entry[key]
        where = f'{label}, felt "{key}"'
        if not isinstance(value, list):
            self.add(line, where,
                     f'skal være en liste af tekster (fx {key} = ["...", "..."]), '
                     f"men er {_type_name(value)} ({_show(value)})")
            return None
        result: list[str] = []
        for position, element in enumerate(value, start=1):
            if not isinstance(element, str) or not element.strip():
                self.add(line, where,
                         f"element {position} skal være en ikke-tom tekst, men er "
                         f"{_type_name(element)} ({_show(element)})")
                return None
            result.append(element.strip())
        return result

    def tags(self, entry: dict[str, Any], label: str, line: int | None) -> list[str] | None:
        values = self.text_list(entry, "tags", label, line)
        if values is None:
            return None
        valid = all_tags()
        bad = [tag for tag in values if tag not in valid]
        for tag in bad:
            by_case = {t.casefold(): t for t in valid}
            hint = f' (mente du "{by_case[tag.casefold()]}"?)' if tag.casefold() in by_case else ""
            self.add(
                line,
                f'{label}, felt "tags"',
                f'ukendt mærke "{tag}"{hint}; gyldige er kvalitetskompassets temaer og markører '
                f"({', '.join(KOMPAS_MARKERS)} og temaerne Værdighed, Livskvalitet, Omsorg, "
                f"Styring) og Ældretilsynets målepunkter ({', '.join(MAALEPUNKTER)})",
            )
        return None if bad else values

    def triage(self, value: Any) -> TriageSettings | None:
        if value is None:
            return None
        line = self.lines.line
        if not isinstance(value, dict):
            self.add(line("", 0, "triage"), 'felt "triage"',
                     f"skal være en [triage]-tabel, men er {_type_name(value)}")
            return None
        self.unknown_keys(value, TRIAGE_KEYS, "[triage]", "triage", 0)
        settings = TriageSettings()
        if "seconds" in value:
            seconds = value["seconds"]
            seconds_line = line("triage", 0, "seconds") or line("triage.seconds")
            if not isinstance(seconds, dict):
                self.add(seconds_line, '[triage], felt "seconds"',
                         "skal være en tabel som seconds = { roed = 60, gul = 30, groen = 10 }, "
                         f"men er {_type_name(seconds)} ({_show(seconds)})")
            else:
                for colour in seconds:
                    if colour not in TRIAGE_COLOURS:
                        hint = _suggest(colour, TRIAGE_COLOURS)
                        self.add(seconds_line, '[triage], felt "seconds"',
                                 f'ukendt triagefarve "{colour}"{hint}; '
                                 f"gyldige: {_choices(TRIAGE_COLOURS)}")
                        continue
                    number = self.positive_int(seconds, colour, "[triage] seconds",
                                               seconds_line, unit="sekunder", example=30,
                                               maximum=3600)
                    if number is not None:
                        settings.seconds_per_colour[colour] = number
        rules = value.get("rules", [])
        if not isinstance(rules, list):
            self.add(line("triage", 0, "rules"), '[triage], felt "rules"',
                     f"skal være en række [[triage.rules]]-tabeller, men er {_type_name(rules)}")
            rules = []
        for index, rule in enumerate(rules):
            label = f"triageregel {index + 1}"
            header = line("triage.rules", index)
            if not isinstance(rule, dict):
                self.add(header, label,
                         "skal være en tabel med colour, text og due_hours, "
                         f"men er {_type_name(rule)}")
                continue
            self.unknown_keys(rule, RULE_KEYS, label, "triage.rules", index)
            colour = self.choice(rule, "colour", label,
                                 line("triage.rules", index, "colour") or header,
                                 table=TRIAGE_COLOURS, what="triagefarve", default=None)
            text = self.text(rule, "text", label, line("triage.rules", index, "text") or header,
                             required=True, example='"Sygeplejefaglig vurdering"')
            hours = self.positive_int(rule, "due_hours", label,
                                      line("triage.rules", index, "due_hours") or header,
                                      unit="timer", example=24, maximum=24 * 90)
            if colour is not None and text is not None and hours is not None:
                settings.rules.append(TriageRule(colour=colour, text=text.strip(), due_hours=hours))
        return settings


def _suggest(value: str, table: dict[str, str]) -> str:
    """' (mente du "x"?)' when the value is a known key or Danish label in other spelling."""
    folded = value.strip().casefold()
    for key, label in table.items():
        if folded in (key.casefold(), label.casefold()):
            return f' (mente du "{key}"?)'
    return ""
