"""Two terminals on one meeting keep both people's changes, on every backend: saves are
merged three-way with what was saved meanwhile (``store.merge``)."""

from __future__ import annotations

from datetime import date

from meetingtool.core.model import AgendaTemplate, Attendee, Member, TemplateItem
from meetingtool.store import Store

TEMPLATE = AgendaTemplate(kind="kvalitetsraad", title="Kvalitetsrådsmøde",
                          items=[TemplateItem("Status", 15), TemplateItem("Økonomi", 20)])


def setup_meeting(store: Store):
    council = store.ensure_council("Kvalitetsråd Ærø", "kvalitetsraad",
                                   [Member("Åse", "formand"), Member("Bo", "referent")])
    return council, store.create_meeting(council.id, TEMPLATE, date(2026, 11, 22))


def test_two_terminals_saving_notes_of_different_items_keep_both(reopen):
    chair, secretary = reopen(), reopen()
    _, meeting = setup_meeting(chair)
    mine, theirs = chair.meeting(meeting.id), secretary.meeting(meeting.id)
    mine.items[0].notes = "Formandens noter"
    mine.items[0].used_seconds = 61.0
    chair.save_meeting(mine)
    theirs.items[1].notes = "Referentens noter"
    theirs.attendance[0].presence = "afbud"
    secretary.save_meeting(theirs)
    mine.items[0].notes += " og mere"
    chair.save_meeting(mine)  # the chair's object lacks the secretary's changes
    result = reopen().meeting(meeting.id)
    assert result.items[0].notes == "Formandens noter og mere"
    assert result.items[0].used_seconds == 61.0
    assert result.items[1].notes == "Referentens noter"
    assert result.attendance[0].presence == "afbud"


def test_a_second_copy_read_in_this_process_does_not_move_the_first_ones_base(reopen):
    chair, secretary = reopen(), reopen()
    council = chair.ensure_council("Kvalitetsråd Kildebo", "kvalitetsraad")
    template = AgendaTemplate(kind="kvalitetsraad", title="Møde",
                              items=[TemplateItem("Tema", 30, "tema"),
                                     TemplateItem("Eventuelt", 5, "eventuelt")])
    meeting = chair.create_meeting(council.id, template, date(2026, 12, 1))
    screen_copy = chair.meeting(meeting.id)          # the meeting screen's object
    theirs = secretary.meeting(meeting.id)
    theirs.items[1].notes = "Referentens noter"
    theirs.attendance = []
    secretary.save_meeting(theirs)
    chair.meeting(meeting.id)                        # another screen reads its own copy
    screen_copy.items[0].notes = "Formandens noter"
    chair.save_meeting(screen_copy)
    stored = reopen().meeting(meeting.id)
    assert [item.notes for item in stored.items] == ["Formandens noter", "Referentens noter"]


def test_two_terminals_typing_notes_into_one_item_lose_neither(reopen):
    chair, secretary = reopen(), reopen()
    council = chair.ensure_council("Kvalitetsråd Kildebo", "kvalitetsraad")
    template = AgendaTemplate(kind="kvalitetsraad", title="Møde",
                              items=[TemplateItem("Tema", 30, "tema")])
    meeting = chair.create_meeting(council.id, template, date(2026, 12, 1))
    mine, theirs = chair.meeting(meeting.id), secretary.meeting(meeting.id)
    theirs.items[0].notes = "Referentens noter"
    secretary.save_meeting(theirs)
    mine.items[0].notes = "Formandens note"
    chair.save_meeting(mine)
    assert reopen().meeting(meeting.id).items[0].notes == (
        "Referentens noter\nFormandens note")
    # Both type on, several saves each: every line once.
    for round_ in (1, 2):
        mine.items[0].notes += f" {round_}"
        chair.save_meeting(mine)
        theirs.items[0].notes += f" r{round_}"
        secretary.save_meeting(theirs)
    assert reopen().meeting(meeting.id).items[0].notes == (
        "Referentens noter r1 r2\nFormandens note 1 2")
    # Pulled in before typing: the chair writes on after the merged text.
    pulled = chair.pull_notes(mine, mine.items[0].id)
    assert pulled == "Referentens noter r1 r2\nFormandens note 1 2"
    mine.items[0].notes += "\nFormand: slut"
    chair.save_meeting(mine)
    assert reopen().meeting(meeting.id).items[0].notes == (
        "Referentens noter r1 r2\nFormandens note 1 2\nFormand: slut")


def test_attendance_changed_in_two_terminals_keeps_both(reopen):
    chair, secretary = reopen(), reopen()
    council = chair.ensure_council("Kvalitetsråd Kildebo", "kvalitetsraad",
                                   [Member("Birgitte Holm", "moedeleder"),
                                    Member("Teamleder", "teamleder"), Member("Præst", "medlem")])
    template = AgendaTemplate(kind="kvalitetsraad", title="Møde",
                              items=[TemplateItem("Tema", 30, "tema"),
                                     TemplateItem("Eventuelt", 5, "eventuelt")])
    meeting = chair.create_meeting(council.id, template, date(2026, 12, 1))
    mine, theirs = chair.meeting(meeting.id), secretary.meeting(meeting.id)
    mine.attendance[1].presence = "afbud"
    mine.items.reverse()                                   # the chair reorders the agenda
    chair.save_meeting(mine)
    theirs.attendance[2].presence = "afbud"
    theirs.attendance.append(Attendee("Jens Hansen, køkkenleder", "gaest", guest=True))
    theirs.items[0].notes = "Referentens noter"
    secretary.save_meeting(theirs)
    stored = reopen().meeting(meeting.id)
    assert [(a.name, a.presence) for a in stored.attendance] == [  # nobody marked Birgitte
        ("Birgitte Holm", "ikke_registreret"), ("Teamleder", "afbud"), ("Præst", "afbud"),
        ("Jens Hansen, køkkenleder", "til_stede")]
    assert [item.title for item in stored.items] == ["Eventuelt", "Tema"]
    assert stored.item(1).notes == "Referentens noter"
