"""Rubrics: weighted areas, anchored levels (optionally per dimension) and thresholds."""

from __future__ import annotations

from typing import Any

from interview.domain.content_doc import Doc
from interview.domain.models import Area, Level, Rubric, Thresholds
from interview.domain.yaml_source import Path_


def rubric_from_doc(doc: Doc) -> Rubric | None:
    m = doc.mapping(
        doc.source.data, (), ["id", "title", "areas", "recommendation"], ["description"], "rubric"
    )
    if m is None:
        return None
    rubric_id = doc.ident(m, "id", ())
    areas: list[Area] = []
    seen: set[str] = set()
    for i, raw in enumerate(doc.seq(m, "areas", (), min_len=1, what="area")):
        path: Path_ = ("areas", i)
        a = doc.mapping(raw, path, ["id", "title", "weight", "levels"], ["description"], "area")
        if a is None:
            continue
        area_id = doc.ident(a, "id", path)
        if area_id in seen:
            doc.error((*path, "id"), f"duplicate area id '{area_id}'", "give each area its own id")
        seen.add(area_id)
        levels = _levels(doc, a, path)
        areas.append(
            Area(
                id=area_id,
                title=doc.text(a, "title", path),
                weight=doc.integer(a, "weight", path, 1, 100),
                description=doc.text(a, "description", path, required=False),
                levels=levels,
            )
        )
    total = sum(a.weight for a in areas)
    if areas and total != 100:
        doc.error(
            ("areas",),
            f"area weights sum to {total}, not 100",
            f"adjust the weights by {100 - total:+d} in total",
        )
    thresholds = _thresholds(doc, m.get("recommendation"))
    return Rubric(
        id=rubric_id,
        title=doc.text(m, "title", ()),
        description=doc.text(m, "description", (), required=False),
        areas=tuple(areas),
        thresholds=thresholds,
        source=doc.source.file,
    )


def _levels(doc: Doc, a: dict[str, Any], path: Path_) -> tuple[Level, ...]:
    raw_levels = doc.seq(a, "levels", path)
    if "levels" in a and len(raw_levels) != 4:
        doc.error(
            (*path, "levels"),
            f"an area needs exactly 4 levels, found {len(raw_levels)}",
            "list scores 1, 2, 3 and 4",
        )
    levels: list[Level] = []
    for j, raw in enumerate(raw_levels):
        lpath: Path_ = (*path, "levels", j)
        lv = doc.mapping(raw, lpath, ["score", "label", "behaviours"], [], "level")
        if lv is None:
            continue
        score = doc.integer(lv, "score", lpath, 1, 4)
        if "score" in lv and score != j + 1:
            doc.error(
                (*lpath, "score"),
                f"level {j + 1} has score {score}",
                "list levels in order 1, 2, 3, 4",
            )
        behaviours = doc.words(lv, "behaviours", lpath)
        if "behaviours" in lv and not 2 <= len(behaviours) <= 4:
            doc.error(
                (*lpath, "behaviours"),
                f"a level needs 2-4 observable behaviours, found {len(behaviours)}",
                "describe what the candidate says or does",
            )
        levels.append(Level(score, doc.text(lv, "label", lpath), behaviours))
    return tuple(levels)


def _thresholds(doc: Doc, raw: Any) -> Thresholds:
    path: Path_ = ("recommendation",)
    if raw is None:
        return Thresholds(35, 60, 80)
    t = doc.mapping(raw, path, ["no", "yes", "strong_yes"], [], "recommendation thresholds")
    if t is None:
        return Thresholds(35, 60, 80)
    no, yes, strong = (doc.number(t, k, path) for k in ("no", "yes", "strong_yes"))
    if all(k in t for k in ("no", "yes", "strong_yes")) and not 0 < no < yes < strong <= 100:
        doc.error(
            path,
            f"thresholds out of order: no {no:g}, yes {yes:g}, strong_yes {strong:g}",
            "use 0 < no < yes < strong_yes <= 100",
        )
    return Thresholds(no, yes, strong)
