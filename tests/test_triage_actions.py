"""The triage round's use cases (``actions.triage``, ``actions.triage_writer``), no TUI.

A real ``Store`` in the test's data folder, the shipped triage template (red: nurse
assessment within 24 hours, yellow: action plan within 48 hours) and a fixed wall clock.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from meetingtool.actions.escalation import UnknownCouncilError
from meetingtool.actions.triage import TriageRound
from meetingtool.actions.triage_writer import RatingWriter
from meetingtool.core.agenda import load_agenda
from meetingtool.core.errors import MeetingToolError
from meetingtool.store import open_store

AGENDA = Path(__file__).resolve().parent.parent / "agendas" / "triage.toml"
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 13, 45)


def wall() -> datetime:
    return NOW


@pytest.fixture
def team(data_dir):
    """Afdeling Birk: four residents, two earlier rounds, today's meeting (not yet rated)."""
    store = open_store(data_dir, now=wall)
    template = load_agenda(AGENDA)
    council = store.ensure_council("Afdeling Birk", "triage")
    store.ensure_council("Kvalitetsudvalg Syd", "kvalitetsudvalg")
    ids = {initials: store.add_resident(council.id, initials=initials, room=room).id
           for initials, room in [("AB", "1"), ("CD", "2"), ("EF", "3"), ("GH", "4")]}
    for days_before, colours in [(14, {"AB": "groen", "CD": "gul", "EF": "roed"}),
                                 (7, {"AB": "gul", "CD": "gul", "EF": "groen"})]:
        earlier = store.create_meeting(council.id, template, TODAY - timedelta(days=days_before))
        for initials, colour in colours.items():
            store.set_triage_entry(earlier.id, ids[initials], colour=colour)
    meeting = store.create_meeting(council.id, template, TODAY)
    item = next(item for item in meeting.items if item.kind == "triage")
    return store, meeting, item, ids


def open_round(team) -> TriageRound:
    store, meeting, item, _ = team
    return TriageRound(store, meeting.id, item.id, wall=wall)


def stored_rule_tasks(store, meeting_id: int, label: str) -> dict[str, object]:
    """Today's follow-ups about a resident, by rule text (the part before the deadline)."""
    found = [f for f in store.followups(meeting_id=meeting_id) if f.resident == label]
    by_text = {f.text.split(" – ")[0]: f for f in found}
    assert len(by_text) == len(found), "a rule task was made twice"
    return by_text


# --- opening -------------------------------------------------------------------------------


def test_round_opens_in_previous_colour_order_with_trends(team):
    _, _, _, ids = team
    rating = open_round(team)
    # latest colour before today: CD and AB yellow (by room), EF green, GH never rated
    assert [r.initials for r in rating.residents] == ["AB", "CD", "EF", "GH"]
    assert rating.trends[ids["EF"]] == ["roed", "groen"]
    assert rating.trends[ids["GH"]] == [None, None]
    assert rating.previous[ids["GH"]] is None
    assert rating.counts()["ikke vurderet"] == 4
    # budget by the previous colour until rated today: yellow 30 s, green 10 s, new 30 s
    assert rating.planned_by_colour() == 30 + 30 + 10 + 30


# --- rating and the colour rules ------------------------------------------------------------


def test_rate_writes_the_entry_and_the_colour_rule_once(team):
    store, meeting, item, ids = team
    rating = open_round(team)
    entry = rating.rate(ids["EF"], "roed")
    assert entry.colour == "roed" and entry.id  # the stored entry, not the in-memory one
    rating.rate(ids["EF"], "roed")               # the same colour again changes nothing
    assert [(e.resident_id, e.colour) for e in store.triage_entries(meeting.id)] == [
        (ids["EF"], "roed")]
    tasks = stored_rule_tasks(store, meeting.id, "EF, stue 3")
    assert list(tasks) == ["Sygeplejefaglig vurdering"]
    task = tasks["Sygeplejefaglig vurdering"]
    assert task.text == "Sygeplejefaglig vurdering – senest 24. november 2026 kl. 13.45"
    assert (task.due, task.item_id, task.owner, task.status) == (
        date(2026, 11, 24), item.id, "", "aaben")
    assert rating.change_text(ids["EF"]) == ("Grøn → Rød", True)


