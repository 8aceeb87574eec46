"""What each LLM call cost, per session: tokens and, when the server says, money.

Only counts are stored, never a prompt, a reply or a key.
"""

from __future__ import annotations

from typing import Any

from interview.storage.ids import new_id
from interview.storage.repository_base import RepositoryBase


class LlmUsage(RepositoryBase):
    def record_llm_usage(
        self,
        session_id: str | None,
        model: str,
        prompt_tokens: int,
        completion_tokens: int,
        cost: float | None = None,
        purpose: str = "followups",
    ) -> None:
        with self.tx():
            self.db.execute(
                """INSERT INTO llm_usage(id, session_id, at, model, purpose, prompt_tokens,
                   completion_tokens, cost) VALUES (?,?,?,?,?,?,?,?)""",
                [
                    new_id(),
                    session_id,
                    self.now(),
                    model,
                    purpose,
                    prompt_tokens,
                    completion_tokens,
                    cost,
                ],
            )

    def llm_usage(self, session_id: str) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT count(*), coalesce(sum(prompt_tokens),0), coalesce(sum(completion_tokens),0), "
            "sum(cost) FROM llm_usage WHERE session_id = ?",
            [session_id],
        ).fetchone()
        return {
            "calls": row[0],
            "prompt_tokens": row[1],
            "completion_tokens": row[2],
            "cost": row[3],
        }
