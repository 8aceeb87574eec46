"""SQL for the item analysis of the bank (``interview bank stats``).

A fixed number of statements however many sessions the database holds: every query
selects its sessions with the same filter in a subquery instead of a list of ids, and the
service aggregates in Python. Only submitted interview scorecards are analysed; practice
attempts are only counted, as exposure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interview.storage.db import Database


@dataclass(frozen=True)
class StatsFilter:
    plan_id: str = ""
    since: str = ""  # ISO date: sessions started on or after it

    def where(self, alias: str = "s") -> tuple[str, list[Any]]:
        sql = f"{alias}.mode = 'interview' AND {alias}.status = 'submitted'"
        params: list[Any] = []
        if self.plan_id:
            sql += f" AND {alias}.plan_id = ?"
            params.append(self.plan_id)
        if self.since:
            sql += f" AND {alias}.started_at >= ?"
            params.append(self.since)
        return sql, params


def _tuples(db: Database, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    return db.execute(sql, params).fetchall()


def _of_sessions(
    db: Database, f: StatsFilter, columns: str, table: str = "", condition: str = ""
) -> list[tuple[Any, ...]]:
    """``columns`` of ``table`` (alias t) joined to the analysed sessions (alias s)."""
    where, params = f.where()
    source = f"{table} t JOIN sessions s ON s.id = t.session_id" if table else "sessions s"
    extra = f"{condition} AND " if condition else ""
    return _tuples(db, f"SELECT {columns} FROM {source} WHERE {extra}{where}", params)


def sessions(db: Database, f: StatsFilter) -> list[tuple[Any, ...]]:
    """(id, plan_id, content_hash, weighted_score, started_at) of every analysed session."""
    return _of_sessions(db, f, "s.id, s.plan_id, s.content_hash, s.weighted_score, s.started_at")


def answers(db: Database, f: StatsFilter) -> list[tuple[Any, ...]]:
    """(session_id, question_id, elapsed_seconds) of the analysed sessions."""
    return _of_sessions(db, f, "t.session_id, t.question_id, t.elapsed_seconds", "answers")


def ticks(db: Database, f: StatsFilter) -> list[tuple[Any, ...]]:
    """(session_id, question_id, signal_id) of every signal the interviewer ticked."""
    return _of_sessions(
        db,
        f,
        "t.session_id, t.question_id, t.signal_id",
        "signal_observations",
        "t.observed = 1 AND t.source = 'interviewer'",
    )


def probes_asked(db: Database, f: StatsFilter) -> list[tuple[Any, ...]]:
    """(session_id, question_id, follow_up_id) of every bank probe marked as asked."""
    return _of_sessions(
        db,
        f,
        "DISTINCT t.session_id, t.question_id, t.follow_up_id",
        "followups",
        "t.asked = 1 AND t.follow_up_id != ''",
    )


def area_scores(db: Database, f: StatsFilter) -> list[tuple[Any, ...]]:
    """(session_id, area_id, score) of the final area scores."""
    return _of_sessions(
        db,
        f,
        "t.session_id, t.area_id, t.score",
        "area_scores",
        "t.question_id = '' AND t.score IS NOT NULL",
    )


def practice_exposure(db: Database, recent_since: str) -> list[tuple[str, int, int]]:
    """(question_id, times practised, times practised since ``recent_since``)."""
    return list(
        _tuples(
            db,
            "SELECT a.question_id, count(*), coalesce(sum(s.started_at >= ?), 0) "
            "FROM answers a JOIN sessions s ON s.id = a.session_id "
            "WHERE s.mode = 'practice' GROUP BY a.question_id",
            [recent_since],
        )
    )


def snapshots(db: Database, f: StatsFilter) -> list[tuple[str, str]]:
    """(hash, snapshot JSON) of the content the analysed sessions used."""
    where, params = f.where()
    return list(
        _tuples(
            db,
            f"SELECT hash, snapshot FROM content_snapshots WHERE hash IN "
            f"(SELECT DISTINCT s.content_hash FROM sessions s WHERE {where})",
            params,
        )
    )


def plans_used(db: Database) -> list[str]:
    """The plan ids of every session in the database (live or practice), sorted."""
    rows = _tuples(db, "SELECT DISTINCT plan_id FROM sessions WHERE plan_id != ''", [])
    return sorted(str(r[0]) for r in rows if r[0])
