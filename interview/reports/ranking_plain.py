"""The ranked list as plain aligned text, for pipes and files.

Thousands of rows through a Rich table cost seconds of layout; plain columns cost
milliseconds and read the same in a pager or to ``grep``. Names are cleaned of control
characters and never interpreted as markup (there is none here).
"""

from __future__ import annotations

from collections.abc import Sequence

from interview.reports.text import one_line, points_label, score_label
from interview.services.ranking import (
    SAMPLE_MARK,
    RankedCandidate,
    Ranking,
    policy_notes,
    sample_note,
)

NAME_WIDTH = 32


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_ranking_plain(
    ranking: Ranking, rows: Sequence[RankedCandidate], title: str, sort: str
) -> str:
    areas = ranking.area_ids
    # The sample mark comes on top of the usual name width, never instead of the name.
    name_w = NAME_WIDTH + (len(SAMPLE_MARK) + 1) * any(r.sample for r in rows)
    widths = [max(4, len(a)) for a in areas]
    rank_w = len(str(len(rows)))
    # A few distinct labels over thousands of rows: each worked out once.
    label_of: dict[tuple[bool, str | None, bool], str] = {}
    labels = []
    for r in rows:
        if r.hidden:
            labels.append("")
            continue
        key = (r.insufficient, r.recommendation, bool(r.rule))
        label = label_of.get(key)
        if label is None:
            label = label_of[key] = r.recommendation_label
        labels.append(label)
    rec_w = max([4, *map(len, label_of.values())])
    header = (
        f"{'#':>{rank_w}}  {'Candidate':<{name_w}}  {'Combined':>8}  {'Rec.':<{rec_w}}  "
        f"{'Cards':>5}  "
        + "  ".join(f"{a:>{w}}" for a, w in zip(areas, widths, strict=True))
        + "  Spread"
    )
    lines = [f"{one_line(title)} — {len(rows)} candidate(s), ranked by {sort}", "", header]
    # Thousands of rows share a few dozen distinct means: each column's cells are laid
    # out once per distinct value.
    columns: list[tuple[str, int, dict[float | None, str]]] = [
        (a, w, {}) for a, w in zip(areas, widths, strict=True)
    ]
    for i, (r, label) in enumerate(zip(rows, labels, strict=True), 1):
        name = _cut(one_line(r.shown_label), name_w)
        if r.hidden:
            lines.append(
                f"{i:>{rank_w}}  {name:<{name_w}}  {'hidden':>8}  "
                f"{'until you submit':<{rec_w}}  {r.scorecards:>5}"
            )
            continue
        means = r.area_means
        cells = []
        for a, w, cell in columns:
            value = means.get(a)
            text = cell.get(value)
            if text is None:
                text = cell[value] = score_label(value).rjust(w)
            cells.append(text)
        spreads = r.area_spreads
        lines.append(
            f"{i:>{rank_w}}  {name:<{name_w}}  {points_label(r.combined):>8}  "
            f"{label:<{rec_w}}  {r.scorecards:>5}  {'  '.join(cells)}  "
            f"{max(spreads.values()) if spreads else 0:>6}"
        )
    notes = policy_notes(rows)
    if notes:
        lines += ["", "* decided by the scoring policy:", *(f"  {one_line(n)}" for n in notes)]
    if sample := sample_note(rows):
        lines += ["", sample]
    return "\n".join(lines) + "\n"
