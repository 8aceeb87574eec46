"""HTML: one self-contained file a hiring manager can open, read and print.

Inline CSS only, no scripts, no external requests (a Content-Security-Policy says so
to the browser too), inline SVG charts, and a print stylesheet that fits A4 and
Letter. Every piece of text from the database goes through ``esc()`` or ``rich()``
(html_text.py).

This module is the page: its head, the header, verdict, summary, amendments, timeline
and footer. The larger sections have their own modules: html_areas.py (scores and
evidence per area) and html_questions.py (red flags and each question).
"""

from __future__ import annotations

from interview.reports.html_areas import areas_section
from interview.reports.html_charts import scale_svg
from interview.reports.html_questions import questions_section, red_flags_section
from interview.reports.html_style import CSS
from interview.reports.html_text import bdi, esc, rich
from interview.reports.model import Report
from interview.reports.text import (
    clock_label,
    date_label,
    one_line,
    points_label,
    score_label,
    status_label,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
REC_CLASS = {"strong_no": "sno", "no": "no", "yes": "yes", "strong_yes": "syes"}


def render_html(report: Report) -> str:
    r = report
    title = f"Candidate report: {one_line(r.candidate_label)}"
    body = [
        _header(r),
        _verdict(r),
        _summary(r),
        areas_section(r),
        red_flags_section(r),
        questions_section(r),
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
        f'<div class="verdict-scale">{scale_svg(r)}</div>',
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
