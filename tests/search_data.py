"""Data both the search contract (tests/store/) and the search CLI tests fill a store with.

A module of its own in tests/ (on the path for every test, as conftest.py's folder): the
test modules in tests/store/ are not importable as a package from tests/ in a plain
``pytest`` run, which CI uses.
"""

from __future__ import annotations

from datetime import date, datetime, time

from meetingtool.core.model import AgendaTemplate, TemplateItem
from meetingtool.core.trials import new_trial
from meetingtool.store import Store


def template() -> AgendaTemplate:
    return AgendaTemplate(
        kind="bruger_paaroerende",
        title="Møde i Bruger- og pårørenderådet",
        items=[TemplateItem("Velkomst og godkendelse af dagsorden", 5),
               TemplateItem("Økonomi", 20, kind="beslutning"),
               TemplateItem("Eventuelt", 10)],
        start_time=time(14, 0),
    )


def fill(store: Store):
    a = store.ensure_council("Plejecenter Solbakken", "aeldreraad")
    b = store.ensure_council("Ældrerådet", "aeldreraad")
    spring = store.create_meeting(a.id, template(), date(2026, 4, 14))
    autumn = store.create_meeting(a.id, template(), date(2026, 10, 6))
    other = store.create_meeting(b.id, template(), date(2026, 9, 1))
    spring.items[0].notes = "Drøftelse af måltider og frokosttider på afdelingen."
    store.save_meeting(spring)
    store.add_decision(spring.id, spring.items[0].id, "Måltiderne flyttes til kl. 12.30.")
    store.add_decision(autumn.id, autumn.items[0].id, "Aftensmåltid serveres kl. 18.")
    store.add_decision(other.id, other.items[0].id, "Rådet ønsker et fælles måltid.")
    store.add_followup(autumn.id, autumn.items[0].id, "Undersøg måltidsbarometeret.",
                       owner="Åse")
    store.add_followup(autumn.id, None, "Intern: måltid og personalets pauser.",
                       internal=True)
    store.add_trial(new_trial("", a.id, "Fælles frokost i dagligstuen", date(2027, 1, 1),
                              datetime(2026, 5, 1, 9, 0), problem="Ensomme måltider"))
    return a, b, spring, autumn, other
