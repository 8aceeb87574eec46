"""What every part of the session repository stands on: the connection, the clock,
one-transaction writes, the open/submitted check and the append-only event log.

The parts (session_setup, session_reads, live_writes, submission, llm_usage,
summary_notes, prefs) each inherit this class, so they type-check alone and
``Repository`` can compose them without any of them knowing the others.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from interview.domain.records import Status, iso, utc_now
from interview.storage.db import Database
from interview.storage.ids import new_id


class NotFound(LookupError):
    pass


class Locked(RuntimeError):
    """The scorecard is submitted; changes must go through an amendment."""


class RepositoryBase:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.clock = clock

    def now(self) -> str:
        return iso(self.clock())

    @contextmanager
    def tx(self) -> Iterator[None]:
        with self.db.conn:
            yield

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params)
        cols = [d[0] for d in cursor.description]
        return [dict(zip(cols, row, strict=True)) for row in cursor.fetchall()]

    def _status(self, session_id: str) -> str:
        row = self.db.execute("SELECT status FROM sessions WHERE id = ?", [session_id]).fetchone()
        if not row:
            raise NotFound(f"no session with id {session_id}")
        return str(row[0])

    def _ensure_open(self, session_id: str) -> None:
        if self._status(session_id) == Status.SUBMITTED:
            raise Locked("this scorecard is submitted; amend it to change it")

    def _touch(self, session_id: str, now: str) -> None:
        self.db.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", [now, session_id])

    # ------------------------------------------------------------ event log

    def _event(
        self, session_id: str | None, actor: str, kind: str, detail: Mapping[str, Any]
    ) -> None:
        self.db.execute(
            "INSERT INTO events(id, session_id, at, actor, kind, detail) VALUES (?,?,?,?,?,?)",
            [new_id(), session_id, self.now(), actor, kind, json.dumps(detail, sort_keys=True)],
        )

    def log_event(
        self, session_id: str | None, kind: str, detail: Mapping[str, Any], actor: str = ""
    ) -> None:
        with self.tx():
            self._event(session_id, actor, kind, detail)

    def events(self, session_id: str) -> list[dict[str, Any]]:
        rows = self._rows(
            "SELECT at, actor, kind, detail FROM events WHERE session_id = ? ORDER BY at, rowid",
            [session_id],
        )
        for r in rows:
            r["detail"] = json.loads(r["detail"])
        return rows
