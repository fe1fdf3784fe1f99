"""Search (`/`): the same search as ``meetingtool search``, typed into a field.

Every decision, follow-up, note and trial is searched as the words are typed (Danish-aware:
``core.search``); hits come newest meeting first, then the best match, each with its
council, meeting date and item and the matching words marked. Internal follow-ups are
never listed here: the app has no option that shows internal cases.

The search itself runs in a thread worker, off the UI thread: the first search of a
session may build the files backend's index. The store is the app's guarded store, so the
search never runs inside the store together with a writer job. A newer search makes the
answer of an older one stale (``generation``): only the newest is shown.

Enter on a hit opens its meeting at its item (``meeting_view.open_meeting_at``): a closed
meeting read-only, an unfinished one in the meeting screen.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from meetingtool.core.dates import format_date
from meetingtool.core.errors import MeetingToolError
from meetingtool.core.search import KIND_LABELS, SearchHit, SearchQuery
from meetingtool.store.errors import StoreDamagedError
from meetingtool.tui.widgets import KeyBar

__all__ = ["SearchScreen", "hit_prompt", "snippet"]

TYPING_PAUSE = 0.25
"""Seconds after the last key before the words typed so far are searched."""

LIMIT = 50
"""Hits listed at most (as ``meetingtool search``'s default)."""

SNIPPET_CHARS = 180
"""A hit's text is cut to about this many characters around its first marked word (fewer
in a narrow terminal: two lines at most)."""

MARK_STYLE = "bold underline"
"""The matching words: bold and underlined, readable without colour."""

EMPTY_HINT = ("Skriv et eller flere ord. Alle ord skal findes; æ/ae, ø/oe og å/aa regnes "
              "for ens, og 'måltid' finder også 'måltider'.")


def snippet(highlighted: str, limit: int = SNIPPET_CHARS) -> str:
    """The part of a marked text («word») worth showing: one line, cut around the first
    mark so it is always in view."""
    text = " ".join(highlighted.split())
    if len(text) <= limit:
        return text
    first = max(text.find("«"), 0)
    start = max(0, first - limit // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = start + limit
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + limit // 2)
        # never cut inside a mark
        if text.rfind("«", start, end) > text.rfind("»", start, end):
            end = text.find("»", end) + 1
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


def marked(text: str) -> Text:
    """«word» marks as styled text."""
    result = Text()
    for n, part in enumerate(text.replace("»", "«").split("«")):
        result.append(part, style=MARK_STYLE if n % 2 else "")
    return result


def hit_prompt(hit: SearchHit, width: int = 100) -> Text:
    """Where (date, council, item), then what (kind and the marked text), the text cut to
    two lines of ``width``."""
    doc = hit.doc
    where = Text(f"{format_date(doc.day)} · {doc.council_name}", style="bold")
    if doc.item_title:
        where.append(f" · {doc.item_title}", style="")
    elif doc.meeting_id is None:
        where.append(" · uden møde", style="dim")
    what = Text(f"{KIND_LABELS.get(doc.kind, doc.kind)}: ", style="dim")
    limit = min(SNIPPET_CHARS, max(40, 2 * width - len(what.plain) - 8))
    what.append_text(marked(snippet(hit.highlighted, limit)))
    return Text("\n").join([where, what])


class SearchScreen(Screen[None]):
    """Find any past decision, follow-up, note or trial and open the meeting it is from.

    | Key | Does |
    | --- | --- |
    | (typing) | searches as you type |
    | `enter` | in the field: to the hits; on a hit: open its meeting at its item |
    | `↓` / `↑` | from the field into the hits, and back from the first hit |
    | `escape` | back to where search was opened |
    """

    CSS_PATH = "search.tcss"
    COMMAND_CATEGORY = "Søgning"

    BINDINGS = [
        Binding("escape", "close", "Tilbage", tooltip="Luk søgningen", id="search.close"),
        Binding("down", "to_hits", "Til fundene", show=False, id="search.to_hits"),
    ]

    def __init__(self, store: Any, *, words: str = "") -> None:
        super().__init__()
        self.store = store
        self.words = words
        self.generation = 0
        """Counts searches started; an answer for an older one is dropped."""
        self.hits: list[SearchHit] = []
        self.shown_words: str | None = None
        """The words whose hits are listed (None until the first answer)."""
        self.timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("Søg i beslutninger, opfølgning, referater og prøvehandlinger",
                     id="search-title")
        yield Input(self.words, placeholder="Skriv ord, fx måltider", id="search-words")
        yield Static(EMPTY_HINT, id="search-status")
        yield OptionList(id="search-hits")
        yield KeyBar()

    def on_mount(self) -> None:
        # immediate (Widget.focus waits behind queued keys): typed-ahead words find the field
        self.set_focus(self.query_one("#search-words", Input))
        if self.words.strip():
            self.start_search()

    # --- Searching ------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.set_timer(TYPING_PAUSE, self.start_search)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the field: search now if the words changed, then go to the hits."""
        event.stop()
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        if event.value.strip() != self.shown_words:
            self.start_search(then_focus=True)
        else:
            self.action_to_hits()

    def start_search(self, then_focus: bool = False) -> None:
        self.timer = None
        words = self.query_one("#search-words", Input).value.strip()
        self.generation += 1
        if not any(character.isalnum() for character in words):
            self.show_hits(self.generation, "", [])  # no word to look for yet
            return
        self.query_one("#search-status", Static).update(f"Søger efter '{words}' …")
        query = SearchQuery(words, include_internal=False, limit=LIMIT)
        self.run_search(self.generation, query, then_focus)

    @work(thread=True, exclusive=True, group="search", exit_on_error=True)
    def run_search(self, generation: int, query: SearchQuery, then_focus: bool) -> None:
        """In a worker thread: the store's search; the answer goes back to the UI thread."""
        try:
            hits = self.store.search(query)
        except StoreDamagedError as error:
            self.answer(self.app.end_damaged, error)
            return
        except MeetingToolError as error:
            self.answer(self.show_error, generation, error.message)
            return
        self.answer(self.show_hits, generation, query.words, hits, then_focus)

    def answer(self, callback: Any, *args: Any) -> None:
        """Run ``callback`` on the UI thread, unless the app has ended meanwhile."""
        try:
            self.app.call_from_thread(callback, *args)
        except RuntimeError:
            pass  # the app's loop is gone: nobody is looking

    def show_error(self, generation: int, message: str) -> None:
        if generation == self.generation and self.is_mounted:
            self.query_one("#search-status", Static).update(f"Søgningen mislykkedes: {message}")

    def show_hits(self, generation: int, words: str, hits: list[SearchHit],
                  then_focus: bool = False) -> None:
        if generation != self.generation or not self.is_mounted:
            return  # a newer search is under way, or the screen was closed
        self.hits = hits
        self.shown_words = words
        options = self.query_one("#search-hits", OptionList)
        options.clear_options()
        width = max(options.size.width - 4, 30)
        entries: list[Option | None] = []
        for n, hit in enumerate(hits):
            if n:
                entries.append(None)  # a separator line between hits
            entries.append(Option(hit_prompt(hit, width), id=str(n)))
        options.add_options(entries)
        status = self.query_one("#search-status", Static)
        if not words:
            status.update(EMPTY_HINT)
        elif not hits:
            status.update(f"Intet fundet for '{words}'.")
        else:
            count = (f"De {LIMIT} nyeste fund" if len(hits) >= LIMIT
                     else f"{len(hits)} fund")  # Danish: "1 fund", "2 fund"
            status.update(f"{count} for '{words}', nyeste møde først · enter åbner mødet")
        if hits:
            options.highlighted = 0
            if then_focus:
                options.focus()

    # --- Moving and opening ---------------------------------------------------------

    def action_to_hits(self) -> None:
        options = self.query_one("#search-hits", OptionList)
        if options.option_count:
            options.focus()

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        """`↑` on the first hit goes back into the field (to change the words)."""
        options = self.query_one("#search-hits", OptionList)
        if event.key == "up" and options.has_focus and not options.highlighted:
            event.stop()
            event.prevent_default()
            self.query_one("#search-words", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_hits":
            return self.query_one("#search-words", Input).has_focus
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.hits[int(event.option.id or 0)]
        doc = hit.doc
        if doc.meeting_id is None:
            self.notify(f"{KIND_LABELS.get(doc.kind, doc.kind)} {doc.ref} hører ikke til "
                        "et møde.", title="Intet møde at åbne")
            return
        from meetingtool.tui.screens.meeting_view import open_meeting_at

        open_meeting_at(self.app, self.store, doc.meeting_id, doc.item_id, came_from=self)

    def action_close(self) -> None:
        self.dismiss(None)
