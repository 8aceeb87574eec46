"""Home: start a session, resume an unfinished one, browse and filter past sessions.

The list is one query with a LIMIT; more rows load as the cursor nears the end, so a
database with thousands of sessions opens as fast as an empty one.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Select, Static

from interview.domain.records import Mode, SessionSummary, Status, iso
from interview.storage.damage import DB_ERRORS, message
from interview.storage.db import StorageError
from interview.tui import bindings
from interview.tui.navigation import go, services_of
from interview.tui.safe_text import one_line
from interview.tui.widgets.session_table import SessionTable, local_time

if TYPE_CHECKING:
    from interview.services.container import Services

PAGE = 60
PREF_INTERVIEWER = "interviewer"  # remembered by the new-session form
WRITE_ERRORS = (StorageError, sqlite3.Error, OSError)
STATUSES: list[tuple[str, str]] = [
    ("Any status", ""),
    ("In progress", str(Status.IN_PROGRESS)),
    ("Submitted", str(Status.SUBMITTED)),
    ("Abandoned", str(Status.ABANDONED)),
]


def parse_day(value: str) -> str | None:
    """``YYYY-MM-DD`` (local) → the UTC ISO timestamp of its midnight; None if invalid."""
    try:
        day = datetime.strptime(value.strip(), "%Y-%m-%d")
    except ValueError:
        return None
    return iso(day.astimezone())


class HomeScreen(Screen[None]):
    HELP_TITLE = "Home"
    BINDINGS = bindings.HOME
    AUTO_FOCUS = "SessionTable"

    def __init__(self) -> None:
        super().__init__()
        self._more = False
        self._loading_more = False
        self._filter_timer: Timer | None = None
        self._unfinished: list[SessionSummary] = []

    @property
    def services(self) -> Services:
        return services_of(self)

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="home-title")
        yield Static(id="resume-banner", markup=False)
        with Horizontal(id="filters"):
            yield Input(placeholder="Candidate", id="filter-candidate")
            yield Input(placeholder="Role", id="filter-role")
            yield Input(placeholder="From YYYY-MM-DD", id="filter-since", max_length=10)
            yield Select(STATUSES, allow_blank=False, value="", id="filter-status")
        yield SessionTable(id="sessions")
        yield Static(id="list-status", markup=False)
        yield Footer(compact=True)

    def _title(self) -> Content:
        where = self.services.db_path
        return Content.assemble(
            ("interview", "bold"),
            ("  structured technical interviews", "$text-muted"),
            (f"  ·  {where}" if where else "", "$text-muted"),
        )

    def on_mount(self) -> None:
        # Rows and banner are in place before the first frame: one render, not three.
        self.reload()
        self._shown_once = False
        self.watch(self.query_one(SessionTable), "scroll_y", self._scrolled, init=False)

    def on_screen_resume(self) -> None:
        # Also runs when the screen is first shown (already loaded), and after any
        # screen above it closes (something may have changed).
        if self._shown_once:
            self.reload()
        self._shown_once = True

    # ------------------------------------------------------------ loading

    def _filters(self) -> dict[str, str] | None:
        since_raw = self.query_one("#filter-since", Input).value.strip()
        since = parse_day(since_raw) if since_raw else ""
        self.query_one("#filter-since", Input).set_class(since is None, "-problem")
        if since is None:
            return None
        status = self.query_one("#filter-status", Select).value
        return {
            "candidate": self.query_one("#filter-candidate", Input).value.strip(),
            "role": self.query_one("#filter-role", Input).value.strip(),
            "since": since,
            "status": status if isinstance(status, str) else "",
        }

    def reload(self) -> None:
        filters = self._filters()
        table = self.query_one(SessionTable)
        if filters is None:
            self._status(Content.styled("Dates look like 2026-03-02.", "$text-warning"))
            return
        try:
            rows = self._query(filters, 0)
            self._refresh_banner()
        except DB_ERRORS as exc:
            self._cannot_list(exc)
            return
        self._more = len(rows) > PAGE
        table.replace(rows[:PAGE])
        self._show_count(bool(any(filters.values())))

    def _cannot_list(self, exc: Exception) -> None:
        """A damaged database: say so where the list would be, and keep the app open."""
        self._more = False
        self._unfinished = []
        self.query_one("#resume-banner", Static).display = False
        text = f"Cannot list sessions: {message(exc, self.services.db_path)}"
        self._status(Content.styled(text, "bold $text-error"))

    def _query(self, filters: dict[str, str], offset: int) -> list[SessionSummary]:
        return self.services.repo.list_sessions(
            candidate=filters["candidate"],
            role=filters["role"],
            since=filters["since"],
            status=filters["status"],
            mode=Mode.INTERVIEW,
            limit=PAGE + 1,
            offset=offset,
            newest_by="started_at",  # the date the list shows: newest interview first
        )

    def _load_more(self) -> None:
        filters = self._filters()
        if filters is None or not self._more or self._loading_more:
            return
        self._loading_more = True
        table = self.query_one(SessionTable)
        try:
            rows = self._query(filters, len(table.summaries))
        except DB_ERRORS as exc:
            self._loading_more = False
            self._cannot_list(exc)
            return
        self._more = len(rows) > PAGE
        table.append(rows[:PAGE])
        self._loading_more = False
        self._show_count(bool(any(filters.values())))

    def _show_count(self, filtered: bool) -> None:
        count = len(self.query_one(SessionTable).summaries)
        if count == 0:
            text = (
                "No session matches these filters. Esc clears them."
                if filtered
                else "No interviews yet. Press n to start one."
            )
        else:
            more = "+ (more load as you scroll)" if self._more else ""
            noun = "session" if count == 1 and not more else "sessions"
            text = f"{count}{more} {noun}{' matching' if filtered else ''} · Enter opens"
        self._status(text)

    def _status(self, text: str | Content) -> None:
        self.query_one("#list-status", Static).update(text)

    def _resumable(self) -> list[SessionSummary]:
        """Unfinished interviews of the interviewer using this app (not a colleague's
        session from a merged database)."""
        from interview.services.session_lifecycle import resumable

        repo = self.services.repo
        return resumable(repo, repo.get_pref(PREF_INTERVIEWER, ""), Mode.INTERVIEW)

    def _refresh_banner(self) -> None:
        self._unfinished = self._resumable()
        banner = self.query_one("#resume-banner", Static)
        banner.display = bool(self._unfinished)
        if not self._unfinished:
            return
        first = self._unfinished[0]
        key = bindings.keys_by_id(self.app, self).get("resume", "r")
        parts: list[str | tuple[str, str]] = [
            ("Unfinished: ", "bold"),
            (one_line(first.candidate_label, 40), "bold"),
            f" · {one_line(first.plan_title or first.plan_id, 40)}",
            f" · last saved {local_time(first.updated_at)}",
        ]
        if len(self._unfinished) > 1:
            parts.append(f" · {len(self._unfinished) - 1} more")
        parts.append(("  — press ", "$text-muted"))
        parts.append((key, "bold $text-accent"))
        parts.append((" to resume", "$text-muted"))
        banner.update(Content.assemble(*parts))

    # ------------------------------------------------------------ events

    @on(Input.Changed, "#filters Input")
    @on(Select.Changed, "#filter-status")
    def _filters_changed(self, _: Any) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(0.25, self.reload)

    @on(Input.Submitted, "#filters Input")
    def _filter_done(self) -> None:
        self.reload()
        self.query_one(SessionTable).focus()

    def _scrolled(self) -> None:
        table = self.query_one(SessionTable)
        if self._more and table.scroll_y >= table.max_scroll_y - table.size.height:
            self._load_more()

    @on(DataTable.RowHighlighted)
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        table = self.query_one(SessionTable)
        if self._more and event.cursor_row >= len(table.summaries) - 10:
            self._load_more()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_selected()

    # ------------------------------------------------------------ actions

    def action_new_session(self) -> None:
        from interview.tui.screens.new_session import NewSessionScreen

        def started(session_id: str | None) -> None:
            if session_id:
                go(self, "session", session_id)

        self.app.push_screen(NewSessionScreen(), started)

    def action_resume(self) -> None:
        try:
            self._unfinished = self._resumable()
        except DB_ERRORS as exc:
            self._cannot_list(exc)
            return
        if not self._unfinished:
            self.notify("No unfinished interview to resume.", timeout=3)
            return
        if len(self._unfinished) == 1:
            go(self, "session", self._unfinished[0].id)
            return
        from interview.tui.screens.resume import ResumeScreen

        def chosen(session_id: str | None) -> None:
            if session_id:
                go(self, "session", session_id)

        self.app.push_screen(ResumeScreen(self._unfinished), chosen)

    def action_open_selected(self) -> None:
        selected = self.query_one(SessionTable).selected
        if selected is not None:
            go(self, "session", selected.id)

    def action_focus_filters(self) -> None:
        self.query_one("#filter-candidate", Input).focus()

    def action_clear_filters(self) -> None:
        focused = self.focused
        if isinstance(focused, Input):
            # Leave the filter for the list (so r, o, n act again), clearing what was typed.
            focused.value = ""
            self.query_one(SessionTable).focus()
            return
        for field in self.query("#filters Input").results(Input):
            field.value = ""
        self.query_one("#filter-status", Select).value = ""
        self.query_one(SessionTable).focus()
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    # ------------------------------------------------------------ abandon and delete

    def _endable(self, verb: str) -> SessionSummary | None:
        from interview.services.session_lifecycle import can_end

        selected = self.query_one(SessionTable).selected
        if selected is None:
            self.notify("Select a session first.", timeout=3)
            return None
        refusal = can_end(selected)
        if refusal is not None:
            self.notify(f"Cannot {verb} this session: {refusal.reason}.", timeout=4, markup=False)
            return None
        return selected

    def action_abandon(self) -> None:
        """Keep the session but mark it abandoned: it leaves the resume banner."""
        from interview.services.session_lifecycle import abandon
        from interview.tui.screens.confirm import ConfirmScreen

        selected = self._endable("abandon")
        if selected is None:
            return
        if selected.status == Status.ABANDONED:
            self.notify("Already abandoned.", timeout=3)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                abandon(self.services.repo, selected.id, actor=selected.interviewer)
            except (LookupError, RuntimeError, *WRITE_ERRORS) as exc:
                self.notify(f"Not abandoned: {exc}", severity="error", markup=False)
                return
            self.notify(
                f"Abandoned: {one_line(selected.candidate_label, 40)}", timeout=3, markup=False
            )
            self.reload()

        self.app.push_screen(
            ConfirmScreen(
                "Abandon this interview?",
                f"{one_line(selected.candidate_label, 40)} · {local_time(selected.started_at)}\n"
                "It is kept (the Abandoned filter finds it) but never offered for resuming.",
                "Abandon",
            ),
            answered,
        )

    def action_delete(self) -> None:
        """Delete an unfinished or abandoned session and everything typed in it."""
        from interview.services.session_lifecycle import delete
        from interview.tui.screens.confirm import ConfirmScreen

        selected = self._endable("delete")
        if selected is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                delete(self.services.repo, selected.id, actor=selected.interviewer)
            except (LookupError, RuntimeError, *WRITE_ERRORS) as exc:
                self.notify(f"Not deleted: {exc}", severity="error", markup=False)
                return
            self.notify(
                f"Deleted: {one_line(selected.candidate_label, 40)}", timeout=3, markup=False
            )
            self.reload()

        self.app.push_screen(
            ConfirmScreen(
                "Delete this interview?",
                f"{one_line(selected.candidate_label, 40)} · {local_time(selected.started_at)}\n"
                "Its notes, signals and scores are deleted for good.",
                "Delete",
            ),
            answered,
        )

    def action_report(self) -> None:
        selected = self.query_one(SessionTable).selected
        if selected is None:
            self.notify("Select a session first.", timeout=3)
            return
        go(self, "report", selected.id)

    def action_panel(self) -> None:
        selected = self.query_one(SessionTable).selected
        go(self, "panel", selected.candidate_id if selected is not None else None)

    def action_practice(self) -> None:
        go(self, "practice")

    def action_calibration(self) -> None:
        go(self, "calibration")

    def action_bank_stats(self) -> None:
        go(self, "bank_stats")

    def action_ranking(self) -> None:
        """Candidates ranked by combined score, for the role typed in the Role filter."""
        role = self.query_one("#filter-role", Input).value.strip()
        go(self, "ranking", role)
