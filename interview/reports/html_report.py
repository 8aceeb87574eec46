"""HTML: one self-contained file a hiring manager can open, read and print.

Inline CSS only, no scripts, no external requests (a Content-Security-Policy says so
to the browser too), an inline SVG chart, and a print stylesheet that fits A4 and
Letter. Every piece of text from the database goes through ``esc()`` or ``rich()``.
"""

from __future__ import annotations

from html import escape

from interview.reports.html_style import CSS
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

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
REC_CLASS = {"strong_no": "sno", "no": "no", "yes": "yes", "strong_yes": "syes"}


def esc(text: str) -> str:
    """User text as HTML text: control characters visible, markup inert."""
    return escape(clean(text), quote=True)


def rich(text: str, *, flat: bool = False) -> str:
    """Escaped text with `code spans` as <code>; ``flat`` joins lines into one."""
    source = one_line(text) if flat else clean(text).strip("\n")
    return "".join(
        f"<code>{escape(p, quote=True)}</code>" if code else escape(p, quote=True)
        for p, code in pieces(source)
    )


def bdi(text: str) -> str:
    """A name or label that may be right-to-left, isolated from the text around it."""
    return f"<bdi>{esc(one_line(text))}</bdi>"


def render_html(report: Report) -> str:
    r = report
    title = f"Candidate report: {one_line(r.candidate_label)}"
    body = [
        _header(r),
        _verdict(r),
        _summary(r),
        _areas(r),
        _red_flags(r),
        _questions(r),
        _amendments(r),
        _timeline(r),
        _footer(r),
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        '<main class="report">\n' + "\n".join(part for part in body if part) + "\n</main>\n"
        "</body>\n</html>\n"
    )


def _header(r: Report) -> str:
    flags = []
    if r.sample:
        flags.append('<span class="flag sample">Sample data</span>')
    if not r.submitted:
        flags.append('<span class="flag draft">Draft: in progress</span>')
    if r.mode == "practice":
        flags.append('<span class="flag practice">Practice attempt</span>')
    code = (
        f' <span class="cand-code">{esc(r.candidate_code)}</span>'
        if r.candidate_name and r.candidate_code
        else ""
    )
    name = r.candidate_name or r.candidate_code
    role = " · ".join(esc(x) for x in (r.role, r.level) if x)
    status = status_label(r.status)
    if r.submitted_at:
        status += f" {date_label(r.submitted_at)}"
    if r.revision:
        status += f" · amended (revision {r.revision})"
    who = "Practised by" if r.mode == "practice" else "Interviewer"
    facts = [
        (who, bdi(r.interviewer) if r.interviewer else "—"),
        ("Date", esc(date_label(r.started_at))),
        ("Plan", f'{esc(r.plan_title)} <span class="muted">· {r.plan_minutes} min planned</span>'),
        ("Rubric", esc(r.rubric_title)),
        ("Status", esc(status)),
        ("Content version", f"<code>{esc(r.content_hash)}</code>"),
        ("Session", f"<code>{esc(r.session_id)}</code>"),
    ]
    dl = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in facts)
    return (
        '<header class="head">\n'
        f'<p class="eyebrow">Candidate report {"".join(flags)}</p>\n'
        f"<h1>{bdi(name)}{code}</h1>\n"
        + (f'<p class="role">{role}</p>\n' if role else "")
        + f'<dl class="facts">{dl}</dl>\n</header>'
    )


def _scale(r: Report) -> str:
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


def _verdict(r: Report) -> str:
    if r.weighted is None:
        headline = '<p class="rec-label">No recommendation yet</p><p>No area has been scored.</p>'
        cls = "none"
    else:
        basis = esc(r.score_caption)
        label = r.recommendation_label or "Practice"
        headline = (
            f'<p class="rec-label">{esc(label)}</p>'
            f'<p class="big">{r.weighted:.1f}<span class="of"> / 100</span></p>'
            f'<p class="basis">{basis}</p>'
        )
        cls = REC_CLASS.get(r.recommendation or "", "none")
    out = [
        f'<section class="verdict rec-{cls}">',
        f'<div class="verdict-text">{headline}</div>',
        f'<div class="verdict-scale">{_scale(r)}</div>',
        "</section>",
    ]
    if r.policy_rule:
        out.append(
            f'<p class="callout info"><strong>Scoring policy:</strong> {esc(r.policy_rule)}</p>'
        )
    if r.recorded_differs:
        out.append(
            '<p class="callout warn"><strong>Note:</strong> the stored score '
            f"({points_label(r.recorded_weighted)}) differs from the one recomputed here.</p>"
        )
    if r.sensitivity:
        flips = "".join(
            f"<li>{esc(f.area_title)} {'+1' if f.delta > 0 else '−1'} → "
            f"{esc(f.recommendation_label)} ({f.weighted:.1f})</li>"
            for f in r.flips
        )
        out.append(
            '<div class="callout warn"><strong>Borderline.</strong> A one-point change in '
            f'one area would flip the recommendation:<ul class="flips">{flips}</ul></div>'
        )
    if r.justification.strip():
        out.append(
            '<section class="justification"><h2>Justification</h2>'
            f'<blockquote class="notes" dir="auto">{rich(r.justification)}</blockquote>'
            "</section>"
        )
    return "\n".join(out)


def _summary(r: Report) -> str:
    note = r.summary
    if note is None or not note.text.strip():
        return ""
    # Existing classes only: the stylesheet (and so every report without a summary) is unchanged.
    return (
        '<section class="justification summary-note">'
        f"<h2>{esc(note.heading)}</h2>"
        f'<p class="callout info">{esc(note.origin)}; saved {esc(date_label(note.updated_at))}. '
        "An annotation: it does not change the scores.</p>"
        f'<blockquote class="notes" dir="auto">{rich(note.text)}</blockquote>'
        "</section>"
    )


