"""`interview report`: formats, file names, overwriting, ids, candidates and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from interview.services.demo_data import AMARA_HANNAH, AMARA_KENJI, AMARA_ROSA, DMITRI_HANNAH
from interview.storage.db import open_db
from interview.storage.repository import Repository
from tests.report_support import demo_db, sample_session


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    demo_db(path).conn.close()
    return path


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def session_id(path: Path, key: str) -> str:
    db = open_db(path)
    try:
        return sample_session(db, key)
    finally:
        db.conn.close()


def test_markdown_to_stdout_by_session_id_prefix(demo_file: Path) -> None:
    sid = session_id(demo_file, DMITRI_HANNAH.key)
    result = run("report", sid[:8], "--db", demo_file)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Candidate report: Dmitri Volkov (C-2042)")
    assert "## Amendments" in result.stdout


def test_db_given_before_the_subcommand_works_too(demo_file: Path) -> None:
    sid = session_id(demo_file, DMITRI_HANNAH.key)
    result = run("--db", demo_file, "report", sid, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["session"]["id"] == sid


def test_terminal_gets_the_formatted_report(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("interview.commands.report.stdout_is_terminal", lambda: True)
    result = run("report", session_id(demo_file, DMITRI_HANNAH.key), "--db", demo_file)
    assert result.exit_code == 0
    assert "Candidate report: Dmitri Volkov" in result.stdout and "╭" in result.stdout


@pytest.mark.parametrize("ext, head", [("md", "# Candidate"), ("html", "<!DOCTYPE html>"),
                                       ("json", "{"), ("csv", "session_id,")])  # fmt: skip
def test_format_follows_the_extension(demo_file: Path, tmp_path: Path, ext: str, head: str) -> None:
    out = tmp_path / f"r.{ext}"
    result = run("report", "--candidate", "C-2042", "-o", out, "--db", demo_file)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(head)
    assert f"wrote {out}" in result.stderr


def test_never_overwrites_without_force(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    out.write_text("keep me")
    result = run("report", "--candidate", "C-2042", "-o", out, "--db", demo_file)
    assert result.exit_code == 1
    assert "already exists; use --force" in result.stderr
    assert out.read_text() == "keep me"
    result = run("report", "--candidate", "C-2042", "-o", out, "--force", "--db", demo_file)
    assert result.exit_code == 0 and out.read_text().startswith("# Candidate report")


def test_unknown_extension_needs_a_format(demo_file: Path, tmp_path: Path) -> None:
    result = run("report", "--candidate", "C-2042", "-o", tmp_path / "r.txt", "--db", demo_file)
    assert result.exit_code == 1 and "--format" in result.stderr
    result = run("report", "--candidate", "C-2042", "-o", tmp_path / "r.txt", "-f", "md",
                 "--db", demo_file)  # fmt: skip
    assert result.exit_code == 0


def test_folder_output_gets_a_safe_name_from_the_candidate(tmp_path: Path) -> None:
    db_path = tmp_path / "x.db"
    db = open_db(db_path)
    repo = Repository(db)
    from tests.report_support import frozen_content

    content = frozen_content()
    cid = repo.find_or_create_candidate("../../etc/passwd <Zoë> \x1b[31m", "")
    repo.create_session(candidate_id=cid, interviewer="A", role="", level="",
                        plan=content.plans["senior-backend-60"], content=content)  # fmt: skip
    db.conn.close()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = run("report", "passwd", "-o", out_dir, "-f", "html", "--db", db_path)
    assert result.exit_code == 0, result.output
    [written] = list(out_dir.iterdir())
    assert written.parent == out_dir
    assert written.name.startswith("etc-passwd-zoe-") and written.suffix == ".html"


def test_candidate_with_several_sessions_gets_the_latest_and_a_note(demo_file: Path) -> None:
    result = run("report", "--candidate", "Amara Okafor", "-f", "json", "--db", demo_file)
    assert result.exit_code == 0
    latest = max((AMARA_HANNAH, AMARA_KENJI, AMARA_ROSA), key=lambda s: s.start)
    assert json.loads(result.stdout)["interviewer"] == latest.interviewer
    assert "has 3 sessions; showing the latest" in result.stderr


def test_ambiguous_candidate_lists_the_choices(demo_file: Path) -> None:
    result = run("report", "--candidate", "a", "--db", demo_file)
    assert result.exit_code == 2
    assert "matches 4 candidates" in result.stderr
    assert "C-2041" in result.stderr and "Amara Okafor" in result.stderr
    assert result.stdout == ""


def test_unknown_id_and_missing_arguments_are_clear_errors(demo_file: Path, tmp_path: Path) -> None:
    result = run("report", "no-such-thing", "--db", demo_file)
    assert result.exit_code == 1
    assert (
        result.stderr
        == "error: no session or candidate matches 'no-such-thing' (see `interview sessions`)\n"
    )
    assert run("report", "--db", demo_file).exit_code == 1
    missing = run("report", "abc", "--db", tmp_path / "none.db")
    assert missing.exit_code == 1 and "no such database" in missing.stderr
    assert not (tmp_path / "none.db").exists()


def test_empty_database_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    open_db(path).conn.close()
    result = run("report", "abc", "--db", path)
    assert result.exit_code == 1
    assert "no sessions yet" in result.stderr and "interview demo" in result.stderr


def test_not_a_database_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("hello")
    result = run("report", "abc", "--db", path)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "not a SQLite database" in result.stderr
