"""Markdown: reads well raw and on a code-hosting site.

User text is escaped so that nothing in a note can become a link, an image, HTML or a
heading; backtick code spans are kept (see inline.py).
"""

from __future__ import annotations

import re

from interview.reports.inline import pieces
from interview.reports.model import AreaReport, QuestionReport, Report
from interview.reports.text import (
    clean,
    clock_label,
    date_label,
    duration,
    excerpt,
    one_line,
    points_label,
    score_label,
    source_label,
    status_label,
)

# Underscores inside a word (snake_case) never make emphasis, so they stay as typed.
_INLINE_SPECIAL = re.compile(r"([\\`*\[\]<>|~&#!]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_BLOCK_START = re.compile(r"^(\s*)(#|>|=+\s*$|-{3,}\s*$|_{3,}\s*$|\*{3,}\s*$)")


def _code(text: str, table: bool) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    out = f"{fence}{pad}{text}{pad}{fence}"
    return out.replace("|", "\\|") if table else out


def inline(text: str, table: bool = False) -> str:
    """One line of escaped user text, for a heading, a list item or a table cell."""
    parts = []
    for piece, is_code in pieces(one_line(text)):
        parts.append(_code(piece, table) if is_code else _INLINE_SPECIAL.sub(r"\\\1", piece))
    return "".join(parts)


def cell(text: str) -> str:
    return inline(text, table=True) or " "


def quote(text: str) -> list[str]:
    """A multi-line note as a blockquote, line breaks kept, nothing interpreted."""
    lines = []
    for raw in clean(text).strip("\n").split("\n"):
        line = "".join(
            _code(p, False) if code else _INLINE_SPECIAL.sub(r"\\\1", p)
            for p, code in pieces(raw.rstrip())
        )
        line = _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        # Two trailing spaces: a hard line break that stays invisible in the raw file.
        lines.append(f"> {line}  " if line else ">")
    return lines


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def render_markdown(report: Report) -> str:
    r = report
    out: list[str] = [f"# Candidate report: {inline(r.candidate_label)}", ""]
    if r.sample:
        out += ["> *Sample data written by `interview demo`, not a real candidate.*", ""]
    if not r.submitted:
        out += ["> **Draft.** This session is still in progress; scores may change.", ""]
    role = r.role + (f" ({r.level})" if r.level else "")
    status = status_label(r.status)
    if r.submitted_at:
        status += f" {date_label(r.submitted_at)}"
    if r.revision:
        status += f", amended (revision {r.revision})"
    out += [
        "| | |",
        "|---|---|",
        f"| Candidate | {cell(r.candidate_label)} |",
        f"| Role | {cell(role)} |",
        f"| {'Practised by' if r.mode == 'practice' else 'Interviewer'} | {cell(r.interviewer)} |",
        f"| Date | {date_label(r.started_at)} |",
        f"| Status | {status} |",
        f"| Mode | {r.mode} |",
        f"| Plan | {cell(r.plan_title)} (`{r.plan_id}`), {r.plan_minutes} min |",
        f"| Rubric | {cell(r.rubric_title)} (`{r.rubric_id}`) |",
        f"| Content version | `{r.content_hash}` (hash of the rubric and questions as used) |",
        f"| Session | `{r.session_id}` |",
        "",
    ]
    out += _recommendation(r)
    out += _summary(r)
    out += _areas(r)
    if r.red_flags:
        out += ["## Red flags", ""]
        out += [f"- **{inline(f.question_title)}:** {inline(f.text)}" for f in r.red_flags]
        out.append("")
    out += ["## Questions", ""]
    notes_label = "Answer" if r.mode == "practice" else "Notes"
    for q in r.questions:
        out += _question(q, notes_label)
    if r.amendments:
        out += _amendments(r)
    if r.timeline:
        out += ["## Timeline", "", "| Time (UTC) | Who | What |", "|---|---|---|"]
        for e in r.timeline:
            out.append(f"| {clock_label(e.at, r.started_at)} | {cell(e.actor)} | {cell(e.text)} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _recommendation(r: Report) -> list[str]:
    out: list[str] = []
    if r.weighted is None:
        out += ["## Recommendation: none yet", "", "No area has been scored.", ""]
    elif r.recommendation_label is None:
        out += [f"## Score: {r.weighted:.1f} / 100", "", f"*{r.score_caption}*", ""]
    else:
        head = f"{r.recommendation_label} — {r.weighted:.1f} / 100"
        out += [f"## Recommendation: {head}", ""]
        if not r.submitted:
            out += [f"*{r.score_caption}*", ""]
    no, yes, strong = r.thresholds
    out += [
        f"Thresholds: Strong No below {no:g}, No from {no:g}, Yes from {yes:g}, "
        f"Strong Yes from {strong:g}.",
        "",
    ]
    if r.policy_rule:
        out += [f"> **Scoring policy:** {inline(r.policy_rule)}", ""]
    if r.recorded_differs:
        recorded = points_label(r.recorded_weighted)
        out += [f"> **Note:** the stored score ({recorded}) differs from the recomputed one.", ""]
    if r.sensitivity:
        out += [f"> **Warning:** {inline(r.sensitivity)}", ""]
    if r.justification.strip():
        out += ["**Justification**", "", *quote(r.justification), ""]
    return out


def _summary(r: Report) -> list[str]:
    note = r.summary
    if note is None or not note.text.strip():
        return []
    caption = (
        f"{inline(note.origin)}; saved {date_label(note.updated_at)}. "
        "An annotation: it does not change the scores."
    )
    return [f"## {note.heading}", "", f"*{caption}*", "", *quote(note.text), ""]


def _areas(r: Report) -> list[str]:
    out = [
        "## Areas",
        "",
        "| Area | Score | Level | Weight | Contribution |",
        "|---|---:|---|---:|---:|",
    ]
    for a in r.areas:
        score = f"{score_label(a.score)}/{a.top}" if a.assessed else "not assessed"
        weight = f"{a.weight}%"
        if a.assessed and r.not_assessed:
            weight += f" → {_percent(a.effective_weight)}"
        contribution = points_label(a.contribution) if a.assessed else "—"
        out.append(
            f"| {cell(a.title)} | {score} | {cell(a.level_label)} | {weight} | {contribution} |"
        )
    if r.weighted is not None:
        out.append(f"| **Weighted score** | | | | **{r.weighted:.1f}** |")
    out.append("")
    out.append(
        "Contribution is the points an area adds to the 0–100 weighted score "
        "(its weight times its score on a 0–100 scale)."
    )
    out.append("")
    if r.not_assessed:
        names = ", ".join(inline(a.title) for a in r.not_assessed)
        out += [
            f"**Not assessed:** {names}. Their weight is shared among the assessed areas "
            "(the → figure in the weight column).",
            "",
        ]
    for a in r.areas:
        out += _area_detail(a)
    return out


def _area_detail(a: AreaReport) -> list[str]:
    if a.assessed:
        head = f"### {inline(a.title)} — {score_label(a.score)}/{a.top} {inline(a.level_label)}"
    else:
        head = f"### {inline(a.title)} — not assessed"
    out = [head, ""]
    if a.behaviours:
        out += ["What this level looks like:", ""]
        out += [f"- {inline(b)}" for b in a.behaviours]
        out.append("")
    if not a.evidence:
        out += ["*No evidence recorded for this area.*", ""]
        return out
    out += ["Evidence:", ""]
    for e in a.evidence:
        out.append(f"- **{inline(e.question_title)}**")
        out += [f"  - Senior signal: {inline(s)}" for s in e.senior]
        out += [f"  - Junior signal: {inline(s)}" for s in e.junior]
        if e.excerpt:
            out.append(f"  - Notes: “{inline(e.excerpt)}”")
    out.append("")
    return out


def _question(q: QuestionReport, notes_label: str) -> list[str]:
    spent = f"{duration(q.elapsed_seconds)} of {duration(q.budget_seconds)}"
    if q.over_budget:
        spent += " (over budget)"
    areas = ", ".join(q.areas)
    out = [
        f"### {q.position}. {inline(q.title)}",
        "",
        f"*{q.kind}, {q.level} · areas: {inline(areas)} · time: {spent}*",
        "",
    ]
    if q.self_scores:
        scored = ", ".join(f"{area} {value}/4" for area, value in q.self_scores)
        out += [f"Self-scores: {inline(scored)}", ""]
    for label, signals in (
        ("Senior signals observed", q.senior),
        ("Junior signals observed", q.junior),
    ):
        if signals:
            out += [f"{label}:", ""]
            out += [
                f"- {inline(s.text)}" + (" **(red flag)**" if s.red_flag else "") for s in signals
            ]
            out.append("")
    if not (q.senior or q.junior):
        out += ["*No signals ticked.*", ""]
    asked = q.asked_follow_ups
    if asked:
        out += ["Follow-ups asked:", ""]
        for f in asked:
            why = f": {inline(excerpt(f.reason, 160))}" if f.reason else ""
            out.append(f"- {inline(f.text)} *(from the {source_label(f.source)}{why})*")
        out.append("")
    if q.notes.strip():
        out += [f"{notes_label}:", "", *quote(q.notes), ""]
    else:
        out += [f"*No {notes_label.lower()}.*", ""]
    if q.follow_up_answer.strip():
        out += ["Answer to the follow-up:", "", *quote(q.follow_up_answer), ""]
    return out


def _amendments(r: Report) -> list[str]:
    out = ["## Amendments", ""]
    for a in r.amendments:
        who = f" by {inline(a.actor)}" if a.actor else ""
        out += [f"### {date_label(a.at)}{who}", "", f"**Reason:** {inline(a.reason)}", ""]
        if a.score_changes:
            out += ["| Area | Before | After |", "|---|---:|---:|"]
            out += [
                f"| {cell(c.area_title)} | {score_label(c.before)} | {score_label(c.after)} |"
                for c in a.score_changes
            ]
            out.append("")
        if a.justification_after is not None:
            out += ["Justification changed to:", "", *quote(a.justification_after), ""]
    return out
