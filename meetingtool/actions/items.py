"""Placing the items this package adds to a meeting's own agenda (never to a template)."""

from __future__ import annotations

from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Meeting, MeetingItem
from meetingtool.core.vocab import ItemKind, MeetingKind, all_tags

REVIEW_ITEM_TITLE = "Opfølgning fra tidligere møder"
ESCALATIONS_ITEM_TITLE = "Sager fra andre fora"

# Items that may open an agenda before the first real discussion: added items go after
# the approvals among them.
_OPENING_KINDS = frozenset({ItemKind.INFORMATION, ItemKind.GODKENDELSE})


def is_review_item(item: MeetingItem) -> bool:
    """Whether the follow-up review belongs under this item: an opfølgning item, or the
    "Sager fra andre fora" item (which a template may have as plain information)."""
    return item.kind == ItemKind.OPFOELGNING or is_escalations_item(item)


def is_escalations_item(item: MeetingItem) -> bool:
    return item.title.casefold() == ESCALATIONS_ITEM_TITLE.casefold()


def is_approval_item(item: MeetingItem) -> bool:
    """Whether this item approves the previous meeting's minutes: an approval item
    (godkendelse) that names the minutes, as "Godkendelse af referat fra sidste møde".

    An approval item about something else (a budget, a plan) does not."""
    return item.kind == ItemKind.GODKENDELSE and "referat" in item.title.casefold()


def after_approvals(items: list[MeetingItem]) -> int:
    """Index right after the approvals that open the agenda (or after its opening items)."""
    opening = 0
    while opening < len(items) and items[opening].kind in _OPENING_KINDS:
        opening += 1
    approvals = [i for i in range(opening) if items[i].kind == ItemKind.GODKENDELSE]
    return approvals[-1] + 1 if approvals else opening


def add_item(meeting: Meeting, position: int, title: str, minutes: int) -> MeetingItem:
    """A new item of kind opfoelgning at ``position`` (the caller saves the meeting)."""
    item = MeetingItem(
        id=meeting.next_item_id(), title=title, planned_minutes=minutes,
        kind=ItemKind.OPFOELGNING,
    )
    meeting.items.insert(position, item)
    return item


def review_item(meeting: Meeting) -> MeetingItem | None:
    """The first item of kind opfoelgning that is not "Sager fra andre fora"."""
    return next(
        (item for item in meeting.items
         if item.kind == ItemKind.OPFOELGNING and not is_escalations_item(item)),
        None,
    )


def escalations_item(meeting: Meeting) -> MeetingItem:
    """The meeting's "Sager fra andre fora" item; added (right after the review item, or
    after the approvals) when it has none."""
    for item in meeting.items:
        if is_escalations_item(item):
            return item
    review = review_item(meeting)
    position = meeting.items.index(review) + 1 if review else after_approvals(meeting.items)
    return add_item(meeting, position, ESCALATIONS_ITEM_TITLE, 5)


RECEIVES_TRIAGE_CASES = "triagesager"
RECEIVES_CASES = "sager"


def receiving_item(meeting: Meeting, from_kind: str) -> MeetingItem:
    """The item a case sent from a council of ``from_kind`` goes on.

    A case from a team's triage goes on the item that receives ``triagesager`` ("Nye
    sager fra teamenes triage"), any other on the one that receives ``sager``; a
    template that says neither gets "Sager fra andre fora" (found by title, else added).
    """
    wanted = RECEIVES_TRIAGE_CASES if from_kind == MeetingKind.TRIAGE else RECEIVES_CASES
    for key in (wanted, RECEIVES_CASES):
        for item in meeting.items:
            if key in item.receives:
                return item
    return escalations_item(meeting)


def escalation_line(text: str, from_council: str, reason: str) -> str:
    """How a received case reads in the description of "Sager fra andre fora"."""
    return f"- {text} · fra {from_council} · begrundelse: {reason}"


def rename_item(item: MeetingItem, title: str, *, keep_content: bool = False) -> bool:
    """Give the item a new title (the caller saves the meeting); returns whether the old
    theme's content was cleared.

    A theme item (kind tema) renamed to another theme must not carry the old theme's
    description, questions and kompas tags into the minutes: they are cleared unless
    ``keep_content`` (the chair kept them on purpose).
    """
    title = " ".join(title.split())
    if not title:
        raise MeetingToolError("Punktet skal have en overskrift.")
    changed = title != item.title
    item.title = title
    if (not changed or keep_content or item.kind != ItemKind.TEMA
            or not (item.description or item.questions or item.tags)):
        return False
    item.description, item.questions, item.tags = "", [], []
    return True


def edit_item_content(item: MeetingItem, *, description: str, questions: str,
                      tags: str) -> None:
    """Set the item's description, questions (one a line) and kompas tags (comma-separated,
    checked against the vocabulary); the caller saves the meeting."""
    known = {tag.casefold(): tag for tag in all_tags()}
    wanted = [part.strip() for part in tags.replace(";", ",").split(",") if part.strip()]
    unknown = [tag for tag in wanted if tag.casefold() not in known]
    if unknown:
        raise MeetingToolError(
            f"Ukendt mærke: {', '.join(unknown)}. Brug kvalitetskompassets temaer og "
            "markører (fx Tryghed, Sundhed) eller målepunkter (fx 3.3).")
    item.description = description.strip()
    item.questions = [line.strip() for line in questions.splitlines() if line.strip()]
    item.tags = list(dict.fromkeys(known[tag.casefold()] for tag in wanted))
