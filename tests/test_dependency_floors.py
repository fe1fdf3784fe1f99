"""The floors in pyproject.toml are the versions .ci/run tests in its second run."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def pinned() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / ".ci" / "constraints-lowest.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            [specifier] = requirement.specifier
            assert specifier.operator == "==", line
            pins[requirement.name] = Version(specifier.version)
    return pins


def test_every_dependency_is_pinned_at_its_floor():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for line in project["dependencies"]:
        requirement = Requirement(line)
        lower = [s for s in requirement.specifier if s.operator == ">="]
        assert len(lower) == 1, f"{line}: one floor (>=) per dependency"
        floors[requirement.name] = Version(lower[0].version)
        assert requirement.specifier.contains(str(floors[requirement.name]))
    assert pinned() == floors
