"""Follow-ups that travel: carry-over, review, approval of minutes, escalation (issue 5)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from meetingtool.actions.escalation import (
    UnknownCouncilError,
    counterpart,
    escalate,
    escalation_text,
)
from meetingtool.actions.meetings import (
    ESCALATIONS_ITEM_TITLE,
    REVIEW_ITEM_TITLE,
    escalations_received,
    followups_to_review,
    is_review_item,
    start_meeting,
)
from meetingtool.actions.review import (
    approval_text,
    approve_minutes,
    review_followup,
)
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.followups import needs_attention
from meetingtool.core.model import AgendaTemplate, Member, TemplateItem
from meetingtool.store import Store, open_store


class Clock:
    """The store's now(): moved by hand, one second further on each call."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment

    def to(self, day: date) -> None:
        self.moment = datetime(day.year, day.month, day.day, 14, 0)


def template(*kinds_and_titles: tuple[str, str], kind: str = "kvalitetsraad") -> AgendaTemplate:
    items = [TemplateItem(title=title, planned_minutes=10, kind=k) for k, title in kinds_and_titles]
    return AgendaTemplate(kind=kind, title="Kvalitetsrådsmøde", items=items)


PLAIN = template(
    ("information", "Velkomst"),
    ("godkendelse", "Godkendelse af dagsorden"),
    ("godkendelse", "Godkendelse af referat"),
    ("tema", "Tema: Tryghed"),
    ("eventuelt", "Eventuelt"),
)
WITH_REVIEW_ITEM = template(
    ("godkendelse", "Godkendelse af referat"),
    ("droeftelse", "Nyt fra centret"),
    ("opfoelgning", "Opfølgning på prøvehandlinger"),
    ("eventuelt", "Eventuelt"),
)

SEP1, OCT1, NOV1, DEC1 = date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 9, 1, 14, 0))


@pytest.fixture
def store(data_dir, clock) -> Store:
    return open_store(data_dir, now=clock)


@pytest.fixture
def council(store):
    return store.ensure_council(
        "Kvalitetsråd Kildebo", "kvalitetsraad",
        [Member("Birgitte Holm", "moedeleder"), Member("Karen Nielsen", "referent"),
         Member("Anders Lund", "ssa")],
    )


def titles(meeting) -> list[str]:
    return [item.title for item in meeting.items]


def tema_id(meeting) -> int:
    return next(item.id for item in meeting.items if item.kind == "tema")


# --- carry-over across three meetings --------------------------------------------------


def test_first_meeting_gets_no_review_item(store, council):
    first = start_meeting(store, council.id, PLAIN, SEP1)
    assert titles(first) == [t.title for t in PLAIN.items]
    assert store.meeting(first.id).items == first.items


