"""Rubrics with a scale other than 4 levels: loading, scoring, storage, reports, the screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview.config import Config
from interview.domain.errors import ContentError
from interview.domain.loader import load_content
from interview.domain.models import Content
from interview.domain.scoring import score
from interview.reports.build import load_report
from interview.reports.json_report import render_json
from interview.reports.markdown import render_markdown
from interview.services.container import build_services
from interview.services.live import LiveSession
from interview.tui.app import build_app
from interview.tui.screens.scoring import ScoringScreen
from tests.test_report_schema import SCHEMA, check
from tests.tui_support import screen_text


def levels(n: int) -> str:
    return "\n".join(
        f"      - {{score: {k}, label: Level {k}, behaviours: [does {k}a, does {k}b]}}"
        for k in range(1, n + 1)
    )


def rubric(n_first: int, n_second: int) -> str:
    return f"""\
id: five
title: Five-level rubric
areas:
  - id: craft
    title: Craft
    weight: 70
    levels:
{levels(n_first)}
  - id: care
    title: Care
    weight: 30
    levels:
{levels(n_second)}
recommendation: {{no: 35, yes: 60, strong_yes: 80}}
"""


BANK = """\
bank: {rubric: five}
questions:
  - id: build-it
    title: Build it
    kind: technical
    level: mid
    areas: [craft, care]
    minutes: 20
    prompt: Build it.
    senior_signals: [{id: s1, text: Tests first}]
    junior_signals: [{id: j1, text: No tests}]
    follow_ups: [{id: f1, text: How do you know it works?}]
"""
PLAN = "id: five-plan\ntitle: Five\nrubric: five\nquestions: [build-it]\n"


def load(tmp_path: Path, first: int = 5, second: int = 5) -> Content:
    (tmp_path / "r.yaml").write_text(rubric(first, second))
    (tmp_path / "q.yaml").write_text(BANK)
    (tmp_path / "p.yaml").write_text(PLAN)
    return load_content([[tmp_path]]).content


def test_a_rubric_may_declare_five_levels_and_scores_map_onto_0_100(tmp_path: Path) -> None:
    rubric_ = load(tmp_path).rubrics["five"]
    assert [a.top for a in rubric_.areas] == [5, 5] and rubric_.top == 5
    result = score(rubric_, {"craft": 5, "care": 3})
    assert result.weighted == pytest.approx(0.7 * 100 + 0.3 * 50)
    assert score(rubric_, {"craft": 2}).weighted == pytest.approx(25)
    with pytest.raises(ValueError, match="must be 1-5"):
        score(rubric_, {"craft": 6})
    # 75 (Yes): craft 4→5 or care 4→5 reach Strong Yes, craft 4→3 falls to No.
    flips = score(rubric_, {"craft": 4, "care": 4}).flips
    assert {(f.area_id, f.delta) for f in flips} == {("craft", 1), ("craft", -1), ("care", 1)}


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (2, 2, "an area needs 3 to 7 levels (usually 4), found 2"),
        (8, 8, "an area needs 3 to 7 levels (usually 4), found 8"),
        (5, 4, "areas have different numbers of levels (4, 5)"),
    ],
)
def test_scales_out_of_range_or_mixed_are_errors(
    tmp_path: Path, first: int, second: int, expected: str
) -> None:
    with pytest.raises(ContentError) as exc:
        load(tmp_path, first, second)
    assert any(expected in str(p) for p in exc.value.problems)


def test_a_five_level_session_is_stored_scored_and_reported(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    content = load(tmp_path / "content")
    services = build_services(db_path=tmp_path / "s.db", content=content, config=Config())
    repo = services.repo
    sid = repo.create_session(
        candidate_id=repo.find_or_create_candidate("Noa Example"),
        interviewer="Grace",
        role="Engineer",
        level="mid",
        plan=content.plans["five-plan"],
        content=content,
    )
    live = LiveSession(repo, sid)
    with pytest.raises(ValueError, match="Craft is scored 1-5, not 6"):
        live.set_score("craft", 6)
    live.set_score("craft", 5)
    live.set_score("care", 2)
    result = live.submit("Strong craft, little care.")
    assert result.weighted == pytest.approx(0.7 * 100 + 0.3 * 25)
    report = load_report(repo.db, sid)
    markdown = render_markdown(report)
    assert "| Craft | 5/5 | Level 5 |" in markdown and "### Care — 2/5 Level 2" in markdown
    doc = json.loads(render_json(report))
    assert check(doc, SCHEMA) == []
    assert [(a["score"], a["levels"]) for a in doc["areas"]] == [(5, 5), (2, 5)]
    combined = repo.db.execute("SELECT combined_score FROM candidate_summary").fetchone()[0]
    assert combined == pytest.approx(77.5)
    repo.db.conn.close()


async def test_the_scoring_screen_shows_five_levels_and_takes_key_5(tmp_path: Path) -> None:
    content = load(tmp_path)
    services = build_services(memory=True, content=content, config=Config())
    repo = services.repo
    sid = repo.create_session(
        candidate_id=repo.find_or_create_candidate("Noa Example"),
        interviewer="Grace",
        role="Engineer",
        level="mid",
        plan=content.plans["five-plan"],
        content=content,
    )
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(sid)
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, ScoringScreen)
        text = screen_text(app)
        assert "1-5 or Enter scores" in text and "5 Level 5" in text
        await pilot.press("5")  # scores Craft 5 and moves on to Care
        await pilot.pause()
        assert LiveSession(repo, sid).state.scores == {"craft": 5}
        await pilot.press("6")  # above the scale: refused with a note, nothing written
        await pilot.pause()
        assert any("scored 1-5" in str(n.message) for n in app._notifications)
    assert LiveSession(repo, sid).state.scores == {"craft": 5}
