"""Item analysis of the bank: honest statistics, flags with reasons, a fixed number of queries."""

from __future__ import annotations

import json
import random
import statistics
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.domain.item_stats import StatsSettings, point_biserial
from interview.services.bank_stats import bank_stats
from interview.services.live import LiveSession
from tests.panel_support import Clock, services_at

PLAN = "senior-backend-60"
RANDOM_Q = "payment-endpoint"  # its first senior signal is ticked at random
TRACK_Q = "incident-you-caused"  # its first senior signal is ticked when the candidate is strong


def test_point_biserial_matches_a_hand_computation() -> None:
    # ticked: 80, 70, 90 (mean 80); not ticked: 40, 50, 30 (mean 40); overall mean 60,
    # population SD sqrt(2800 / 6) = 21.602; p = q = 0.5, so r = 40 / 21.602 * 0.5 = 0.926.
    ticks = [True, True, False, False, True, False]
    scores = [80.0, 70.0, 40.0, 50.0, 90.0, 30.0]
    c = point_biserial(ticks, scores)
    assert c.r == pytest.approx(0.926, abs=5e-4)
    assert c.r == pytest.approx(statistics.correlation([float(t) for t in ticks], scores))
    assert c.n == 6
    # Fisher z: atanh(0.926) = 1.628, half-width 1.96 / sqrt(3) = 1.132, so
    # tanh(0.497) = 0.460 and tanh(2.760) = 0.992
    assert c.low == pytest.approx(0.460, abs=1e-3) and c.high == pytest.approx(0.992, abs=1e-3)


def test_point_biserial_is_undefined_without_variation() -> None:
    assert point_biserial([True, True, True], [1.0, 2.0, 3.0]).r is None
    assert point_biserial([True, False], [1.0, 2.0]).r is None


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 submitted interviews: strength drives the scores and one tracking signal."""
    path = tmp_path_factory.mktemp("stats") / "stats.db"
    services = services_at(path, Clock())
    repo, content = services.repo, services.content
    plan = content.plans[PLAN]
    rng = random.Random(7)
    for i in range(60):
        strong = i % 2 == 0
        cid = repo.find_or_create_candidate(f"Cand {i}", f"C-{i}")
        sid = repo.create_session(
            candidate_id=cid, interviewer="Rosa", role="Backend", level="senior",
            plan=plan, content=content,
        )  # fmt: skip
        live = LiveSession(repo, sid)
        pay = content.questions[RANDOM_Q]
        legacy = content.questions[TRACK_Q]
        live.save_notes(legacy.id, "notes", (14 if i % 3 else 9) * 60.0, 600.0)
        live.save_notes(pay.id, "notes", 5 * 60.0, 900.0)
        if strong:
            live.toggle_signal(legacy.id, legacy.senior_signals[0].id)
        if rng.random() < 0.5:
            live.toggle_signal(pay.id, pay.senior_signals[0].id)
        if i % 4 == 0:
            live.toggle_follow_up(legacy.id, legacy.follow_ups[0])
        for area in plan_areas(content, plan):
            live.set_score(area, 4 if strong else 2)
        live.submit("justified")
    services.repo.db.close()
    return path


def plan_areas(content, plan) -> list[str]:  # type: ignore[no-untyped-def]
    return list(content.rubric_for(plan).area_ids)


def stats_for(path: Path, **kw):  # type: ignore[no-untyped-def]
    services = services_at(path, Clock())
    try:
        return bank_stats(services.repo.db, today=date(2026, 3, 10), **kw)
    finally:
        services.repo.db.close()


def test_random_signal_is_flagged_and_tracking_signal_is_not(analysed: Path) -> None:
    stats = stats_for(analysed)
    assert stats.sessions == 60
    flagged = {(f.kind, f.item) for f in stats.flags}
    random_item = f"{RANDOM_Q} / {_first_senior(stats, RANDOM_Q)}"
    tracking_item = f"{TRACK_Q} / {_first_senior(stats, TRACK_Q)}"
    assert ("not-discriminating", random_item) in flagged
    assert not any(item == tracking_item for _, item in flagged)
    tracking = next(s for q in stats.questions if q.id == TRACK_Q for s in q.signals)
    assert tracking.correlation.r == pytest.approx(1.0)
    assert tracking.reading == "separates candidates strongly"
    assert tracking.hit_rate == pytest.approx(0.5)


def test_never_firing_signals_and_overtime_questions_are_flagged(analysed: Path) -> None:
    stats = stats_for(analysed)
    kinds = {(f.kind, f.item) for f in stats.flags}
    legacy = next(q for q in stats.questions if q.id == TRACK_Q)
    never = legacy.signals[1].signal_id
    assert ("never-fires", f"{TRACK_Q} / {never}") in kinds
    # 40 of 60 sessions spent 14 minutes on a 10-minute question
    assert legacy.timing.over_share == pytest.approx(40 / 60)
    assert ("runs-over", TRACK_Q) in kinds
    assert legacy.probes[0].asked == 15
    assert legacy.probes[0].area_scores.difference is not None


def test_nothing_is_flagged_from_too_few_sessions(analysed: Path) -> None:
    stats = stats_for(analysed, settings=StatsSettings(min_sessions=100))
    assert {f.kind for f in stats.flags} <= {"thin-area"}
    signal = stats.questions[0].signals[0]
    assert signal.reading in {"not enough data yet", "no variation yet"}


def test_area_distribution_shows_the_ceiling(analysed: Path) -> None:
    stats = stats_for(analysed)
    api = next(a for a in stats.areas if a.id == "api")
    assert api.scores.counts == (0, 30, 0, 30)


def test_a_fixed_number_of_statements_however_many_sessions(analysed: Path) -> None:
    services = services_at(analysed, Clock())
    statements: list[str] = []
    conn = services.repo.db.conn
    conn.set_trace_callback(statements.append)
    try:
        bank_stats(services.repo.db, today=date(2026, 3, 10))
    finally:
        conn.set_trace_callback(None)
        services.repo.db.close()
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 7, selects


def test_command_formats(analysed: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["bank", "stats", "--db", str(analysed), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["sessions"] == 60
    assert any(f["kind"] == "not-discriminating" for f in data["flags"])
    html = tmp_path / "stats.html"
    out = runner.invoke(
        cli, ["bank", "stats", "--db", str(analysed), "--format", "html", "-o", str(html)]
    )
    assert out.exit_code == 0, out.output
    page = html.read_text()
    assert "<svg" in page and "://" not in page and "<script" not in page
    for fmt in ("text", "md", "csv"):
        out = runner.invoke(cli, ["bank", "stats", "--db", str(analysed), "--format", fmt])
        assert out.exit_code == 0 and TRACK_Q in out.output


def test_a_mistyped_plan_is_an_error_naming_the_plans_used(analysed: Path) -> None:
    out = CliRunner().invoke(cli, ["bank", "stats", "--db", str(analysed), "--plan", "nope"])
    assert out.exit_code == 1
    assert out.output.startswith("error: --plan 'nope': no session in this database used it")
    assert "(plans used: senior-backend-60)" in out.output


def test_bad_since_is_one_line(analysed: Path) -> None:
    out = CliRunner().invoke(cli, ["bank", "stats", "--db", str(analysed), "--since", "May"])
    assert out.exit_code == 1
    assert "error: --since 'May' is not a date" in out.output


def _first_senior(stats, qid: str) -> str:  # type: ignore[no-untyped-def]
    q = next(q for q in stats.questions if q.id == qid)
    return next(s.signal_id for s in q.signals if s.kind == "senior")
