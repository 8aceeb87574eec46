"""--no-bundled and ``[content] bundled = false`` leave the shipped content out everywhere."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from interview.cli import cli

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "frontend"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def write_config(home: Path, text: str) -> None:
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "config.toml").write_text(text, encoding="utf-8")


def test_validate_checks_the_given_paths_alone() -> None:
    with_bundled = run("validate", EXAMPLE)
    alone = run("--no-bundled", "validate", EXAMPLE)
    assert with_bundled.output.splitlines()[-1].startswith("ok: 3 rubric(s)")
    assert alone.output.startswith("ok: 1 rubric(s), 3 question(s), 1 plan(s)")


def test_the_config_key_does_the_same(isolated_home: Path) -> None:
    write_config(isolated_home, "[content]\nbundled = false\n")
    assert run("validate", EXAMPLE).output.startswith("ok: 1 rubric(s)")
    write_config(isolated_home, "[content]\nbundled = true\n")
    assert run("validate", EXAMPLE).output.splitlines()[-1].startswith("ok: 3 rubric(s)")


def test_a_plan_of_the_bundled_bank_is_unknown_without_it(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("id: mine\ntitle: Mine\nrubric: backend\nquestions: [payment-endpoint]\n")
    assert run("validate", plan).exit_code == 0
    result = run("--no-bundled", "validate", plan)
    assert result.exit_code == 1
    assert "plan uses unknown rubric 'backend'" in result.output


def test_nothing_left_to_load_is_one_line() -> None:
    result = CliRunner().invoke(cli, ["--no-bundled", "validate"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: nothing to check: the bundled content is off — give PATHS, --bank or --rubric"
    ]
    practice = CliRunner().invoke(cli, ["--no-bundled", "practice", "list"])
    assert practice.exit_code == 1
    assert practice.output.startswith("error: no content: the bundled content is off")


def test_practice_lists_only_the_example_plan(tmp_path: Path) -> None:
    result = run("--no-bundled", "--bank", EXAMPLE, "practice", "--db", tmp_path / "p.db", "list")
    assert result.exit_code == 0, result.output
    assert "senior-backend" not in result.output


def test_a_wrong_value_in_the_config_is_one_line(isolated_home: Path) -> None:
    write_config(isolated_home, '[content]\nbundled = "no"\n')
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 1
    assert result.output.strip().endswith("[content] bundled must be true or false")
    write_config(isolated_home, "[content]\nbank = 1\n")
    result = CliRunner().invoke(cli, ["validate"])
    assert "unknown [content] setting 'bank' — allowed: bundled" in result.output
