"""``meetingtool agendas list|show|check`` through ``meetingtool.cli.main``."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingtool.cli import main
from meetingtool.core.locations import shipped_agendas_dir

SHIPPED_NAMES = (
    "bruger-og-paaroerenderaad",
    "kvalitetsraad",
    "kvalitetsudvalg",
    "triage",
    "tvaergaaende-kvalitetsraad",
)

BROKEN = '''kind = "kvalitetsraad"
title = "Ødelagt"

[[items]]
title = "Tema"
minutes = 0
'''


@pytest.fixture(autouse=True)
def wide_and_elsewhere(tmp_path, monkeypatch):
    """A wide console (no wrapped cells) and a working directory without agendas/."""
    monkeypatch.setenv("COLUMNS", "200")
    work = tmp_path / "arbejde"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def user_template(data_dir: Path, name: str, text: str) -> Path:
    folder = data_dir / "agendas"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- list ------------------------------------------------------------------------------------


def test_list_shows_shipped_templates_with_kind_items_and_minutes(capsys):
    assert main(["agendas", "list"]) == 0
    out = capsys.readouterr().out
    for name in SHIPPED_NAMES:
        assert name in out
    lines = {line.split("│")[1].strip(): line for line in out.splitlines() if "│" in line}
    triage = lines["triage"]
    assert "Triagemøde" in triage and " 3 " in triage and " 15 " in triage
    assert "medfølger" in triage
    kvalitetsraad = lines["kvalitetsraad"]
    assert "Lokalt kvalitetsråd" in kvalitetsraad
    assert " 10 " in kvalitetsraad and " 100 " in kvalitetsraad
    assert "Bruger- og pårørenderåd" in out


def test_list_marks_user_templates_and_broken_ones(capsys, data_dir):
    user_template(data_dir, "vores-triage.toml",
                  (shipped_agendas_dir() / "triage.toml").read_text(encoding="utf-8"))
    broken = user_template(data_dir, "oedelagt.toml", BROKEN)
    assert main(["agendas", "list"]) == 0
    out = capsys.readouterr().out
    lines = {line.split("│")[1].strip(): line for line in out.splitlines() if "│" in line}
    assert "egen" in lines["vores-triage"] and "15" in lines["vores-triage"]
    assert "Fejl i skabelonen (1 fejl)" in lines["oedelagt"]
    assert f"meetingtool agendas check {broken}" in out
    assert f"Egne skabeloner fra: {data_dir / 'agendas'}" in out


def test_a_copy_of_the_project_folder_lists_each_template_once(capsys, wide_and_elsewhere):
    """Run from a checkout of the project (its own agendas/) with an installed meetingtool:
    the copies are the shipped templates, not the user's; an own file is still listed."""
    import shutil

    shutil.copytree(shipped_agendas_dir(), wide_and_elsewhere / "agendas")
    (wide_and_elsewhere / "agendas" / "vores.toml").write_text(
        (shipped_agendas_dir() / "triage.toml").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["agendas", "list"]) == 0
    out = capsys.readouterr().out
    names = [line.split("│")[1].strip() for line in out.splitlines() if "│" in line]
    names = [name for name in names if name]
    assert sorted(names) == sorted([*SHIPPED_NAMES, "vores"])
    assert "egen" in next(line for line in out.splitlines() if "│ vores " in line)


def test_agendas_alone_lists(capsys):
    assert main(["agendas"]) == 0
    assert "kvalitetsudvalg" in capsys.readouterr().out


def test_data_option_after_the_command(capsys, tmp_path):
    other = tmp_path / "anden-data"
    user_template(other, "andet.toml", BROKEN.replace("minutes = 0", "minutes = 5"))
    assert main(["agendas", "list", "--data", str(other)]) == 0
    assert "andet" in capsys.readouterr().out


# --- show ------------------------------------------------------------------------------------


def test_show_by_name_has_numbers_kinds_minutes_and_running_clock(capsys):
    assert main(["agendas", "show", "kvalitetsraad"]) == 0
    out = capsys.readouterr().out
    for header in ("Nr.", "Punkt", "Type", "Min.", "Kl."):
        assert header in out
    rows = [line for line in out.splitlines() if line.startswith("│")]
    first = rows[0]
    assert "Velkomst og godkendelse af dagsorden" in first
    assert "Godkendelse" in first and " 5 " in first and "14.00" in first
    # 5 + 5 + 15 + 10 minutes before the theme item
    theme = next(line for line in rows if "Tema fra kvalitetskompasset" in line)
    assert "14.35" in theme and " 35 " in theme and "Tema" in theme
    assert "15.40" in out  # end: 14.00 + 100 minutes
    assert "Lokalt kvalitetsråd" in out


