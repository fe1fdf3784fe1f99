"""Where meetingtool keeps its files. Computed at call time, never at import.

The data directory is chosen in this order: the ``--data`` option, the
``MEETINGTOOL_DATA`` environment variable, then the platform's user data directory
(e.g. ``~/.local/share/meetingtool`` on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DATA = "MEETINGTOOL_DATA"


def data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The data directory to use (not created here)."""
    if option:
        return Path(option).expanduser()
    from_env = os.environ.get(ENV_DATA)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir("meetingtool", appauthor=False))


def shipped_agendas_dir() -> Path:
    """The agenda templates shipped with the tool.

    Installed from a wheel they sit inside the package (``meetingtool/_agendas``); in a
    source checkout or editable install they are the repository's top-level ``agendas/``.
    """
    package = Path(__file__).resolve().parent.parent
    inside = package / "_agendas"
    if inside.is_dir():
        return inside
    return package.parent / "agendas"


def user_agendas_dirs(data: Path) -> list[Path]:
    """User templates: ``agendas/`` of the data directory, then of the working directory."""
    return [data / "agendas", Path.cwd() / "agendas"]


def exports_dir() -> Path:
    """Default folder for exported minutes: ``exports/`` of the working directory."""
    return Path.cwd() / "exports"


def log_file(data: Path) -> Path:
    """Where crash reports (tracebacks without local variables) are written."""
    return data / "meetingtool.log"
