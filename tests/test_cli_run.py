"""``meetingtool run`` and ``meetingtool resume`` through ``cli.main``.

The screen itself is replaced by a recorder (``run_meeting_app``), except in the last test,
which opens the real meeting screen headless and closes it with ``q``.
"""

from __future__ import annotations

from datetime import date

import pytest

from meetingtool.cli import main
from meetingtool.core.agenda import load_agenda, resolve_template
from meetingtool.store import open_store
from meetingtool.tui import app as app_module
from meetingtool.tui import launch


@pytest.fixture
def opened(monkeypatch):
    """Records which meeting the CLI would open instead of opening a terminal UI."""
    calls: list[int] = []

    def record(store, meeting_id):
        calls.append(meeting_id)
        return 0

    monkeypatch.setattr(launch, "run_meeting_app", record)
    return calls


def test_run_creates_the_council_and_the_meeting_and_opens_it(data_dir, opened, capsys):
    status = main(["run", "bruger-og-paaroerenderaad", "--council", "Bruger- og pårørenderåd "
                   "Kildebo", "--date", "2026-12-03", "--title", "Mad og måltider"])
    assert status == 0
    store = open_store(data_dir)
    council = store.find_council("Bruger- og pårørenderåd Kildebo")
    template = load_agenda(resolve_template("bruger-og-paaroerenderaad", data_dir))
    assert council.kind == template.kind
    assert council.members == template.members
    [summary] = store.meetings()
    assert opened == [summary.id]
    meeting = store.meeting(summary.id)
    assert (meeting.date, meeting.title, meeting.status) == (
        date(2026, 12, 3), "Mad og måltider", "planlagt")
    assert [item.title for item in meeting.items] == [item.title for item in template.items]


def test_run_with_a_file_path_and_an_existing_council(data_dir, opened, tmp_path):
    source = resolve_template("kvalitetsraad", data_dir)
    copy = tmp_path / "vores-dagsorden.toml"
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["--data", str(data_dir), "run", str(copy), "--council", "Rådet",
                 "--date", "1.12.2026"]) == 0
    assert main(["run", str(copy), "--council", "rådet", "--date", "8/12-26"]) == 0
    store = open_store(data_dir)
    assert len(store.councils()) == 1
    assert [s.date for s in store.meetings()] == [date(2026, 12, 8), date(2026, 12, 1)]
    assert len(opened) == 2


def test_run_with_a_broken_agenda_exits_2_before_anything(data_dir, tmp_path, capsys,
                                                          monkeypatch):
    def no_screen(*args, **kwargs):
        raise AssertionError("no screen may open")

    monkeypatch.setattr(launch, "run_meeting_app", no_screen)
    broken = tmp_path / "broken.toml"
    broken.write_text('kind = "kvalitetsraad"\ntitle = "Rådet"\n\n[[items]]\ntitle = "Punkt"\n'
                      'minutes = "ti"\n', encoding="utf-8")
    status = main(["run", str(broken), "--council", "Rådet"])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.err.startswith(f"Fejl: Skabelonen {broken} har 1 fejl:")
    assert "linje 6" in captured.err and "minutes" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert not data_dir.exists()  # nothing written, not even the store


def test_run_with_a_missing_agenda_lists_the_templates(data_dir, capsys, opened):
    assert main(["run", "findes-ikke.toml", "--council", "Rådet"]) == 2
    err = capsys.readouterr().err
    assert 'Skabelonen "findes-ikke.toml" findes ikke' in err
    assert "kvalitetsraad" in err
    assert "Traceback" not in err
    assert opened == []


def test_run_with_a_date_it_cannot_read(data_dir, capsys, opened):
    assert main(["run", "kvalitetsraad", "--council", "Rådet", "--date", "31/2"]) == 2
    assert 'Kunne ikke læse datoen "31/2"' in capsys.readouterr().err
    assert not data_dir.exists()


def test_run_refuses_a_template_of_another_kind_than_the_council(data_dir, capsys, opened):
    assert main(["run", "triage", "--council", "Afdeling Birk", "--date", "1/12"]) == 0
    capsys.readouterr()
    assert main(["run", "tvaergaaende-kvalitetsraad", "--council", "afdeling birk",
                 "--date", "2/12"]) == 2
    err = capsys.readouterr().err
    assert "Afdeling Birk holder møder af typen Triagemøde" in err
    assert "Vælg en skabelon af typen Triagemøde" in err
    assert len(open_store(data_dir).meetings()) == 1 and len(opened) == 1


def test_run_needs_a_council(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "kvalitetsraad"])
    assert exit_info.value.code == 2
    assert "--council" in capsys.readouterr().err


def make_meetings(data_dir) -> dict[str, int]:
    store = open_store(data_dir)
    template = load_agenda(resolve_template("kvalitetsraad", data_dir))
    council = store.ensure_council("Lokalt kvalitetsråd Kildebo", template.kind)
    ids = {}
    for name, on, status in [("gammel", date(2026, 9, 1), "afsluttet"),
                             ("igang", date(2026, 10, 1), "i_gang"),
                             ("planlagt", date(2026, 12, 1), "planlagt")]:
        meeting = store.create_meeting(council.id, template, on, title=name)
        meeting.status = status
        store.save_meeting(meeting)
        ids[name] = meeting.id
    return ids


