"""A case's whole path between councils, and the latest word on it from wherever it is now.

A case raised in a team's triage becomes a follow-up of the team; sent on, it becomes a
follow-up of the quality committee (``escalated_from`` on the receiving side,
``escalated_to`` on the sending side, each naming the other's id), and perhaps of the
cross-cutting council above. The team must see what became of it without asking: the
status, owner, due date and the comments (what was decided) of the furthest follow-up.

Pure rules: the caller hands in a ``lookup`` of follow-ups by id and a ``council_name``
function, so the store, the exporters and the screens share one reading of the chain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from meetingtool.core.dates import format_date
from meetingtool.core.model import FollowUp
from meetingtool.core.vocab import FOLLOWUP_STATUSES

Lookup = Callable[[str], "FollowUp | None"]

MAX_STEPS = 20
"""A chain longer than this is data gone wrong (a loop); the walk stops there."""

_HANDOVER_PREFIXES = ("Sendt fra ", "Sendt til ")


@dataclass(frozen=True)
class LatestWord:
    """Where a case is now and what was last said about it there."""

    council_id: str
    council_name: str
    status: str
    owner: str = ""
    due: date | None = None
    comments: tuple[str, ...] = ()
    changed: datetime | None = None
    waiting: bool = False
    """Sent to ``council_name`` but not yet on a meeting of it."""
    path: tuple[str, ...] = ()
    """The councils the case passed through, first (where it was raised) to last."""

    @property
    def status_label(self) -> str:
        if self.waiting:
            return "Venter på næste møde"
        return FOLLOWUP_STATUSES.get(self.status, self.status)

    def said(self) -> str:
        """E.g. "Udført · ansvarlig: Hanne · frist 1. december 2026 · besluttet fælles
        instruks" (the last comment made there)."""
        parts = [self.status_label]
        if self.owner:
            parts.append(f"ansvarlig: {self.owner}")
        if self.due and not self.waiting:
            parts.append(f"frist {format_date(self.due)}")
        if self.comments:
            parts.append(self.comments[-1])
        return " · ".join(parts)

    def text(self) -> str:
        """The council first: "Tværgående kvalitetsråd: Udført · ..."."""
        return f"{self.council_name}: {self.said()}"


def case_path(followup: FollowUp, lookup: Lookup) -> list[FollowUp]:
    """Every follow-up the case became, from where it was raised to where it is now."""
    seen = {followup.id}

    def walk(step: Callable[[FollowUp], str | None]) -> list[FollowUp]:
        """Follow ``step`` (the next id one way) while it leads somewhere new."""
        found: list[FollowUp] = []
        current = followup
        while len(seen) < MAX_STEPS:
            next_id = step(current)
            following = lookup(next_id) if next_id and next_id not in seen else None
            if following is None:
                break
            seen.add(following.id)
            found.append(following)
            current = following
        return found

    back = walk(lambda fu: fu.escalated_from.source_followup_id
                if fu.escalated_from is not None else None)
    forward = walk(lambda fu: fu.escalated_to.target_followup_id
                   if fu.escalated_to is not None else None)
    return [*reversed(back), followup, *forward]


def spoken_comments(followup: FollowUp, since: datetime | None = None, *,
                    later_councils: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The comments made on the follow-up (what was decided): not the hand-over lines,
    nor the statuses relayed from ``later_councils`` further on, nor those before
    ``since``."""
    skipped = _HANDOVER_PREFIXES + tuple(f"{name}: " for name in later_councils)
    return tuple(
        change.comment.strip()
        for change in followup.history
        if change.comment.strip()
        and not change.comment.startswith(skipped)
        and (since is None or _naive(change.at) >= _naive(since))
    )


def latest_word(path: list[FollowUp], council_name: Callable[[str], str]) -> LatestWord:
    """The latest word on the case whose follow-ups are ``path`` (from ``case_path``).

    That is the step changed last by its own council (a status, owner, due date or
    comment; a status relayed from a council further on does not count), the furthest
    on a tie: usually where the case is now, but a committee that closes its copy after
    the council decided has the latest word.
    """
    names = tuple(council_name(f.council_id) for f in path)
    last = path[-1]
    sent = last.escalated_to
    if sent is not None and not sent.target_followup_id:
        where = council_name(sent.to_council_id)
        return LatestWord(sent.to_council_id, where, last.status, changed=sent.at,
                          waiting=True, path=(*names, where))
    moments = [_own_moment(step, names[index + 1:]) for index, step in enumerate(path)]
    index = max(range(len(path)), key=lambda i: (moments[i], i))
    step = path[index]
    return LatestWord(step.council_id, names[index], step.status, step.owner, step.due,
                      spoken_comments(step, later_councils=names[index + 1:]),
                      moments[index], path=names)


def _own_moment(followup: FollowUp, later_councils: tuple[str, ...]) -> datetime:
    relayed = tuple(f"{name}: " for name in later_councils)
    own = [change.at for change in followup.history
           if not (relayed and change.comment.startswith(relayed))]
    return _naive(own[-1] if own else followup.created)


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)
