"""Weighted scoring, recommendation and sensitivity: the formula that combines scores."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from interview.domain.models import Rubric, Thresholds

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


def area_points(score: float) -> float:
    """Map a 1-4 score onto 0-100."""
    return (score - MIN_SCORE) / (MAX_SCORE - MIN_SCORE) * 100


@dataclass(frozen=True, slots=True)
class Flip:
    """A one-point change in one area that would change the recommendation."""

    area_id: str
    delta: int
    weighted: float
    recommendation: Recommendation


@dataclass(frozen=True)
class ScoreResult:
    weighted: float | None
    recommendation: Recommendation | None
    assessed: tuple[str, ...]
    not_assessed: tuple[str, ...]
    effective_weights: dict[str, float]
    contributions: dict[str, float]
    flips: tuple[Flip, ...]

    @property
    def sensitive(self) -> bool:
        return bool(self.flips)

    def sensitivity_text(self) -> str:
        if not self.flips:
            return ""
        parts = [
            f"{f.area_id} {f.delta:+d} → {f.recommendation.label} ({f.weighted:.1f})"
            for f in self.flips
        ]
        return "A one-point change would flip the recommendation: " + "; ".join(parts)


def _weighted(rubric: Rubric, scores: Mapping[str, float]) -> tuple[float | None, dict[str, float]]:
    assessed = [a for a in rubric.areas if scores.get(a.id) is not None]
    total = sum(a.weight for a in assessed)
    if not total:
        return None, {}
    effective = {a.id: a.weight / total for a in assessed}
    weighted = sum(effective[a.id] * area_points(scores[a.id]) for a in assessed)
    return weighted, effective


def score(rubric: Rubric, scores: Mapping[str, float | None]) -> ScoreResult:
    """Combine area scores (1-4, None = not assessed) by the rubric's weights.

    Unknown area ids are ignored; scores outside 1-4 raise ValueError. Panels may
    pass fractional means, so floats are accepted.
    """
    clean: dict[str, float] = {}
    for area in rubric.areas:
        value = scores.get(area.id)
        if value is None:
            continue
        if not MIN_SCORE <= value <= MAX_SCORE:
            raise ValueError(f"score for {area.id} must be 1-4, got {value}")
        clean[area.id] = value
    weighted, effective = _weighted(rubric, clean)
    assessed = tuple(a.id for a in rubric.areas if a.id in clean)
    not_assessed = tuple(a.id for a in rubric.areas if a.id not in clean)
    if weighted is None:
        return ScoreResult(None, None, (), not_assessed, {}, {}, ())
    rec = recommend(weighted, rubric.thresholds)
    contributions = {aid: effective[aid] * area_points(clean[aid]) for aid in assessed}
    flips: list[Flip] = []
    for aid in assessed:
        for delta in (-1, 1):
            moved = clean[aid] + delta
            if not MIN_SCORE <= moved <= MAX_SCORE:
                continue
            other, _ = _weighted(rubric, {**clean, aid: moved})
            assert other is not None
            other_rec = recommend(other, rubric.thresholds)
            if other_rec is not rec:
                flips.append(Flip(aid, delta, other, other_rec))
    return ScoreResult(
        weighted=weighted,
        recommendation=rec,
        assessed=assessed,
        not_assessed=not_assessed,
        effective_weights=effective,
        contributions=contributions,
        flips=tuple(flips),
    )
