"""Scoring many candidates against one rubric: ``score``'s formula with the rubric's
weights, scales, cut scores and floors laid out once (the ranked list and calibration
score thousands of panels). Equal to ``score`` to the bit: ``tests/test_scoring_prepared.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import mul, sub, truediv
from typing import NamedTuple

from interview.domain.rubric import Rubric
from interview.domain.scoring import (
    MIN_SCORE,
    ORDER,
    Recommendation,
    recommend,
    score,
)


class Verdict(NamedTuple):
    """What a list of many candidates shows of a result: the weighted score, the
    recommendation, the policy rule that decided it ("" if none did) and whether too
    little was assessed to recommend (as ``ScoreResult`` has them)."""

    weighted: float | None
    recommendation: Recommendation | None
    rule: str
    insufficient: bool


class RubricScorer:
    """``score(rubric, scores, sensitivity=False)`` for many sets of scores against one
    rubric, with the rubric's weights, scales, cut scores and floors laid out once.

    ``verdict`` gives what that result says of the recommendation, the weighted score
    computed by the same operations in the same order (so the same float). A result a
    floor of the policy caps, or one with too little assessed to recommend, needs the
    words of its rule: those few are left to ``score`` itself, as are scores outside
    the scale (``score`` raises the ValueError).
    """

    __slots__ = (
        "_areas",
        "_floors",
        "_full",
        "_hundreds",
        "_ids",
        "_minimum",
        "_ones",
        "_shares",
        "_spans",
        "_thresholds",
        "_top",
        "_total",
        "rubric",
    )

    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        areas = rubric.areas
        # (area id, weight, top of its scale, span of its scale), in the rubric's order
        self._areas = tuple((a.id, a.weight, a.top, a.top - MIN_SCORE) for a in areas)
        self._ids = tuple(a.id for a in areas)
        self._total = total = sum(a.weight for a in areas)
        self._thresholds = rubric.thresholds
        policy = rubric.policy
        self._minimum = minimum = policy.min_assessed_weight if policy else None
        # As ``_apply_floors`` reads them: one floor per level, the last one given wins.
        floors = {f.recommendation: f for f in (policy.floors if policy else None) or ()}
        # Per level of ORDER: None, or (no area below, ((must-pass area id, minimum), ...))
        # with must-pass areas outside the rubric left out, as ``_floor_failures`` does.
        self._floors: tuple[tuple[int | None, tuple[tuple[str, int], ...]] | None, ...] = tuple(
            (
                floor.no_area_below,
                tuple(
                    (a.id, floor.must_pass[a.id])
                    for a in areas
                    if floor.must_pass.get(a.id) is not None
                ),
            )
            if (floor := floors.get(level.value)) is not None
            else None
            for level in ORDER
        )
        # Every area assessed (most candidates): each area's share of the weight (none when
        # nothing weighs anything), its scale's span and the constants of ``area_points``;
        # then per level of the formula the floors it must pass, merged: the highest "no
        # area below" and per area (by position) the highest minimum.
        self._shares = tuple(a.weight / total for a in areas) if total else ()
        self._spans = tuple(a.top - MIN_SCORE for a in areas)
        self._ones = (MIN_SCORE,) * len(areas)
        self._hundreds = (100,) * len(areas)
        self._top = min((a.top for a in areas), default=MIN_SCORE)  # the smallest scale's top
        self._full: dict[Recommendation, tuple[int | None, tuple[tuple[int, int], ...]]] = {}
        for index, level in enumerate(ORDER):
            below: int | None = None
            need: dict[int, int] = {}
            for check in self._floors[: index + 1]:
                if check is None:
                    continue
                if check[0] is not None:
                    below = check[0] if below is None else max(below, check[0])
                for area_id, least in check[1]:
                    at = self._ids.index(area_id)
                    need[at] = max(need.get(at, least), least)
            self._full[level] = (below, tuple(need.items()))
        # As ``_outcome``: with every area assessed, the share of the rubric's weight is 100%.
        if minimum is not None and total and round(100 * total / total, 6) < minimum:
            self._shares = ()  # too little weight even then: every result needs its rule

    def _scored(self, scores: Mapping[str, float | None]) -> Verdict:
        result = score(self.rubric, scores, sensitivity=False)
        return Verdict(result.weighted, result.recommendation, result.rule, result.insufficient)

    def verdict(self, scores: Mapping[str, float | None]) -> Verdict:
        given = list(map(scores.get, self._ids))
        if not self._shares or None in given:
            return self._some_assessed(scores)
        values: list[float] = given  # type: ignore[assignment]  # no None among them
        low = min(values)
        if not (low >= MIN_SCORE and max(values) <= self._top):
            return self._some_assessed(scores)  # checks each area's own scale (and raises)
        # As ``_combine``: share * ((value - MIN_SCORE) / span * 100) for each area, summed
        # in the rubric's order (the same operations, each done by ``operator`` in C).
        weighted = sum(
            map(
                mul,
                self._shares,
                map(mul, map(truediv, map(sub, values, self._ones), self._spans), self._hundreds),
            )
        )
        if weighted != weighted:  # not a number among the scores: no comparison caught it
            return self._scored(scores)  # raises, with the area in the message
        formula = recommend(weighted, self._thresholds)
        below, need = self._full[formula]
        if below is not None and low < below:
            return self._scored(scores)  # capped: the cap's reasons in words
        for at, least in need:
            if values[at] < least:
                return self._scored(scores)
        return Verdict(weighted, formula, "", False)

    def _some_assessed(self, scores: Mapping[str, float | None]) -> Verdict:
        get = scores.get
        assessed: list[tuple[int, int, float]] = []
        for area_id, weight, top, span in self._areas:
            value = get(area_id)
            if value is not None:
                if not MIN_SCORE <= value <= top:
                    return self._scored(scores)  # raises, with the area in the message
                assessed.append((weight, span, value))
        total = sum([weight for weight, _, _ in assessed])
        if not total:
            return self._scored(scores)  # nothing assessed (or only weightless areas)
        weighted = sum(
            [
                weight / total * ((value - MIN_SCORE) / span * 100)
                for weight, span, value in assessed
            ]
        )
        # As ``_outcome``: the share of the rubric's weight assessed, against the minimum.
        if self._minimum is not None and round(100 * total / self._total, 6) < self._minimum:
            return self._scored(scores)  # insufficient evidence: its rule in words
        formula = recommend(weighted, self._thresholds)
        for check in self._floors[: ORDER.index(formula) + 1]:
            if check is None:
                continue
            below, must = check
            if below is not None and any(value < below for _, _, value in assessed):
                return self._scored(scores)  # capped: the cap's reasons in words
            for area_id, need in must:
                value = get(area_id)
                if value is None or value < need:
                    return self._scored(scores)
        return Verdict(weighted, formula, "", False)
