"""Weighted scoring, recommendation and sensitivity: the formula that combines scores.

The weighted score (0-100) gives a recommendation by the thresholds. A rubric's (or a
plan's) policy can then hold it back:

- floors: a result is "Yes or better" only if, say, no area scored 1 (``no_area_below``)
  and named must-pass areas reached a minimum; otherwise it is capped at the highest
  recommendation whose floors hold, and the result says which rule capped it;
- a minimum assessed weight: below it the result is "insufficient evidence", with no
  recommendation at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from math import fsum

from interview.domain.rubric import Floor, Rubric, Thresholds

MIN_SCORE = 1
MAX_SCORE = 4


class Recommendation(StrEnum):
    STRONG_NO = "strong_no"
    NO = "no"
    YES = "yes"
    STRONG_YES = "strong_yes"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").title()


ORDER = tuple(Recommendation)  # lowest to highest
INSUFFICIENT_LABEL = "Insufficient evidence"


def recommend(weighted: float, thresholds: Thresholds) -> Recommendation:
    # Round away float noise so a score exactly on a threshold counts as reaching it.
    weighted = round(weighted, 6)
    if weighted >= thresholds.strong_yes:
        return Recommendation.STRONG_YES
    if weighted >= thresholds.yes:
        return Recommendation.YES
    if weighted >= thresholds.no:
        return Recommendation.NO
    return Recommendation.STRONG_NO


def area_points(score: float, top: int = MAX_SCORE) -> float:
    """Map a score on a 1..``top`` scale (1-4 unless the rubric declares more) onto 0-100."""
    return (score - MIN_SCORE) / (top - MIN_SCORE) * 100


def mean(values: Iterable[float]) -> float:
    """The mean as ``statistics.fmean`` computes it (``math.fsum`` over the count), without
    importing ``statistics`` (and with it ``fractions``, ``decimal`` and ``random``)."""
    data = values if isinstance(values, list | tuple) else list(values)
    if not data:
        raise ValueError("mean of no values")
    return fsum(data) / len(data)


def fmt_score(value: float) -> str:
    """1, 2.5, 1.33: a score (or a panel's mean) as people write it."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True, slots=True)
class Flip:
    """A one-point change in one area that would change the recommendation.

    ``delta`` is the change of one score (+1 or -1); ``value`` is what the area's score
    (or, on a panel, its mean) would become.
    """

    area_id: str
    delta: int
    weighted: float
    recommendation: Recommendation
    area_title: str = ""
    value: float = 0.0

    def text(self) -> str:
        return (
            f"{self.area_title or self.area_id} {self.delta:+d} → "
            f"{self.recommendation.label} ({self.weighted:.1f})"
        )


@dataclass(frozen=True, slots=True)
class Cap:
    """The formula's recommendation held back by a floor of the policy."""

    formula: Recommendation
    final: Recommendation
    blocked: Recommendation  # the level just above ``final`` whose floor failed
    reasons: tuple[str, ...]  # "Databases scored 1", one per failing area
    rule: str  # "Yes needs every area at 2 or more"

    @property
    def text(self) -> str:
        return (
            f"{self.formula.label} capped at {self.final.label}: "
            f"{', '.join(self.reasons)} ({self.rule})"
        )


@dataclass(frozen=True)
class ScoreResult:
    weighted: float | None
    recommendation: Recommendation | None
    assessed: tuple[str, ...]
    not_assessed: tuple[str, ...]
    effective_weights: dict[str, float]
    contributions: dict[str, float]
    flips: tuple[Flip, ...]
    formula: Recommendation | None = None  # what the thresholds alone say
    cap: Cap | None = None
    assessed_weight: float = 0.0  # percent of the rubric's total weight that was scored
    min_assessed_weight: float | None = None

    @property
    def insufficient(self) -> bool:
        """Scores were given, but too little of the rubric was assessed to recommend."""
        return self.weighted is not None and self.recommendation is None

    @property
    def sensitive(self) -> bool:
        return bool(self.flips)

    @property
    def recommendation_label(self) -> str:
        if self.recommendation is not None:
            return self.recommendation.label
        return INSUFFICIENT_LABEL if self.insufficient else "—"

    @property
    def rule_kind(self) -> str | None:
        """ "cap", "insufficient_evidence", or None when the formula alone decided."""
        if self.insufficient:
            return "insufficient_evidence"
        return "cap" if self.cap else None

    @property
    def rule(self) -> str:
        """The policy rule that decided the recommendation, in words; "" if none did."""
        if self.insufficient:
            return (
                f"{INSUFFICIENT_LABEL}: the areas assessed carry {self.assessed_weight:.0f}% "
                f"of the rubric's weight; a recommendation needs {self.min_assessed_weight:g}%"
            )
        return self.cap.text if self.cap else ""

    def sensitivity_text(self, *, panel: bool = False) -> str:
        """Which one-point changes would change the recommendation, or that none would."""
        if self.recommendation is None:
            return ""
        who = "One interviewer changing one score by one point" if panel else "A one-point change"
        if not self.flips:
            if panel:
                return (
                    "Robust: no interviewer changing one score by one point "
                    "changes the recommendation."
                )
            return "Robust: no one-point change in one area changes the recommendation."
        return f"{who} would change the recommendation: " + "; ".join(f.text() for f in self.flips)


@dataclass(frozen=True, slots=True)
class _Outcome:
    weighted: float | None
    formula: Recommendation | None
    recommendation: Recommendation | None
    cap: Cap | None
    assessed_weight: float


def _combine(
    rubric: Rubric, scores: Mapping[str, float]
) -> tuple[float | None, dict[str, float], dict[str, float]]:
    """(weighted score, effective weight per assessed area, each area's contribution)."""
    assessed = [(a, v) for a in rubric.areas if (v := scores.get(a.id)) is not None]
    total = sum(a.weight for a, _ in assessed)
    if not total:
        return None, {}, {}
    effective: dict[str, float] = {}
    contributions: dict[str, float] = {}
    for a, value in assessed:
        effective[a.id] = share = a.weight / total
        contributions[a.id] = share * area_points(value, a.top)
    # The same additions in the same order as summing the products directly.
    return sum(contributions.values()), effective, contributions


def _weighted(rubric: Rubric, scores: Mapping[str, float]) -> tuple[float | None, dict[str, float]]:
    weighted, effective, _ = _combine(rubric, scores)
    return weighted, effective


def _floor_failures(rubric: Rubric, floor: Floor, scores: Mapping[str, float]) -> tuple[str, ...]:
    out: list[str] = []
    for area in rubric.areas:
        value = scores.get(area.id)
        need = floor.must_pass.get(area.id)
        if need is not None and value is None:
            out.append(f"{area.title} was not assessed")
        elif value is not None and (
            (floor.no_area_below is not None and value < floor.no_area_below)
            or (need is not None and value < need)
        ):
            out.append(f"{area.title} scored {fmt_score(value)}")
    return tuple(out)


def _floor_rule(rubric: Rubric, floor: Floor) -> str:
    label = Recommendation(floor.recommendation).label
    parts = []
    if floor.no_area_below is not None:
        parts.append(f"every area at {floor.no_area_below} or more")
    for area in rubric.areas:
        if area.id in floor.must_pass:
            parts.append(f"{area.title} at {floor.must_pass[area.id]} or more")
    return f"{label} needs " + " and ".join(parts)


def _apply_floors(
    rubric: Rubric, formula: Recommendation, scores: Mapping[str, float]
) -> tuple[Recommendation, Cap | None]:
    floors = {f.recommendation: f for f in (rubric.policy.floors if rubric.policy else None) or ()}
    if not floors:
        return formula, None
    # Floors hold for their recommendation and every one above it: walk down from the
    # formula's answer to the highest level whose floors (and those below it) all hold.
    # Levels above the formula's answer never matter, so their floors are not checked.
    failing = {
        level: _floor_failures(rubric, floors[level.value], scores)
        for level in ORDER[: ORDER.index(formula) + 1]
        if level.value in floors
    }
    final = formula
    while final is not ORDER[0] and any(
        failing.get(level) for level in ORDER[: ORDER.index(final) + 1]
    ):
        final = ORDER[ORDER.index(final) - 1]
    if final is formula:
        return formula, None
    blocked = ORDER[ORDER.index(final) + 1]
    return final, Cap(
        formula=formula,
        final=final,
        blocked=blocked,
        reasons=failing[blocked],
        rule=_floor_rule(rubric, floors[blocked.value]),
    )


def _outcome(
    rubric: Rubric, scores: Mapping[str, float], weighted: float | bool | None = False
) -> _Outcome:
    """``weighted``: the weighted score of ``scores`` when the caller has it already."""
    if weighted is False:
        weighted, _ = _weighted(rubric, scores)
    total = assessed = 0
    for a in rubric.areas:
        total += a.weight
        if a.id in scores:
            assessed += a.weight
    assessed_weight = 100 * assessed / total if total else 0.0
    if weighted is None:
        return _Outcome(None, None, None, None, assessed_weight)
    formula = recommend(weighted, rubric.thresholds)
    minimum = rubric.policy.min_assessed_weight if rubric.policy else None
    if minimum is not None and round(assessed_weight, 6) < minimum:
        return _Outcome(weighted, formula, None, None, assessed_weight)
    final, cap = _apply_floors(rubric, formula, scores)
    return _Outcome(weighted, formula, final, cap, assessed_weight)


def score(
    rubric: Rubric,
    scores: Mapping[str, float | None],
    *,
    steps: Mapping[str, float] | None = None,
    sensitivity: bool = True,
) -> ScoreResult:
    """Combine area scores (1-4, or 1..n on a rubric of n levels; None = not assessed) by
    the rubric's weights and policy.

    Unknown area ids are ignored; scores outside the scale raise ValueError. Panels may
    pass fractional means, so floats are accepted; ``steps`` then says how far one
    score changed by one point moves each area's mean (1 / the number of raters).
    ``sensitivity=False`` skips the one-point check (a ranked list of thousands does not
    show it, and it costs a dozen recomputations per candidate).
    """
    clean: dict[str, float] = {}
    missing: list[str] = []
    for area in rubric.areas:
        value = scores.get(area.id)
        if value is None:
            missing.append(area.id)
            continue
        if not MIN_SCORE <= value <= area.top:
            raise ValueError(f"score for {area.id} must be 1-{area.top}, got {value}")
        clean[area.id] = value
    weighted, effective, contributions = _combine(rubric, clean)
    assessed = tuple(clean)  # in the rubric's order, as ``clean`` was filled
    not_assessed = tuple(missing)
    outcome = _outcome(rubric, clean, weighted)
    minimum = rubric.policy.min_assessed_weight if rubric.policy else None
    if weighted is None:
        return ScoreResult(None, None, (), not_assessed, {}, {}, (), min_assessed_weight=minimum)
    flips: list[Flip] = []
    if outcome.recommendation is not None and sensitivity:
        for area in rubric.areas:
            if area.id not in clean:
                continue
            step = (steps or {}).get(area.id, 1.0)
            for delta in (-1, 1):
                moved = round(clean[area.id] + delta * step, 9)
                if not MIN_SCORE <= moved <= area.top:
                    continue
                other = _outcome(rubric, {**clean, area.id: moved})
                assert other.weighted is not None and other.recommendation is not None
                if other.recommendation is not outcome.recommendation:
                    flips.append(
                        Flip(
                            area.id, delta, other.weighted, other.recommendation, area.title, moved
                        )
                    )
    return ScoreResult(
        weighted=weighted,
        recommendation=outcome.recommendation,
        assessed=assessed,
        not_assessed=not_assessed,
        effective_weights=effective,
        contributions=contributions,
        flips=tuple(flips),
        formula=outcome.formula,
        cap=outcome.cap,
        assessed_weight=outcome.assessed_weight,
        min_assessed_weight=minimum,
    )
