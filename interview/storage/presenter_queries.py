"""What the presenter view reads: where a session is, and the content it runs on.

Only the position, status and content snapshot are read: never notes, signals or scores.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview.storage.repository import NotFound, Repository


@dataclass(frozen=True, slots=True)
class Position:
    session_id: str
    index: int
    status: str
    content_hash: str


def position(repo: Repository, session_id: str) -> Position:
    row = repo.db.execute(
        "SELECT current_index, status, content_hash FROM sessions WHERE id = ? AND mode = ?",
        [session_id, "interview"],
    ).fetchone()
    if row is None:
        raise NotFound(f"no interview with id {session_id}")
    return Position(session_id, int(row[0]), str(row[1]), str(row[2]))


def latest_in_progress(repo: Repository) -> str | None:
    """The interview in progress that was saved last (the one being given right now)."""
    row = repo.db.execute(
        "SELECT id FROM sessions WHERE status = 'in_progress' AND mode = 'interview' "
        "ORDER BY updated_at DESC LIMIT 1"
    ).fetchone()
    return str(row[0]) if row else None
