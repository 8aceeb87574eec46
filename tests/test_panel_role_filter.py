"""`--role` matches what people typed in the form: role text, level, or plan."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from interview.cli import cli
from tests.panel_support import close, interview, services_at

SCORES: dict[str, int | None] = {
    "python": 3, "api": 3, "databases": 3, "testing": 3, "infrastructure": 3, "observability": 3,
}  # fmt: skip


def test_role_matches_role_level_or_plan(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    services = services_at(path)
    # The form's default role text; "senior" is only the level and the plan.
    interview(services, candidate="Ada Senior", interviewer="Rosa", scores=SCORES,
              role="Backend engineer")  # fmt: skip
    close(services)
    runner = CliRunner()
    for role in ("senior", "Backend", "senior-backend-60", "Senior Python backend"):
        out = runner.invoke(cli, ["panel", "--role", role, "--as", "Rosa", "--db", str(path)])
        assert out.exit_code == 0, out.output
        assert "Ada Senior" in out.output, role
    out = runner.invoke(cli, ["panel", "--role", "frontend", "--as", "Rosa", "--db", str(path)])
    assert "Ada Senior" not in out.output
    # LIKE wildcards typed by a user are literal
    out = runner.invoke(cli, ["panel", "--role", "%", "--as", "Rosa", "--db", str(path)])
    assert "Ada Senior" not in out.output
