"""A sample meeting and an in-memory stand-in for the store, shared by the export tests.

``FakeStore`` answers exactly the Store methods ``collect_bundle`` calls, from model objects
built here, so the exporters are tested without TinyDB. The tests at the bottom check what
``collect_bundle`` gathers (review outcomes, escalations, open follow-ups, next meeting).
"""

from __future__ import annotations

import copy
from datetime import date, datetime, time

import pytest

from meetingtool.core.errors import NotFoundError
from meetingtool.core.model import (
    Attendee,
    Council,
    Decision,
    Escalation,
    FollowUp,
    Meeting,
    MeetingItem,
    MeetingSummary,
    MinutesApproval,
    Resident,
    StatusChange,
    TriageEntry,
)
from meetingtool.export.bundle import CARRIED_OVER, CLOSED, DROPPED, REDATED, collect_bundle

KILDEHAVEN = "Bruger- og pårørenderåd Kildehaven"
TELL_OTHERS = "Hvad fortæller vi de andre beboere og pårørende?"
LONG_NOTE = ("Rådet drøftede måltiderne grundigt, og især aftensmaden fylder. " * 40).strip()


class FakeStore:
    """In-memory answers to the Store methods the exporters use; records nothing written."""

    def __init__(self) -> None:
        self.councils_by_id: dict[str, Council] = {}
        self.meetings_by_id: dict[int, Meeting] = {}
        self.decision_list: list[Decision] = []
        self.followup_list: list[FollowUp] = []
        self.residents_list: list[Resident] = []
        self.entries: list[TriageEntry] = []

    # The store hands out fresh objects; so does this, so exporters can't alias its state.
    def council(self, council_id):
        if council_id not in self.councils_by_id:
            raise NotFoundError(f"Rådet {council_id} findes ikke.")
        return copy.deepcopy(self.councils_by_id[council_id])

    def councils(self):
        return sorted(copy.deepcopy(list(self.councils_by_id.values())), key=lambda c: c.name)

    def find_council(self, name):
        for council in self.councils_by_id.values():
            if council.name.casefold() == name.casefold():
                return copy.deepcopy(council)
        return None

    def trials(self, council_id=None, *, open_only=False):
        return []

    def indicators(self, council_id=None, *, include_shared=True):
        return []

    def meeting(self, meeting_id):
        if meeting_id not in self.meetings_by_id:
            raise NotFoundError(f"Møde {meeting_id} findes ikke.")
        return copy.deepcopy(self.meetings_by_id[meeting_id])

    def meetings(self, council_id=None, limit=None):
        found = [
            MeetingSummary(m.id, m.council_id, m.council_name, m.kind, m.title, m.date,
                           m.status, m.approval is not None)
            for m in self.meetings_by_id.values()
            if council_id is None or m.council_id == council_id
        ]
        found.sort(key=lambda s: (s.date, s.id), reverse=True)
        return found[:limit] if limit else found

    def previous_meeting(self, meeting_id):
        meeting = self.meetings_by_id[meeting_id]
        earlier = [
            m for m in self.meetings_by_id.values()
            if m.council_id == meeting.council_id and (m.date, m.id) < (meeting.date, meeting.id)
        ]
        return copy.deepcopy(max(earlier, key=lambda m: (m.date, m.id))) if earlier else None

    def decisions(self, meeting_id, item_id=None):
        return copy.deepcopy([
            d for d in self.decision_list
            if d.meeting_id == meeting_id and (item_id is None or d.item_id == item_id)
        ])

    def followup(self, followup_id):
        for followup in self.followup_list:
            if followup.id == followup_id:
                return copy.deepcopy(followup)
        raise NotFoundError(f"Opfølgningspunkt {followup_id} findes ikke.")

    def followups(self, council_id=None, *, meeting_id=None, open_only=False):
        return copy.deepcopy([
            f for f in self.followup_list
            if (council_id is None or f.council_id == council_id)
            and (meeting_id is None or f.meeting_id == meeting_id)
            and (not open_only or f.is_open)
        ])

    def open_followups(self, council_id):
        return self.followups(council_id, open_only=True)

    def borgergennemgange(self, resident_id):
        return []

    def residents(self, council_id, include_inactive=False):
        return copy.deepcopy([
            r for r in self.residents_list
            if r.council_id == council_id and (include_inactive or r.active)
        ])

    def triage_entries(self, meeting_id):
        return copy.deepcopy([e for e in self.entries if e.meeting_id == meeting_id])


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def followup(store, fid, council_id, meeting_id, item_id, text, created, **fields):
    history = fields.pop("history", None)
    fu = FollowUp(fid, council_id, meeting_id, item_id, text, created, **fields)
    fu.history = history or [StatusChange(created, "aaben", meeting_id, fu.due, fu.owner)]
    store.followup_list.append(fu)
    return fu