def test_a_corrected_colour_leaves_no_task_of_the_wrong_colour(team):
    store, meeting, _, ids = team
    rating = open_round(team)
    rating.rate(ids["CD"], "roed")
    rating.rate(ids["CD"], "gul")                # a correction: the red task goes entirely
    tasks = stored_rule_tasks(store, meeting.id, "CD, stue 2")
    assert list(tasks) == ["Handleplan"]
    assert tasks["Handleplan"].status == "aaben"
    assert tasks["Handleplan"].due == date(2026, 11, 25)

    rating.rate(ids["CD"], "roed")               # back to red: one assessment again
    tasks = stored_rule_tasks(store, meeting.id, "CD, stue 2")
    assert list(tasks) == ["Sygeplejefaglig vurdering"]
    assert tasks["Sygeplejefaglig vurdering"].status == "aaben"

    rating.rate(ids["CD"], "groen")              # green asks for nothing
    assert stored_rule_tasks(store, meeting.id, "CD, stue 2") == {}
    assert rating.followups_of(ids["CD"]) == []  # the round's own copies follow the store


def test_a_task_somebody_took_on_is_kept_when_the_colour_changes(team):
    store, meeting, _, ids = team
    rating = open_round(team)
    rating.rate(ids["AB"], "roed")
    rating.note(ids["AB"], change="Faldet i nat", action="Tilsyn", owner="Mette")
    rating.rate(ids["AB"], "groen")
    tasks = stored_rule_tasks(store, meeting.id, "AB, stue 1")
    assert tasks["Sygeplejefaglig vurdering"].status == "aaben"
    assert tasks["Sygeplejefaglig vurdering"].owner == "Mette"


def test_rating_shown_first_and_written_later(team):
    store, meeting, _, ids = team
    rating = open_round(team)
    assert rating.rate_in_memory(ids["GH"], "gul") is True
    assert rating.colour(ids["GH"]) == "gul"
    assert store.triage_entries(meeting.id) == []            # nothing written yet
    assert rating.rate_in_memory(ids["GH"], "gul") is False  # already shown: nothing to do
    rating.save_rating(ids["GH"], "gul")
    assert [e.colour for e in store.triage_entries(meeting.id)] == ["gul"]
    assert list(stored_rule_tasks(store, meeting.id, "GH, stue 4")) == ["Handleplan"]
    with pytest.raises(MeetingToolError, match="Ukendt farve"):
        rating.rate_in_memory(ids["GH"], "blaa")


# --- note, owner, borgergennemgang ----------------------------------------------------------


def test_note_sets_change_action_owner_and_gives_the_owner_to_untaken_tasks(team):
    store, meeting, _, ids = team
    rating = open_round(team)
    rating.rate(ids["EF"], "roed")
    entry = rating.note(ids["EF"], change="  Faldet i nat ", action="Tilsyn hver 2. time",
                        owner="Mette")
    assert (entry.change, entry.action, entry.owner) == (
        "Faldet i nat", "Tilsyn hver 2. time", "Mette")
    assert rating.change_text(ids["EF"]) == ("Faldet i nat", False)
    [task] = stored_rule_tasks(store, meeting.id, "EF, stue 3").values()
    assert task.owner == "Mette"
    # a later owner does not take a task that already has one
    rating.note(ids["EF"], change="Faldet i nat", action="Tilsyn", owner="Anders")
    [task] = stored_rule_tasks(store, meeting.id, "EF, stue 3").values()
    assert task.owner == "Mette"


def test_note_refuses_a_cpr_number_and_writes_nothing(team):
    store, meeting, _, ids = team
    rating = open_round(team)
    with pytest.raises(MeetingToolError, match="CPR"):
        rating.note(ids["AB"], change="Faldet 010180-1234", action="", owner="")
    assert store.triage_entries(meeting.id) == []


def test_borgergennemgang_needs_an_answer_and_is_kept_with_the_resident(team):
    store, meeting, _, ids = team
    rating = open_round(team)
    with pytest.raises(MeetingToolError, match="mindst ét"):
        rating.borgergennemgang(ids["CD"], {})
    with pytest.raises(MeetingToolError, match="CPR"):
        rating.borgergennemgang(ids["CD"], {"hvad_ved_vi": "CPR 010180-1234"})
    saved = rating.borgergennemgang(ids["CD"], {"hvordan_har_borgeren_det": " Træt "})
    [review] = store.borgergennemgange(ids["CD"])
    assert review.id == saved.id and review.meeting_id == meeting.id
    # every question kept, the unanswered ones empty
    assert review.answers["hvordan_har_borgeren_det"] == "Træt"
    assert sorted(v for v in review.answers.values() if v) == ["Træt"]
    assert len(review.answers) == 5


