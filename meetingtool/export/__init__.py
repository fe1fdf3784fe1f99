"""Exporting a meeting's minutes: Word (.docx), Markdown and JSON.

``export_minutes`` is the one entry point the CLI (``meetingtool export``) and the TUI (``e``)
share. It reads the meeting through the store (``collect_bundle``), refuses CPR numbers unless
told otherwise, renders, and writes a new file — it never overwrites one and never changes
stored data. This package never imports Textual, TinyDB or ``meetingtool.store``.
"""

from __future__ import annotations

import warnings as python_warnings
from datetime import datetime
from pathlib import Path

from meetingtool.core.errors import MeetingToolError
from meetingtool.export import cpr_guard
from meetingtool.export.bundle import MinutesBundle, collect_bundle
from meetingtool.export.cpr_guard import CprFoundError
from meetingtool.export.naming import EXTENSIONS, target_path, write_new

__all__ = [
    "FORMATS",
    "CprFoundError",
    "ExportWarning",
    "MinutesBundle",
    "collect_bundle",
    "export_minutes",
    "render",
]

FORMATS = tuple(EXTENSIONS)


class ExportWarning(UserWarning):
    """Something the user should know about an export that still succeeded."""


def render(
    bundle: MinutesBundle,
    fmt: str = "docx",
    *,
    template: Path | str | None = None,
    include_internal: bool = False,
    include_times: bool = True,
    now: datetime | None = None,
    warnings: list[str] | None = None,
) -> bytes:
    """The exported file's bytes for a bundle already checked for CPR numbers."""
    if fmt == "docx":
        from meetingtool.export.docx_minutes import render_docx

        return render_docx(
            bundle,
            template=Path(template) if template else None,
            include_internal=include_internal,
            include_times=include_times,
            now=now,
            warnings=warnings,
        )
    if template:
        raise MeetingToolError("--template kan kun bruges med --format docx.")
    if fmt == "md":
        from meetingtool.export.markdown import render_markdown

        text = render_markdown(
            bundle, include_internal=include_internal, include_times=include_times
        )
    elif fmt == "json":
        from meetingtool.export.json_export import render_json

        text = render_json(bundle, include_internal=include_internal, include_times=include_times)
    else:
        raise MeetingToolError(f"Ukendt format '{fmt}'. Gyldige: {', '.join(FORMATS)}.")
    return text.encode("utf-8")


def export_minutes(
    store,
    meeting_id: int,
    fmt: str = "docx",
    out: Path | str | None = None,
    template: Path | str | None = None,
    redact: bool = False,
    allow_cpr: bool = False,
    include_internal: bool = False,
    include_times: bool = True,
    *,
    warnings: list[str] | None = None,
) -> Path:
    """Write the minutes of ``meeting_id`` and return the path written.

    ``out`` is a file or a folder (default: ``exports/`` of the working directory, with a
    name like "2026-11-22 Referat Bruger- og pårørenderåd Kildehaven.docx"); an existing
    file is never replaced: " (2)", " (3)" ... is added. Raises ``CprFoundError`` when a
    text looks like a CPR number, unless ``redact`` (replace them) or ``allow_cpr``.
    Warnings (a house template lacking a style) are appended to ``warnings`` when given,
    otherwise issued as ``ExportWarning`` through Python's warnings module.
    """
    if fmt not in EXTENSIONS:
        raise MeetingToolError(f"Ukendt format '{fmt}'. Gyldige: {', '.join(FORMATS)}.")
    bundle = collect_bundle(store, meeting_id)
    target = target_path(bundle.meeting, fmt, out)  # a wrong --out is told before any work
    if redact:
        bundle = cpr_guard.redact(bundle, include_internal)
    elif not allow_cpr:
        cpr_guard.check(bundle, include_internal)
    collected: list[str] = []
    data = render(
        bundle,
        fmt,
        template=template,
        include_internal=include_internal,
        include_times=include_times,
        warnings=collected,
    )
    path = write_new(target, data)
    if warnings is not None:
        warnings.extend(collected)
    else:
        for message in collected:
            python_warnings.warn(message, ExportWarning, stacklevel=2)
    return path
