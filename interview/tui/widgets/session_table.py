"""Past and current sessions, newest first, loaded a page at a time."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import DataTable

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
    DEFAULT_CSS = """
    SessionTable {
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        background: $surface;
    }
    SessionTable:focus {
        border: round $accent;
    }
    """

    COLUMNS = (
        ("started", "Started"),
        ("candidate", "Candidate"),
        ("role", "Role"),
        ("level", "Level"),
        ("interviewer", "Interviewer"),
        ("plan", "Plan"),
        ("status", "Status"),
        ("score", "Score"),
        ("recommendation", "Result"),
    )

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.summaries: dict[str, SessionSummary] = {}
        self.border_title = "Sessions"

    def on_mount(self) -> None:
        for key, label in self.COLUMNS:
            self.add_column(label, key=key)

    def replace(self, sessions: list[SessionSummary]) -> None:
        self.clear()
        self.summaries.clear()
        self.append(sessions)

    def append(self, sessions: list[SessionSummary]) -> None:
        for s in sessions:
            if s.id in self.summaries:
                continue
            self.summaries[s.id] = s
            self.add_row(*self._cells(s), key=s.id)

    def _cells(self, s: SessionSummary) -> list[Text]:
        submitted = s.status == Status.SUBMITTED
        status = "submitted" if submitted else "in progress"
        if submitted and s.revision:
            status += f" (amended ×{s.revision})"
        score = f"{s.weighted_score:.0f}" if s.weighted_score is not None else ""
        return [
            Text(local_time(s.started_at)),
            Text(one_line(s.candidate_label, 32), style="bold"),
            Text(one_line(s.role, 24)),
            Text(one_line(s.level, 10)),
            Text(one_line(s.interviewer, 20)),
            Text(one_line(s.plan_title or s.plan_id, 32)),
            Text(status, style="" if submitted else "bold"),
            Text(score, justify="right"),
            Text(recommendation_label(s.recommendation)),
        ]

    @property
    def selected(self) -> SessionSummary | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:
            return None
        return self.summaries.get(str(key.value)) if key.value is not None else None
