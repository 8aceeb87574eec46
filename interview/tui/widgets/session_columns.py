"""What the session list shows of a session: its columns, chosen to fit, and their cells.

Plain text, no widget: each session's cells are formatted once per column layout and
the list draws them as they are.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size

from interview.domain.records import SessionSummary, Status
from interview.tui.safe_text import one_line

PADDING = 1  # cells either side of a column's text

# key, label, widest cell shown
COLUMNS = (
    ("started", "Started", 16),
    ("candidate", "Candidate", 22),
    ("role", "Role", 18),
    ("level", "Level", 6),
    ("interviewer", "Interviewer", 16),
    ("plan", "Plan", 30),
    ("status", "Status", 12),
    ("score", "Score", 5),
    ("recommendation", "Result", 10),
)
LABELS = {key: label for key, label, _ in COLUMNS}
CAPS = {key: cap for key, _, cap in COLUMNS}
# What stays when the terminal is narrow, most important first.
PRIORITY = (
    "candidate", "status", "recommendation", "score", "started", "role", "interviewer",
    "level", "plan",
)  # fmt: skip
DATE_ONLY = 10  # "2026-03-02": the start without its time, when that is all that fits
# Room left over on a wide terminal goes to the columns whose text is cut most often,
# up to these widths, so a long role or plan title shows whole instead of "…".
WIDEST = {"role": 36, "plan": 46, "candidate": 32, "interviewer": 24}


class Cell(NamedTuple):
    text: str  # already cut to the column's width
    bold: bool = False
    right: bool = False  # aligned to the right (numbers)


class Run(NamedTuple):
    text: str
    bold: bool


class Layout(NamedTuple):
    keys: tuple[str, ...]  # the columns shown, in display order
    widths: tuple[int, ...]  # their widths, without padding
    date_only: bool

    @property
    def width(self) -> int:
        return sum(self.widths) + 2 * PADDING * len(self.widths)

    def header(self) -> list[Run]:
        return self.runs([Cell(LABELS[key]) for key in self.keys])

    def row(self, s: SessionSummary) -> list[Run]:
        pairs = zip(self.keys, self.widths, strict=True)
        return self.runs([cell(s, key, width) for key, width in pairs])

    def runs(self, cells: list[Cell]) -> list[Run]:
        """The line's text in runs of the same weight, each cell padded to its column:
        ``self.width`` cells in all, ready to be styled."""
        pad = " " * PADDING
        runs: list[Run] = []
        plain = ""
        for (text, bold, right), width in zip(cells, self.widths, strict=True):
            if cell_len(text) > width:
                text = set_cell_size(text, width)
            gap = " " * (width - cell_len(text))
            before, after = (pad + gap, pad) if right else (pad, gap + pad)
            if bold and text:
                runs += [Run(plain + before, False), Run(text, True)]
                plain = after
            else:
                plain += before + text + after
        if plain:
            runs.append(Run(plain, False))
        return runs


def fit(width: int) -> Layout:
    """The columns that fit in ``width`` cells, most important first, shown in order."""
    chosen: set[str] = set()
    used = 0
    date_only = False
    for key in PRIORITY:
        need = CAPS[key] + 2 * PADDING
        if key == "started" and used + need > width and used + DATE_ONLY + 2 <= width:
            date_only, need = True, DATE_ONLY + 2 * PADDING
        if used + need <= width:
            chosen.add(key)
            used += need
    keys = tuple(key for key, _, _ in COLUMNS if key in chosen)
    sizes = {k: DATE_ONLY if k == "started" and date_only else CAPS[k] for k in keys}
    spare = width - used
    for key, widest in WIDEST.items():
        if key in sizes and spare > 0:
            grow = min(spare, widest - sizes[key])
            sizes[key] += grow
            spare -= grow
    return Layout(keys, tuple(sizes[k] for k in keys), date_only)


def local_time(stamp: str | None) -> str:
    """``2026-03-02T09:00:00.000Z`` → ``2026-03-02 10:00`` in the local time zone."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp[:16]
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def recommendation_label(value: str | None) -> str:
    return value.replace("_", " ").title() if value else ""


def status_label(s: SessionSummary) -> str:
    if s.status == Status.ABANDONED:
        return "abandoned"
    if s.status == Status.SUBMITTED:
        return f"amended ×{s.revision}" if s.revision else "submitted"
    return "in progress"


def cell(s: SessionSummary, key: str, width: int) -> Cell:
    if key == "started":
        return Cell(local_time(s.started_at)[:width])
    if key == "candidate":
        return Cell(one_line(s.candidate_label, width), bold=True)
    if key == "status":
        return Cell(status_label(s), bold=s.status == Status.IN_PROGRESS)
    if key == "score":
        score = f"{s.weighted_score:.0f}" if s.weighted_score is not None else ""
        return Cell(score, right=True)
    if key == "recommendation":
        return Cell(recommendation_label(s.recommendation))
    text = {"role": s.role, "level": s.level, "interviewer": s.interviewer}.get(key)
    return Cell(one_line(s.plan_title or s.plan_id if text is None else text, width))
