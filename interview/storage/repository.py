"""Session repository: the only place the live interview reads and writes SQL.

Every write is one short transaction, committed at once, so a killed process loses
nothing that was reported as saved and a second process never waits long.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from interview.domain.records import (
    AnswerRecord,
    FollowUpRecord,
    Mode,
    Observation,
    SessionState,
    SessionSummary,
    Status,
    iso,
    utc_now,
)
from interview.storage.db import Database

if TYPE_CHECKING:
    from interview.domain.models import Content, Plan

_id_source: ContextVar[Callable[[], str] | None] = ContextVar("interview_id_source", default=None)


def new_id() -> str:
    source = _id_source.get()
    return source() if source else str(uuid.uuid4())


@contextmanager
def seeded_ids(seed: str) -> Iterator[None]:
    """Make ids reproducible (uuid5 of seed + counter) inside the block: sample data only."""
    counter = iter(range(1 << 62))

    def source() -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"interview:{seed}:{next(counter)}"))

    token = _id_source.set(source)
    try:
        yield
    finally:
        _id_source.reset(token)


class NotFound(LookupError):
    pass


class Locked(RuntimeError):
    """The scorecard is submitted; changes must go through an amendment."""


@dataclass(frozen=True, slots=True)
class SummaryNote:
    """The interviewer's summary of a session: an annotation, never part of the scores."""

    id: str
    session_id: str
    text: str
    ai_drafted: bool  # an LLM wrote the first draft
    edited: bool  # the interviewer changed that draft before saving
    model: str  # the LLM that drafted it ("" when written by hand)
    created_at: str
    updated_at: str


SUMMARY_SQL = """
SELECT s.id, s.candidate_id, c.name AS candidate, c.code AS candidate_code, s.interviewer,
       s.role, s.level, s.plan_id, s.plan_title, s.mode, s.status, s.started_at, s.updated_at,
       s.submitted_at, s.weighted_score, s.recommendation, s.revision
FROM sessions s JOIN candidates c ON c.id = s.candidate_id
"""


def _summary(row: Mapping[str, Any]) -> SessionSummary:
    return SessionSummary(**{k: row[k] for k in SessionSummary.__dataclass_fields__})


class Repository:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.clock = clock

    def now(self) -> str:
        return iso(self.clock())

    @contextmanager
    def tx(self) -> Iterator[None]:
        with self.db.conn:
            yield

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params)
        cols = [d[0] for d in cursor.description]
        return [dict(zip(cols, row, strict=True)) for row in cursor.fetchall()]

    # ------------------------------------------------------------ prefs

    def get_pref(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM prefs WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_pref(self, key: str, value: str) -> None:
        with self.tx():
            self.db.execute(
                "INSERT INTO prefs(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    # ------------------------------------------------------------ candidates

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

    # ------------------------------------------------------------ sessions

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

    def _status(self, session_id: str) -> str:
        row = self.db.execute("SELECT status FROM sessions WHERE id = ?", [session_id]).fetchone()
        if not row:
            raise NotFound(f"no session with id {session_id}")
        return str(row[0])

    def _ensure_open(self, session_id: str) -> None:
        if self._status(session_id) == Status.SUBMITTED:
            raise Locked("this scorecard is submitted; amend it to change it")

    def _touch(self, session_id: str, now: str) -> None:
        self.db.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", [now, session_id])

    def _event(
        self, session_id: str | None, actor: str, kind: str, detail: Mapping[str, Any]
    ) -> None:
        self.db.execute(
            "INSERT INTO events(id, session_id, at, actor, kind, detail) VALUES (?,?,?,?,?,?)",
            [new_id(), session_id, self.now(), actor, kind, json.dumps(detail, sort_keys=True)],
        )

    def log_event(
        self, session_id: str | None, kind: str, detail: Mapping[str, Any], actor: str = ""
    ) -> None:
        with self.tx():
            self._event(session_id, actor, kind, detail)

    def events(self, session_id: str) -> list[dict[str, Any]]:
        rows = self._rows(
            "SELECT at, actor, kind, detail FROM events WHERE session_id = ? ORDER BY at, rowid",
            [session_id],
        )
        for r in rows:
            r["detail"] = json.loads(r["detail"])
        return rows

    # ------------------------------------------------------------ live writes

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

    # ------------------------------------------------------------ llm usage

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

    # ------------------------------------------------------------ session summary

    def summary_note(self, session_id: str) -> SummaryNote | None:
        rows = self._rows(
            "SELECT id, session_id, text, ai_drafted, edited, model, created_at, updated_at "
            "FROM session_summaries WHERE session_id = ?",
            [session_id],
        )
        if not rows:
            return None
        row = rows[0]
        row["ai_drafted"], row["edited"] = bool(row["ai_drafted"]), bool(row["edited"])
        return SummaryNote(**row)

    def save_summary_note(
        self,
        session_id: str,
        text: str,
        *,
        ai_drafted: bool,
        edited: bool,
        model: str = "",
        actor: str = "",
    ) -> SummaryNote:
        """Create or replace the session's summary. Allowed after submission too: it is
        an annotation and leaves the scorecard, its revision and its status alone."""
        if not text.strip():
            raise ValueError("write a summary before saving it")
        self._status(session_id)  # NotFound for an unknown session
        now = self.now()
        with self.tx():
            self.db.execute(
                """INSERT INTO session_summaries(id, session_id, text, ai_drafted, edited, model,
                   created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)
                   ON CONFLICT(session_id) DO UPDATE SET text = excluded.text,
                   ai_drafted = excluded.ai_drafted, edited = excluded.edited,
                   model = excluded.model, updated_at = excluded.updated_at""",
                [new_id(), session_id, text, int(ai_drafted), int(edited), model, now, now],
            )
            self._event(
                session_id,
                actor,
                "summary_saved",
                {"ai_drafted": ai_drafted, "edited": edited, "model": model},
            )
        note = self.summary_note(session_id)
        assert note is not None
        return note
