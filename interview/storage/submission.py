"""Submitting a scorecard and changing it afterwards, only by a recorded amendment.

The database guards the same rule (storage/guards.py): a submitted scorecard's scores
change only alongside an amendment row, and its revision rises with every change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from interview.domain.records import Status
from interview.storage.ids import new_id
from interview.storage.repository_base import RepositoryBase


class Submission(RepositoryBase):
    def submit(
        self,
        session_id: str,
        *,
        justification: str,
        weighted_score: float | None,
        recommendation: str | None,
        actor: str = "",
    ) -> None:
        self._ensure_open(session_id)
        now = self.now()
        with self.tx():
            self.db.execute(
                """UPDATE sessions SET status = ?, submitted_at = ?, updated_at = ?,
                   justification = ?, weighted_score = ?, recommendation = ? WHERE id = ?""",
                [
                    str(Status.SUBMITTED),
                    now,
                    now,
                    justification,
                    weighted_score,
                    recommendation,
                    session_id,
                ],
            )
            self._event(
                session_id,
                actor,
                "submitted",
                {"weighted_score": weighted_score, "recommendation": recommendation},
            )

    def amend(
        self,
        session_id: str,
        *,
        reason: str,
        scores: Mapping[str, int | None],
        justification: str | None,
        weighted_score: float | None,
        recommendation: str | None,
        actor: str = "",
    ) -> None:
        """Change a submitted scorecard, recording the reason and what changed."""
        if self._status(session_id) != Status.SUBMITTED:
            raise ValueError("only a submitted scorecard can be amended")
        if not reason.strip():
            raise ValueError("an amendment needs a reason")
        now = self.now()
        before = {
            r[0]: r[1]
            for r in self.db.execute(
                "SELECT area_id, score FROM area_scores WHERE session_id = ? AND question_id = ''",
                [session_id],
            ).fetchall()
        }
        changes: dict[str, Any] = {
            "scores": {a: [before.get(a), s] for a, s in scores.items() if before.get(a) != s}
        }
        if justification is not None:
            old = self.db.execute(
                "SELECT justification FROM sessions WHERE id = ?", [session_id]
            ).fetchone()[0]
            if old != justification:
                changes["justification"] = [old, justification]
        with self.tx():
            # The amendment row comes first: the database lets a submitted scorecard's
            # scores change only at the time of an amendment (storage/guards.py).
            self.db.execute(
                "INSERT INTO amendments(id, session_id, at, actor, reason, changes) "
                "VALUES (?,?,?,?,?,?)",
                [
                    new_id(),
                    session_id,
                    now,
                    actor,
                    reason.strip(),
                    json.dumps(changes, sort_keys=True),
                ],
            )
            for area_id, score in scores.items():
                self.db.execute(
                    """INSERT INTO area_scores(id, session_id, area_id, question_id, score,
                       updated_at) VALUES (?,?,?,'',?,?)
                       ON CONFLICT(session_id, area_id, question_id) DO UPDATE
                       SET score = excluded.score, updated_at = excluded.updated_at""",
                    [new_id(), session_id, area_id, score, now],
                )
            # One statement raises the revision with the change, as the guard requires.
            self.db.execute(
                """UPDATE sessions SET justification = coalesce(?, justification),
                   weighted_score = ?, recommendation = ?, updated_at = ?,
                   revision = revision + 1 WHERE id = ?""",
                [justification, weighted_score, recommendation, now, session_id],
            )
            self._event(session_id, actor, "amended", {"reason": reason.strip(), **changes})

    def amendments(self, session_id: str) -> list[dict[str, Any]]:
        rows = self._rows(
            "SELECT at, actor, reason, changes FROM amendments WHERE session_id = ? ORDER BY at",
            [session_id],
        )
        for r in rows:
            r["changes"] = json.loads(r["changes"])
        return rows
