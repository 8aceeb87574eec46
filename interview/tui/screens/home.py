"""Home: start a session, resume an unfinished one, browse and filter past sessions.

The list is one query with a LIMIT; more rows load as the cursor nears the end, so a
database with thousands of sessions opens as fast as an empty one.

The first frame holds only what is read at a glance: the title, the resume banner, the
session list and its status line. The filter bar and the footer's keys (most of the
screen's widgets) are mounted right after it, into rows kept free for them, so the
list is on screen sooner and nothing moves when they appear.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Container
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from interview.domain.records import Mode, SessionSummary
from interview.storage.damage import DB_ERRORS, message
from interview.tui import bindings
from interview.tui.first_frame import after_first_frame
from interview.tui.navigation import go, services_of
from interview.tui.safe_text import one_line
from interview.tui.screens.home_filters import FilterBar
from interview.tui.widgets.session_table import SessionTable, local_time

if TYPE_CHECKING:
    from interview.services.container import Services

PAGE = 60
PREF_INTERVIEWER = "interviewer"  # remembered by the new-session form


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
        self._shown_once = False
        self.settled = False  # True once the filter bar and the footer are mounted

    @property
    def services(self) -> Services:
        return services_of(self)

    @property
    def table(self) -> SessionTable:
        return self.query_one(SessionTable)

    @property
    def filter_bar(self) -> FilterBar:
        return self.query_one(FilterBar)

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="home-title")
        yield Static(id="resume-banner", markup=False)
        yield FilterBar(id="filters")
        yield SessionTable(id="sessions")
        yield Static(id="list-status", markup=False)
        yield Container(id="home-footer")

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
        self.watch(self.table, "scroll_y", self._scrolled, init=False)
        after_first_frame(self, self._after_first_frame)

    async def _after_first_frame(self) -> None:
        from textual.widget import MountError
        from textual.widgets import Footer

        try:
            filters = self.filter_bar.fill()
            footer = self.query_one("#home-footer").mount(Footer(compact=True))
            await filters
            await footer
        except MountError:
            return  # quit before the first frame was followed up: nothing to add
        # The footer draws its keys when the screen next announces them: now.
        self.refresh_bindings()
        self.call_after_refresh(self._settle)

    def _settle(self) -> None:
        self.settled = True

    def on_screen_resume(self) -> None:
        # Also runs when the screen is first shown (already loaded), and after any
        # screen above it closes (something may have changed).
        if self._shown_once:
            self.reload()
        self._shown_once = True

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        filters = self.filter_bar.values()
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
        self.table.replace(rows[:PAGE])
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
        filters = self.filter_bar.values()
        if filters is None or not self._more or self._loading_more:
            return
        self._loading_more = True
        table = self.table
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
        count = len(self.table.summaries)
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

    def on_filter_bar_changed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(0.25, self.reload)

    def on_filter_bar_submitted(self) -> None:
        self.reload()
        self.table.focus()

    def _scrolled(self) -> None:
        table = self.table
        if self._more and table.scroll_y >= table.max_scroll_y - table.size.height:
            self._load_more()

    def on_session_table_highlighted(self, event: SessionTable.Highlighted) -> None:
        if self._more and event.cursor_row >= self.table.row_count - 10:
            self._load_more()

    def on_session_table_selected(self, event: SessionTable.Selected) -> None:
        event.stop()
        go(self, "session", event.summary.id)

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
        selected = self.table.selected
        if selected is not None:
            go(self, "session", selected.id)

    async def action_focus_filters(self) -> None:
        await self.filter_bar.focus_first()

    def action_clear_filters(self) -> None:
        from textual.widgets import Input

        focused = self.focused
        if isinstance(focused, Input):
            # Leave the filter for the list (so r, o, n act again), clearing what was typed.
            focused.value = ""
            self.table.focus()
            return
        self.filter_bar.clear()
        self.table.focus()
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def action_abandon(self) -> None:
        """Keep the session but mark it abandoned: it leaves the resume banner."""
        from interview.tui.screens.home_ending import ABANDON, end_selected

        end_selected(self, ABANDON)

    def action_delete(self) -> None:
        """Delete an unfinished or abandoned session and everything typed in it."""
        from interview.tui.screens.home_ending import DELETE, end_selected

        end_selected(self, DELETE)

    def action_report(self) -> None:
        selected = self.table.selected
        if selected is None:
            self.notify("Select a session first.", timeout=3)
            return
        go(self, "report", selected.id)

    def action_panel(self) -> None:
        selected = self.table.selected
        go(self, "panel", selected.candidate_id if selected is not None else None)

    def action_practice(self) -> None:
        go(self, "practice")

    def action_calibration(self) -> None:
        go(self, "calibration")

    def action_bank_stats(self) -> None:
        go(self, "bank_stats")

    def action_ranking(self) -> None:
        """Candidates ranked by combined score, for the role typed in the Role filter."""
        go(self, "ranking", self.filter_bar.role)
