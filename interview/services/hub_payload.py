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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
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


def _insert(conn: sqlite3.Connection, table: str, rows: Iterable[dict[str, Any]]) -> None:
    """Insert rows (dicts) into ``table`` with one ``executemany`` per set of columns,
    keeping only the table's own columns; a row already there is left as it is."""
    columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
    # Rows of a table nearly always share their keys: work out the columns once per shape.
    shapes: dict[tuple[str, ...], tuple[tuple[str, ...], Callable[[dict[str, Any]], Any]]] = {}
    groups: dict[tuple[str, ...], list[Any]] = {}
    for row in rows:
        keys = tuple(row)
        shape = shapes.get(keys)
        if shape is None:
            cols = tuple(c for c in keys if c in columns)
            getter = itemgetter(*cols) if len(cols) > 1 else (lambda r, c=cols: [r[x] for x in c])
            shape = shapes[keys] = (cols, getter)
            groups.setdefault(cols, [])
        groups[shape[0]].append(shape[1](row))
    for cols, values in groups.items():
        if not cols or not values:
            continue
        conn.executemany(
            f"INSERT OR IGNORE INTO {table}({', '.join(cols)}) "
            f"VALUES ({', '.join('?' * len(cols))})",
            values,
        )


class PayloadError(ValueError):
    """A hub row that is not a scorecard this version understands."""


# The order tables are written in: every row after the rows it refers to.
WRITE_ORDER = ("content_snapshots", "candidates", "sessions", *PER_SESSION)


def write_payloads(conn: sqlite3.Connection, payloads: Iterable[str]) -> int:
    """Write hub payloads into an empty interview database (a merge source), in bulk:
    the rows of each table gathered first, then one ``executemany`` per table, inside
    the caller's transaction. Returns the number of scorecards written."""
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in WRITE_ORDER}
    count = 0
    for text in payloads:
        try:
            body = json.loads(text)
            if body.get("version") != PAYLOAD_VERSION:
                raise PayloadError(f"payload version {body.get('version')!r}")
            rows["content_snapshots"].extend(_dicts(body.get("content_snapshots", [])))
            if "session" not in body:
                continue
            rows["candidates"].extend(_dicts([body["candidate"]]))
            rows["sessions"].extend(_dicts([body["session"]]))
            for table in PER_SESSION:
                rows[table].extend(_dicts(body.get(table, [])))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise PayloadError(f"a hub row is not a readable scorecard ({exc})") from None
        count += 1
    try:
        for table in WRITE_ORDER:
            _insert(conn, table, rows[table])
    except (sqlite3.InterfaceError, sqlite3.ProgrammingError, sqlite3.IntegrityError) as exc:
        raise PayloadError(f"a hub row is not a readable scorecard ({exc})") from None
    return count


def _dicts(items: Any) -> list[dict[str, Any]]:
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise TypeError("expected a list of rows")
    return items


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