def test_show_by_path_without_start_time_shows_minutes_after_start(capsys, tmp_path):
    path = tmp_path / "uden-tid.toml"
    path.write_text('kind = "triage"\ntitle = "Morgen"\n'
                    '[[items]]\ntitle = "Runde"\nminutes = 10\nkind = "triage"\n'
                    '[[items]]\ntitle = "Afslutning"\nminutes = 5\n', encoding="utf-8")
    assert main(["agendas", "show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Efter min." in out
    row = next(line for line in out.splitlines() if "Afslutning" in line)
    assert "Drøftelse" in row and " 10 " in row


def test_show_triage_lists_rules(capsys):
    assert main(["agendas", "show", "triage"]) == 0
    out = capsys.readouterr().out
    assert "Borgergennemgang" in out
    assert "13.45" in out and "14.00" in out
    assert "Rød: Sygeplejefaglig vurdering inden for 24 timer" in out
    assert "Gul: Handleplan inden for 48 timer" in out


def test_show_broken_file_exits_2_with_file_line_and_no_traceback(capsys, tmp_path):
    path = tmp_path / "ødelagt.toml"
    path.write_text(BROKEN, encoding="utf-8")
    assert main(["agendas", "show", str(path)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert captured.err.startswith("Fejl: Skabelonen ")
    assert f'{path}, linje 6: punkt 1 "Tema", felt "minutes"' in captured.err


def test_show_syntax_error_exits_2(capsys, tmp_path):
    path = tmp_path / "syntaks.toml"
    path.write_text('kind = "triage"\ntitle = \n', encoding="utf-8")
    assert main(["agendas", "show", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}, linje 2" in err and "TOML-syntaksfejl" in err
    assert "Traceback" not in err


def test_show_unknown_name_lists_available_templates(capsys):
    assert main(["agendas", "show", "moede"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fejl: ")
    assert '"moede" findes ikke' in err
    for name in SHIPPED_NAMES:
        assert name in err


# --- check -----------------------------------------------------------------------------------


def test_check_shipped_templates_ok(capsys):
    paths = [str(path) for path in sorted(shipped_agendas_dir().glob("*.toml"))]
    assert main(["agendas", "check", *paths]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(paths)
    assert all(line.startswith("OK: ") for line in out)
    assert f"OK: {shipped_agendas_dir() / 'triage.toml'} (3 punkter, 15 min.)" in out
    assert f"OK: {shipped_agendas_dir() / 'kvalitetsraad.toml'} (10 punkter, 100 min.)" in out


def test_check_by_name(capsys):
    assert main(["agendas", "check", "kvalitetsudvalg"]) == 0
    assert capsys.readouterr().out.strip() == "OK: kvalitetsudvalg (7 punkter, 40 min.)"


def test_check_reports_every_problem_of_every_file_and_exits_2(capsys, tmp_path):
    bad = tmp_path / "fejl.toml"
    bad.write_text('''kind = "kvalitetsraad"
title = "Fejl"

[[items]]
title = "A"
minutes = -1

[[items]]
title = "A"
minutes = 5
tags = ["Glæde"]
''', encoding="utf-8")
    latin = tmp_path / "latin1.toml"
    latin.write_bytes('kind = "triage"\ntitle = "Rød"\n'.encode("latin-1"))
    good = shipped_agendas_dir() / "triage.toml"
    status = main(["agendas", "check", str(bad), str(good), str(latin), "findes-ikke"])
    assert status == 2
    captured = capsys.readouterr()
    out = captured.out
    assert "Traceback" not in out + captured.err
    assert f"FEJL: {bad} (3 fejl)" in out
    assert f'{bad}, linje 6: punkt 1 "A", felt "minutes": skal være mindst 1' in out
    assert f'{bad}, linje 9: punkt 2 "A", felt "title": titlen findes allerede som punkt 1' in out
    assert f'{bad}, linje 11: punkt 2 "A", felt "tags": ukendt mærke "Glæde"' in out
    assert f"OK: {good} (3 punkter, 15 min.)" in out
    assert f"FEJL: {latin} (1 fejl)" in out
    assert f"{latin}, linje 2: filen er ikke gemt som UTF-8" in out
    assert "FEJL: findes-ikke" in out
    assert "3 af 4 skabeloner har fejl." in out


def test_check_needs_a_file(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["agendas", "check"])
    assert caught.value.code == 2


# --- size limits and cost ----------------------------------------------------------------------


def many_items(count: int, minutes: int = 1) -> str:
    lines = ['kind = "kvalitetsraad"', 'title = "Stor dagsorden"', ""]
    for number in range(count):
        lines += ["[[items]]", f'title = "Punkt {number}"', f"minutes = {minutes}",
                  'kind = "droeftelse"', f'description = "Tekst {number}"', ""]
    return "\n".join(lines)


def test_check_names_the_item_limit(capsys, tmp_path):
    path = tmp_path / "kaempe.toml"
    path.write_text(many_items(501), encoding="utf-8")
    assert main(["agendas", "check", str(path)]) == 2
    out = " ".join(capsys.readouterr().out.split())
    assert "501 punkter, men højst 500 er tilladt" in out


def test_check_names_the_day_limit_of_minutes(capsys, tmp_path):
    path = tmp_path / "lang.toml"
    path.write_text(many_items(5, minutes=300), encoding="utf-8")
    assert main(["agendas", "check", str(path)]) == 2
    out = " ".join(capsys.readouterr().out.split())
    assert "i alt 1500 minutter" in out and "højst vare 1440 minutter (24 timer)" in out


def test_deeply_nested_lists_are_a_problem_not_a_crash(capsys, tmp_path):
    path = tmp_path / "dyb.toml"
    path.write_text('title = "x"\nitems = ' + "[" * 5000 + "]" * 5000 + "\n",
                    encoding="utf-8")
    assert main(["agendas", "check", str(path)]) == 2
    out = capsys.readouterr().out
    assert f"FEJL: {path}" in out and "for mange lag" in out
    assert main(["agendas", "show", str(path)]) == 2
    assert "for mange lag" in capsys.readouterr().err
