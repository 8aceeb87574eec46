from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview.domain.models import Area, Level, Rubric, Thresholds
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
    assert "flip" in result.sensitivity_text()
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
