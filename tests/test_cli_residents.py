"""``meetingtool residents``: add, list, remove, rename, show, history; CPR refused."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from meetingtool.cli import main
from meetingtool.core.agenda import load_agenda
from meetingtool.store import open_store

AGENDA = Path(__file__).resolve().parent.parent / "agendas" / "triage.toml"
TEAM = "Afdeling Birk"


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["residents", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_add_list_and_team_created_on_first_add(capsys, data_dir):
    assert run(capsys, "--council", TEAM, "add", "ab", "--room", "12")[0] == 0
    status, out, _ = run(capsys, "--council", TEAM, "add", "12A")  # a room alone
    assert status == 0 and "stue 12A" in out
    status, out, _ = run(capsys, "list")  # the only team: --council may be left out
    assert status == 0
    assert "AB" in out and "12" in out and "12A" in out and "ikke vurderet" in out
    store = open_store(data_dir)
    team = store.find_council(TEAM)
    assert team.kind == "triage"
    assert {(r.initials, r.room) for r in store.residents(team.id)} == {("AB", "12"),
                                                                         ("", "12A")}


def test_same_resident_twice_refused(capsys):
    run(capsys, "--council", TEAM, "add", "AB", "--room", "12")
    status, _, err = run(capsys, "--council", TEAM, "add", "A.B.", "--room", "12")
    assert status == 2 and "allerede" in err


@pytest.mark.parametrize(
    "args",
    [
        ("add", "010180-1234"),
        ("add", "AB", "--room", "0101801234"),
        ("show", "010180-1234"),
        ("list", "--council", "Team 010180-1234"),
    ],
)
def test_cpr_refused_anywhere_with_exit_2(capsys, data_dir, args):
    status, out, err = run(capsys, "--council", TEAM, *args)
    assert status == 2
    assert err.startswith("Fejl: ") and "CPR" in err
    assert "0101801234" not in out and "010180-1234" not in out
    if open_store(data_dir).find_council(TEAM):
        assert open_store(data_dir).residents(open_store(data_dir).find_council(TEAM).id) == []


def test_full_name_refused_with_the_rule(capsys):
    status, _, err = run(capsys, "--council", TEAM, "add", "Anna Berg")
    assert status == 2
    assert "fuldt navn" in err and "mindst tre bogstaver" in err


def test_remove_keeps_history_and_rename(capsys, data_dir):
    run(capsys, "--council", TEAM, "add", "AB", "--room", "12")
    run(capsys, "--council", TEAM, "add", "CD", "--room", "14")
    status, out, _ = run(capsys, "--council", TEAM, "rename", "ab", "AC")
    assert status == 0 and "AC, stue 12" in out
    status, out, _ = run(capsys, "--council", TEAM, "rename", "CD", "15")
    assert status == 0 and "CD, stue 15" in out
    status, out, _ = run(capsys, "--council", TEAM, "remove", "AC")
    assert status == 0 and "fraflyttet" in out and "historikken er bevaret" in out
    _, out, _ = run(capsys, "--council", TEAM, "list")
    assert "AC" not in out and "CD" in out
    _, out, _ = run(capsys, "--council", TEAM, "list", "--alle")
    assert "AC" in out and "fraflyttet" in out
    store = open_store(data_dir)
    [moved] = [r for r in store.residents(store.find_council(TEAM).id, include_inactive=True)
               if not r.active]
    assert moved.initials == "AC" and moved.moved_out == date.today()


def test_unknown_resident_and_team(capsys):
    run(capsys, "--council", TEAM, "add", "AB")
    status, _, err = run(capsys, "--council", TEAM, "show", "XY")
    assert status == 2 and "Ingen beboer" in err and "AB" in err
    status, _, err = run(capsys, "--council", "Afdeling Eg", "list")
    assert status == 2 and "findes ikke" in err and TEAM in err


def test_two_residents_in_one_room_are_told_apart(capsys):
    run(capsys, "--council", TEAM, "add", "AB", "--room", "14")
    run(capsys, "--council", TEAM, "add", "14")            # a room alone: "stue 14"
    status, _, err = run(capsys, "--council", TEAM, "show", "14")
    assert status == 2
    assert "passer på flere beboere: »AB, stue 14«; »stue 14«. Skriv hele betegnelsen" in err
    status, out, _ = run(capsys, "--council", TEAM, "show", "stue 14")
    assert status == 0 and "AB" not in out
    status, out, _ = run(capsys, "--council", TEAM, "show", "AB, stue 14")
    assert status == 0 and "AB" in out


@pytest.fixture
def rated(data_dir):
    """Three meetings of the team with ratings, a rule follow-up and a borgergennemgang."""
    store = open_store(data_dir)
    template = load_agenda(AGENDA)
    team = store.ensure_council(TEAM, "triage")
    ab = store.add_resident(team.id, initials="AB", room="12")
    cd = store.add_resident(team.id, initials="CD", room="14")
    start = date(2026, 11, 2)
    colours = [("gul", "groen"), ("gul", "groen"), ("roed", "gul")]
    for week, (ab_colour, cd_colour) in enumerate(colours):
        meeting = store.create_meeting(team.id, template, start + timedelta(days=7 * week))
        store.set_triage_entry(meeting.id, ab.id, colour=ab_colour,
                               change=f"uge {week + 1}", action="Faldskema", owner="Mette")
        store.set_triage_entry(meeting.id, cd.id, colour=cd_colour)
    store.add_followup(meeting.id, meeting.items[0].id,
                       "Sygeplejefaglig vurdering – senest 17. november 2026 kl. 8.30",
                       due=date(2026, 11, 17), resident=ab.label)
    store.add_borgergennemgang(ab.id, meeting.id, {"hvordan_har_borgeren_det": "Træt"})
    return store


def test_show_colours_actions_followups_and_borgergennemgang(capsys, rated):
    status, out, _ = run(capsys, "--council", TEAM, "show", "A.B.")
    assert status == 0
    assert "AB, stue 12" in out
    for expected in ("02.11.2026", "16.11.2026", "Gul", "Rød", "uge 3", "Faldskema", "Mette",
                     "Tendens (seneste 3): Gul, Gul, Rød", "Sygeplejefaglig vurdering",
                     "17.11.2026", "Åben", "Borgergennemgang", "Hvordan har borgeren det?",
                     "Træt"):
        assert expected in out, expected


def test_history_counts_per_meeting(capsys, rated):
    status, out, _ = run(capsys, "--council", TEAM, "history")
    assert status == 0
    lines = [line for line in out.splitlines() if "2026" in line]
    assert len(lines) == 3
    # oldest first: 0 red 1 yellow 1 green, twice; then 1 red 1 yellow 0 green
    assert [cells(line) for line in lines] == [
        ["02.11.2026", "Triagemøde", "0", "1", "1", "2"],
        ["09.11.2026", "Triagemøde", "0", "1", "1", "2"],
        ["16.11.2026", "Triagemøde", "1", "1", "0", "2"],
    ]


def cells(line: str) -> list[str]:
    return [part.strip() for part in line.strip().strip("│|").split("│") if part.strip()]


def test_refused_resident_creates_no_team(capsys, data_dir):
    status, _, err = run(capsys, "--council", "Afdeling Eg", "add", "AB", "--room", "212511")
    assert status == 2 and "stuenummer" in err
    assert open_store(data_dir).find_council("Afdeling Eg") is None


def test_add_says_when_it_makes_a_new_team_and_refuses_a_council(capsys, data_dir):
    run(capsys, "--council", TEAM, "add", "AB", "--room", "12")
    status, out, _ = run(capsys, "--council", "Birk", "add", "CD", "--room", "3")  # a typo
    assert status == 0
    assert f"Nyt triageteam oprettet: Birk (kendte teams før: {TEAM})." in out
    open_store(data_dir).ensure_council("Kvalitetsråd Kildebo", "kvalitetsraad")
    status, _, err = run(capsys, "--council", "Kvalitetsråd Kildebo", "add", "EF")
    assert status == 2
    assert "Kvalitetsråd Kildebo er ikke et triageteam" in err
    assert f"Kendte teams: {TEAM}; Birk." in err
    status, _, err = run(capsys, "--council", TEAM, "add", "AB", "--room", "12")
    assert status == 2 and "har allerede beboeren AB, stue 12. Brug andre initialer." in err
