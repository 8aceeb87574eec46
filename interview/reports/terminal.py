"""The report as Rich renderables, for a terminal and for the app's report screen.

User text only ever enters as ``Text`` objects (never as markup strings), so a note
containing ``[bold red]`` prints those characters; control characters are made
visible by ``clean()`` first, so an ANSI escape in a note cannot restyle a terminal.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from interview.reports.inline import pieces
from interview.reports.model import AreaReport, QuestionReport, Report, SummaryText
from interview.reports.rich_safe import SafePanel as Panel
from interview.reports.rich_safe import SafeTable as Table
from interview.reports.rich_safe import safe_console
from interview.reports.text import (
    clean,
    clock_label,
    date_label,
    duration,
    excerpt,
    one_line,
    score_label,
    source_label,
    status_label,
)

REC_STYLES = {
    "strong_no": "bold red",
    "no": "bold dark_orange",
    "yes": "bold green",
    "strong_yes": "bold bright_green",
}
SCORE_STYLES = {1: "red", 2: "dark_orange", 3: "green", 4: "bright_green"}


def t(text: str, style: str = "", *, flat: bool = True) -> Text:
    """Safe user text; `code spans` get a code style, nothing else is interpreted."""
    source = one_line(text) if flat else clean(text).strip("\n")
    out = Text(style=style)
    for piece, code in pieces(source):
        out.append(piece, style="bold cyan" if code else "")
    return out


def _label(text: str) -> Text:
    return Text(text.upper(), style="bold dim")


def render_rich(report: Report, *, text_limit: int | None = None) -> RenderableType:
    """The report for a terminal. ``text_limit`` cuts each note or answer longer than that
    many characters, with a line saying how much is left out (the app's report screen
    uses it so a huge note does not stall the screen; exports always hold everything)."""
    r = report
    parts: list[RenderableType] = [_header(r), _verdict(r)]
    if r.summary is not None and r.summary.text.strip():
        parts.append(_summary(r.summary))
    parts += _areas(r)
    if r.red_flags:
        flags = _List()
        for f in r.red_flags:
            flags.add(Text("!", style="bold red"), t(f.question_title, "bold") + ": " + t(f.text))
        parts += [Rule(Text("Red flags", style="bold red"), align="left"), flags.grid]
    parts.append(Rule(Text("Questions", style="bold"), align="left"))
    notes_label = "Answer" if r.mode == "practice" else "Notes"
    parts += [_question(q, notes_label, text_limit) for q in r.questions]
    if r.amendments:
        parts += _amendments(r)
    if r.timeline:
        parts += [Rule(Text("Timeline (UTC)", style="bold"), align="left"), _timeline(r)]
    return Group(*parts)


def _header(r: Report) -> RenderableType:
    title = Text("Candidate report: ", style="bold")
    title.append_text(t(r.candidate_label, "bold"))
    tags = []
    if r.sample:
        tags.append(("sample data", "blue"))
    if not r.submitted:
        tags.append(("draft: in progress", "yellow"))
    if r.mode == "practice":
        tags.append(("practice attempt", "magenta"))
    for tag, style in tags:
        title.append(f"  [{tag}]", style=style)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(ratio=1)
    status = status_label(r.status) + (f" {date_label(r.submitted_at)}" if r.submitted_at else "")
    if r.revision:
        status += f", amended (revision {r.revision})"
    role = " · ".join(x for x in (r.role, r.level) if x)
    rows = [
        ("Role", t(role)),
        ("Practised by" if r.mode == "practice" else "Interviewer", t(r.interviewer)),
        ("Date", Text(date_label(r.started_at))),
        ("Status", Text(status)),
        ("Plan", t(f"{r.plan_title} ({r.plan_id}), {r.plan_minutes} min")),
        ("Rubric", t(f"{r.rubric_title} ({r.rubric_id})")),
        ("Content version", Text(r.content_hash)),
        ("Session", Text(r.session_id)),
    ]
    for key, value in rows:
        grid.add_row(key, value)
    return Panel(grid, title=title, title_align="left", box=box.ROUNDED, padding=(0, 1))


def _verdict(r: Report) -> RenderableType:
    lines: list[RenderableType] = []
    if r.weighted is None:
        lines.append(Text("No recommendation yet: no area has been scored.", style="bold"))
    else:
        head = Text()
        if r.recommendation_label:
            head.append(r.recommendation_label, style=REC_STYLES.get(r.recommendation or "", ""))
            head.append("  ")
        head.append(f"{r.weighted:.1f} / 100", style="bold")
        head.append(f" {r.score_caption}", "dim")
        lines.append(head)
    no, yes, strong = r.thresholds
    lines.append(
        Text(f"Thresholds: No from {no:g}, Yes from {yes:g}, Strong Yes from {strong:g}", "dim")
    )
    if r.policy_rule:
        lines.append(Text("Scoring policy: ", style="bold") + t(r.policy_rule))
    if r.sensitivity:
        lines.append(Text("⚠ ", style="bold yellow") + t(r.sensitivity, "yellow"))
    if r.justification.strip():
        lines.append(
            Panel(t(r.justification, flat=False), title="Justification", title_align="left",
                  box=box.SQUARE, border_style="dim")
        )  # fmt: skip
    return Padding(Group(*lines), (1, 0, 0, 0))


def _summary(note: SummaryText) -> RenderableType:
    caption = t(note.origin, "dim")
    caption.append(f"; saved {date_label(note.updated_at)}. ", style="dim")
    caption.append("An annotation: it does not change the scores.", style="dim")
    body = Group(caption, Text(""), t(note.text, flat=False))
    return Padding(
        Panel(body, title=Text(note.heading, style="bold"), title_align="left",
              box=box.SQUARE, border_style="dim"),
        (1, 0, 0, 0),
    )  # fmt: skip


def _bar(a: AreaReport, top: int, width: int = 20) -> Text:
    length = max(1, round(width * a.weight / top))
    if a.points is None:
        return Text("┄" * length, style="dim")
    filled = round(length * a.points / 100)
    style = SCORE_STYLES.get(round(a.score or 0), "")
    return Text("█" * filled, style=style) + Text("░" * (length - filled), style="dim")


def _areas(r: Report) -> list[RenderableType]:
    table = Table(box=box.SIMPLE_HEAD, show_footer=r.weighted is not None, pad_edge=False)
    table.add_column("Area", footer="Weighted score")
    table.add_column("Score", justify="right")
    table.add_column("Level")
    table.add_column("Weight", justify="right")
    table.add_column("Contribution", justify="right",
                     footer=f"{r.weighted:.1f}" if r.weighted is not None else "")  # fmt: skip
    table.add_column("Weight ▸ score", no_wrap=True)
    top = max((a.weight for a in r.areas), default=1) or 1
    for a in r.areas:
        if a.assessed:
            weight = f"{a.weight}%" + (
                f" → {a.effective_weight * 100:.0f}%" if r.not_assessed else ""
            )
            table.add_row(t(a.title), Text(f"{score_label(a.score)}/{a.top}"), t(a.level_label),
                          Text(weight), Text(f"{a.contribution:.1f}"), _bar(a, top))  # fmt: skip
        else:
            table.add_row(t(a.title, "dim"), Text("—"), Text("not assessed", "dim"),
                          Text(f"{a.weight}%"), Text("—"), _bar(a, top))  # fmt: skip
    out: list[RenderableType] = [Rule(Text("Areas", style="bold"), align="left"), table]
    if r.not_assessed:
        names = Text("Not assessed: ", style="bold")
        names.append_text(t(", ".join(a.title for a in r.not_assessed)))
        names.append(". Their weight is shared among the assessed areas (→).", style="dim")
        out.append(names)
    for a in r.areas:
        out.append(_area_detail(a))
    return out


class _List:
    """Marker + text rows with a hanging indent, so wrapped lines stay aligned."""

    def __init__(self) -> None:
        self.grid = Table.grid(padding=(0, 1))
        self.grid.add_column(no_wrap=True)
        self.grid.add_column(ratio=1)
        self.rows = 0

    def add(self, marker: Text | str, body: Text, indent: int = 0) -> None:
        prefix = " " * indent + marker if isinstance(marker, str) else Text(" " * indent) + marker
        self.grid.add_row(prefix, body)
        self.rows += 1


def _area_detail(a: AreaReport) -> RenderableType:
    head = t(a.title, "bold")
    head.append(
        f"  {score_label(a.score)}/{a.top} " if a.assessed else "  not assessed",
        style=SCORE_STYLES.get(round(a.score or 0), "dim"),
    )
    head.append_text(t(a.level_label))
    items = _List()
    for b in a.behaviours:
        items.add(Text("•", style="dim"), t(b, "dim"), 1)
    for e in a.evidence:
        items.add(Text("▸", style="dim"), t(e.question_title, "underline"), 1)
        for s in e.senior:
            items.add(Text("+", style="green"), t(s), 3)
        for s in e.junior:
            items.add(Text("−", style="dark_orange"), t(s), 3)
        if e.excerpt:
            items.add(Text("“", style="italic"), t(e.excerpt + "”", "italic"), 3)
    parts: list[RenderableType] = [head, items.grid]
    if not a.evidence:
        parts.append(Text("  No evidence recorded for this area.", style="dim"))
    return Padding(Group(*parts), (1, 0, 0, 0))


def cut_text(text: str, limit: int | None) -> tuple[str, int]:
    """(the text up to ``limit`` characters, at a line or word end if one is near; how
    many characters are left out)."""
    if limit is None or len(text) <= limit:
        return text, 0
    head = text[:limit]
    for mark in ("\n", " "):
        at = head.rfind(mark)
        if at >= limit * 3 // 4:
            head = head[:at]
            break
    return head, len(text) - len(head)


def _long_text(text: str, limit: int | None) -> RenderableType:
    shown, hidden = cut_text(text, limit)
    body = t(shown, flat=False)
    if hidden:
        body.append(f"\n… {hidden:,} more characters not shown", style="bold dim")
    return body


def _question(q: QuestionReport, notes_label: str, limit: int | None = None) -> RenderableType:
    head = Text(f"{q.position}. ", style="bold")
    head.append_text(t(q.title, "bold"))
    meta = t(f"{q.kind} · {q.level} · {', '.join(q.areas)}", "dim")
    meta.append(" · ", style="dim")
    spent = f"{duration(q.elapsed_seconds)} of {duration(q.budget_seconds)}"
    meta.append(spent + (" (over budget)" if q.over_budget else ""),
                style="bold dark_orange" if q.over_budget else "dim")  # fmt: skip
    parts: list[RenderableType] = [head, meta]
    if q.self_scores:
        parts.append(t("Self-scores: " + ", ".join(f"{a} {v}/4" for a, v in q.self_scores)))
    items = _List()
    for s in q.senior:
        items.add(Text("+", style="green"), t(s.text), 1)
    for s in q.junior:
        body = t(s.text)
        if s.red_flag:
            body.append("  RED FLAG", style="bold red")
        items.add(Text("−", style="dark_orange"), body, 1)
    for f in q.asked_follow_ups:
        body = t(f.text)
        body.append(f"  [{source_label(f.source)}]", style="cyan")
        if f.reason:
            body.append("\n")
            body.append_text(t(excerpt(f.reason, 160), "dim"))
        items.add(Text("?", style="cyan"), body, 1)
    if not (q.senior or q.junior):
        parts.append(Text("  No signals ticked.", style="dim"))
    if items.rows:
        parts.append(items.grid)
    if q.notes.strip():
        parts.append(Panel(_long_text(q.notes, limit), title=notes_label, title_align="left",
                           box=box.SQUARE, border_style="dim"))  # fmt: skip
    else:
        parts.append(Text(f"No {notes_label.lower()}.", style="dim"))
    if q.follow_up_answer.strip():
        parts.append(Panel(_long_text(q.follow_up_answer, limit), title="Answer to the follow-up",
                           title_align="left", box=box.SQUARE, border_style="dim"))  # fmt: skip
    return Padding(Group(*parts), (1, 0, 0, 0))


def _amendments(r: Report) -> list[RenderableType]:
    out: list[RenderableType] = [Rule(Text("Amendments", style="bold"), align="left")]
    for a in r.amendments:
        head = Text(date_label(a.at), style="bold")
        if a.actor:
            head.append(" by ")
            head.append_text(t(a.actor, "bold"))
        reason = Text("Reason: ", style="bold") + t(a.reason)
        lines: list[RenderableType] = [head, reason]
        for c in a.score_changes:
            change = t(c.area_title)
            change.append(f": {score_label(c.before)} → {score_label(c.after)}")
            lines.append(Text("  ") + change)
        if a.justification_after is not None:
            lines.append(Panel(t(a.justification_after, flat=False),
                               title="Justification changed to", title_align="left",
                               box=box.SQUARE, border_style="dim"))  # fmt: skip
        out.append(Padding(Group(*lines), (0, 0, 1, 0)))
    return out


def _timeline(r: Report) -> RenderableType:
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(style="dim", no_wrap=True)
    table.add_column(ratio=1)
    for e in r.timeline:
        table.add_row(Text(clock_label(e.at, r.started_at)), t(e.actor), t(e.text))
    return table


def render_text(report: Report, *, width: int = 100, color: bool = False) -> str:
    """The terminal rendering as a string (plain unless ``color``)."""
    buffer = io.StringIO()
    console = safe_console(
        file=buffer,
        width=width,
        color_system="truecolor" if color else None,
        force_terminal=color,
        legacy_windows=False,
    )
    console.print(render_rich(report))
    return buffer.getvalue()
