"""The shipped bank: breadth, levels and kinds, valid plans, and practice forms for live items."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.domain.loader import load_content
from interview.domain.models import Content
from interview.domain.plan_coverage import area_shares, plan_coverage_warnings
from tests.report_support import bundled_content

FLAGSHIPS = ("legacy-monolith", "payment-endpoint", "incident-you-caused")
# Written before labels, live-key limits and fallbacks existed; their owners bring them up.
OLDER_FILES = {
    f"{name}.yaml"
    for name in (
        "scenarios", "databases", "api_design", "async_concurrency", "ai_backend",
        "code_review", "infrastructure", "observability", "python_fundamentals", "testing",
    )
}  # fmt: skip


@pytest.fixture(scope="module")
def content() -> Content:
    return bundled_content()


def newer(content: Content) -> list:  # type: ignore[type-arg]
    return [q for q in content.questions.values() if Path(q.source).name not in OLDER_FILES]


def test_the_bank_is_broad_enough_for_a_year(content: Content) -> None:
    questions = list(content.questions.values())
    assert len(questions) >= 60
    levels = Counter(q.level for q in questions)
    assert levels["junior"] >= 4 and levels["mid"] >= 15 and levels["senior"] >= 30
    kinds = Counter(q.kind for q in questions)
    assert kinds["behavioural"] >= 5 and kinds["code-review"] >= 10
    assert kinds["scenario"] >= 20 and kinds["technical"] >= 15
    live = Counter(a for q in questions if q.live_allowed for a in q.areas)
    for area in ("python", "api", "databases", "testing", "infrastructure", "observability"):
        assert live[area] >= 8, area
    for area in ("rag-data", "llm-reliability", "llm-cost"):
        assert live[area] >= 2, area


def test_topics_a_2026_hiring_manager_expects_are_covered(content: Content) -> None:
    text = "\n".join(
        f"{q.prompt}\n{q.context}\n" + " ".join(s.text for s in q.senior_signals)
        for q in content.questions.values()
    ).lower()
    for topic in (
        "read-your-writes", "back-pressure", "server-side request forgery", "pickle",
        "lockfile", "row-level security",
        "pgbouncer", "create_task", "taskgroup", "aclos", "py-spy", "protocol", "uv.lock",
        "kafka", "outbox", "select_related", "prefetch_related", "select_for_update", "f()",
        "%s", "time to first token", "groundedness", "dead-letter", "confused deputy",
        "ai assistant",
    ):  # fmt: skip
        assert topic in text, topic


def test_behavioural_items_ask_about_the_past_and_offer_a_fallback(content: Content) -> None:
    for q in newer(content):
        if q.kind == "behavioural":
            assert q.prompt.lstrip().startswith("Tell me about"), q.id
            assert re.search(r"\bIf (you|that) ha", q.prompt), q.id


def test_newer_items_fit_the_live_screen_and_carry_labels(content: Content) -> None:
    for q in newer(content):
        assert 3 <= len(q.senior_signals) <= 9, q.id
        assert 2 <= len(q.junior_signals) <= 7, q.id
        assert 3 <= len(q.follow_ups) <= 5, q.id
        assert q.sample_answers, q.id
        rows = (*q.senior_signals, *q.junior_signals, *q.follow_ups)
        assert all(0 < len(r.label) <= 40 for r in rows), q.id
        assert all(f.targets for f in q.follow_ups), q.id


def test_every_plan_is_valid_and_plays_only_what_its_mode_allows(content: Content) -> None:
    assert {"senior-backend-60", "staff-backend-75", "screen-30", "mid-backend-45",
            "ai-backend-60", "practice-short"} <= set(content.plans)  # fmt: skip
    for plan in content.plans.values():
        rubric = content.rubric_for(plan)
        for item in plan.items:
            q = content.questions[item.question_id]
            assert set(q.areas) <= set(rubric.area_ids), (plan.id, q.id)
            allowed = q.practice_allowed if plan.mode == "practice" else q.live_allowed
            assert allowed, (plan.id, q.id)
    assert content.plans["staff-backend-75"].total_minutes > 50
    assert content.plans["screen-30"].total_minutes <= 25


def test_the_senior_loop_is_standardised_and_follows_the_weights(content: Content) -> None:
    plan = content.plans["senior-backend-60"]
    assert 4 <= len(plan.items) <= 5 and plan.total_minutes <= 50
    ids = [i.question_id for i in plan.items]
    assert "expand-contract-migration" in ids
    rubric = content.rubric_for(plan)
    shares = {s.area_id: s for s in area_shares(plan, rubric, content.questions)}
    assert shares["testing"].minutes > 0 and shares["python"].minutes > 0
    assert not any(s.under_sampled for s in shares.values())


def test_no_shipped_plan_under_samples_an_area(content: Content) -> None:
    assert plan_coverage_warnings(content) == []


def test_every_live_plan_item_and_flagship_has_a_practice_form(content: Content) -> None:
    forms = [q for q in content.questions.values() if q.parallel_of]
    for form in forms:
        assert form.audience == "practice", form.id
        live = content.questions[form.parallel_of]
        assert live.live_allowed and live.kind == form.kind, form.id
        assert form.prompt != live.prompt and form.title != live.title, form.id
    mirrored = {f.parallel_of for f in forms}
    live_items = {
        i.question_id for p in content.plans.values() if p.mode == "interview" for i in p.items
    }
    assert set(FLAGSHIPS) | live_items <= mirrored


def test_validate_warns_but_passes_when_a_plan_starves_an_area(tmp_path: Path) -> None:
    plan = tmp_path / "python-only.yaml"
    plan.write_text(
        "id: python-only\ntitle: Python only\nrubric: backend\nmode: interview\n"
        "questions:\n  - gil-cpu-vs-io\n  - typing-protocols-boundaries\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", str(plan)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "python-only" in line]
    assert len(warnings) == 5  # every area but Python gets nothing
    assert any(
        line.endswith(
            "python-only.yaml:5:1: warning: plan 'python-only' gives Databases 0% of its "
            "minutes, under half its weight of 20% — add or lengthen a question that "
            "evidences 'databases'"
        )
        for line in warnings
    ), warnings
    assert result.output.strip().splitlines()[-1].startswith("ok: ")
    content = load_content([[Path("rubrics"), Path("question_bank"), plan]]).content
    shares = {s.area_id: s for s in area_shares(
        content.plans["python-only"], content.rubrics["backend"], content.questions
    )}  # fmt: skip
    assert shares["python"].share == pytest.approx(100.0)
    assert shares["python"].weight == pytest.approx(20.0)
