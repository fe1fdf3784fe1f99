"""The pure year-wheel rules: laying out the calendar and reconciling a new plan."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from meetingtool.core.yearplan import Existing, Slot, in_break, reconcile
from meetingtool.core.yearwheel import Break, DayOfYear, parse_wheel

TODAY = date(2027, 1, 15)

months = st.lists(st.integers(1, 12), unique=True, max_size=12).map(sorted)


def slots_for(chosen: list[int], day: int) -> list[Slot]:
    return [Slot(f"2027-{m:02d}", date(2027, m, day), f"tema {m}") for m in chosen]


def applied(slots: list[Slot], existing: list[Existing]) -> list[Existing]:
    """The ledger after doing what ``reconcile`` said, kept as ``apply`` keeps it: one
    meeting per key, a moved meeting under its new key (new meetings get fresh ids)."""
    ledger = {e.key: e for e in existing}
    next_id = max((e.meeting_id for e in existing), default=99) + 1
    for change in reconcile(slots, existing, TODAY).changes:
        if change.action == "create":
            ledger[change.key] = Existing(change.key, next_id, change.day, "planlagt",
                                          change.theme)
            next_id += 1
        elif change.action in ("move", "revive"):
            if change.old_key:
                ledger.pop(change.old_key, None)
            ledger[change.key] = Existing(change.key, change.meeting_id, change.day,
                                          "planlagt", change.theme)
        elif change.action == "cancel":
            old = ledger[change.key]
            ledger[change.key] = Existing(old.key, old.meeting_id, old.day, "aflyst",
                                          old.theme)
    return list(ledger.values())


@given(first=months, second=months, held=st.sets(st.integers(1, 12)),
       day_one=st.integers(1, 28), day_two=st.integers(1, 28))
def test_reconcile_settles_and_never_touches_held_or_past(first, second, held, day_one,
                                                          day_two):
    existing = applied(slots_for(first, day_one), [])
    # Some meetings were held meanwhile.
    existing = [Existing(e.key, e.meeting_id, e.day, "afsluttet", e.theme)
                if e.day.month in held else e for e in existing]
    new_slots = slots_for(second, day_two)
    plan = reconcile(new_slots, existing, TODAY)
    untouchable = {e.meeting_id for e in existing if e.held or e.day < TODAY}
    for change in plan.of("move", "cancel", "revive"):
        assert change.meeting_id not in untouchable
    for change in plan.of("create", "move", "revive"):
        assert change.day >= TODAY
    after = applied(new_slots, existing)
    assert not reconcile(new_slots, after, TODAY).has_work  # a second run changes nothing
    live = [e for e in after if e.status != "aflyst"]
    assert len({e.day.month for e in live}) == len(live)  # one meeting a month, never two
    # And back to the first plan: cancelled meetings come back rather than new ones.
    back = applied(slots_for(first, day_one), after)
    assert not reconcile(slots_for(first, day_one), back, TODAY).has_work
    live = [e for e in back if e.status != "aflyst"]
    assert len({e.day.month for e in live}) == len(live)


def test_break_over_new_year():
    christmas = Break("Jul og nytår", DayOfYear(12, 20), DayOfYear(1, 3))
    assert in_break(date(2027, 12, 24), christmas) and in_break(date(2027, 1, 2), christmas)
    assert not in_break(date(2027, 1, 4), christmas)


def test_monthly_rhythm_needs_a_weekday_and_review_in_meeting_months():
    text = ('title = "x"\nkind = "kvalitetsraad"\ntemplate = "kvalitetsraad"\n'
            'review_months = [3]\n[rhythm]\nfrequency = "maanedlig"\nmonths = [2, 4]\n')
    try:
        parse_wheel(text, "hjul.toml")
    except Exception as error:  # noqa: BLE001 - the message is what is tested
        message = str(error)
    assert 'hjul.toml, linje 5: [rhythm]: mangler feltet "weekday"' in message
    assert 'felt "review_months": rådet holder intet møde i marts' in message
