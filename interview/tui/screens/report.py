"""Report: the candidate report for one session, read from the database, with export.

The report is loaded in a worker thread on its own read connection (a big session
never stalls typing elsewhere) and rendered with the same Rich renderer as
`interview report` in a terminal, so the screen and the exports cannot disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from interview.reports.build import load_report
from interview.reports.export import ExportError, format_for_path, render, write_file
from interview.reports.model import Report
from interview.reports.terminal import cut_text, render_rich
from interview.reports.text import one_line
from interview.storage.damage import failure
from interview.storage.db import open_db
from interview.tui import bindings
from interview.tui.navigation import services_of
from interview.tui.screens.report_export import ExportDialog, ExportRequest

if TYPE_CHECKING:
    from interview.services.container import Services


# Longer notes and answers are cut on screen (wrapping megabytes of text would stall
# the screen for seconds); ``a`` shows them whole, and exports always hold everything.
SCREEN_TEXT_LIMIT = 20_000


class ReportScreen(Screen[None]):
    DEFAULT_CSS = """
    ReportScreen #report-scroll { padding: 0 2; }
    ReportScreen #report-body { width: 100%; max-width: 110; }
    ReportScreen LoadingIndicator { height: 3; }
    """
    HELP_TITLE = "Report"
    BINDINGS = bindings.REPORT

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.report: Report | None = None
        self.show_all = False

    @property
    def services(self) -> Services:
        return services_of(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator()
        with VerticalScroll(id="report-scroll"):
            yield Static(id="report-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Report"
        self.load()

    # ------------------------------------------------------------ loading

    def load(self) -> None:
        self.query_one(LoadingIndicator).display = True
        self.run_worker(self._fetch, name="report-load", thread=True, exit_on_error=False,
                        exclusive=True)  # fmt: skip

    def _fetch(self) -> Report:
        services = self.services
        if services.db_path is None:  # in-memory database (tests): one connection only
            return load_report(services.repo.db, self.session_id)
        db = open_db(services.db_path, readonly=True)
        try:
            return load_report(db, self.session_id)
        finally:
            db.conn.close()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if event.worker.name == "report-load":
            self.query_one(LoadingIndicator).display = False
            body = self.query_one("#report-body", Static)
            if event.state == WorkerState.ERROR:
                reason = failure(event.worker.error)
                body.update(Text(f"Cannot show this report: {reason}", "bold red"))
                return
            self.report = cast(Report, event.worker.result)
            self.sub_title = f"Report: {one_line(self.report.candidate_label)}"
            self._show_report()
            self.query_one("#report-scroll").focus()
        elif event.worker.name == "report-export":
            if event.state == WorkerState.ERROR:
                error = event.worker.error
                message = str(error) if isinstance(error, ExportError) else repr(error)
                self.notify(message, title="Not exported", severity="error", markup=False)
            else:
                written = cast(Path, event.worker.result)
                self.notify(f"Saved {written}", title="Report exported", markup=False)

    # ------------------------------------------------------------ actions

    def _show_report(self) -> None:
        if self.report is None:
            return
        limit = None if self.show_all else SCREEN_TEXT_LIMIT
        self.query_one("#report-body", Static).update(render_rich(self.report, text_limit=limit))
        self.refresh_bindings()

    @property
    def cut(self) -> bool:
        """Some note or answer is longer than the screen shows until ``a`` is pressed."""
        if self.report is None or self.show_all:
            return False
        texts = (t for q in self.report.questions for t in (q.notes, q.follow_up_answer))
        return any(cut_text(text, SCREEN_TEXT_LIMIT)[1] for text in texts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_all":
            return self.cut or None
        return True

    def action_show_all(self) -> None:
        if not self.cut:
            return
        self.show_all = True
        self._show_report()

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.dismiss()

    def action_export(self) -> None:
        if self.report is None:
            self.notify("The report is still loading.", timeout=3)
            return
        self.app.push_screen(ExportDialog(self.report, Path.cwd()), self._export)

    def _export(self, request: ExportRequest | None) -> None:
        if request is None or self.report is None:
            return
        report = self.report

        def write() -> Path:
            fmt = format_for_path(request.path)
            assert fmt is not None  # the dialog only returns known extensions
            return write_file(request.path, render(report, fmt), force=request.overwrite)

        self.run_worker(write, name="report-export", thread=True, exit_on_error=False)
