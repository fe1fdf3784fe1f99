"""A meeting's status moves only forward (``actions.lifecycle``), and which item approves
the minutes (``actions.items.is_approval_item``): the rules the meeting screen asks for."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from meetingtool.actions.items import is_approval_item
from meetingtool.actions.lifecycle import can_change, end_meeting, is_finished, mark_started
from meetingtool.actions.meetings import start_new_meeting
from meetingtool.core.agenda import load_agenda, resolve_template
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import MeetingItem
from meetingtool.core.vocab import MeetingStatus
from meetingtool.store import open_store


@pytest.fixture
def meeting(data_dir):
    store = open_store(data_dir)
    template = load_agenda(resolve_template("kvalitetsraad", data_dir))
    return start_new_meeting(store, template, "Lokalt kvalitetsråd Kildebo", date(2026, 12, 1))


def test_the_first_start_marks_the_meeting_i_gang_and_later_starts_do_not(meeting):
    assert meeting.status == "planlagt"
    assert mark_started(meeting) is True
    assert meeting.status == MeetingStatus.I_GANG == "i_gang"
    assert mark_started(meeting) is False
    assert meeting.status == "i_gang"


def test_ending_records_the_time_and_an_ended_meeting_stays_ended(meeting):
    mark_started(meeting)
    at = datetime(2026, 12, 1, 15, 40)
    end_meeting(meeting, at)
    assert is_finished(meeting) and meeting.ended_at == at
    assert mark_started(meeting) is False  # the clock cannot reopen it
    assert meeting.status == "afsluttet"
    with pytest.raises(MeetingToolError, match="allerede afsluttet"):
        end_meeting(meeting, datetime(2026, 12, 1, 16, 0))
    assert meeting.ended_at == at


def test_a_planned_meeting_may_be_ended_without_starting(meeting):
    end_meeting(meeting, datetime(2026, 12, 1, 12, 0))
    assert meeting.status == "afsluttet"


def test_no_way_back(meeting):
    assert can_change(meeting, MeetingStatus.I_GANG)
    mark_started(meeting)
    assert not can_change(meeting, MeetingStatus.PLANLAGT)
    end_meeting(meeting, datetime(2026, 12, 1, 12, 0))
    assert not any(can_change(meeting, status) for status in MeetingStatus)


def test_the_approval_item_names_the_minutes(meeting):
    approving = [item for item in meeting.items if is_approval_item(item)]
    assert [item.kind for item in approving] == ["godkendelse"]
    assert "referat" in approving[0].title.casefold()
    budget = MeetingItem(id=99, title="Godkendelse af budget", planned_minutes=5,
                         kind="godkendelse")
    minutes_as_talk = MeetingItem(id=98, title="Referatet", planned_minutes=5)
    assert not is_approval_item(budget) and not is_approval_item(minutes_as_talk)
