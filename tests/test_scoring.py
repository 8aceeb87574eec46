from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview.domain.models import Area, Floor, Level, Policy, Rubric, Thresholds
from interview.domain.scoring import Recommendation, score


def make_rubric(weights: dict[str, int]) -> Rubric:
    levels = tuple(Level(i, f"L{i}", ("a", "b")) for i in range(1, 5))
    return Rubric(
        id="r",
        title="R",
        description="",
        areas=tuple(Area(a, a, w, "", levels) for a, w in weights.items()),
        thresholds=Thresholds(35, 60, 80),
    )


DEFAULT = make_rubric(
    {
        "python": 20,
        "api": 20,
        "databases": 20,
        "testing": 15,
        "infrastructure": 15,
        "observability": 10,
    }
)


def test_all_top_scores_give_100_and_strong_yes() -> None:
    result = score(DEFAULT, dict.fromkeys(DEFAULT.area_ids, 4))
    assert result.weighted == pytest.approx(100)
    assert result.recommendation is Recommendation.STRONG_YES
    assert result.not_assessed == ()


def test_weights_are_applied() -> None:
    # python 4 (100 points, weight 20) and observability 1 (0 points, weight 10) only.
    result = score(DEFAULT, {"python": 4, "observability": 1})
    assert result.weighted == pytest.approx(100 * 20 / 30)
    assert set(result.not_assessed) == {"api", "databases", "testing", "infrastructure"}
    assert result.effective_weights["python"] == pytest.approx(2 / 3)


def test_nothing_assessed() -> None:
    result = score(DEFAULT, {})
    assert result.weighted is None and result.recommendation is None
    assert len(result.not_assessed) == 6


def test_sensitivity_reports_flips_near_a_threshold() -> None:
    # All 3 -> 66.7 (Yes). Dropping python to 2 -> 60.0 (still Yes, boundary inclusive);
    scores = dict.fromkeys(DEFAULT.area_ids, 3)
    result = score(DEFAULT, scores)
    assert result.recommendation is Recommendation.YES
    assert not any(f.delta == -1 and f.area_id == "observability" for f in result.flips)
    # At 2.5 average-ish: mix so that one point down flips to No.
    scores = {**dict.fromkeys(DEFAULT.area_ids, 3), "python": 2, "api": 2}
    result = score(DEFAULT, scores)
    assert result.weighted == pytest.approx(100 * (60 * 2 / 3 + 40 * 1 / 3) / 100)
    assert result.recommendation is Recommendation.NO
    assert result.sensitive
    assert "would change the recommendation" in result.sensitivity_text()
    assert all(f.recommendation is not result.recommendation for f in result.flips)


def test_out_of_range_score_is_rejected() -> None:
    with pytest.raises(ValueError):
        score(DEFAULT, {"python": 5})


area_scores = st.dictionaries(
    st.sampled_from(DEFAULT.area_ids), st.one_of(st.none(), st.integers(1, 4))
)


@given(area_scores)
def test_weighted_score_in_range(scores: dict[str, int | None]) -> None:
    result = score(DEFAULT, scores)
    if result.weighted is not None:
        assert 0 <= result.weighted <= 100


@given(area_scores, st.sampled_from(DEFAULT.area_ids))
def test_monotonic_in_each_area(scores: dict[str, int | None], area: str) -> None:
    current = scores.get(area)
    if current is None or current == 4:
        return
    before = score(DEFAULT, scores).weighted
    after = score(DEFAULT, {**scores, area: current + 1}).weighted
    assert before is not None and after is not None
    assert after > before


@given(area_scores, st.permutations(list(DEFAULT.area_ids)))
def test_area_order_does_not_matter(scores: dict[str, int | None], order: list[str]) -> None:
    weights = {a.id: a.weight for a in DEFAULT.areas}
    shuffled = make_rubric({a: weights[a] for a in order})
    a, b = score(DEFAULT, scores), score(shuffled, scores)
    if a.weighted is None:
        assert b.weighted is None
    else:
        assert b.weighted == pytest.approx(a.weighted)
        assert a.recommendation == b.recommendation


POLICY = Policy(
    min_assessed_weight=70,
    floors=(
        Floor("yes", no_area_below=2),
        Floor("strong_yes", no_area_below=3, must_pass={"databases": 4}),
    ),
)
WITH_POLICY = replace(DEFAULT, policy=POLICY)


def test_an_area_at_one_caps_yes_at_no_and_says_why() -> None:
    scores = {**dict.fromkeys(DEFAULT.area_ids, 4), "databases": 1}
    result = score(WITH_POLICY, scores)
    assert result.formula is Recommendation.STRONG_YES
    assert result.recommendation is Recommendation.NO
    assert result.rule_kind == "cap"
    assert result.rule == (
        "Strong Yes capped at No: databases scored 1 (Yes needs every area at 2 or more)"
    )


def test_strong_yes_floor_caps_at_yes() -> None:
    scores = {**dict.fromkeys(DEFAULT.area_ids, 4), "testing": 2}
    result = score(WITH_POLICY, scores)
    assert result.recommendation is Recommendation.YES
    assert result.rule == (
        "Strong Yes capped at Yes: testing scored 2 "
        "(Strong Yes needs every area at 3 or more and databases at 4 or more)"
    )


def test_must_pass_area_not_assessed_caps() -> None:
    scores = {**dict.fromkeys(DEFAULT.area_ids, 4), "databases": None}
    result = score(WITH_POLICY, scores)
    assert result.recommendation is Recommendation.YES
    assert "databases was not assessed" in result.rule


def test_too_little_assessed_is_insufficient_evidence() -> None:
    result = score(WITH_POLICY, {"api": 4, "databases": 4})
    assert result.weighted == pytest.approx(100)
    assert result.recommendation is None and result.insufficient
    assert result.recommendation_label == "Insufficient evidence"
    assert result.assessed_weight == pytest.approx(40)
    assert "40%" in result.rule and "70%" in result.rule
    assert result.flips == () and result.sensitivity_text() == ""


def test_no_policy_keeps_the_formula() -> None:
    scores = {**dict.fromkeys(DEFAULT.area_ids, 4), "databases": 1}
    result = score(DEFAULT, scores)
    assert result.recommendation is Recommendation.STRONG_YES
    assert result.rule == "" and result.rule_kind is None


def test_flips_follow_the_policy_and_robust_is_said() -> None:
    scores = {**dict.fromkeys(DEFAULT.area_ids, 4), "databases": 1}
    result = score(WITH_POLICY, scores)
    # databases 1 -> 2 lifts the floor: the formula's Strong Yes is held at Yes by the
    # Strong Yes floor (every area at 3).
    flip = next(f for f in result.flips if f.area_id == "databases" and f.delta == 1)
    assert flip.recommendation is Recommendation.YES and flip.value == 2
    robust = score(WITH_POLICY, dict.fromkeys(DEFAULT.area_ids, 1))
    assert robust.recommendation is Recommendation.STRONG_NO
    assert robust.sensitivity_text().startswith("Robust")


@given(area_scores)
def test_policy_never_raises_the_recommendation(scores: dict[str, int | None]) -> None:
    plain, held = score(DEFAULT, scores), score(WITH_POLICY, scores)
    if held.recommendation is not None:
        assert plain.recommendation is not None
        assert list(Recommendation).index(held.recommendation) <= list(Recommendation).index(
            plain.recommendation
        )
