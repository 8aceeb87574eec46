"""Past and current sessions, newest first, loaded a page at a time."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from interview.domain.records import SessionSummary, Status
from interview.tui.safe_text import one_line


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


class SessionTable(DataTable[Text]):
    """Columns are chosen by importance to fit the width: no sideways scrolling."""

    DEFAULT_CSS = """
    SessionTable {
        height: 1fr;
        border: round $foreground 25%;
        border-title-color: $text-muted;
        background: $surface;
    }
    SessionTable:focus {
        border: round $accent;
    }
    """

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
    # What stays when the terminal is narrow, most important first.
    PRIORITY = (
        "candidate", "status", "recommendation", "score", "started", "role", "interviewer",
        "level", "plan",
    )  # fmt: skip

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.summaries: dict[str, SessionSummary] = {}
        self.shown: tuple[str, ...] = ()
        self.date_only = False
        self.border_title = "Sessions · newest interview first"

    def fit(self, width: int) -> tuple[str, ...]:
        """The columns that fit in ``width`` cells, in display order."""
        caps = {key: cap for key, _, cap in self.COLUMNS}
        chosen: set[str] = set()
        used = 0
        self.date_only = False
        for key in self.PRIORITY:
            need = caps[key] + 2  # cell padding
            if key == "started" and used + need > width and used + 12 <= width:
                self.date_only, need = True, 12
            if used + need <= width:
                chosen.add(key)
                used += need
        return tuple(key for key, _, _ in self.COLUMNS if key in chosen)

    def on_resize(self) -> None:
        self._layout_columns()

    def _layout_columns(self) -> None:
        width = self.scrollable_content_region.width - 2  # room for the scrollbar
        if width <= 0:
            # Not laid out yet: the terminal width less the borders is close enough, and
            # lets the first frame already show the rows.
            width = self.app.size.width - 6
        if width <= 0:
            return
        shown = self.fit(width)
        if shown == self.shown:
            return
        self.shown = shown
        cursor = self.cursor_row
        self.clear(columns=True)
        labels = {key: (label, cap) for key, label, cap in self.COLUMNS}
        for key in shown:
            label, cap = labels[key]
            self.add_column(
                label, key=key, width=10 if key == "started" and self.date_only else cap
            )
        for summary in self.summaries.values():
            self.add_row(*self._cells(summary), key=summary.id)
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1))

    def replace(self, sessions: list[SessionSummary]) -> None:
        """New rows; the cursor stays on the same session when it is still listed."""
        before = self.selected
        self.clear()
        self.summaries.clear()
        self.append(sessions)
        if before is not None and before.id in self.summaries:
            row = list(self.summaries).index(before.id)
            if self.shown and row < self.row_count:
                self.move_cursor(row=row, animate=False)

    def append(self, sessions: list[SessionSummary]) -> None:
        if not self.shown:
            self._layout_columns()
        for s in sessions:
            if s.id in self.summaries:
                continue
            self.summaries[s.id] = s
            if self.shown:
                self.add_row(*self._cells(s), key=s.id)

    def _cells(self, s: SessionSummary) -> list[Text]:
        submitted = s.status == Status.SUBMITTED
        status = "submitted" if submitted else "in progress"
        if s.status == Status.ABANDONED:
            status = "abandoned"
        if submitted and s.revision:
            status = f"amended ×{s.revision}"
        caps = {key: cap for key, _, cap in self.COLUMNS}
        values = {
            "started": Text(local_time(s.started_at)[: 10 if self.date_only else 16]),
            "candidate": Text(one_line(s.candidate_label, caps["candidate"]), style="bold"),
            "role": Text(one_line(s.role, caps["role"])),
            "level": Text(one_line(s.level, caps["level"])),
            "interviewer": Text(one_line(s.interviewer, caps["interviewer"])),
            "plan": Text(one_line(s.plan_title or s.plan_id, caps["plan"])),
            "status": Text(status, style="bold" if s.status == Status.IN_PROGRESS else ""),
            "score": Text(f"{s.weighted_score:.0f}" if s.weighted_score is not None else "",
                          justify="right"),
            "recommendation": Text(recommendation_label(s.recommendation)),
        }  # fmt: skip
        return [values[key] for key in self.shown]

    @property
    def selected(self) -> SessionSummary | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return self.summaries.get(str(key.value)) if key.value is not None else None
