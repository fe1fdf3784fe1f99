"""Agenda templates: the shipped ones load and add up; every kind of bad input is named."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from meetingtool.core.agenda import (
    AgendaError,
    Problem,
    check_agenda,
    find_templates,
    load_agenda,
    meeting_items,
    resolve_template,
)
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.locations import shipped_agendas_dir
from meetingtool.core.model import MeetingItem
from meetingtool.core.vocab import ITEM_KINDS, KOMPAS_MARKERS, MEETING_KINDS, ROLES, TRIAGE_COLOURS

SHIPPED = {
    "kvalitetsraad": ("kvalitetsraad", 60, 150),
    "tvaergaaende-kvalitetsraad": ("tvaergaaende-kvalitetsraad", 60, 150),
    "bruger-og-paaroerenderaad": ("bruger-og-paaroerenderaad", 60, 150),
    "kvalitetsudvalg": ("kvalitetsudvalg", 30, 45),
    "triage": ("triage", 15, 15),
}


def shipped(name: str) -> Path:
    return shipped_agendas_dir() / f"{name}.toml"


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


GOOD_HEAD = 'kind = "kvalitetsraad"\ntitle = "Prøveråd"\n'


def one_problem(path: Path) -> Problem:
    problems = check_agenda(path)
    assert len(problems) == 1, problems
    return problems[0]


# --- Shipped templates ---------------------------------------------------------------------


def test_every_meeting_kind_has_a_shipped_template():
    names = {path.stem for path in shipped_agendas_dir().glob("*.toml")}
    assert set(SHIPPED) <= names
    # Course templates (opstartsmøde, dialogmøde) sit in agendas/forloeb/: a course plan
    # makes those meetings, so the new-meeting list does not offer them.
    kinds = {load_agenda(path).kind for path in shipped_agendas_dir().rglob("*.toml")}
    assert kinds == set(MEETING_KINDS)


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_template_loads_and_checks_clean(name):
    path = shipped(name)
    assert check_agenda(path) == []
    template = load_agenda(path)
    kind, low, high = SHIPPED[name]
    assert template.kind == kind
    assert template.source == path
    assert template.title
    assert template.start_time is not None
    assert low <= template.total_minutes <= high
    assert template.total_minutes == sum(item.planned_minutes for item in template.items)
    assert all(item.planned_minutes >= 1 for item in template.items)
    assert all(item.kind in ITEM_KINDS for item in template.items)
    assert all(member.role in ROLES for member in template.members)
    # the meeting ends the same day
    start = datetime(2026, 11, 22, template.start_time.hour, template.start_time.minute)
    assert (start + timedelta(minutes=template.total_minutes)).date() == start.date()


def test_kvalitetsraad_has_a_kvalitetskompas_theme_with_questions_and_tags():
    template = load_agenda(shipped("kvalitetsraad"))
    themes = [item for item in template.items if item.kind == "tema"]
    assert len(themes) == 1
    theme = themes[0]
    assert "kvalitetskompas" in theme.title.casefold()
    assert len(theme.questions) >= 3
    assert "Hvordan viser vi nærvær i hverdagen?" in theme.questions
    assert any(tag in KOMPAS_MARKERS for tag in theme.tags)
    assert template.total_minutes == 100
    assert template.start_time == time(14, 0)


def test_tvaergaaende_has_other_fora_and_trial_actions_with_recommendations():
    template = load_agenda(shipped("tvaergaaende-kvalitetsraad"))
    titles = [item.title for item in template.items]
    assert "Sager fra andre fora" in titles
    trial = template.items[titles.index("Prøvehandlinger til evaluering")]
    assert trial.kind == "beslutning"
    text = (trial.description + " ".join(trial.questions)).casefold()
    for word in ("forlænge", "implementere", "alle steder", "stoppe"):
        assert word in text


def test_bruger_og_paaroerenderaad_has_kildehaven_composition_and_items():
    template = load_agenda(shipped("bruger-og-paaroerenderaad"))
    roles = [member.role for member in template.members]
    assert roles.count("centerleder") == 1
    assert roles.count("formand") == 1
    assert roles.count("naestformand") == 1
    # three residents/relatives, one of them deputy chair
    assert roles.count("naestformand") + roles.count("beboer") + roles.count("paaroerende") == 3
    assert roles.count("teamleder") == 1
    assert roles.count("medarbejder") == 1
    assert roles.count("aktivitetsmedarbejder") == 1
    assert roles.count("frivillig") == 2
    assert roles.count("aeldreraad") == 1
    assert any(member.name == "Centerleder" for member in template.members)
    by_title = {item.title: item for item in template.items}
    for title in (
        "Godkendelse af dagsorden",
        "Godkendelse af referat",
        "Opfølgning fra tidligere møder",
        "Hvad fortæller vi de andre beboere og pårørende?",
        "Eventuelt",
        "Næste møde",
    ):
        assert title in by_title
    assert by_title["Opfølgning fra tidligere møder"].kind == "opfoelgning"
    assert by_title["Eventuelt"].kind == "eventuelt"
    themes = [item for item in template.items if item.kind == "tema"]
    assert themes and themes[0].presenter == "Centerleder"
    assert "oplæg" in themes[0].title.casefold()
    titles = [item.title for item in template.items]
    assert titles.index("Eventuelt") < titles.index("Næste møde")


def test_kvalitetsudvalg_is_a_short_board_meeting_with_other_fora():
    template = load_agenda(shipped("kvalitetsudvalg"))
    assert 30 <= template.total_minutes <= 45
    assert "Sager fra andre fora" in [item.title for item in template.items]


def test_triage_template_is_15_minutes_with_round_borgergennemgang_and_rules():
    template = load_agenda(shipped("triage"))
    assert template.total_minutes == 15
    assert [item.kind for item in template.items].count("triage") == 1
    review = next(item for item in template.items if item.title == "Borgergennemgang")
    assert review.questions == [
        "Hvordan har borgeren det?",
        "Hvad ved vi om borgeren?",
        "Hvordan er det at være borgeren?",
        "Hvad har borgeren brug for?",
        "Hvad skal vi som medarbejdere gøre?",
    ]
    assert template.triage is not None
    assert template.triage.seconds_per_colour == {"roed": 60, "gul": 30, "groen": 10}
    rules = {(rule.colour, rule.text, rule.due_hours) for rule in template.triage.rules}
    assert rules == {("roed", "Sygeplejefaglig vurdering", 24), ("gul", "Handleplan", 48)}


def test_meeting_items_are_numbered_copies():
    template = load_agenda(shipped("kvalitetsraad"))
    items = meeting_items(template)
    assert [item.id for item in items] == list(range(1, len(template.items) + 1))
    assert all(isinstance(item, MeetingItem) for item in items)
    for item, source in zip(items, template.items):
        assert (item.title, item.planned_minutes, item.kind, item.presenter) == (
            source.title, source.planned_minutes, source.kind, source.presenter)
        assert item.questions == source.questions and item.tags == source.tags
        assert item.notes == "" and item.used_seconds == 0.0
    theme = next(item for item in items if item.questions)
    theme.questions.append("Ekstra")
    theme.tags.append("Respekt")
    assert "Ekstra" not in [q for item in template.items for q in item.questions]
    position = items.index(theme)
    assert meeting_items(template)[position].tags == template.items[position].tags


# --- A full valid file ---------------------------------------------------------------------


def test_all_fields_are_read(tmp_path):
    path = write(tmp_path, "fuld.toml", '''\
kind = "triage"
title = "Team Øst"
place = "Stuen"
start_time = "9.05"
description = """
To linjer \\
i én."""

[[members]]
name = "Sygeplejerske"
role = "moedeleder"

[[members]]
name = "Ole"

[[items]]
title = "Runde"
minutes = 10
kind = "triage"
presenter = "Sygeplejerske"
description = "Alle beboere"
questions = ["Hvad har ændret sig?"]
tags = ["Sundhed", "3.3", "Omsorg"]

[[items]]
title = "Sidste"
minutes = 5

[triage]
seconds = { roed = 90 }

[[triage.rules]]
colour = "roed"
text = "Ring til lægen"
due_hours = 4
''')
    template = load_agenda(path)
    assert (template.kind, template.title, template.place) == ("triage", "Team Øst", "Stuen")
    assert template.start_time == time(9, 5)
    assert template.description == "To linjer i én."
    assert [(m.name, m.role) for m in template.members] == [
        ("Sygeplejerske", "moedeleder"), ("Ole", "medlem")]
    first, second = template.items
    assert first.questions == ["Hvad har ændret sig?"]
    assert first.tags == ["Sundhed", "3.3", "Omsorg"]
    assert (second.kind, second.presenter, second.questions) == ("droeftelse", "", [])
    assert template.triage.seconds_per_colour == {"roed": 90, "gul": 30, "groen": 10}
    assert template.triage.rules[0].due_hours == 4


def test_toml_time_and_bom_are_accepted(tmp_path):
    text = GOOD_HEAD + 'start_time = 14:30:00\n[[items]]\ntitle = "A"\nminutes = 5\n'
    path = write(tmp_path, "bom.toml", b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_agenda(path).start_time == time(14, 30)


def test_triage_kind_without_triage_table_gets_default_timing(tmp_path):
    path = write(tmp_path, "t.toml",
                 'kind = "triage"\ntitle = "T"\n[[items]]\ntitle = "A"\nminutes = 15\n')
    template = load_agenda(path)
    assert template.triage is not None
    assert template.triage.seconds_per_colour == {"roed": 60, "gul": 30, "groen": 10}
    assert template.triage.rules == []


def test_other_kinds_have_no_triage_by_default():
    assert load_agenda(shipped("kvalitetsraad")).triage is None


# --- Bad input: each kind, with file, line, item and field ------------------------------------


def test_toml_syntax_error_names_file_line_and_column(tmp_path):
    path = write(tmp_path, "syntaks.toml",
                 GOOD_HEAD + '\n[[items]]\ntitle = "A"\nminutes = \n')
    problem = one_problem(path)
    assert problem.file == str(path)
    assert problem.line == 6
    assert "TOML-syntaksfejl" in problem.what
    assert "kolonne 11" in problem.what
    assert "ugyldig værdi" in problem.what
    assert str(problem).startswith(f"{path}, linje 6: ")


def test_unclosed_string_is_a_syntax_error_with_line(tmp_path):
    path = write(tmp_path, "streng.toml", 'kind = "triage"\ntitle = "Uden slut\n')
    problem = one_problem(path)
    assert problem.line == 2
    assert "TOML-syntaksfejl" in problem.what
    assert "anførselstegn" in problem.what


def test_non_utf8_file_names_the_line_and_encoding(tmp_path):
    path = write(tmp_path, "latin1.toml",
                 'kind = "triage"\ntitle = "Rød gruppe"\n'.encode("latin-1"))
    problem = one_problem(path)
    assert problem.file == str(path)
    assert problem.line == 2
    assert "UTF-8" in problem.what
    assert "0xf8" in problem.what


def test_missing_file_is_a_problem(tmp_path):
    path = tmp_path / "findes-ikke.toml"
    problem = one_problem(path)
    assert problem.file == str(path)
    assert "findes ikke" in problem.what
    with pytest.raises(AgendaError):
        load_agenda(path)


def test_missing_item_title_names_item_number_and_header_line(tmp_path):
    path = write(tmp_path, "mangler.toml", GOOD_HEAD + '''
[[items]]
title = "Første"
minutes = 5

[[items]]
minutes = 5
''')
    problem = one_problem(path)
    assert problem.line == 8  # the second [[items]] header
    assert problem.where == "punkt 2 (uden titel)"
    assert 'mangler feltet "title"' in problem.what


def test_missing_minutes_names_item_title_and_expected_value(tmp_path):
    path = write(tmp_path, "minutter.toml", GOOD_HEAD + '[[items]]\ntitle = "Tema"\n')
    problem = one_problem(path)
    assert problem.line == 3
    assert problem.where == 'punkt 1 "Tema"'
    assert 'mangler feltet "minutes"' in problem.what
    assert "helt antal minutter" in problem.what


def test_missing_top_level_fields_are_each_reported(tmp_path):
    path = write(tmp_path, "top.toml", '[[items]]\ntitle = "A"\nminutes = 5\n')
    problems = check_agenda(path)
    whats = " | ".join(problem.what for problem in problems)
    assert len(problems) == 2
    assert 'mangler feltet "kind"' in whats and "kvalitetsraad" in whats
    assert 'mangler feltet "title"' in whats


def test_missing_items_is_reported(tmp_path):
    problem = one_problem(write(tmp_path, "tom.toml", GOOD_HEAD))
    assert "[[items]]" in problem.what


def test_empty_items_list_is_reported(tmp_path):
    problem = one_problem(write(tmp_path, "tom.toml", GOOD_HEAD + "items = []\n"))
    assert problem.line == 3
    assert "tom" in problem.what


@pytest.mark.parametrize(
    ("value", "shown"),
    [('"10"', 'en tekst ("10")'), ("12.5", "et decimaltal (12.5)"), ("true", "sand/falsk (True)")],
)
def test_wrong_type_for_minutes_names_line_field_and_type(tmp_path, value, shown):
    path = write(tmp_path, "type.toml",
                 GOOD_HEAD + f'[[items]]\ntitle = "Tema"\nkind = "tema"\nminutes = {value}\n')
    problem = one_problem(path)
    assert problem.line == 6
    assert problem.where == 'punkt 1 "Tema", felt "minutes"'
    assert "helt antal minutter" in problem.what
    assert shown in problem.what


def test_wrong_type_for_title_and_tags(tmp_path):
    path = write(tmp_path, "type.toml", 'kind = "kvalitetsraad"\ntitle = 7\n'
                 '[[items]]\ntitle = "A"\nminutes = 5\ntags = "Tryghed"\n')
    problems = check_agenda(path)
    assert [problem.line for problem in problems] == [2, 6]
    assert problems[0].where == 'felt "title"'
    assert "tekst" in problems[0].what and "et helt tal (7)" in problems[0].what
    assert problems[1].where == 'punkt 1 "A", felt "tags"'
    assert "liste af tekster" in problems[1].what


@pytest.mark.parametrize("minutes", [0, -5])
def test_zero_or_negative_minutes(tmp_path, minutes):
    path = write(tmp_path, "nul.toml",
                 GOOD_HEAD + f'[[items]]\ntitle = "Eventuelt"\nminutes = {minutes}\n')
    problem = one_problem(path)
    assert problem.line == 5
    assert problem.where == 'punkt 1 "Eventuelt", felt "minutes"'
    assert "mindst 1" in problem.what
    assert f"men er {minutes}" in problem.what


def test_absurdly_long_item_is_reported(tmp_path):
    path = write(tmp_path, "lang.toml", GOOD_HEAD + '[[items]]\ntitle = "A"\nminutes = 600\n')
    assert "højst være 480 minutter" in one_problem(path).what


def test_unknown_meeting_kind_lists_the_valid_ones(tmp_path):
    path = write(tmp_path, "type.toml",
                 'title = "x"\nkind = "kvalitetsråd"\n[[items]]\ntitle = "A"\nminutes = 5\n')
    problem = one_problem(path)
    assert problem.line == 2
    assert problem.where == 'felt "kind"'
    assert 'ukendt mødetype "kvalitetsråd"' in problem.what
    for key in MEETING_KINDS:
        assert key in problem.what


def test_unknown_item_kind_suggests_the_key_for_a_danish_word(tmp_path):
    path = write(tmp_path, "punkttype.toml",
                 GOOD_HEAD + '[[items]]\ntitle = "A"\nminutes = 5\nkind = "Drøftelse"\n')
    problem = one_problem(path)
    assert problem.line == 6
    assert problem.where == 'punkt 1 "A", felt "kind"'
    assert 'ukendt punkttype "Drøftelse"' in problem.what
    assert 'mente du "droeftelse"?' in problem.what
    for key in ITEM_KINDS:
        assert key in problem.what


def test_unknown_role_names_member_and_lists_roles(tmp_path):
    path = write(tmp_path, "rolle.toml", GOOD_HEAD + '''
[[members]]
name = "Centerleder"
role = "centerleder"

[[members]]
name = "Chefen"
role = "chef"

[[items]]
title = "A"
minutes = 5
''')
    problem = one_problem(path)
    assert problem.line == 10
    assert problem.where == 'medlem 2 "Chefen", felt "role"'
    assert 'ukendt rolle "chef"' in problem.what
    assert "naestformand (Næstformand)" in problem.what


def test_unknown_tags_are_each_reported_with_a_hint(tmp_path):
    path = write(tmp_path, "tags.toml", GOOD_HEAD + '''[[items]]
title = "Tema"
minutes = 30
tags = [
    "Tryghed",
    "tryghed",
    "Glæde",
]
''')
    problems = check_agenda(path)
    assert len(problems) == 2
    assert all(problem.line == 6 for problem in problems)
    assert all(problem.where == 'punkt 1 "Tema", felt "tags"' for problem in problems)
    assert 'ukendt mærke "tryghed" (mente du "Tryghed"?)' in problems[0].what
    assert 'ukendt mærke "Glæde";' in problems[1].what
    assert "Selvhjulpenhed" in problems[1].what and "6.4" in problems[1].what


def test_duplicate_titles_name_both_items(tmp_path):
    path = write(tmp_path, "dubletter.toml", GOOD_HEAD + '''
[[items]]
title = "Eventuelt"
minutes = 5

[[items]]
title = "Tema"
minutes = 30

[[items]]
minutes = 5
title = " eventuelt "
''')
    problem = one_problem(path)
    assert problem.line == 14
    assert problem.where == 'punkt 3 "eventuelt", felt "title"'
    assert "findes allerede som punkt 1" in problem.what


def test_unknown_triage_colours_in_seconds_and_rules(tmp_path):
    path = write(tmp_path, "farver.toml", '''kind = "triage"
title = "T"

[[items]]
title = "Runde"
minutes = 15
kind = "triage"

[triage]
seconds = { roed = 60, blaa = 10, gul = 0 }

[[triage.rules]]
colour = "red"
text = "Vurdering"
due_hours = 24

[[triage.rules]]
colour = "gul"
text = "Handleplan"
''')
    problems = check_agenda(path)
    assert [problem.line for problem in problems] == [10, 10, 13, 17]
    assert 'ukendt triagefarve "blaa"' in problems[0].what
    assert "roed (Rød), gul (Gul), groen (Grøn)" in problems[0].what
    assert problems[1].where == '[triage] seconds, felt "gul"'
    assert "mindst 1" in problems[1].what
    assert problems[2].where == 'triageregel 1, felt "colour"'
    assert 'ukendt triagefarve "red"' in problems[2].what
    for key in TRIAGE_COLOURS:
        assert key in problems[2].what
    assert problems[3].where == "triageregel 2"
    assert 'mangler feltet "due_hours"' in problems[3].what


def test_unknown_field_is_reported_as_a_likely_typo(tmp_path):
    path = write(tmp_path, "stavefejl.toml",
                 GOOD_HEAD + '[[items]]\ntitle = "A"\nminuter = 5\nminutes = 5\n')
    problem = one_problem(path)
    assert problem.line == 5
    assert 'ukendt felt "minuter"' in problem.what
    assert "minutes" in problem.what


def test_bad_start_time(tmp_path):
    path = write(tmp_path, "tid.toml",
                 GOOD_HEAD + 'start_time = "25:00"\n[[items]]\ntitle = "A"\nminutes = 5\n')
    problem = one_problem(path)
    assert problem.line == 3
    assert problem.where == 'felt "start_time"'
    assert '"14:00"' in problem.what and '"25:00"' in problem.what


def test_keys_inside_multiline_strings_do_not_move_line_numbers(tmp_path):
    path = write(tmp_path, "lang.toml", GOOD_HEAD + '''[[items]]
title = "A"
description = """
minutes = 5
[[items]]
"""
minutes = 0
''')
    problem = one_problem(path)
    assert problem.line == 9
    assert problem.where == 'punkt 1 "A", felt "minutes"'


def test_every_problem_is_reported_and_load_raises_with_all(tmp_path):
    path = write(tmp_path, "mange.toml", '''kind = "moede"
title = "Mange fejl"

[[items]]
title = "Godkendelse af dagsorden"
minutes = 0

[[items]]
title = "Tema"
minutes = "ti"
kind = "snak"

[[items]]
title = "Godkendelse af dagsorden"
minutes = 5
''')
    problems = check_agenda(path)
    assert [problem.line for problem in problems] == [1, 6, 10, 11, 14]
    with pytest.raises(AgendaError) as caught:
        load_agenda(path)
    error = caught.value
    assert isinstance(error, MeetingToolError) and error.exit_status == 2
    assert error.problems == problems
    assert error.message.startswith(f"Skabelonen {path} har 5 fejl:")
    for problem in problems:
        assert str(problem) in error.message
    assert f"{path}, linje 11: punkt 2 \"Tema\", felt \"kind\"" in error.message


def test_a_non_table_item_is_reported(tmp_path):
    path = write(tmp_path, "inline.toml", GOOD_HEAD + 'items = [5]\n')
    problem = one_problem(path)
    assert problem.line == 3
    assert problem.where == "punkt 1"
    assert "tabel" in problem.what


# --- Finding and resolving templates ------------------------------------------------------------


def test_find_templates_lists_shipped_then_user_dirs_and_only_toml(tmp_path, data_dir, monkeypatch):
    work = tmp_path / "arbejde"
    (work / "agendas").mkdir(parents=True)
    monkeypatch.chdir(work)
    (data_dir / "agendas").mkdir(parents=True)
    write(data_dir / "agendas", "vores-raad.toml", GOOD_HEAD)
    write(data_dir / "agendas", "noter.txt", "ikke en skabelon")
    write(work / "agendas", "lokal.toml", GOOD_HEAD)
    found = find_templates(data_dir)
    names = [path.stem for path in found]
    assert names[: len(SHIPPED)] == sorted(SHIPPED)
    assert names[len(SHIPPED):] == ["vores-raad", "lokal"]
    assert all(path.suffix == ".toml" for path in found)


def test_find_templates_lists_a_folder_once(data_dir, monkeypatch):
    monkeypatch.chdir(shipped_agendas_dir().parent)
    found = find_templates(data_dir)
    assert len(found) == len({path.resolve() for path in found})


def test_resolve_template_by_path_name_and_file_name(tmp_path, data_dir, monkeypatch):
    monkeypatch.chdir(tmp_path)
    own = write(tmp_path, "egen.toml", GOOD_HEAD)
    assert resolve_template(str(own), data_dir) == own
    assert resolve_template("triage", data_dir) == shipped("triage")
    assert resolve_template("triage.toml", data_dir) == shipped("triage")
    (data_dir / "agendas").mkdir(parents=True)
    user = write(data_dir / "agendas", "vores-raad.toml", GOOD_HEAD)
    assert resolve_template("vores-raad", data_dir) == user


def test_resolve_unknown_template_lists_available_names(tmp_path, data_dir, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NotFoundError) as caught:
        resolve_template("moede", data_dir)
    message = caught.value.message
    assert '"moede" findes ikke' in message
    for name in SHIPPED:
        assert name in message


def test_the_weekly_board_takes_up_its_indicators():
    """The kvalitetsudvalg follows falls, pressure ulcers and weight loss every week: one of
    its shipped items receives the indicators (k enters the week's values there)."""
    template = load_agenda(shipped_agendas_dir() / "kvalitetsudvalg.toml")
    [item] = [item for item in template.items if "indikatorer" in item.receives]
    assert "seriediagram" in item.description
