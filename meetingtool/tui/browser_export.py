"""Exporting minutes when the app runs in a browser (``meetingtool serve``).

In a terminal the minutes are written to ``exports/`` where the user works. In a browser
that folder is on the server, where the user cannot reach it and where minutes should not
pile up: the file is written to a private temporary folder, read into memory, removed, and
handed to the browser as a download through Textual's ``App.deliver_binary``.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from meetingtool.export import export_minutes

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def export_to_browser(app, store, meeting_id: int, *, redact: bool,
                      warnings: list[str]) -> str:
    """Send the meeting's minutes (.docx) to the browser; the file name it gets.

    Raises what ``export_minutes`` raises (``CprFoundError`` first of all), so the caller
    asks about CPR numbers exactly as in the terminal.
    """
    with tempfile.TemporaryDirectory(prefix="meetingtool-referat-") as folder:
        path = export_minutes(store, meeting_id, out=Path(folder), redact=redact,
                              warnings=warnings)
        payload = io.BytesIO(path.read_bytes())
        name = path.name
    app.deliver_binary(payload, save_filename=name, mime_type=DOCX_MIME)
    return name
