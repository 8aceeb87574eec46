"""The panel view and the ranked list as one self-contained HTML page (no scripts)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from interview.reports.panel_debrief import debrief_lines
from interview.reports.panel_md import rec_label
from interview.reports.text import clean, excerpt, points_label, score_label
from interview.services.live import Evidence
from interview.services.panel import PanelView, RankedCandidate, Ranking
from interview.services.ranking import policy_notes, sample_note

CSS = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1d2430; max-width: 72rem;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
.facts { color: #5b6475; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border-bottom: 1px solid #d8dde6; padding: .35rem .7rem; text-align: right; }
th:first-child, td:first-child, td.name { text-align: left; }
thead th { background: #f2f4f8; }
tr.disagree td { background: #fff3d6; }
td.spread.disagree { color: #a4341b; font-weight: 700; }
tr.total td { font-weight: 700; border-top: 2px solid #1d2430; }
.combined { font-size: 1.15rem; }
ol.agenda li { margin-bottom: .3rem; }
details { margin: .2rem 0 .6rem; }
summary { cursor: pointer; }
.ok { color: #1f7a3a; } .bad { color: #a4341b; }
blockquote { margin: .3rem 0 .8rem; padding-left: .8rem; border-left: 3px solid #d8dde6;
             white-space: pre-wrap; }
.bar { display: inline-block; height: .7rem; background: #4c6fbf; vertical-align: middle; }
"""


def _t(text: str) -> str:
    return escape(clean(text))


def _page(title: str, body: list[str]) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_t(title)}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def _evidence(items: Sequence[Evidence]) -> str:
    parts = []
    for e in items:
        if e.empty:
            continue
        parts.append(f"<p><em>{_t(e.question_title)}</em></p><ul>")
        parts += [f'<li class="ok">✓ {_t(s)}</li>' for s in e.senior]
        parts += [f'<li class="bad">✗ {_t(s)}</li>' for s in e.junior]
        if e.notes.strip():
            parts.append(f"<li>notes: {_t(excerpt(e.notes, 400))}</li>")
        parts.append("</ul>")
    return "".join(parts) or "<p>No notes or signals recorded for this area.</p>"


def render_panel(view: PanelView) -> str:
    raters = view.raters
    facts = [f"Rubric: {_t(view.rubric.title)}"]
    if view.roles:
        facts.append("Role: " + _t(", ".join(view.roles)))
    facts.append(f"{len(raters)} scorecard(s) submitted")
    if view.pending:
        facts.append("in progress: " + _t(", ".join(r.label for r in view.pending)))
    body = [
        f"<h1>Panel: {_t(view.candidate.label)}</h1>",
        f'<p class="facts">{" · ".join(facts)}</p>',
        *(f'<p class="debrief"><strong>{_t(line)}</strong></p>' for line in debrief_lines(view)),
    ]
    if not raters:
        return _page(view.candidate.label, [*body, "<p>No submitted scorecards yet.</p>"])
    head = "".join(f"<th>{_t(r.label)}</th>" for r in raters)
    body += ["<h2>Scores</h2>", "<table><thead><tr><th>Area</th><th>Weight</th>"
             f"{head}<th>Mean</th><th>Spread</th></tr></thead><tbody>"]  # fmt: skip
    for row in view.rows:
        cls = ' class="disagree"' if row.disagreement else ""
        cells = "".join(f"<td>{score_label(s)}</td>" for s in row.scores)
        spread = "—" if row.spread is None else str(row.spread) + (" ⚠" if row.disagreement else "")
        spread_cls = "spread disagree" if row.disagreement else "spread"
        body.append(
            f"<tr{cls}><td>{_t(row.title)}</td><td>{row.weight}</td>{cells}"
            f'<td>{score_label(row.mean)}</td><td class="{spread_cls}">{spread}</td></tr>'
        )
    combined = view.combined
    weighted = "".join(f"<td>{points_label(r.weighted_score)}</td>" for r in raters)
    recs = "".join(f"<td>{rec_label(r.recommendation)}</td>" for r in raters)
    body += [
        f'<tr class="total"><td>Weighted score</td><td></td>{weighted}'
        f"<td>{points_label(combined.weighted)}</td><td></td></tr>",
        f"<tr><td>Recommendation</td><td></td>{recs}"
        f"<td>{combined.recommendation_label}</td><td></td></tr>",
        "</tbody></table>",
        '<p class="combined"><strong>Combined by formula: '
        f"{points_label(combined.weighted)} / 100 → "
        f"{combined.recommendation_label}</strong></p>",
        "<p>Mean of each area across interviewers, then the rubric's weights. "
        "Disagreements of 2 points or more are highlighted.</p>",
    ]
    if combined.rule:
        body.append(f"<p><strong>Scoring policy:</strong> {_t(combined.rule)}</p>")
    if sensitivity := combined.sensitivity_text(panel=True):
        body.append(f"<p>{_t(sensitivity)}</p>")
    body.append("<h2>Debrief agenda</h2>")
    if view.agenda:
        body.append('<ol class="agenda">')
        body += [f"<li><strong>{_t(i.topic)}</strong> — {_t(i.text)}</li>" for i in view.agenda]
        body.append("</ol>")
    else:
        body.append("<p>The interviewers agree on every area.</p>")
    body.append("<h2>Justifications</h2>")
    for r in raters:
        body.append(f"<p><strong>{_t(r.label)}</strong> ({rec_label(r.recommendation)})</p>")
        body.append(f"<blockquote>{_t(r.justification)}</blockquote>")
    body.append("<h2>Evidence</h2>")
    for row in view.rows:
        body.append(f"<h3>{_t(row.title)}</h3>")
        for r, s in zip(raters, row.scores, strict=True):
            body.append(
                f"<details><summary>{_t(r.label)}: {score_label(s)}</summary>"
                f"{_evidence(view.evidence_for(r.session_id, row.area_id))}</details>"
            )
    return _page(f"Panel: {view.candidate.label}", body)


def render_ranking(ranking: Ranking, rows: Sequence[RankedCandidate], title: str = "") -> str:
    areas = ranking.area_ids
    head = "".join(f"<th>{_t(ranking.area_title(a))}</th>" for a in areas)
    body = [
        f"<h1>{_t(title or 'Candidates')}</h1>",
        "<table><thead><tr><th>#</th><th>Candidate</th><th>Combined</th><th>Recommendation</th>"
        f"<th>Scorecards</th>{head}<th>Max spread</th></tr></thead><tbody>",
    ]
    for i, r in enumerate(rows, 1):
        if r.hidden:
            cells = f'<td colspan="{len(areas) + 4}">hidden until you submit</td>'
        else:
            bars = "".join(
                f'<td>{score_label(r.area_means.get(a))} <span class="bar" style="width:'
                f'{(r.area_means[a] - 1) / 3 * 3:.2f}rem"></span></td>'
                if a in r.area_means
                else "<td>—</td>"
                for a in areas
            )
            cells = (
                f"<td>{points_label(r.combined)}</td><td>{r.recommendation_label}</td>"
                f"<td>{r.scorecards}</td>{bars}<td>{r.max_spread}</td>"
            )
        body.append(f'<tr><td>{i}</td><td class="name">{_t(r.shown_label)}</td>{cells}</tr>')
    body.append("</tbody></table>")
    if notes := policy_notes(rows):
        body.append("<p>* decided by the scoring policy:</p><ul>")
        body += [f"<li>{_t(n)}</li>" for n in notes]
        body.append("</ul>")
    if sample := sample_note(rows):
        body.append(f"<p>{_t(sample)}</p>")
    return _page(title or "Candidates", body)