def test_carry_over_across_three_meetings(store, council, clock):
    first = start_meeting(store, council.id, PLAIN, SEP1)
    late = store.add_followup(first.id, tema_id(first), "Lav årshjul", owner="Anders Lund",
                              due=date(2026, 9, 20))
    later = store.add_followup(first.id, tema_id(first), "Saml ønsker", owner="Karen Nielsen",
                               due=date(2026, 12, 15))
    undated = store.add_followup(first.id, tema_id(first), "Tal med Ældrerådet")
    done = store.add_followup(first.id, tema_id(first), "Opslag på tavlen",
                              due=date(2026, 9, 10))
    store.update_followup(done.id, status="udfoert", meeting_id=first.id)

    clock.to(OCT1)
    second = start_meeting(store, council.id, PLAIN, OCT1)
    # Placed right after the approval items, before the theme.
    assert titles(second) == [
        "Velkomst", "Godkendelse af dagsorden", "Godkendelse af referat", REVIEW_ITEM_TITLE,
        "Tema: Tryghed", "Eventuelt",
    ]
    review_item = second.items[3]
    assert review_item.kind == "opfoelgning"
    assert store.meeting(second.id).item(review_item.id).title == REVIEW_ITEM_TITLE
    # The listing shows what, owner, due, origin and carried-over count, overdue first.
    lines = review_item.description.splitlines()[1:]
    assert len(lines) == 3
    assert lines[0].startswith("- Lav årshjul · ansvarlig: Anders Lund · frist: 20. september "
                               "2026 (overskredet) · aftalt 1. september 2026, Tema: Tryghed")
    assert lines[0].endswith("overført 1 gang")
    assert lines[1].startswith("- Saml ønsker")
    assert lines[2].startswith("- Tal med Ældrerådet")

    reviewed = followups_to_review(store, second)
    assert [f.id for f in reviewed] == [late.id, later.id, undated.id]
    assert [f.carried_over for f in reviewed] == [1, 1, 1]
    assert store.followup(done.id).carried_over == 0
    assert reviewed[0].is_overdue(OCT1) and not reviewed[1].is_overdue(OCT1)

    # Something new in the second meeting is not reviewed in the same meeting.
    fresh = store.add_followup(second.id, tema_id(second), "Ny aftale", due=date(2026, 10, 20))
    assert fresh.id not in [f.id for f in followups_to_review(store, second)]
    review_followup(store, later.id, second.id, status="udfoert")

    clock.to(NOV1)
    third = start_meeting(store, council.id, PLAIN, NOV1)
    reviewed = followups_to_review(store, third)
    # Overdue first (the oldest due date leads), then the undated one last.
    assert [f.id for f in reviewed] == [late.id, fresh.id, undated.id]
    assert [f.carried_over for f in reviewed] == [2, 1, 2]
    assert all(f.is_overdue(NOV1) for f in reviewed[:2])
    assert store.followup(later.id).carried_over == 1  # closed: not carried any more

    clock.to(DEC1)
    fourth = start_meeting(store, council.id, PLAIN, DEC1)
    reviewed = {f.id: f for f in followups_to_review(store, fourth)}
    assert reviewed[late.id].carried_over == 3
    assert needs_attention(reviewed[late.id])
    assert not needs_attention(reviewed[fresh.id])
    assert "overført 3 gange" in next(
        i for i in fourth.items if i.title == REVIEW_ITEM_TITLE).description


def test_template_review_item_is_reused(store, council, clock):
    first = start_meeting(store, council.id, WITH_REVIEW_ITEM, SEP1)
    store.add_followup(first.id, first.items[1].id, "Evaluér prøvehandlingen")
    clock.to(OCT1)
    second = start_meeting(store, council.id, WITH_REVIEW_ITEM, OCT1)
    assert titles(second) == titles(first)  # nothing inserted
    reused = second.items[2]
    assert reused.kind == "opfoelgning"
    assert "Evaluér prøvehandlingen" in reused.description


def test_template_escalations_item_is_reused(store, council, clock):
    board = template(
        ("opfoelgning", "Opfølgning på tavlen"),
        ("information", "Sager fra andre fora"),
        ("eventuelt", "Eventuelt"),
        kind="kvalitetsudvalg",
    )
    committee = store.ensure_council("Kvalitetsudvalg", "kvalitetsudvalg")
    raised = start_meeting(store, council.id, PLAIN, SEP1)
    sent = escalate(store, (raised.id, tema_id(raised), "Fald om natten"), committee.id, "Igen")
    clock.to(OCT1)
    meeting = start_meeting(store, committee.id, board, OCT1)
    assert titles(meeting) == ["Opfølgning på tavlen", "Sager fra andre fora", "Eventuelt"]
    assert is_review_item(meeting.items[1]) and is_review_item(meeting.items[0])
    assert not is_review_item(meeting.items[2])
    assert "- Fald om natten · fra Kvalitetsråd Kildebo · begrundelse: Igen" in (
        meeting.items[1].description.splitlines())
    [received] = escalations_received(store, meeting)
    assert received.escalated_from.source_followup_id == sent.id
    assert (received.meeting_id, received.item_id) == (meeting.id, meeting.items[1].id)


