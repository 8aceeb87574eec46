"""Rubrics as immutable models: weighted areas, anchored levels, thresholds and the
scoring policy, and a rubric rebuilt from a stored snapshot.

Apart from the rest of the content models (``models``, which re-exports all of these) so
the commands that only score stored scorecards (the ranked list, calibration) import
what a rubric is made of and nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Levels an area's scale may have (scores 1..n); the default and the shipped rubrics use 4.
MIN_LEVELS, DEFAULT_LEVELS, MAX_LEVELS = 3, 4, 7


@dataclass(frozen=True, slots=True)
class Level:
    score: int
    label: str
    # One behaviour per dimension, in the area's dimension order, when it declares dimensions.
    behaviours: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Dimension:
    """One behaviour an area is judged on, anchored at every level (one continuum)."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class Area:
    id: str
    title: str
    weight: int
    description: str
    levels: tuple[Level, ...]
    dimensions: tuple[Dimension, ...] = ()

    def level(self, score: int) -> Level:
        return self.levels[score - 1]

    @property
    def top(self) -> int:
        """The highest score of this area's scale (4 unless the rubric declares more)."""
        return len(self.levels) or DEFAULT_LEVELS

    def anchors(self, score: int) -> list[tuple[str, str]]:
        """(dimension title or "", behaviour) pairs of one level, for display."""
        behaviours = self.level(score).behaviours
        if self.dimensions and len(self.dimensions) == len(behaviours):
            return [(d.title, b) for d, b in zip(self.dimensions, behaviours, strict=True)]
        return [("", b) for b in behaviours]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Minimum weighted score (0-100) for each recommendation; below ``no`` is Strong No."""

    no: float
    yes: float
    strong_yes: float


RECOMMENDATIONS = ("strong_no", "no", "yes", "strong_yes")  # lowest to highest


@dataclass(frozen=True, slots=True)
class Floor:
    """Conditions a result must meet to be ``recommendation`` or better.

    ``no_area_below``: every assessed area scores at least this. ``must_pass``: these
    areas are assessed and score at least the given value.
    """

    recommendation: str  # "no", "yes" or "strong_yes"
    no_area_below: int | None = None
    must_pass: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Policy:
    """How scores become a recommendation beyond the weighted formula.

    ``None`` fields are not set (a plan's policy inherits them from its rubric).
    ``thresholds`` is only set by plans: a rubric's own cut scores are ``Rubric.thresholds``.
    """

    min_assessed_weight: float | None = None  # percent of the rubric's total weight
    floors: tuple[Floor, ...] | None = None
    thresholds: Thresholds | None = None

    def over(self, base: Policy | None) -> Policy:
        """This policy with unset fields taken from ``base``."""
        if base is None:
            return self
        return Policy(
            min_assessed_weight=self.min_assessed_weight
            if self.min_assessed_weight is not None
            else base.min_assessed_weight,
            floors=self.floors if self.floors is not None else base.floors,
            thresholds=self.thresholds if self.thresholds is not None else base.thresholds,
        )


@dataclass(frozen=True, slots=True)
class Rubric:
    id: str
    title: str
    description: str
    areas: tuple[Area, ...]
    thresholds: Thresholds
    source: str = ""
    combination: str = ""  # how to combine mixed evidence within an area
    policy: Policy | None = None

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    @property
    def area_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.areas)

    @property
    def top(self) -> int:
        """The highest score on this rubric's scale (every area has the same levels)."""
        return max((a.top for a in self.areas), default=DEFAULT_LEVELS)


def rubric_from_snapshot(data: Mapping[str, object]) -> Rubric:
    """Rebuild a rubric from a stored snapshot (reports read the database, not the bank)."""
    areas = tuple(
        Area(
            id=a["id"],
            title=a["title"],
            weight=a["weight"],
            description=a["description"],
            levels=tuple(
                Level(lv["score"], lv["label"], tuple(lv["behaviours"])) for lv in a["levels"]
            ),
            dimensions=tuple(Dimension(d["id"], d["title"]) for d in a.get("dimensions", ())),
        )
        for a in data["areas"]  # type: ignore[attr-defined]
    )
    t = data["thresholds"]
    return Rubric(
        id=str(data["id"]),
        title=str(data["title"]),
        description=str(data["description"]),
        areas=areas,
        thresholds=Thresholds(t["no"], t["yes"], t["strong_yes"]),  # type: ignore[index]
        combination=str(data.get("combination", "")),
        policy=policy_from_snapshot(data.get("policy")),
    )


def policy_from_snapshot(data: object) -> Policy | None:
    """A stored policy; ``None`` for snapshots taken before policies existed."""
    if not isinstance(data, Mapping):
        return None
    floors = data.get("floors")
    t = data.get("thresholds")
    weight = data.get("min_assessed_weight")
    return Policy(
        min_assessed_weight=float(weight) if weight is not None else None,
        floors=tuple(
            Floor(
                recommendation=str(f["recommendation"]),
                no_area_below=f.get("no_area_below"),
                must_pass=dict(f.get("must_pass") or {}),
            )
            for f in floors
        )
        if isinstance(floors, list | tuple)
        else None,
        thresholds=Thresholds(t["no"], t["yes"], t["strong_yes"])
        if isinstance(t, Mapping)
        else None,
    )