def _chart(r: Report) -> str:
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


def _areas(r: Report) -> str:
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
        f"{_chart(r)}\n{table}\n{missing}\n"
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


def _red_flags(r: Report) -> str:
    if not r.red_flags:
        return ""
    items = "".join(
        f'<li><span class="q">{esc(f.question_title)}:</span> {rich(f.text, flat=True)}</li>'
        for f in r.red_flags
    )
    return f'<section class="red-flags"><h2>Red flags</h2><ul>{items}</ul></section>'


def _questions(r: Report) -> str:
    notes_label = "Answer" if r.mode == "practice" else "Notes"
    body = "\n".join(_question(q, notes_label) for q in r.questions)
    return f'<section class="questions"><h2>Questions</h2>\n{body}</section>'


def _question(q: QuestionReport, notes_label: str) -> str:
    over = " over" if q.over_budget else ""
    time = (
        f'<span class="time{over}">{duration(q.elapsed_seconds)} of '
        f"{duration(q.budget_seconds)}{' · over budget' if q.over_budget else ''}</span>"
    )
    meta = f"{esc(q.kind)} · {esc(q.level)} · {esc(', '.join(q.areas))}"
    parts = [
        f'<article class="question"><h3><span class="num-badge">{q.position}</span> '
        f'{esc(q.title)}</h3><p class="meta">{meta} · {time}</p>'
    ]
    if q.self_scores:
        scored = ", ".join(f"{esc(a)} {v}/4" for a, v in q.self_scores)
        parts.append(f'<p class="meta">Self-scores: {scored}</p>')
    if q.senior or q.junior:
        sig = "".join(f'<li class="sig senior">{rich(s.text, flat=True)}</li>' for s in q.senior)
        sig += "".join(
            f'<li class="sig junior{" red" if s.red_flag else ""}">{rich(s.text, flat=True)}'
            f"{' <strong>red flag</strong>' if s.red_flag else ''}</li>"
            for s in q.junior
        )
        parts.append(
            '<p class="label">Signals observed <span class="key">(+ senior, − junior)</span></p>'
            f'<ul class="signals">{sig}</ul>'
        )
    else:
        parts.append('<p class="muted">No signals ticked.</p>')
    asked = q.asked_follow_ups
    if asked:
        items = "".join(_follow_up(f.text, f.source, f.reason) for f in asked)
        parts.append(f'<p class="label">Follow-ups asked</p><ul class="followups">{items}</ul>')
    if q.notes.strip():
        parts.append(
            f'<p class="label">{notes_label}</p><div class="notes" dir="auto">{rich(q.notes)}</div>'
        )
    else:
        parts.append(f'<p class="muted">No {notes_label.lower()}.</p>')
    if q.follow_up_answer.strip():
        parts.append(
            '<p class="label">Answer to the follow-up</p>'
            f'<div class="notes" dir="auto">{rich(q.follow_up_answer)}</div>'
        )
    parts.append("</article>")
    return "".join(parts)


def _follow_up(text: str, source: str, reason: str) -> str:
    why = f'<span class="why">{rich(excerpt(reason, 160), flat=True)}</span>' if reason else ""
    return (
        f'<li>{rich(text, flat=True)} <span class="src {esc(source)}">'
        f"{esc(source_label(source))}</span>{why}</li>"
    )


def _amendments(r: Report) -> str:
    if not r.amendments:
        return ""
    out = ['<section class="amendments"><h2>Amendments</h2>']
    for a in r.amendments:
        who = f" by {bdi(a.actor)}" if a.actor else ""
        out.append(f'<article class="amendment"><h3>{esc(date_label(a.at))}{who}</h3>')
        reason = rich(a.reason, flat=True)
        out.append(f'<p><strong>Reason:</strong> <span dir="auto">{reason}</span></p>')
        if a.score_changes:
            rows = "".join(
                f'<tr><th scope="row">{esc(c.area_title)}</th>'
                f'<td class="num">{score_label(c.before)}</td>'
                f'<td class="num">{score_label(c.after)}</td></tr>'
                for c in a.score_changes
            )
            out.append(
                '<table class="changes"><thead><tr><th>Area</th><th class="num">Before</th>'
                f'<th class="num">After</th></tr></thead><tbody>{rows}</tbody></table>'
            )
        if a.justification_after is not None:
            out.append(
                '<p class="label">Justification changed to</p>'
                f'<div class="notes" dir="auto">{rich(a.justification_after)}</div>'
            )
        out.append("</article>")
    out.append("</section>")
    return "\n".join(out)


def _timeline(r: Report) -> str:
    if not r.timeline:
        return ""
    rows = "".join(
        f'<tr><td class="when">{esc(clock_label(e.at, r.started_at))}</td>'
        f"<td>{bdi(e.actor) if e.actor else ''}</td><td>{rich(e.text, flat=True)}</td></tr>"
        for e in r.timeline
    )
    return (
        '<section class="timeline"><h2>Timeline</h2>'
        '<table class="events"><thead><tr><th>Time (UTC)</th><th>Who</th><th>What</th></tr>'
        f"</thead><tbody>{rows}</tbody></table></section>"
    )


def _footer(r: Report) -> str:
    return (
        '<footer class="foot">Built from the interview database. Scored against content '
        f"version <code>{esc(r.content_hash)}</code> (rubric <code>{esc(r.rubric_id)}</code>, "
        f"plan <code>{esc(r.plan_id)}</code>).</footer>"
    )
