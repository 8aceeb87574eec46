"""Finding sessions and loading one back whole: listings, id prefixes, the live state."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from interview.domain.records import (
    AnswerRecord,
    FollowUpRecord,
    Mode,
    Observation,
    SessionState,
    SessionSummary,
    Status,
)
from interview.storage.repository_base import NotFound, RepositoryBase

SUMMARY_SQL = """
SELECT s.id, s.candidate_id, c.name AS candidate, c.code AS candidate_code, s.interviewer,
       s.role, s.level, s.plan_id, s.plan_title, s.mode, s.status, s.started_at, s.updated_at,
       s.submitted_at, s.weighted_score, s.recommendation, s.revision
FROM sessions s JOIN candidates c ON c.id = s.candidate_id
"""


def _summary(row: Mapping[str, Any]) -> SessionSummary:
    return SessionSummary(**{k: row[k] for k in SessionSummary.__dataclass_fields__})


class SessionReads(RepositoryBase):
    def summary(self, session_id: str) -> SessionSummary:
        rows = self._rows(SUMMARY_SQL + " WHERE s.id = ?", [session_id])
        if not rows:
            raise NotFound(f"no session with id {session_id}")
        return _summary(rows[0])

    def resolve_session_id(self, prefix: str) -> str:
        """Accept a full id or a unique prefix of one (as shown in listings)."""
        rows = self.db.execute(
            "SELECT id FROM sessions WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
            [prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"],
        ).fetchall()
        if len(rows) == 1 and prefix:
            return str(rows[0][0])
        if not rows or not prefix:
            raise NotFound(f"no session with id {prefix!r}")
        raise NotFound(f"session id {prefix!r} is ambiguous; give more characters")

    def list_sessions(
        self,
        *,
        candidate: str = "",
        role: str = "",
        interviewer: str = "",
        status: str = "",
        mode: str | None = Mode.INTERVIEW,
        since: str = "",
        limit: int | None = 500,
        offset: int = 0,
        newest_by: str = "updated_at",
    ) -> list[SessionSummary]:
        """Newest first by ``newest_by``: "updated_at" (last saved) or "started_at"."""
        if newest_by not in ("updated_at", "started_at"):
            raise ValueError(f"cannot sort sessions by {newest_by!r}")
        where, params = [], []
        # fold(): case and accents ignored, so "tomas" finds "Tomás".
        if candidate:
            where.append("(fold(c.name) LIKE fold(?) OR fold(c.code) LIKE fold(?))")
            params += [f"%{candidate}%", f"%{candidate}%"]
        if role:
            where.append("fold(s.role) LIKE fold(?)")
            params.append(f"%{role}%")
        if interviewer:
            where.append("fold(s.interviewer) LIKE fold(?)")
            params.append(f"%{interviewer}%")
        if status:
            where.append("s.status = ?")
            params.append(status)
        if mode:
            where.append("s.mode = ?")
            params.append(str(mode))
        if since:
            where.append("s.started_at >= ?")
            params.append(since)
        sql = SUMMARY_SQL + (" WHERE " + " AND ".join(where) if where else "")
        sql += f" ORDER BY s.{newest_by} DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
            if offset:
                sql += f" OFFSET {int(offset)}"
        return [_summary(r) for r in self._rows(sql, params)]

    def count_sessions(self, mode: str | None = None) -> int:
        if mode:
            return int(
                self.db.execute("SELECT count(*) FROM sessions WHERE mode = ?", [mode]).fetchone()[
                    0
                ]
            )
        return int(self.db.execute("SELECT count(*) FROM sessions").fetchone()[0])

    def unfinished(self, mode: str | None = Mode.INTERVIEW) -> list[SessionSummary]:
        return self.list_sessions(status=Status.IN_PROGRESS, mode=mode, limit=50)

    def load_state(self, session_id: str) -> SessionState:
        summary = self.summary(session_id)
        row = self._rows(
            "SELECT rubric_id, content_hash, current_index, elapsed_seconds, justification, "
            "llm_enabled FROM sessions WHERE id = ?",
            [session_id],
        )[0]
        state = SessionState(
            summary=summary,
            rubric_id=row["rubric_id"],
            content_hash=row["content_hash"],
            current_index=row["current_index"],
            elapsed_seconds=row["elapsed_seconds"],
            justification=row["justification"],
            llm_enabled=bool(row["llm_enabled"]),
        )
        for r in self._rows(
            "SELECT question_id, position, notes, elapsed_seconds, updated_at FROM answers "
            "WHERE session_id = ?",
            [session_id],
        ):
            state.answers[r["question_id"]] = AnswerRecord(**r)
        for r in self._rows(
            "SELECT question_id, signal_id, kind, observed, updated_at, source "
            "FROM signal_observations WHERE session_id = ? ORDER BY updated_at",
            [session_id],
        ):
            r["observed"] = bool(r["observed"])
            state.observations.append(Observation(**r))
        for r in self._rows(
            "SELECT id, question_id, follow_up_id, text, source, reason, asked, suggested_at, "
            "asked_at FROM followups WHERE session_id = ? ORDER BY suggested_at",
            [session_id],
        ):
            r["asked"] = bool(r["asked"])
            state.followups.append(FollowUpRecord(**r))
        for r in self._rows(
            "SELECT area_id, question_id, score FROM area_scores WHERE session_id = ?", [session_id]
        ):
            if r["score"] is None:
                continue
            if r["question_id"]:
                state.question_scores[(r["question_id"], r["area_id"])] = r["score"]
            else:
                state.scores[r["area_id"]] = r["score"]
        return state
