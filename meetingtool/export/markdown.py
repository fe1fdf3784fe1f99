"""Minutes as Markdown, for an e-mail or an intranet page: the same content as the .docx."""

from __future__ import annotations

import re

from meetingtool.core.dates import format_date
from meetingtool.export import wording as w
from meetingtool.export.bundle import MinutesBundle

_TABLE_ESCAPES = re.compile(r"([|\\])")


def render_markdown(
    bundle: MinutesBundle, *, include_internal: bool = False, include_times: bool = True
) -> str:
    meeting = bundle.meeting
    out: list[str] = []

    def line(text: str = "") -> None:
        out.append(text)

    def table(header: list[str], rows: list[list[str]]) -> None:
        line("| " + " | ".join(header) + " |")
        line("|" + "|".join("---" for _ in header) + "|")
        for row in rows:
            line("| " + " | ".join(_cell(value) for value in row) + " |")
        line()

    if bundle.is_triage:
        line(f"**{w.INTERNAL_LINE}**")
        line()
    line(f"# Referat: {_inline(meeting.council_name)}")
    line()
    for label, value in w.header_facts(bundle):
        line(f"- **{label}:** {_inline(value)}")
    previous = w.previous_approval_line(bundle)
    if previous:
        line()
        line(_inline(previous))
    line()

    if w.has_kort_fortalt(bundle):
        content = w.kort_fortalt(bundle)
        line("## Kort fortalt")
        line()
        line(f"> Fra mødet i {_inline(meeting.council_name)} {format_date(meeting.date)}.")
        for title, lines, bulleted in (
            ("Det vil vi gerne fortælle", content["told"], False),
            ("Det besluttede vi", content["decided"], True),
            ("Det sker nu", content["next"], True),
        ):
            if lines:
                line(">")
                line(f"> **{title}**")
                line(">")
                for text in lines:
                    line(f"> {'- ' if bulleted else ''}{_inline(text)}")
        line()

    line("## Fremmøde")
    line()
    for label, names in w.attendance_groups(meeting):
        line(f"**{label}:** " + (", ".join(_inline(n) for n in names) if names else "ingen"))
        line()

    if bundle.is_triage:
        line("## Triagetavle")
        line()
        rows = w.triage_rows(bundle)
        if rows:
            table(w.TRIAGE_HEADER, rows)
        else:
            line("Ingen beboere blev vurderet.")
            line()

    def review(heading: str | None) -> bool:
        reviewed = [r for r in bundle.followups_reviewed if not r.followup.internal]
        if not reviewed:
            return False
        line(f"## {heading}" if heading else
             "**Gennemgang af opfølgningspunkter fra tidligere møder**")
        line()
        table(w.REVIEW_HEADER, [w.review_row(r, bundle) for r in reviewed])
        return True

    def escalations(lines, heading: str | None, label: str) -> bool:
        lines = [esc for esc in lines if not esc.followup.internal]
        if not lines:
            return False
        line(f"## {heading}" if heading else f"**{label}**")
        line()
        table(w.ESCALATION_HEADER, [w.escalation_row(esc) for esc in lines])
        return True

    review_item = w.review_item(meeting)
    received_item = w.escalations_item(meeting)
    line("## Dagsordenspunkter")
    line()
    for item in meeting.items:
        line(f"### {_inline(w.item_heading(meeting, item))}")
        line()
        meta = w.item_meta(item, include_times)
        if meta:
            line(f"*{_inline(meta)}*")
            line()
        notes = w.paragraphs(item.notes)
        for text in notes:
            line(_block(text))
            line()
        decisions = bundle.decisions_for(item.id)
        for decision in decisions:
            line(f"**Beslutning:** {_block(w.clean(decision.text))}")
            line()
        followups = w.shown_followups(bundle.followups_for(item.id), False)
        if received_item is not None and item.id == received_item.id:
            followups = [fu for fu in followups if fu.escalated_from is None]
        if followups:
            table(w.FOLLOWUP_HEADER, [w.followup_row(fu, bundle) for fu in followups])
        wrote = bool(notes or decisions or followups)
        if review_item is not None and item.id == review_item.id:
            wrote = review(None) or wrote
        if received_item is not None and item.id == received_item.id:
            wrote = escalations(bundle.escalations_in, None,
                                "Sager modtaget fra andre råd og udvalg") or wrote
        if not wrote:
            line("Ingen bemærkninger.")
            line()
    item_ids = {item.id for item in meeting.items}
    loose_decisions = [d for d in bundle.decisions if d.item_id not in item_ids]
    loose = w.shown_followups(bundle.unplaced_followups(), False)
    if loose_decisions or loose:
        line("### Øvrige beslutninger og opfølgningspunkter")
        line()
        for decision in loose_decisions:
            line(f"**Beslutning:** {_block(w.clean(decision.text))}")
            line()
        if loose:
            table(w.FOLLOWUP_HEADER, [w.followup_row(fu, bundle) for fu in loose])
    if review_item is None:
        review(w.REVIEW_ITEM_TITLE)
    escalations(bundle.escalations_out, "Sager sendt videre", "")
    if received_item is None:
        escalations(bundle.escalations_in, w.ESCALATIONS_ITEM_TITLE, "")

    if include_internal:
        internal = _internal(bundle)
        if internal:
            line(f"## {w.INTERNAL_SECTION}")
            line()
            table(w.FOLLOWUP_HEADER, [w.followup_row(fu, bundle) for fu in internal])

    line("## Åbne opfølgningspunkter")
    line()
    open_followups = [fu for fu in bundle.open_followups if not fu.internal]
    if open_followups:
        table(w.OPEN_HEADER,
              [w.open_row(fu, bundle.origin_date(fu), bundle) for fu in open_followups])
    else:
        line("Rådet har ingen åbne opfølgningspunkter.")
        line()

    line("## Næste møde")
    line()
    line(format_date(bundle.next_meeting) + "." if bundle.next_meeting else "Ikke fastsat.")
    return "\n".join(out).rstrip("\n") + "\n"


def _internal(bundle: MinutesBundle):
    seen: set[str] = set()
    found = []
    for followup in (
        bundle.followups_created
        + [r.followup for r in bundle.followups_reviewed]
        + bundle.open_followups
    ):
        if followup.internal and followup.id not in seen:
            seen.add(followup.id)
            found.append(followup)
    return found


def _inline(text: str) -> str:
    """One line of text; line breaks become spaces."""
    return " ".join(w.clean(text).split())


def _block(text: str) -> str:
    """A paragraph with its single line breaks kept (two trailing spaces = <br>)."""
    return "  \n".join(part.strip() for part in w.clean(text).split("\n"))


def _cell(text: str) -> str:
    return _TABLE_ESCAPES.sub(r"\\\1", _inline(text))
