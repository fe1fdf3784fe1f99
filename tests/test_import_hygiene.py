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
                   "meetingtool.export.docx_minutes", "meetingtool.store.files"):
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


# --- the whole layer order -----------------------------------------------------------------

ALLOWED_LAYERS = {
    "core": {"core"},
    "store": {"core", "store"},
    "store.open": {"core", "store", "store.files", "store.postgres"},
    "store.files": {"core", "store", "store.files"},
    "store.postgres": {"core", "store", "store.postgres"},
    "export": {"core", "export"},
    "actions": {"core", "store", "export", "actions"},
    "cli": {"core", "store", "export", "actions", "cli", "tui", "web"},
    "tui": {"core", "store", "export", "actions", "tui"},
    "web": {"core", "web"},  # serves the app as a command line, never imports its screens
}
"""Which layers each layer may import: core <- store / export <- actions <- cli / tui. The
store's own package may open either backend (``open_store``); a backend never the other."""

THIRD_PARTY_HOMES = {"tinydb": "store.files", "psycopg": "store.postgres",
                     "textual": "tui", "docx": "export",
                     "textual_serve": "web", "aiohttp": "web"}
"""Libraries only one layer may import."""


def _layer_of(name: str) -> str:
    parts = name.split(".")
    if parts[0] == "store" and len(parts) > 1 and parts[1] in ("files", "postgres"):
        return f"store.{parts[1]}"
    return parts[0]


def _layer_of_file(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR).with_suffix("").parts
    if parts == ("store", "__init__"):
        return "store.open"  # open_store: the one place that picks a backend
    return _layer_of(".".join(parts))


def _imported_meetingtool_modules(path: Path) -> set[str]:
    """Modules of meetingtool a file imports anywhere, without the package prefix."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        found.update(n.split(".", 1)[1] for n in names
                     if n.startswith("meetingtool.") and "." in n)
    return found


def _layer_violations() -> list[str]:
    violations = []
    for path in _source_files():
        relative = path.relative_to(PACKAGE_DIR)
        if len(relative.parts) == 1:
            continue  # meetingtool/__init__.py and __main__.py: the entry points
        layer = _layer_of_file(path)
        for module in sorted(_imported_meetingtool_modules(path)):
            if _layer_of(module) not in ALLOWED_LAYERS[layer]:
                violations.append(f"{relative} ({layer}) imports meetingtool.{module}")
        for library in sorted(_imported_top_level_names(path) & set(THIRD_PARTY_HOMES)):
            if not (layer == THIRD_PARTY_HOMES[library]
                    or layer.startswith(THIRD_PARTY_HOMES[library] + ".")):
                violations.append(f"{relative} ({layer}) imports {library}")
    return violations


def test_every_layer_imports_only_the_layers_below_it():
    assert _layer_violations() == []


def test_the_layer_check_notices_a_wrong_import():
    assert _layer_of("store.files.tx") == "store.files"
    assert _layer_of("store.api") == "store"
    assert "core" in ALLOWED_LAYERS["export"] and "store" not in ALLOWED_LAYERS["export"]
    assert "store.files" not in ALLOWED_LAYERS["store.postgres"]
def _module_name(path: Path, root: Path, package: str) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Which modules of ``package`` (its folder ``root``) each of them imports, anywhere in
    the file (inside functions too: a lazy import still closes a circle when it runs).

    ``from a.b import c`` counts as importing ``a.b.c`` when that is a module of the
    package, else ``a.b``; relative imports are resolved against the importing module.
    """
    files = {_module_name(path, root, package): path for path in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".")
                    anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                    base = ".".join([*anchor, *([base] if base else [])])
                for alias in node.names:
                    child = f"{base}.{alias.name}"
                    targets.add(child if child in files else base)
        graph[name] = {target for target in targets if target in files and target != name}
    return graph


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other round a circle (Tarjan's strongly
    connected components of more than one module), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return circles


@pytest.mark.parametrize("package", ["tui", "actions", "core", "cli"])
def test_no_import_circles(package):
    """Screens never import the launcher or the app back (they ask the app through
    ``self.app``), so the TUI's modules import each other in one direction only."""
    graph = import_graph(PACKAGE_DIR / package, f"meetingtool.{package}")
    assert f"meetingtool.{package}" in graph
    assert import_circles(graph) == []


def test_the_circle_check_finds_a_circle_through_a_lazy_import(tmp_path):
    root = tmp_path / "probe"
    (root / "screens").mkdir(parents=True)
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "app.py").write_text(
        "def screen():\n    from probe.screens.home import Home\n", encoding="utf-8")
    (root / "launch.py").write_text("from probe import app\n", encoding="utf-8")
    (root / "screens" / "__init__.py").write_text("", encoding="utf-8")
    (root / "screens" / "home.py").write_text(
        "from ..launch import start\nfrom . import other\n", encoding="utf-8")
    (root / "screens" / "other.py").write_text("import os\n", encoding="utf-8")
    graph = import_graph(root, "probe")
    assert graph["probe.screens.home"] == {"probe.launch", "probe.screens.other"}
    assert import_circles(graph) == [["probe.app", "probe.launch", "probe.screens.home"]]