def test_reviewed_followup_stays_on_the_list_in_that_meeting(store, council, clock):
    first = start_meeting(store, council.id, PLAIN, SEP1)
    followup = store.add_followup(first.id, tema_id(first), "Lav årshjul")
    clock.to(OCT1)
    second = start_meeting(store, council.id, PLAIN, OCT1)
    review_followup(store, followup.id, second.id, status="Udført")
    assert [f.status for f in followups_to_review(store, second)] == ["udfoert"]
    clock.to(NOV1)
    third = start_meeting(store, council.id, PLAIN, NOV1)
    assert followups_to_review(store, third) == []
    assert REVIEW_ITEM_TITLE not in titles(third)


# --- review actions and their history -------------------------------------------------


@pytest.fixture
def in_review(store, council, clock):
    first = start_meeting(store, council.id, PLAIN, SEP1)
    followup = store.add_followup(first.id, tema_id(first), "Lav årshjul", owner="Anders Lund",
                                  due=date(2026, 9, 20))
    clock.to(OCT1)
    second = start_meeting(store, council.id, PLAIN, OCT1)
    return followup, second


@pytest.mark.parametrize("status", ["udfoert", "i_gang", "udgaaet"])
def test_a_status_is_recorded_in_history_with_the_meeting(store, in_review, status):
    followup, meeting = in_review
    updated = review_followup(store, followup.id, meeting.id, status=status, comment="Drøftet")
    assert updated.status == status
    last = store.followup(followup.id).history[-1]
    assert (last.status, last.meeting_id, last.comment) == (status, meeting.id, "Drøftet")
    assert len(store.followup(followup.id).history) == 2


def test_a_status_may_be_given_in_danish_words(store, in_review):
    followup, meeting = in_review
    assert review_followup(store, followup.id, meeting.id, status="Udgået").status == "udgaaet"
    assert review_followup(store, followup.id, meeting.id, status="i gang").status == "i_gang"


def test_new_due_date_owner_and_comment(store, in_review):
    followup, meeting = in_review
    review_followup(store, followup.id, meeting.id, due=date(2026, 12, 1), comment="Ny frist")
    review_followup(store, followup.id, meeting.id, owner="Karen Nielsen")
    review_followup(store, followup.id, meeting.id, comment="Mangler svar fra Ældrerådet")
    stored = store.followup(followup.id)
    assert stored.due == date(2026, 12, 1)
    assert stored.owner == "Karen Nielsen"
    assert stored.status == "aaben"
    history = stored.history[1:]
    assert [h.meeting_id for h in history] == [meeting.id] * 3
    assert history[0].due == date(2026, 12, 1) and history[0].comment == "Ny frist"
    assert history[1].owner == "Karen Nielsen"
    assert history[2].comment == "Mangler svar fra Ældrerådet"
    assert history[2].status == "aaben"


def test_bad_review_input_is_refused(store, in_review):
    followup, meeting = in_review
    with pytest.raises(MeetingToolError, match="Ukendt status 'færdig'.*Udført"):
        review_followup(store, followup.id, meeting.id, status="færdig")
    with pytest.raises(MeetingToolError, match="Intet at gemme"):
        review_followup(store, followup.id, meeting.id)
    with pytest.raises(MeetingToolError, match="ansvarlige"):
        review_followup(store, followup.id, meeting.id, owner="  ")
    with pytest.raises(MeetingToolError, match="Intet at gemme"):
        review_followup(store, followup.id, meeting.id, comment=" ")
    assert len(store.followup(followup.id).history) == 1


# --- approval of minutes --------------------------------------------------------------


