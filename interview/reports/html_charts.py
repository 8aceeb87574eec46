"""The report's two inline SVG pictures: the score on its 0-100 scale, and each area's
score against its weight (inline so the page needs no script and no request)."""

from __future__ import annotations

from interview.reports.html_text import esc
from interview.reports.model import Report
from interview.reports.text import excerpt, score_label


def scale_svg(r: Report) -> str:
    """A 0-100 band split at the rubric's thresholds, with a marker at the score."""
    no, yes, strong = r.thresholds
    w, x0 = 380.0, 10.0

    def x(v: float) -> float:
        return x0 + w * max(0.0, min(100.0, v)) / 100

    bands = [
        (0, no, "sno", "Strong No"),
        (no, yes, "no", "No"),
        (yes, strong, "yes", "Yes"),
        (strong, 100, "syes", "Strong Yes"),
    ]
    parts = [
        '<svg class="scale" viewBox="0 0 400 54" role="img" '
        f'aria-label="Weighted score on a 0 to 100 scale with thresholds {no:g}, {yes:g}, '
        f'{strong:g}">'
    ]
    for lo, hi, cls, label in bands:
        parts.append(
            f'<rect class="band {cls}" x="{x(lo):.1f}" y="12" width="{x(hi) - x(lo):.1f}" '
            'height="12"/>'
        )
        parts.append(
            f'<text class="band-label" x="{(x(lo) + x(hi)) / 2:.1f}" y="50" '
            f'text-anchor="middle">{label}</text>'
        )
    for t in (no, yes, strong):
        parts.append(f'<text class="tick" x="{x(t):.1f}" y="9" text-anchor="middle">{t:g}</text>')
    if r.weighted is not None:
        mx = x(r.weighted)
        parts.append(
            f'<path class="marker" d="M{mx:.1f} 26 l-5 8 h10 z"/>'
            f'<line class="marker-line" x1="{mx:.1f}" y1="10" x2="{mx:.1f}" y2="26"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def area_chart_svg(r: Report) -> str:
    """Each area's bar is as long as its weight; the filled part is its score.

    So the filled length is the area's contribution to the weighted score.
    """
    areas = r.areas
    row_h, label_w, bar_w = 30, 190, 330
    top = max((a.weight for a in areas), default=1) or 1
    height = row_h * len(areas) + 30
    parts = [
        f'<svg class="chart" viewBox="0 0 720 {height}" role="img" '
        'aria-label="Area scores against weights">'
    ]
    for i, a in enumerate(areas):
        y = 8 + i * row_h
        length = bar_w * a.weight / top
        parts.append(
            f'<text class="area-name" x="{label_w - 10}" y="{y + 15}" text-anchor="end">'
            f"{esc(excerpt(a.title, 28))}</text>"
        )
        if a.assessed and a.points is not None:
            parts.append(
                f'<rect class="track" x="{label_w}" y="{y + 3}" width="{length:.1f}" '
                'height="16" rx="2"/>'
            )
            fill = length * a.points / 100
            if fill > 0:
                parts.append(
                    f'<rect class="fill s{round(a.score or 0)}" x="{label_w}" y="{y + 3}" '
                    f'width="{fill:.1f}" height="16" rx="2"/>'
                )
            value = f"{score_label(a.score)}/{a.top} · weight {a.weight} · +{a.contribution:.1f}"
        else:
            parts.append(
                f'<rect class="track missing" x="{label_w}" y="{y + 3}" width="{length:.1f}" '
                'height="16" rx="2"/>'
            )
            value = f"not assessed · weight {a.weight}"
        parts.append(
            f'<text class="area-value" x="{label_w + bar_w + 12}" y="{y + 15}">{value}</text>'
        )
    legend_y = height - 8
    scale = max((a.top for a in areas), default=4)
    parts.append(
        f'<text class="legend" x="{label_w}" y="{legend_y}">Bar length = weight; filled part '
        f"= score (0 at 1/{scale}, full at {scale}/{scale}); filled length = contribution.</text>"
    )
    parts.append("</svg>")
    return "".join(parts)
