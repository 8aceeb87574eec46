"""The interviewer's private notes: a scratch pad per session and question.

What goes in a pad is the interviewer's own (a reminder, a hunch they do not want on
the record). It is stored in the local database only, and nothing that leaves the
machine reads it: not ``push``, not ``merge`` (the table is not a merge table), not
reports, ATS exports or the published Datasette views, never an LLM prompt. The
candidate's own export (``export-candidate``) includes it, and ``forget`` erases it
with the rest of their data.

Writes go through a small writer thread on its own connection, newest text first
served, so typing in the pad never waits for the disk or another process's lock;
a failed write is kept and tried again.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from interview.storage import private_notes as q
from interview.storage.repository import Repository

MARK = "PRIVATE"  # how the pad is labelled wherever it shows


class PrivateNotes:
    """One session's pads: read once, then kept in memory; saved by ``PrivateWriter``."""

    def __init__(self, repo: Repository, session_id: str) -> None:
        self.repo = repo
        self.session_id = session_id
        self._texts = q.session_notes(repo.db, session_id)

    def text(self, question_id: str) -> str:
        return self._texts.get(question_id, "")

    def has_text(self, question_id: str) -> bool:
        return bool(self._texts.get(question_id, "").strip())

    def remember(self, question_id: str, text: str) -> None:
        self._texts[question_id] = text


Key = tuple[str, str]  # (session id, question id)


class PrivateWriter:
    """Saves pads off the caller's thread, in order, the newest text per pad winning.

    With no database file (an in-memory database in tests) it writes at once.
    """

    RETRY_SECONDS = 0.5

    def __init__(
        self,
        repo: Repository,
        db_path: Path | None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._repo = repo
        self._path = db_path
        self._on_error = on_error
        self._pending: dict[Key, str] = {}
        self._busy = False
        self._closed = False
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, session_id: str, question_id: str, text: str) -> None:
        if self._path is None:
            self._write(self._repo, (session_id, question_id), text)
            return
        with self._cond:
            self._pending[(session_id, question_id)] = text
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="interview-private-notes", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()

    def _write(self, repo: Repository, key: Key, text: str) -> None:
        q.save_note(repo.db, str(uuid.uuid4()), key[0], key[1], text, repo.now())

    def _run(self) -> None:
        from interview.storage.db import open_db

        repo: Repository | None = None
        while True:
            with self._cond:
                while not self._pending and not self._closed:
                    self._cond.wait()
                if not self._pending:
                    break
                jobs = dict(self._pending)
                self._pending.clear()
                self._busy = True
            failed: dict[Key, str] = {}
            for key, text in jobs.items():
                try:
                    if repo is None:
                        assert self._path is not None
                        repo = Repository(
                            open_db(self._path, migrate=False), clock=self._repo.clock
                        )
                    self._write(repo, key, text)
                except Exception as exc:  # kept and tried again: nothing typed is dropped
                    failed[key] = text
                    if self._on_error is not None:
                        self._on_error(exc)
            with self._cond:
                for key, text in failed.items():
                    self._pending.setdefault(key, text)
                self._busy = False
                self._cond.notify_all()
                if failed:
                    if self._closed:
                        break
                    self._cond.wait(self.RETRY_SECONDS)
        if repo is not None:
            repo.db.conn.close()

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every pad handed over is written; False if that took too long."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def close(self, timeout: float = 5.0) -> bool:
        done = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
        return done
