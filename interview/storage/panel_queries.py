"""SQL for the hiring panel: comparison, ranking, calibration.

Every function runs a fixed number of queries, however many candidates, sessions or
interviewers the database holds; the services aggregate in Python. Practice sessions
are never read here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from interview.storage.db import Database

INTERVIEW = "mode = 'interview'"
# 1 for a session of demo data (`interview demo` logs a ``sample_data`` event on it): one
# probe of the events' (kind, session_id) index per session, nothing read from the log.
SAMPLE = "EXISTS (SELECT 1 FROM events e WHERE e.kind = 'sample_data' AND e.session_id = s.id)"


def _rows(db: Database, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, list(params))
    cols = [d[0] for d in cursor.description]
    return [dict(zip(cols, row, strict=True)) for row in cursor.fetchall()]


def _in(values: Sequence[str]) -> str:
    return ",".join("?" * len(values))


def find_candidates(db: Database, query: str) -> list[dict[str, Any]]:
    """Candidates with interview sessions whose id, code or name matches, best match first."""
    q = query.strip()
    like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return _rows(
        db,
        """
        SELECT c.id, c.name, c.code,
               CASE WHEN c.id = ?1 OR fold(c.code) = fold(?1) OR fold(c.name) = fold(?1)
                    THEN 0 WHEN c.id LIKE ?2 THEN 1 ELSE 2 END AS rank
        FROM candidates c
        WHERE (c.id = ?1 OR c.id LIKE ?2 OR fold(c.code) LIKE fold(?3) ESCAPE '\\'
               OR fold(c.name) LIKE fold(?3) ESCAPE '\\')
          AND EXISTS (SELECT 1 FROM sessions s WHERE s.candidate_id = c.id AND s.mode = 'interview')
        ORDER BY rank, c.name, c.code
        LIMIT 20""",
        [q, q + "%", like],
    )


def candidate_sessions(db: Database, candidate_id: str) -> list[dict[str, Any]]:
    return _rows(
        db,
        f"""SELECT id, interviewer, role, level, plan_id, plan_title, rubric_id, content_hash,
                  status, started_at, submitted_at, justification, weighted_score,
                  recommendation, revision
           FROM sessions WHERE candidate_id = ? AND {INTERVIEW}
           ORDER BY coalesce(submitted_at, started_at), id""",
        [candidate_id],
    )


def session_area_scores(db: Database, session_ids: Sequence[str]) -> list[dict[str, Any]]:
    if not session_ids:
        return []
    return _rows(
        db,
        f"""SELECT session_id, area_id, score FROM area_scores
           WHERE question_id = '' AND score IS NOT NULL AND session_id IN ({_in(session_ids)})""",
        session_ids,
    )


def session_answers(db: Database, session_ids: Sequence[str]) -> list[dict[str, Any]]:
    if not session_ids:
        return []
    return _rows(
        db,
        f"SELECT session_id, question_id, notes FROM answers WHERE session_id IN "
        f"({_in(session_ids)})",
        session_ids,
    )


def session_observations(db: Database, session_ids: Sequence[str]) -> list[dict[str, Any]]:
    if not session_ids:
        return []
    return _rows(
        db,
        f"""SELECT session_id, question_id, signal_id FROM signal_observations
           WHERE observed = 1 AND source = 'interviewer' AND session_id IN ({_in(session_ids)})""",
        session_ids,
    )


def snapshots(db: Database, hashes: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = sorted(set(hashes))
    if not wanted:
        return {}
    rows = db.execute(
        f"SELECT hash, snapshot FROM content_snapshots WHERE hash IN ({_in(wanted)})", wanted
    ).fetchall()
    return {h: json.loads(s) for h, s in rows}


def role_filter(role: str, alias: str = "") -> tuple[str, list[Any]]:
    """`--role` as people mean it: the role typed in the form, the level, or the plan
    ("senior" finds a senior candidate whose role is the form's default "Backend engineer")."""
    like = "%" + role.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    cols = ("role", "level", "plan_id", "plan_title")
    clause = " OR ".join(f"{alias}{c} LIKE ? ESCAPE '\\'" for c in cols)
    return f"({clause})", [like] * len(cols)


def scorecard_scores(db: Database, role: str = "") -> list[dict[str, Any]]:
    """Every submitted interview scorecard with its area scores: one row per (scorecard, area).

    A scorecard with no area scored still gives one row, with ``area_id`` NULL.
    """
    where = f"s.{INTERVIEW} AND s.status = 'submitted'"
    params: list[Any] = []
    if role:
        clause, role_params = role_filter(role, "s.")
        where += f" AND {clause}"
        params += role_params
    return _rows(
        db,
        f"""SELECT s.id AS session_id, s.candidate_id, c.name, c.code, s.interviewer, s.role,
                  s.recommendation, s.weighted_score, s.content_hash, s.submitted_at,
                  a.area_id, a.score
           FROM sessions s
           JOIN candidates c ON c.id = s.candidate_id
           LEFT JOIN area_scores a
             ON a.session_id = s.id AND a.question_id = '' AND a.score IS NOT NULL
           WHERE {where}
           ORDER BY s.submitted_at, s.id""",
        params,
    )


def rubrics(db: Database, role: str = "") -> dict[str, dict[str, Any]]:
    """The rubric part of every snapshot used by submitted interview scorecards (each
    snapshot needs one such scorecard: the first found, not a pass over all of them)."""
    where = f"s.{INTERVIEW} AND s.status = 'submitted'"
    params: list[Any] = []
    if role:
        clause, role_params = role_filter(role, "s.")
        where += f" AND {clause}"
        params += role_params
    rows = db.execute(
        f"""SELECT c.hash, json_extract(c.snapshot, '$.rubric') FROM content_snapshots c
           WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.content_hash = c.hash AND {where})""",
        params,
    ).fetchall()
    return {h: json.loads(r) for h, r in rows}


def calibration_attempts(db: Database, interviewer: str = "") -> list[dict[str, Any]]:
    sql = (
        "SELECT id, interviewer, question_id, sample_level, area_id, score, agreed, at "
        "FROM calibration_attempts"
    )
    params: list[Any] = []
    if interviewer:
        sql += " WHERE interviewer = ?"
        params.append(interviewer)
    return _rows(db, sql + " ORDER BY at, question_id, area_id", params)


def insert_calibration_attempts(db: Database, rows: Sequence[Sequence[Any]]) -> None:
    """(id, interviewer, question_id, sample_level, area_id, score, agreed, at), one transaction."""
    with db.conn:
        db.conn.executemany(
            """INSERT INTO calibration_attempts(id, interviewer, question_id, sample_level,
               area_id, score, agreed, at) VALUES (?,?,?,?,?,?,?,?)""",
            rows,
        )


def ranking_sessions(db: Database, role: str = "") -> list[tuple[Any, ...]]:
    """(candidate_id, name, code, interviewer, role, recommendation, content_hash, sample)
    of every submitted interview scorecard, oldest first: the ranking's per-session facts."""
    where = f"s.{INTERVIEW} AND s.status = 'submitted'"
    params: list[Any] = []
    if role:
        clause, role_params = role_filter(role, "s.")
        where += f" AND {clause}"
        params += role_params
    return db.execute(
        f"""SELECT s.candidate_id, c.name, c.code, s.interviewer, s.role, s.recommendation,
                  s.content_hash, {SAMPLE} AS sample
           FROM sessions s JOIN candidates c ON c.id = s.candidate_id
           WHERE {where} ORDER BY s.submitted_at, s.id""",
        params,
    ).fetchall()


def ranking_area_stats(db: Database, role: str = "") -> Iterator[tuple[Any, ...]]:
    """(candidate_id, area_id, mean, max - min, raters) over submitted scorecards, computed
    by SQLite: the ranking needs the aggregate, not every score. Rows come as they are
    read (thousands: read once, never all held at a time)."""
    where = f"s.{INTERVIEW} AND s.status = 'submitted'"
    params: list[Any] = []
    if role:
        clause, role_params = role_filter(role, "s.")
        where += f" AND {clause}"
        params += role_params
    return db.execute(
        f"""SELECT s.candidate_id, a.area_id, avg(a.score), max(a.score) - min(a.score),
                  count(*)
           FROM sessions s
           JOIN area_scores a
             ON a.session_id = s.id AND a.question_id = '' AND a.score IS NOT NULL
           WHERE {where}
           GROUP BY s.candidate_id, a.area_id""",
        params,
    )


# Every submitted interview score of a scorecard (not per question): what calibration reads.
_SCORED = f"""SELECT s.candidate_id, s.interviewer, a.area_id, a.score
    FROM sessions s
    JOIN area_scores a ON a.session_id = s.id AND a.question_id = '' AND a.score IS NOT NULL
    WHERE s.{INTERVIEW} AND s.status = 'submitted'"""


def calibration_offsets(db: Database) -> list[tuple[Any, ...]]:
    """(interviewer, area_id, mean offset, ratings): each score minus the mean of the other
    interviewers' scores for the same candidate and area, averaged by SQLite over every
    candidate and area scored by two or more."""
    return db.execute(
        f"""WITH scored AS ({_SCORED}),
           units AS (SELECT candidate_id, area_id, sum(score) AS total, count(*) AS n
                     FROM scored GROUP BY candidate_id, area_id HAVING count(*) > 1)
           SELECT x.interviewer, x.area_id,
                  avg(x.score - (u.total - x.score) * 1.0 / (u.n - 1)), count(*)
           FROM scored x JOIN units u ON u.candidate_id = x.candidate_id
                                     AND u.area_id = x.area_id
           GROUP BY x.interviewer, x.area_id"""
    ).fetchall()


def calibration_value_counts(db: Database) -> Iterator[tuple[Any, ...]]:
    """(candidate_id, area_id, score, how many interviewers gave it): the agreement per
    area (Krippendorff's alpha) and the panel's mean per candidate and area need no more.
    Rows come as they are read (tens of thousands: read once, never all held at a time)."""
    return db.execute(
        f"""WITH scored AS ({_SCORED})
           SELECT candidate_id, area_id, score, count(*) FROM scored
           GROUP BY candidate_id, area_id, score"""
    )


def calibration_sessions(db: Database) -> list[tuple[Any, ...]]:
    """(candidate_id, interviewer, recommendation, content_hash, sample) of every submitted
    interview scorecard, oldest first."""
    return db.execute(
        f"""SELECT s.candidate_id, s.interviewer, s.recommendation, s.content_hash,
                  {SAMPLE} AS sample
           FROM sessions s
           WHERE s.{INTERVIEW} AND s.status = 'submitted' ORDER BY s.submitted_at, s.id"""
    ).fetchall()
