"""The panel view and the ranked list as Markdown (escaping shared with the reports)."""

from __future__ import annotations

from collections.abc import Sequence

from interview.domain.scoring import Recommendation
from interview.reports.markdown import cell, inline, quote
from interview.reports.panel_debrief import debrief_lines
from interview.reports.text import excerpt, points_label, score_label
from interview.services.live import Evidence
from interview.services.panel import PanelView, RankedCandidate, Ranking
from interview.services.ranking import policy_notes, sample_note


def rec_label(rec: str | None) -> str:
    try:
        return Recommendation(rec or "").label
    except ValueError:
        return "—"


def spread_label(spread: int | None, disagreement: bool) -> str:
    if spread is None:
        return "—"
    return f"**{spread} ⚠**" if disagreement else str(spread)


def evidence_lines(items: Sequence[Evidence]) -> list[str]:
    lines = []
    for e in items:
        if e.empty:
            continue
        lines.append(f"- *{inline(e.question_title)}*")
        lines += [f"  - ✓ {inline(s)}" for s in e.senior]
        lines += [f"  - ✗ {inline(s)}" for s in e.junior]
        if e.notes.strip():
            lines.append(f"  - notes: {inline(excerpt(e.notes, 400))}")
    return lines or ["- no notes or signals recorded for this area"]


def render_panel(view: PanelView) -> str:
    raters = view.raters
    out = [f"# Panel: {inline(view.candidate.label)}", ""]
    facts = [f"Rubric: {inline(view.rubric.title)}"]
    if view.roles:
        facts.append("Role: " + inline(", ".join(view.roles)))
    facts.append(f"{len(raters)} scorecard(s) submitted")
    if view.pending:
        facts.append("in progress: " + inline(", ".join(r.label for r in view.pending)))
    out += [" · ".join(facts), ""]
    out += [x for line in debrief_lines(view) for x in (f"**{inline(line)}**", "")]
    if not raters:
        out += ["No submitted scorecards yet.", ""]
        return "\n".join(out)

    out += ["## Scores", ""]
    out.append(
        "| Area | Weight | " + " | ".join(cell(r.label) for r in raters) + " | Mean | Spread |"
    )
    out.append("|---|---:|" + "---:|" * len(raters) + "---:|---:|")
    for row in view.rows:
        scores = " | ".join(score_label(s) for s in row.scores)
        title = f"**{cell(row.title)}**" if row.disagreement else cell(row.title)
        out.append(
            f"| {title} | {row.weight} | {scores} | {score_label(row.mean)} | "
            f"{spread_label(row.spread, row.disagreement)} |"
        )
    weighted = " | ".join(points_label(r.weighted_score) for r in raters)
    recs = " | ".join(rec_label(r.recommendation) for r in raters)
    combined = view.combined
    out.append(f"| **Weighted score** | | {weighted} | **{points_label(combined.weighted)}** | |")
    out.append(f"| **Recommendation** | | {recs} | **{combined.recommendation_label}** | |")
    out += [
        "",
        f"**Combined by formula: {points_label(combined.weighted)} / 100 → "
        f"{combined.recommendation_label}** (mean of each area across interviewers, "
        "then the rubric's weights). Disagreements of 2 points or more are marked ⚠.",
    ]
    if combined.not_assessed:
        titles = [view.rubric.area(a).title for a in combined.not_assessed]
        out.append(f"Not assessed by anyone: {inline(', '.join(titles))}.")
    if combined.rule:
        out.append(f"**Scoring policy:** {inline(combined.rule)}")
    if sensitivity := combined.sensitivity_text(panel=True):
        out.append(inline(sensitivity))
    out += ["", "## Debrief agenda", ""]
    if view.agenda:
        out += [
            f"{i}. **{inline(item.topic)}** — {inline(item.text)}"
            for i, item in enumerate(view.agenda, 1)
        ]
    else:
        out.append("The interviewers agree on every area.")
    out += ["", "## Justifications", ""]
    for r in raters:
        out += [
            f"**{inline(r.label)}** ({rec_label(r.recommendation)})",
            "",
            *quote(r.justification),
            "",
        ]
    out += ["## Evidence", ""]
    for row in view.rows:
        out += [f"### {inline(row.title)}", ""]
        for r, s in zip(raters, row.scores, strict=True):
            out.append(f"**{inline(r.label)}: {score_label(s)}**")
            out += [*evidence_lines(view.evidence_for(r.session_id, row.area_id)), ""]
    return "\n".join(out).rstrip() + "\n"


def render_ranking(ranking: Ranking, rows: Sequence[RankedCandidate], title: str = "") -> str:
    areas = ranking.area_ids
    out = [f"# {inline(title or 'Candidates')}", ""]
    head = ["#", "Candidate", "Combined", "Recommendation", "Scorecards"]
    head += [ranking.area_title(a) for a in areas] + ["Max spread"]
    out.append("| " + " | ".join(cell(h) for h in head) + " |")
    out.append("|---:|---|---:|---|---:|" + "---:|" * len(areas) + "---:|")
    for i, r in enumerate(rows, 1):
        if r.hidden:
            values = ["hidden until you submit", "", str(r.scorecards)] + [""] * len(areas) + [""]
        else:
            values = [points_label(r.combined), r.recommendation_label, str(r.scorecards)]
            values += [score_label(r.area_means.get(a)) for a in areas]
            values.append(spread_label(r.max_spread, r.disagreements > 0))
        out.append(f"| {i} | {cell(r.shown_label)} | " + " | ".join(values) + " |")
    if notes := policy_notes(rows):
        out += ["", "\\* decided by the scoring policy:", ""]
        out += [f"- {inline(n)}" for n in notes]
    if sample := sample_note(rows):
        out += ["", inline(sample)]
    return "\n".join(out) + "\n"
