"""The report's Red flags and Questions sections: per question its time, the signals
ticked, the follow-ups asked and the notes (a practice attempt's answer)."""

from __future__ import annotations

from interview.reports.html_text import esc, rich
from interview.reports.model import QuestionReport, Report
from interview.reports.text import duration, excerpt, source_label


def red_flags_section(r: Report) -> str:
    if not r.red_flags:
        return ""
    items = "".join(
        f'<li><span class="q">{esc(f.question_title)}:</span> {rich(f.text, flat=True)}</li>'
        for f in r.red_flags
    )
    return f'<section class="red-flags"><h2>Red flags</h2><ul>{items}</ul></section>'


def questions_section(r: Report) -> str:
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
