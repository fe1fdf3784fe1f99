"""The pure rules of a triage round: order, trend, colour rules, time, identifiers, counts."""

from __future__ import annotations

from datetime import datetime

import pytest

from meetingtool.core import identifiers, triage
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Resident, TriageEntry, TriageRule, TriageSettings


def resident(rid: str, initials: str = "", room: str = "") -> Resident:
    return Resident(id=rid, council_id="birk", initials=initials, room=room)


def entry(meeting_id: int, rid: str, colour: str) -> TriageEntry:
    return TriageEntry(id=f"{meeting_id}-{rid}", meeting_id=meeting_id, resident_id=rid,
                       colour=colour)


SETTINGS = TriageSettings(
    seconds_per_colour={"roed": 60, "gul": 30, "groen": 10},
    rules=[
        TriageRule("roed", "Sygeplejefaglig vurdering", 24),
        TriageRule("gul", "Handleplan", 48),
    ],
)


def test_round_order_red_yellow_green_then_new_by_room():
    residents = [
        resident("a", "AA", "10"),
        resident("b", "BB", "2"),
        resident("c", "CC", "3"),
        resident("d", "DD", "1"),
        resident("e", "EE", "11"),
    ]
    previous = {"a": "groen", "b": "roed", "c": "gul", "e": "roed"}
    ordered = [r.id for r in triage.round_order(residents, previous)]
    # red by room (2 before 11), then yellow, green, and the never-rated last
    assert ordered == ["b", "e", "c", "a", "d"]


def test_natural_key_orders_rooms_as_numbers():
    rooms = ["10", "2", "3.14", "3.2", "12A"]
    assert sorted(rooms, key=triage.natural_key) == ["2", "3.2", "3.14", "10", "12A"]


def test_trend_oldest_first_with_gaps_and_window():
    earlier = [
        [entry(1, "a", "groen")],
        [entry(2, "a", "gul"), entry(2, "b", "roed")],
        [entry(3, "b", "gul")],
        [entry(4, "a", "roed"), entry(4, "b", "gul")],
    ]
    result = triage.trends(["a", "b", "c"], earlier, length=3)
    assert result["a"] == ["gul", None, "roed"]
    assert result["b"] == ["roed", "gul", "gul"]
    assert result["c"] == [None, None, None]
    assert triage.latest_colour(result["a"]) == "roed"
    assert triage.latest_colour(result["c"]) is None
    assert triage.trend_segments(result["a"]) == [("▲", "gul"), ("·", None), ("●", "roed")]
    assert triage.trend_words(result["a"]) == "Gul, –, Rød (værre)"
    assert triage.trend_words(result["c"]) == "–, –, –"
    assert triage.weeks_running(result["b"], "gul") == 2


def test_what_changed_describes_colour_movement():
    assert triage.what_changed("gul", "roed") == "Gul → Rød"
    assert triage.what_changed(None, "groen") == "ny: Grøn"
    assert triage.what_changed("gul", "gul") == ""
    assert triage.what_changed("gul", None) == ""


def test_rule_followups_from_template_rules():
    now = datetime(2026, 11, 23, 8, 30)
    red = triage.rule_followups(SETTINGS, "roed", now)
    assert red == [("Sygeplejefaglig vurdering", datetime(2026, 11, 24, 8, 30))]
    text, due = red[0]
    assert text == "Sygeplejefaglig vurdering" and due.day == 24
    assert triage.rule_followups(SETTINGS, "gul", now)[0].due == datetime(2026, 11, 25, 8, 30)
    assert triage.rule_followups(SETTINGS, "groen", now) == []
    assert triage.rule_followups(None, "roed", now) == []
    assert (
        triage.rule_followup_text(red[0])
        == "Sygeplejefaglig vurdering – senest 24. november 2026 kl. 8.30"
    )


def test_budget_and_phase():
    assert triage.budget_seconds(SETTINGS, "roed") == 60
    assert triage.budget_seconds(SETTINGS, None) == triage.DEFAULT_SECONDS
    assert triage.phase(40, 60) == "normal"
    assert triage.phase(10, 60) == "snart"
    assert triage.phase(-1, 60) == "overtid"


