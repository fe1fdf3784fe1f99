"""What the meeting screen shows about the current item, as Textual markup.

``describe_item`` gives the prepared part (kind, presenter, description, questions,
kvalitetskompas tags); ``recorded_markup`` what has been decided and agreed under it.
Text typed by users is escaped so a "[" in a note never turns into markup.
"""

from __future__ import annotations

from datetime import date

from meetingtool.core.dates import format_date
from meetingtool.core.followups import carried_over_words, titled
from meetingtool.core.model import Decision, FollowUp, Meeting, MeetingItem
from meetingtool.core.vocab import (
    FOLLOWUP_STATUSES,
    ITEM_KINDS,
    KOMPAS_MARKERS,
    KVALITETSKOMPAS,
    MAALEPUNKTER,
)

__all__ = [
    "approval_markup",
    "describe_item",
    "escape",
    "recorded_markup",
    "review_markup",
    "tag_label",
]


def escape(text: str) -> str:
    """Text typed by users shown inside markup (so "[x]" stays "[x]")."""
    return text.replace("[", r"\[")


def describe_item(item: MeetingItem, description: str | None = None) -> str:
    """The item's kind, presenter, description (or ``description``), questions and tags."""
    parts: list[str] = []
    kind = ITEM_KINDS.get(item.kind, item.kind)
    head = kind + (f" · oplæg: {escape(item.presenter)}" if item.presenter else "")
    parts.append(f"[dim]{head}[/dim]")
    description = item.description if description is None else description
    if description.strip():
        parts.append(escape(description.strip()))
    if item.questions:
        parts.append("[b]Spørgsmål[/b]\n" + "\n".join(f"• {escape(q)}" for q in item.questions))
    if item.tags:
        tags = " · ".join(tag_label(tag) for tag in item.tags)
        parts.append(f"[b $accent]Kvalitetskompas:[/] {tags}")
    return "\n\n".join(parts)


def tag_label(tag: str) -> str:
    """A tag as shown: "Tryghed (Værdighed)", "1.1 Beboernes selvbestemmelse ..." or itself."""
    if tag in KOMPAS_MARKERS:
        theme = next(name for name, markers in KVALITETSKOMPAS.items() if tag in markers)
        return f"{tag} ({theme})"
    if tag in MAALEPUNKTER:
        return f"{tag} {MAALEPUNKTER[tag]}"
    return tag


RECORDS_SHOWN = 15
"""The newest decisions and follow-ups shown under an item; the rest are counted (a long
list is read in ``d``, and the pane is redrawn with every key: its length is felt)."""
REVIEW_SHOWN = 12
"""Follow-ups from earlier meetings listed on a review item; all of them are in ``v``."""


def _earlier(count: int, what: str, where: str) -> list[str]:
    hidden = count - RECORDS_SHOWN
    return [f"[dim]… {hidden} {what} ({where})[/dim]"] if hidden > 0 else []


def recorded_markup(decisions: list[Decision], followups: list[FollowUp]) -> str:
    """The item's decisions and follow-ups (owner, due date, internal), or a hint."""
    lines: list[str] = []
    if decisions:
        lines.append("[b]Beslutninger[/b] [dim](d: ret)[/dim]")
        lines += _earlier(len(decisions), "tidligere beslutninger", "d viser dem alle")
        lines += [f"• {escape(decision.text)}" for decision in decisions[-RECORDS_SHOWN:]]
    if followups:
        if lines:
            lines.append("")
        lines.append("[b]Opfølgning[/b] [dim](d: ret)[/dim]")
        lines += _earlier(len(followups), "tidligere opfølgningspunkter", "d viser dem alle")
        for followup in followups[-RECORDS_SHOWN:]:
            details = []
            if followup.owner:
                details.append(f"ansvarlig: {escape(followup.owner)}")
            if followup.due:
                details.append(f"frist: {format_date(followup.due)}")
            if followup.internal:
                details.append("internt")
            if not followup.is_open:  # e.g. a colour-rule task dropped when the colour changed
                details.append(FOLLOWUP_STATUSES.get(followup.status, followup.status).lower())
            suffix = f" [dim]({', '.join(details)})[/dim]" if details else ""
            lines.append(f"• {escape(titled(followup))}{suffix}")
    if not lines:
        lines.append("[dim]Ingen beslutninger eller opfølgning endnu (b / o).[/dim]")
    return "\n".join(lines)


def review_markup(followups: list[FollowUp], today: date, heading: str) -> str:
    """The follow-ups on a review list as they stand now (v opens the review)."""
    if not followups:
        return f"[dim]{escape(heading)}: ingen punkter.[/dim]"
    lines = [f"[b]{escape(heading)}[/b] [dim](v: gennemgå)[/dim]"]
    for followup in followups[:REVIEW_SHOWN]:
        status = FOLLOWUP_STATUSES.get(followup.status, followup.status)
        if not followup.is_open:
            lines.append(f"• [dim]{escape(titled(followup))}[/dim] – [green]{status}[/green]")
            continue
        details = [status]
        if followup.owner:
            details.append(f"ansvarlig: {escape(followup.owner)}")
        if followup.due:
            overdue = " [b red](overskredet)[/b red]" if followup.is_overdue(today) else ""
            details.append(f"frist: {format_date(followup.due)}{overdue}")
        details.append(carried_over_words(followup.carried_over))
        if followup.internal:
            details.append("internt – kommer ikke i referatet")
        lines.append(f"• {escape(titled(followup))} [dim]({', '.join(details)})[/dim]")
    if len(followups) > REVIEW_SHOWN:
        lines.append(f"[dim]… og {len(followups) - REVIEW_SHOWN} flere: "
                     "v gennemgår dem alle[/dim]")
    return "\n".join(lines)


def approval_markup(previous: Meeting | None, approval_line: str) -> str:
    """The previous meeting whose minutes this item approves, and how far that is."""
    if previous is None:
        return ("[dim]Rådet har ikke holdt et møde før dette; "
                "der er intet referat at godkende.[/dim]")
    return (
        f"[b]Referat fra mødet {format_date(previous.date)}[/b] [dim](g: godkend)[/dim]\n"
        f"{escape(approval_line)}"
    )
