"""Ending a session other than by submitting it: abandon it (kept) or delete it (gone).

Both are one transaction. Deleting removes the session and every row recorded in it
(notes, signals, probes, scores, summaries, LLM usage). The event log is append-only
(the database refuses deletes there): its entries stay, with ids and no text typed in
the session, plus one ``session_deleted`` entry.
"""

from __future__ import annotations

from interview.domain.records import Status
from interview.storage.repository import Locked, NotFound, Repository

# Every table holding rows of a session (but the append-only events), children first.
SESSION_TABLES = (
    "answers",
    "signal_observations",
    "followups",
    "area_scores",
    "amendments",
    "llm_usage",
    "session_summaries",
    "private_notes",
)


def _status(repo: Repository, session_id: str) -> str:
    rows = repo.db.conn.execute("SELECT status FROM sessions WHERE id = ?", [session_id])
    row = rows.fetchone()
    if row is None:
        raise NotFound(session_id)
    return str(row[0])


def mark_abandoned(repo: Repository, session_id: str, *, actor: str = "", reason: str = "") -> None:
    """Keep the session with status ``abandoned``; a submitted scorecard cannot be."""
    if _status(repo, session_id) == Status.SUBMITTED:
        raise Locked("a submitted scorecard cannot be abandoned")
    now = repo.now()
    with repo.tx():
        repo.db.execute(
            "UPDATE sessions SET status = ?, updated_at = ? WHERE id = ?",
            [str(Status.ABANDONED), now, session_id],
        )
        repo.db.execute(
            "INSERT INTO events(id, session_id, at, actor, kind, detail) "
            "VALUES (?, ?, ?, ?, 'abandoned', json_object('reason', ?))",
            [_new_id(), session_id, now, actor, reason],
        )


def delete_rows(repo: Repository, session_id: str, *, actor: str = "") -> int:
    """Remove a session that was never submitted and everything recorded in it; returns
    the rows removed. A submitted scorecard is refused (``Locked``)."""
    if _status(repo, session_id) == Status.SUBMITTED:
        raise Locked("a submitted scorecard is not deleted")
    removed = 0
    with repo.tx():
        for table in SESSION_TABLES:
            removed += repo.db.execute(
                f"DELETE FROM {table} WHERE session_id = ?", [session_id]
            ).rowcount
        removed += repo.db.execute("DELETE FROM sessions WHERE id = ?", [session_id]).rowcount
        repo.db.execute(
            "INSERT INTO events(id, session_id, at, actor, kind, detail) "
            "VALUES (?, ?, ?, ?, 'session_deleted', '{}')",
            [_new_id(), session_id, repo.now(), actor],
        )
    return removed


def _new_id() -> str:
    from interview.storage.repository import new_id

    return new_id()