def sample_store(kind: str = "bruger-og-paaroerenderaad") -> FakeStore:
    """Kildehaven's council: a September meeting, then the November meeting (id 2)."""
    store = FakeStore()
    council_name = KILDEHAVEN if kind == "bruger-og-paaroerenderaad" else "Kvalitetsråd Åparken"
    store.councils_by_id["kildehaven"] = Council("kildehaven", council_name, kind)
    store.councils_by_id["kvalitetsudvalg"] = Council(
        "kvalitetsudvalg", "Kvalitetsudvalg Viborg", "kvalitetsudvalg"
    )
    sept, nov = date(2026, 9, 3), date(2026, 11, 22)
    first = Meeting(
        1, "kildehaven", council_name, kind, "Møde i september", sept,
        items=[MeetingItem(1, "Tema: Aktiviteter", 30)], status="afsluttet",
        approval=MinutesApproval(nov, 2, ""),
    )
    items = [
        MeetingItem(1, "Velkomst og godkendelse af dagsorden", 5, kind="godkendelse",
                    used_seconds=240, notes="Dagsordenen blev godkendt."),
        MeetingItem(2, "Godkendelse af referat", 5, kind="godkendelse", used_seconds=120),
        MeetingItem(3, "Tema: Mad og måltider", 30, kind="tema", presenter="Køkkenleder Ærø",
                    used_seconds=38 * 60,
                    notes="Beboerne ønsker mere grønt.\n\n" + LONG_NOTE),
        MeetingItem(4, "Eventuelt", 5, kind="eventuelt"),
        MeetingItem(5, TELL_OTHERS, 5, notes="Maden bliver bedre.\x0bVi prøver nye retter."),
    ]
    meeting = Meeting(
        2, "kildehaven", council_name, kind, "Kvartalsmøde", nov, items=items,
        place="Fælleshuset, Kildehaven", theme="Mad og måltider", start_time=time(14, 0),
        status="afsluttet",
        attendance=[
            Attendee("Åse Øgaard", "formand"),
            Attendee("Bent Ærtebjerg", "referent"),
            Attendee("Carla Ødum", "paaroerende", "afbud"),
            Attendee("Dorte Ås", "beboer", "fravaerende"),
            Attendee("Erik Køkken", "gaest", guest=True),
        ],
        chair="Åse Øgaard", secretary="Bent Ærtebjerg",
        started_at=at(nov, 14, 0), ended_at=at(nov, 15, 42),
        next_meeting=date(2027, 2, 25),
    )
    store.meetings_by_id = {1: first, 2: meeting}
    store.decision_list = [
        Decision("2-1", 2, 3, "Der serveres grøntsager til alle måltider.", at(nov, 14, 40)),
        Decision("2-2", 2, 3, "Køkkenet inviteres igen i foråret med nye æøå-retter.",
                 at(nov, 14, 50)),
        Decision("2-3", 2, 1, "Dagsordenen er godkendt.", at(nov, 14, 3)),
    ]
    followup(store, "2-1", "kildehaven", 2, 3, "Indkøb af nye tallerkener", at(nov, 14, 45),
             owner="Bent Ærtebjerg", due=date(2026, 12, 15))
    followup(store, "2-2", "kildehaven", 2, 3, "Enkeltsag: fru Hansens kost", at(nov, 14, 47),
             owner="Centerleder", due=date(2026, 12, 1), internal=True)
    # Earlier follow-ups reviewed at the November meeting.
    created = at(sept, 15)
    followup(store, "1-1", "kildehaven", 1, 1, "Ny aktivitetskalender", created, owner="Åse",
             status="udfoert", history=[
                 StatusChange(created, "aaben", 1, None, "Åse"),
                 StatusChange(at(nov, 14, 10), "udfoert", 2, None, "Åse", "Hængt op"),
             ])
    followup(store, "1-2", "kildehaven", 1, 1, "Havebænke males", created, owner="Pedel",
             due=date(2027, 1, 15), history=[
                 StatusChange(created, "aaben", 1, date(2026, 10, 1), "Pedel"),
                 StatusChange(at(nov, 14, 12), "aaben", 2, date(2027, 1, 15), "Pedel"),
             ])
    followup(store, "1-3", "kildehaven", 1, 1, "Busudflugt planlægges", created,
             owner="Frivillige", carried_over=3)
    followup(store, "1-4", "kildehaven", 1, 1, "Sangaften", created, status="udgaaet",
             history=[StatusChange(created, "aaben", 1),
                      StatusChange(at(nov, 14, 15), "udgaaet", 2, comment="Ingen tilmeldte")])
    # Sent on to the quality committee at the November meeting.
    escalation = Escalation("kildehaven", "kvalitetsudvalg", "Kræver ændret arbejdsgang",
                            at(nov, 15, 0), "2-3", "2-4")
    followup(store, "2-3", "kildehaven", 2, 3, "Måltider om aftenen for sent", at(nov, 15, 0),
             status="i_gang", escalated_to=escalation, history=[
                 StatusChange(at(nov, 15, 0), "aaben", 2),
                 StatusChange(at(nov, 15, 0, ), "i_gang", 2, comment="Sendt til udvalget"),
             ])
    followup(store, "2-4", "kvalitetsudvalg", 2, 3, "Måltider om aftenen for sent",
             at(nov, 15, 0), escalated_from=escalation)
    if kind == "triage":
        store.residents_list = [
            Resident("r1", "kildehaven", "AB", "12"),
            Resident("r2", "kildehaven", "KØ", "14"),
            Resident("r3", "kildehaven", "", "7", active=False, moved_out=date(2026, 11, 20)),
        ]
        store.entries = [
            TriageEntry("e1", 2, "r2", "groen"),
            TriageEntry("e2", 2, "r1", "roed", "Faldt i nat", "Sygeplejefaglig vurdering",
                        "Sygeplejerske Åse"),
            TriageEntry("e3", 2, "r3", "gul", "Spiser mindre", "Vejes dagligt", "SSA Ørum"),
        ]
        followup(store, "2-5", "kildehaven", 2, 3, "Sygeplejefaglig vurdering",
                 at(nov, 14, 5), owner="Sygeplejerske Åse", due=date(2026, 11, 23),
                 resident="r1")
    return store


