"""The prepared scorer of long lists (the ranked list, calibration) says exactly what
``score`` says: the same weighted score to the last bit, the same recommendation, the
same rule in words, the same errors, for any rubric, policy and scores."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview.domain.rubric import Area, Floor, Level, Policy, Rubric, Thresholds
from interview.domain.scoring import score
from interview.domain.scoring_prepared import RubricScorer, Verdict

AREA_IDS = ("python", "api", "databases", "testing", "infra", "obs", "security")


@st.composite
def rubrics(draw: st.DrawFn, floors_always: bool = False) -> Rubric:
    ids = draw(st.lists(st.sampled_from(AREA_IDS), min_size=1, max_size=7, unique=True))
    areas = []
    for area_id in ids:
        top = draw(st.integers(3, 7))
        levels = tuple(Level(i, f"L{i}", ()) for i in range(1, top + 1))
        # Some rubrics weigh an area 0: it is assessed but counts for nothing.
        weight = draw(st.integers(0, 40) | st.sampled_from((10, 20)))
        areas.append(Area(area_id, area_id.title(), weight, "", levels))
    cuts = sorted(draw(st.lists(st.floats(0, 100), min_size=3, max_size=3)))
    policy = None
    if floors_always or draw(st.booleans()):
        floors = tuple(
            Floor(
                recommendation=draw(st.sampled_from(("no", "yes", "strong_yes"))),
                no_area_below=draw(st.none() | st.integers(1, 4)),
                must_pass=draw(
                    st.dictionaries(st.sampled_from(AREA_IDS), st.integers(1, 5), max_size=3)
                ),
            )
            for _ in range(draw(st.integers(int(floors_always), 4)))
        )
        policy = Policy(
            # Minimums a share of the weight can meet only once rounded (two areas of
            # three: 66.66666666666667%), as well as any other.
            min_assessed_weight=draw(
                st.none() | st.floats(0, 100) | st.sampled_from((33.333333, 66.666667, 50.0))
            ),
            floors=floors if floors_always else draw(st.none() | st.just(floors)),
        )
    return Rubric("r", "R", "", tuple(areas), Thresholds(*cuts), policy=policy)


@st.composite
def mean_of(draw: st.DrawFn, top: int) -> float:
    """A panel's mean: the scores of one to four interviewers, 2.6666666666666665 say."""
    raters = draw(st.integers(1, 4))
    return draw(st.integers(raters, raters * top)) / raters


def values(top: int) -> st.SearchStrategy[Any]:
    """Scores as stored (whole points), as panels give them (means), missing ones, and
    now and then one off the scale (or not a number at all)."""
    return st.none() | scored(top) | st.sampled_from((0, top + 1, 0.5, float("nan"), float("inf")))


def scored(top: int) -> st.SearchStrategy[Any]:
    return st.integers(1, top) | mean_of(top)


@st.composite
def scores_for(draw: st.DrawFn, rubric: Rubric) -> dict[str, Any]:
    scores = {a.id: draw(values(a.top)) for a in rubric.areas if draw(st.integers(0, 5))}
    if draw(st.booleans()):
        scores["unknown"] = 2  # not an area of the rubric: ignored by both
    return scores


