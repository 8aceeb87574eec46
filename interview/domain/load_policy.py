"""The optional ``policy:`` block of a rubric or a plan: floors, minimum assessed weight
and (plans only) their own recommendation thresholds.

    policy:
      min_assessed_weight: 70        # percent of the rubric's weight that must be scored
      recommendation: {"no": 40, "yes": 65, strong_yes: 85}   # plans only
      floors:
        "yes":                       # for Yes or better...
          no_area_below: 2           # ...no assessed area below 2
        strong_yes:
          no_area_below: 3
          must_pass: {databases: 3}  # ...and Databases assessed at 3 or more

A plan's policy overrides its rubric's key by key: a plan that sets ``floors`` replaces
all of the rubric's floors, one that sets only thresholds keeps the rubric's floors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interview.domain.content_doc import Doc, closest, kind_of
from interview.domain.models import RECOMMENDATIONS, Floor, Policy, Thresholds
from interview.domain.yaml_source import Path_

FLOOR_LEVELS = RECOMMENDATIONS[1:]  # a floor for "no", "yes" or "strong_yes"
DEFAULT_THRESHOLDS = Thresholds(35, 60, 80)


def thresholds_from(doc: Doc, raw: Any, path: Path_) -> Thresholds:
    """Recommendation cut scores (0-100), strictly increasing."""
    if raw is None:
        return DEFAULT_THRESHOLDS
    t = doc.mapping(raw, path, ["no", "yes", "strong_yes"], [], "recommendation thresholds")
    if t is None:
        return DEFAULT_THRESHOLDS
    no, yes, strong = (doc.number(t, k, path) for k in ("no", "yes", "strong_yes"))
    if all(k in t for k in ("no", "yes", "strong_yes")) and not 0 < no < yes < strong <= 100:
        doc.error(
            path,
            f"thresholds out of order: no {no:g}, yes {yes:g}, strong_yes {strong:g}",
            "use 0 < no < yes < strong_yes <= 100",
        )
    return Thresholds(no, yes, strong)


def policy_from(
    doc: Doc, m: dict[str, Any], *, area_ids: Sequence[str] | None, plan: bool
) -> Policy | None:
    """The ``policy`` key of ``m`` (a rubric or plan), or None when there is none.

    ``area_ids``: the rubric's areas, to check must-pass areas against; None for a plan,
    whose rubric is checked later (see ``must_pass_paths``).
    """
    if "policy" not in m:
        return None
    path: Path_ = ("policy",)
    optional = ["min_assessed_weight", "floors"] + (["recommendation"] if plan else [])
    p = doc.mapping(m["policy"], path, [], optional, "policy")
    if p is None:
        return None
    if not p:
        doc.error(path, "'policy' is empty", f"set one of: {', '.join(optional)}; or remove it")
    weight = doc.number(p, "min_assessed_weight", path) if "min_assessed_weight" in p else None
    floors = _floors(doc, p["floors"], (*path, "floors"), area_ids) if "floors" in p else None
    thresholds = (
        thresholds_from(doc, p["recommendation"], (*path, "recommendation"))
        if "recommendation" in p
        else None
    )
    return Policy(min_assessed_weight=weight, floors=floors, thresholds=thresholds)


def _floors(doc: Doc, raw: Any, path: Path_, area_ids: Sequence[str] | None) -> tuple[Floor, ...]:
    f = doc.mapping(raw, path, [], FLOOR_LEVELS, "floors")
    if f is None:
        return ()
    out: list[Floor] = []
    for level in FLOOR_LEVELS:  # lowest first, whatever the order in the file
        if level not in f:
            continue
        fpath: Path_ = (*path, level)
        spec = doc.mapping(f[level], fpath, [], ["no_area_below", "must_pass"], "floor")
        if spec is None:
            continue
        if not spec:
            doc.error(fpath, f"the floor for '{level}' is empty", "set no_area_below or must_pass")
        below = doc.integer(spec, "no_area_below", fpath, 2, 4) if "no_area_below" in spec else None
        out.append(Floor(level, below, _must_pass(doc, spec, fpath, area_ids)))
    return tuple(out)


def _must_pass(
    doc: Doc, spec: dict[str, Any], path: Path_, area_ids: Sequence[str] | None
) -> dict[str, int]:
    if "must_pass" not in spec:
        return {}
    raw = spec["must_pass"]
    mpath: Path_ = (*path, "must_pass")
    if not isinstance(raw, dict) or not raw:
        doc.error(
            mpath,
            f"'must_pass' must map area ids to minimum scores, got {kind_of(raw)}",
            "e.g. must_pass: {databases: 3}",
        )
        return {}
    out: dict[str, int] = {}
    for area in raw:
        if not isinstance(area, str):
            doc.error(mpath, f"'must_pass' key {area!r} is not an area id", "use an area id")
            continue
        if area_ids is not None and area not in area_ids:
            unknown_area(doc, (*mpath, area), area, area_ids)
        out[area] = doc.integer(raw, area, mpath, 1, 4)
    return out


def unknown_area(doc: Doc, path: Path_, area: str, area_ids: Sequence[str]) -> None:
    close = closest(area, area_ids)
    doc.error(
        path,
        f"must-pass area '{area}' is not an area of the rubric",
        f"did you mean '{close}'?" if close else f"use one of: {', '.join(area_ids)}",
        at_key=True,
    )


def must_pass_paths(policy: Policy | None) -> list[tuple[Path_, str]]:
    """Where each must-pass area of a plan's policy is written, for the cross-file check."""
    if policy is None or not policy.floors:
        return []
    return [
        (("policy", "floors", f.recommendation, "must_pass", area), area)
        for f in policy.floors
        for area in f.must_pass
    ]
