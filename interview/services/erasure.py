"""``interview forget``: erase one candidate from this database, in one transaction.

The candidate's name, code, notes, justification, summaries, follow-ups, amendments'
reasons, LLM usage and every event about them are deleted. With
``[retention] keep_anonymous_scores = true`` their submitted scores stay as numbers under
new random ids, for calibration. One ``erasure`` event records that an erasure ran (who,
when, how many scorecards), never whom or what. The file is then compacted so none of
the erased text is left in the database file or its ``-wal``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from interview.domain.records import iso
from interview.storage.candidate_data import CandidateRow, resolve_candidate, session_ids
from interview.storage.db import Database
from interview.storage.erase import EraseError, begin, compact, forget_candidate, record_event
from interview.storage.guards import unguarded

# A session saved this recently and not submitted is taken to be open in the app.
OPEN_WINDOW = timedelta(minutes=15)
ERASURE_EVENT = "erasure"


@dataclass(frozen=True)
class ErasureResult:
    sessions: int
    kept_anonymous: int


def find(db: Database, query: str) -> CandidateRow:
    return resolve_candidate(db.conn, query)


def open_session(db: Database, candidate: CandidateRow, now: datetime) -> str | None:
    """Why the candidate cannot be erased now, or None."""
    since = iso(now - OPEN_WINDOW)
    row = db.conn.execute(
        "SELECT interviewer, updated_at FROM sessions WHERE candidate_id = ? "
        "AND status = 'in_progress' AND updated_at >= ? ORDER BY updated_at DESC LIMIT 1",
        [candidate.id, since],
    ).fetchone()
    if row is None:
        return None
    who = f" by {row[0]}" if row[0] else ""
    saved = row[1][:16].replace("T", " ")
    return (
        f"{candidate.label} has a session in progress{who} (last saved {saved} UTC, "
        f"within the last {OPEN_WINDOW.seconds // 60} minutes); finish or close it in the app "
        "first; nothing was erased"
    )


def erase(
    db: Database, candidate: CandidateRow, *, actor: str, now: datetime, keep_scores: bool
) -> ErasureResult:
    """Raises EraseError (one line; nothing changed, or the data gone but not compacted)."""
    conn = db.conn
    begin(conn)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        sids = session_ids(conn, candidate.id)
        with unguarded(conn):
            kept = forget_candidate(conn, candidate, sids, keep_scores=keep_scores)
            record_event(
                conn,
                ERASURE_EVENT,
                actor,
                iso(now),
                {"sessions": len(sids), "kept_anonymous_scorecards": kept},
            )
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise EraseError(f"erasure failed ({exc}); nothing was erased") from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    compact(conn)
    return ErasureResult(len(sids), kept)
