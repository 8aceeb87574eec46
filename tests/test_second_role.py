"""The worked second-role example under examples/: another discipline's rubric, questions
and plan, loaded without the bundled Python content, run to a submitted scorecard and a
Markdown report."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner, Result

from interview.cli import cli
from interview.config import Config
from interview.domain.content_paths import content_layers
from interview.domain.loader import load_content
from interview.reports.build import load_report
from interview.reports.markdown import render_markdown
from interview.services.container import build_services
from interview.services.live import LiveSession

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "frontend"
FRONTEND_AREAS = [
    "State and data flow",
    "TypeScript and the language",
    "Rendering performance",
    "Accessibility",
    "Frontend testing",
]
BUNDLED_AREAS = ["Python fundamentals", "API design", "Databases", "Infrastructure"]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_the_example_validates_alone_and_over_the_bundled_content() -> None:
    alone = run("--no-bundled", "validate", EXAMPLE)
    assert alone.exit_code == 0, alone.output
    assert alone.output.startswith("ok: 1 rubric(s), 3 question(s), 1 plan(s) in 4 file(s)")
    together = run("validate", EXAMPLE)
    assert together.exit_code == 0, together.output


def test_the_example_rubric_has_five_areas_of_different_weights() -> None:
    content = load_content(content_layers(bank=[EXAMPLE], bundled=False)).content
    rubric = content.rubrics["frontend"]
    assert [a.title for a in rubric.areas] == FRONTEND_AREAS
    assert len({a.weight for a in rubric.areas}) > 1 and sum(a.weight for a in rubric.areas) == 100
    languages = {q.code.language for q in content.questions.values() if q.code}
    assert languages == {"typescript"}
    assert set(content.rubrics) == {"frontend"} and set(content.plans) == {"frontend-45"}
    # The bank's header: its rubric, its levels (with "staff") and its language.
    assert {q.rubrics for q in content.questions.values()} == {("frontend",)}
    assert content.levels == ("junior", "mid", "senior", "staff")
    assert content.questions["fe-slow-dashboard"].level == "staff"
    assert {q.lang for q in content.questions.values()} == {"en"}


def test_over_the_bundled_content_the_example_keeps_to_its_own_rubric() -> None:
    content = load_content(content_layers(bank=[EXAMPLE])).content
    assert content.questions["fe-accessible-dialog"].rubrics == ("frontend",)
    # "testing" is an area of both rubrics: the bundled questions stay with theirs.
    bundled_testing = [q for q in content.questions.values() if "testing" in q.areas]
    assert {r for q in bundled_testing for r in q.rubrics} == {"backend", "frontend"}
    assert all(q.rubrics == ("frontend",) for q in bundled_testing if q.id.startswith("fe-"))


def test_no_bundled_runs_a_session_to_a_scorecard_and_a_report_of_that_rubric_only(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "frontend.db"
    services = build_services(db_path=db_path, bank=[EXAMPLE], bundled=False, config=Config())
    content = services.content
    assert "senior-backend-60" not in content.plans and "payment-endpoint" not in content.questions
    plan = content.plans["frontend-45"]
    repo = services.repo
    sid = repo.create_session(
        candidate_id=repo.find_or_create_candidate("Lin Example"),
        interviewer="Grace",
        role="Frontend engineer",
        level="mid",
        plan=plan,
        content=content,
    )
    live = LiveSession(repo, sid)
    for index, (_, question) in enumerate(live.items):
        live.goto(index, 60.0 * index)
        live.save_notes(question.id, f"Notes on {question.title}", 30.0, 60.0 * index + 30)
        live.toggle_signal(question.id, question.senior_signals[0].id)
        live.toggle_follow_up(question.id, question.follow_ups[0])
    for area_id, value in {
        "state": 3, "typescript": 2, "performance": 3, "accessibility": 4, "testing": 2,
    }.items():  # fmt: skip
        live.set_score(area_id, value)
    result = live.submit("Fixed the race unprompted; tests by CSS class.")
    assert result.weighted is not None and result.recommendation is not None
    services.repo.db.conn.close()

    cli_report = run("--no-bundled", "--bank", EXAMPLE, "report", sid, "--db", db_path)
    assert cli_report.exit_code == 0, cli_report.output
    from interview.storage.db import open_db

    db = open_db(db_path)
    markdown = render_markdown(load_report(db, sid))
    db.conn.close()
    assert cli_report.stdout == markdown
    assert "| Rubric | Frontend engineer (TypeScript, React) (`frontend`) |" in markdown
    table = markdown.split("## Areas", 1)[1].split("**Weighted score**", 1)[0]
    rows = re.findall(r"^\| ([^|*]+?) \| \d", table, flags=re.MULTILINE)
    assert rows == FRONTEND_AREAS
    assert not any(title in markdown for title in BUNDLED_AREAS)
    # Signals that name their area are evidence there only.
    state = markdown.split("### State and data flow", 1)[1].split("\n### ", 1)[0]
    typescript = markdown.split("### TypeScript and the language", 1)[1].split("\n### ", 1)[0]
    first = "Explains that responses can arrive out of order and the last to arrive wins"
    assert first in state and first not in typescript
