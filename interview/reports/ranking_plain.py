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
HIDDEN_REC = "until you submit"  # in the Rec. column of a row blind mode hides


class _Labels(dict[float | None, str]):
    """A mean's text (``score_label``), worked out the first time it is asked for."""

    def __missing__(self, value: float | None) -> str:
        text = self[value] = score_label(value)
        return text


def _one_line(text: str) -> str:
    """``one_line``, without its work for the usual name: printable (no control
    character, no whitespace but the space) and no space to fold."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return one_line(text)


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
    hidden = any(r.hidden for r in rows)
    rec_w = max([4, *map(len, label_of.values()), len(HIDDEN_REC) * hidden])
    header = (
        f"{'#':>{rank_w}}  {'Candidate':<{name_w}}  {'Combined':>8}  {'Rec.':<{rec_w}}  "
        f"{'Cards':>5}  "
        + "  ".join(f"{a:>{w}}" for a, w in zip(areas, widths, strict=True))
        + "  Spread"
    )
    lines = [f"{one_line(title)} — {len(rows)} candidate(s), ranked by {sort}", "", header]
    # Each line laid out by one format with the widths in it (as the header's
    # ``{value:>width}``: every value is text or a whole number).
    hidden_line = f"%{rank_w}s  %-{name_w}s  %8s  %-{rec_w}s  %5s"
    line = hidden_line + "  " + "".join(f"%{w}s  " for w in widths) + "%6s"
    # Thousands of rows share a few dozen distinct means: each one's text worked out once.
    cell = _Labels()
    for i, (r, label) in enumerate(zip(rows, labels, strict=True), 1):
        name = _cut(_one_line(r.shown_label), name_w)
        if r.hidden:
            lines.append(hidden_line % (i, name, "hidden", HIDDEN_REC, r.scorecards))
            continue
        spreads = r.area_spreads
        lines.append(
            line
            % (
                i,
                name,
                points_label(r.combined),
                label,
                r.scorecards,
                *map(cell.__getitem__, map(r.area_means.get, areas)),
                max(spreads.values()) if spreads else 0,
            )
        )
    notes = policy_notes(rows)
    if notes:
        lines += ["", "* decided by the scoring policy:", *(f"  {one_line(n)}" for n in notes)]
    if sample := sample_note(rows):
        lines += ["", sample]
    return "\n".join(lines) + "\n"
