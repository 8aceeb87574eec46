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


def sessions(db: Database, f: StatsFilter) -> list[tuple[str, str, str, float | None, str]]:
    """(id, plan_id, content_hash, weighted_score, started_at) of every analysed session."""
    where, params = f.where()
    return list(
        _tuples(
            db,
            f"SELECT s.id, s.plan_id, s.content_hash, s.weighted_score, s.started_at "
            f"FROM sessions s WHERE {where}",
            params,
        )
    )


def answers(db: Database, f: StatsFilter) -> list[tuple[str, str, float]]:
    """(session_id, question_id, elapsed_seconds) of the analysed sessions."""
    where, params = f.where()
    return list(
        _tuples(
            db,
            f"SELECT a.session_id, a.question_id, a.elapsed_seconds FROM answers a "
            f"JOIN sessions s ON s.id = a.session_id WHERE {where}",
            params,
        )
    )


def ticks(db: Database, f: StatsFilter) -> list[tuple[str, str, str]]:
    """(session_id, question_id, signal_id) of every signal the interviewer ticked."""
    where, params = f.where()
    return list(
        _tuples(
            db,
            f"SELECT o.session_id, o.question_id, o.signal_id FROM signal_observations o "
            f"JOIN sessions s ON s.id = o.session_id "
            f"WHERE o.observed = 1 AND o.source = 'interviewer' AND {where}",
            params,
        )
    )


def probes_asked(db: Database, f: StatsFilter) -> list[tuple[str, str, str]]:
    """(session_id, question_id, follow_up_id) of every bank probe marked as asked."""
    where, params = f.where()
    return list(
        _tuples(
            db,
            f"SELECT DISTINCT p.session_id, p.question_id, p.follow_up_id FROM followups p "
            f"JOIN sessions s ON s.id = p.session_id "
            f"WHERE p.asked = 1 AND p.follow_up_id != '' AND {where}",
            params,
        )
    )


def area_scores(db: Database, f: StatsFilter) -> list[tuple[str, str, int]]:
    """(session_id, area_id, score) of the final area scores."""
    where, params = f.where()
    return list(
        _tuples(
            db,
            f"SELECT a.session_id, a.area_id, a.score FROM area_scores a "
            f"JOIN sessions s ON s.id = a.session_id "
            f"WHERE a.question_id = '' AND a.score IS NOT NULL AND {where}",
            params,
        )
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
