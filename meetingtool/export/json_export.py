"""Minutes as JSON: the structure ``meetingtool show --format json`` prints.

Built from the same sections as the .docx and the Markdown (``export.minutes``): the title's
data is the top level (the meeting's facts), and every other section puts its data under its
own key ("attendance", "items", "followups_reviewed", "open_followups" ...), also when the
section has nothing to show (an empty list). See ``export.records`` for the values' shape.
"""

from __future__ import annotations

import json
from typing import Any

from meetingtool.export.sections import Minutes


def record_of(minutes: Minutes) -> dict[str, Any]:
    """Each section's data: the title's at the top level (first, so "id" leads), the others
    under their keys in reading order."""
    record: dict[str, Any] = {}
    for section in minutes.walk():
        if section.kind == "title":
            record = {**section.data, **record}
        elif section.key is not None:
            record[section.key] = section.data
    return record


def json_of(minutes: Minutes) -> str:
    return json.dumps(record_of(minutes), ensure_ascii=False, indent=2) + "\n"
