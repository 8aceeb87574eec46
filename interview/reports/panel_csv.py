"""The panel view and the ranked list as CSV, one header row, plain numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from interview.reports.text import one_line
from interview.services.panel import PanelView, RankedCandidate, Ranking


def _num(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{round(value, digits):g}"


def safe_cell(text: str) -> str:
    """User text for one CSV cell: one line, controls visible, no formula."""
    # A cell starting with = + - @ runs as a formula in spreadsheets: quote it out.
    text = one_line(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def render_panel(view: PanelView) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    raters = view.raters
    w.writerow(
        ["candidate", "area_id", "area", "weight"]
        + [safe_cell(r.label) for r in raters]
        + ["mean", "spread", "disagreement"]
    )
    label = safe_cell(view.candidate.label)
    for row in view.rows:
        w.writerow(
            [label, row.area_id, safe_cell(row.title), row.weight]
            + ["" if s is None else s for s in row.scores]
            + [_num(row.mean), "" if row.spread is None else row.spread, int(row.disagreement)]
        )
    combined = view.combined
    w.writerow(
        [label, "weighted_score", "Weighted score", ""]
        + [_num(r.weighted_score, 1) for r in raters]
        + [_num(combined.weighted, 1), "", ""]
    )
    w.writerow(
        [label, "recommendation", "Recommendation", ""]
        + [r.recommendation or "" for r in raters]
        + [str(combined.recommendation or ""), "", ""]
    )
    blank = [""] * len(raters)
    w.writerow(
        [label, "policy_rule", "Scoring policy", "", *blank, safe_cell(combined.rule), "", ""]
    )
    w.writerow(
        [
            label,
            "sensitivity",
            "One-point check",
            "",
            *blank,
            safe_cell(combined.sensitivity_text(panel=True)),
            "",
            "",
        ]
    )
    return buf.getvalue()


def render_ranking(ranking: Ranking, rows: Sequence[RankedCandidate]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    areas = ranking.area_ids
    w.writerow(
        ["rank", "candidate_id", "name", "code", "roles", "scorecards", "combined",
         "recommendation", *areas, "max_spread", "disagreements", "hidden", "policy_rule",
         "sample"]
    )  # fmt: skip
    for i, r in enumerate(rows, 1):
        w.writerow(
            [i, r.candidate.id, safe_cell(r.candidate.name), safe_cell(r.candidate.code),
             safe_cell("; ".join(r.roles)), r.scorecards, _num(r.combined, 1),
             r.recommendation or ""]
            + [_num(r.area_means.get(a)) for a in areas]
            + [r.max_spread if not r.hidden else "", r.disagreements if not r.hidden else "",
               int(r.hidden), safe_cell(r.rule) if not r.hidden else "", int(r.sample)]
        )  # fmt: skip
    return buf.getvalue()
