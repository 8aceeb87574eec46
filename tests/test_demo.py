"""`interview demo`: realistic, deterministic sample data that never mixes with real data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from interview.services.demo import DemoError, real_session_count, write_demo
from interview.services.demo_data import INTERVIEWERS, INTERVIEWS
from interview.storage.db import open_db
from interview.storage.repository import Repository
from tests.report_support import bundled_content, frozen_content

TABLES = ("candidates", "content_snapshots", "sessions", "answers", "signal_observations",
          "followups", "area_scores", "events", "amendments", "llm_usage")  # fmt: skip


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}
    finally:
        conn.close()


def test_two_runs_write_identical_databases(tmp_path: Path) -> None:
    assert run("demo", "--db", tmp_path / "a.db").exit_code == 0
    assert run("demo", "--db", tmp_path / "b.db").exit_code == 0
    first, second = dump(tmp_path / "a.db"), dump(tmp_path / "b.db")
    assert first == second
    assert len(first["sessions"]) == len(INTERVIEWS) + 1


def test_sample_covers_what_reports_and_panels_need(tmp_path: Path) -> None:
    run("demo", "--db", tmp_path / "a.db")
    conn = sqlite3.connect(tmp_path / "a.db")
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    assert one("SELECT count(DISTINCT interviewer) FROM sessions WHERE mode='interview'") == 4
    assert one("SELECT count(*) FROM candidates WHERE code != ''") == 5
    assert one("SELECT count(*) FROM sessions WHERE status='in_progress'") == 1
    assert one("SELECT count(*) FROM sessions WHERE mode='practice'") == 1
    assert one("SELECT count(*) FROM area_scores WHERE question_id != ''") >= 3
    assert one("SELECT count(*) FROM amendments") == 1
    sources = {r[0] for r in conn.execute("SELECT DISTINCT source FROM followups")}
    assert sources == {"bank", "offline", "llm"}
    assert one("SELECT count(*) FROM signal_observations WHERE kind='junior'") > 0
    # Several interviewers scored the same candidates: what a panel compares.
    assert one("SELECT max(n) FROM (SELECT count(*) n FROM sessions GROUP BY candidate_id)") == 3
    assert one("SELECT count(*) FROM sessions WHERE status='submitted' AND justification=''"
               " AND mode='interview'") == 0  # fmt: skip
    conn.close()


def test_rerun_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    run("demo", "--db", path)
    before = dump(path)
    result = run("demo", "--db", path)
    assert result.exit_code == 0 and "already holds the sample data" in result.stdout
    assert dump(path) == before


def test_refuses_a_database_with_real_sessions(tmp_path: Path) -> None:
    path = tmp_path / "real.db"
    db = open_db(path)
    repo = Repository(db)
    content = frozen_content()
    cid = repo.find_or_create_candidate("Real Person")
    repo.create_session(candidate_id=cid, interviewer="Me", role="", level="",
                        plan=content.plans["senior-backend-60"], content=content)  # fmt: skip
    db.conn.close()
    before = dump(path)
    result = run("demo", "--db", path)
    assert result.exit_code == 1
    assert "holds 1 real session(s)" in result.stderr
    assert dump(path) == before


def test_refuses_when_the_bank_lacks_what_the_samples_use() -> None:
    db = open_db(None)
    with pytest.raises(DemoError, match="plan 'mid-backend-45' is missing"):
        write_demo(db, frozen_content())
    assert (
        real_session_count(db) == 0
        and db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    )


def test_per_interviewer_databases_share_ids_and_candidate_codes(tmp_path: Path) -> None:
    combined, folder = tmp_path / "all.db", tmp_path / "panel"
    result = run("demo", "--db", combined, "--per-interviewer", folder)
    assert result.exit_code == 0, result.output
    files = sorted(folder.iterdir())
    assert [f.name for f in files] == sorted(
        f"{n.lower().replace(' ', '-')}.db" for n in INTERVIEWERS
    )
    everything = dump(combined)
    seen: set[str] = set()
    for f in files:
        part = dump(f)
        interviewers = {row[2] for row in part["sessions"]}
        assert len(interviewers) == 1
        # Same rows as in the combined database: ids match, so a merge deduplicates.
        assert set(part["sessions"]) <= set(everything["sessions"])
        assert set(part["events"]) <= set(everything["events"])
        seen |= {row[0] for row in part["sessions"]}
    assert len(seen) == len(INTERVIEWS)
    conn = sqlite3.connect(files[0])
    codes = {r[0] for r in conn.execute("SELECT code FROM candidates")}
    conn.close()
    assert codes <= {s.code for s in INTERVIEWS}


def test_per_interviewer_alone_leaves_the_default_database_alone(
    tmp_path: Path, isolated_home: Path
) -> None:
    result = run("demo", "--per-interviewer", tmp_path / "panel")
    assert result.exit_code == 0
    assert not any(isolated_home.rglob("*.db"))


def test_default_database_is_filled_when_new(isolated_home: Path) -> None:
    result = run("demo")
    assert result.exit_code == 0
    assert real_session_count(open_db(next(isolated_home.rglob("interview.db")))) == 0


def test_sample_sessions_are_labelled_in_reports() -> None:
    from interview.reports.build import load_reports

    db = open_db(None)
    write_demo(db, bundled_content())
    ids = [r[0] for r in db.execute("SELECT id FROM sessions")]
    assert all(r.sample for r in load_reports(db, ids))
