"""Inter-rater agreement: Krippendorff's alpha with missing ratings, pure Python.

Follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": values of
each unit are paired across raters into a coincidence matrix, then

    alpha = 1 - (n - 1) * sum(o_ck * d_ck) / sum(n_c * n_k * d_ck)

where ``d_ck`` is the squared difference for the level of measurement. Units with
fewer than two ratings carry no information about agreement and are left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum


class Level(StrEnum):
    NOMINAL = "nominal"
    ORDINAL = "ordinal"
    INTERVAL = "interval"
    RATIO = "ratio"


def coincidences(units: Iterable[Sequence[float]]) -> dict[tuple[float, float], float]:
    """The coincidence matrix ``o_ck`` of pairable values (sparse: only non-zero cells)."""
    return coincidences_from_counts(Counter(unit) for unit in units)


def coincidences_from_counts(
    units: Iterable[Mapping[float, int]],
) -> dict[tuple[float, float], float]:
    """``coincidences`` from how many times each value occurs in each unit (what a
    database can count for thousands of units without handing over every rating)."""
    matrix: dict[tuple[float, float], float] = defaultdict(float)
    # Thousands of units share a few hundred ways of being rated; each way's additions
    # are worked out once, then added unit by unit in the same order as always.
    known: dict[tuple[tuple[float, int], ...], list[tuple[tuple[float, float], float]]] = {}
    for counts in units:
        way = tuple(counts.items())
        additions = known.get(way)
        if additions is None:
            additions = known[way] = _additions(way)
        for pair, amount in additions:
            matrix[pair] += amount
    return dict(matrix)


def _additions(counts: tuple[tuple[float, int], ...]) -> list[tuple[tuple[float, float], float]]:
    """What one unit adds to the coincidence matrix, cell by cell."""
    m = sum(n for _, n in counts)
    if m < 2:
        return []
    out = []
    for c, n_c in counts:
        for k, n_k in counts:
            # Ordered pairs of values from different raters within the unit.
            pairs = n_c * (n_k - 1) if c == k else n_c * n_k
            if pairs:
                out.append(((c, k), pairs / (m - 1)))
    return out


def _distances(
    values: list[float], totals: dict[float, float], level: Level
) -> dict[tuple[float, float], float]:
    """Squared distance ``d_ck`` between every pair of observed values."""
    dist: dict[tuple[float, float], float] = {}
    for i, c in enumerate(values):
        for j, k in enumerate(values):
            if level is Level.NOMINAL:
                d = 0.0 if c == k else 1.0
            elif level is Level.ORDINAL:
                # Ranks between c and k: the frequencies of all values from c to k,
                # less half of the two end values.
                lo, hi = min(i, j), max(i, j)
                between = sum(totals[values[g]] for g in range(lo, hi + 1))
                d = (between - (totals[c] + totals[k]) / 2) ** 2
            elif level is Level.INTERVAL:
                d = (c - k) ** 2
            else:
                d = ((c - k) / (c + k)) ** 2 if c + k else 0.0
            dist[(c, k)] = d
    return dist


def alpha_from_units(
    units: Iterable[Sequence[float]], level: Level | str = Level.ORDINAL
) -> float | None:
    """Alpha from the ratings each unit received (missing ratings simply absent).

    Returns ``None`` when agreement is undefined: no unit has two ratings, or every
    rating has the same value (no variation to agree about).
    """
    return alpha_from_counts((Counter(unit) for unit in units), level)


def alpha_from_counts(
    units: Iterable[Mapping[float, int]], level: Level | str = Level.ORDINAL
) -> float | None:
    """``alpha_from_units`` from each unit's count of every value (value -> ratings)."""
    level = Level(level)
    o = coincidences_from_counts(units)
    totals: dict[float, float] = defaultdict(float)
    for (c, _), count in o.items():
        totals[c] += count
    n = sum(totals.values())
    if n <= 1 or len(totals) < 2:
        return None
    values = sorted(totals)
    dist = _distances(values, totals, level)
    observed = sum(count * dist[pair] for pair, count in o.items())
    expected = sum(totals[c] * totals[k] * dist[(c, k)] for c in values for k in values)
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def alpha(
    reliability_data: Sequence[Sequence[float | None]], level: Level | str = Level.ORDINAL
) -> float | None:
    """Alpha from a raters x units matrix, ``None`` marking a missing rating."""
    if not reliability_data:
        return None
    width = max(len(row) for row in reliability_data)
    units = [
        [row[u] for row in reliability_data if u < len(row) and row[u] is not None]
        for u in range(width)
    ]
    return alpha_from_units(units, level)  # type: ignore[arg-type]