def expected(rubric: Rubric, scores: dict[str, Any]) -> Verdict | str:
    try:
        result = score(rubric, scores, sensitivity=False)
    except (ValueError, ZeroDivisionError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return Verdict(result.weighted, result.recommendation, result.rule, result.insufficient)


def prepared(scorer: RubricScorer, scores: dict[str, Any]) -> Verdict | str:
    try:
        return scorer.verdict(scores)
    except (ValueError, ZeroDivisionError) as exc:
        return f"{type(exc).__name__}: {exc}"


@settings(max_examples=200)
@given(rubrics(), st.data())
def test_prepared_scoring_equals_score(rubric: Rubric, data: st.DataObject) -> None:
    scores = data.draw(scores_for(rubric))
    want, got = expected(rubric, scores), prepared(RubricScorer(rubric), scores)
    assert got == want
    if isinstance(want, Verdict) and want.weighted is not None:
        # The same float, not merely a close one: lists sort and filter by it.
        assert isinstance(got, Verdict) and got.weighted is not None
        assert got.weighted.hex() == want.weighted.hex()


@settings(max_examples=60)
@given(rubrics(), st.data())
def test_one_scorer_serves_many_candidates(rubric: Rubric, data: st.DataObject) -> None:
    """Prepared once, the scorer gives every candidate the answer of its own call."""
    scorer = RubricScorer(rubric)
    for _ in range(5):
        scores = data.draw(scores_for(rubric))
        assert prepared(scorer, scores) == expected(rubric, scores)


@settings(max_examples=200)
@given(st.booleans().flatmap(lambda floors: rubrics(floors_always=floors)), st.data())
def test_every_area_assessed_equals_score(rubric: Rubric, data: st.DataObject) -> None:
    """Most candidates on a list have every area scored: that path on its own, often
    under several floors at once (a lower level's floor may ask more than a higher's)."""
    scores = {a.id: data.draw(scored(a.top)) for a in rubric.areas}
    assert prepared(RubricScorer(rubric), scores) == expected(rubric, scores)


POLICY = Policy(
    min_assessed_weight=70,
    floors=(
        Floor("yes", no_area_below=2),
        Floor("strong_yes", no_area_below=3, must_pass={"databases": 4}),
    ),
)


@pytest.mark.parametrize(
    ("scores", "rule"),
    [
        ({"python": 4, "api": 4, "databases": 1, "testing": 4}, "capped at No"),
        ({"python": 4, "api": 4, "databases": None, "testing": 4}, "was not assessed"),
        ({"python": 4}, "Insufficient evidence"),
        ({"python": 3.5, "api": 3.25, "databases": 4, "testing": 3}, ""),
    ],
)
def test_caps_and_insufficient_evidence_come_with_their_rule(
    scores: dict[str, float | None], rule: str
) -> None:
    levels = tuple(Level(i, f"L{i}", ()) for i in range(1, 5))
    rubric = Rubric(
        "r",
        "R",
        "",
        tuple(Area(a, a, 25, "", levels) for a in ("python", "api", "databases", "testing")),
        Thresholds(35, 60, 80),
        policy=POLICY,
    )
    verdict = RubricScorer(rubric).verdict(scores)
    assert verdict == expected(rubric, scores)
    assert rule in verdict.rule
    if not rule:
        assert verdict.rule == "" and verdict.recommendation is not None


def test_a_score_off_the_scale_is_refused_as_score_refuses_it() -> None:
    levels = tuple(Level(i, f"L{i}", ()) for i in range(1, 5))
    rubric = Rubric("r", "R", "", (Area("api", "API", 10, "", levels),), Thresholds(35, 60, 80))
    with pytest.raises(ValueError, match="score for api must be 1-4, got 5"):
        RubricScorer(rubric).verdict({"api": 5})


@pytest.mark.parametrize(
    "floors",
    [
        (Floor("no", no_area_below=3), Floor("yes", no_area_below=2)),
        (Floor("no", must_pass={"c": 3}), Floor("yes", must_pass={"c": 2})),
    ],
)
def test_a_lower_floor_asking_more_still_caps(floors: tuple[Floor, ...]) -> None:
    """Floors hold for their level and every level above: a Strong Yes by the formula is
    held by the No floor when only the Yes floor would let it pass."""
    levels = tuple(Level(i, f"L{i}", ()) for i in range(1, 5))
    rubric = Rubric(
        "r",
        "R",
        "",
        tuple(Area(a, a, 10, "", levels) for a in ("a", "b", "c")),
        Thresholds(35, 60, 80),
        policy=Policy(floors=floors),
    )
    scores = {"a": 4, "b": 4, "c": 2.5}
    verdict = RubricScorer(rubric).verdict(scores)
    assert verdict == expected(rubric, scores)
    assert verdict.recommendation == "strong_no" and "capped at Strong No" in verdict.rule
