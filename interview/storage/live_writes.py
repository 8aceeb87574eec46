"""What the interviewer's screen writes while a session runs: position, notes, signals,
follow-ups, scores, the justification and the LLM switch.

Each call is one short transaction committed at once, so a killed process loses
nothing that was reported as saved. A submitted scorecard refuses the interviewer's
signals, its area scores and its justification (``Locked``): those change only by
amendment (submission.py).
"""

from __future__ import annotations

from interview.storage.ids import new_id
from interview.storage.repository_base import NotFound, RepositoryBase


class LiveWrites(RepositoryBase):
    def set_position(self, session_id: str, index: int, elapsed_seconds: float) -> None:
        now = self.now()
        with self.tx():
            self.db.execute(
                "UPDATE sessions SET current_index = ?, elapsed_seconds = ?, updated_at = ? "
                "WHERE id = ?",
                [index, elapsed_seconds, now, session_id],
            )

    def save_answer(
        self,
        session_id: str,
        question_id: str,
        position: int,
        notes: str,
        elapsed_seconds: float,
        session_elapsed: float | None = None,
    ) -> None:
        """Upsert the notes and clock of one question (autosave)."""
        now = self.now()
        with self.tx():
            self.db.execute(
                """INSERT INTO answers(id, session_id, question_id, position, notes,
                   elapsed_seconds, updated_at) VALUES (?,?,?,?,?,?,?)
                   ON CONFLICT(session_id, question_id) DO UPDATE SET notes = excluded.notes,
                   elapsed_seconds = excluded.elapsed_seconds, updated_at = excluded.updated_at""",
                [new_id(), session_id, question_id, position, notes, elapsed_seconds, now],
            )
            if session_elapsed is not None:
                self.db.execute(
                    "UPDATE sessions SET elapsed_seconds = ?, updated_at = ? WHERE id = ?",
                    [session_elapsed, now, session_id],
                )
            else:
                self._touch(session_id, now)

    def set_signal(
        self,
        session_id: str,
        question_id: str,
        signal_id: str,
        kind: str,
        observed: bool,
        *,
        actor: str = "",
        source: str = "interviewer",
    ) -> None:
        if source == "interviewer":
            self._ensure_open(session_id)
        now = self.now()
        with self.tx():
            self.db.execute(
                """INSERT INTO signal_observations(id, session_id, question_id, signal_id, kind,
                   observed, source, updated_at) VALUES (?,?,?,?,?,?,?,?)
                   ON CONFLICT(session_id, question_id, signal_id, source) DO UPDATE SET
                   observed = excluded.observed, updated_at = excluded.updated_at""",
                [new_id(), session_id, question_id, signal_id, kind, int(observed), source, now],
            )
            self._event(
                session_id,
                actor,
                "signal_observed" if observed else "signal_cleared",
                {"question": question_id, "signal": signal_id, "kind": kind, "source": source},
            )
            self._touch(session_id, now)

    def add_followup(
        self,
        session_id: str,
        question_id: str,
        text: str,
        source: str,
        *,
        follow_up_id: str = "",
        reason: str = "",
        asked: bool = False,
        actor: str = "",
        row_id: str = "",
    ) -> str:
        fid, now = row_id or new_id(), self.now()
        with self.tx():
            self.db.execute(
                """INSERT INTO followups(id, session_id, question_id, follow_up_id, text, source,
                   reason, asked, suggested_at, asked_at) VALUES (?,?,?,?,?,?,?,?,?,?)""",
                [fid, session_id, question_id, follow_up_id, text, source, reason, int(asked), now,
                 now if asked else None],
            )  # fmt: skip
            self._event(
                session_id,
                actor,
                "followup_asked" if asked else "followup_suggested",
                {"question": question_id, "follow_up": follow_up_id, "source": source},
            )
        return fid

    def set_followup_asked(self, followup_row_id: str, asked: bool, *, actor: str = "") -> None:
        now = self.now()
        row = self.db.execute(
            "SELECT session_id, question_id, follow_up_id, source FROM followups WHERE id = ?",
            [followup_row_id],
        ).fetchone()
        if not row:
            raise NotFound(f"no follow-up {followup_row_id}")
        with self.tx():
            self.db.execute(
                "UPDATE followups SET asked = ?, asked_at = ? WHERE id = ?",
                [int(asked), now if asked else None, followup_row_id],
            )
            self._event(
                row[0],
                actor,
                "followup_asked" if asked else "followup_unasked",
                {"question": row[1], "follow_up": row[2], "source": row[3]},
            )

    def set_area_score(
        self,
        session_id: str,
        area_id: str,
        score: int | None,
        *,
        question_id: str = "",
        actor: str = "",
    ) -> None:
        # Here, not at the top: opening the app must not build every content model class.
        from interview.domain.models import MAX_LEVELS

        if not question_id:
            self._ensure_open(session_id)
        if score is not None and not 1 <= score <= MAX_LEVELS:
            raise ValueError(f"scores are 1-{MAX_LEVELS}")
        now = self.now()
        with self.tx():
            self.db.execute(
                """INSERT INTO area_scores(id, session_id, area_id, question_id, score, updated_at)
                   VALUES (?,?,?,?,?,?) ON CONFLICT(session_id, area_id, question_id) DO UPDATE
                   SET score = excluded.score, updated_at = excluded.updated_at""",
                [new_id(), session_id, area_id, question_id, score, now],
            )
            self._event(
                session_id,
                actor,
                "area_scored",
                {"area": area_id, "score": score, "question": question_id},
            )
            self._touch(session_id, now)

    def set_justification(self, session_id: str, text: str) -> None:
        self._ensure_open(session_id)
        with self.tx():
            self.db.execute(
                "UPDATE sessions SET justification = ?, updated_at = ? WHERE id = ?",
                [text, self.now(), session_id],
            )

    def set_llm_enabled(self, session_id: str, enabled: bool, actor: str = "") -> None:
        with self.tx():
            self.db.execute(
                "UPDATE sessions SET llm_enabled = ? WHERE id = ?", [int(enabled), session_id]
            )
            self._event(session_id, actor, "llm_enabled" if enabled else "llm_disabled", {})
