"""File names for exported minutes, and writing them without ever overwriting a file.

Default: ``exports/2026-11-22 Referat Bruger- og pårørenderåd Kildehaven.docx`` in the
working directory. The date comes first so a folder sorts by meeting; the kind is named
unless the council's name already says it ("Triagemøde Afdeling Birk").
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from meetingtool.core.errors import MeetingToolError, os_advice, os_problem
from meetingtool.core.model import Meeting
from meetingtool.core.vocab import MEETING_KINDS

EXTENSIONS = {"docx": ".docx", "md": ".md", "json": ".json"}
# Characters Windows, macOS or Linux refuse in a file name, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_MAX_ATTEMPTS = 1000


def default_name(meeting: Meeting, fmt: str, internal: bool = False) -> str:
    """E.g. "2026-11-22 Referat Bruger- og pårørenderåd Kildehaven.docx"; with ``internal``
    (the internal follow-ups included) "... Kildehaven (intern).docx"."""
    council = meeting.council_name.strip()
    kind = MEETING_KINDS.get(meeting.kind, "")
    if kind and kind.casefold() not in council.casefold():
        council = f"{kind} {council}"
    stem = f"{meeting.date.isoformat()} Referat {council}"
    if internal:
        stem += " (intern)"
    stem = _UNSAFE.sub("-", stem)
    stem = " ".join(stem.split()).rstrip(". ")
    return stem[:180] + EXTENSIONS[fmt]


def target_path(meeting: Meeting, fmt: str, out: Path | str | None,
                internal: bool = False) -> Path:
    """Where to write minutes: ``out`` (see ``output_path``), else ``exports/``."""
    name = default_name(meeting, fmt, internal)
    if out is None:
        # Imported here: platformdirs (behind locations) is slow to import and only this
        # branch needs it.
        from meetingtool.core.locations import exports_dir

        return exports_dir() / name
    return output_path(out, EXTENSIONS[fmt], name, EXTENSIONS.values())


def output_path(out: Path | str, extension: str, default: str,
                others: Iterable[str] = ()) -> Path:
    """The file ``out`` names, read as a secretary means it.

    A folder (one that exists, or a path ending in "/") gets the ``default`` name inside.
    A file name ending in ``extension`` is kept; one ending in another of ``others`` is
    refused (Markdown never lands in a file Word will fail to open); any other name gets
    ``extension`` added ("Referat 1.9.2026" becomes "Referat 1.9.2026.docx").
    """
    folder_named = str(out).endswith(("/", os.sep))  # Path() would drop the slash
    out = Path(out).expanduser()
    if folder_named or out.is_dir():
        return out / default
    suffix = out.suffix.lower()
    if suffix == extension:
        return out
    if suffix in set(others):
        kind = suffix.lstrip(".")
        raise MeetingToolError(
            f"--out {out.name} er en {kind}-fil, men der skrives {extension.lstrip('.')}. "
            f"Brug et filnavn, der slutter på {extension}, eller det tilsvarende --format."
        )
    return out.with_name(out.name + extension)


def _make_folders(folder: Path) -> None:
    """Each missing folder on the way owner-only (``mkdir(parents=True)`` gives the
    parents the default mode)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)


def numbered(path: Path, number: int) -> Path:
    """``Referat.docx`` -> ``Referat (2).docx``."""
    return path.with_name(f"{path.stem} ({number}){path.suffix}")


def _remove_quietly(fd: int, path: Path) -> None:
    try:
        os.close(fd)
    finally:
        path.unlink(missing_ok=True)


def write_new(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path``, or to "path (2)", "(3)" ... if taken; returns the path used.

    Each attempt creates the file exclusively and readable by its owner only, so two
    exports at once never overwrite each other; a half-written file is removed if writing
    fails.
    """
    try:
        _make_folders(path.parent)
    except OSError as error:
        raise MeetingToolError(
            f"Mappen {path.parent} kan ikke oprettes: {os_problem(error)}. "
            f"{os_advice(error)}".rstrip()
        ) from None
    for number in range(1, _MAX_ATTEMPTS + 1):
        candidate = path if number == 1 else numbered(path, number)
        try:
            # Owner-only, like the store: minutes can hold residents' health data.
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                         | getattr(os, "O_BINARY", 0), 0o600)  # binary on Windows too
        except FileExistsError:
            continue
        except OSError as error:
            raise MeetingToolError(
                f"Filen {candidate} kan ikke oprettes: {os_problem(error)}. "
                f"{os_advice(error)}".rstrip()
            ) from None
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        except OSError as error:
            _remove_quietly(fd, candidate)
            raise MeetingToolError(
                f"Filen {candidate} kunne ikke skrives færdig: {os_problem(error)}. Den "
                f"halve fil er fjernet igen. {os_advice(error)}".rstrip()
            ) from None
        except BaseException:
            _remove_quietly(fd, candidate)
            raise
        os.close(fd)
        return candidate
    raise MeetingToolError(f"Der findes allerede {_MAX_ATTEMPTS} filer med navnet {path.name}.")
