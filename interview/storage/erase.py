"""Removing a person's data for good: deleting or anonymising sessions, then compacting.

Everything runs inside one ``BEGIN IMMEDIATE`` transaction opened by the caller, through
:func:`interview.storage.guards.unguarded`, so either all of it happens or none does.
:func:`compact` then checkpoints the write-ahead log and rebuilds the file, so the
removed text is in no byte of the database or its ``-wal``.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import uuid
from collections.abc import Iterable
from typing import Any

from interview.storage.candidate_data import (
    CandidateRow,
    columns,
    loose_event_filter,
    quote,
    tables_with,
)

# Session columns an anonymised scorecard keeps: no text anyone typed about the person.
KEPT_SESSION_COLUMNS = {
    "id", "candidate_id", "interviewer", "role", "level", "plan_id", "plan_title",
    "rubric_id", "content_hash", "mode", "status", "started_at", "updated_at",
    "submitted_at", "recommendation",
}  # fmt: skip
ANONYMOUS_CODE_PREFIX = "anonymous-"


class EraseError(Exception):
    """The erasure could not run; nothing was changed. One line."""


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


# How long to wait for another writer before giving up with "busy" (the app's own writes
# take milliseconds; a longer hold is another program, and the user should know).
ERASE_BUSY_TIMEOUT_MS = 3000


def begin(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {ERASE_BUSY_TIMEOUT_MS}")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise EraseError(_locked(exc)) from None


def _locked(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "the database is busy: another program is writing to it; nothing was changed"
    if "readonly" in text or "read-only" in text:
        return "the database is read-only; nothing was changed"
    return f"the database refused the change ({text}); nothing was changed"


def delete_sessions(conn: sqlite3.Connection, sids: list[str]) -> None:
    if not sids:
        return
    for table in tables_with(conn, "session_id"):
        conn.execute(f"DELETE FROM {quote(table)} WHERE session_id IN ({_in(sids)})", sids)
    conn.execute(f"DELETE FROM sessions WHERE id IN ({_in(sids)})", sids)


def anonymise_sessions(conn: sqlite3.Connection, sids: list[str]) -> int:
    """Keep the final scores of submitted interview scorecards as numbers under new random
    ids and a new anonymous candidate per person; delete everything else of ``sids``."""
    if not sids:
        return 0
    cols = columns(conn, "sessions")
    rows = conn.execute(
        f"SELECT * FROM sessions WHERE id IN ({_in(sids)}) AND status = 'submitted' "
        "AND mode = 'interview'",
        sids,
    ).fetchall()
    names = [c[0] for c in cols]
    new_candidate: dict[str, str] = {}
    kept = 0
    for row in rows:
        record = dict(zip(names, row, strict=True))
        old_cid = record["candidate_id"]
        if old_cid not in new_candidate:
            cid = str(uuid.uuid4())
            new_candidate[old_cid] = cid
            stamp = record["updated_at"]
            conn.execute(
                "INSERT INTO candidates(id, name, code, created_at, updated_at) "
                "VALUES (?, '', ?, ?, ?)",
                [cid, ANONYMOUS_CODE_PREFIX + secrets.token_hex(4), stamp, stamp],
            )
        new_sid = str(uuid.uuid4())
        values: list[Any] = []
        for name, decl, notnull in cols:
            if name == "id":
                values.append(new_sid)
            elif name == "candidate_id":
                values.append(new_candidate[old_cid])
            elif name in KEPT_SESSION_COLUMNS or "TEXT" not in decl:
                values.append(record[name])
            else:
                values.append("" if notnull else None)
        conn.execute(
            f"INSERT INTO sessions({', '.join(quote(n) for n in names)}) VALUES ({_in(names)})",
            values,
        )
        conn.execute(
            "UPDATE area_scores SET session_id = ?, id = lower(hex(randomblob(16))) "
            "WHERE session_id = ? AND score IS NOT NULL",
            [new_sid, record["id"]],
        )
        kept += 1
    delete_sessions(conn, sids)
    return kept


def forget_candidate(
    conn: sqlite3.Connection, candidate: CandidateRow, sids: list[str], *, keep_scores: bool
) -> int:
    """Remove the candidate and everything about them; returns scorecards kept anonymously."""
    kept = anonymise_sessions(conn, sids) if keep_scores else 0
    if not keep_scores:
        delete_sessions(conn, sids)
    where, params = loose_event_filter(candidate)
    conn.execute(f"DELETE FROM events WHERE {where}", params)
    for table in tables_with(conn, "candidate_id"):
        if table != "sessions":
            conn.execute(f"DELETE FROM {quote(table)} WHERE candidate_id = ?", [candidate.id])
    conn.execute("DELETE FROM candidates WHERE id = ?", [candidate.id])
    return kept


def drop_orphan_candidates(conn: sqlite3.Connection) -> int:
    cursor = conn.execute(
        "DELETE FROM candidates WHERE id NOT IN (SELECT candidate_id FROM sessions)"
    )
    return max(cursor.rowcount, 0)


def record_event(
    conn: sqlite3.Connection, kind: str, actor: str, at: str, detail: dict[str, Any]
) -> None:
    conn.execute(
        "INSERT INTO events(id, session_id, at, actor, kind, detail) VALUES (?,NULL,?,?,?,?)",
        [str(uuid.uuid4()), at, actor, kind, json.dumps(detail, sort_keys=True)],
    )


def compact(conn: sqlite3.Connection) -> None:
    """Move the log into the file, rebuild the file without free pages, empty the log."""
    for sql in ("PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"):
        try:
            row = conn.execute(sql).fetchone()
        except sqlite3.OperationalError as exc:
            raise EraseError(
                f"the data is removed but the file could not be compacted ({exc}); "
                "close the app and run the command again"
            ) from None
        if sql.endswith("(TRUNCATE)") and row and row[0]:
            raise EraseError(
                "the data is removed but the app has the database open, so old copies may "
                "remain in its log; close the app and run 'interview retention --apply'"
            )


def ids(rows: Iterable[tuple[Any, ...]]) -> list[str]:
    return [str(r[0]) for r in rows]
