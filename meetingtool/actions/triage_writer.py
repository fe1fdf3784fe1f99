"""Rating writes off the key's path, in the order the keys were pressed.

A rating shows on the board at once (``TriageRound.rate_in_memory``); its write (an
fsync'd file, and for red or yellow the rule follow-ups as well) follows a few
milliseconds later on a thread of its own, so a key press never waits for the disk.
No Textual here: the triage screen hands in what to do with a failed write.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from meetingtool.actions.triage import TriageRound

__all__ = ["RatingWriter", "StoreWriter"]


class StoreWriter:
    """Runs store writes one after another on a thread of their own.

    ``flush`` waits for every write submitted so far: dialogs and leaving the round call
    it, so nothing typed waits in memory for long and nothing reads stale data. An error
    in a write is handed to ``on_error`` (on the writer's thread) and the next write runs.
    The store itself is thread-safe (its lock is re-entrant and per thread).

    With ``run_on`` the writes run there instead of on a thread of this writer's own: the
    TUI passes its app's one ordered writer, so ratings are queued behind (and never
    overtake) the meeting's own saves. ``run_on(job)`` must run ``job()`` later, in order.
    """

    def __init__(self, on_error: Callable[[BaseException], None],
                 run_on: Callable[[Callable[[], None]], None] | None = None) -> None:
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._on_error = on_error
        self._thread: threading.Thread | None = None
        self._run_on = run_on
        self._pending = 0
        self._idle = threading.Condition()

    def submit(self, job: Callable[[], None]) -> None:
        if self._run_on is not None:
            with self._idle:
                self._pending += 1
            self._run_on(lambda: self._run_one(job))
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="triage-writer",
                                            daemon=True)
            self._thread.start()
        self._jobs.put(job)

    def flush(self) -> None:
        if self._run_on is not None:
            with self._idle:
                self._idle.wait_for(lambda: self._pending == 0)
        elif self._thread is not None:
            self._jobs.join()

    def close(self) -> None:
        """Finish every write, then end the thread (submitting later starts a new one)."""
        if self._run_on is not None:
            self.flush()
            return
        if self._thread is None:
            return
        self._jobs.put(None)
        self._thread.join()
        self._thread = None

    def _run_one(self, job: Callable[[], None]) -> None:
        try:
            job()
        except BaseException as error:  # handed on, to be shown or re-raised
            self._on_error(error)
        finally:
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                job()
            except BaseException as error:  # handed on, to be shown or re-raised
                self._on_error(error)
            finally:
                self._jobs.task_done()


class RatingWriter(StoreWriter):
    """A ``StoreWriter`` for one round's ratings, where the newest key for a resident wins.

    ``save_later`` queues the write of the colour the round shows for the resident; when
    the write's turn comes and a newer key for the same resident is already queued, it is
    skipped. So 1 then 3 in quick succession writes green once, and makes no red task that
    would have to be dropped again.
    """

    def __init__(self, triage_round: TriageRound,
                 on_error: Callable[[BaseException], None],
                 run_on: Callable[[Callable[[], None]], None] | None = None) -> None:
        super().__init__(on_error, run_on)
        self.round = triage_round
        self.rating_number = 0
        self.latest_rating: dict[str, int] = {}
        """The newest rating key per resident; older queued writes for it are skipped."""

    def save_later(self, resident_id: str) -> None:
        """Queue the write of the resident's colour as shown (after ``rate_in_memory``)."""
        self.rating_number += 1
        number = self.latest_rating[resident_id] = self.rating_number
        self.submit(lambda: self._write_rating(resident_id, number))

    def _write_rating(self, resident_id: str, number: int) -> None:
        """On the writer thread: the colour as shown now, unless a newer key is queued."""
        if self.latest_rating.get(resident_id) != number:
            return
        colour = self.round.colour(resident_id)
        if colour is not None:
            self.round.save_rating(resident_id, colour)
