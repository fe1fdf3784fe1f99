"""Courses of meetings (forløb): a TOML plan read into a ``CoursePlan``.

A course such as Copenhagen's "Borgerens stemme" (seed 004) opens with one start meeting
(opstartsmøde) for the whole centre and goes on with dialogue meetings (dialogmøder) in each
team. The plan names the agenda templates and how many weeks after the start each dialogue
meeting falls::

    title = "Borgerens stemme"
    description = "..."
    facilitator = "Konsulent fra forvaltningen"

    [opening]
    template = "borgerens-stemme-opstart"

    [[dialogues]]
    template = "borgerens-stemme-dialog-1"
    weeks_after_start = 2

The last dialogue meeting ends by creating the team's trial action (prøvehandling).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from meetingtool.core.errors import MeetingToolError
from meetingtool.core.toml_check import FieldChecker, Problem, show_value, syntax_problem

TOP_KEYS = ("title", "description", "facilitator", "opening", "dialogues")
STEP_KEYS = ("template", "weeks_after_start", "title")


@dataclass
class CourseStep:
    template: str
    weeks_after_start: int = 0
    title: str = ""


@dataclass
class CoursePlan:
    title: str
    opening: CourseStep
    dialogues: list[CourseStep] = field(default_factory=list)
    description: str = ""
    facilitator: str = ""
    source: Path | None = None

    @property
    def key(self) -> str:
        return self.title.strip().casefold()


class CourseError(MeetingToolError):
    def __init__(self, path: str | Path, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"Forløbsplanen {path} har {len(self.problems)} fejl:\n{lines}")


def load_course(path: str | Path) -> CoursePlan:
    name = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise CourseError(name, [Problem(name, None, "", "filen findes ikke")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise CourseError(name, [Problem(name, None, "", f"filen kan ikke læses ({error})")]
                          ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CourseError(name, [syntax_problem(name, text, error)]) from None
    checker = _CourseValidator(name, text, Path(path))
    plan = checker.course(data)
    if checker.problems or plan is None:
        raise CourseError(name, checker.problems)
    plan.source = Path(path)
    return plan


class _CourseValidator(FieldChecker):
    def step(self, entry: Any, table: str, index: int, label: str) -> CourseStep | None:
        line = self.lines.line(table, index)
        if not isinstance(entry, dict):
            self.add(line, label, f"skal være en tabel, men er {show_value(entry)}")
            return None
        self.unknown_keys(entry, STEP_KEYS, label, table, index)
        template = self.text(entry, "template", label, line, required=True,
                             example='"borgerens-stemme-dialog-1"')
        title = self.text(entry, "title", label, line, required=False, example='"..."')
        weeks = entry.get("weeks_after_start", 0)
        if isinstance(weeks, bool) or not isinstance(weeks, int) or not 0 <= weeks <= 52:
            self.add(self.lines.line(table, index, "weeks_after_start"),
                     f'{label}, felt "weeks_after_start"',
                     f"skal være et helt antal uger fra 0 til 52, men er {show_value(weeks)}")
            return None
        return CourseStep(template.strip(), weeks, (title or "").strip()) if template else None

    def course(self, data: dict[str, Any]) -> CoursePlan | None:
        top = self.lines.line
        self.unknown_keys(data, TOP_KEYS, "", "", 0)
        title = self.text(data, "title", "", top("", 0, "title"), required=True,
                          example='"Borgerens stemme"')
        description = self.text(data, "description", "", top("", 0, "description"),
                                required=False, example='"..."')
        facilitator = self.text(data, "facilitator", "", top("", 0, "facilitator"),
                                required=False, example='"Konsulent fra forvaltningen"')
        opening = None
        if "opening" not in data:
            self.add(None, "", "mangler tabellen [opening] (opstartsmødet)")
        else:
            opening = self.step(data["opening"], "opening", 0, "[opening]")
        dialogues: list[CourseStep] = []
        entries = data.get("dialogues")
        if not isinstance(entries, list) or not entries:
            self.add(top("", 0, "dialogues"), "", "mangler mindst ét [[dialogues]] (dialogmøde)")
            entries = []
        for index, entry in enumerate(entries):
            step = self.step(entry, "dialogues", index, f"dialogmøde {index + 1}")
            if step is not None:
                if dialogues and step.weeks_after_start <= dialogues[-1].weeks_after_start:
                    self.add(self.lines.line("dialogues", index, "weeks_after_start"),
                             f"dialogmøde {index + 1}",
                             "skal ligge mindst en uge efter det forrige dialogmøde")
                dialogues.append(step)
        if self.problems or title is None or opening is None:
            return None
        return CoursePlan(title.strip(), opening, dialogues, (description or "").strip(),
                          (facilitator or "").strip())
