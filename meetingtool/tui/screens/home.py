"""The home screen: every council, its meetings and how its follow-ups stand.

The upper table lists the councils with their open and overdue follow-ups and the trial
actions waiting for their evaluation ("Evaluér"); the lower one
the highlighted council's meetings, newest first, with date and status (planlagt, i gang,
afsluttet). From here the chair starts a new meeting from a template, resumes an unfinished
one or opens a finished one to read or export it. Everything is reached from the keyboard,
and the screen reads the store again whenever it comes back into view.

The first frame is drawn with the data (read before it, while nothing can be typed yet);
every later read (back from a meeting, another council highlighted, ``a``, ``g``) and the
new meeting (``n``) run on the app's one ordered writer (``tui/writer.py``), and the lists
change when its answer comes: a key never waits for the disk or for another terminal's lock.
"""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.widgets import Header, Static

from meetingtool.actions.lifecycle import latest_unfinished
from meetingtool.core.dates import format_date
from meetingtool.core.model import Meeting, MeetingSummary
from meetingtool.core.vocab import MEETING_KINDS, MEETING_STATUSES, MeetingStatus
from meetingtool.tui.screens import home_data
from meetingtool.tui.screens.home_data import CouncilLine, HomeData, read_home
from meetingtool.tui.widgets.coming_days import ComingDays
from meetingtool.tui.widgets.keybar import KeyBar
from meetingtool.tui.widgets.row_list import Cell, Column, RowList
from meetingtool.tui.writer_reads import error_message

KEY_WAIT_SECONDS = 1.0
"""How long ``enter`` waits for the meetings of a council just highlighted."""

STATUS_STYLES = {
    MeetingStatus.PLANLAGT: "",
    MeetingStatus.I_GANG: "bold",
    MeetingStatus.AFSLUTTET: "dim",
}

COUNCIL_COLUMNS = [Column("Råd", None), Column("Type", 23, optional=True),
                   Column("Åbne", 4, right=True),
                   Column("Overskredet", 11, right=True),
                   Column("Evaluér", 7, right=True)]
MEETING_COLUMNS = [Column("Nr.", 4, right=True, optional=True), Column("Dato", 18),
                   Column("Titel", None),
                   Column("Status", 9)]


