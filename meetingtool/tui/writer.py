"""One ordered writer per app: every store and export job a screen starts runs here.

Why one thread and one queue: a save queued later is never overtaken by an earlier one
(the newest notes always land last), and the store object is never used from two threads
at once. The UI thread hands over a job (a function of the store) and, optionally, what to
do with its result; that callback runs back on the app's event loop, so the screen shows
the result when it is done and never waits for a lock, an fsync or a backup itself.

Code that still calls the store from the UI thread (a test's bare app) goes through
``GuardedStore``: every call holds one lock, the same one the writer's jobs hold, so a read
on the UI thread and a job on the writer are never inside the store together.

Quitting waits for what is queued (``wait_idle``), and says so when that takes a moment
(a backup of a large store).
"""

from __future__ import annotations

import asyncio
import contextvars
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from meetingtool.core.errors import MeetingToolError
from meetingtool.store.errors import StoreDamagedError


class GuardedStore:
    """The store, with every method call holding one lock (shared with the writer)."""

    def __init__(self, store: Any, lock: threading.RLock | None = None) -> None:
        self._store = store
        self._lock = lock if lock is not None else threading.RLock()

    @property
    def raw(self) -> Any:
        return self._store

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._store, name)
        if not callable(value):
            return value
        lock = self._lock

        @wraps(value)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            with lock:
                return value(*args, **kwargs)

        return guarded


def writer_for(app: Any, store: Any) -> StoreWriter:
    """The app's one writer (made and kept on the app if it has none: a test's bare app)."""
    writer = getattr(app, "writer", None)
    if not isinstance(writer, StoreWriter):
        writer = StoreWriter(store)
        try:
            writer.attach(asyncio.get_running_loop())
        except RuntimeError:
            pass
        app.writer = writer
    return writer


@dataclass
class Job:
    work: Callable[[Any], Any]
    done: Callable[[Any], None] | None
    failed: Callable[[BaseException], None] | None
    label: str
    context: contextvars.Context
    """The submitter's context (Textual's active app), for the callbacks."""


_STOP = object()


class StoreWriter:
    """The app's single worker thread for store and export work, in order."""

    def __init__(self, store: Any) -> None:
        self.store = store if isinstance(store, GuardedStore) else GuardedStore(store)
        self.lock = self.store._lock
        self._queue: queue.Queue[Any] = queue.Queue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._idle = threading.Condition()
        self._pending = 0
        self.current_label = ""
        """What the writer is doing right now ("" when nothing, or nothing worth a line)."""
        self.on_fatal: Callable[[BaseException], None] | None = None
        """Called on the loop when a job fails with an error nobody handles."""
        self._thread: threading.Thread | None = None

    # --- Life -------------------------------------------------------------------------

    def start(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        if loop is not None:
            self._loop = loop
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="meetingtool-writer",
                                            daemon=True)
            self._thread.start()

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Deliver results to this event loop from now on (the app's)."""
        self._loop = loop

    @property
    def busy(self) -> bool:
        with self._idle:
            return self._pending > 0

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued job has run; False if ``timeout`` passed first."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    async def idle(self) -> None:
        """Wait, without blocking the event loop, until every queued job has run."""
        if self.busy:
            await asyncio.to_thread(self.wait_idle)

    def stop(self, timeout: float | None = None) -> bool:
        """Finish what is queued, then end the thread. True when everything ran."""
        finished = self.wait_idle(timeout)
        if self._thread is not None and finished:
            self._queue.put(_STOP)
            self._thread.join(timeout)
            self._thread = None
        return finished

    # --- Jobs -------------------------------------------------------------------------

    def submit(
        self,
        work: Callable[[Any], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        *,
        label: str = "",
    ) -> None:
        """Queue ``work(store)``; ``done(result)`` / ``failed(error)`` run on the loop."""
        with self._idle:
            self._pending += 1
        self.start()
        self._queue.put(Job(work, done, failed, label, contextvars.copy_context()))

    async def result(self, work: Callable[[Any], Any], *, label: str = "") -> Any:
        """``work(store)`` on the writer, awaited without blocking the event loop; what it
        raises is raised here."""
        future: asyncio.Future[tuple[bool, Any]] = asyncio.get_running_loop().create_future()

        def run(store: Any) -> tuple[bool, Any]:
            try:
                return True, work(store)
            except Exception as error:  # handed to the awaiting code
                return False, error

        def deliver(outcome: tuple[bool, Any]) -> None:
            if not future.done():
                future.set_result(outcome)

        self.submit(run, deliver, label=label)
        ok, value = await future
        if not ok:
            raise value
        return value

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is _STOP:
                return
            self.current_label = job.label
            try:
                with self.lock:
                    result = job.work(self.store)
            except BaseException as error:  # delivered to the screen, never lost here
                self._deliver(job, self._failure, job, error)
            else:
                if job.done is not None:
                    self._deliver(job, job.done, result)
            finally:
                self.current_label = ""
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

    def _failure(self, job: Job, error: BaseException) -> None:
        damaged = isinstance(error, StoreDamagedError)  # ends the app, whoever asked
        if job.failed is not None and isinstance(error, MeetingToolError) and not damaged:
            job.failed(error)
        elif self.on_fatal is not None:
            self.on_fatal(error)

    def _deliver(self, job: Job, callback: Callable[..., None], *args: Any) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return  # the app has ended: the work itself is done, nobody is looking
        try:
            loop.call_soon_threadsafe(callback, *args, context=job.context)
        except RuntimeError:
            pass  # the loop closed in between