def sample_bundle(kind: str = "bruger-og-paaroerenderaad"):
    return collect_bundle(sample_store(kind), 2)


def test_collect_bundle_sorts_out_review_outcomes():
    bundle = sample_bundle()
    outcomes = {r.followup.id: r.outcome for r in bundle.followups_reviewed}
    assert outcomes == {"1-1": CLOSED, "1-4": DROPPED, "1-2": REDATED, "1-3": CARRIED_OVER}
    assert [r.comments for r in bundle.followups_reviewed if r.followup.id == "1-1"] == [
        ["Hængt op"]
    ]


def test_collect_bundle_gathers_meeting_parts():
    bundle = sample_bundle()
    assert [fu.id for fu in bundle.followups_created] == ["2-1", "2-2", "2-3"]
    assert [d.id for d in bundle.decisions_for(3)] == ["2-1", "2-2"]
    assert [(e.other_council, e.other_status) for e in bundle.escalations_out] == [
        ("Kvalitetsudvalg Viborg", "aaben")
    ]
    assert bundle.escalations_in == []
    assert {fu.id for fu in bundle.open_followups} == {"1-2", "1-3", "2-1", "2-2", "2-3"}
    assert bundle.previous.meeting_id == 1 and bundle.previous.approval.approved_in_meeting_id == 2
    assert bundle.next_meeting == date(2027, 2, 25)


