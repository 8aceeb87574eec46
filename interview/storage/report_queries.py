"""The fixed set of queries that load everything a report needs.

A report (or a batch of them) always costs the same eight statements, however many
questions, signals or events a session has: each query selects by a JSON list of
session ids (``json_each``), so there is no per-question or per-session round trip.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from interview.storage.db import Database
from interview.storage.repository import NotFound

# The number of statements load_many() runs; a test holds us to it.
QUERY_COUNT = 8

_IDS = "(SELECT value FROM json_each(?))"

# The session's written summary (at most one) rides on its row: no query of its own.
SESSIONS_SQL = f"""
SELECT s.id, s.candidate_id, c.name AS candidate, c.code AS candidate_code, s.interviewer,
       s.role, s.level, s.plan_id, s.plan_title, s.rubric_id, s.content_hash, s.mode, s.status,
       s.current_index, s.elapsed_seconds, s.started_at, s.updated_at, s.submitted_at,
       s.justification, s.weighted_score, s.recommendation, s.llm_enabled, s.revision,
       ss.text AS summary_text, ss.ai_drafted AS summary_ai_drafted,
       ss.edited AS summary_edited, ss.model AS summary_model,
       ss.created_at AS summary_created_at, ss.updated_at AS summary_updated_at
FROM sessions s JOIN candidates c ON c.id = s.candidate_id
LEFT JOIN session_summaries ss ON ss.session_id = s.id
WHERE s.id IN {_IDS}
"""

SNAPSHOTS_SQL = f"""
SELECT hash, snapshot FROM content_snapshots
WHERE hash IN (SELECT content_hash FROM sessions WHERE id IN {_IDS})
"""

ANSWERS_SQL = f"""
SELECT session_id, question_id, position, notes, elapsed_seconds, updated_at
FROM answers WHERE session_id IN {_IDS} ORDER BY session_id, position
"""

OBSERVATIONS_SQL = f"""
SELECT session_id, question_id, signal_id, kind, observed, source, updated_at
FROM signal_observations WHERE session_id IN {_IDS} ORDER BY session_id, updated_at, rowid
"""

FOLLOWUPS_SQL = f"""
SELECT session_id, id, question_id, follow_up_id, text, source, reason, asked, suggested_at,
       asked_at
FROM followups WHERE session_id IN {_IDS} ORDER BY session_id, suggested_at, rowid
"""

SCORES_SQL = f"""
SELECT session_id, area_id, question_id, score, updated_at
FROM area_scores WHERE session_id IN {_IDS} AND score IS NOT NULL
ORDER BY session_id, question_id, area_id
"""

AMENDMENTS_SQL = f"""
SELECT session_id, at, actor, reason, changes
FROM amendments WHERE session_id IN {_IDS} ORDER BY session_id, at, rowid
"""

EVENTS_SQL = f"""
SELECT session_id, at, actor, kind, detail
FROM events WHERE session_id IN {_IDS} ORDER BY session_id, at, rowid
"""


# A stored row, read by column name (row["notes"]); built by sqlite3 in C, which is
# several times cheaper than a dict per row, a report's largest cost after its queries.
Row = sqlite3.Row


@dataclass
class SessionRows:
    """The raw rows of one session, exactly as stored."""

    session: dict[str, Any]
    # The content snapshot's JSON text, unparsed: the report builder parses it once per
    # content hash and keeps the result (interview/reports/snapshot.py).
    snapshot_json: str
    answers: list[Row] = field(default_factory=list)
    observations: list[Row] = field(default_factory=list)
    followups: list[Row] = field(default_factory=list)
    scores: list[Row] = field(default_factory=list)
    amendments: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)


def _rows(db: Database, sql: str, param: str) -> list[dict[str, Any]]:
    cursor = db.execute(sql, [param])
    cols = [d[0] for d in cursor.description]
    return [dict(zip(cols, row, strict=True)) for row in cursor.fetchall()]


def _named_rows(db: Database, sql: str, param: str) -> list[Row]:
    cursor = db.execute(sql, [param])
    cursor.row_factory = Row
    return cursor.fetchall()


def load_many(db: Database, session_ids: Iterable[str]) -> dict[str, SessionRows]:
    """Rows for every existing session in ``session_ids`` (unknown ids are left out).

    Always QUERY_COUNT statements, whatever the number of sessions or questions.
    """
    ids = list(dict.fromkeys(session_ids))
    param = json.dumps(ids)
    sessions = _rows(db, SESSIONS_SQL, param)
    snapshots = {r["hash"]: r["snapshot"] for r in _rows(db, SNAPSHOTS_SQL, param)}
    out: dict[str, SessionRows] = {}
    for row in sessions:
        snapshot = snapshots.get(row["content_hash"])
        if snapshot is None:
            # The foreign key makes this unreachable unless the file was edited by hand.
            raise NotFound(f"session {row['id']}: its content snapshot is missing")
        out[row["id"]] = SessionRows(session=row, snapshot_json=snapshot)
    # One session (a single report): every row the queries return is its own.
    only = out[ids[0]] if len(ids) == 1 and out else None
    for attr, sql in (
        ("answers", ANSWERS_SQL),
        ("observations", OBSERVATIONS_SQL),
        ("followups", FOLLOWUPS_SQL),
        ("scores", SCORES_SQL),
        ("amendments", AMENDMENTS_SQL),
        ("events", EVENTS_SQL),
    ):
        found = _named_rows(db, sql, param)
        if only is not None:
            setattr(only, attr, found)
            continue
        for child in found:
            rows = out.get(child["session_id"])
            if rows is not None:
                getattr(rows, attr).append(child)
    # Keep the caller's order.
    return {sid: out[sid] for sid in ids if sid in out}


def load_one(db: Database, session_id: str) -> SessionRows:
    rows = load_many(db, [session_id]).get(session_id)
    if rows is None:
        raise NotFound(f"no session with id {session_id}")
    return rows
