"""`interview sessions`: what is in a database, as a table or as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from interview.services.demo_data import INTERVIEWS
from interview.storage.db import open_db
from tests.report_support import demo_db


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    demo_db(path).conn.close()
    return path


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_table_lists_every_session_newest_first(demo_file: Path) -> None:
    result = run("sessions", "--db", demo_file)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "Candidate", "Role", "Interviewer", "Date", "Status", "Score"]
    assert len(lines) == 1 + len(INTERVIEWS) + 1  # header, interviews, the practice attempt
    assert "Priya Raman (C-2045)" in lines[1] and "in progress" in lines[1]
    assert "practice" in lines[-1]
    hannah = next(line for line in lines if "Dmitri" in line and "Hannah" in line)
    assert "submitted (rev 1)" in hannah and "61.7 Yes" in hannah
    assert "12 session(s)" in result.stderr


def test_listed_id_works_with_report(demo_file: Path) -> None:
    first = run("sessions", "--db", demo_file).stdout.splitlines()[1].split()[0]
    assert run("report", first, "--db", demo_file).exit_code == 0


def test_json_has_full_ids_and_scores(demo_file: Path) -> None:
    data = json.loads(run("sessions", "--db", demo_file, "--json").stdout)
    assert len(data) == 12
    assert {"id", "candidate", "candidate_code", "interviewer", "status", "weighted_score"} <= set(
        data[0]
    )
    assert all(len(d["id"]) == 36 for d in data)
    tom = [d for d in data if d["candidate_code"] == "C-2044"]
    assert {d["recommendation"] for d in tom} == {"strong_no"}


def test_candidate_filter(demo_file: Path) -> None:
    data = json.loads(run("sessions", "-c", "C-2041", "--db", demo_file, "--json").stdout)
    assert {d["candidate"] for d in data} == {"Amara Okafor"} and len(data) == 3


def test_empty_database_suggests_the_demo(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    open_db(path).conn.close()
    result = run("sessions", "--db", path)
    assert result.exit_code == 0 and result.stdout == ""
    assert "no sessions" in result.stderr and "interview demo" in result.stderr
    assert json.loads(run("sessions", "--db", path, "--json").stdout) == []


def test_missing_database_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    result = run("sessions", "--db", tmp_path / "nope.db")
    assert result.exit_code == 1 and "no such database" in result.stderr
    assert not (tmp_path / "nope.db").exists()


def test_control_characters_in_names_cannot_break_the_table(tmp_path: Path) -> None:
    from interview.storage.repository import Repository
    from tests.report_support import frozen_content

    path = tmp_path / "x.db"
    db = open_db(path)
    repo = Repository(db)
    content = frozen_content()
    cid = repo.find_or_create_candidate("Eve\x1b[2J\nMallory", "")
    repo.create_session(candidate_id=cid, interviewer="A\rB", role="", level="",
                        plan=content.plans["senior-backend-60"], content=content)  # fmt: skip
    db.conn.close()
    out = run("sessions", "--db", path).stdout
    assert "\x1b" not in out and "\r" not in out
    assert len(out.splitlines()) == 2