def test_collect_bundle_finds_next_meeting_from_the_catalogue():
    store = sample_store()
    store.meetings_by_id[2].next_meeting = None
    later = copy.deepcopy(store.meetings_by_id[1])
    later.id, later.date, later.approval = 3, date(2027, 3, 4), None
    store.meetings_by_id[3] = later
    assert collect_bundle(store, 2).next_meeting == date(2027, 3, 4)


def test_collect_bundle_unknown_meeting():
    with pytest.raises(NotFoundError):
        collect_bundle(sample_store(), 99)


def test_a_case_sent_on_earlier_reads_as_where_it_lies_not_as_carried_over():
    from meetingtool.export import wording

    store = sample_store()
    (bus,) = [fu for fu in store.followup_list if fu.id == "1-3"]
    bus.escalated_to = Escalation("kildehaven", "kvalitetsudvalg", "Kræver en bus",
                                  datetime(2026, 9, 3, 15, 0), "1-3")
    bus.history.append(StatusChange(datetime(2026, 9, 3, 15, 0), "i_gang", 1,
                                    comment="Sendt til Kvalitetsudvalg Viborg"))
    bundle = collect_bundle(store, 2)
    (reviewed,) = [r for r in bundle.followups_reviewed if r.followup.id == "1-3"]
    assert reviewed.sent_to == "Kvalitetsudvalg Viborg"
    assert wording.review_outcome(reviewed) == (
        "Ligger hos Kvalitetsudvalg Viborg (sendt 03.09.2026)")


def test_a_resident_named_at_the_start_of_the_text_is_not_repeated():
    from meetingtool.export import wording

    bundle = sample_bundle("triage")
    case = FollowUp("2-9", "kildehaven", 2, 3, "AB, stue 12: Gentagne fald om natten",
                    datetime(2026, 11, 22, 14, 0), resident="r1")
    assert wording.followup_row(case, bundle)[0] == "AB, stue 12: Gentagne fald om natten"
    task = FollowUp("2-8", "kildehaven", 2, 3, "Sygeplejefaglig vurdering",
                    datetime(2026, 11, 22, 14, 0), resident="r1")
    assert wording.followup_row(task, bundle)[0] == "Sygeplejefaglig vurdering (AB, stue 12)"


def test_a_residents_task_in_the_review_table_names_the_resident():
    from meetingtool.export import wording

    store = sample_store("triage")
    (plan,) = [fu for fu in store.followup_list if fu.id == "1-3"]
    plan.resident = "r2"
    bundle = collect_bundle(store, 2)
    (reviewed,) = [r for r in bundle.followups_reviewed if r.followup.id == "1-3"]
    assert wording.review_row(reviewed, bundle)[0] == "Busudflugt planlægges (KØ, stue 14)"


def test_the_open_list_leaves_out_follow_ups_of_later_meetings():
    store = sample_store()
    later = copy.deepcopy(store.meetings_by_id[1])
    later.id, later.date, later.approval = 3, date(2027, 2, 25), None
    store.meetings_by_id[3] = later
    # delivered early into the planned February meeting: not open "after" November's
    followup(store, "3-1", "kildehaven", 3, 1, "Sag fra udvalget", datetime(2026, 11, 22, 9, 0))
    assert "3-1" not in {fu.id for fu in collect_bundle(store, 2).open_followups}
    assert "3-1" in {fu.id for fu in collect_bundle(store, 3).open_followups}

