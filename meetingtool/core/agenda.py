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

import tomllib
from pathlib import Path

from meetingtool.core.agenda_check import AgendaValidator
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.locations import shipped_agendas_dir, user_agendas_dirs
from meetingtool.core.model import AgendaTemplate, MeetingItem
from meetingtool.core.toml_check import Problem, syntax_problem


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
        return None, [syntax_problem(name, text, error)]
    except RecursionError:
        return None, [Problem(
            name, None, "",
            "lister eller tabeller er lagt i hinanden i for mange lag (fx [[[[...]]]]); "
            "en dagsorden har kun [[items]] med tekst, tal og lister af tekst",
        )]
    return AgendaValidator(name, text, file).run(data)
