"""Where the data is: a folder or a server URL, and never a password on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingtool.cli import main
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.locations import data_location, is_server_url, local_dir, url_has_password
from meetingtool.store import Store, open_store
from meetingtool.store.files import FileStore


def test_a_folder_opens_the_files_backend_which_keeps_the_whole_api(tmp_path):
    store = open_store(tmp_path / "data")
    assert isinstance(store, FileStore)
    assert isinstance(store, Store)  # every method of the API is there
    assert store.backend == "files" and store.location == str(tmp_path / "data")
    missing = [name for name in dir(Store) if not name.startswith("_")
               and not hasattr(store, name)]
    assert missing == []


@pytest.mark.parametrize("url", ["postgresql://meeting:hemmelig@db.kommune.dk/moeder",
                                 "postgres://db.kommune.dk/moeder?password=hemmelig"])
def test_a_password_in_a_url_on_the_command_line_is_refused(url):
    assert url_has_password(url)
    with pytest.raises(MeetingToolError) as refused:
        data_location(url)
    assert "PGPASSWORD" in refused.value.message and "MEETINGTOOL_DATA" in refused.value.message
    assert "hemmelig" not in refused.value.message


def test_the_cli_refuses_it_without_showing_it(capsys):
    status = main(["meetings", "--data", "postgresql://meeting:hemmelig@localhost/moeder"])
    out, err = capsys.readouterr()
    assert status == 2 and "hemmelig" not in out + err and "PGPASSWORD" in err


def test_a_url_in_the_environment_may_carry_the_password(monkeypatch):
    monkeypatch.setenv("MEETINGTOOL_DATA", "postgresql://meeting:hemmelig@localhost/moeder")
    assert data_location(None) == "postgresql://meeting:hemmelig@localhost/moeder"


def test_a_url_without_password_and_a_folder(tmp_path):
    assert data_location("postgresql://meeting@localhost/moeder") == (
        "postgresql://meeting@localhost/moeder")
    assert is_server_url("POSTGRESQL://x/y") and not is_server_url(tmp_path)
    assert data_location(str(tmp_path)) == Path(tmp_path)
    assert local_dir(tmp_path) == tmp_path
    assert local_dir("postgresql://localhost/moeder") != Path("postgresql:")


def test_a_file_where_the_data_folder_should_be_is_told_in_danish(tmp_path, capsys):
    not_a_folder = tmp_path / "data.txt"
    not_a_folder.write_text("noget andet", encoding="utf-8")
    assert main(["meetings", "--data", str(not_a_folder)]) == 2
    err = capsys.readouterr().err
    assert "er en fil, ikke en mappe" in err and "Traceback" not in err
    assert not_a_folder.read_text(encoding="utf-8") == "noget andet"
