"""The layers stay apart: headless code never imports Textual, and only the store imports TinyDB.

Two checks: importing every module of the headless packages in a fresh interpreter must not
pull in ``textual`` (or, for the core, ``tinydb``); and a scan of the source's import
statements, which also catches imports hidden inside functions. Packages that do not exist
yet are simply skipped, so the test works while the project is being built.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import meetingtool

PACKAGE_DIR = Path(meetingtool.__file__).resolve().parent
HEADLESS_PACKAGES = ("meetingtool.core", "meetingtool.export", "meetingtool.store")

_IMPORT_ALL = r"""
import importlib, importlib.util, json, pkgutil, sys, traceback

imported, failed = [], {}
for package_name in json.loads(sys.argv[1]):
    try:
        spec = importlib.util.find_spec(package_name)
    except ModuleNotFoundError:
        spec = None
    if spec is None:
        continue  # not written yet
    package = importlib.import_module(package_name)
    names = [package_name]
    path = getattr(package, "__path__", None)
    if path is not None:
        names += [info.name for info in pkgutil.walk_packages(path, package_name + ".")]
    for name in names:
        try:
            importlib.import_module(name)
            imported.append(name)
        except Exception:
            failed[name] = traceback.format_exc(limit=3)
print(json.dumps({
    "imported": imported,
    "failed": failed,
    "modules": sorted({name.split(".")[0] for name in sys.modules}),
}))
"""


def _import_in_fresh_interpreter(packages: tuple[str, ...], env: dict | None = None) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, json.dumps(list(packages))],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert not report["failed"], "modules that failed to import:\n" + "\n".join(
        f"{name}:\n{trace}" for name, trace in report["failed"].items()
    )
    return report


def test_headless_packages_do_not_import_textual():
    report = _import_in_fresh_interpreter(HEADLESS_PACKAGES)
    # Every layer is there now: a package that vanished must not pass by being skipped.
    for module in (*HEADLESS_PACKAGES, "meetingtool.core.model",
                   "meetingtool.export.docx_minutes", "meetingtool.store.repository"):
        assert module in report["imported"], module
    assert "textual" not in report["modules"]


def test_the_use_cases_import_neither_textual_nor_tinydb():
    report = _import_in_fresh_interpreter(("meetingtool.actions",))
    assert "meetingtool.actions.attendance" in report["imported"]
    assert "meetingtool.actions.triage" in report["imported"]
    assert "textual" not in report["modules"]
    offenders = [str(f.relative_to(PACKAGE_DIR)) for f in _source_files(inside="actions")
                 if {"textual", "tinydb"} & _imported_top_level_names(f)]
    assert offenders == []


def test_the_import_check_notices_textual_and_skips_missing_packages(tmp_path):
    probe = tmp_path / "hygiene_probe"
    probe.mkdir()
    (probe / "__init__.py").write_text("", encoding="utf-8")
    (probe / "uses_textual.py").write_text("import textual.app\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    report = _import_in_fresh_interpreter(("hygiene_probe", "meetingtool.not_written_yet"), env)
    assert report["imported"] == ["hygiene_probe", "hygiene_probe.uses_textual"]
    assert "textual" in report["modules"]


def test_core_imports_neither_textual_nor_tinydb():
    report = _import_in_fresh_interpreter(("meetingtool.core",))
    assert "meetingtool.core.clock" in report["imported"]
    assert "textual" not in report["modules"]
    assert "tinydb" not in report["modules"]


def _imported_top_level_names(path: Path) -> set[str]:
    """Top-level module names a file imports anywhere (also inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _source_files(*, outside: str | None = None, inside: str | None = None) -> list[Path]:
    files = sorted(PACKAGE_DIR.rglob("*.py"))
    if outside is not None:
        files = [f for f in files if outside not in f.relative_to(PACKAGE_DIR).parts[:1]]
    if inside is not None:
        files = [f for f in files if f.relative_to(PACKAGE_DIR).parts[:1] == (inside,)]
    return files


def test_only_the_store_imports_tinydb():
    files = _source_files(outside="store")
    assert files, "no source files found"
    offenders = [
        str(f.relative_to(PACKAGE_DIR)) for f in files if "tinydb" in _imported_top_level_names(f)
    ]
    assert offenders == []


@pytest.mark.parametrize("layer", ["core", "export", "store"])
def test_headless_source_never_mentions_textual_in_an_import(layer):
    offenders = [
        str(f.relative_to(PACKAGE_DIR))
        for f in _source_files(inside=layer)
        if "textual" in _imported_top_level_names(f)
    ]
    assert offenders == []


def test_the_scanner_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os.path\nfrom tinydb import TinyDB\n"
        "def later():\n    import textual.app\n    from . import sibling\n",
        encoding="utf-8",
    )
    assert _imported_top_level_names(sample) == {"os", "tinydb", "textual"}