def test_approve_previous_minutes(store, council, clock):
    first = start_meeting(store, council.id, PLAIN, SEP1)
    clock.to(OCT1)
    second = start_meeting(store, council.id, PLAIN, OCT1)
    assert store.previous_meeting(second.id).id == first.id
    assert approval_text(store.meeting(first.id).approval) == "Ikke godkendt"

    approve_minutes(store, first.id, second.id)
    approval = store.meeting(first.id).approval
    assert approval.approved_on == OCT1
    assert approval.approved_in_meeting_id == second.id
    assert not approval.with_corrections
    assert approval_text(approval) == "Godkendt 1. oktober 2026"
    summary = next(s for s in store.meetings(council.id) if s.id == first.id)
    assert summary.approved

    approve_minutes(store, first.id, second.id, "  Punkt 3: Anders var til stede.  ")
    approval = store.meeting(first.id).approval
    assert approval.corrections == "Punkt 3: Anders var til stede."
    assert approval_text(approval) == (
        "Godkendt med rettelser 1. oktober 2026: Punkt 3: Anders var til stede."
    )
    assert store.meeting(second.id).approval is None


def test_approval_refuses_wrong_meetings(store, council, clock):
    other = store.ensure_council("Kvalitetsudvalg", "kvalitetsudvalg")
    first = start_meeting(store, council.id, PLAIN, SEP1)
    foreign = start_meeting(store, other.id, PLAIN, OCT1)
    clock.to(OCT1)
    second = start_meeting(store, council.id, PLAIN, OCT1)
    with pytest.raises(MeetingToolError, match="sit eget referat"):
        approve_minutes(store, second.id, second.id)
    with pytest.raises(MeetingToolError, match="samme råd"):
        approve_minutes(store, foreign.id, second.id)
    with pytest.raises(MeetingToolError, match="tidligere referat"):
        approve_minutes(store, second.id, first.id)
    assert store.meeting(first.id).approval is None


# --- escalation round trip ------------------------------------------------------------


