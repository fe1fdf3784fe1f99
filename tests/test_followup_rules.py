"""The pure follow-up rules: review order, the carry-over warning and days overdue."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingtool.core.followups import (
    CARRY_OVER_WARNING,
    as_of,
    carried_over_until,
    needs_attention,
    sort_for_review,
    titled,
)
from meetingtool.core.model import FollowUp, StatusChange

TODAY = date(2026, 11, 22)


def followup(
    fid: str,
    due: date | None = None,
    *,
    status: str = "aaben",
    carried_over: int = 0,
    created: datetime = datetime(2026, 9, 1, 10, 0),
) -> FollowUp:
    return FollowUp(
        id=fid,
        council_id="kildehaven",
        meeting_id=1,
        item_id=1,
        text=f"Opfølgning {fid}",
        created=created,
        due=due,
        status=status,
        carried_over=carried_over,
    )


def test_carry_over_warning_is_three():
    assert CARRY_OVER_WARNING == 3


def test_review_order_overdue_first_then_due_then_no_due():
    items = [
        followup("no-due"),
        followup("later", date(2026, 12, 15)),
        followup("overdue-recent", date(2026, 11, 20)),
        followup("today", TODAY),
        followup("overdue-long", date(2026, 10, 1)),
        followup("soon", date(2026, 11, 25)),
    ]
    order = [fu.id for fu in sort_for_review(items, TODAY)]
    assert order == ["overdue-long", "overdue-recent", "today", "soon", "later", "no-due"]


def test_ties_broken_by_creation():
    first = followup("first", date(2026, 12, 1), created=datetime(2026, 9, 1, 9, 0))
    second = followup("second", date(2026, 12, 1), created=datetime(2026, 9, 1, 9, 5))
    none_old = followup("none-old", created=datetime(2026, 1, 1))
    none_new = followup("none-new", created=datetime(2026, 6, 1))
    order = [fu.id for fu in sort_for_review([none_new, second, none_old, first], TODAY)]
    assert order == ["first", "second", "none-old", "none-new"]


def test_closed_follow_ups_with_a_past_due_date_are_not_sorted_as_overdue():
    done = followup("done", date(2026, 10, 1), status="udfoert")
    open_soon = followup("open-soon", date(2026, 11, 30))
    open_late = followup("open-late", date(2026, 11, 1))
    order = [fu.id for fu in sort_for_review([open_soon, done, open_late], TODAY)]
    assert order == ["open-late", "done", "open-soon"]


def test_sort_returns_a_new_list_and_accepts_any_iterable():
    items = [followup("b", date(2026, 12, 2)), followup("a", date(2026, 12, 1))]
    result = sort_for_review(iter(items), TODAY)
    assert [fu.id for fu in result] == ["a", "b"]
    assert [fu.id for fu in items] == ["b", "a"]
    assert sort_for_review([], TODAY) == []


@pytest.mark.parametrize(
    ("carried_over", "status", "expected"),
    [
        (0, "aaben", False),
        (2, "aaben", False),
        (3, "aaben", True),
        (7, "i_gang", True),
        (3, "udfoert", False),
        (5, "udgaaet", False),
    ],
)
def test_needs_attention(carried_over, status, expected):
    assert needs_attention(followup("x", status=status, carried_over=carried_over)) is expected


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2027, 12, 31))),
            st.sampled_from(["aaben", "i_gang", "udfoert", "udgaaet"]),
            st.datetimes(datetime(2025, 1, 1), datetime(2026, 11, 22)),
        ),
        max_size=20,
    )
)
def test_review_order_properties(rows):
    items = [
        followup(str(n), due, status=status, created=created)
        for n, (due, status, created) in enumerate(rows)
    ]
    result = sort_for_review(items, TODAY)
    assert sorted(fu.id for fu in result) == sorted(fu.id for fu in items)
    flags = [fu.is_overdue(TODAY) for fu in result]
    assert flags == sorted(flags, reverse=True)  # every overdue one before the rest
    rest = [fu for fu in result if not fu.is_overdue(TODAY)]
    no_due = [fu.due is None for fu in rest]
    assert no_due == sorted(no_due)  # undated last
    dated = [fu.due for fu in rest if fu.due is not None]
    assert dated == sorted(dated)


# --- a follow-up as it stood at an earlier moment -------------------------------------


def _with_history() -> FollowUp:
    made = datetime(2026, 9, 1, 14, 0)
    return FollowUp(
        "1-1", "raad", 1, 2, "Lav årshjul", made, owner="Bo", due=date(2026, 10, 1),
        status="udfoert", carried_over=2,
        history=[
            StatusChange(made, "aaben", 1, date(2026, 10, 1), "Bo"),
            StatusChange(datetime(2026, 10, 1, 14, 5), "aaben", 2, date(2026, 11, 1), "Ida"),
            StatusChange(datetime(2026, 11, 1, 14, 5), "udfoert", 3, date(2026, 11, 1), "Ida"),
        ],
    )


def test_as_of_gives_the_state_then_and_leaves_the_original():
    followup = _with_history()
    before = as_of(followup, datetime(2026, 9, 30))
    assert (before.status, before.due, before.owner) == ("aaben", date(2026, 10, 1), "Bo")
    assert len(before.history) == 1
    middle = as_of(followup, datetime(2026, 10, 1, 23, 59))
    assert (middle.status, middle.due, middle.owner) == ("aaben", date(2026, 11, 1), "Ida")
    assert as_of(followup, datetime(2027, 1, 1)).status == "udfoert"
    assert followup.status == "udfoert" and len(followup.history) == 3


def test_as_of_keeps_changes_typed_in_that_meeting_after_its_end():
    followup = _with_history()
    assert as_of(followup, datetime(2026, 10, 1, 14, 0), meeting_id=2).owner == "Ida"


def test_as_of_before_it_was_made_and_without_history():
    followup = _with_history()
    assert as_of(followup, datetime(2026, 1, 1)).status == "aaben"
    bare = FollowUp("1-2", "raad", 1, 2, "Uden historik", datetime(2026, 9, 1),
                    status="i_gang")
    assert as_of(bare, datetime(2026, 1, 1)).status == "i_gang"


def test_carried_over_until_takes_later_meetings_off():
    followup = _with_history()
    starts = [datetime(2026, 9, 1), datetime(2026, 10, 1), datetime(2026, 11, 1),
              datetime(2026, 12, 1)]
    assert carried_over_until(followup, starts[2:]) == 1   # at the meeting of 1 October
    # The December meeting began after it was closed: it was never carried into it.
    assert carried_over_until(followup, starts[3:]) == 2   # at the meeting of 1 November
    assert carried_over_until(followup, []) == 2           # the newest meeting: as stored
    assert carried_over_until(followup, starts[1:]) == 0   # its own meeting
    reopened = _with_history()
    reopened.history.append(StatusChange(datetime(2026, 11, 15), "aaben", 4))
    reopened.carried_over = 3
    assert carried_over_until(reopened, starts[3:]) == 2   # open again when December began


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=6),
       st.lists(st.booleans(), min_size=6, max_size=6),
       st.lists(st.integers(min_value=0, max_value=400), max_size=12))
def test_carried_over_until_counts_what_as_of_says(offsets, open_flags, meeting_offsets):
    day0 = datetime(2026, 1, 1)
    changes = sorted(offsets)
    history = [StatusChange(day0 + timedelta(days=d, hours=14), "aaben" if flag else "udfoert")
               for d, flag in zip(changes, open_flags)]
    followup = FollowUp("1-1", "raad", 1, 1, "x", history[0].at, carried_over=50,
                        history=history)
    starts = sorted(day0 + timedelta(days=d) for d in meeting_offsets)
    expected = sum(1 for start in starts if as_of(followup, start).is_open)
    assert carried_over_until(followup, starts) == 50 - expected


def test_as_of_forgets_a_sending_on_made_later():
    from meetingtool.core.model import Escalation

    followup = _with_history()
    followup.escalated_to = Escalation("raad", "udvalg", "Kræver ny arbejdsgang",
                                       datetime(2026, 10, 1, 14, 5))
    assert as_of(followup, datetime(2026, 9, 30)).escalated_to is None
    assert as_of(followup, datetime(2026, 10, 2)).escalated_to == followup.escalated_to


def test_titled_names_the_resident_once():
    made = datetime(2026, 9, 1, 14, 0)
    task = FollowUp("1-1", "birk", 1, 1, "Handleplan", made, resident="AB, stue 12")
    assert titled(task) == "Handleplan (AB, stue 12)"
    case = FollowUp("1-2", "birk", 1, 1, "AB, stue 12: Fald om natten", made,
                    resident="AB, stue 12")
    assert titled(case) == "AB, stue 12: Fald om natten"
    assert titled(FollowUp("1-3", "raad", 1, 1, "Lav årshjul", made)) == "Lav årshjul"
