"""The Textual application: the home screen, or one meeting opened straight from the CLI.

Crash handling
--------------
Textual's own report of an unhandled exception is a Rich traceback *with local variables*
(they can hold residents' initials, notes, follow-up texts), printed to the terminal; and a
caller that ignores ``App.return_code`` exits with status 0. ``run_app`` replaces both:

- ``MeetingToolApp`` points ``error_console`` (a public attribute) at a sink, so Textual's
  report is never written anywhere;
- after ``App.run`` returns, a non-zero ``App.return_code`` (public; Textual sets 1 for an
  unhandled exception) is taken as the exit status; for a crash ``run_app`` writes the
  traceback made by ``traceback.format_exception`` (file, line, code, never locals) to
  ``locations.log_file(data_dir)`` with owner-only permissions and prints a short Danish
  message (both in ``tui/crash_log.py``).

Textual has no public hook that receives the exception: it keeps it in ``App._exception``
(which ``App.run_test`` re-raises). ``run_app`` *reads* that attribute with ``getattr`` and a
fallback, and overrides or calls no private method; if a Textual upgrade drops it, the exit
status and the Danish message are unchanged and the log says the traceback was unavailable.
An exception escaping ``App.run`` itself is handled the same way.

Nothing entered is lost in a crash: every change is already in the store when it is made.

Signals
-------
SIGHUP (the terminal was closed) and SIGTERM end the app through ``App.exit`` from the
event loop (``loop.add_signal_handler``), so every screen is unmounted and saves as it would
on ``q``; the exit status is 128 + the signal number, as a shell reports it. A terminal
that went away without a SIGHUP reaching us (a hung-up tty answers every ``ioctl`` with an
error) is noticed within a second (``TERMINAL_CHECK_SECONDS``) and ends the app the same way.

The writer
----------
Store and export work runs on the app's one ordered writer (``tui/writer.py``), off the
event loop. Quitting waits for what it still has queued (a save, a backup) and says so;
``run_app`` waits again after the loop has ended, so nothing queued is lost. A damaged data
file met by any job or screen ends the app with the store's Danish message and status 2.
"""

from __future__ import annotations

import asyncio
import io
import os
import signal
import sys
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path

from rich.console import Console
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from meetingtool.core.errors import MeetingToolError
from meetingtool.core.model import Meeting
from meetingtool.core.timesource import suspend_aware_monotonic
from meetingtool.store.errors import StoreDamagedError
from meetingtool.tui.crash_log import crash_message, write_crash_log
from meetingtool.tui.long_lived import IdleCollector, freeze_what_is_loaded, thaw
from meetingtool.tui.screens.help import HelpScreen
from meetingtool.tui.themes import HIGH_CONTRAST, HIGH_CONTRAST_THEME
from meetingtool.tui.typeahead import TypeAheadMixin
from meetingtool.tui.writer import StoreWriter

LIGHT_THEME, DARK_THEME = "textual-light", "textual-dark"
"""The two themes offered in the command palette (Textual's own, well tested)."""

CRASH_STATUS = 1
"""Exit status after an unexpected error (Textual's own return code for one)."""

DAMAGED_STATUS = 2
"""Exit status after a damaged data file (as the CLI's)."""

WAITING_MESSAGE = "Gemmer de sidste ændringer og venter på sikkerhedskopien …"
"""Said when quitting has to wait for the writer."""

TERMINAL_CHECK_SECONDS = 1.0
COLLECT_CHECK_SECONDS = 1.0
"""How often the app asks whether it is quiet enough to collect garbage."""
"""How often the app asks whether its terminal is still there."""

HANDLED_SIGNALS: tuple[str, ...] = ("SIGHUP", "SIGTERM")
"""Signals that end the app cleanly (looked up by name: SIGHUP does not exist on Windows)."""


