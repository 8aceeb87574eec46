"""The report's Areas section: the chart, the score table, and per area its level's
behaviours and the evidence behind its score."""

from __future__ import annotations

from interview.reports.html_charts import area_chart_svg
from interview.reports.html_text import esc, rich
from interview.reports.model import AreaReport, Report
from interview.reports.text import score_label


def areas_section(r: Report) -> str:
    rows = []
    for a in r.areas:
        if a.assessed:
            weight = f"{a.weight}%"
            if r.not_assessed:
                weight += f' <span class="muted">→ {a.effective_weight * 100:.0f}%</span>'
            rows.append(
                f'<tr><th scope="row">{esc(a.title)}</th>'
                f'<td class="num">{score_label(a.score)}/{a.top}</td>'
                f'<td>{esc(a.level_label)}</td><td class="num">{weight}</td>'
                f'<td class="num">{a.contribution:.1f}</td></tr>'
            )
        else:
            rows.append(
                f'<tr class="missing"><th scope="row">{esc(a.title)}</th>'
                f'<td class="num">—</td><td>not assessed</td><td class="num">{a.weight}%</td>'
                '<td class="num">—</td></tr>'
            )
    total = (
        f'<tfoot><tr><th scope="row">Weighted score</th><td></td><td></td><td></td>'
        f'<td class="num">{r.weighted:.1f}</td></tr></tfoot>'
        if r.weighted is not None
        else ""
    )
    table = (
        '<table class="scores"><thead><tr><th>Area</th><th class="num">Score</th>'
        '<th>Level</th><th class="num">Weight</th><th class="num">Contribution</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody>{total}</table>"
    )
    missing = ""
    if r.not_assessed:
        names = ", ".join(esc(a.title) for a in r.not_assessed)
        missing = (
            f'<p class="callout info"><strong>Not assessed:</strong> {names}. Their weight is '
            "shared among the assessed areas (the → figure).</p>"
        )
    details = "\n".join(_area_detail(a) for a in r.areas)
    return (
        '<section class="areas"><h2>Areas</h2>\n'
        f"{area_chart_svg(r)}\n{table}\n{missing}\n"
        f'<div class="area-details">{details}</div></section>'
    )


def _area_detail(a: AreaReport) -> str:
    if a.assessed:
        head = (
            f'<h3>{esc(a.title)} <span class="pill">{score_label(a.score)}/{a.top} '
            f"{esc(a.level_label)}</span></h3>"
        )
    else:
        head = f'<h3>{esc(a.title)} <span class="pill grey">not assessed</span></h3>'
    parts = [f'<article class="area">{head}']
    if a.behaviours:
        items = "".join(f"<li>{rich(b, flat=True)}</li>" for b in a.behaviours)
        parts.append(
            f'<p class="label">What this level looks like</p><ul class="anchors">{items}</ul>'
        )
    if a.evidence:
        ev = []
        for e in a.evidence:
            sig = "".join(f'<li class="sig senior">{rich(s, flat=True)}</li>' for s in e.senior)
            sig += "".join(f'<li class="sig junior">{rich(s, flat=True)}</li>' for s in e.junior)
            quoted = rich(e.excerpt, flat=True)
            note = f'<p class="excerpt" dir="auto">“{quoted}”</p>' if e.excerpt else ""
            signals = f'<ul class="signals">{sig}</ul>' if sig else ""
            ev.append(f'<li><span class="q">{esc(e.question_title)}</span>{signals}{note}</li>')
        parts.append(f'<p class="label">Evidence</p><ul class="evidence">{"".join(ev)}</ul>')
    else:
        parts.append('<p class="muted">No evidence recorded for this area.</p>')
    parts.append("</article>")
    return "".join(parts)