# --- escalation -----------------------------------------------------------------------------


def test_escalate_sends_the_row_with_initials_and_room_only(team):
    store, meeting, item, ids = team
    committee = store.find_council("Kvalitetsudvalg Syd")
    planned = store.create_meeting(committee.id, load_agenda(AGENDA.parent /
                                                             "kvalitetsudvalg.toml"),
                                   TODAY + timedelta(days=3))
    rating = open_round(team)
    assert rating.escalation_targets()[0] == "Kvalitetsudvalg Syd"
    sent = rating.escalate(ids["CD"], "kvalitetsudvalg syd", "Gentagne fald om natten",
                           "Gul tre gange i træk")
    assert sent.text == "CD, stue 2: Gentagne fald om natten"   # the label put in front
    assert (sent.resident, sent.item_id, sent.status) == ("CD, stue 2", item.id, "i_gang")
    assert sent.escalated_to.to_council_id == committee.id
    assert rating.escalated(ids["CD"]).id == sent.id
    [case] = store.followups(committee.id)
    assert case.meeting_id == planned.id and case.resident == "CD, stue 2"
    assert "Sendt til Kvalitetsudvalg Syd 23. november 2026" in rating.escalation_text(sent)


@pytest.mark.parametrize(("to", "text", "reason", "message"), [
    ("Kvalitetsudvalg Syd", "CD, stue 2: ", "Gul", "hvad sagen drejer sig om"),
    ("Kvalitetsudvalg Syd", "Fald", "", "hvorfor sagen sendes videre"),
    ("Kvalitetsudvalg Syd", "Fald", "Datter Anna Berg klager", "fuldt navn"),
    ("Kvalitetsudvalg Syd", "Fald 0101801234", "Gul", "CPR"),
    ("Afdeling Birk", "Fald", "Gul", "hører allerede til"),
])
def test_escalation_refusals_write_nothing(team, to, text, reason, message):
    store, meeting, _, ids = team
    rating = open_round(team)
    with pytest.raises(MeetingToolError, match=message):
        rating.escalate(ids["CD"], to, text, reason)
    assert store.followups(meeting_id=meeting.id) == []


def test_escalation_to_an_unknown_council_is_refused_until_created(team):
    store, meeting, _, ids = team
    rating = open_round(team)
    with pytest.raises(UnknownCouncilError):
        rating.escalate(ids["AB"], "Lederforum", "Fald", "Arbejdsgang")
    assert store.followups(meeting_id=meeting.id) == []
    council_id = rating.create_council("Lederforum")
    sent = rating.escalate(ids["AB"], council_id, "Fald", "Arbejdsgang")
    assert sent.escalated_to.to_council_id == council_id
    assert sent.escalated_to.target_followup_id is None  # waits for the forum's next meeting


# --- the board's residents ------------------------------------------------------------------


def test_residents_added_renamed_moved_out(team):
    store, meeting, _, ids = team
    rating = open_round(team)
    added = rating.add_resident("i.j.", "5")
    assert (added.initials, added.room) == ("I.J.", "5")   # upper case, dots kept
    assert rating.residents[-1].id == added.id and rating.previous[added.id] is None
    with pytest.raises(MeetingToolError, match="allerede på tavlen"):
        rating.add_resident("AB", "1")
    with pytest.raises(MeetingToolError, match="CPR"):
        rating.add_resident("KL", "010180-1234")

    rating.rate(ids["AB"], "roed")
    rating.rename_resident(ids["AB"], "AC", "1")
    # the task made under the old label still belongs to the resident
    assert [f.resident for f in rating.followups_of(ids["AB"])] == ["AB, stue 1"]

    rating.rate(ids["CD"], "gul")
    rating.move_out(ids["CD"])
    assert ids["CD"] not in [r.id for r in rating.residents]
    counts = rating.counts()
    assert (counts["roed"], counts["gul"], counts["groen"]) == (1, 0, 0)
    assert sum(counts.values()) == len(rating.residents)
    [moved] = [r for r in store.residents(meeting.council_id, include_inactive=True)
               if not r.active]
    assert moved.id == ids["CD"] and moved.moved_out == TODAY