class _Discard(io.TextIOBase):
    """A text stream that forgets what is written: where Textual's crash report goes."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)


class MeetingToolApp(TypeAheadMixin, App[None]):
    """meetingtool's app: opens the home screen, or the meeting screen when given a meeting.

    | Key | Does |
    | --- | --- |
    | `?` | every key of the current screen, in Danish (``screens.help``) |
    | `ctrl+p` | the command palette (every key of the current screen is there too) |
    | `ctrl+q` | quit at once (everything is saved as it is typed) |
    """

    TITLE = "meetingtool"
    # The home screen's stylesheet is read with the app's: a screen's own CSS_PATH is read
    # when the screen is pushed, and re-parses every stylesheet, which would double the
    # time to the first frame. HomeScreen names the same file, so it is read once.
    CSS_PATH = ["app.tcss", "screens/home.tcss"]
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        # Declared here so the footer and the help show Danish words; Textual then adds
        # no English binding of its own for the palette.
        Binding("ctrl+p", "command_palette", "Kommandoer", show=False, priority=True,
                tooltip="Søg efter en kommando", id="app.command_palette"),
        Binding("question_mark", "help", "Hjælp", key_display="?",
                tooltip="Alle taster på denne skærm", id="app.help"),
        Binding("ctrl+q", "quit", "Afslut", show=False, priority=True, system=True,
                tooltip="Afslut meetingtool (alt er gemt)", id="app.quit"),
    ]

    def __init__(
        self,
        store,
        *,
        meeting_id: int | None = None,
        monotonic: Callable[[], float] = suspend_aware_monotonic,
        wall: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__()
        self.writer = StoreWriter(store)
        """The app's one ordered writer; ``store`` is the same store, guarded for reads."""
        self.store = self.writer.store
        self.job_error: BaseException | None = None
        """An unexpected error in a writer job (a bug), reported as a crash."""
        self.damaged: StoreDamagedError | None = None
        """A damaged data file that ended the app (its message is printed after)."""
        self.meeting_id = meeting_id
        self.monotonic = monotonic
        self.wall = wall
        self.error_console = Console(file=_Discard(), markup=False, highlight=False)
        self.ended_by_signal: int | None = None
        """The number of the signal (SIGHUP/SIGTERM) that ended the app, if one did."""
        self.signals_handled: list[int] = []
        """The signals this app has a handler for while it runs."""
        self.collector = IdleCollector()
        """Runs Python's garbage collector when no key is being pressed (long_lived.py)."""

    # --- Screens --------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The home screen at the bottom of the stack, or a blank one under a meeting.

        The meeting screen closes with ``dismiss`` when a screen of ours is below it and
        quits the app when only Textual's blank screen is, which is what ``run`` and
        ``resume`` want.
        """
        if self.meeting_id is not None:
            return super().get_default_screen()
        from meetingtool.tui.screens.home import HomeScreen

        return HomeScreen()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.collector.key()
        await super().on_event(event)

    async def on_mount(self) -> None:
        freeze_what_is_loaded()  # Textual, the modules, the styles: out of the GC's way
        self.collector.start()
        self.set_interval(COLLECT_CHECK_SECONDS, self.collector.check)
        self.register_theme(HIGH_CONTRAST)
        self.writer.attach(asyncio.get_running_loop())
        self.writer.on_fatal = self.job_failed
        self.install_signal_handlers()
        if not self.is_headless and self.terminal_answers():
            self.set_interval(TERMINAL_CHECK_SECONDS, self.check_terminal)
        if self.meeting_id is not None:  # `run`, `resume`: the meeting is the first screen
            meeting_id = self.meeting_id
            try:
                meeting = await self.writer.result(lambda store: store.meeting(meeting_id),
                                                   label="møde")
            except Exception as error:
                self.job_failed(error)
                return
            self.push_screen(self.meeting_screen(meeting_id, meeting))

    def meeting_screen(self, meeting_id: int, meeting: Meeting | None = None) -> Screen:
        """A meeting screen for ``meeting_id`` with the app's time sources (``meeting``: as
        just read on the writer; without it the screen reads it itself)."""
        from meetingtool.tui.screens.meeting import MeetingScreen

        return MeetingScreen(
            self.store, meeting_id, monotonic=self.monotonic, wall=self.wall, meeting=meeting
        )

    def open_meeting(self, meeting_id: int,
                     failed: Callable[[BaseException], None] | None = None) -> None:
        """Read the meeting on the writer, then show its screen: the screen that asked never
        waits for the store. ``failed`` hears why it could not be read (e.g. removed)."""
        self.writer.submit(
            lambda store: store.meeting(meeting_id),
            lambda meeting: self.push_screen(self.meeting_screen(meeting_id, meeting)),
            failed or self.job_failed,
            label="møde",
        )

    # --- Command palette --------------------------------------------------------------

    def action_help(self) -> None:
        """`?`: the keys of the screen on top, made from its bindings (screens.help)."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen.for_screen(self.screen, self))

    def action_command_palette(self) -> None:
        """The palette with a Danish prompt."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(placeholder="Søg efter en kommando …", id="--command-palette")
            )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's app-wide commands, in Danish."""
        # Two themes by name instead of Textual's theme picker, whose texts are English.
        yield SystemCommand("Program: Lyst tema", "Mørk tekst på lys baggrund (fx en projektor)",
                            partial(setattr, self, "theme", LIGHT_THEME))
        yield SystemCommand("Program: Mørkt tema", "Lys tekst på mørk baggrund",
                            partial(setattr, self, "theme", DARK_THEME))
        yield SystemCommand("Program: Høj kontrast", "Hvid og gul tekst på sort, ingen mellemtoner",
                            partial(setattr, self, "theme", HIGH_CONTRAST_THEME))
        yield SystemCommand("Program: Taster", "Vis eller skjul oversigten over taster",
                            self.toggle_keys_panel)
        yield SystemCommand("Program: Afslut", "Afslut meetingtool (alt er gemt)",
                            self.action_quit)

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies in a text field); say in Danish what does."""
        keys = [key for key, active in self.active_bindings.items()
                if active.binding.action in ("quit", "app.quit")]
        key = "q" if "q" in keys else keys[0] if keys else "ctrl+q"
        self.notify(f"Tryk {key} for at afslutte meetingtool. Alt er gemt.",
                    title="Vil du afslutte?")

    def toggle_keys_panel(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    # --- Signals -------------------------------------------------------------------

    def install_signal_handlers(self) -> None:
        """End the app cleanly on SIGHUP and SIGTERM (only possible in the main thread)."""
        loop = asyncio.get_running_loop()
        for name in HANDLED_SIGNALS:
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            try:
                loop.add_signal_handler(signum, self.end_on_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                continue  # not the main thread, or a platform without it
            self.signals_handled.append(signum)

    # --- The writer ----------------------------------------------------------------

    def job_failed(self, error: BaseException) -> None:
        """A store or export job failed and its screen did not handle it."""
        if isinstance(error, StoreDamagedError):
            self.end_damaged(error)
        elif isinstance(error, MeetingToolError):
            self.notify(error.message, title="Fejl", severity="error", timeout=15)
        elif self.job_error is None:  # a bug: the usual crash report and log
            self.job_error = error
            self.exit(return_code=CRASH_STATUS)

    def end_damaged(self, error: StoreDamagedError) -> None:
        """A damaged data file: end the app; ``run_app`` prints why and exits 2."""
        if self.damaged is None:
            self.damaged = error
            self.exit(return_code=DAMAGED_STATUS)

    async def action_quit(self) -> None:
        """Quit, after what the writer still has queued (a backup may take a moment)."""
        if self.writer.busy:
            self.notify(WAITING_MESSAGE, title="Afslutter", timeout=30)
            await self.writer.idle()
        self.exit()

    def on_unmount(self) -> None:
        thaw()
        self.writer.wait_idle()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for signum in self.signals_handled:
            loop.remove_signal_handler(signum)
        self.signals_handled.clear()

    @staticmethod
    def terminal_answers() -> bool:
        """Whether the terminal the keys come from (stdin) still answers an ioctl."""
        stream = sys.__stdin__
        if stream is None:
            return False
        try:
            os.get_terminal_size(stream.fileno())
        except (OSError, ValueError):
            return False
        return True

    def check_terminal(self) -> None:
        """End as on SIGHUP when the terminal has gone away."""
        if not self.terminal_answers():
            self.end_on_signal(getattr(signal, "SIGHUP", signal.SIGTERM))

    def end_on_signal(self, signum: int) -> None:
        """Quit as ``q`` would: screens unmount and save; status 128 + signal number."""
        if self.ended_by_signal is None:
            self.ended_by_signal = signum
            self.exit(return_code=128 + signum)


# --- Running, and what happens when it goes wrong ----------------------------------------


NO_TERMINAL = ("meetingtools skærme skal vises i en terminal, men programmet er ikke startet "
               "i en (input eller output er omdirigeret). Start det i et terminalvindue, "
               "eller brug 'meetingtool serve' for at åbne det i en browser.")
NO_TERMINAL_STATUS = 2


def has_terminal() -> bool:
    """Whether the screens have somewhere to be drawn: a terminal on both ends, or a
    driver Textual was told to use instead (``meetingtool serve``'s browser)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_app(app: MeetingToolApp, *, headless: bool = False, stderr=None) -> int:
    """Run ``app`` in the terminal and return the process exit status.

    ``headless`` runs it without a terminal (tests and benchmarks).

    0 after a normal exit, 128 + n after signal n, ``CRASH_STATUS`` after an unexpected
    error (with the log written and the Danish message on ``stderr``).
    """
    stderr = stderr if stderr is not None else sys.stderr
    if not headless and not has_terminal():
        _say(NO_TERMINAL, stderr)
        return NO_TERMINAL_STATUS
    error: BaseException | None = None
    try:
        app.run(headless=headless)
    except Exception as escaped:  # an error Textual let through: same handling
        error = escaped
        status = CRASH_STATUS
    else:
        status = app.return_code or 0
        if status == CRASH_STATUS:
            error = app.job_error or getattr(app, "_exception", None)
    finish_writes(app, stderr)
    if isinstance(error, StoreDamagedError) and app.damaged is None:
        app.damaged = error
    if app.damaged is not None:
        _say(app.damaged.message, stderr)
        return DAMAGED_STATUS
    if status != CRASH_STATUS:
        return status
    try:
        log: Path | None = write_crash_log(app.store.data_dir, error, when=app.wall())
    except OSError:
        log = None
    print(crash_message(log, error), file=stderr)
    return CRASH_STATUS


def finish_writes(app: MeetingToolApp, stderr) -> None:
    """Wait for the writer's last jobs (the screens' final saves, a running backup)."""
    if not app.writer.wait_idle(0.2):
        _say(WAITING_MESSAGE, stderr)
        app.writer.wait_idle()
    app.writer.stop(5.0)


def _say(text: str, stderr) -> None:
    """Print to stderr; a closed terminal (SIGHUP) must not stop the app from finishing."""
    try:
        print(text, file=stderr, flush=True)
    except (OSError, ValueError):
        pass
