"""Use cases that combine store and core; no Textual.

Each function takes a ``meetingtool.store.Store`` and does one thing a user asks for, so
the CLI, the TUI, the tests and the benchmarks all share the same rules:

- ``meetings``: start a meeting of a council, with the follow-up review and the cases sent
  from other councils placed on its agenda.
- ``lifecycle``: a meeting's status (planlagt, i gang, afsluttet), only ever forward, and
  which unfinished meeting to resume.
- ``items``: the items this package places on an agenda, and which item reviews follow-ups
  or approves the minutes.
- ``review``: review a follow-up at a meeting (status, due date, owner, comment) and approve
  the previous meeting's minutes.
- ``escalation``: send a follow-up or a point to another council and see what became of it.
- ``triage``: the triage round (ratings, colour-rule follow-ups, notes, escalation of a row);
  ``triage_writer`` writes its ratings in key order off the key's path.
- ``attendance``: name a council's members at a meeting (the council keeps the names).
- ``demo``: build a realistic demo data set from the shipped templates.
"""

__all__ = [
    "attendance",
    "demo",
    "escalation",
    "items",
    "lifecycle",
    "meetings",
    "review",
    "triage",
    "triage_writer",
]
