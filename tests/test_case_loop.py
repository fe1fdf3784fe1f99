"""A case's whole path, end to end on a real store: team → committee → council → team.

A care team rates its residents and sends a case to its quality committee; the committee
starts a trial on it and sends it on to the cross-cutting council, which decides; the next
Monday the team's minutes, ``residents show`` and ``followups`` give the latest word. Each
set of minutes is exported to .docx and read back.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from docx import Document
from test_export_docx import all_text, blocks, table_after

from meetingtool.actions.councils import ensure_council_with_members
from meetingtool.actions.escalation import escalate, escalation_text
from meetingtool.actions.meetings import start_meeting
from meetingtool.actions.review import review_followup
from meetingtool.actions.triage import TriageRound
from meetingtool.cli import main
from meetingtool.core.agenda import load_agenda
from meetingtool.core.locations import shipped_agendas_dir
from meetingtool.export import export_minutes
from meetingtool.store import open_store

TEAM = "Team Birk"
COMMITTEE = "Kvalitetsudvalget Kildebo"
COUNCIL = "Tværgående kvalitetsråd"
CASE = "Gentagne fald om natten"
FIVE = {
    "hvordan_har_borgeren_det": "Træt om morgenen",
    "hvad_ved_vi": "Sover dårligt siden indflytning",
    "hvordan_er_det_at_vaere_borgeren": "Utryg, når det bliver mørkt",
    "hvad_har_borgeren_brug_for": "Et fast aftenritual",
    "hvad_skal_vi_goere": "Samme medarbejder om aftenen i to uger",
}


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 23, 9, 0)

    def __call__(self) -> datetime:
        return self.moment

    def to(self, day: date, hour: int = 9) -> None:
        self.moment = datetime(day.year, day.month, day.day, hour, 0)


def template(name: str):
    return load_agenda(shipped_agendas_dir() / f"{name}.toml")


@pytest.fixture
def chain(data_dir):
    """The week: what each council did, with the ids the tests look at."""
    clock = Clock()
    store = open_store(data_dir, now=clock)
    team = ensure_council_with_members(store, TEAM, "triage")
    committee = ensure_council_with_members(store, COMMITTEE, "kvalitetsudvalg")
    council = ensure_council_with_members(store, COUNCIL, "tvaergaaende-kvalitetsraad")
    residents = {initials: store.add_resident(team.id, initials, room)
                 for initials, room in (("AB", "12"), ("CD", "14"), ("EF", "3"))}

    # Monday: the team's triage. EF is not rated; CD gets a borgergennemgang.
    monday = start_meeting(store, team.id, template("triage"), date(2026, 11, 23))
    round_ = TriageRound(store, monday.id, monday.items[0].id, wall=clock)
    round_.rate(residents["AB"].id, "roed")
    round_.rate(residents["CD"].id, "gul")
    round_.borgergennemgang(residents["CD"].id, FIVE)
    sent = round_.escalate(residents["AB"].id, COMMITTEE, CASE, "Tredje fald på to uger")

    # Thursday: the committee takes the case up, starts a trial and sends it on.
    clock.to(date(2026, 11, 26))
    thursday = start_meeting(store, committee.id, template("kvalitetsudvalg"),
                             date(2026, 11, 26))
    [received] = [f for f in store.followups(meeting_id=thursday.id) if f.escalated_from]
    review_followup(store, received.id, thursday.id, status="i_gang",
                    owner="Kvalitetsleder Hanne", due=date(2026, 12, 10),
                    comment="Prøvehandling: natligt tilsyn hver time")
    escalate(store, received.id, COUNCIL, "Kræver fælles instruks på tværs",
             meeting_id=thursday.id)

    # The next Monday morning: the council decides.
    clock.to(date(2026, 11, 30), 8)
    council_meeting = start_meeting(store, council.id, template("tvaergaaende-kvalitetsraad"),
                                    date(2026, 11, 30))
    [onward] = [f for f in store.followups(meeting_id=council_meeting.id) if f.escalated_from]
    review_followup(store, onward.id, council_meeting.id, status="udfoert",
                    comment="Besluttet fælles instruks for natligt tilsyn")

    # ...and the team's next triage hears of it.
    clock.to(date(2026, 11, 30), 13)
    next_monday = start_meeting(store, team.id, template("triage"), date(2026, 11, 30))
    return {"store": store, "clock": clock, "monday": monday, "thursday": thursday,
            "council": council_meeting, "next_monday": next_monday, "sent": sent,
            "received": received, "onward": onward, "residents": residents}


def docx(store, meeting_id: int, tmp_path, **options) -> Document:
    return Document(str(export_minutes(store, meeting_id, out=tmp_path, **options)))


def item_heading(store, meeting_id: int, title: str) -> str:
    meeting = store.meeting(meeting_id)
    item = next(item for item in meeting.items if item.title == title)
    return f"{meeting.item_number(item.id)}. {title}"


def test_the_committee_receives_the_case_on_its_triage_item_and_says_what_it_decided(
        chain, tmp_path):
    store = chain["store"]
    assert chain["received"].item_id == next(
        item.id for item in store.meeting(chain["thursday"].id).items
        if item.title == "Nye sager fra teamenes triage")
    document = docx(store, chain["thursday"].id, tmp_path)
    heading = item_heading(store, chain["thursday"].id, "Nye sager fra teamenes triage")
    header, row = table_after(document, heading)
    assert header == ["Sag", "Fra", "Begrundelse", "Besluttet her"]
    assert row == [
        f"AB, stue 12: {CASE}", TEAM, "Tredje fald på to uger",
        ("I gang · ansvarlig: Kvalitetsleder Hanne · frist 10.12.2026 · Prøvehandling: "
         f"natligt tilsyn hver time · Sendt videre til {COUNCIL}: Kræver fælles instruks på "
         "tværs"),
    ]
    # "Sager fra andre fora" is left for the council's and lederforum's cases.
    other = item_heading(store, chain["thursday"].id, "Sager fra andre fora")
    assert ("Heading 2", other) in blocks(document)
    assert CASE not in str(table_after(document, "Sager sendt videre")[0])


def test_the_council_minutes_say_what_it_decided(chain, tmp_path):
    store = chain["store"]
    document = docx(store, chain["council"].id, tmp_path)
    heading = item_heading(store, chain["council"].id, "Sager fra andre fora")
    header, row = table_after(document, heading)
    assert header[3] == "Besluttet her" and row[1] == COMMITTEE
    assert row[3] == "Udført · Besluttet fælles instruks for natligt tilsyn"


def test_the_team_hears_the_latest_word_everywhere(chain, tmp_path, capsys):
    store = chain["store"]
    sent = store.followup(chain["sent"].id)
    assert escalation_text(store, sent) == (
        f"Sendt til {COMMITTEE} 23. november 2026 – nu i {COUNCIL}: Udført · "
        "Besluttet fælles instruks for natligt tilsyn")

    document = docx(store, chain["next_monday"].id, tmp_path, include_internal=True)
    header, row = table_after(document, "Svar på sager sendt videre")
    assert header == ["Sag", "Sendt til", "Hvor nu", "Seneste nyt"]
    assert row == [f"AB, stue 12: {CASE}", f"{COMMITTEE} 23.11.2026", f"{COUNCIL}: Udført",
                   "Besluttet fælles instruks for natligt tilsyn"]

    assert main(["residents", "show", "AB", "--council", TEAM]) == 0
    out = capsys.readouterr().out
    assert f"– nu i {COUNCIL}: Udført · Besluttet fælles instruks" in " ".join(out.split())

    assert main(["followups", "--format", "json", "--council", TEAM]) == 0
    [case] = [row for row in json.loads(capsys.readouterr().out) if row["id"] == sent.id]
    assert case["escalation"].endswith("Udført · Besluttet fælles instruks for natligt tilsyn")


def test_the_triage_minutes_are_complete(chain, tmp_path):
    store = chain["store"]
    internal = docx(store, chain["monday"].id, tmp_path, include_internal=True)
    board = table_after(internal, "Triagetavle")
    assert board[0] == ["Beboer", "Farve", "Tendens", "Ændring", "Handling", "Ansvarlig",
                        "Frist"]
    rows = {row[0]: row for row in board[1:]}
    assert [row[0] for row in board[1:]] == ["AB, stue 12", "CD, stue 14", "EF, stue 3"]
    assert rows["EF, stue 3"][1] == "Ikke vurderet"
    assert rows["AB, stue 12"][2] == "Rød"
    text = all_text(internal)
    assert "Borgergennemgang" in text and "Et fast aftenritual" in text
    assert "Hvad skal vi som personale gøre?" in text
    assert "Fremmøde ikke registreret." in text
    # The circulated minutes leave the borgergennemgang out.
    circulated = docx(store, chain["monday"].id, tmp_path / "ud")
    assert "Et fast aftenritual" not in all_text(circulated)

    # A week on, the red resident's assessment is overdue and carried over once.
    later = table_after(docx(store, chain["next_monday"].id, tmp_path / "igen"), "Triagetavle")
    ab = next(row for row in later[1:] if row[0] == "AB, stue 12")
    assert ab[1] == "Ikke vurderet" and ab[2] == "Rød → –"
    assert ab[6].endswith("(overskredet)")
    [task] = [f for f in store.open_followups(chain["monday"].council_id)
              if f.resident == "AB, stue 12" and not f.escalated_to]
    assert task.carried_over == 1


def test_a_presenter_named_by_role_is_the_person_present_in_that_role(data_dir, tmp_path):
    from meetingtool.core.model import AgendaTemplate, Member, TemplateItem

    store = open_store(data_dir)
    council = store.ensure_council("Kvalitetsråd Kildebo", "kvalitetsraad", [
        Member("Anne Holm", "centerleder"), Member("Bo Berg", "referent")])
    agenda = AgendaTemplate(kind="kvalitetsraad", title="Møde", items=[
        TemplateItem("Tema: Tryghed", 20, kind="tema", presenter="Centerlederen"),
        TemplateItem("Nyt fra køkkenet", 10, presenter="Kokken Per")])
    meeting = store.create_meeting(council.id, agenda, date(2026, 12, 3))
    document = docx(store, meeting.id, tmp_path / "før")
    assert "Oplæg: Centerlederen" in all_text(document)  # attendance not taken yet
    for person in meeting.attendance:
        person.presence = "til_stede"
    store.save_meeting(meeting)
    text = all_text(docx(store, meeting.id, tmp_path / "efter"))
    assert "Oplæg: Anne Holm (Centerleder)" in text
    assert "Oplæg: Kokken Per" in text


def test_four_meetings_of_one_council_count_carry_over_one_way(data_dir, tmp_path, capsys):
    """A follow-up left open through four meetings reads the same count in `followups`
    and in each meeting's minutes; the minutes end with the next meeting the chair set."""
    from meetingtool.actions.lifecycle import end_meeting, mark_started
    from meetingtool.actions.next_meeting import set_next_meeting

    clock = Clock()
    clock.to(date(2026, 9, 3), 14)
    store = open_store(data_dir, now=clock)
    council = ensure_council_with_members(store, "Kvalitetsråd Kildebo", "kvalitetsraad")
    agenda = template("kvalitetsraad")
    days = [date(2026, 9, 3), date(2026, 10, 1), date(2026, 11, 5), date(2026, 12, 3)]
    meetings = []
    for index, day in enumerate(days):
        clock.to(day, 14)
        meeting = start_meeting(store, council.id, agenda, day)
        if index == 0:
            store.add_followup(meeting.id, meeting.items[2].id, "Opslag om aftenmad",
                               owner="Kvalitetsleder Hanne", due=date(2026, 9, 20))
        mark_started(meeting)
        if index + 1 < len(days):
            set_next_meeting(store, meeting, days[index + 1], place="Caféen")
            meeting = store.meeting(meeting.id)
        clock.to(day, 16)
        end_meeting(meeting, clock())
        store.save_meeting(meeting)
        meetings.append(meeting)
    assert len(store.meetings(council.id)) == 4  # the next meeting was not made twice

    assert main(["followups", "--format", "json", "--owner", "hanne"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["carried_over"] == 3
    for number, meeting in enumerate(meetings[1:], start=1):
        text = all_text(docx(store, meeting.id, tmp_path / str(number)))
        assert f"Overført ({number}. gang)" in text, number
    first = all_text(docx(store, meetings[0].id, tmp_path / "første"))
    assert "1. oktober 2026, Caféen." in first
    assert "Fremmøde ikke registreret." in first