def test_next_round_sees_open_tasks_and_cases_from_earlier(team):
    store, meeting, _, ids = team
    rating = open_round(team)
    rating.rate(ids["EF"], "roed")
    rating.escalate(ids["CD"], "Kvalitetsudvalg Syd", "Fald om natten", "Gul tre gange")
    tomorrow = store.create_meeting(meeting.council_id, load_agenda(AGENDA),
                                    TODAY + timedelta(days=1))
    item = next(i for i in tomorrow.items if i.kind == "triage")
    next_round = TriageRound(store, tomorrow.id, item.id, wall=wall)
    assert [r.initials for r in next_round.residents][0] == "EF"   # yesterday's red first
    assert [f.text.split(" – ")[0] for f in next_round.earlier_of(ids["EF"])] == [
        "Sygeplejefaglig vurdering"]
    assert next_round.escalated(ids["CD"]) is not None
    assert next_round.followups_of(ids["EF"]) == []                # nothing made today yet


def test_a_task_still_open_from_yesterday_carries_on_instead_of_a_new_one(team):
    store, meeting, _, ids = team
    rating = open_round(team)
    rating.rate(ids["EF"], "roed")
    rating.rate(ids["CD"], "gul")
    rating.rate(ids["AB"], "gul")
    yesterday = {label: stored_rule_tasks(store, meeting.id, label)
                 for label in ("EF, stue 3", "CD, stue 2", "AB, stue 1")}
    rating.note(ids["AB"], change="", action="Handleplan laves", owner="SSA Ørum")

    tomorrow = store.create_meeting(meeting.council_id, load_agenda(AGENDA),
                                    TODAY + timedelta(days=1))
    item = next(i for i in tomorrow.items if i.kind == "triage")
    next_round = TriageRound(store, tomorrow.id, item.id, wall=wall)
    next_round.rate(ids["EF"], "roed")   # red again: yesterday's assessment stands
    next_round.rate(ids["CD"], "groen")  # green now: the plan nobody took on is dropped
    next_round.rate(ids["AB"], "groen")  # somebody took the plan on: it stays
    assert store.followups(meeting_id=tomorrow.id) == []
    assessment = store.followup(yesterday["EF, stue 3"]["Sygeplejefaglig vurdering"].id)
    assert assessment.status == "aaben"
    dropped = store.followup(yesterday["CD, stue 2"]["Handleplan"].id)
    assert (dropped.status, dropped.history[-1].comment) == ("udgaaet", "Farven ændret til Grøn")
    assert dropped.history[-1].meeting_id == tomorrow.id
    assert store.followup(yesterday["AB, stue 1"]["Handleplan"].id).status == "aaben"
    assert [f.id for f in next_round.earlier_of(ids["CD"])] == []

    next_round.rate(ids["CD"], "gul")    # back to yellow the same day: the plan reopens
    assert store.followup(dropped.id).status == "aaben"
    assert store.followups(meeting_id=tomorrow.id) == []

    # The next round's minutes give red EF the due date of the assessment that carried on.
    from meetingtool.export import collect_bundle
    from meetingtool.export.triage_wording import triage_rows
    from meetingtool.export.wording import short_date_or_dash

    rows = {row[0]: row for row in triage_rows(collect_bundle(store, tomorrow.id))}
    assert rows["EF, stue 3"][1] == "● Rød"
    assert rows["EF, stue 3"][6] == short_date_or_dash(assessment.due)


# --- writing in key order -------------------------------------------------------------------


def test_rating_writer_writes_only_the_newest_key_per_resident(team):
    store, meeting, _, ids = team
    rating = open_round(team)
    errors: list[BaseException] = []
    writer = RatingWriter(rating, errors.append)
    gate = threading.Event()
    writer.submit(gate.wait)                 # hold the writes back until both are queued
    for colour in ("roed", "groen"):
        rating.rate_in_memory(ids["AB"], colour)
        writer.save_later(ids["AB"])
    rating.rate_in_memory(ids["CD"], "gul")
    writer.save_later(ids["CD"])
    gate.set()
    writer.close()
    assert errors == []
    assert {e.resident_id: e.colour for e in store.triage_entries(meeting.id)} == {
        ids["AB"]: "groen", ids["CD"]: "gul"}
    # no red task was made for AB (and so none had to be dropped)
    assert stored_rule_tasks(store, meeting.id, "AB, stue 1") == {}
    assert list(stored_rule_tasks(store, meeting.id, "CD, stue 2")) == ["Handleplan"]


