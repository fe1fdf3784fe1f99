"""The store's typed API: what the TUI, the CLI, the use cases and the exporters may call.

Two backends implement it: ``store.files.FileStore`` (a data folder of small TinyDB files,
the default) and ``store.postgres.PgStore`` (one PostgreSQL database a municipality's
councils share). ``store.open_store(location)`` picks one. The contract tests in
``tests/store/`` run every promise below against both.

Promises every backend keeps:

- Each call is one transaction: when it returns, what it changed is durable; when it raises,
  nothing of it was written.
- Objects returned are the caller's own copies; changing one changes nothing stored until
  it is passed back (``save_meeting``, ``save_followup`` ...).
- Two terminals on the same meeting keep both people's changes: ``save_meeting`` merges
  three-way with what was saved meanwhile (``store.merge``), the base being what that very
  object was read or last saved as.
- Errors a person can act on are ``MeetingToolError``s with a Danish message:
  ``NotFoundError`` (an id or name that does not exist), ``StoreDamagedError`` (stored data
  that cannot be read), ``StoreBusyError`` (another terminal holds the data too long),
  ``StoreUnavailableError`` (a server that cannot be reached).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Protocol, runtime_checkable

from meetingtool.core.indicators import Indicator
from meetingtool.core.model import (
    AgendaTemplate,
    Borgergennemgang,
    Council,
    Decision,
    FollowUp,
    Meeting,
    MeetingSummary,
    Member,
    Resident,
    TriageEntry,
)
from meetingtool.core.purge import PurgeResult
from meetingtool.core.search import SearchHit, SearchQuery
from meetingtool.core.trials import Trial
from meetingtool.store.errors import (
    NotFoundError,
    StoreBusyError,
    StoreDamagedError,
    StoreUnavailableError,
)

__all__ = [
    "BackupSummary",
    "NotFoundError",
    "Store",
    "StoreBusyError",
    "StoreDamagedError",
    "StoreUnavailableError",
]


class BackupSummary(Protocol):
    """One backup as listed: its id, when and why it was taken."""

    id: str
    created: datetime
    reason: str


@runtime_checkable
class Store(Protocol):
    """The meeting store: councils, meetings, decisions, follow-ups, residents and triage."""

    backend: str
    """``"files"`` or ``"postgresql"``: which backend this is (for ``store info``)."""

    data_dir: Path
    """This user's own local folder: their agenda templates and crash reports. For the files
    backend it is the data folder itself; for a server, the platform's user data folder."""

    now: Callable[[], datetime]
    """The clock the store stamps changes with (injected in tests)."""

    @property
    def schema_version(self) -> int:
        """The version of the stored data's layout (files) or schema (server)."""
        ...

    @property
    def location(self) -> str:
        """Where the data is, for people to read: a folder, or a server URL without its
        password."""
        ...

    def close(self) -> None:
        """Let go of what the store holds between calls (a server connection)."""
        ...

    # --- councils -----------------------------------------------------------------------

    def councils(self) -> list[Council]:
        """Every council and team, by name (case-insensitive)."""
        ...

    def council(self, council_id: str) -> Council:
        """One council by id; ``NotFoundError`` if there is none."""
        ...

    def find_council(self, name: str) -> Council | None:
        """The council with this name (ignoring case and surrounding spaces), if any."""
        ...

    def ensure_council(self, name: str, kind: str, members: Iterable[Member] = ()) -> Council:
        """The council of this name, created (with an id made from the name, and these
        members) if it does not exist yet. An existing council is returned unchanged."""
        ...

    def save_council(self, council: Council) -> None:
        """Store a council's name, kind and members as given."""
        ...

    # --- meetings -----------------------------------------------------------------------

    def create_meeting(self, council_id: str, template: AgendaTemplate, on: date, *,
                       title: str | None = None, place: str | None = None,
                       start_time: time | None = None, theme: str = "") -> Meeting:
        """A new planned meeting of the council on ``on``, its agenda copied from the
        template (``core.planning.plan_meeting``) and its id never used before."""
        ...

    def meeting(self, meeting_id: int) -> Meeting:
        """One meeting, whole. Its clock is always returned paused; the object becomes the
        merge base of its own next ``save_meeting``."""
        ...

    def changed_elsewhere(self, meeting: Meeting) -> bool:
        """Whether the stored meeting differs from what ``meeting`` was read or saved as
        (another terminal or screen saved it since). Reads only."""
        ...

    def meeting_version(self, meeting_id: int) -> Hashable:
        """Something cheap that changes whenever the meeting, its decisions or its triage
        entries are saved (``None`` if it does not exist), without taking a lock or
        reading the meeting: a read-only view (the projector) polls it several times a
        second and re-reads the meeting only when it changed."""
        ...

    def pull_notes(self, meeting: Meeting, item_id: int) -> str:
        """An item's notes as stored now, put into ``meeting`` and into its merge base, so
        that its next save merges only what is typed after this."""
        ...

    def save_meeting(self, meeting: Meeting) -> None:
        """Save the whole meeting, merged with what was saved meanwhile: a field changed
        here wins, one changed only elsewhere keeps that change; notes changed on both
        sides are merged line by line, attendance person by person. A meeting entering
        "i gang" or "afsluttet" is backed up (where the backend keeps backups)."""
        ...

    def meetings(self, council_id: str | None = None,
                 limit: int | None = None) -> list[MeetingSummary]:
        """Summary lines of meetings (of one council, or all), newest first."""
        ...

    def previous_meeting(self, meeting_id: int) -> Meeting | None:
        """The same council's meeting before this one (by date, then id), if any."""
        ...

    # --- decisions ----------------------------------------------------------------------

    def add_decision(self, meeting_id: int, item_id: int, text: str) -> Decision:
        """Record a decision under an item; its id ("12-3") is never reused."""
        ...

    def update_decision(self, meeting_id: int, decision_id: str, text: str) -> Decision:
        """Correct a decision's text."""
        ...

    def delete_decision(self, meeting_id: int, decision_id: str) -> None:
        """Remove a decision recorded by mistake."""
        ...

    def decisions(self, meeting_id: int, item_id: int | None = None) -> list[Decision]:
        """A meeting's decisions (or one item's), in the order they were made."""
        ...

    # --- follow-ups ---------------------------------------------------------------------

    def add_followup(self, meeting_id: int, item_id: int | None, text: str, *,
                     owner: str = "", due: date | None = None, internal: bool = False,
                     resident: str = "") -> FollowUp:
        """A new open follow-up made in a meeting, its first history entry included."""
        ...

    def followup(self, followup_id: str) -> FollowUp:
        """One follow-up by id ("12-3"); ``NotFoundError`` if there is none."""
        ...

    def update_followup(self, followup_id: str, *, status: str | None = None,
                        due: date | None = None, owner: str | None = None,
                        text: str | None = None, comment: str = "",
                        meeting_id: int | None = None, internal: bool | None = None,
                        clear_due: bool = False) -> FollowUp:
        """Change a follow-up and add an entry to its history (when, which meeting, the new
        status, due date, owner and a comment). An unknown status is refused."""
        ...

    def delete_followup(self, followup_id: str) -> None:
        """Remove a follow-up typed by mistake (``actions.review`` decides when that is
        allowed rather than setting it to Udgået)."""
        ...

    def save_followup(self, followup: FollowUp) -> None:
        """Store a follow-up as given (its council and meeting cannot change)."""
        ...

    def followups(self, council_id: str | None = None, *, meeting_id: int | None = None,
                  open_only: bool = False, changed_in: int | None = None) -> list[FollowUp]:
        """Follow-ups of a council (or all), of the meeting that made them, only open ones
        (Åben, I gang), or only those with a history entry from meeting ``changed_in``;
        oldest meeting first."""
        ...

    def open_followups(self, council_id: str) -> list[FollowUp]:
        """A council's open follow-ups, oldest first (what the next meeting reviews)."""
        ...

    # --- residents and triage -----------------------------------------------------------

    def residents(self, council_id: str, include_inactive: bool = False) -> list[Resident]:
        """A team's residents (initials and room, never a name), in the order added;
        moved-out ones only with ``include_inactive``."""
        ...

    def add_resident(self, council_id: str, initials: str = "", room: str = "") -> Resident:
        """Put a resident on a team's board."""
        ...

    def save_resident(self, resident: Resident) -> None:
        """Store a resident's initials, room and whether they still live there."""
        ...

    def set_triage_entry(self, meeting_id: int, resident_id: str, *, colour: str | None = None,
                         change: str | None = None, action: str | None = None,
                         owner: str | None = None) -> TriageEntry:
        """Set what is given of a resident's rating in a triage meeting (one entry per
        resident and meeting); an unknown colour is refused."""
        ...

    def triage_entries(self, meeting_id: int) -> list[TriageEntry]:
        """A triage meeting's ratings, in the order they were first made."""
        ...

    def resident_history(self, resident_id: str) -> list[tuple[MeetingSummary, TriageEntry]]:
        """Every rating of a resident with its meeting, oldest first."""
        ...

    def add_borgergennemgang(self, resident_id: str, meeting_id: int | None,
                             answers: dict[str, str]) -> Borgergennemgang:
        """Record a borgergennemgang (the five questions' answers) about a resident."""
        ...

    def borgergennemgange(self, resident_id: str) -> list[Borgergennemgang]:
        """A resident's borgergennemgange, oldest first."""
        ...

    def save_borgergennemgang(self, record: Borgergennemgang) -> None:
        """Store a borgergennemgang's answers as given (its id and resident cannot change;
        ``NotFoundError`` if there is none): how ``privacy scan --redact`` cleans one."""
        ...

    def purge_resident_details(self, resident_ids: Sequence[str]) -> PurgeResult:
        """Remove these residents' borgergennemgange and empty their triage ratings' notes
        (``core.purge``: the colours stay), in one transaction, and the same in every
        backup the store keeps, so no restore brings them back. Which residents is the
        caller's rule (``actions.purge``); an unknown id is refused before anything
        changes."""
        ...

    # --- trial actions ------------------------------------------------------------------

    def add_trial(self, trial: Trial) -> Trial:
        """Store a new trial action (``core.trials.new_trial``) of an existing council; the
        stored copy, with its new id ("P3"), is returned."""
        ...

    def trial(self, trial_id: str) -> Trial:
        """One trial action by id ("P3", any case); ``NotFoundError`` if there is none."""
        ...

    def save_trial(self, trial: Trial) -> None:
        """Store a trial action as given (status, history, links to other cycles)."""
        ...

    def trials(self, council_id: str | None = None, *, open_only: bool = False) -> list[Trial]:
        """Trial actions of a council (or all), in the order they were made; with
        ``open_only`` those not yet Afsluttet."""
        ...

    # --- quality indicators ------------------------------------------------------------

    def add_indicator(self, indicator: Indicator) -> Indicator:
        """Store a new indicator (``core.indicators.new_indicator``) of a council, or shared
        (``council_id == ""``); the stored copy, with its new id ("I3"), is returned."""
        ...

    def indicator(self, indicator_id: str) -> Indicator:
        """One indicator with all its values; ``NotFoundError`` if there is none."""
        ...

    def save_indicator(self, indicator: Indicator) -> None:
        """Store an indicator as given: its definition and its values with their history."""
        ...

    def indicators(self, council_id: str | None = None, *,
                   include_shared: bool = True) -> list[Indicator]:
        """Indicators of a council (with the shared ones unless ``include_shared`` is
        false), or all, in the order they were made."""
        ...

    # --- search ------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Decisions, follow-ups, item notes and trials holding every word of the query
        (Danish-aware: ``core.search``), filtered by council, dates, kinds and internal;
        newest meeting first, then the best match. Both backends give the same hits."""
        ...

    # --- moving data and watching it ----------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many records of each kind the store holds (``store.inventory.KINDS``)."""
        ...

    def import_meeting(self, meeting: Meeting) -> None:
        """Store a meeting copied from another store, whole and with its id (refused if
        that id is taken); ids made later are higher. For ``store copy``."""
        ...

    def import_decision(self, decision: Decision) -> None:
        """Store a copied decision with its id (its meeting imported first)."""
        ...

    def import_followup(self, followup: FollowUp) -> None:
        """Store a copied follow-up with its id and history (its meeting imported first)."""
        ...

    def import_trial(self, trial: Trial) -> None:
        """Store a copied trial action with its id (its council saved first)."""
        ...

    def import_indicator(self, indicator: Indicator) -> None:
        """Store a copied indicator with its id and values (its council saved first)."""
        ...

    def import_resident(self, resident: Resident) -> None:
        """Store a copied resident with its id (its council saved first)."""
        ...

    def import_triage_entry(self, entry: TriageEntry) -> None:
        """Store a copied triage entry (its meeting and resident imported first); entries
        of a meeting keep the order they are imported in."""
        ...

    def import_borgergennemgang(self, record: Borgergennemgang) -> None:
        """Store a copied borgergennemgang with its id (its resident imported first)."""
        ...

    def watch(self, callback: Callable[[int | None], None],
              meeting_id: int | None = None) -> Callable[[], None] | None:
        """Have ``callback(meeting_id)`` called (from a background thread) soon after
        another terminal changes that meeting, or any meeting (``meeting_id=None``) —
        ``None`` as the argument means "anything may have changed". Returns the function
        that stops it, or ``None`` where the backend cannot push changes (a data folder:
        keep polling ``changed_elsewhere``)."""
        ...

    # --- backups ------------------------------------------------------------------------

    def backup(self, reason: str) -> Path | None:
        """Take a backup now, saying why; where it lies, or ``None`` where the backend's
        backups are the server's own."""
        ...

    def backups(self) -> Sequence[BackupSummary]:
        """The backups this store keeps itself, newest first (none on a server)."""
        ...

    def restore(self, backup_id: str) -> None:
        """Put a backup back (what is there now is backed up first)."""
        ...
