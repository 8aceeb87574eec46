"""The item analysis as Markdown, CSV, JSON and a self-contained HTML page with inline SVG.

Labels and titles come from content files, which may be anyone's: Markdown and CSV cells
are escaped for their format, HTML through ``html.escape``; nothing here loads a resource.
"""

from __future__ import annotations

import csv
import io
from html import escape

from interview.domain.item_stats import Correlation
from interview.reports.panel_csv import safe_cell
from interview.reports.text import clean, json_text
from interview.services.bank_stats import BankStats, QuestionStat

FORMATS = ("text", "md", "html", "csv", "json")


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def corr_text(c: Correlation) -> str:
    if c.r is None:
        return f"— (n={c.n})"
    if c.low is None or c.high is None:
        return f"{c.r:+.2f} (n={c.n})"
    return f"{c.r:+.2f} [{c.low:+.2f}, {c.high:+.2f}] n={c.n}"


def minutes_text(q: QuestionStat) -> str:
    t = q.timing
    if t.median_minutes is None:
        return "—"
    return f"{t.median_minutes:.1f} / {t.budget} min, over in {pct(t.over_share)}"


def header_line(stats: BankStats) -> str:
    scope = f"plan {stats.plan_id}" if stats.plan_id else "every plan"
    since = f" since {stats.since}" if stats.since else ""
    return (
        f"{stats.sessions} submitted scorecard(s), {scope}{since}; computed {stats.generated_on}. "
        f"Nothing is flagged from fewer than {stats.settings.min_sessions} sessions."
    )


# ---------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    out = clean(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    for ch in "*_`[]<>#":
        out = out.replace(ch, "\\" + ch)
    return out