def test_escalation_round_trip(store, clock):
    team = store.ensure_council("Afdeling Birk", "triage", [Member("Mette Dahl", "moedeleder")])
    committee = store.ensure_council("Kvalitetsudvalg", "kvalitetsudvalg",
                                     [Member("Helle Krog", "moedeleder")])
    board = store.ensure_council("Tværgående kvalitetsråd", "tvaergaaende-kvalitetsraad")
    triage = template(("triage", "Runde ved tavlen"), ("eventuelt", "Eventuelt"), kind="triage")

    clock.to(date(2026, 11, 2))
    monday = start_meeting(store, team.id, triage, date(2026, 11, 2))
    sent = escalate(store, (monday.id, monday.items[0].id, "Gentagne fald om natten"),
                    "kvalitetsudvalg", "Tredje fald på en måned")
    # The committee has no meeting yet: the case waits on the sending side.
    assert (sent.council_id, sent.meeting_id, sent.status) == (team.id, monday.id, "i_gang")
    assert sent.escalated_to.to_council_id == committee.id
    assert sent.escalated_to.source_followup_id == sent.id
    assert sent.escalated_to.target_followup_id is None
    assert sent.history[-1].comment == "Sendt til Kvalitetsudvalg: Tredje fald på en måned"
    assert sent.history[-1].meeting_id == monday.id
    assert escalation_text(store, sent) == (
        "Sendt til Kvalitetsudvalg 2. november 2026 – venter på næste møde i Kvalitetsudvalg"
    )
    assert store.open_followups(committee.id) == []

    # The committee's next meeting receives it under "Sager fra andre fora".
    clock.to(date(2026, 11, 5))
    thursday = start_meeting(store, committee.id, PLAIN, date(2026, 11, 5))
    assert ESCALATIONS_ITEM_TITLE in titles(thursday)
    assert REVIEW_ITEM_TITLE not in titles(thursday)  # nothing of its own to review
    assert titles(thursday).index(ESCALATIONS_ITEM_TITLE) == 3  # after the approvals
    item = next(i for i in thursday.items if i.title == ESCALATIONS_ITEM_TITLE)
    assert item.description.splitlines()[1] == (
        "- Gentagne fald om natten · fra Afdeling Birk · begrundelse: Tredje fald på en måned"
    )
    [received] = escalations_received(store, thursday)
    assert (received.council_id, received.meeting_id, received.item_id) == (
        committee.id, thursday.id, item.id)
    assert received.text == "Gentagne fald om natten"
    assert received.escalated_from.from_council_id == team.id
    assert received.escalated_from.reason == "Tredje fald på en måned"
    assert received.escalated_from.source_followup_id == sent.id
    assert received.history[0].comment == "Sendt fra Afdeling Birk: Tredje fald på en måned"
    assert [f.id for f in store.open_followups(committee.id)] == [received.id]
    assert received.id in [f.id for f in store.followups(committee.id)]
    assert received.id not in [f.id for f in store.followups(team.id)]
    sent = store.followup(sent.id)
    assert sent.escalated_to.target_followup_id == received.id
    assert escalation_text(store, sent) == "Sendt til Kvalitetsudvalg 2. november 2026 – der: Åben"
    assert followups_to_review(store, thursday) == []

    # What the committee does is visible from the team's side.
    review_followup(store, received.id, thursday.id, status="i_gang",
               comment="Prøvehandling: natligt tilsyn")
    sent = store.followup(sent.id)
    assert sent.history[-1].comment == "Kvalitetsudvalg: I gang – Prøvehandling: natligt tilsyn"
    assert counterpart(store, sent).status == "i_gang"
    # The latest word from there: its status and what was said about it.
    assert escalation_text(store, sent).endswith(
        "– der: I gang · Prøvehandling: natligt tilsyn")
    assert escalation_text(store, store.followup(received.id)) == (
        "Fra Afdeling Birk 2. november 2026: Tredje fald på en måned – der: I gang"
    )

    # On to the council with the mandate, whose next meeting is already planned.
    planned = start_meeting(store, board.id, PLAIN, date(2026, 11, 20))
    onward = escalate(store, received.id, "Tværgående kvalitetsråd", "Kræver nye arbejdsgange",
                      meeting_id=thursday.id)
    assert (onward.council_id, onward.meeting_id) == (board.id, planned.id)
    planned = store.meeting(planned.id)
    assert ESCALATIONS_ITEM_TITLE in titles(planned)
    assert "Kræver nye arbejdsgange" in planned.items[3].description
    assert onward.item_id == planned.items[3].id
    with pytest.raises(MeetingToolError, match="allerede sendt til Tværgående"):
        escalate(store, received.id, board.id, "igen")

    # At the committee's following meeting it is reviewed like any open follow-up.
    clock.to(date(2026, 11, 12))
    next_week = start_meeting(store, committee.id, PLAIN, date(2026, 11, 12))
    assert ESCALATIONS_ITEM_TITLE not in titles(next_week)
    assert [f.id for f in followups_to_review(store, next_week)] == [received.id]
    assert store.followup(received.id).carried_over == 1
    assert escalation_text(store, store.followup(received.id)).startswith(
        "Sendt til Tværgående kvalitetsråd 5. november 2026 – der: Åben")

    # The team's next meeting reviews its sent case and sees what became of it.
    review_followup(store, received.id, next_week.id, status="udfoert", comment="Virker")
    next_monday = start_meeting(store, team.id, triage, date(2026, 11, 9))
    [back] = followups_to_review(store, next_monday)
    assert back.id == sent.id
    assert escalation_text(store, back).endswith("– der: Udført · Virker")
    assert back.history[-1].comment == "Kvalitetsudvalg: Udført – Virker"


