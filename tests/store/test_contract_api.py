"""The store's contract: round trips through the API, on every backend (``store`` and
``reopen`` come from ``conftest.py``: a data folder and a real PostgreSQL database)."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.model import (
    AgendaTemplate,
    Member,
    MinutesApproval,
    TemplateItem,
    TriageRule,
    TriageSettings,
)
from meetingtool.store import Store

DANISH = "Æblegrød på Ørbæk Ældrecenter — Åse Ærø siger: “så går vi i gang!”"
LONG = ("Referat med mange detaljer om økonomi, rengøring og pårørendes ønsker. "
        * 400).strip()


def template(**extra) -> AgendaTemplate:
    return AgendaTemplate(
        kind="bruger_paaroerende",
        title="Møde i Bruger- og pårørenderådet",
        items=[
            TemplateItem("Velkomst og godkendelse af dagsorden", 5),
            TemplateItem("Økonomi", 20, kind="beslutning", presenter="Centerleder",
                         questions=["Hvad koster det?"], tags=["tryghed"]),
            TemplateItem("Eventuelt", 10),
        ],
        place="Café Æblehaven",
        start_time=time(14, 0),
        source=Path("/skabeloner/bpr.toml"),
        **extra,
    )


MEMBERS = [Member("Åse Ørsted", "formand"), Member("Bjørn Læsø", "referent"),
           Member("Søren Kærgård", "medlem")]


def council_and_meeting(store: Store, on: date = date(2026, 11, 22)):
    council = store.ensure_council("Bruger- og pårørenderåd", "bruger_paaroerende", MEMBERS)
    return council, store.create_meeting(council.id, template(), on)


def test_councils_round_trip(store: Store, reopen):
    a = store.ensure_council("Kvalitetsråd Ølstykke", "kvalitetsraad", MEMBERS)
    b = store.ensure_council("Bruger- og pårørenderåd", "bruger_paaroerende")
    assert a.id == "kvalitetsraad-oelstykke"
    assert b.id == "bruger-og-paaroerenderaad"
    assert store.ensure_council("kvalitetsråd ølstykke", "kvalitetsraad") == a
    assert [c.name for c in store.councils()] == ["Bruger- og pårørenderåd",
                                                  "Kvalitetsråd Ølstykke"]
    assert store.find_council("BRUGER- OG PÅRØRENDERÅD") == b
    assert store.find_council("findes ikke") is None
    b.members.append(Member("Ærlige Ærbø", "medlem"))
    store.save_council(b)
    assert reopen().council(b.id).members == [Member("Ærlige Ærbø", "medlem")]
    with pytest.raises(NotFoundError):
        store.council("ukendt")


def test_same_slug_gets_a_new_id(store: Store):
    first = store.ensure_council("Råd", "kvalitetsraad")
    second = store.ensure_council("Raad", "kvalitetsraad")
    assert first.id == "raad" and second.id == "raad-2"


def test_create_meeting_copies_template_and_members(store: Store, reopen):
    council, meeting = council_and_meeting(store)
    assert meeting.id == 1
    assert [item.id for item in meeting.items] == [1, 2, 3]
    assert meeting.items[1].questions == ["Hvad koster det?"]
    assert [(a.name, a.presence) for a in meeting.attendance] == [
        ("Åse Ørsted", "ikke_registreret"), ("Bjørn Læsø", "ikke_registreret"),
        ("Søren Kærgård", "ikke_registreret")]
    assert meeting.chair == "Åse Ørsted" and meeting.secretary == "Bjørn Læsø"
    assert meeting.status == "planlagt"
    assert meeting.place == "Café Æblehaven" and meeting.start_time == time(14, 0)
    assert meeting.template_source == "/skabeloner/bpr.toml"
    assert reopen().meeting(meeting.id) == meeting
    other = store.create_meeting(council.id, template(), date(2026, 12, 1), title="Ekstra",
                                 place="", start_time=time(9, 30), theme="Mad")
    assert (other.id, other.title, other.place, other.start_time, other.theme) == (
        2, "Ekstra", "", time(9, 30), "Mad")


def test_moedeleder_is_chair_and_triage_settings_are_copied(store: Store):
    council = store.ensure_council("Triageteam", "triage",
                                   [Member("Pia", "formand"), Member("Lise", "moedeleder")])
    settings = TriageSettings(rules=[TriageRule("roed", "Sygeplejerske vurderer", 24)])
    meeting = store.create_meeting(council.id, template(triage=settings), date(2026, 11, 23))
    assert meeting.chair == "Lise" and meeting.secretary == ""
    assert store.meeting(meeting.id).triage == settings


def test_save_meeting_round_trip_danish_long_and_empty(store: Store, reopen):
    _, meeting = council_and_meeting(store)
    meeting.items[0].notes = DANISH
    meeting.items[1].notes = LONG
    meeting.items[2].notes = ""
    meeting.items[1].used_seconds = 754.5
    meeting.attendance[2].presence = "afbud"
    meeting.clock.current_item_id = 2
    meeting.approval = MinutesApproval(date(2026, 12, 1), 2, "Rettelse: Åse var til stede.")
    store.save_meeting(meeting)
    again = reopen().meeting(meeting.id)
    assert again == meeting
    assert store.meetings()[0].approved is True


def test_reopened_meeting_clock_is_paused(store: Store):
    _, meeting = council_and_meeting(store)
    meeting.clock.running = True
    meeting.clock.current_item_id = 3
    store.save_meeting(meeting)
    again = store.meeting(meeting.id)
    assert again.clock.running is False and again.clock.current_item_id == 3


def test_meetings_newest_first_limit_and_previous(store: Store):
    council, first = council_and_meeting(store, date(2026, 1, 10))
    other = store.ensure_council("Kvalitetsråd", "kvalitetsraad")
    third = store.create_meeting(council.id, template(), date(2026, 3, 10))
    second = store.create_meeting(council.id, template(), date(2026, 2, 10))
    foreign = store.create_meeting(other.id, template(), date(2026, 2, 20))
    assert [s.id for s in store.meetings()] == [third.id, foreign.id, second.id, first.id]
    assert [s.id for s in store.meetings(council.id, limit=2)] == [third.id, second.id]
    assert store.previous_meeting(third.id).id == second.id
    assert store.previous_meeting(second.id).id == first.id
    assert store.previous_meeting(first.id) is None
    assert store.previous_meeting(foreign.id) is None
    third.status = "afsluttet"
    third.title = "Marts-mødet"
    store.save_meeting(third)
    summary = store.meetings(council.id, limit=1)[0]
    assert (summary.status, summary.title) == ("afsluttet", "Marts-mødet")
    first.date = date(2025, 12, 30)  # moved to another year: listed once, in the right place
    store.save_meeting(first)
    assert [s.id for s in store.meetings()] == [third.id, foreign.id, second.id, first.id]
    assert [s.date for s in store.meetings(council.id)][-1] == date(2025, 12, 30)
    assert store.previous_meeting(second.id).id == first.id
    with pytest.raises(NotFoundError):
        store.meeting(999)


def test_decisions(store: Store, clock, reopen):
    _, meeting = council_and_meeting(store)
    d1 = store.add_decision(meeting.id, 2, DANISH)
    d2 = store.add_decision(meeting.id, 1, LONG)
    d3 = store.add_decision(meeting.id, 2, "")
    assert d1.created == datetime(2026, 11, 22, 14, 31)
    assert len({d1.id, d2.id, d3.id}) == 3
    reopened = reopen()
    assert reopened.decisions(meeting.id) == [d1, d2, d3]
    assert reopened.decisions(meeting.id, item_id=2) == [d1, d3]
    changed = store.update_decision(meeting.id, d1.id, "Ændret: æøå")
    assert changed.text == "Ændret: æøå" and changed.created == d1.created
    store.delete_decision(meeting.id, d2.id)
    d4 = store.add_decision(meeting.id, 3, "Ny")
    assert d4.id not in {d1.id, d2.id, d3.id}  # ids are never reused
    assert [d.id for d in reopen().decisions(meeting.id)] == [d1.id, d3.id, d4.id]
    with pytest.raises(NotFoundError):
        store.delete_decision(meeting.id, d2.id)
    with pytest.raises(NotFoundError):
        store.add_decision(meeting.id, 99, "punkt findes ikke")
    with pytest.raises(NotFoundError):
        store.add_decision(999, 1, "mødet findes ikke")


def test_followups_round_trip_and_history(store: Store, reopen):
    council, meeting = council_and_meeting(store)
    fu = store.add_followup(meeting.id, 2, DANISH, owner="Bjørn Læsø", due=date(2026, 12, 1),
                            internal=True, resident="ÅØ")
    assert fu.id == f"{meeting.id}-1"
    assert fu.status == "aaben" and fu.council_id == council.id and fu.item_id == 2
    assert [(h.status, h.meeting_id, h.due, h.owner) for h in fu.history] == [
        ("aaben", meeting.id, date(2026, 12, 1), "Bjørn Læsø")]
    assert reopen().followup(fu.id) == fu
    later = store.create_meeting(council.id, template(), date(2026, 12, 10))
    updated = store.update_followup(fu.id, status="i_gang", due=date(2027, 1, 5),
                                    comment="Rykket", meeting_id=later.id)
    assert updated.status == "i_gang" and updated.due == date(2027, 1, 5)
    assert [(h.status, h.meeting_id, h.comment) for h in updated.history] == [
        ("aaben", meeting.id, ""), ("i_gang", later.id, "Rykket")]
    assert store.followup(fu.id) == updated
    done = store.update_followup(fu.id, status="udfoert", owner="Åse", text="Ny tekst",
                                 internal=False)
    assert (done.status, done.owner, done.text, done.internal) == (
        "udfoert", "Åse", "Ny tekst", False)
    assert len(done.history) == 3
    with pytest.raises(MeetingToolError):
        store.update_followup(fu.id, status="faerdig")
    with pytest.raises(NotFoundError):
        store.followup("99-1")
    with pytest.raises(NotFoundError):
        store.followup("ikke-et-id")


def test_open_followups_index_follows_status(store: Store, reopen):
    council, meeting = council_and_meeting(store)
    other = store.ensure_council("Kvalitetsråd", "kvalitetsraad")
    other_meeting = store.create_meeting(other.id, template(), date(2026, 11, 25))
    a = store.add_followup(meeting.id, 1, "A")
    b = store.add_followup(meeting.id, None, "B")
    c = store.add_followup(other_meeting.id, 1, "C")
    assert [f.id for f in store.open_followups(council.id)] == [a.id, b.id]
    store.update_followup(a.id, status="udfoert")
    assert [f.id for f in store.open_followups(council.id)] == [b.id]
    store.update_followup(a.id, status="aaben", comment="Genåbnet")
    assert [f.id for f in reopen().open_followups(council.id)] == [a.id, b.id]
    store.update_followup(b.id, status="udgaaet")
    assert [f.id for f in store.followups(council.id)] == [a.id, b.id]
    assert [f.id for f in store.followups(council.id, open_only=True)] == [a.id]
    assert [f.id for f in store.followups()] == [a.id, b.id, c.id]
    assert [f.id for f in store.followups(meeting_id=other_meeting.id)] == [c.id]
    assert store.open_followups("ingen-saadan") == []
    # the open index holds the latest version of the follow-up
    assert store.open_followups(council.id)[0] == store.followup(a.id)


def test_save_followup_replaces_whole(store: Store, reopen):
    council, meeting = council_and_meeting(store)
    fu = store.add_followup(meeting.id, 1, "Følg op")
    fu.carried_over = 3
    fu.text = LONG
    store.save_followup(fu)
    assert reopen().followup(fu.id) == fu
    assert store.open_followups(council.id) == [fu]
    fu.status = "udfoert"
    store.save_followup(fu)
    assert store.open_followups(council.id) == []


def test_residents_triage_and_borgergennemgang(store: Store, reopen):
    council = store.ensure_council("Triageteam Solbakken", "triage")
    r1 = store.add_resident(council.id, "ÅØ", "12")
    r2 = store.add_resident(council.id, "", "14B")
    assert store.residents(council.id) == [r1, r2]
    r2.active = False
    r2.moved_out = date(2026, 11, 20)
    store.save_resident(r2)
    assert store.residents(council.id) == [r1]
    assert reopen().residents(council.id, include_inactive=True) == [r1, r2]

    m1 = store.create_meeting(council.id, template(), date(2026, 11, 20))
    m2 = store.create_meeting(council.id, template(), date(2026, 11, 21))
    e1 = store.set_triage_entry(m1.id, r1.id, colour="roed", change="Faldet i nat")
    e1b = store.set_triage_entry(m1.id, r1.id, action="Tilses af sygeplejerske", owner="Pia")
    assert e1b.id == e1.id and e1b.colour == "roed" and e1b.change == "Faldet i nat"
    assert e1b.action == "Tilses af sygeplejerske"
    store.set_triage_entry(m1.id, r2.id, colour="groen")
    e2 = store.set_triage_entry(m2.id, r1.id, colour="gul")
    assert [e.resident_id for e in store.triage_entries(m1.id)] == [r1.id, r2.id]
    history = reopen().resident_history(r1.id)
    assert [(s.id, e.colour) for s, e in history] == [(m1.id, "roed"), (m2.id, "gul")]
    assert history[1][1] == e2
    with pytest.raises(MeetingToolError):
        store.set_triage_entry(m1.id, r1.id, colour="lilla")
    with pytest.raises(NotFoundError):
        store.set_triage_entry(m1.id, f"{council.id}-99", colour="roed")

    answers = {"hvad_ser_vi": "Træthed", "hvad_goer_vi": "Mere søvn"}
    bg = store.add_borgergennemgang(r1.id, m1.id, answers)
    assert reopen().borgergennemgange(r1.id) == [bg]
    assert store.borgergennemgange(r2.id) == []


def test_injected_now_is_used_for_timestamps(reopen):
    fixed = datetime(2030, 5, 17, 9, 15, 42)
    store = reopen(now=lambda: fixed)
    _, meeting = council_and_meeting(store)
    assert store.add_decision(meeting.id, 1, "x").created == fixed
    fu = store.add_followup(meeting.id, 1, "y")
    assert fu.created == fixed and fu.history[0].at == fixed
    assert store.update_followup(fu.id, status="i_gang").history[-1].at == fixed
    path = store.backup("Test")
    if store.backend == "files":
        assert store.backups()[0].created == fixed and path.name.startswith("20300517-091542")
    else:  # a server's backups are its own
        assert path is None and store.backups() == []


def test_two_store_objects_in_one_process_see_each_other(reopen):
    first, second = reopen(), reopen()
    _, meeting = council_and_meeting(first)
    a = first.add_decision(meeting.id, 1, "fra første")
    b = second.add_decision(meeting.id, 1, "fra anden")
    assert a.id != b.id
    assert [d.text for d in first.decisions(meeting.id)] == ["fra første", "fra anden"]




def test_watch_pushes_on_a_server_and_leaves_a_folder_to_polling(store: Store):
    council = store.ensure_council("Kvalitetsråd", "kvalitetsraad")
    meeting = store.create_meeting(council.id, template(), date(2026, 11, 22))
    heard: list[int | None] = []
    stop = store.watch(heard.append, meeting.id)
    if store.backend == "files":
        assert stop is None  # screens keep polling changed_elsewhere
    else:
        assert callable(stop)
        stop()
    assert store.changed_elsewhere(meeting) is False


def test_trials_round_trip_with_ids_history_and_filters(store):
    from datetime import date, datetime

    from meetingtool.core.errors import NotFoundError
    from meetingtool.core.trials import Evaluation, evaluate, new_trial

    council = store.ensure_council("Kvalitetsråd Solbakken", "kvalitetsraad")
    other = store.ensure_council("Kvalitetsråd Kildebo", "kvalitetsraad")
    at = datetime(2027, 3, 10, 14)
    first = store.add_trial(new_trial("", council.id, "Faste spisevenner", date(2027, 6, 1),
                                      at, start=date(2027, 3, 1), owner="Ida"))
    second = store.add_trial(new_trial("", other.id, "Aftenro", date(2027, 9, 1), at))
    assert (first.id, second.id) == ("P1", "P2")
    assert store.trial("p1") == first
    evaluate(first, at, Evaluation("Mere ro", "stop", "For dyrt"))
    store.save_trial(first)
    assert store.trial("P1") == first
    assert [t.id for t in store.trials()] == ["P1", "P2"]
    assert [t.id for t in store.trials(council.id)] == ["P1"]
    assert [t.id for t in store.trials(open_only=True)] == ["P2"]
    for wrong in ("P9", "kvalitet", "12"):
        with pytest.raises(NotFoundError):
            store.trial(wrong)
    with pytest.raises(NotFoundError):
        store.add_trial(new_trial("", "intet-raad", "X", date(2027, 6, 1), at))


def test_meeting_version_changes_with_every_save_and_only_then(store):
    from datetime import date

    from meetingtool.core.model import AgendaTemplate, TemplateItem

    council = store.ensure_council("Kvalitetsråd Kildebo", "kvalitetsraad")
    template = AgendaTemplate(kind="kvalitetsraad", title="Møde",
                              items=[TemplateItem("Tema", 30, "tema")])
    meeting = store.create_meeting(council.id, template, date(2027, 3, 10))
    assert store.meeting_version(9999) is None
    seen = [store.meeting_version(meeting.id)]
    assert store.meeting_version(meeting.id) == seen[-1]  # reading changes nothing
    meeting.items[0].notes = "Noter"
    store.save_meeting(meeting)
    seen.append(store.meeting_version(meeting.id))
    decision = store.add_decision(meeting.id, meeting.items[0].id, "Vi gør det")
    seen.append(store.meeting_version(meeting.id))
    store.update_decision(meeting.id, decision.id, "Vi gør det i april")
    seen.append(store.meeting_version(meeting.id))
    assert len(set(seen)) == len(seen)
