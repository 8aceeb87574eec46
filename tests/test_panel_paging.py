"""The ranked list pages to a terminal and prints plain columns to a pipe or a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.commands import panel as panel_cmd
from tests.panel_support import close, interview, services_at

SCORES: dict[str, int | None] = {
    "python": 3, "api": 3, "databases": 3, "testing": 3, "infrastructure": 3, "observability": 3,
}  # fmt: skip


@pytest.fixture(scope="module")
def twelve(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("paging") / "p.db"
    services = services_at(path)
    for i in range(12):
        interview(services, candidate=f"Cand {i:02d} [bold]x[/]", interviewer="Rosa",
                  scores={**SCORES, "api": 1 + i % 4})  # fmt: skip
    close(services)
    return path


def run(path: Path, *args: str) -> str:
    out = CliRunner().invoke(cli, ["panel", "--db", str(path), "--as", "Rosa", *args])
    assert out.exit_code == 0, out.output
    return out.output


def test_pipe_gets_every_row_in_plain_columns(twelve: Path) -> None:
    text = run(twelve)
    rows = [line for line in text.splitlines() if "Cand " in line]
    assert len(rows) == 12
    assert "[bold]x[/]" in text  # a name is text, never markup
    assert "┃" not in text and "\x1b" not in text
    assert len(run(twelve, "--limit", "5").splitlines()) < len(text.splitlines())


def test_terminal_pages_to_what_fits(twelve: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(panel_cmd, "stdout_is_terminal", lambda: True)
    text = run(twelve, "--limit", "4")
    assert sum(1 for line in text.splitlines() if "Cand " in line) == 4
    assert "showing 4 of 12: --all for every candidate" in text
    text = run(twelve, "--all")
    assert sum(1 for line in text.splitlines() if "Cand " in line) == 12
    assert "showing" not in text


def test_json_for_scripts_keeps_blind_mode(twelve: Path) -> None:
    import json

    data = json.loads(run(twelve, "--format", "json"))
    assert len(data["candidates"]) == 12
    assert data["candidates"][0]["name"].endswith("[bold]x[/]")
    assert {a["id"] for a in data["areas"]} >= {"python", "api"}
    blind = CliRunner().invoke(
        cli, ["panel", "--db", str(twelve), "--as", "Nobody", "--format", "json"]
    )
    rows = json.loads(blind.output)["candidates"]
    assert all(r["hidden"] and r["combined"] is None and not r["area_means"] for r in rows)
    one = CliRunner().invoke(
        cli, ["panel", "Cand 01", "--db", str(twelve), "--as", "Rosa", "--format", "json"]
    )
    assert one.exit_code == 0, one.output
    view = json.loads(one.output)
    assert view["scorecards"][0]["interviewer"] == "Rosa"
    assert view["combined"]["weighted"] is not None
