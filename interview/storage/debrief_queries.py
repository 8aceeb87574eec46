"""SQL for the debrief: the lead's decision and the interviewers expected on a loop."""

from __future__ import annotations

from typing import Any

from interview.storage.db import Database


def _rows(db: Database, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    cols = [d[0] for d in cursor.description]
    return [dict(zip(cols, row, strict=True)) for row in cursor.fetchall()]


def insert_decision(db: Database, row: dict[str, Any]) -> None:
    db.execute(
        "INSERT INTO debrief_decisions(id, candidate_id, decision, rationale, decided_by, "
        "decided_at) VALUES (:id, :candidate_id, :decision, :rationale, :decided_by, :decided_at)",
        row,
    )


def add_loop_members(db: Database, rows: list[dict[str, Any]]) -> int:
    before = db.conn.total_changes
    with db.conn:
        db.conn.executemany(
            "INSERT INTO loop_members(id, candidate_id, interviewer, session_at) "
            "VALUES (:id, :candidate_id, :interviewer, :session_at) "
            "ON CONFLICT(candidate_id, interviewer) DO UPDATE SET session_at = excluded.session_at",
            rows,
        )
    return db.conn.total_changes - before


def all_decisions(db: Database) -> list[dict[str, Any]]:
    return _rows(
        db,
        "SELECT d.*, c.code AS candidate_code FROM debrief_decisions d "
        "JOIN candidates c ON c.id = d.candidate_id ORDER BY d.id",
        [],
    )


def decisions_for_audit(db: Database, candidate_id: str | None = None) -> list[dict[str, Any]]:
    """Every debrief decision (oldest first), with its candidate's name and code."""
    where, params = ("WHERE d.candidate_id = ?", [candidate_id]) if candidate_id else ("", [])
    return _rows(
        db,
        "SELECT d.decided_at, d.decided_by, d.decision, d.rationale, d.candidate_id, "
        "c.name AS candidate_name, c.code AS candidate_code FROM debrief_decisions d "
        f"LEFT JOIN candidates c ON c.id = d.candidate_id {where} ORDER BY d.decided_at, d.id",
        params,
    )


def panel_facts(db: Database, candidate_id: str) -> list[tuple[str, str, str, str, str]]:
    """In one query: the loop ('loop', interviewer, session_at), the latest decision
    ('decision', decision, rationale, decided_by, decided_at) and whether any of the
    candidate's sessions is demo data ('sample', ...)."""
    return db.execute(
        """
        SELECT 'loop', interviewer, session_at, '', '' FROM loop_members WHERE candidate_id = ?1
        UNION ALL
        SELECT * FROM (SELECT 'decision', decision, rationale, decided_by, decided_at
                       FROM debrief_decisions WHERE candidate_id = ?1
                       ORDER BY decided_at DESC, id DESC LIMIT 1)
        UNION ALL
        SELECT * FROM (SELECT 'sample', '', '', '', '' FROM events
                       WHERE kind = 'sample_data'
                         AND session_id IN (SELECT id FROM sessions WHERE candidate_id = ?1)
                       LIMIT 1)""",
        [candidate_id],
    ).fetchall()
