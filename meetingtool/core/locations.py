"""Where meetingtool keeps its files. Computed at call time, never at import.

The data location is chosen in this order: the ``--data`` option, the
``MEETINGTOOL_DATA`` environment variable, then the platform's user data directory
(e.g. ``~/.local/share/meetingtool`` on Linux). A location is a folder (the files backend)
or a ``postgresql://`` URL (the shared server). A URL given on the command line must not
carry a password: every user of the machine can read a command line (``ps``).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import platformdirs

from meetingtool.core.errors import MeetingToolError

ENV_DATA = "MEETINGTOOL_DATA"
SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(location: str | os.PathLike[str]) -> bool:
    """Whether ``location`` names a PostgreSQL server rather than a folder."""
    return str(location).strip().lower().startswith(SERVER_SCHEMES)


def url_has_password(url: str) -> bool:
    """Whether a libpq URL carries a password (``user:secret@`` or ``?password=``)."""
    parts = urlsplit(url)
    return parts.password is not None or "password" in parse_qs(parts.query)


def data_location(option: str | os.PathLike[str] | None = None) -> Path | str:
    """The data location to use: a folder (not created here) or a server URL.

    A URL with a password given as ``option`` (the command line) is refused; in
    ``MEETINGTOOL_DATA`` it is accepted, as libpq's own ``PGPASSWORD`` is.
    """
    if option:
        if is_server_url(option):
            if url_has_password(str(option)):
                raise MeetingToolError(
                    "Adgangskoden til databasen må ikke stå i --data: alle brugere på "
                    "maskinen kan se en kommandolinje. Angiv URL'en uden adgangskode og "
                    "læg adgangskoden i PGPASSWORD eller ~/.pgpass, eller sæt hele URL'en "
                    "i miljøvariablen MEETINGTOOL_DATA.")
            return str(option).strip()
        return Path(option).expanduser()
    from_env = os.environ.get(ENV_DATA)
    if from_env:
        return from_env.strip() if is_server_url(from_env) else Path(from_env).expanduser()
    return default_data_dir()


def default_data_dir() -> Path:
    """The platform's user data folder for meetingtool."""
    return Path(platformdirs.user_data_dir("meetingtool", appauthor=False))


def local_dir(location: Path | str) -> Path:
    """This user's own folder for a data location: the folder itself, or for a server the
    platform's user data folder (agenda templates of one's own, crash reports)."""
    return default_data_dir() if is_server_url(location) else Path(location)


def data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The data directory to use (not created here)."""
    if option:
        return Path(option).expanduser()
    from_env = os.environ.get(ENV_DATA)
    if from_env:
        return Path(from_env).expanduser()
    return default_data_dir()


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


def shipped_wheels_dir() -> Path:
    """The year wheels (and, in ``forloeb/``, the course plans) shipped with the tool: the
    repository's top-level ``aarshjul/``, or ``meetingtool/_aarshjul`` in a wheel."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "_aarshjul"
    return inside if inside.is_dir() else package.parent / "aarshjul"


def resolve_plan(name_or_path: str | Path, subfolder: str = "") -> Path:
    """An existing file, or the shipped plan of that name ("kvalitetsraad",
    "borgerens-stemme"); else the path as given (its loader says it is missing)."""
    candidate = Path(name_or_path).expanduser()
    if candidate.is_file():
        return candidate
    folder = shipped_wheels_dir() / subfolder if subfolder else shipped_wheels_dir()
    shipped = folder / f"{candidate.stem}.toml"
    return shipped if shipped.is_file() and candidate.parent == Path(".") else candidate


def user_agendas_dirs(data: Path) -> list[Path]:
    """User templates: ``agendas/`` of the data directory, then of the working directory."""
    return [data / "agendas", Path.cwd() / "agendas"]


def exports_dir() -> Path:
    """Default folder for exported minutes: ``exports/`` of the working directory."""
    return Path.cwd() / "exports"


def log_file(data: Path) -> Path:
    """Where crash reports (tracebacks without local variables) are written."""
    return data / "meetingtool.log"
