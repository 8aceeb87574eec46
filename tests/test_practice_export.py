"""Markdown export of a practice attempt, and the ``interview practice`` command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.config import Config
from interview.reports.practice_md import render_attempt
from interview.services.container import Services, build_services
from interview.services.practice import Practice
from interview.services.practice_attempt import PracticeAttempt

ANSWER = "Set up CI first, make deploys scripted with a rollback, then redo it from scratch."
REPLY = "I would read the access logs to find the hot paths."


def finished_attempt(services: Services) -> PracticeAttempt:
    services.repo.set_pref("practice.name", "Sam Candidate")
    attempt = Practice(services.content, services.repo).start_plan("practice-short")
    qid = attempt.question.id  # inherited-monolith-practice
    attempt.save_answer(qid, ANSWER, 430.0)
    attempt.ask_follow_up(qid)
    attempt.save_follow_up_answer(qid, REPLY, 430.0)
    attempt.reveal(qid)
    attempt.toggle_tick(qid, "ci-first")
    attempt.toggle_tick(qid, "characterisation-tests")  # ticked, but not in the answer
    attempt.set_self_score(qid, "testing", 2)
    attempt.set_self_score(qid, "infrastructure", 3)
    attempt.goto(1)
    attempt.save_answer("gil-cpu-vs-io", "Threads for I/O.", 60.0)
    attempt.finish()
    return attempt


def test_markdown_export_holds_the_whole_attempt(services: Services) -> None:
    attempt = finished_attempt(services)
    md = render_attempt(attempt)
    follow_up = attempt.follow_up("inherited-monolith-practice")
    assert follow_up is not None

    assert md.startswith("# Short practice round (30 min)\n")
    assert "- Status: finished" in md
    assert "## 1. Taking over an old system nobody understands" in md
    assert "Time: 7:10 of 12 min" in md
    assert "> You join a logistics company" in md
    assert ANSWER in md and REPLY in md
    assert f"> {follow_up.text}" in md
    assert "_Why this probe:_ it aimed at what your answer did not mention" in md
    assert "Keyword check (heuristic)" in md and "heuristic" in md.split("## 1.")[0]
    # Ticked and found; ticked but not found; found but not ticked (a weak signal).
    assert "| yes | ci | agrees: covered |" in md
    assert "| yes | — | **disagrees: you ticked it" in md
    weak = next(line for line in md.splitlines() if "| Plans to rewrite the system" in line)
    assert "| no | " in weak and "from scratch" in weak
    assert "(red flag)" not in weak  # a rewrite is a weak answer, not a risk
    assert "**disagrees: keywords found, you did not tick it**" in weak
    assert "- Testing: 2 — " in md and "- Infrastructure: 3 — " in md
    assert "- Python fundamentals: not scored" in md
    sample = md.index("### Senior sample answer")
    assert md.index("### Self-scores") < sample < md.index("## 2. ")
    # The second question was answered but never revealed; the third never started.
    second = md[md.index("## 2. ") : md.index("## 3. ")]
    assert "Threads for I/O." in second and "not revealed yet" in second
    assert "_No answer written._" in md[md.index("## 3. ") :]
    assert "## Self-scores by area" in md and "- Testing: 2.0 of 4" in md
    assert "## Senior signals you did not cover" in md
    assert "Taking over an old system nobody understands: Writes characterisation" not in md
    # An export is shareable: it never carries the candidate's name.
    assert "Sam Candidate" not in md


@pytest.fixture
def db_with_attempt(tmp_path: Path) -> tuple[Path, str, str]:
    path = tmp_path / "practice.db"
    services = build_services(db_path=path, config=Config())
    attempt = finished_attempt(services)
    repo = services.repo
    cid = repo.find_or_create_candidate("Ada Example")
    interview_id = repo.create_session(
        candidate_id=cid,
        interviewer="Grace",
        role="Backend",
        level="senior",
        plan=services.content.plans["senior-backend-60"],
        content=services.content,
    )
    repo.db.conn.close()
    return path, attempt.id, interview_id


def test_export_command_writes_markdown(
    db_with_attempt: tuple[Path, str, str], tmp_path: Path
) -> None:
    path, attempt_id, _ = db_with_attempt
    out = tmp_path / "attempt.md"
    runner = CliRunner()
    args = ["practice", "export", attempt_id[:8], "--db", str(path), "-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Short practice round")
    # An existing file is kept unless --force is given.
    out.write_text("mine", encoding="utf-8")
    result = runner.invoke(cli, args)
    assert result.exit_code == 1 and "already exists; use --force" in result.output
    assert out.read_text(encoding="utf-8") == "mine"
    assert runner.invoke(cli, [*args, "--force"]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Short practice round")

    # --db may also come before the subcommand, or before "practice".
    for before in (
        ["practice", "--db", str(path), "export", attempt_id],
        ["--db", str(path), "practice", "export", attempt_id],
    ):
        result = runner.invoke(cli, before)
        assert result.exit_code == 0, result.output
        assert "## 1. Taking over an old system nobody understands" in result.output


def test_list_command_shows_only_practice(db_with_attempt: tuple[Path, str, str]) -> None:
    path, attempt_id, interview_id = db_with_attempt
    result = CliRunner().invoke(cli, ["practice", "list", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert attempt_id[:8] in result.output and "finished" in result.output
    assert interview_id[:8] not in result.output


@pytest.mark.parametrize(
    "args,message",
    [
        (["practice", "export", "ffffffff"], "error: no session with id 'ffffffff'"),
        (["practice", "--plan", "nope"], "error: no plan 'nope' (known: practice-"),
        (["practice", "--area", "nope"], "error: no practicable area 'nope'"),
        (["practice", "--plan", "practice-short", "--weakest"], "error: choose one of"),
    ],
)
def test_bad_input_is_one_clear_line(
    db_with_attempt: tuple[Path, str, str], args: list[str], message: str
) -> None:
    path, _, _ = db_with_attempt
    result = CliRunner().invoke(cli, [*args, "--db", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [result.output.strip()]
    assert result.output.startswith(message), result.output
    assert "Traceback" not in result.output


def test_an_interview_is_not_exported_as_practice(db_with_attempt: tuple[Path, str, str]) -> None:
    path, _, interview_id = db_with_attempt
    result = CliRunner().invoke(cli, ["practice", "export", interview_id, "--db", str(path)])
    assert result.exit_code == 1
    assert "is an interview, not a practice attempt" in result.output


def test_list_has_a_header_and_json(db_with_attempt: tuple[Path, str, str]) -> None:
    path, attempt_id, _ = db_with_attempt
    result = CliRunner().invoke(cli, ["practice", "list", "--db", str(path)])
    assert result.output.splitlines()[0].split() == ["ATTEMPT", "STARTED", "STATUS", "PLAN"]
    result = CliRunner().invoke(cli, ["practice", "list", "--json", "--db", str(path)])
    rows = json.loads(result.output)
    assert rows[0]["id"] == attempt_id and rows[0]["status"] == "finished"
