"""SQL for the interviewer's private notes: one pad per session and question.

This table is read by nothing that leaves the machine (merge, push, reports, the
published views); only the app's interview screen, the candidate's own export and
erasure touch it.
"""

from __future__ import annotations

from interview.storage.db import Database


def session_notes(db: Database, session_id: str) -> dict[str, str]:
    """Question id -> private text of one session (empty pads left out)."""
    rows = db.execute(
        "SELECT question_id, text FROM private_notes WHERE session_id = ? AND text != ''",
        [session_id],
    ).fetchall()
    return {qid: text for qid, text in rows}


def save_note(
    db: Database, row_id: str, session_id: str, question_id: str, text: str, at: str
) -> None:
    """Insert or replace one pad, in one short transaction."""
    with db.conn:
        db.conn.execute(
            "INSERT INTO private_notes(id, session_id, question_id, text, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(session_id, question_id) "
            "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
            [row_id, session_id, question_id, text, at],
        )


def count_notes(db: Database) -> int:
    """Pads with text in the whole database (a file holding any is not published)."""
    return int(db.execute("SELECT count(*) FROM private_notes WHERE text != ''").fetchone()[0])
