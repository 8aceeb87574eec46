"""Scorecards as hub rows, and hub rows back into an interview database.

One hub row is one submitted interview session with everything a panel needs to read
it: the candidate, the content snapshot, the session, its answers, signals, follow-ups,
scores, amendments, events and summary. The row carries its global id (the session's
UUID), its interviewer, an updated-at and a fingerprint of the payload, so a push can
tell what the hub already has without sending anything.

What never leaves: sessions in progress, practice sessions, the ``prefs`` table,
calibration attempts and LLM usage (they are the interviewer's own).

Pulling writes the rows into a fresh interview database that then goes through
``merge_databases``: the hub is only a transport, the merge rules are the same.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from interview.reports.timeline import SAMPLE_EVENT
from interview.services.merge import CHILD_TABLES, SUMMARY_TABLE

PAYLOAD_VERSION = 1
INBOX_PREFIX = "inbox_"
DECISIONS_TABLE = "decisions"
PER_SESSION = (*CHILD_TABLES, "amendments", "events", SUMMARY_TABLE)
# Columns of a hub inbox table, in order; ``id`` is the primary key.
INBOX_COLUMNS = {
    "id": str,
    "interviewer": str,
    "candidate_code": str,
    "revision": int,
    "updated_at": str,
    "sample": int,
    "fingerprint": str,
    "payload": str,
}


def inbox_table(interviewer: str) -> str:
    """The hub table holding one interviewer's scorecards (``inbox_<slug>``)."""
    slug = re.sub(r"[^a-z0-9]+", "_", interviewer.strip().lower()).strip("_")
    if not slug:
        raise ValueError(f"{interviewer!r} is not a usable interviewer name")
    return INBOX_PREFIX + slug


@dataclass(frozen=True)
class HubRow:
    id: str
    interviewer: str
    candidate_code: str
    revision: int
    updated_at: str
    sample: int
    fingerprint: str
    payload: str

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in INBOX_COLUMNS}


def _rows(conn: sqlite3.Connection, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, list(args))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


SNAPSHOT_PREFIX = "snapshot:"


def _hub_row(row_id: str, interviewer: str, body: dict[str, Any], **extra: Any) -> HubRow:
    payload = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return HubRow(
        id=row_id,
        interviewer=interviewer,
        candidate_code=extra.get("candidate_code", ""),
        revision=extra.get("revision", 0),
        updated_at=extra.get("updated_at", ""),
        sample=extra.get("sample", 0),
        fingerprint=hashlib.sha256(payload.encode()).hexdigest(),
        payload=payload,
    )


def scorecard_rows(conn: sqlite3.Connection) -> Iterator[HubRow]:
    """Every submitted interview session of a local database, as hub rows, after the
    content snapshots they use: one row per snapshot and interviewer (``snapshot:<hash>``),
    so the bank travels once per inbox, not once per scorecard."""
    tables = _tables(conn)
    sessions = _rows(
        conn,
        "SELECT * FROM sessions WHERE mode = 'interview' AND status = 'submitted' ORDER BY id",
    )
    sent: set[tuple[str, str]] = set()
    for session in sessions:
        sid, who, content_hash = session["id"], session["interviewer"], session["content_hash"]
        if (who, content_hash) not in sent:
            sent.add((who, content_hash))
            snapshot = _rows(conn, "SELECT * FROM content_snapshots WHERE hash = ?", [content_hash])
            body: dict[str, Any] = {"version": PAYLOAD_VERSION, "content_snapshots": snapshot}
            yield _hub_row(SNAPSHOT_PREFIX + content_hash, who, body)
        (candidate,) = _rows(
            conn, "SELECT * FROM candidates WHERE id = ?", [session["candidate_id"]]
        )
        body = {"version": PAYLOAD_VERSION, "candidate": candidate, "session": session}
        for table in PER_SESSION:
            if table in tables:
                body[table] = _rows(
                    conn, f"SELECT * FROM {table} WHERE session_id = ? ORDER BY id", [sid]
                )
        sample = any(e.get("kind") == SAMPLE_EVENT for e in body.get("events", []))
        yield _hub_row(
            sid,
            who,
            body,
            candidate_code=candidate.get("code") or "",
            revision=int(session["revision"] or 0),
            updated_at=session["updated_at"],
            sample=int(sample),
        )


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
    for row in rows:
        cols = [c for c in row if c in columns]
        conn.execute(
            f"INSERT OR IGNORE INTO {table}({', '.join(cols)}) "
            f"VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols],
        )


class PayloadError(ValueError):
    """A hub row that is not a scorecard this version understands."""


def write_payloads(conn: sqlite3.Connection, payloads: Iterable[str]) -> int:
    """Write hub payloads into an empty interview database (a merge source); returns rows."""
    count = 0
    bodies = []
    for text in payloads:
        try:
            body = json.loads(text)
            if body.get("version") != PAYLOAD_VERSION:
                raise PayloadError(f"payload version {body.get('version')!r}")
            _insert(conn, "content_snapshots", body.get("content_snapshots", []))
        except (ValueError, TypeError, AttributeError) as exc:
            raise PayloadError(f"a hub row is not a readable scorecard ({exc})") from None
        if "session" in body:
            bodies.append(body)
    for body in bodies:  # after every snapshot: sessions refer to them
        try:
            _insert(conn, "candidates", [body["candidate"]])
            _insert(conn, "sessions", [body["session"]])
            for table in PER_SESSION:
                _insert(conn, table, body.get(table, []))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise PayloadError(f"a hub row is not a readable scorecard ({exc})") from None
        count += 1
    return count


DECISION_FIELDS = (
    "id", "candidate_id", "candidate_code", "decision", "rationale", "decided_by", "decided_at",
)  # fmt: skip


def decision_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """A lead's debrief decisions, as hub rows (none in databases older than them)."""
    if "debrief_decisions" not in _tables(conn):
        return []
    return _rows(
        conn,
        "SELECT d.id, d.candidate_id, c.code AS candidate_code, d.decision, d.rationale, "
        "d.decided_by, d.decided_at FROM debrief_decisions d "
        "JOIN candidates c ON c.id = d.candidate_id ORDER BY d.id",
    )


def write_decisions(conn: sqlite3.Connection, rows: Iterable[dict[str, Any]]) -> int:
    """Decisions whose candidate is among the pulled scorecards (matched by id, else by
    code); returns how many were written."""
    by_code = dict(conn.execute("SELECT code, id FROM candidates WHERE code != ''").fetchall())
    ids = {r[0] for r in conn.execute("SELECT id FROM candidates")}
    count = 0
    for row in rows:
        cid = row.get("candidate_id")
        if cid not in ids:
            cid = by_code.get(row.get("candidate_code") or "")
        if cid is None:
            continue
        _insert(conn, "debrief_decisions", [{**row, "candidate_id": cid}])
        count += 1
    return count
