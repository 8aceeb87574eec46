"""Wherever a recommendation is shown, the scoring policy's rule that decided it is too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from interview.reports.ats import render_ats
from interview.reports.build import load_report
from interview.reports.export import render
from interview.reports.panel_csv import render_panel as panel_csv
from interview.reports.panel_csv import render_ranking as ranking_csv
from interview.reports.panel_html import render_panel as panel_html
from interview.reports.panel_html import render_ranking as ranking_html
from interview.reports.panel_md import render_panel as panel_md
from interview.reports.panel_md import render_ranking as ranking_md
from interview.reports.panel_text import panel_renderable, ranking_notes
from interview.reports.terminal import render_text
from interview.services.container import Services
from interview.services.live import LiveSession
from interview.services.panel import PanelService
from tests.panel_support import close, interview, services_at

AREAS = ("python", "api", "databases", "testing", "infrastructure", "observability")
CAPPED = {**dict.fromkeys(AREAS, 4), "databases": 1}
RULE = "Strong Yes capped at No: Databases scored 1 (Yes needs every area at 2 or more)"


@pytest.fixture
def services(tmp_path: Path) -> Services:
    s = services_at(tmp_path / "p.db")
    yield s
    close(s)


def plain(renderable: object) -> str:
    console = Console(width=300, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def test_every_report_format_names_the_rule(services: Services) -> None:
    sid = interview(services, candidate="Ada", interviewer="Alice", scores=CAPPED)
    report = load_report(services.repo.db, sid)
    assert report.recommendation == "no" and report.policy_rule == RULE
    assert RULE in render(report, "md")
    assert RULE in render(report, "html")
    assert RULE in render(report, "csv")
    assert RULE in render_text(report, width=200)
    for system in ("greenhouse", "lever", "ashby"):
        assert json.loads(render_ats(report, system))["source"]["scoring_policy"] == RULE
    score = json.loads(render(report, "json"))["score"]
    assert score["policy"] == {
        "rule": RULE,
        "kind": "cap",
        "formula_recommendation": "strong_yes",
        "assessed_weight": 100.0,
        "min_assessed_weight": 70.0,
    }


def test_insufficient_evidence_is_a_result_not_a_recommendation(services: Services) -> None:
    two = {"api": 4, "databases": 4}
    sid = interview(services, candidate="Bo", interviewer="Alice", scores=two)
    report = load_report(services.repo.db, sid)
    assert report.recommendation is None
    assert report.recommendation_label == "Insufficient evidence"
    assert "## Recommendation: Insufficient evidence — 100.0 / 100" in render(report, "md")
    assert "a recommendation needs 70%" in render_text(report, width=200)
    assert services.repo.list_sessions()[0].recommendation is None


def test_panel_and_ranking_name_the_rule(services: Services) -> None:
    interview(services, candidate="Ada", code="C-1", interviewer="Alice", scores=CAPPED)
    interview(services, candidate="Ada", code="C-1", interviewer="Bob", scores=CAPPED)
    svc = PanelService(services.repo)
    view = svc.view(svc.find_candidate("C-1"))
    assert view.combined.rule == RULE
    assert f"Scoring policy: {RULE}" in plain(panel_renderable(view))
    assert RULE in panel_md(view) and RULE in panel_html(view) and RULE in panel_csv(view)
    ranking = svc.ranking()
    rows = ranking.filtered()
    assert rows[0].recommendation_label == "No*" and rows[0].rule == RULE
    assert f"Ada (C-1): {RULE}" in plain(ranking_notes(rows))
    for render_ranking in (ranking_md, ranking_html, ranking_csv):
        assert RULE in render_ranking(ranking, rows)


def test_summary_headline_names_the_rule(services: Services) -> None:
    from interview.tui.widgets.scoring import result_lines

    sid = interview(services, candidate="Ada", interviewer="Alice", scores=CAPPED, submit=False)
    live = LiveSession(services.repo, sid)
    text = result_lines(live.rubric, live.result(), set()).plain
    assert " No " in text and f"Scoring policy: {RULE}" in text


def test_the_summary_draft_is_told_the_rule(services: Services) -> None:
    from interview.services.summary_draft import evidence_for

    sid = interview(services, candidate="Ada", interviewer="Alice", scores=CAPPED, submit=False)
    assert evidence_for(LiveSession(services.repo, sid)).recommendation == f"No ({RULE})"
