"""Live between terminals: LISTEN/NOTIFY, so a screen learns at once that a meeting changed.

Every write of the PostgreSQL backend sends ``NOTIFY meetingtool_changed, '<meeting id>'``
in its own transaction (delivered when it commits). A ``Listener`` (one per server URL and
process) keeps one extra connection listening in a background thread and calls each
subscriber's callback with the id of the meeting that changed, typically well within a
second. A screen subscribes with ``store.watch(callback, meeting_id)`` and re-reads the
meeting when called; the callback runs in the listener's thread, so a Textual screen
passes it on with ``app.call_from_thread``.

If the listening connection drops, the listener connects again (every few seconds) and
then calls every subscriber with ``None``: "anything may have changed while I was away".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar

import psycopg

from meetingtool.core.errors import MeetingToolError
from meetingtool.store.postgres.connection import CHANNEL, connect

Callback = Callable[[int | None], None]
RETRY_SECONDS = 3.0
POLL_SECONDS = 0.2


class Listener:
    """One listening connection to a server, shared by every subscriber in this process."""

    _shared: ClassVar[dict[str, Listener]] = {}
    _shared_lock = threading.Lock()

    def __init__(self, url: str) -> None:
        self._url = url
        self._lock = threading.Lock()
        self._subscribers: dict[int, tuple[Callback, int | None]] = {}
        self._next_key = 0
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def shared(cls, url: str) -> Listener:
        with cls._shared_lock:
            listener = cls._shared.get(url)
            if listener is None:
                listener = cls._shared[url] = cls(url)
            return listener

    def subscribe(self, callback: Callback, meeting_id: int | None = None) -> Callable[[], None]:
        """Call ``callback`` when ``meeting_id`` (or any meeting) changes; returns the
        function that unsubscribes. Returns once the listener is listening."""
        with self._lock:
            stopping = self._thread if self._stop.is_set() else None
        if stopping is not None:  # the last subscriber just left: let that thread end
            stopping.join(timeout=RETRY_SECONDS + 1)
        with self._lock:
            key = self._next_key
            self._next_key += 1
            self._subscribers[key] = (callback, meeting_id)
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._ready.clear()
                self._thread = threading.Thread(target=self._run, name="meetingtool-listen",
                                                daemon=True)
                self._thread.start()
        self._ready.wait(timeout=10)

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers.pop(key, None)
                if not self._subscribers:
                    self._stop.set()

        return unsubscribe

    def _dispatch(self, meeting_id: int | None) -> None:
        with self._lock:
            targets = list(self._subscribers.values())
        for callback, wanted in targets:
            if meeting_id is None or wanted is None or wanted == meeting_id:
                try:
                    callback(meeting_id)
                except Exception:  # noqa: BLE001, S110 - one screen's error must not stop the rest
                    pass

    def _run(self) -> None:
        first = True
        while not self._stop.is_set():
            conn: psycopg.Connection[Any] | None = None
            try:
                conn = connect(self._url, autocommit=True)
                conn.execute(f"LISTEN {CHANNEL}")
                self._ready.set()
                if not first:
                    self._dispatch(None)
                first = False
                while not self._stop.is_set():
                    for note in conn.notifies(timeout=POLL_SECONDS):
                        payload = note.payload.strip()
                        self._dispatch(int(payload) if payload.isdigit() else None)
            except (psycopg.Error, MeetingToolError):
                self._ready.set()
                self._stop.wait(RETRY_SECONDS)
            finally:
                if conn is not None:
                    conn.close()
