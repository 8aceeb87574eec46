"""A submitted scorecard changes only by amendment: through every service that writes a
scorecard, and through plain SQL, where the database's own triggers refuse the change."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from interview.services.live import LiveSession
from interview.storage.db import open_db
from interview.storage.repository import Locked, Repository
from tests.report_support import demo_db


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("guards") / "demo.db"
    demo_db(path).conn.close()
    return path


@pytest.fixture
def db_path(tmp_path: Path, template: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copyfile(template, path)
    return path


def submitted(path: Path) -> tuple[str, str]:
    conn = sqlite3.connect(path)
    sid, area = conn.execute(
        "SELECT s.id, a.area_id FROM sessions s JOIN area_scores a ON a.session_id = s.id "
        "AND a.question_id = '' WHERE s.status = 'submitted' AND s.mode = 'interview' "
        "AND s.revision = 0 LIMIT 1"
    ).fetchone()
    conn.close()
    return sid, area


def card(path: Path, sid: str) -> tuple[object, ...]:
    conn = sqlite3.connect(path)
    row = conn.execute(
        "SELECT justification, weighted_score, recommendation, status, revision, "
        "(SELECT group_concat(area_id || score) FROM area_scores WHERE session_id = s.id "
        "AND question_id = '') FROM sessions s WHERE id = ?",
        [sid],
    ).fetchone()
    conn.close()
    return tuple(row)


def test_every_service_refuses_to_edit_a_submitted_scorecard(db_path: Path) -> None:
    sid, area = submitted(db_path)
    before = card(db_path, sid)
    repo = Repository(open_db(db_path))
    live = LiveSession(repo, sid)
    attempts = [
        lambda: live.set_score(area, 1),
        lambda: live.set_justification("rewritten"),
        lambda: live.submit("submitted twice"),
        lambda: repo.set_area_score(sid, area, 1),
        lambda: repo.set_justification(sid, "rewritten"),
        lambda: repo.submit(sid, justification="x", weighted_score=1.0, recommendation="no"),
    ]
    for attempt in attempts:
        with pytest.raises(Locked):
            attempt()
    repo.db.close()
    assert card(db_path, sid) == before


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE sessions SET justification = 'rewritten' WHERE id = :sid",
        "UPDATE sessions SET weighted_score = -1 WHERE id = :sid",
        "UPDATE sessions SET recommendation = 'changed' WHERE id = :sid",
        "UPDATE sessions SET recommendation = 'changed', revision = revision WHERE id = :sid",
        "UPDATE sessions SET status = 'in_progress' WHERE id = :sid",
        "UPDATE area_scores SET score = 1 WHERE session_id = :sid AND question_id = ''",
        "UPDATE events SET detail = '{}' WHERE session_id = :sid",
        "DELETE FROM events WHERE session_id = :sid",
    ],
)
def test_plain_sql_cannot_edit_a_submitted_scorecard(db_path: Path, sql: str) -> None:
    sid, _ = submitted(db_path)
    before = card(db_path, sid)
    conn = sqlite3.connect(db_path)
    with (
        pytest.raises(sqlite3.IntegrityError, match=r"amend it|reopened|append-only"),
        conn,
    ):
        conn.execute(sql, {"sid": sid})
    conn.close()
    assert card(db_path, sid) == before


def test_an_amendment_changes_it_and_is_in_the_trail(db_path: Path) -> None:
    sid, area = submitted(db_path)
    repo = Repository(open_db(db_path))
    live = LiveSession(repo, sid, actor="Lead")
    live.amend("Re-read the notes: the design answer was weaker", {area: 1}, "Revised.")
    repo.db.close()
    justification, _, _, status, revision, scores = card(db_path, sid)
    assert (justification, status, revision) == ("Revised.", "submitted", 1)
    assert f"{area}1" in str(scores)
    conn = sqlite3.connect(db_path)
    (actor, reason) = conn.execute(
        "SELECT actor, reason FROM amendments WHERE session_id = ?", [sid]
    ).fetchone()
    conn.close()
    assert (actor, reason) == ("Lead", "Re-read the notes: the design answer was weaker")


def test_open_sessions_stay_editable(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    sid = conn.execute("SELECT id FROM sessions WHERE status = 'in_progress' LIMIT 1").fetchone()[0]
    with conn:
        conn.execute("UPDATE sessions SET justification = 'draft' WHERE id = ?", [sid])
        conn.execute("UPDATE area_scores SET score = 2 WHERE session_id = ?", [sid])
    conn.close()