def test_escalation_to_unknown_council_offers_to_create(store, council):
    store.ensure_council("Kvalitetsudvalg", "kvalitetsudvalg")
    meeting = start_meeting(store, council.id, PLAIN, SEP1)
    followup = store.add_followup(meeting.id, tema_id(meeting), "Fald om natten")
    with pytest.raises(UnknownCouncilError) as caught:
        escalate(store, followup.id, "Lederforum", "Kræver ledelsesbeslutning")
    assert caught.value.name == "Lederforum"
    assert "Opret det, eller fortryd" in caught.value.message
    assert "Kvalitetsråd Kildebo, Kvalitetsudvalg" in caught.value.message
    assert store.followup(followup.id).escalated_to is None
    assert len(store.followups()) == 1


def test_escalation_needs_reason_and_another_council(store, council):
    meeting = start_meeting(store, council.id, PLAIN, SEP1)
    followup = store.add_followup(meeting.id, tema_id(meeting), "Fald om natten")
    with pytest.raises(MeetingToolError, match="hvorfor"):
        escalate(store, followup.id, council.id, "  ")
    with pytest.raises(MeetingToolError, match="hører allerede til"):
        escalate(store, followup.id, council.name, "grund")


# --- minutes exported again later say what held then ------------------------------------


def test_old_minutes_keep_the_state_of_their_meeting(store, council, clock):
    from meetingtool.export.bundle import collect_bundle

    first = start_meeting(store, council.id, PLAIN, SEP1)
    bath = store.add_followup(first.id, tema_id(first), "Beskriv valg af badetid",
                              owner="Anders Lund", due=date(2026, 10, 1))
    ask = store.add_followup(first.id, tema_id(first), "Spørg Ældrerådet",
                             owner="Karen Nielsen", due=date(2026, 10, 1))
    clock.to(OCT1)
    second = start_meeting(store, council.id, PLAIN, OCT1)
    review_followup(store, bath.id, second.id, status="udfoert", comment="Beskrevet")
    review_followup(store, ask.id, second.id, due=date(2026, 11, 10))
    review_followup(store, ask.id, second.id, owner="Birgitte Holm")
    clock.to(NOV1)
    third = start_meeting(store, council.id, PLAIN, NOV1)
    review_followup(store, ask.id, third.id, status="i_gang")

    then = collect_bundle(store, first.id)
    created = {fu.id: fu for fu in then.followups_created}
    assert (created[bath.id].status, created[bath.id].due) == ("aaben", date(2026, 10, 1))
    assert (created[ask.id].status, created[ask.id].owner) == ("aaben", "Karen Nielsen")
    assert {fu.id for fu in then.open_followups} == {bath.id, ask.id}

    middle = collect_bundle(store, second.id)
    reviewed = {r.followup.id: r for r in middle.followups_reviewed}
    assert reviewed[bath.id].followup.status == "udfoert"
    assert (reviewed[ask.id].followup.due, reviewed[ask.id].followup.owner,
            reviewed[ask.id].followup.status) == (date(2026, 11, 10), "Birgitte Holm", "aaben")
    assert [fu.id for fu in middle.open_followups] == [ask.id]
    assert reviewed[ask.id].followup.carried_over == 1

    newest = collect_bundle(store, third.id)
    (carried,) = [r for r in newest.followups_reviewed if r.followup.id == ask.id]
    assert (carried.followup.status, carried.followup.carried_over) == ("i_gang", 2)
    # The stored follow-ups are not touched by reading the past.
    assert store.followup(ask.id).status == "i_gang"
    assert store.followup(bath.id).status == "udfoert"


