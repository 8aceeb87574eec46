"""A lead's path on a real hub: decisions push, scorecards are refused in one line that
says what a lead's token may push and how; an interviewer's refusals say the same."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.hub_data import running_hub  # noqa: E402
from interview.cli import cli  # noqa: E402
from interview.services.demo import write_per_interviewer  # noqa: E402
from tests.report_support import bundled_content  # noqa: E402
from tests.test_hub import hub_rows  # noqa: E402

HANNAH, KENJI = "Hannah Schmidt", "Kenji Watanabe"


def run(*args: str | Path, token: str = "") -> Result:
    return CliRunner().invoke(
        cli, [str(a) for a in args], env={"INTERVIEW_HUB_TOKEN": token}, catch_exceptions=False
    )


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


@pytest.fixture(scope="module")
def per(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("per")
    write_per_interviewer(folder, bundled_content())
    return folder


def db_of(per: Path, name: str) -> Path:
    return per / f"{name.lower().replace(' ', '-')}.db"


def test_a_lead_pushes_decisions_and_is_told_how_when_pushing_scorecards(
    per: Path, tmp_path: Path
) -> None:
    panel = tmp_path / "panel.db"
    assert run("merge", db_of(per, HANNAH), db_of(per, KENJI), "-o", panel).exit_code == 0
    run("decide", "C-2041", "hire", "--rationale", "Clear", "--by", "Ana Lead", "--db", panel)
    with running_hub(tmp_path / "hub") as hub:
        hannah = hub.token(HANNAH, "interviewer")
        assert (
            run("push", "--hub", hub.url, "--db", db_of(per, HANNAH), token=hannah).exit_code == 0
        )
        before = hub_rows(hub.directory, "inbox_hannah_schmidt")
        lead = hub.token("Ana Lead", "lead")
        line = one_line_error(run("push", "--hub", hub.url, "--db", panel, token=lead))
        assert "a lead's token (Ana Lead) may push debrief decisions only" in line
        assert f"interview push --decisions --db {panel}" in line
        assert "nothing changed locally" in line
        assert hub_rows(hub.directory, "inbox_hannah_schmidt") == before
        sent = run("push", "--hub", hub.url, "--db", panel, "--decisions", token=lead)
        assert sent.exit_code == 0, sent.output
        assert "1 debrief decision(s) sent" in sent.output


def test_an_interviewers_refusals_say_what_their_token_may_push(per: Path, tmp_path: Path) -> None:
    panel = tmp_path / "panel.db"
    assert run("merge", db_of(per, HANNAH), "-o", panel).exit_code == 0
    run("decide", "C-2041", "hire", "--rationale", "Clear", "--by", "Ana Lead", "--db", panel)
    with running_hub(tmp_path / "hub") as hub:
        hannah = hub.token(HANNAH, "interviewer")
        hub.token(KENJI, "interviewer")
        decisions = run("push", "--hub", hub.url, "--db", panel, "--decisions", token=hannah)
        line = one_line_error(decisions)
        assert "403" in line and "debrief decisions need a lead's token" in line
        other = run("push", "--hub", hub.url, "--db", db_of(per, KENJI), token=hannah)
        line = one_line_error(other)
        assert f"{HANNAH}'s token may push only {HANNAH}'s own scorecards" in line
        assert f"holds {KENJI}'s" in line
        # A pull reads every inbox: an interviewer's token is told it needs a lead's.
        pulled = tmp_path / "pulled.db"
        line = one_line_error(run("pull", "--hub", hub.url, "-o", pulled, token=hannah))
        assert "the hub refused this pull (403)" in line
        assert "needs a lead's token (`interview hub token NAME --role lead`" in line
        assert not pulled.exists()
