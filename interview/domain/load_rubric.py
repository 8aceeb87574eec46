"""Rubrics: weighted areas, anchored levels (optionally per dimension) and thresholds."""

from __future__ import annotations

from typing import Any

from interview.domain.content_doc import Doc
from interview.domain.load_policy import policy_from, thresholds_from
from interview.domain.models import MAX_LEVELS, MIN_LEVELS, Area, Dimension, Level, Rubric
from interview.domain.yaml_source import Path_


def rubric_from_doc(doc: Doc) -> Rubric | None:
    m = doc.mapping(
        doc.source.data,
        (),
        ["id", "title", "areas", "recommendation"],
        ["description", "combination", "policy"],
        "rubric",
    )
    if m is None:
        return None
    rubric_id = doc.ident(m, "id", ())
    areas: list[Area] = []
    seen: set[str] = set()
    raw_weights: list[float] = []
    for i, raw in enumerate(doc.seq(m, "areas", (), min_len=1, what="area")):
        path: Path_ = ("areas", i)
        a = doc.mapping(
            raw, path, ["id", "title", "weight", "levels"], ["description", "dimensions"], "area"
        )
        if a is None:
            continue
        area_id = doc.ident(a, "id", path)
        if area_id in seen:
            doc.error((*path, "id"), f"duplicate area id '{area_id}'", "give each area its own id")
        seen.add(area_id)
        dimensions = _dimensions(doc, a, path)
        levels = _levels(doc, a, path, dimensions)
        weight = a.get("weight")
        if isinstance(weight, int | float) and not isinstance(weight, bool):
            raw_weights.append(weight)
        areas.append(
            Area(
                id=area_id,
                title=doc.text(a, "title", path),
                weight=_weight(doc, a, path),
                description=doc.text(a, "description", path, required=False),
                levels=levels,
                dimensions=dimensions,
            )
        )
    scales = {len(a.levels) for a in areas if a.levels}
    if len(scales) > 1:
        doc.error(
            ("areas",),
            f"areas have different numbers of levels ({', '.join(map(str, sorted(scales)))})",
            "give every area of a rubric the same scale",
        )
    total = sum(raw_weights)
    fractional = any(isinstance(w, float) and not w.is_integer() for w in raw_weights)
    if areas and (total != 100 or fractional):
        found = f"{total:g}" if fractional else f"{total:.0f}"
        if fractional and abs(total - 1) < 1e-9:
            hint = "they look like fractions of 1: write percentages (0.2 → 20)"
        elif fractional:
            hint = "weights are whole percentages: round them so they sum to 100"
        else:
            hint = f"adjust the weights by {100 - total:+.0f} in total"
        what = "but are not all whole numbers" if total == 100 else "not 100"
        doc.error(("areas",), f"area weights sum to {found}, {what}", hint)
    thresholds = thresholds_from(doc, m.get("recommendation"), ("recommendation",))
    return Rubric(
        id=rubric_id,
        title=doc.text(m, "title", ()),
        description=doc.text(m, "description", (), required=False),
        areas=tuple(areas),
        thresholds=thresholds,
        source=doc.source.file,
        combination=doc.text(m, "combination", (), required=False),
        policy=policy_from(doc, m, area_ids=[a.id for a in areas], plan=False),
    )


def _weight(doc: Doc, a: dict[str, Any], path: Path_) -> int:
    """A whole percentage; a fractional one is named with the sum (reported by the caller)."""
    value = a.get("weight")
    if isinstance(value, float) and not value.is_integer():
        doc.error(
            (*path, "weight"),
            f"'weight' is {value:g}, not a whole percentage",
            "weights are whole numbers summing to 100 (12.5 and 37.5 → 13 and 37, say)",
        )
        return max(1, round(value))
    if isinstance(value, float):
        return doc.integer({"weight": int(value)}, "weight", path, 1, 100)
    return doc.integer(a, "weight", path, 1, 100)


def _dimensions(doc: Doc, a: dict[str, Any], path: Path_) -> tuple[Dimension, ...]:
    out: list[Dimension] = []
    raw_dims = doc.seq(a, "dimensions", path)
    if "dimensions" in a and raw_dims and not 2 <= len(raw_dims) <= 4:
        doc.error(
            (*path, "dimensions"),
            f"an area needs 2-4 dimensions, found {len(raw_dims)}",
            "name the 2-4 behaviours the area is judged on, or drop 'dimensions:'",
        )
    seen: set[str] = set()
    for k, raw in enumerate(raw_dims):
        dpath: Path_ = (*path, "dimensions", k)
        d = doc.mapping(raw, dpath, ["id", "title"], [], "dimension")
        if d is None:
            continue
        dim_id = doc.ident(d, "id", dpath)
        if dim_id in seen:
            doc.error((*dpath, "id"), f"duplicate dimension id '{dim_id}'", "give each its own id")
        seen.add(dim_id)
        out.append(Dimension(dim_id, doc.text(d, "title", dpath)))
    return tuple(out)


def _per_dimension(
    doc: Doc, lv: dict[str, Any], lpath: Path_, dimensions: tuple[Dimension, ...]
) -> tuple[str, ...]:
    """A level of an area with dimensions anchors each dimension once, in their order."""
    raw = lv.get("behaviours")
    ids = [d.id for d in dimensions]
    if not isinstance(raw, dict):
        doc.error(
            (*lpath, "behaviours"),
            "this area declares dimensions, so 'behaviours' must map each dimension to text",
            f"write one line per dimension: {', '.join(ids)}",
        )
        return ()
    doc.mapping(raw, (*lpath, "behaviours"), ids, [], "behaviours")
    return tuple(doc.text(raw, d, (*lpath, "behaviours")) for d in ids if d in raw)


def _levels(
    doc: Doc, a: dict[str, Any], path: Path_, dimensions: tuple[Dimension, ...] = ()
) -> tuple[Level, ...]:
    raw_levels = doc.seq(a, "levels", path)
    if "levels" in a and not MIN_LEVELS <= len(raw_levels) <= MAX_LEVELS:
        doc.error(
            (*path, "levels"),
            f"an area needs {MIN_LEVELS} to {MAX_LEVELS} levels (usually 4), "
            f"found {len(raw_levels)}",
            "list scores 1, 2, 3 and 4",
        )
    top = min(max(len(raw_levels), MIN_LEVELS), MAX_LEVELS)
    levels: list[Level] = []
    for j, raw in enumerate(raw_levels):
        lpath: Path_ = (*path, "levels", j)
        lv = doc.mapping(raw, lpath, ["score", "label", "behaviours"], [], "level")
        if lv is None:
            continue
        score = doc.integer(lv, "score", lpath, 1, top)
        if "score" in lv and score != j + 1:
            doc.error(
                (*lpath, "score"),
                f"level {j + 1} has score {score}",
                f"list levels in order {', '.join(str(n) for n in range(1, top + 1))}",
            )
        if dimensions:
            behaviours = _per_dimension(doc, lv, lpath, dimensions)
        else:
            behaviours = doc.words(lv, "behaviours", lpath)
        if "behaviours" in lv and not dimensions and not 2 <= len(behaviours) <= 4:
            doc.error(
                (*lpath, "behaviours"),
                f"a level needs 2-4 observable behaviours, found {len(behaviours)}",
                "describe what the candidate says or does",
            )
        levels.append(Level(score, doc.text(lv, "label", lpath), behaviours))
    return tuple(levels)