def test_resume_without_id_opens_the_running_meeting(data_dir, opened):
    ids = make_meetings(data_dir)
    assert main(["resume"]) == 0
    assert opened == [ids["igang"]]


def test_resume_without_id_and_nothing_running_opens_the_latest_planned(data_dir, opened):
    store = open_store(data_dir)
    template = load_agenda(resolve_template("kvalitetsraad", data_dir))
    council = store.ensure_council("Rådet", template.kind)
    first = store.create_meeting(council.id, template, date(2027, 3, 1))
    second = store.create_meeting(council.id, template, date(2026, 12, 1))
    assert main(["resume"]) == 0
    assert opened == [second.id] != [first.id]


def test_resume_a_given_meeting(data_dir, opened):
    ids = make_meetings(data_dir)
    assert main(["resume", str(ids["gammel"])]) == 0
    assert opened == [ids["gammel"]]


def test_resume_an_unknown_id_says_so_and_lists_recent_meetings(data_dir, opened, capsys):
    make_meetings(data_dir)
    assert main(["resume", "99"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fejl: Møde 99 findes ikke.\nSeneste møder:")
    assert "1. december 2026  Lokalt kvalitetsråd Kildebo · planlagt (planlagt)" in err
    assert "1. september 2026" in err and "(afsluttet)" in err
    assert opened == []


def test_resume_with_no_meetings_at_all(data_dir, opened, capsys):
    assert main(["resume"]) == 2
    err = capsys.readouterr().err
    assert "Der er ingen uafsluttede møder at genoptage." in err
    assert "meetingtool run" in err


def test_run_opens_the_meeting_screen_and_q_ends_the_program(data_dir, monkeypatch):
    """The real screen, headless: it shows the new meeting, and ``q`` exits with 0."""
    seen = {}

    async def close_it(pilot):
        await pilot.pause()
        seen["screen"] = type(pilot.app.screen).__name__
        seen["meeting_id"] = pilot.app.screen.meeting_id
        await pilot.press("q")

    def headless(app, **options):
        app.run(headless=True, auto_pilot=close_it)
        return app.return_code

    monkeypatch.setattr(app_module, "run_app", headless)
    assert main(["run", "triage", "--council", "Afdeling Birk"]) == 0
    [summary] = open_store(data_dir).meetings()
    assert seen == {"screen": "MeetingScreen", "meeting_id": summary.id}


def test_meetingtool_alone_opens_the_home_screen_on_the_data_dir(tmp_path, monkeypatch):
    seen = {}

    async def look_and_quit(pilot):
        await pilot.pause()
        seen["screen"] = type(pilot.app.screen).__name__
        seen["data_dir"] = pilot.app.store.data_dir
        await pilot.press("q")

    def headless(app, **options):
        app.run(headless=True, auto_pilot=look_and_quit)
        return app.return_code

    monkeypatch.setattr(app_module, "run_app", headless)
    elsewhere = tmp_path / "andet"
    assert main(["--data", str(elsewhere)]) == 0
    assert seen == {"screen": "HomeScreen", "data_dir": elsewhere}


def test_run_again_opens_the_days_meeting_and_new_makes_another(data_dir, opened, capsys):
    """Running the README's command twice must not leave an empty meeting beside the one
    in progress: the second run opens the same meeting and says so; --new makes another."""
    args = ["run", "kvalitetsraad", "--council", "Kvalitetsråd Kildebo", "--date", "2026-12-03"]
    assert main(args) == 0
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "har allerede et møde 3. december 2026 (planlagt, møde 1); det åbnes nu" in out
    assert opened == [1, 1]
    assert main([*args, "--new"]) == 0
    assert opened == [1, 1, 2]
    assert len(open_store(data_dir).meetings()) == 2


def test_run_for_an_ended_meeting_says_so(data_dir, opened, capsys, monkeypatch):
    from datetime import datetime

    from meetingtool.actions.lifecycle import end_meeting, mark_started

    args = ["run", "kvalitetsraad", "--council", "Kvalitetsråd Kildebo", "--date", "2026-12-03"]
    assert main(args) == 0
    store = open_store(data_dir)
    meeting = store.meeting(1)
    mark_started(meeting)
    end_meeting(meeting, datetime(2026, 12, 3, 16, 0))
    store.save_meeting(meeting)
    capsys.readouterr()
    # Without a terminal to ask at: the two ways on, and nothing made.
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(args) != 0
    err = capsys.readouterr().err
    assert "er afsluttet (møde 1)" in err and "meetingtool resume 1" in err and "--new" in err
    assert len(open_store(data_dir).meetings()) == 1
    # At a terminal: "å" opens the ended meeting to read, "n" makes a new one.
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(["å", "n"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert main(args) == 0 and opened[-1] == 1
    assert main(args) == 0 and opened[-1] == 2