def render_md(stats: BankStats) -> str:
    lines = ["# Bank health", "", header_line(stats), "", "## Flags", ""]
    if not stats.flags:
        lines.append("No flags.")
    for f in stats.flags:
        lines.append(f"- **{f.kind}** `{_md(f.item)}`: {_md(f.reason)}")
    lines += ["", "## Questions", ""]
    lines.append("| question | live (90 d) | practice (90 d) | minutes vs budget |")
    lines.append("|---|---:|---:|---|")
    for q in stats.questions:
        lines.append(
            f"| {_md(q.title)} (`{_md(q.id)}`) | {q.live_total} ({q.live_recent}) | "
            f"{q.practice_total} ({q.practice_recent}) | {_md(minutes_text(q))} |"
        )
    lines += ["", "## Signals", ""]
    lines.append("| question | signal | kind | hit rate | r [95% CI] n | reading |")
    lines.append("|---|---|---|---:|---|---|")
    for q in stats.questions:
        for s in q.signals:
            kind = "red flag" if s.red_flag else ("weak" if s.kind == "junior" else "strong")
            lines.append(
                f"| `{_md(q.id)}` | {_md(s.label)} | {kind} | {pct(s.hit_rate)} | "
                f"{corr_text(s.correlation)} | {_md(s.reading)} |"
            )
    lines += ["", "## Probes", ""]
    lines.append("| question | probe | asked | area score asked vs not |")
    lines.append("|---|---|---:|---|")
    for q in stats.questions:
        for p in q.probes:
            d = p.area_scores
            diff = "—" if d.difference is None else f"{d.difference:+.2f}"
            lines.append(
                f"| `{_md(q.id)}` | {_md(p.label)} | {pct(p.asked_share)} | {diff} "
                f"(n {d.with_n} vs {d.without_n}) |"
            )
    lines += ["", "## Areas", ""]
    lines.append("| area | 1 | 2 | 3 | 4 | n | questions per session |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for a in stats.areas:
        c = a.scores.counts
        qps = "—" if a.questions_per_session is None else f"{a.questions_per_session:.1f}"
        cells = " | ".join(str(x) for x in c)
        lines.append(f"| {_md(a.title)} | {cells} | {a.scores.n} | {qps} |")
    lines += [
        "",
        "Correlations are point-biserial between ticking a signal and the session's final "
        "weighted score; they show association, not cause. Probe differences compare the "
        "question's area scores in sessions where the probe was asked and where it was not.",
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- CSV


def render_csv(stats: BankStats) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        ["row", "question_id", "item_id", "label", "kind", "n", "value", "r", "ci_low",
         "ci_high", "reading"]
    )  # fmt: skip

    def num(x: float | None) -> str:
        return "" if x is None else f"{x:.3f}"

    for q in stats.questions:
        w.writerow(
            ["question", safe_cell(q.id), "", safe_cell(q.title), "", q.live_total,
             q.live_recent, "", "", "", minutes_text(q)]
        )  # fmt: skip
        for s in q.signals:
            c = s.correlation
            kind = "red_flag" if s.red_flag else s.kind
            w.writerow(
                ["signal", safe_cell(q.id), safe_cell(s.signal_id), safe_cell(s.label), kind,
                 s.sessions, num(s.hit_rate), num(c.r), num(c.low), num(c.high), s.reading]
            )  # fmt: skip
        for p in q.probes:
            w.writerow(
                ["probe", safe_cell(q.id), safe_cell(p.follow_up_id), safe_cell(p.label), "",
                 p.sessions, num(p.asked_share), num(p.area_scores.difference), "", "", ""]
            )  # fmt: skip
    for a in stats.areas:
        w.writerow(
            ["area", "", safe_cell(a.id), safe_cell(a.title), "", a.scores.n,
             num(a.scores.mean), "", "", "", " ".join(str(x) for x in a.scores.counts)]
        )  # fmt: skip
    for f in stats.flags:
        w.writerow(["flag", "", safe_cell(f.item), "", f.kind, "", "", "", "", "",
                    safe_cell(f.reason)])  # fmt: skip
    return buf.getvalue()


# ---------------------------------------------------------------- JSON


def to_data(stats: BankStats) -> dict[str, object]:
    def corr(c: Correlation) -> dict[str, object]:
        return {"r": c.r, "n": c.n, "ci95": [c.low, c.high]}

    return {
        "sessions": stats.sessions,
        "plan_id": stats.plan_id or None,
        "since": stats.since or None,
        "generated_on": stats.generated_on,
        "settings": vars(stats.settings),
        "questions": [
            {
                "id": q.id,
                "title": q.title,
                "live": {"total": q.live_total, "last_90_days": q.live_recent},
                "practice": {"total": q.practice_total, "last_90_days": q.practice_recent},
                "minutes": {
                    "n": q.timing.n,
                    "median": q.timing.median_minutes,
                    "budget": q.timing.budget,
                    "over_share": q.timing.over_share,
                },
                "signals": [
                    {
                        "id": s.signal_id,
                        "label": s.label,
                        "kind": s.kind,
                        "red_flag": s.red_flag,
                        "sessions": s.sessions,
                        "hits": s.hits,
                        "hit_rate": s.hit_rate,
                        "correlation": corr(s.correlation),
                        "reading": s.reading,
                    }
                    for s in q.signals
                ],
                "probes": [
                    {
                        "id": p.follow_up_id,
                        "label": p.label,
                        "sessions": p.sessions,
                        "asked": p.asked,
                        "area_score_asked": p.area_scores.with_mean,
                        "area_score_not_asked": p.area_scores.without_mean,
                        "n_asked": p.area_scores.with_n,
                        "n_not_asked": p.area_scores.without_n,
                    }
                    for p in q.probes
                ],
            }
            for q in stats.questions
        ],
        "areas": [
            {
                "id": a.id,
                "title": a.title,
                "score_counts": list(a.scores.counts),
                "floor_share": a.scores.floor if a.scores.n else None,
                "ceiling_share": a.scores.ceiling if a.scores.n else None,
                "questions_per_session": a.questions_per_session,
            }
            for a in stats.areas
        ],
        "plan_coverage": [
            {"plan_id": c.plan_id, "area_id": c.area_id, "questions": c.questions}
            for c in stats.coverage
        ],
        "flags": [{"kind": f.kind, "item": f.item, "reason": f.reason} for f in stats.flags],
    }


def render_json(stats: BankStats) -> str:
    return json_text(to_data(stats)) + "\n"


# ---------------------------------------------------------------- HTML

CSS = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1d2430; max-width: 76rem;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
.facts { color: #5b6475; }
table { border-collapse: collapse; margin: .6rem 0 1.4rem; }
th, td { border-bottom: 1px solid #d8dde6; padding: .3rem .6rem; text-align: left;
         vertical-align: middle; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: #f2f4f8; }
.flag { color: #a4341b; font-weight: 600; }
.red { color: #a4341b; }
svg { display: block; }
.note { color: #5b6475; font-size: .9rem; }
"""


def _e(text: str) -> str:
    return escape(clean(text))


def _bar(share: float | None, width: int = 120, colour: str = "#4c6fbf") -> str:
    if share is None:
        return "—"
    w = max(0.0, min(1.0, share)) * width
    return (
        f'<svg width="{width}" height="12" role="img" aria-label="{share * 100:.0f}%">'
        f'<rect width="{width}" height="12" fill="#e6e9f0"/>'
        f'<rect width="{w:.1f}" height="12" fill="{colour}"/></svg>'
    )


def _histogram(counts: tuple[int, ...]) -> str:
    top = max(counts) or 1
    bars = []
    for i, c in enumerate(counts):
        h = 40 * c / top
        x = i * 22
        bars.append(
            f'<rect x="{x}" y="{40 - h:.1f}" width="18" height="{h:.1f}" fill="#4c6fbf"/>'
            f'<text x="{x + 9}" y="52" font-size="10" text-anchor="middle">{i + 1}</text>'
        )
    return (
        f'<svg width="{22 * len(counts)}" height="54" role="img" '
        f'aria-label="scores {" ".join(str(c) for c in counts)}">{"".join(bars)}</svg>'
    )


def render_html(stats: BankStats) -> str:
    body = [f"<h1>Bank health</h1><p class='facts'>{_e(header_line(stats))}</p>", "<h2>Flags</h2>"]
    if not stats.flags:
        body.append("<p>No flags.</p>")
    else:
        body.append("<table><thead><tr><th>flag</th><th>item</th><th>why</th></tr></thead><tbody>")
        for f in stats.flags:
            body.append(
                f"<tr><td class='flag'>{_e(f.kind)}</td><td><code>{_e(f.item)}</code></td>"
                f"<td>{_e(f.reason)}</td></tr>"
            )
        body.append("</tbody></table>")
    body.append("<h2>Areas</h2><table><thead><tr><th>area</th><th>scores 1–4</th>"
                "<th>n</th><th>questions per session</th></tr></thead><tbody>")  # fmt: skip
    for a in stats.areas:
        qps = "—" if a.questions_per_session is None else f"{a.questions_per_session:.1f}"
        body.append(
            f"<tr><td>{_e(a.title)}</td><td>{_histogram(a.scores.counts)}</td>"
            f"<td class='num'>{a.scores.n}</td><td class='num'>{qps}</td></tr>"
        )
    body.append("</tbody></table><h2>Questions</h2>")
    for q in stats.questions:
        body.append(
            f"<h3>{_e(q.title)} <code>{_e(q.id)}</code></h3><p class='facts'>"
            f"asked live {q.live_total} ({q.live_recent} in 90 days), practised "
            f"{q.practice_total} ({q.practice_recent}); minutes {_e(minutes_text(q))}</p>"
        )
        body.append("<table><thead><tr><th>signal</th><th>hit rate</th><th></th>"
                    "<th>r [95% CI] n</th><th>reading</th></tr></thead><tbody>")  # fmt: skip
        for s in q.signals:
            cls = " class='red'" if s.red_flag or s.kind == "junior" else ""
            mark = "⚑ " if s.red_flag else ""
            colour = "#c0533a" if s.red_flag or s.kind == "junior" else "#4c6fbf"
            body.append(
                f"<tr><td{cls}>{mark}{_e(s.label)}</td><td class='num'>{pct(s.hit_rate)}</td>"
                f"<td>{_bar(s.hit_rate, colour=colour)}</td>"
                f"<td class='num'>{_e(corr_text(s.correlation))}</td><td>{_e(s.reading)}</td></tr>"
            )
        for p in q.probes:
            d = p.area_scores
            diff = "—" if d.difference is None else f"{d.difference:+.2f}"
            body.append(
                f"<tr><td>probe: {_e(p.label)}</td><td class='num'>{pct(p.asked_share)}</td>"
                f"<td>{_bar(p.asked_share, colour='#7a8599')}</td>"
                f"<td class='num'>{diff}</td><td>area score asked vs not "
                f"(n {d.with_n} vs {d.without_n})</td></tr>"
            )
        body.append("</tbody></table>")
    body.append(
        "<p class='note'>Correlations are point-biserial between ticking a signal and the "
        "session's final weighted score, with a 95% interval (Fisher z); they show association, "
        "not cause. Weak signals and red flags are expected to correlate negatively.</p>"
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width'>"
        "<title>Bank health</title><style>"
        + CSS
        + "</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )


# ---------------------------------------------------------------- plain text


def _cut(text: str, width: int) -> str:
    text = " ".join(clean(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(stats: BankStats) -> str:
    """Plain aligned text: no markup anywhere, so labels from any content stay text."""
    out = ["Bank health", header_line(stats), "", f"Flags ({len(stats.flags)})"]
    for f in stats.flags:
        out.append(f"  {f.kind:<18} {_cut(f.item, 44):<44} {_cut(f.reason, 110)}")
    if not stats.flags:
        out.append("  none")
    out += ["", f"{'Areas':<24}     1     2     3     4     n  questions/session"]
    for a in stats.areas:
        c = a.scores.counts
        qps = "—" if a.questions_per_session is None else f"{a.questions_per_session:.1f}"
        cells = "".join(f"{x:>6}" for x in c)
        out.append(f"  {_cut(a.title, 22):<22}{cells}{a.scores.n:>6}  {qps}")
    for q in stats.questions:
        out += [
            "",
            f"{_cut(q.title, 70)} [{q.id}]",
            f"  live {q.live_total} ({q.live_recent} in 90 d) · practice {q.practice_total} "
            f"({q.practice_recent}) · minutes {minutes_text(q)}",
        ]
        for s in q.signals:
            mark = "⚑" if s.red_flag else ("−" if s.kind == "junior" else "+")
            out.append(
                f"  {mark} {_cut(s.label, 40):<40} hit {pct(s.hit_rate):>4}  "
                f"r {corr_text(s.correlation):<28} {s.reading}"
            )
        for p in q.probes:
            d = p.area_scores
            diff = "—" if d.difference is None else f"{d.difference:+.2f}"
            out.append(
                f"  ? {_cut(p.label, 40):<40} asked {pct(p.asked_share):>4}  "
                f"area score asked vs not {diff} (n {d.with_n} vs {d.without_n})"
            )
    return "\n".join(out) + "\n"


RENDERERS = {
    "text": render_text,
    "md": render_md,
    "html": render_html,
    "csv": render_csv,
    "json": render_json,
}