def test_round_timer_uses_monotonic_differences():
    now = [100.0]
    timer = triage.RoundTimer(monotonic=lambda: now[0])
    timer.select("a")
    now[0] += 25
    assert timer.used("a") == 25
    timer.select("b")
    now[0] += 5
    timer.select("a")
    now[0] += 10
    assert timer.used("a") == 35 and timer.used("b") == 5
    assert timer.total() == 40
    timer.pause()
    now[0] += 100
    assert timer.total() == 40 and not timer.running
    timer.select("b")  # moving while paused counts nothing
    now[0] += 7
    assert timer.used("b") == 5
    timer.resume()
    now[0] += 3
    assert timer.used("b") == 8 and timer.total() == 43
    timer.stop()
    now[0] += 100
    assert timer.total() == 43
    assert timer.spent() == {"a": 35, "b": 8}
    again = triage.RoundTimer(monotonic=lambda: now[0], used=timer.spent())
    again.select("a")
    now[0] += 5
    assert again.used("a") == 40 and again.total() == 48


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("AB", "AB"), ("a.b.", "A.B."), ("A.B.", "A.B."), ("abj", "ABJ"), ("A-B", "A-B"),
     ("  ab ", "AB"), ("Bo", "BO")],
)
def test_initials_accepted(typed, stored):
    assert identifiers.normalise_initials(typed) == stored


@pytest.mark.parametrize("typed", ["12", "3.14", "12A", "B-12", "1"])
def test_rooms_accepted(typed):
    assert identifiers.normalise_room(typed) == typed.upper()
    assert identifiers.is_room_like(typed)


def test_full_name_refused_with_the_rule_explained():
    with pytest.raises(identifiers.IdentifierError) as caught:
        identifiers.normalise_initials("Anna Berg")
    assert "fuldt navn" in caught.value.message
    assert "mindst tre bogstaver" in caught.value.message
    assert identifiers.looks_like_full_name("Anna Marie Berg")
    assert not identifiers.looks_like_full_name("AB")
    assert not identifiers.looks_like_full_name("Bo Li")


@pytest.mark.parametrize("typed", ["Anna", "ABCDEFG", "A1", "#"])
def test_other_non_initials_refused(typed):
    with pytest.raises(identifiers.IdentifierError):
        identifiers.normalise_initials(typed)


@pytest.mark.parametrize("typed", ["Stue tolv", "12345678901", "12/3"])
def test_bad_rooms_refused(typed):
    with pytest.raises(MeetingToolError):
        identifiers.normalise_room(typed)


@pytest.mark.parametrize("typed", ["010180-1234", "0101801234"])
def test_cpr_refused_everywhere(typed):
    checks = (identifiers.normalise_initials, identifiers.normalise_room, identifiers.check_note)
    for check in checks:
        with pytest.raises(identifiers.CprError) as caught:
            check(typed)
        assert "CPR" in caught.value.message
    with pytest.raises(identifiers.CprError):
        identifiers.check_note(f"Faldet i nat, cpr {typed}")


def test_identifier_needs_initials_or_room():
    assert identifiers.resident_identifier("ab", "") == ("AB", "")
    assert identifiers.resident_identifier("", "12") == ("", "12")
    with pytest.raises(identifiers.IdentifierError):
        identifiers.resident_identifier("", "")
    assert identifiers.identifier_key("A.B.") == identifiers.identifier_key("ab")


def test_colour_counts_and_format():
    entries = [entry(1, "a", "roed"), entry(1, "b", "gul"), entry(1, "c", "gul")]
    counts = triage.colour_counts(entries, ["a", "b", "c", "d"])
    assert counts == {"roed": 1, "gul": 2, "groen": 0, triage.NOT_RATED: 1}
    assert triage.format_counts(counts) == "1 rød, 2 gule, 0 grønne, 1 ikke vurderet"
    assert triage.format_counts({"roed": 2, "gul": 1, "groen": 1}) == "2 røde, 1 gul, 1 grøn"


def test_five_borgergennemgang_questions():
    questions = list(triage.BORGERGENNEMGANG_QUESTIONS.values())
    assert questions == [
        "Hvordan har borgeren det?",
        "Hvad ved vi om borgeren?",
        "Hvordan er det at være borgeren?",
        "Hvad har borgeren brug for?",
        "Hvad skal vi som personale gøre?",
    ]


def test_every_colour_has_a_shape_and_a_word_and_the_trend_a_direction():
    """Colour is never the only sign: greyscale print, colour-blind readers."""
    assert [triage.colour_mark(c) for c in ("roed", "gul", "groen")] == [
        "● Rød", "▲ Gul", "■ Grøn"]
    assert triage.colour_mark(None) == triage.NOT_RATED
    assert len(set(triage.SHAPES.values())) == 3
    assert triage.trend_direction(["groen", None, "gul"]) == "værre"
    assert triage.trend_direction(["roed", "gul"]) == "bedre"
    assert triage.trend_direction(["gul", "gul"]) == "uændret"
    assert triage.trend_direction([None, "gul"]) == ""