def test_rating_writer_hands_a_failed_write_over(team, monkeypatch):
    store, _, _, ids = team
    rating = open_round(team)
    errors: list[BaseException] = []
    writer = RatingWriter(rating, errors.append)

    def full_disk(*args, **kwargs):
        raise MeetingToolError("disken er fuld")

    monkeypatch.setattr(store, "set_triage_entry", full_disk)
    rating.rate_in_memory(ids["AB"], "gul")
    writer.save_later(ids["AB"])
    writer.flush()
    assert [error.message for error in errors] == ["disken er fuld"]
    writer.close()


def test_the_triage_actions_import_no_textual():
    code = ("import json, sys, meetingtool.actions.triage, meetingtool.actions.triage_writer; "
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert "textual" not in json.loads(result.stdout)


# --- the demo's triage team, recorded through these rules -----------------------------------


def test_demo_triage_team_has_a_board_with_trends(demo_copy):
    from demo_day import DEMO_TODAY as demo_today

    from meetingtool.core.cpr import contains_cpr

    store = open_store(demo_copy)
    team = next(c for c in store.councils() if c.kind == "triage")
    residents = store.residents(team.id)
    assert len(residents) == 18
    for resident in residents:   # initials and room only
        assert resident.initials.isupper() and resident.room.isdigit()

    summaries = sorted(store.meetings(team.id), key=lambda s: s.date)
    past = [s for s in summaries if s.status == "afsluttet"]
    [planned] = [s for s in summaries if s.status == "planlagt"]
    assert len(past) == 3 and planned.date > demo_today
    for summary in past:
        colours = [e.colour for e in store.triage_entries(summary.id)]
        assert len(colours) == 18 and {"roed", "gul"} <= set(colours)
        for entry in store.triage_entries(summary.id):
            assert not contains_cpr(" ".join((entry.change, entry.action, entry.owner)))

    followups = store.followups(team.id)
    rule_tasks = [f for f in followups if f.escalated_to is None]
    assert rule_tasks and all(f.resident for f in rule_tasks)
    # the tasks of the first two rounds were closed at the next round; the last round's wait
    last = past[-1].id
    assert {f.status for f in rule_tasks if f.meeting_id != last} == {"udfoert"}
    assert {f.status for f in rule_tasks if f.meeting_id == last} == {"aaben"}
    [sent] = [f for f in followups if f.escalated_to is not None]
    assert sent.text.startswith(f"{sent.resident}: ")

    planned_meeting = store.meeting(planned.id)
    item = next(i for i in planned_meeting.items if i.kind == "triage")
    rating = TriageRound(store, planned.id, item.id, wall=wall)
    yellow_running = [r.label for r in rating.residents
                      if rating.trends[r.id] == ["gul", "gul", "gul"]]
    assert yellow_running == ["KL, stue 7"]
    assert rating.previous[rating.residents[0].id] == "roed"    # red first
    assert rating.escalated(next(r.id for r in rating.residents
                                 if r.label == sent.resident)) is not None


# --- the one name rule ----------------------------------------------------------------------


def test_a_note_naming_a_resident_is_refused_and_writes_nothing(team):
    store, meeting, _, ids = team
    rating = open_round(team)
    with pytest.raises(MeetingToolError, match="'Karen Holm' i 'Hvad er ændret' ligner et fuldt"):
        rating.note(ids["AB"], change="Karen Holm indflyttet i går", action="", owner="")
    with pytest.raises(MeetingToolError, match="fuldt navn"):
        rating.borgergennemgang(ids["AB"], {"hvad_ved_vi": "Søn Peter Holm kommer dagligt"})
    assert store.triage_entries(meeting.id) == []
    assert store.borgergennemgange(ids["AB"]) == []


def test_case_texts_may_name_the_councils_and_teams_the_store_knows(team):
    _, _, _, ids = team
    rating = open_round(team)
    entry = rating.note(ids["AB"], change="Gentages i Afdeling Birk", action="", owner="")
    assert entry.change == "Gentages i Afdeling Birk"
    sent = rating.escalate(ids["CD"], "Kvalitetsudvalg Syd", "Fald set i Afdeling Birk",
                           "Gentages i Afdeling Birk")
    assert sent.escalated_to.reason == "Gentages i Afdeling Birk"
