"""The scoring policy: shipped profiles a hiring committee would accept, strict validation,
plans that set their own bar, and old snapshots that have no policy."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from interview.domain.content_paths import content_layers
from interview.domain.loader import load_content
from interview.domain.models import Content, rubric_from_snapshot
from interview.domain.scoring import Recommendation, score
from tests.test_content_validation import LEVELS, PLAN, QUESTION, RUBRIC, problems

CORE = ("python", "api", "databases")
OTHERS = ("testing", "infrastructure", "observability")


@lru_cache(maxsize=1)
def shipped() -> Content:
    return load_content(content_layers()).content


def test_all_four_but_databases_one_is_not_strong_yes() -> None:
    rubric = shipped().rubrics["backend"]
    result = score(rubric, {**dict.fromkeys(rubric.area_ids, 4), "databases": 1})
    assert result.formula is Recommendation.STRONG_YES  # what the weights alone say
    assert result.recommendation is Recommendation.NO
    assert result.rule.startswith("Strong Yes capped at No: Databases scored 1")


def test_strong_core_and_failed_testing_infra_observability_is_not_yes() -> None:
    rubric = shipped().rubrics["backend"]
    result = score(rubric, {**dict.fromkeys(CORE, 4), **dict.fromkeys(OTHERS, 1)})
    assert result.weighted == pytest.approx(60)
    assert result.recommendation is Recommendation.NO
    assert result.rule == (
        "Yes capped at No: Testing scored 1, Infrastructure scored 1, Observability scored 1 "
        "(Yes needs every area at 2 or more)"
    )


@pytest.mark.parametrize("rubric_id", ["backend", "ai-backend"])
def test_only_two_areas_assessed_is_insufficient_evidence(rubric_id: str) -> None:
    rubric = shipped().rubrics[rubric_id]
    first, second = rubric.area_ids[:2]
    result = score(rubric, {first: 4, second: 4})
    assert result.recommendation is None and result.insufficient
    assert result.rule.startswith("Insufficient evidence: the areas assessed carry")


def test_all_three_is_still_yes_and_all_four_strong_yes() -> None:
    rubric = shipped().rubrics["backend"]
    assert score(rubric, dict.fromkeys(rubric.area_ids, 3)).recommendation is Recommendation.YES
    top = score(rubric, dict.fromkeys(rubric.area_ids, 4))
    assert top.recommendation is Recommendation.STRONG_YES and top.rule == ""


def test_mid_and_senior_plans_are_judged_by_their_own_bar() -> None:
    content = shipped()
    mid = content.rubric_for(content.plans["mid-backend-45"])
    senior = content.rubric_for(content.plans["senior-backend-60"])
    assert mid.thresholds != senior.thresholds
    assert mid.policy == senior.policy  # the floors are the rubric's
    # A profile between the two bars.
    scores = {**dict.fromkeys(content.rubrics["backend"].area_ids, 3), "python": 2, "api": 2}
    assert score(mid, scores).recommendation is Recommendation.YES
    assert score(senior, scores).recommendation is Recommendation.NO
    # The plan's bar travels with the session: its snapshot holds the rubric as used.
    snap = content.snapshot(content.plans["mid-backend-45"])
    stored = rubric_from_snapshot(snap["rubric"])  # type: ignore[arg-type]
    assert (stored.thresholds, stored.policy) == (mid.thresholds, mid.policy)


def test_a_snapshot_without_a_policy_scores_as_before() -> None:
    content = shipped()
    snap = content.snapshot(content.plans["senior-backend-60"])["rubric"]
    old = {k: v for k, v in snap.items() if k != "policy"}  # type: ignore[union-attr]
    rubric = rubric_from_snapshot(old)
    assert rubric.policy is None
    result = score(rubric, {**dict.fromkeys(rubric.area_ids, 4), "databases": 1})
    assert result.recommendation is Recommendation.STRONG_YES and result.rule == ""


POLICY = """\
policy:
  min_assessed_weight: 70
  floors:
    "yes": {no_area_below: 2}
    strong_yes: {no_area_below: 3, must_pass: {databases: 3}}
"""


def test_a_valid_policy_loads(tmp_path: Path) -> None:
    plan = PLAN + 'policy:\n  recommendation: {"no": 30, "yes": 55, strong_yes: 75}\n'
    assert problems(tmp_path, {"r.yaml": RUBRIC + POLICY, "q.yaml": QUESTION, "p.yaml": plan}) == []


@pytest.mark.parametrize(
    ("rubric_policy", "plan_policy", "expected"),
    [
        ("policy:\n  min_assessed_weight: 150\n", "",
         r"r\.yaml:\d+:\d+: 'min_assessed_weight' is 150, outside 0..100"),
        ('policy:\n  floors:\n    maybe: {no_area_below: 2}\n', "",
         r"r\.yaml:\d+:\d+: unknown key 'maybe' in floors"),
        ('policy:\n  floors:\n    "yes": {no_area_below: 5}\n', "",
         r"r\.yaml:\d+:\d+: 'no_area_below' is 5, outside 2..4"),
        ('policy:\n  floors:\n    "yes": {must_pass: {databse: 3}}\n', "",
         r"r\.yaml:\d+:\d+: must-pass area 'databse' is not an area of the rubric — did you mean "
         r"'databases'\?"),
        ('policy:\n  floors:\n    "yes": {}\n', "",
         r"r\.yaml:\d+:\d+: the floor for 'yes' is empty"),
        ("policy:\n  recommendation: {no: 1, yes: 2, strong_yes: 3}\n", "",
         r"r\.yaml:\d+:\d+: unknown key 'recommendation' in policy"),
        ("", 'policy:\n  floors:\n    strong_yes: {must_pass: {testing: 3}}\n',
         r"p\.yaml:\d+:\d+: must-pass area 'testing' is not an area of the rubric"),
        ("", 'policy:\n  recommendation: {"no": 70, "yes": 60, strong_yes: 80}\n',
         r"p\.yaml:\d+:\d+: thresholds out of order: no 70, yes 60, strong_yes 80"),
    ],
)  # fmt: skip
def test_policy_errors_are_file_line_col(
    tmp_path: Path, rubric_policy: str, plan_policy: str, expected: str
) -> None:
    found = problems(
        tmp_path,
        {"r.yaml": RUBRIC + rubric_policy, "q.yaml": QUESTION, "p.yaml": PLAN + plan_policy},
    )
    assert any(__import__("re").search(expected, p) for p in found), found


def test_levels_fixture_is_shared() -> None:
    assert "score: 4" in LEVELS
