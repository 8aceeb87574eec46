"""Hub rows back into an interview database: written in bulk, whole or not at all."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from interview.services.demo import write_per_interviewer
from interview.services.hub_payload import PayloadError, scorecard_rows, write_payloads
from interview.storage.db import open_db
from tests.report_support import bundled_content

TABLES = ("candidates", "sessions", "answers", "signal_observations", "followups",
          "area_scores", "amendments", "events", "session_summaries")  # fmt: skip


@pytest.fixture(scope="module")
def hannah(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("per")
    write_per_interviewer(folder, bundled_content())
    return folder / "hannah-schmidt.db"


def payloads(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r.payload for r in scorecard_rows(conn)]
    finally:
        conn.close()


def dump(conn: sqlite3.Connection, table: str, sessions: list[str]) -> list[tuple[object, ...]]:
    key = "id" if table == "sessions" else "session_id"
    marks = ",".join("?" * len(sessions))
    if table == "candidates":
        sql = (
            "SELECT * FROM candidates WHERE id IN "
            f"(SELECT candidate_id FROM sessions WHERE id IN ({marks}))"
        )
    else:
        sql = f"SELECT * FROM {table} WHERE {key} IN ({marks})"
    return sorted(conn.execute(sql + " ORDER BY 1", sessions).fetchall(), key=repr)


def test_every_scorecard_row_comes_back_as_it_was(hannah: Path, tmp_path: Path) -> None:
    rows = payloads(hannah)
    db = open_db(tmp_path / "scratch.db")
    with db.conn:
        written = write_payloads(db.conn, rows)
    src = sqlite3.connect(hannah)
    submitted = [
        r[0] for r in src.execute(
            "SELECT id FROM sessions WHERE mode = 'interview' AND status = 'submitted'"
        )
    ]  # fmt: skip
    assert written == len(submitted) > 0
    for table in TABLES:
        assert dump(db.conn, table, submitted) == dump(src, table, submitted), table
    src.close()
    db.conn.close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda body: "{not json",
        lambda body: json.dumps({**body, "version": 99}),
        lambda body: json.dumps({**body, "answers": "not a list"}),
        lambda body: json.dumps({k: v for k, v in body.items() if k != "candidate"}),
        lambda body: json.dumps({**body, "area_scores": [{"id": "x", "score": {"a": 1}}]}),
    ],
)
def test_a_damaged_row_writes_nothing(hannah: Path, tmp_path: Path, damage: object) -> None:
    rows = payloads(hannah)
    last = json.loads(rows[-1])
    rows[-1] = damage(last)  # type: ignore[operator]
    db = open_db(tmp_path / "scratch.db")
    with pytest.raises(PayloadError, match="not a readable scorecard"), db.conn:
        write_payloads(db.conn, rows)
    assert db.conn.execute("SELECT count(*) FROM sessions").fetchone() == (0,)
    assert db.conn.execute("SELECT count(*) FROM content_snapshots").fetchone() == (0,)
    db.conn.close()
