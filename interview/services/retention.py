"""Retention: scorecards older than the configured horizon are anonymised or deleted.

Only finished interview sessions are affected: submitted (amended ones included) and
abandoned; a session still in progress and practice attempts never are. A session's age
is counted from its submission (or, for an abandoned one, its last save).

- older than ``anonymise_after_days``: the candidate's name and code, the notes,
  justification, summary, follow-ups, amendments, LLM usage and events go; submitted
  scores stay as numbers under new random ids and an anonymous candidate.
- older than ``delete_after_days``: the session is deleted with everything in it.

All of it is one transaction; a ``retention_run`` event records that the policy ran and
how many sessions it touched, never whom. The file is then compacted.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from interview.domain.records import iso
from interview.domain.retention_policy import RetentionSettings
from interview.storage.candidate_data import CandidateRow, loose_event_filter
from interview.storage.db import Database
from interview.storage.erase import (
    ANONYMOUS_CODE_PREFIX,
    EraseError,
    anonymise_sessions,
    begin,
    compact,
    delete_sessions,
    record_event,
)
from interview.storage.guards import unguarded

RETENTION_EVENT = "retention_run"
FINISHED = ("submitted", "abandoned")


@dataclass(frozen=True)
class Due:
    session_id: str
    candidate: str
    interviewer: str
    finished: str
    status: str


@dataclass
class RetentionPlan:
    anonymise: list[Due] = field(default_factory=list)
    delete: list[Due] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.anonymise and not self.delete


def _due(db: Database, days: int, now: datetime, *, skip_anonymous: bool) -> list[Due]:
    horizon = iso(now - timedelta(days=days))
    sql = (
        "SELECT s.id, c.name, c.code, s.interviewer, coalesce(s.submitted_at, s.updated_at), "
        "s.status FROM sessions s JOIN candidates c ON c.id = s.candidate_id "
        f"WHERE s.mode = 'interview' AND s.status IN ({','.join('?' * len(FINISHED))}) "
        "AND coalesce(s.submitted_at, s.updated_at) < ?"
    )
    if skip_anonymous:
        sql += " AND NOT (c.name = '' AND c.code LIKE ? || '%')"
    params: list[object] = [*FINISHED, horizon]
    if skip_anonymous:
        params.append(ANONYMOUS_CODE_PREFIX)
    sql += " ORDER BY 5, s.id"
    out = []
    for sid, name, code, interviewer, finished, status in db.conn.execute(sql, params):
        label = f"{name} ({code})" if name and code else (name or code)
        out.append(Due(sid, label, interviewer, finished, status))
    return out


def plan(db: Database, settings: RetentionSettings, now: datetime) -> RetentionPlan:
    result = RetentionPlan()
    if settings.delete_after_days is not None:
        result.delete = _due(db, settings.delete_after_days, now, skip_anonymous=False)
    if settings.anonymise_after_days is not None:
        gone = {d.session_id for d in result.delete}
        result.anonymise = [
            d
            for d in _due(db, settings.anonymise_after_days, now, skip_anonymous=True)
            if d.session_id not in gone
        ]
    return result


def apply(
    db: Database, settings: RetentionSettings, now: datetime, *, actor: str, record_empty: bool
) -> RetentionPlan:
    """Carry out the plan in one transaction. Raises EraseError (one line)."""
    todo = plan(db, settings, now)
    if todo.empty and not record_empty:
        return todo
    conn = db.conn
    begin(conn)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        touched = [d.session_id for d in todo.anonymise + todo.delete]
        candidates = _candidates_of(conn, touched)
        with unguarded(conn):
            anonymise_sessions(conn, [d.session_id for d in todo.anonymise])
            delete_sessions(conn, [d.session_id for d in todo.delete])
            for cand in candidates:
                if conn.execute(
                    "SELECT 1 FROM sessions WHERE candidate_id = ? LIMIT 1", [cand.id]
                ).fetchone():
                    continue
                where, params = loose_event_filter(cand)
                conn.execute(f"DELETE FROM events WHERE {where}", params)
                conn.execute("DELETE FROM candidates WHERE id = ?", [cand.id])
            record_event(
                conn,
                RETENTION_EVENT,
                actor,
                iso(now),
                {
                    "policy": settings.describe(),
                    "anonymised": len(todo.anonymise),
                    "deleted": len(todo.delete),
                },
            )
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise EraseError(f"retention failed ({exc}); nothing was changed") from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if not todo.empty:
        compact(conn)
    return todo


def _candidates_of(conn: sqlite3.Connection, sids: list[str]) -> list[CandidateRow]:
    if not sids:
        return []
    rows = conn.execute(
        "SELECT DISTINCT c.id, c.name, c.code FROM candidates c JOIN sessions s "
        f"ON s.candidate_id = c.id WHERE s.id IN ({','.join('?' * len(sids))})",
        sids,
    ).fetchall()
    return [CandidateRow(*r) for r in rows]


def summary(todo: RetentionPlan, settings: RetentionSettings, *, done: bool) -> str:
    """One line for the app's notice and the command's last line."""
    verb = ("anonymised", "deleted") if done else ("would anonymise", "would delete")
    if todo.empty:
        return f"retention ({settings.describe()}): nothing is older than the horizon"
    return (
        f"retention ({settings.describe()}): {verb[0]} {len(todo.anonymise)} and "
        f"{verb[1]} {len(todo.delete)} finished session(s)"
    )


def on_start(db: Database, settings: RetentionSettings, now: datetime) -> str | None:
    """Run by the app as it starts: the notice to show, or None when nothing was due."""
    if not settings.active:
        return None
    try:
        todo = apply(db, settings, now, actor="retention on app start", record_empty=False)
    except EraseError as exc:
        return f"retention did not run: {exc}"
    if todo.empty:
        return None
    return summary(todo, settings, done=True)