class HomeCommands(Provider):
    """The home screen's keys as command-palette entries: "Hjem: Nyt møde" ..."""

    def entries(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        if not isinstance(screen, HomeScreen):
            return []
        return [
            (f"Hjem: {binding.tooltip or binding.description}", binding.action, binding.key)
            for binding in screen.BINDINGS
            if isinstance(binding, Binding) and binding.show
            and screen.check_action(binding.action, ())
        ]

    async def discover(self) -> Hits:
        for name, action, key in self.entries():
            yield DiscoveryHit(name, partial(self.screen.run_action, action), help=f"tast {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, key in self.entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.screen.run_action, action),
                          help=f"tast {key}")


class HomeScreen(Screen[None]):
    """Councils, their meetings, and the way into a meeting.

    | Key | Does |
    | --- | --- |
    | `n` | new meeting from a template (for the highlighted council unless another is typed) |
    | `enter` | in the councils: go to its meetings; in the meetings: open the highlighted one |
    | `a` | list every meeting of the council (the newest 20 are listed at first) |
    | `g` | resume the latest unfinished meeting (see ``actions.lifecycle.latest_unfinished``) |
    | `tab` | switch between the councils and the meetings |
    | `/` | search every decision, follow-up, note and trial (``screens.search``) |
    | `i` | the highlighted council's quality indicators as run charts |
    | `q` | quit |
    """

    CSS_PATH = "home.tcss"
    COMMANDS = {HomeCommands}

    BINDINGS = [
        Binding("n", "new_meeting", "Nyt møde", tooltip="Nyt møde fra en skabelon",
                id="home.new_meeting"),
        Binding("enter", "open_selected", "Åbn", tooltip="Åbn det valgte møde",
                id="home.open"),
        Binding("g", "resume_latest", "Genoptag", tooltip="Genoptag seneste uafsluttede møde",
                id="home.resume"),
        Binding("a", "all_meetings", "Alle møder", tooltip="Vis alle rådets møder",
                id="home.all_meetings"),
        Binding("tab", "switch_table", "Råd/møder", tooltip="Skift mellem råd og møder",
                id="home.switch"),
        Binding("slash", "search", "Søg", key_display="/",
                tooltip="Søg i tidligere møder",
                id="home.search"),
        Binding("i", "indicators", "Indikatorer",
                tooltip="Rådets indikatorer som seriediagrammer", id="home.indicators"),
        Binding("q", "app.quit", "Afslut", tooltip="Afslut meetingtool", id="home.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[CouncilLine] = []
        self.selected_council_id: str | None = None
        self.summaries: list[MeetingSummary] = []
        self.loaded_at_mount = False
        self.read_once = False
        """Whether the store has been read once (the first read is before the first frame)."""
        self.meetings_read = asyncio.Event()
        """Set when the meetings shown are those of the highlighted council."""
        self.meetings_cut = False
        """Whether the meetings table shows only the newest of the council's meetings."""
        self.show_all_of: str | None = None
        """The council whose every meeting is listed (after ``a``); others show the newest."""

    @property
    def store(self):
        return self.app.store

    @property
    def writer(self):
        return self.app.writer

    def today(self) -> date:
        return self.app.wall().date()

    # --- Building -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        councils = RowList(COUNCIL_COLUMNS, id="councils")
        councils.border_title = "Råd og udvalg"
        councils.border_subtitle = "åbne og overskredne opfølgningspunkter"
        yield councils
        yield ComingDays(id="coming")
        yield Static("", id="empty")
        meetings = RowList(MEETING_COLUMNS, id="meetings")
        meetings.border_title = "Møder"
        yield meetings
        # wraps instead of cutting keys off at 80 columns (as the meeting screen's)
        yield KeyBar(palette_hint="Kommandoer")

    def on_mount(self) -> None:
        self.sub_title = "Råd og møder"
        self.reload()
        self.loaded_at_mount = True

    def on_screen_resume(self) -> None:
        """Read the store again: a meeting may have been created, run or finished."""
        if self.loaded_at_mount:
            self.loaded_at_mount = False  # the first frame already has the data
            return
        self.reload()

    def reload(self) -> None:
        """Read the councils and the selected council's meetings again (on the writer)."""
        self.query_one(ComingDays).load(self.store, self.today())  # on a worker thread
        today, council_id, show_all_of = self.today(), self.selected_council_id, self.show_all_of
        if not self.read_once:
            self.read_once = True
            # The first time, before the first frame (nothing can be typed yet): the
            # screen shows the data at once instead of empty lists.
            self.show(read_home(self.store, today, council_id, show_all_of))
            return
        self.writer.submit(lambda store: read_home(store, today, council_id, show_all_of),
                           self.show, label="hjem")

    def show(self, data: HomeData) -> None:
        """Fill the councils (when read) and the meetings with what was read."""
        if not self.is_attached:
            return
        if data.lines is not None:
            self.show_councils(data.lines)
        self.show_meetings(data)

    def show_councils(self, lines: list[CouncilLine]) -> None:
        self.lines = lines
        councils = self.query_one("#councils", RowList)
        councils.set_rows(
            [(line.council.id, [
                Cell(line.council.name),
                Cell(MEETING_KINDS.get(line.council.kind, line.council.kind)),
                Cell(str(line.open_followups)),
                Cell(str(line.overdue_followups),
                     "bold" if line.overdue_followups else "dim"),
                Cell(f"{line.trials_due} !" if line.trials_due else "0",
                     "bold" if line.trials_due else "dim"),
            ]) for line in self.lines],
            keep=self.selected_council_id,
        )
        empty = not self.lines
        if empty != self.has_class("-empty"):
            self.set_class(empty, "-empty")
            self.refresh_bindings()
        self.query_one("#empty", Static).update(
            "Her er ingen råd endnu.\n\n"
            "Tryk [b]n[/b] for at oprette det første møde fra en skabelon; rådet oprettes "
            "samtidig med mødets medlemmer fra skabelonen." if empty else ""
        )
        self.selected_council_id = councils.highlighted_key
        if self.focused is None and not empty:
            councils.focus()

    def read_meetings(self, keep_meeting: int | None = None) -> None:
        """Read the selected council's meetings on the writer; shown when they come."""
        self.meetings_read.clear()
        if keep_meeting is None:
            keep_meeting = self.highlighted_meeting_id()
        today, council_id, show_all_of = self.today(), self.selected_council_id, self.show_all_of
        self.writer.submit(
            lambda store: read_home(store, today, council_id, show_all_of, councils=False),
            lambda data: self.show_meetings(data, keep_meeting) if self.is_attached else None,
            label="hjem")

    def show_meetings(self, data: HomeData, keep_meeting: int | None = None) -> None:
        """Fill the lower table with the selected council's meetings (as read in ``data``)."""
        table = self.query_one("#meetings", RowList)
        council_id = self.selected_council_id
        if data.council_id != council_id:
            return  # read for a council no longer highlighted: its own answer follows
        self.meetings_read.set()
        if keep_meeting is None:
            keep_meeting = self.highlighted_meeting_id()
        self.summaries = list(data.summaries)
        more = len(self.summaries) > home_data.MEETINGS_SHOWN and data.limit is not None
        del self.summaries[home_data.MEETINGS_SHOWN if more else len(self.summaries):]
        if more != self.meetings_cut:
            self.meetings_cut = more
            self.refresh_bindings()
        table.set_rows(
            [(str(summary.id), [
                Cell(str(summary.id)),
                Cell(format_date(summary.date)),
                Cell(summary.title),
                Cell(MEETING_STATUSES.get(summary.status, summary.status),
                     STATUS_STYLES.get(summary.status, "")),
            ]) for summary in self.summaries],
            keep=str(keep_meeting),
        )
        name = next((line.council.name for line in self.lines
                     if line.council.id == council_id), None)
        table.border_title = f"Møder · {name}" if name else "Møder"
        if name and not self.summaries:
            table.border_subtitle = "ingen møder endnu"
        elif more:
            table.border_subtitle = f"de {home_data.MEETINGS_SHOWN} nyeste · a: vis alle"
        else:
            table.border_subtitle = ""

    def highlighted_meeting_id(self) -> int | None:
        key = self.query_one("#meetings", RowList).highlighted_key
        return int(key) if key is not None else None

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        if event.row_list.id != "councils" or event.key == self.selected_council_id:
            return
        self.selected_council_id = event.key
        self.read_meetings(keep_meeting=-1)

    # --- Actions --------------------------------------------------------------------

    def action_all_meetings(self) -> None:
        if self.selected_council_id is None:
            return
        self.show_all_of = self.selected_council_id
        self.read_meetings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "Alle møder" only when the list is cut."""
        if action == "all_meetings":
            return self.meetings_cut
        if action in ("open_selected", "switch_table", "indicators", "search"):
            return bool(self.lines)
        return True

    def action_switch_table(self) -> None:
        councils = self.query_one("#councils", RowList)
        meetings = self.query_one("#meetings", RowList)
        if councils.has_focus and meetings.row_count:
            meetings.focus()
        elif self.lines:
            councils.focus()

    async def action_open_selected(self) -> None:
        councils = self.query_one("#councils", RowList)
        meetings = self.query_one("#meetings", RowList)
        if councils.has_focus:
            # enter right after another council was highlighted: its meetings first
            try:
                await asyncio.wait_for(self.meetings_read.wait(), KEY_WAIT_SECONDS)
            except TimeoutError:
                pass
            if meetings.row_count:
                meetings.focus()
            else:
                self.notify("Rådet har ingen møder endnu. Tryk n for et nyt møde.",
                            title="Ingen møder")
            return
        meeting_id = self.highlighted_meeting_id()
        if meeting_id is not None:
            self.open_meeting(meeting_id)

    def action_search(self) -> None:
        from meetingtool.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.store))

    def action_indicators(self) -> None:
        from meetingtool.tui.screens.indicators import IndicatorScreen

        if self.selected_council_id is not None:
            self.app.push_screen(IndicatorScreen(self.store, self.selected_council_id))

    def action_resume_latest(self) -> None:
        def found(summary: MeetingSummary | None) -> None:
            if summary is None:
                self.notify("Der er ingen uafsluttede møder. Tryk n for et nyt møde.",
                            title="Intet at genoptage")
            elif self.is_current:
                self.open_meeting(summary.id)

        self.writer.submit(lambda store: latest_unfinished(store.meetings()), found,
                           label="hjem")

    def action_new_meeting(self) -> None:
        from meetingtool.tui.dialogs.new_meeting import NewMeetingDialog, NewMeetingRequest

        council_name = next((line.council.name for line in self.lines
                             if line.council.id == self.selected_council_id), "")

        def created(meeting: Meeting) -> None:
            self.selected_council_id = meeting.council_id
            self.open_meeting(meeting.id)

        def refused(error: BaseException) -> None:
            self.notify(error_message(error), title="Mødet blev ikke oprettet",
                        severity="error")

        def chosen(request: NewMeetingRequest | None) -> None:
            if request is not None:
                self.writer.submit(request.create, created, refused, label="nyt møde")

        self.app.push_screen(
            NewMeetingDialog(
                self.store.data_dir,
                today=self.today(),
                council_name=council_name,
                councils=[line.council for line in self.lines],
            ),
            chosen,
        )

    def open_meeting(self, meeting_id: int) -> None:
        """Push the meeting screen once the writer has read the meeting; coming back here
        reloads (``on_screen_resume``)."""
        def failed(error: BaseException) -> None:
            self.notify(error_message(error), title="Mødet kan ikke åbnes",
                        severity="error")

        self.app.open_meeting(meeting_id, failed)
