"""Snapshot tests (pytest-textual-snapshot) of the home screen and the new-meeting dialog
at 80x24. Update after an intended change with ``pytest --snapshot-update`` and look at
the SVGs before committing them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from waiting import until

from meetingtool.core.agenda import load_agenda, resolve_template
from meetingtool.store import Store, open_store
from meetingtool.tui.app import MeetingToolApp
from meetingtool.tui.widgets.coming_days import ComingDays


def wall() -> datetime:
    return datetime(2026, 11, 22, 10, 0)


@pytest.fixture
def store(data_dir, monkeypatch, tmp_path) -> Store:
    # User templates are also read from ./agendas: run where there are none.
    monkeypatch.chdir(tmp_path)
    return open_store(data_dir, now=wall)


def fill(store: Store) -> None:
    raad = load_agenda(resolve_template("bruger-og-paaroerenderaad", store.data_dir))
    kildebo = store.ensure_council("Bruger- og pårørenderåd Kildebo", raad.kind, raad.members)
    for on, title, status in [(date(2026, 9, 3), "Mad og måltider", "afsluttet"),
                              (date(2026, 11, 20), "Aktiviteter", "i_gang"),
                              (date(2026, 12, 10), "Julemødet", "planlagt")]:
        meeting = store.create_meeting(kildebo.id, raad, on, title=title)
        meeting.status = status
        store.save_meeting(meeting)
        if status == "afsluttet":
            store.add_followup(meeting.id, 1, "Menukort på dansk", due=date(2026, 11, 1))
            store.add_followup(meeting.id, 1, "Spørg køkkenet", due=date(2026, 12, 15))
    kvalitet = load_agenda(resolve_template("kvalitetsraad", store.data_dir))
    store.ensure_council("Lokalt kvalitetsråd Kildebo", kvalitet.kind, kvalitet.members)


def app_for(store: Store) -> MeetingToolApp:
    return MeetingToolApp(store, wall=wall, monotonic=lambda: 0.0)


async def coming_read(pilot) -> None:
    """The coming 30 days are read on a worker thread: shoot once they are drawn."""
    await until(lambda: pilot.app.screen.query_one(ComingDays).loaded)
    await pilot.pause()


def test_home_screen(snap_compare, store):
    fill(store)
    assert snap_compare(app_for(store), terminal_size=(80, 24), run_before=coming_read)


def test_home_screen_with_no_councils(snap_compare, store):
    assert snap_compare(app_for(store), terminal_size=(80, 24))


def test_new_meeting_dialog(snap_compare, store):
    fill(store)
    assert snap_compare(app_for(store), press=["n"], terminal_size=(80, 24),
                        run_before=coming_read)
