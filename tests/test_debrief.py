"""Who is missing, the lead's debrief decision, and sample data kept labelled."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.hub_data import running_hub  # noqa: E402
from interview.cli import cli  # noqa: E402
from interview.services.demo import write_per_interviewer  # noqa: E402
from tests.panel_support import close, interview, services_at  # noqa: E402
from tests.report_support import bundled_content  # noqa: E402

HANNAH, KENJI, OLU = "Hannah Schmidt", "Kenji Watanabe", "Olu Adeyemi"


def run(*args: str | Path, token: str = "") -> Result:
    return CliRunner().invoke(
        cli, [str(a) for a in args], env={"INTERVIEW_HUB_TOKEN": token}, catch_exceptions=False
    )


@pytest.fixture(scope="module")
def per(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("per")
    write_per_interviewer(folder, bundled_content())
    return folder


def db_of(per: Path, name: str) -> Path:
    return per / f"{name.lower().replace(' ', '-')}.db"


@pytest.fixture
def panel_db(per: Path, tmp_path: Path) -> Path:
    out = tmp_path / "panel.db"
    assert run("merge", db_of(per, HANNAH), db_of(per, KENJI), "-o", out).exit_code == 0
    return out


def test_panel_lists_who_is_missing_and_blind_mode_still_holds(panel_db: Path) -> None:
    result = run("loop", "C-2041", HANNAH, OLU, "--at", "2026-03-02T10:00", "--db", panel_db)
    assert result.exit_code == 0, result.output
    out = run("panel", "C-2041", "--db", panel_db).output
    missing = next(line for line in out.splitlines() if line.startswith("Missing scorecards"))
    assert OLU in missing and "session" in missing and "ago" in missing
    assert HANNAH not in missing  # her scorecard is in
    blind = run("panel", "C-2041", "--db", panel_db, "--as", OLU)
    assert blind.exit_code == 1
    assert "blind" in blind.output
    assert "Missing scorecards" not in blind.output


def test_a_session_in_progress_counts_as_missing(tmp_path: Path) -> None:
    path = tmp_path / "mine.db"
    services = services_at(path)
    interview(services, candidate="Ada", interviewer="Ann", scores={"python": 3}, code="K-1")
    interview(services, candidate="Ada", interviewer="Ben", scores={}, code="K-1", submit=False)
    close(services)
    out = run("panel", "K-1", "--db", path).output
    assert "Missing scorecards: Ben (session in progress" in out


def test_the_debrief_decision_is_shown_apart_from_the_formula(
    panel_db: Path, tmp_path: Path
) -> None:
    before = run("panel", "C-2041", "--db", panel_db).output
    assert "Debrief decision" not in before
    result = run(
        "decide", "C-2041", "more-evidence", "--rationale", "Databases unclear", "--by", "Lead",
        "--db", panel_db,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = run("panel", "C-2041", "--db", panel_db).output
    line = next(x for x in after.splitlines() if x.startswith("Debrief decision"))
    assert "More evidence — Databases unclear (by Lead" in line
    assert "the formula said Strong Yes" in line
    assert "Recommendation" in after  # the formula's row is still there, unchanged
    for fmt, expected in (("md", "**Debrief decision: More evidence"), ("html", "More evidence")):
        assert expected in run("panel", "C-2041", "--db", panel_db, "--format", fmt).output
    blank = run("decide", "C-2041", "hire", "--rationale", " ", "--by", "Lead", "--db", panel_db)
    assert blank.exit_code == 1
    assert blank.output.startswith("error: a decision needs a written rationale")


def test_decisions_travel_through_the_hub(per: Path, panel_db: Path, tmp_path: Path) -> None:
    with running_hub(tmp_path / "hub") as hub:
        lead = hub.token("Lead", "lead")
        hannah = hub.token(HANNAH, "interviewer")
        assert (
            run("push", "--hub", hub.url, "--db", db_of(per, HANNAH), token=hannah).exit_code == 0
        )
        run("decide", "C-2041", "hire", "--rationale", "Clear", "--by", "Lead", "--db", panel_db)
        refused = run("push", "--hub", hub.url, "--db", panel_db, "--decisions", token=hannah)
        assert refused.exit_code == 1 and "403" in refused.output
        sent = run("push", "--hub", hub.url, "--db", panel_db, "--decisions", token=lead)
        assert sent.exit_code == 0, sent.output
        assert "1 debrief decision(s) sent" in sent.output
        # A lead's push sends no scorecards: it does not say "nothing to push" about them.
        assert "scorecard" not in sent.output and "nothing to push" not in sent.output
        again = run("push", "--hub", hub.url, "--db", panel_db, "--decisions", token=lead)
        assert again.output.startswith(
            "nothing to push: the hub already has all 1 debrief decision(s)"
        ), again.output
        pulled = tmp_path / "pulled.db"
        assert run("pull", "--hub", hub.url, "-o", pulled, token=lead).exit_code == 0
    out = run("panel", "C-2041", "--db", pulled).output
    assert "Debrief decision: Hire — Clear (by Lead" in out
    # The demo's scorecards stay labelled as sample data through push and pull.
    assert "Sample data" in out
    conn = sqlite3.connect(tmp_path / "hub" / "hub.db")
    assert conn.execute(
        "SELECT min(sample) FROM inbox_hannah_schmidt WHERE id NOT LIKE 'snapshot:%'"
    ).fetchone() == (1,)
    conn.close()


def test_merge_warns_when_it_mixes_sample_and_real_data(per: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.db"
    services = services_at(real)
    interview(services, candidate="Ada", interviewer="Ann", scores={"python": 3}, code="K-1")
    close(services)
    alone = run("merge", real, "-o", tmp_path / "a.db")
    assert "warning" not in alone.output
    mixed = run("merge", real, db_of(per, HANNAH), "-o", tmp_path / "b.db")
    assert mixed.exit_code == 0
    assert (
        "warning: " in mixed.output
        and "sample session(s) from `interview demo` with 1 real" in mixed.output
    )
    assert "Sample data" not in run("panel", "K-1", "--db", tmp_path / "b.db").output


def test_the_audit_trail_lists_the_debrief_decision(panel_db: Path) -> None:
    result = run(
        "decide", "C-2041", "no-hire", "--rationale", "Databases unclear", "--by", "Ana Lead",
        "--db", panel_db,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for args in (("audit",), ("audit", "C-2041")):
        out = run(*args, "--db", panel_db).output
        line = next(x for x in out.splitlines() if "panel_decision" in x)
        assert "Ana Lead" in line and "Amara Okafor (C-2041)" in line
        assert "No hire: Databases unclear" in line
    assert "panel_decision" not in run("audit", "C-2042", "--db", panel_db).output
    entries = json.loads(run("audit", "--format", "json", "--db", panel_db).output)
    assert entries[-1]["kind"] == "panel_decision"  # oldest first: the decision came last
    assert entries[-1]["detail"]["decision"] == "no_hire"


def test_the_audit_trail_says_why_a_lead_unblinded(panel_db: Path) -> None:
    assert run("panel", "C-2041", "--as", OLU, "--lead", "--db", panel_db).exit_code == 0
    out = run("audit", "C-2041", "--db", panel_db).output
    line = next(x for x in out.splitlines() if "panel_lead_override" in x)
    assert line.endswith("— panel lead chose to see the scores blind mode hides"), line
