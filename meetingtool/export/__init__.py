"""Exporting a meeting's minutes: Word (.docx), Markdown and JSON.

``export_minutes`` is the one entry point the CLI (``meetingtool export``) and the TUI (``e``)
share. It reads the meeting through the store (``collect_bundle``), refuses CPR numbers unless
told otherwise, renders, and writes a new file — it never overwrites one and never changes
stored data. This package never imports Textual, TinyDB or ``meetingtool.store``.
"""

from __future__ import annotations

import warnings as python_warnings
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from meetingtool.core.cpr import contains_cpr, redact_cpr
from meetingtool.core.errors import MeetingToolError
from meetingtool.export import audience, cpr_guard
from meetingtool.export.bundle import MinutesBundle, collect_bundle
from meetingtool.export.cpr_guard import CprFoundError
from meetingtool.export.minutes import build_minutes
from meetingtool.export.naming import EXTENSIONS, target_path, write_new
from meetingtool.export.sections import Minutes

__all__ = [
    "FORMATS",
    "CprFoundError",
    "ExportWarning",
    "Minutes",
    "MinutesBundle",
    "build_minutes",
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
    guard: Callable[[Minutes], Minutes] | None = None,
) -> bytes:
    """The exported file's bytes for a bundle already checked for CPR numbers.

    The minutes are built once (``build_minutes``) and every format lays out the same
    sections. ``guard`` sees the built minutes before anything is written and returns the
    minutes to write (``cpr_guard.check_minutes`` raises, ``cpr_guard.redact_minutes``
    replaces); it is the one place every exported text passes.
    """
    if fmt not in EXTENSIONS:
        raise MeetingToolError(f"Ukendt format '{fmt}'. Gyldige: {', '.join(FORMATS)}.")
    if template and fmt != "docx":
        raise MeetingToolError("--template kan kun bruges med --format docx.")
    minutes = build_minutes(bundle, include_internal=include_internal,
                            include_times=include_times)
    if guard is not None:
        minutes = guard(minutes)
    if fmt == "docx":
        from meetingtool.export.docx_minutes import docx_of

        return docx_of(minutes, template=Path(template) if template else None, now=now,
                       warnings=warnings)
    if fmt == "md":
        from meetingtool.export.markdown import markdown_of

        return markdown_of(minutes).encode("utf-8")
    from meetingtool.export.json_export import json_of

    return json_of(minutes).encode("utf-8")


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
    bundle = audience.prepare(collect_bundle(store, meeting_id), include_internal)
    # a wrong --out is told before any work
    target = target_path(bundle.meeting, fmt, out, include_internal)
    guard = None
    if redact:
        bundle = cpr_guard.redact(bundle, include_internal)
        guard = cpr_guard.redact_minutes
        target = target.with_name(redact_cpr(target.name))  # the council's name may hold one
    elif not allow_cpr:
        cpr_guard.check(bundle, include_internal)  # names each place: punkt 3, beslutning 2
        guard = cpr_guard.check_minutes  # and nothing else that is written has one
        if contains_cpr(target.name):
            raise cpr_guard.CprFoundError(["filnavnet"])
    collected: list[str] = []
    data = render(
        bundle,
        fmt,
        template=template,
        include_internal=include_internal,
        include_times=include_times,
        warnings=collected,
        guard=guard,
    )
    path = write_new(target, data)
    if warnings is not None:
        warnings.extend(collected)
    else:
        for message in collected:
            python_warnings.warn(message, ExportWarning, stacklevel=2)
    return path
