"""`interview score`: the policy explored from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from tests.test_content_validation import RUBRIC

ALL = ("python", "api", "databases", "testing", "infrastructure", "observability")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["score", *args])


def test_capped_profile_says_the_rule_and_the_sensitivity() -> None:
    result = run(*(f"{a}=4" for a in ALL if a != "databases"), "databases=1")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:5] == [
        "Weighted score: 80.0 / 100",
        "Recommendation: No",
        "Rule: Strong Yes capped at No: Databases scored 1 (Yes needs every area at 2 or more)",
        "Sensitivity: A one-point change would change the recommendation: "
        "Databases +1 → Yes (86.7)",
    ]


def test_robust_and_insufficient_are_said() -> None:
    robust = run(*(f"{a}=3" for a in ALL))
    assert "Sensitivity: Robust: no one-point change in one area" in robust.output
    few = run("api=4", "databases=4")
    assert "Recommendation: Insufficient evidence" in few.output
    assert "a recommendation needs 70%" in few.output


def test_json_for_scripts_and_a_plan_sets_the_bar() -> None:
    scores = ["python=2", "api=2", *(f"{a}=3" for a in ALL[2:])]
    mid = json.loads(run("--plan", "mid-backend-45", "--json", *scores).output)
    senior = json.loads(run("--plan", "senior-backend-60", "--json", *scores).output)
    assert (mid["recommendation"], senior["recommendation"]) == ("yes", "no")
    assert mid["thresholds"]["yes"] < senior["thresholds"]["yes"]
    assert mid["plan"] == "mid-backend-45" and mid["rule_kind"] is None
    assert {f["area_title"] for f in mid["flips"]} >= {"Python fundamentals", "API design"}
    profile = [*(f"{a}=4" for a in ALL[:3]), *(f"{a}=1" for a in ALL[3:])]
    capped = json.loads(run("--json", *profile).output)
    assert capped["rule_kind"] == "cap" and capped["formula_recommendation"] == "yes"
    assert capped["recommendation"] == "no" and capped["robust"] is True


def test_a_rubric_file_of_your_own(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(RUBRIC + "policy:\n  floors:\n    strong_yes: {must_pass: {databases: 4}}\n")
    result = run("--rubric", str(path), "api=4", "databases=3")
    assert result.exit_code == 0, result.output
    assert "Rule: Strong Yes capped at Yes: Databases scored 3" in result.output
    assert run("--rubric", "ai-backend", "python=3", "rag-data=3").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["databse=3"], "error: unknown area 'databse' in rubric 'backend'; did you mean"),
        (["python=5"], "error: python=5: a score is a whole number 1-4"),
        (["python=0"], "error: python=0: a score is a whole number 1-4"),
        (["python=2.5"], "error: python=2.5: a score is a whole number 1-4"),
        (["python"], "error: 'python' is not AREA=SCORE"),
        (["python=3", "python=4"], "error: python is scored twice"),
        ([], "error: give at least one AREA=SCORE"),
        (["--plan", "nope", "python=3"], "error: no plan 'nope'"),
        (["--rubric", "nope", "python=3"], "error: no rubric 'nope'"),
        (["--rubric", "missing.yaml", "python=3"], "error: missing.yaml: no such rubric file"),
        (["--rubric", "backend", "--plan", "mid-backend-45", "x=3"], "error: give --rubric or"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_1(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert result.output.startswith(message) and result.output.count("\n") == 1, result.output


def test_no_bundled_leaves_the_shipped_rubrics_out() -> None:
    frontend = str(Path(__file__).resolve().parent.parent / "examples" / "frontend")
    bare = CliRunner().invoke(cli, ["--no-bundled", "score", "python=3"])
    assert bare.exit_code == 1
    assert bare.output.startswith("error: no content: the bundled content is off")
    # With a team's own bank its only rubric is the default; the backend one is not there.
    own = CliRunner().invoke(cli, ["--no-bundled", "--bank", frontend, "score", "state=3"])
    assert own.exit_code == 0, own.output
    assert own.output.startswith("Rubric: Frontend engineer")
    named = CliRunner().invoke(
        cli, ["--no-bundled", "--bank", frontend, "score", "--rubric", "backend", "state=3"]
    )
    assert named.exit_code == 1
    assert named.output.startswith("error: no rubric 'backend'; rubrics: frontend")
    plan = CliRunner().invoke(cli, ["--no-bundled", "score", "--plan", "senior-backend-60"])
    assert plan.exit_code == 1 and "Python backend" not in plan.output