def test_a_triage_meeting_reviews_the_teams_followups_not_each_residents_task(store, clock):
    team = store.ensure_council("Afdeling Birk", "triage")
    triage = template(("triage", "Runde ved tavlen"), ("eventuelt", "Eventuelt"), kind="triage")
    monday = start_meeting(store, team.id, triage, date(2026, 11, 2))
    round_item = monday.items[0].id
    for label in ("AB, stue 1", "CD, stue 2", "EF, stue 3"):
        store.add_followup(monday.id, round_item, "Sygeplejefaglig vurdering", resident=label,
                           due=date(2026, 11, 3))
    team_task = store.add_followup(monday.id, round_item, "Bestil ny lift", owner="Mette")

    clock.to(date(2026, 11, 3))
    tuesday = start_meeting(store, team.id, triage, date(2026, 11, 3))
    review = next(i for i in tuesday.items if i.title == REVIEW_ITEM_TITLE)
    assert review.planned_minutes == 1
    assert [line.split(" · ")[0] for line in review.description.splitlines()[1:]] == [
        "- Bestil ny lift"]
    assert [f.id for f in followups_to_review(store, tuesday)] == [team_task.id]
    # ...but each resident's task is counted as carried over all the same (one rule).
    assert all(f.carried_over == 1 for f in store.open_followups(team.id) if f.resident)


def test_a_reviewed_followup_removed_by_mistake_is_set_udgaaet(store, council, clock):
    from meetingtool.actions.review import MISTAKE_COMMENT, remove_followup

    first = start_meeting(store, council.id, PLAIN, SEP1)
    fresh = store.add_followup(first.id, tema_id(first), "Skrevet forkert")
    assert "er fjernet" in remove_followup(store, fresh.id, first.id)
    assert [f.id for f in store.followups(council.id)] == []
    corrected = store.add_followup(first.id, tema_id(first), "Skrevet forkert igen")
    review_followup(store, corrected.id, first.id, due=date(2026, 12, 1))  # in the same meeting
    assert "er fjernet" in remove_followup(store, corrected.id, first.id)
    kept = store.add_followup(first.id, tema_id(first), "Lav årshjul")
    clock.to(OCT1)
    second = start_meeting(store, council.id, PLAIN, OCT1)
    review_followup(store, kept.id, second.id, due=date(2026, 12, 1))      # reviewed later
    assert "Udgået" in remove_followup(store, kept.id, first.id)
    stored = store.followup(kept.id)
    assert (stored.status, stored.history[-1].comment) == ("udgaaet", MISTAKE_COMMENT)


@pytest.mark.parametrize("decision", [
    {"due": date(2026, 12, 1)}, {"owner": "Karen Nielsen"}, {"status": "udfoert"},
    {"status": "udgaaet"},
])
def test_a_review_decision_resets_the_carried_over_warning(store, in_review, decision):
    """The warning offers a new owner or due date (or closing) as its ways out."""
    followup, meeting = in_review
    stuck = store.followup(followup.id)
    stuck.carried_over = 3
    store.save_followup(stuck)
    assert needs_attention(store.followup(followup.id))
    review_followup(store, followup.id, meeting.id, comment="Drøftet")   # a comment is no way out
    assert needs_attention(store.followup(followup.id))
    review_followup(store, followup.id, meeting.id, **decision)
    stored = store.followup(followup.id)
    assert not needs_attention(stored)
    assert stored.carried_over == 3                                        # the count stays
    if stored.is_open:   # three more carries after the decision warn again
        stored.carried_over = 6
        store.save_followup(stored)
        assert needs_attention(store.followup(followup.id))


def test_a_closed_follow_up_changed_again_is_listed_as_changed(store, council):
    """The store keeps closed files decoded between listings; a change must still show."""
    first = start_meeting(store, council.id, PLAIN, SEP1)
    done = store.add_followup(first.id, tema_id(first), "Opslag på tavlen")
    store.update_followup(done.id, status="udfoert", meeting_id=first.id)
    [listed] = store.followups(council.id, changed_in=first.id)
    assert listed.status == "udfoert" and len(listed.history) == 2
    store.update_followup(done.id, comment="Hænger der stadig", meeting_id=first.id)
    [listed] = store.followups(council.id, changed_in=first.id)
    assert listed.history[-1].comment == "Hænger der stadig"
