"""Trial actions through PDSA to an indstilling, on a real store and through the CLI."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from meetingtool.actions.meetings import start_meeting
from meetingtool.actions.trials import (
    cycles,
    evaluate_trial,
    record_status,
    start_trial,
    trial_from_decision,
    trials_for_meeting,
)
from meetingtool.cli import main
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.model import AgendaTemplate, TemplateItem
from meetingtool.core.trials import Evaluation, TrialStatus, add_months, for_meeting, new_trial
from meetingtool.store import open_store

TEMPLATE = AgendaTemplate(
    kind="kvalitetsraad",
    title="Kvalitetsrådsmøde",
    items=[TemplateItem("Status på prøvehandlinger", 10, "opfoelgning"),
           TemplateItem("Tema: Mad og måltider", 30, "tema")],
)
MARCH = date(2027, 3, 10)


class Clock:
    def __init__(self, day: date) -> None:
        self.moment = datetime.combine(day, datetime.min.time()).replace(hour=14)

    def __call__(self) -> datetime:
        return self.moment

    def to(self, day: date) -> None:
        self.moment = datetime.combine(day, self.moment.time())


@pytest.fixture
def clock():
    return Clock(MARCH)


@pytest.fixture
def store(data_dir, clock):
    return open_store(data_dir, now=clock)


@pytest.fixture
def council(store):
    return store.ensure_council("Kvalitetsråd Solbakken", "kvalitetsraad")


def meeting_on(store, clock, council, day: date):
    clock.to(day)
    return start_meeting(store, council.id, TEMPLATE, day)


def test_a_trial_comes_back_at_every_meeting_after_its_date_until_evaluated(
        store, clock, council):
    march = meeting_on(store, clock, council, MARCH)
    decision = store.add_decision(march.id, march.items[1].id,
                                  "Vi prøver faste spisevenner i afdeling Syd i tre måneder")
    trial = trial_from_decision(store, march, decision.id, date(2027, 6, 1),
                                owner="Afdelingsleder Ida", measure="Vægt og et spørgsmål")
    assert trial.id == "P1" and trial.title.startswith("Vi prøver faste spisevenner")
    assert trial.source == f"Beslutning {decision.id}" and trial.meeting_id == march.id

    april = meeting_on(store, clock, council, date(2027, 4, 14))
    assert trials_for_meeting(store, april) == ([], [trial])  # running: a short status
    record_status(store, trial.id, "Fire borde med faste makkere", meeting_id=april.id)
    assert store.trial("p1").status == TrialStatus.I_GANG  # any case finds it

    for day in (date(2027, 6, 9), date(2027, 8, 11), date(2027, 9, 8)):
        due, running = trials_for_meeting(store, meeting_on(store, clock, council, day))
        assert [t.id for t in due] == ["P1"] and running == []

    september = meeting_on(store, clock, council, date(2027, 10, 6))
    evaluate_trial(store, "P1", Evaluation(
        study="Beboerne spiste mere og sad længere", recommendation="implementer",
        text="I alle afdelinger fra november"), meeting_id=september.id)
    later = meeting_on(store, clock, council, date(2027, 11, 3))
    assert trials_for_meeting(store, later) == ([], [])
    stored = store.trial("P1")
    assert stored.status == TrialStatus.AFSLUTTET and stored.recommendation == "implementer"
    assert [s.phase for s in stored.history] == ["plan", "do", "study", "act"]
    assert stored.history[-1].comment == "Implementér: I alle afdelinger fra november"


def test_forlaeng_goes_back_to_running_with_a_new_date_and_a_follow_up(store, clock, council):
    june = meeting_on(store, clock, council, date(2027, 6, 9))
    start_trial(store, council.id, "Faste spisevenner", date(2027, 6, 1), start=MARCH,
                owner="Ida")
    trial, next_cycle = evaluate_trial(store, "P1", Evaluation(
        study="Flere spiser sammen", recommendation="forlaeng",
        text="Prøv det også i dagcentret", new_evaluate=date(2027, 9, 1),
        follow_up_months=6), meeting_id=june.id)
    assert next_cycle is None
    assert trial.status == TrialStatus.I_GANG and trial.evaluate == date(2027, 9, 1)
    followup = store.followup(trial.follow_up_id)
    assert followup.due == date(2027, 12, 9) and followup.owner == "Ida"
    assert followup.meeting_id == june.id and "P1" in followup.text
    assert store.trial("P1").follow_up_id == followup.id


def test_juster_makes_a_linked_new_cycle(store, clock, council):
    meeting = meeting_on(store, clock, council, date(2027, 6, 9))
    start_trial(store, council.id, "Aftenro", date(2027, 6, 1), hypothesis="Færre fald")
    first, second = evaluate_trial(store, "P1", Evaluation(
        study="Ingen ændring om natten", recommendation="juster",
        text="Dæmpet lys fra kl. 21", new_evaluate=date(2027, 9, 1)), meeting_id=meeting.id)
    assert second is not None and first.status == TrialStatus.AFSLUTTET
    assert (first.next_id, second.previous_id, second.cycle) == (second.id, "P1", 2)
    assert second.hypothesis == "Dæmpet lys fra kl. 21" and second.status == TrialStatus.I_GANG
    assert [t.id for t in cycles(store, store.trial(second.id))] == ["P1", "P2"]
    assert [t.id for t in cycles(store, store.trial("P1"))] == ["P1", "P2"]


@pytest.mark.parametrize("evaluation, message", [
    (Evaluation("", "forlaeng", "Nyt fokus"), "ny evalueringsdato efter 10. marts 2027."),
    (Evaluation("", "stop", "  "), "Hvorfor stoppes den"),
    (Evaluation("", "slut", "x"), "Ukendt indstilling"),
    (Evaluation("", "stop", "For dyr", follow_up_months=0), "mellem 1 og 60"),
])
def test_an_evaluation_that_misses_something_is_refused_and_nothing_changes(
        store, clock, council, evaluation, message):
    start_trial(store, council.id, "Aftenro", date(2027, 6, 1))
    before = store.trial("P1")
    with pytest.raises(MeetingToolError) as refused:
        evaluate_trial(store, "P1", evaluation)
    assert message in refused.value.message
    assert store.trial("P1") == before


def test_stop_needs_no_meeting_but_a_follow_up_needs_one(store, clock, council):
    start_trial(store, council.id, "Aftenro", date(2027, 6, 1))
    with pytest.raises(MeetingToolError, match="ingen møder"):
        evaluate_trial(store, "P1", Evaluation("", "stop", "For dyrt", follow_up_months=6))
    trial, _ = evaluate_trial(store, "P1", Evaluation("", "stop", "For dyrt"))
    assert trial.status == TrialStatus.AFSLUTTET and not trial.follow_up_id
    with pytest.raises(MeetingToolError, match="allerede afsluttet"):
        evaluate_trial(store, "P1", Evaluation("", "stop", "Igen"))


def test_ids_and_councils(store, council):
    with pytest.raises(NotFoundError):
        store.trial("P9")
    with pytest.raises(NotFoundError):
        store.trial("kvalitet")
    with pytest.raises(NotFoundError):
        start_trial(store, "intet-raad", "Aftenro", date(2027, 6, 1))
    other = store.ensure_council("Kvalitetsråd Kildebo", "kvalitetsraad")
    start_trial(store, council.id, "A", date(2027, 6, 1))
    start_trial(store, other.id, "B", date(2027, 6, 1))
    assert [t.title for t in store.trials(other.id)] == ["B"]
    assert [t.id for t in store.trials()] == ["P1", "P2"]


def test_pure_rules():
    at = datetime(2027, 3, 10, 14)
    running = new_trial("P1", "r", "A", date(2027, 6, 1), at, start=date(2027, 3, 1))
    planned = new_trial("P2", "r", "B", date(2027, 9, 1), at, start=date(2027, 4, 1))
    assert (running.status, planned.status) == (TrialStatus.I_GANG, TrialStatus.PLANLAGT)
    assert for_meeting([planned, running], date(2027, 6, 1)) == ([running], [planned])
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    with pytest.raises(MeetingToolError,
                       match="1. marts 2027 ligger før startdatoen 1. april 2027"):
        new_trial("P3", "r", "C", date(2027, 3, 1), at, start=date(2027, 4, 1))


def run_cli(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_cli_plans_lists_shows_and_evaluates(capsys, store, council):
    today = date.today()
    evaluate_on = (today + timedelta(days=30)).isoformat()
    status, out, err = run_cli(capsys, "trials", "add", "Faste spisevenner", "--council",
                               "Kvalitetsråd Solbakken", "--evaluate", evaluate_on,
                               "--owner", "Ida", "--hypothesis", "Beboerne spiser mere")
    assert status == 0, err
    assert "P1" in out and "Faste spisevenner" in out
    status, out, _ = run_cli(capsys, "trials")
    assert "P1" in out and "Planlagt" in out and "1 prøvehandling, 0 skal evalueres" in out
    status, out, _ = run_cli(capsys, "trials", "--format", "json")
    assert json.loads(out)[0]["hypothesis"] == "Beboerne spiser mere"
    status, out, _ = run_cli(capsys, "trials", "status", "P1", "Fire borde i gang")
    assert status == 0
    status, out, err = run_cli(capsys, "trials", "evaluate", "P1", "--indstilling", "juster",
                               "--text", "Også i dagcentret", "--new-date", "+60",
                               "--study", "Mere ro ved bordene")
    assert status == 0, err
    assert "Ny cyklus: P2" in out
    status, out, _ = run_cli(capsys, "trials", "show", "P2")
    assert out.index("P1: Faste spisevenner (cyklus 1)") < out.index("P2: Faste spisevenner")
    assert "Justér: Også i dagcentret" in out and "Mere ro ved bordene" in out
    status, out, _ = run_cli(capsys, "trials", "--status", "alle", "--format", "csv")
    assert out.splitlines()[0].startswith("Id;Råd;Titel;Status")
    assert len(out.splitlines()) == 3
    status, _, err = run_cli(capsys, "trials", "evaluate", "P2", "--indstilling", "forlaeng",
                             "--text", "x")
    assert status == 2 and "ny evalueringsdato" in err


@pytest.mark.parametrize("name", ["kvalitetsraad", "tvaergaaende-kvalitetsraad",
                                  "kvalitetsudvalg", "bruger-og-paaroerenderaad"])
def test_every_shipped_council_template_has_the_item_trials_come_up_under(
        store, clock, name, data_dir):
    from meetingtool.core.agenda import load_agenda, resolve_template
    from meetingtool.core.trials import trials_item

    template = load_agenda(resolve_template(name, data_dir))
    council = store.ensure_council(f"Råd {name}", template.kind)
    meeting = start_meeting(store, council.id, template, MARCH)
    item = trials_item(meeting)
    assert item is not None and "proevehandlinger" in item.receives
    assert "prøvehandling" in item.title.casefold()


def test_the_minutes_show_the_trials_taken_up_with_their_indstilling(
        capsys, store, clock, data_dir, tmp_path):
    from docx import Document

    from meetingtool.core.agenda import load_agenda, resolve_template

    template = load_agenda(resolve_template("kvalitetsraad", data_dir))
    council = store.ensure_council("Kvalitetsråd Solbakken", template.kind)
    clock.to(MARCH)
    march = start_meeting(store, council.id, template, MARCH)
    start_trial(store, council.id, "Faste spisevenner", date(2027, 6, 1), start=MARCH,
                owner="Afdelingsleder Ida", measure="Vægt og et spørgsmål ved måltidet",
                meeting_id=march.id, hypothesis="Beboerne spiser mere")
    clock.to(date(2027, 6, 9))
    june = start_meeting(store, council.id, template, date(2027, 6, 9))
    evaluate_trial(store, "P1", Evaluation(
        study="Beboerne spiste mere og sad længere", recommendation="forlaeng",
        text="Prøv det også i dagcentret", new_evaluate=date(2027, 9, 1),
        follow_up_months=6), meeting_id=june.id)

    out = tmp_path / "referat.docx"
    assert main(["export", str(june.id), "--format", "docx", "--out", str(out)]) == 0, (
        capsys.readouterr())
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    text = "\n".join(paragraphs)
    heading = paragraphs.index("Prøvehandlinger")
    assert "Prøvehandling P1: Faste spisevenner" in text
    assert "Analyse: Beboerne spiste mere og sad længere" in text
    assert ("Indstilling: Forlæng: Prøv det også i dagcentret Følges op efter 6 måneder."
            in text)
    # under the item that receives trials, not somewhere else
    item = next(p for p in paragraphs if "Status på prøvehandlinger" in p)
    assert paragraphs.index(item) < heading

    assert main(["export", str(june.id), "--format", "json", "--out",
                 str(tmp_path / "r.json")]) == 0
    record = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    [trial] = record["trials"]
    assert trial["recommendation"] == "forlaeng" and trial["steps"][0]["phase"] == "study"
    march_out = tmp_path / "marts.md"
    assert main(["export", str(march.id), "--format", "md", "--out", str(march_out)]) == 0
    markdown = march_out.read_text(encoding="utf-8")
    assert "Prøvehandling P1" in markdown and "Planlagt" in markdown
    assert "Indstilling" not in markdown  # given in June, not in March


def test_the_cli_makes_a_trial_from_a_decision_or_a_received_case(capsys, store, clock, council):
    meeting = meeting_on(store, clock, council, MARCH)
    decision = store.add_decision(meeting.id, meeting.items[1].id, "Vi prøver aftenro")
    case = store.add_followup(meeting.id, meeting.items[0].id, "Gentagne fald om natten")
    status, out, err = run_cli(capsys, "trials", "add", "--from-decision", decision.id,
                               "--evaluate", "2027-06-01")
    assert status == 0, err
    assert store.trial("P1").title == "Vi prøver aftenro"
    assert store.trial("P1").source == f"Beslutning {decision.id}"
    status, out, err = run_cli(capsys, "trials", "add", "Natligt tilsyn", "--from-case",
                               case.id, "--evaluate", "2027-06-01")
    assert status == 0, err
    trial = store.trial("P2")
    assert (trial.title, trial.source, trial.council_id) == (
        "Natligt tilsyn", f"Sag {case.id}", council.id)
    status, _, err = run_cli(capsys, "trials", "add", "Uden råd", "--evaluate", "2027-06-01")
    assert status == 2 and "--council" in err
