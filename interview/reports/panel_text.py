"""The panel view, the ranked list and per-area bar charts for a terminal (Rich)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from interview.reports.panel_debrief import debrief_lines
from interview.reports.panel_md import rec_label
from interview.reports.rich_safe import SafeTable as Table
from interview.reports.text import excerpt, one_line, points_label, score_label
from interview.services.panel import PanelView, RankedCandidate, Ranking
from interview.services.ranking import policy_notes, sample_note

WARN = "bold red"


def bar(value: float | None, width: int = 24, low: float = 1.0, high: float = 4.0) -> str:
    """A horizontal bar for a 1-4 score, in eighths of a cell."""
    if value is None:
        return ""
    eighths = round((value - low) / (high - low) * width * 8)
    full, part = divmod(max(0, eighths), 8)
    return "█" * full + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[part]


def panel_renderable(view: PanelView, evidence: bool = False) -> RenderableType:
    raters = view.raters
    facts = [f"Rubric: {view.rubric.title}"]
    if view.roles:
        facts.append("Role: " + ", ".join(view.roles))
    facts.append(f"{len(raters)} scorecard(s) submitted")
    if view.pending:
        facts.append("in progress: " + ", ".join(r.label for r in view.pending))
    parts: list[RenderableType] = [
        Text(f"Panel: {one_line(view.candidate.label)}", style="bold"),
        Text(" · ".join(one_line(f) for f in facts), style="dim"),
        *(Text(one_line(line), style="bold") for line in debrief_lines(view)),
    ]
    if not raters:
        parts.append(Text("No submitted scorecards yet."))
        return Group(*parts)
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Area")
    table.add_column("Wt", justify="right")
    for r in raters:
        table.add_column(one_line(r.label), justify="right")
    table.add_column("Mean", justify="right")
    table.add_column("Spread", justify="right")
    for row in view.rows:
        style = WARN if row.disagreement else None
        spread = "—" if row.spread is None else f"{row.spread}{' ⚠' if row.disagreement else ''}"
        table.add_row(
            row.title,
            str(row.weight),
            *(score_label(s) for s in row.scores),
            score_label(row.mean),
            Text(spread, style=style or ""),
            style=style,
        )
    combined = view.combined
    table.add_section()
    table.add_row(
        "Weighted score", "", *(points_label(r.weighted_score) for r in raters),
        points_label(combined.weighted), "", style="bold",
    )  # fmt: skip
    table.add_row(
        "Recommendation", "", *(rec_label(r.recommendation) for r in raters),
        combined.recommendation_label, "", style="bold",
    )  # fmt: skip
    parts += [
        table,
        Text(
            f"Combined by formula: {points_label(combined.weighted)} / 100 → "
            f"{combined.recommendation_label} (area means across interviewers, then weights)",
            style="bold",
        ),
    ]
    if combined.rule:
        parts.append(Text(f"Scoring policy: {combined.rule}", style="bold"))
    if sensitivity := combined.sensitivity_text(panel=True):
        parts.append(Text(sensitivity, style="yellow" if combined.sensitive else ""))
    parts.append(Text("\nDebrief agenda (largest disagreement first)", style="bold"))
    if view.agenda:
        parts += [
            Text(
                f"{i}. {item.topic} — {one_line(item.text)}", style=WARN if item.spread >= 2 else ""
            )
            for i, item in enumerate(view.agenda, 1)
        ]
    else:
        parts.append(Text("The interviewers agree on every area."))
    if evidence:
        for row in view.rows:
            parts.append(Text(f"\n{row.title}", style="bold"))
            for r, s in zip(raters, row.scores, strict=True):
                parts.append(Text(f"  {one_line(r.label)}: {score_label(s)}", style="bold"))
                for e in view.evidence_for(r.session_id, row.area_id):
                    if e.empty:
                        continue
                    parts.append(Text(f"    {one_line(e.question_title)}", style="italic"))
                    parts += [Text(f"      ✓ {one_line(x)}", style="green") for x in e.senior]
                    parts += [Text(f"      ✗ {one_line(x)}", style="red") for x in e.junior]
                    if e.notes.strip():
                        parts.append(Text(f"      notes: {excerpt(e.notes, 300)}"))
    return Group(*parts)


def ranking_table(ranking: Ranking, rows: Sequence[RankedCandidate]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Candidate", no_wrap=True, overflow="ellipsis", min_width=12, ratio=1)
    for name in ("Combined", "Rec.", "Cards"):
        table.add_column(name, justify="left" if name == "Rec." else "right", no_wrap=True)
    for a in ranking.area_ids:
        table.add_column(a, justify="right", no_wrap=True, min_width=min(len(a), 6))
    table.add_column("Spread", justify="right", no_wrap=True)
    for i, r in enumerate(rows, 1):
        if r.hidden:
            table.add_row(str(i), one_line(r.shown_label), "hidden", "until you submit",
                          str(r.scorecards), style="dim")  # fmt: skip
            continue
        spread = Text(str(r.max_spread), style=WARN if r.disagreements else "")
        table.add_row(
            str(i),
            one_line(r.shown_label),
            points_label(r.combined),
            r.recommendation_label,
            str(r.scorecards),
            *(score_label(r.area_means.get(a)) for a in ranking.area_ids),
            spread,
        )
    return table


def ranking_notes(rows: Sequence[RankedCandidate]) -> RenderableType:
    """The scoring policy's rule for each starred recommendation; what [sample] means."""
    notes = policy_notes(rows)
    sample = sample_note(rows)
    if not notes and not sample:
        return Text("")
    parts: list[RenderableType] = []
    if notes:
        parts.append(Text("* decided by the scoring policy:", style="bold"))
        parts += [Text(f"  {one_line(n)}") for n in notes]
    if sample:
        parts.append(Text(sample, style=WARN))
    return Group(*parts)


def area_charts(ranking: Ranking, rows: Sequence[RankedCandidate], top: int = 10) -> RenderableType:
    """One bar chart per area: the mean score of each listed candidate (first ``top``)."""
    shown = [r for r in rows if not r.hidden][:top]
    width = max((len(one_line(r.candidate.label)) for r in shown), default=10)
    width = min(width, 32)
    parts: list[RenderableType] = []
    for a in ranking.area_ids:
        parts.append(Text(f"\n{ranking.area_title(a)} (1–4)", style="bold"))
        for r in shown:
            value = r.area_means.get(a)
            label = one_line(r.candidate.label)[:width].ljust(width)
            parts.append(Text(f"  {label} {bar(value):<24} {score_label(value)}"))
    return Group(*parts)
