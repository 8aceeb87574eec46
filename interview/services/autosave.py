"""The session's writer: everything the interview screen saves goes through it, off the
UI thread, on its own connection, in the order it was asked for.

Typing, ticking a signal, scoring or moving on never waits for the disk or for another
process holding the write lock: the change shows at once, and the write is queued.
Notes for one question are coalesced (the newest text wins), so a note every keystroke
costs one write per pass of the writer, never a queue that grows. A write that fails for
a passing reason (the database is locked, the disk is busy) is kept at the head of the
queue and retried, so nothing is dropped or reordered; ``waiting_since`` tells the
screen how long it has been waiting. A write refused for good (the scorecard was
submitted elsewhere, or another app instance took the session over) is dropped and
reported; after a take-over nothing more is written at all.

With a lease (see ``services.lease``), every write first checks, in the same
transaction, that this instance still holds the session, and records a heartbeat.
With an in-memory database (tests) it writes at once on the caller's thread.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from interview.storage import leases
from interview.storage.db import StorageError, open_db
from interview.storage.leases import TakenOver
from interview.storage.repository import Repository

# Failures that pass: the write is kept and tried again.
TRANSIENT: tuple[type[Exception], ...] = (sqlite3.OperationalError, StorageError, OSError)

Op = Callable[[Repository], object]


@dataclass(frozen=True, slots=True)
class NotesJob:
    session_id: str
    question_id: str
    position: int
    notes: str
    question_elapsed: float
    session_elapsed: float


@dataclass(frozen=True, slots=True)
class LeaseRef:
    """The session this writer may write, as held by ``owner`` (one app instance)."""

    session_id: str
    owner: str
    label: str = ""


NotesKey = tuple[str, str]


def _nothing(repo: Repository) -> None:
    return None


class AutosaveWriter:
    RETRY_SECONDS = 0.5

    def __init__(
        self,
        repo: Repository,
        db_path: object = None,
        *,
        on_saved: Callable[[NotesJob], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_refused: Callable[[Exception], None] | None = None,
        lease: LeaseRef | None = None,
    ) -> None:
        self._repo = repo
        self._path = db_path
        self._on_saved = on_saved
        self._on_error = on_error
        self._on_refused = on_refused
        self.lease = lease
        # The queue holds operations and, for notes, the key of the newest text.
        self._queue: deque[Op | NotesKey] = deque()
        self._notes: dict[NotesKey, NotesJob] = {}
        self._busy = False
        self._closed = False
        self._lost = False
        self._since: float | None = None
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._conn_repo: Repository | None = None

    # ------------------------------------------------------------ asking

    def submit(self, job: NotesJob) -> None:
        """Notes for one question: the newest text wins."""
        if self._path is None:
            self._write_notes(self._repo, job)
            return
        key = (job.session_id, job.question_id)
        with self._cond:
            self._check_open()
            if key not in self._notes:
                self._queue.append(key)
            self._notes[key] = job
            self._wake()

    def run(self, op: Op) -> None:
        """Any other write (a tick, a score, a position, an event), kept in order."""
        if self._path is None:
            self._apply(self._repo, op)
            return
        with self._cond:
            self._check_open()
            self._queue.append(op)
            self._wake()

    def beat(self) -> None:
        """A sign of life for the lease (and a check that it is still ours)."""
        if self.lease is not None:
            self.run(_nothing)

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("autosave writer is closed")

    def _wake(self) -> None:
        if self._since is None:
            self._since = time.monotonic()
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="interview-autosave", daemon=True
            )
            self._thread.start()
        self._cond.notify_all()

    @property
    def waiting_since(self) -> float | None:
        """``time.monotonic()`` since when the head of the queue has waited; None if idle."""
        with self._cond:
            return self._since

    @property
    def lost(self) -> bool:
        """True once another instance took the session over: nothing more is written."""
        return self._lost

    # ------------------------------------------------------------ writing

    def _apply(self, repo: Repository, op: Op) -> object:
        if self._lost:
            raise TakenOver("this session was taken over by another interview window")
        if self.lease is None:
            return op(repo)
        db, lease = repo.db, self.lease
        with db.conn:  # one transaction: the lease check, the heartbeat and the write
            db.execute("BEGIN IMMEDIATE")
            leases.check(db, lease.session_id, lease.owner)
            leases.hold(db, lease.session_id, lease.owner, lease.label, time.time())
            return op(repo)

    def _write_notes(self, repo: Repository, job: NotesJob) -> None:
        self._apply(
            repo,
            lambda r: r.save_answer(
                job.session_id,
                job.question_id,
                job.position,
                job.notes,
                job.question_elapsed,
                job.session_elapsed,
            ),
        )
        if self._on_saved is not None:
            self._on_saved(job)

    def _connection(self) -> Repository:
        if self._conn_repo is None:
            db = open_db(Path(str(self._path)), migrate=False)
            self._conn_repo = Repository(db, clock=self._repo.clock)
        return self._conn_repo

    def _do(self, item: Op | NotesKey, job: NotesJob | None) -> None:
        repo = self._connection()
        if job is not None:
            self._write_notes(repo, job)
        else:
            assert callable(item)
            self._apply(repo, item)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._closed:
                    self._cond.wait()
                if not self._queue:
                    break
                item = self._queue[0]
                job = self._notes[item] if isinstance(item, tuple) else None
                self._busy = True
            failed = False
            try:
                self._do(item, job)
            except TakenOver as exc:  # refused for good, and so is everything after it
                first = not self._lost
                self._lost = True
                if first:
                    self._report_refused(exc)
            except TRANSIENT as exc:  # kept at the head of the queue and retried
                failed = True
                if self._on_error is not None:
                    self._on_error(exc)
            except Exception as exc:  # refused for good: dropped and reported
                self._report_refused(exc)
            with self._cond:
                self._busy = False
                if not failed:
                    self._done(item, job)
                    self._since = time.monotonic() if self._queue else None
                self._cond.notify_all()
                if failed:
                    if self._closed:
                        break
                    self._cond.wait(self.RETRY_SECONDS)
        self._release()

    def _done(self, item: Op | NotesKey, job: NotesJob | None) -> None:
        """Take the written item off the queue (called holding the condition)."""
        self._queue.popleft()
        if isinstance(item, tuple):
            if self._notes.get(item) is job:
                del self._notes[item]
            else:  # newer text came in while this was written: it is still to write
                self._queue.append(item)

    def _report_refused(self, exc: Exception) -> None:
        if self._on_refused is not None:
            self._on_refused(exc)
        elif self._on_error is not None:
            self._on_error(exc)

    def _release(self) -> None:
        """Give the session's lease back and close the writer's connection."""
        with contextlib.suppress(Exception):  # a lease left behind lapses by itself
            if self.lease is not None and not self._lost:
                leases.release(self._connection().db, self.lease.session_id, self.lease.owner)
        if self._conn_repo is not None:
            with contextlib.suppress(Exception):
                self._conn_repo.db.close()

    # ------------------------------------------------------------ waiting and closing

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until everything submitted is written; False if that took too long."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._queue or self._busy:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._thread is None:
                    return not (self._queue or self._busy)
                self._cond.wait(remaining)
        return True

    @property
    def idle(self) -> bool:
        with self._cond:
            return not (self._queue or self._busy)

    def close(self, timeout: float = 5.0) -> bool:
        """Write what is queued, give the session's lease back, stop the thread."""
        saved = self.flush(timeout)
        with self._cond:
            self._closed = True
            if self._thread is None and self._path is not None and self.lease is not None:
                self._wake()  # nothing was written: the thread only gives the lease back
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=1.0)
        elif self.lease is not None and not self._lost:
            with contextlib.suppress(Exception):
                leases.release(self._repo.db, self.lease.session_id, self.lease.owner)
        return saved
