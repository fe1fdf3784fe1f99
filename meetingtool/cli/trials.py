"""``meetingtool trials``: trial actions (prøvehandlinger) from the command line.

``trials`` lists them (evaluation overdue first), ``trials add`` plans one, ``trials show``
prints a trial's whole cycle history (linked cycles in order), ``trials status`` notes what
was done and ``trials evaluate`` records the evaluation and its indstilling.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import date

from meetingtool.cli import add_data_option, open_data_store
from meetingtool.cli.cpr_options import add_cpr_options, guard_output
from meetingtool.cli.free_text import FreeText
from meetingtool.cli.meetings import find_council_id
from meetingtool.core.codec import to_dict
from meetingtool.core.dates import format_date, parse_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.trials import (
    RECOMMENDATION_LABELS,
    TRIAL_STATUS_LABELS,
    Evaluation,
    status_words,
    trial_lines,
)

STATUS_CHOICES = (*TRIAL_STATUS_LABELS, "aabne", "alle")


def register(subparsers) -> None:
    trials = subparsers.add_parser(
        "trials", help="prøvehandlinger: oversigt, ny, vis, status, evaluering",
        description="Prøvehandlinger (PDSA): uden underkommando vises de, der skal evalueres, "
        "først. En prøvehandling, hvis evalueringsdato er passeret, kommer op på hvert møde i "
        "rådet, til den er evalueret.")
    trials.add_argument("--council", metavar="NAVN", help="kun dette råd (navn eller id)")
    trials.add_argument("--status", choices=STATUS_CHOICES, default="aabne",
                        help="planlagt, i_gang, evalueres, afsluttet, aabne (standard) eller alle")
    trials.add_argument("--format", choices=("table", "json", "csv"), default="table")
    add_cpr_options(trials)
    add_data_option(trials)
    trials.set_defaults(handler=list_trials)
    actions = trials.add_subparsers(dest="action", title="underkommandoer", metavar="HANDLING")

    add = actions.add_parser("add", help="planlæg en ny prøvehandling")
    add.add_argument("title", metavar="TITEL", nargs="?", default="", action=FreeText,
                     help="hvad prøves (uden titel: beslutningens eller sagens tekst)")
    add.add_argument("--council", metavar="NAVN",
                     help="rådet (udelades med --from-decision eller --from-case)")
    source = add.add_mutually_exclusive_group()
    source.add_argument("--from-decision", metavar="ID",
                        help="en beslutning, fx 12-3, der gøres til en prøvehandling")
    source.add_argument("--from-case", metavar="ID",
                        help="en modtaget sag (opfølgningspunkt), fx 14-2")
    add.add_argument("--evaluate", metavar="DATO", required=True,
                     help="evalueringsdato, fx 2027-06-01, 1/6 eller +90")
    add.add_argument("--start", metavar="DATO", help="startdato (ellers planlagt)")
    add.add_argument("--owner", metavar="NAVN", default="", action=FreeText,
                     help="ansvarlig")
    add.add_argument("--problem", default="", action=FreeText,
                     help="problemet, der skal løses (Plan)")
    add.add_argument("--hypothesis", default="", action=FreeText, help="hvad forventer vi? (Plan)")
    add.add_argument("--participants", default="", action=FreeText, help="hvem deltager, og hvor")
    add.add_argument("--measure", default="", action=FreeText, help="hvad måles")
    add_data_option(add)
    add.set_defaults(handler=add_trial)

    show = actions.add_parser("show", help="vis en prøvehandlings hele forløb")
    show.add_argument("trial_id", metavar="ID", help="fx P3")
    add_cpr_options(show)
    add_data_option(show)
    show.set_defaults(handler=show_trial)

    status = actions.add_parser("status", help="notér, hvad der er gjort (Udførelse)")
    status.add_argument("trial_id", metavar="ID")
    status.add_argument("text", metavar="TEKST", action=FreeText)
    status.add_argument("--meeting", metavar="MØDE_ID", type=int, help="på dette møde")
    add_data_option(status)
    status.set_defaults(handler=note_trial)

    evaluation = actions.add_parser("evaluate", help="evaluér og giv en indstilling")
    evaluation.add_argument("trial_id", metavar="ID")
    evaluation.add_argument("--indstilling", required=True, choices=list(RECOMMENDATION_LABELS),
                            help="forlaeng, implementer, juster eller stop")
    evaluation.add_argument("--text", required=True, metavar="TEKST", action=FreeText,
                            help="nyt fokus / hvor den implementeres / hvad der justeres / "
                            "hvorfor den stoppes")
    evaluation.add_argument("--study", default="", metavar="TEKST", action=FreeText,
                            help="hvad så vi? (Analyse)")
    evaluation.add_argument("--new-date", metavar="DATO",
                            help="ny evalueringsdato (ved forlaeng og juster)")
    evaluation.add_argument("--follow-up-months", type=int, metavar="N",
                            help="følg op efter N måneder (et opfølgningspunkt)")
    evaluation.add_argument("--meeting", metavar="MØDE_ID", type=int, help="på dette møde")
    add_data_option(evaluation)
    evaluation.set_defaults(handler=evaluate_command)




def list_trials(args: argparse.Namespace, today: date | None = None) -> int:
    today = today or date.today()
    store = open_data_store(args)
    council_id = find_council_id(store, args.council)
    found = store.trials(council_id, open_only=args.status == "aabne")
    if args.status not in ("aabne", "alle"):
        found = [t for t in found if t.status == args.status]
    found.sort(key=lambda t: (not t.evaluation_due(today), t.evaluate, t.id))
    names = {c.id: c.name for c in store.councils()}
    guarded = guard_output({"trials": found, "councils": names}, args,
                           "Listen over prøvehandlinger")
    found, names = guarded["trials"], guarded["councils"]
    if args.format == "json":
        print(json.dumps([{**to_dict(t), "council": names.get(t.council_id, t.council_id),
                           "evaluation_due": t.evaluation_due(today)} for t in found],
                         ensure_ascii=False, indent=2))
        return 0
    if args.format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["Id", "Råd", "Titel", "Status", "Evalueres", "Ansvarlig",
                         "Indstilling"])
        for trial in found:
            writer.writerow([trial.id, names.get(trial.council_id, trial.council_id),
                             trial.title, TRIAL_STATUS_LABELS.get(trial.status, trial.status),
                             trial.evaluate.isoformat(), trial.owner,
                             RECOMMENDATION_LABELS.get(trial.recommendation, "")])
        print(out.getvalue(), end="")
        return 0
    if not found:
        print("Ingen prøvehandlinger passer til valget.")
        return 0
    for trial in found:
        flag = " !" if trial.evaluation_due(today) else ""
        print(f"{trial.id:<5} {trial.title}{flag}")
        print(f"      {names.get(trial.council_id, trial.council_id)} · "
              f"{status_words(trial, today)}" + (f" · {trial.owner}" if trial.owner else ""))
    due = sum(1 for t in found if t.evaluation_due(today))
    print(f"{len(found)} prøvehandling{'er' if len(found) != 1 else ''}, "
          f"{due} skal evalueres (markeret !)")
    return 0


def _date(text: str | None, today: date, what: str) -> date | None:
    if not text:
        return None
    try:
        return parse_date(text, today)
    except MeetingToolError as error:
        raise MeetingToolError(f"{what}: {error.message}") from None


def add_trial(args: argparse.Namespace, today: date | None = None) -> int:
    from meetingtool.actions.trials import start_trial, trial_from_decision

    today = today or date.today()
    store = open_data_store(args)
    evaluate_on = _date(args.evaluate, today, "--evaluate")
    assert evaluate_on is not None
    fields = {"start": _date(args.start, today, "--start"), "owner": args.owner,
              "problem": args.problem, "hypothesis": args.hypothesis,
              "participants": args.participants, "measure": args.measure}
    if args.from_decision:
        meeting_id = args.from_decision.split("-", 1)[0]
        if not meeting_id.isdigit():
            raise MeetingToolError(
                f"Beslutningen '{args.from_decision}' findes ikke (id som 12-3).")
        trial = trial_from_decision(store, store.meeting(int(meeting_id)), args.from_decision,
                                    evaluate_on, title=args.title, **fields)
    elif args.from_case:
        case = store.followup(args.from_case)
        trial = start_trial(store, case.council_id, args.title or case.text, evaluate_on,
                            meeting_id=case.meeting_id, source=f"Sag {case.id}", **fields)
    else:
        if not args.council:
            raise MeetingToolError("Angiv rådet med --council (eller --from-decision / "
                                   "--from-case).")
        council_id = find_council_id(store, args.council)
        assert council_id is not None
        trial = start_trial(store, council_id, args.title, evaluate_on, **fields)
    print(f"Prøvehandlingen {trial.id} '{trial.title}' er oprettet "
          f"({status_words(trial, today)}).")
    return 0


def show_trial(args: argparse.Namespace, today: date | None = None) -> int:
    from meetingtool.actions.trials import cycles

    today = today or date.today()
    store = open_data_store(args)
    names = {c.id: c.name for c in store.councils()}
    guarded = guard_output({"trials": cycles(store, store.trial(args.trial_id)),
                            "councils": names}, args, "Prøvehandlingen")
    chain, names = guarded["trials"], guarded["councils"]
    for number, trial in enumerate(chain):
        if number:
            print()
        print("\n".join(trial_lines(trial, names.get(trial.council_id, trial.council_id), today)))
    return 0


def note_trial(args: argparse.Namespace) -> int:
    from meetingtool.actions.trials import record_status

    trial = record_status(open_data_store(args), args.trial_id, args.text, meeting_id=args.meeting)
    print(f"Status noteret på {trial.id} '{trial.title}'.")
    return 0


def evaluate_command(args: argparse.Namespace, today: date | None = None) -> int:
    from meetingtool.actions.trials import evaluate_trial

    today = today or date.today()
    store = open_data_store(args)
    evaluation = Evaluation(study=args.study, recommendation=args.indstilling, text=args.text,
                            new_evaluate=_date(args.new_date, today, "--new-date"),
                            follow_up_months=args.follow_up_months)
    trial, next_cycle = evaluate_trial(store, args.trial_id, evaluation,
                                       meeting_id=args.meeting)
    print(f"{trial.id} '{trial.title}': {RECOMMENDATION_LABELS[trial.recommendation]} "
          f"({status_words(trial, today)}).")
    if next_cycle is not None:
        print(f"Ny cyklus: {next_cycle.id}, evalueres {format_date(next_cycle.evaluate)}.")
    if trial.follow_up_id:
        print(f"Opfølgningspunkt {trial.follow_up_id} er oprettet.")
    return 0
