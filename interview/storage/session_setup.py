"""Starting a session: its candidate, its row, and the content it runs on, frozen.

The plan's content is stored once per hash (``content_snapshots``), so a report built
later scores against the questions and rubric the interview really used.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from interview.domain.records import Mode, Status
from interview.storage.ids import new_id
from interview.storage.repository_base import NotFound, RepositoryBase

if TYPE_CHECKING:
    from interview.domain.models import Content, Plan


class SessionSetup(RepositoryBase):
    def find_or_create_candidate(self, name: str, code: str = "") -> str:
        """One candidate per code (blind panels), else per exact name."""
        name, code = name.strip(), code.strip()
        if not name and not code:
            raise ValueError("a candidate needs a name or a code")
        if code:
            row = self.db.execute(
                "SELECT id FROM candidates WHERE code = ? LIMIT 1", [code]
            ).fetchone()
        else:
            row = self.db.execute(
                "SELECT id FROM candidates WHERE name = ? AND code = '' LIMIT 1", [name]
            ).fetchone()
        if row:
            return str(row[0])
        cid, now = new_id(), self.now()
        with self.tx():
            self.db.execute(
                "INSERT INTO candidates(id, name, code, created_at, updated_at) VALUES (?,?,?,?,?)",
                [cid, name, code, now, now],
            )
        return cid

    def create_session(
        self,
        *,
        candidate_id: str,
        interviewer: str,
        role: str,
        level: str,
        plan: Plan,
        content: Content,
        mode: Mode = Mode.INTERVIEW,
        llm_enabled: bool = False,
    ) -> str:
        snapshot = content.snapshot(plan)
        content_hash = content.content_hash(plan)
        sid, now = new_id(), self.now()
        with self.tx():
            self.db.execute(
                "INSERT OR IGNORE INTO content_snapshots(hash, snapshot) VALUES (?, ?)",
                [content_hash, json.dumps(snapshot, sort_keys=True, ensure_ascii=False)],
            )
            self.db.execute(
                """INSERT INTO sessions(id, candidate_id, interviewer, role, level, plan_id,
                   plan_title, rubric_id, content_hash, mode, status, started_at, updated_at,
                   llm_enabled) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                [
                    sid, candidate_id, interviewer, role, level, plan.id, plan.title,
                    plan.rubric_id, content_hash, str(mode), str(Status.IN_PROGRESS), now, now,
                    int(llm_enabled),
                ],
            )  # fmt: skip
            self._event(sid, interviewer, "session_started", {"plan": plan.id, "mode": str(mode)})
        return sid

    def snapshot(self, content_hash: str) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT snapshot FROM content_snapshots WHERE hash = ?", [content_hash]
        ).fetchone()
        if not row:
            raise NotFound(f"content snapshot {content_hash}")
        data: dict[str, Any] = json.loads(row[0])
        return data
