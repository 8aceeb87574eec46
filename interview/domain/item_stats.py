"""Item analysis of the question bank: the statistics, free of storage and display.

Every figure carries its n. Correlations are point-biserial (Pearson between a 0/1 tick
and the session's final weighted score) with a 95% interval from Fisher's z transform,
and nothing is judged from fewer sessions than the configured minimum.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from interview.domain.stats_settings import StatsSettings

__all__ = ["StatsSettings"]  # re-exported: the thresholds' home before it had its own module

Z95 = 1.959963984540054


@dataclass(frozen=True, slots=True)
class Correlation:
    r: float | None  # None when undefined (no variance on either side, or n < 3)
    n: int
    low: float | None = None
    high: float | None = None

    def reading(self, *, expect_negative: bool = False, min_n: int = 20) -> str:
        """Plain words for a hiring lead."""
        if self.r is None:
            return "no variation yet" if self.n >= 3 else "not enough data yet"
        if self.n < min_n:
            return "not enough data yet"
        strength = abs(self.r)
        if strength < 0.1:
            words = "does not separate candidates"
        elif strength < 0.3:
            words = "separates candidates weakly"
        elif strength < 0.5:
            words = "separates candidates moderately"
        else:
            words = "separates candidates strongly"
        wrong_way = (self.r > 0) if expect_negative else (self.r < 0)
        if strength >= 0.1 and wrong_way:
            words += ", in the unexpected direction"
        return words


def point_biserial(ticks: Sequence[bool], scores: Sequence[float]) -> Correlation:
    """Pearson correlation between a binary variable and a continuous one."""
    if len(ticks) != len(scores):
        raise ValueError("ticks and scores differ in length")
    scored = Moments.of(scores)
    return scored.point_biserial([s for t, s in zip(ticks, scores, strict=True) if t])


@dataclass(frozen=True, slots=True)
class Moments:
    """n, sum and sum of squares of a set of scores: enough for every signal of a question,
    so each signal costs only its own ticks (thousands of sessions stay cheap)."""

    n: int
    total: float
    total_sq: float

    @classmethod
    def of(cls, scores: Sequence[float]) -> Moments:
        return cls(len(scores), float(sum(scores)), float(sum(x * x for x in scores)))

    def point_biserial(self, ticked_scores: Sequence[float]) -> Correlation:
        n, n1 = self.n, len(ticked_scores)
        if n < 3 or n1 in (0, n):
            return Correlation(None, n)
        mean = self.total / n
        variance = self.total_sq / n - mean * mean  # population variance
        if variance <= 1e-12:
            return Correlation(None, n)
        sum1 = float(sum(ticked_scores))
        mean1, mean0 = sum1 / n1, (self.total - sum1) / (n - n1)
        p = n1 / n
        r = (mean1 - mean0) / math.sqrt(variance) * math.sqrt(p * (1 - p))
        r = max(-1.0, min(1.0, r))
        low, high = fisher_interval(r, n)
        return Correlation(r, n, low, high)


def fisher_interval(r: float, n: int) -> tuple[float | None, float | None]:
    if n <= 3:
        return None, None
    if abs(r) >= 1:
        return r, r
    z = math.atanh(r)
    half = Z95 / math.sqrt(n - 3)
    return math.tanh(z - half), math.tanh(z + half)


@dataclass(frozen=True, slots=True)
class Timing:
    n: int
    median_minutes: float | None
    budget: int
    over_share: float | None  # share of sessions that ran over the budget


def timing(minutes: Sequence[float], budget: int) -> Timing:
    if not minutes:
        return Timing(0, None, budget, None)
    over = sum(1 for m in minutes if m > budget) / len(minutes)
    return Timing(len(minutes), median(minutes), budget, over)


@dataclass(frozen=True, slots=True)
class Distribution:
    """How often each score of a scale was given."""

    counts: tuple[int, ...]  # index 0 is score 1

    @property
    def n(self) -> int:
        return sum(self.counts)

    def share(self, score: int) -> float:
        return self.counts[score - 1] / self.n if self.n else 0.0

    @property
    def floor(self) -> float:
        return self.share(1)

    @property
    def ceiling(self) -> float:
        return self.share(len(self.counts))

    @property
    def mean(self) -> float | None:
        if not self.n:
            return None
        return sum((i + 1) * c for i, c in enumerate(self.counts)) / self.n


def distribution(scores: Sequence[int], levels: int = 4) -> Distribution:
    counts = [0] * levels
    for s in scores:
        if 1 <= s <= levels:
            counts[s - 1] += 1
    return Distribution(tuple(counts))


@dataclass(frozen=True, slots=True)
class MeanDifference:
    """Mean of a score when something happened against when it did not."""

    with_n: int
    without_n: int
    with_mean: float | None
    without_mean: float | None

    @property
    def difference(self) -> float | None:
        if self.with_mean is None or self.without_mean is None:
            return None
        return self.with_mean - self.without_mean


def mean_difference(
    with_scores: Sequence[float], without_scores: Sequence[float]
) -> MeanDifference:
    def mean(xs: Sequence[float]) -> float | None:
        return sum(xs) / len(xs) if xs else None

    return MeanDifference(
        len(with_scores), len(without_scores), mean(with_scores), mean(without_scores)
    )
