"""Calibration: interviewer offsets, agreement per area, and the drill history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.measure import Measurement
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from interview.reports.calibration_text import calibration_renderable
from interview.services.calibration import CalibrationReport, CalibrationService, DrillHistory
from interview.services.panel import reading
from interview.storage.damage import failure
from interview.tui import bindings
from interview.tui.navigation import services_of

if TYPE_CHECKING:
    from interview.services.container import Services

SLOW_SECONDS = 0.1  # a spinner for anything slower; below this it would only flicker


@dataclass(frozen=True)
class Loaded:
    report: CalibrationReport
    histories: dict[str, DrillHistory]


class CalibrationScreen(Screen[None]):
    DEFAULT_CSS = """
    CalibrationScreen #cb-body { padding: 0 2; overflow-x: auto; }
    CalibrationScreen LoadingIndicator { height: 3; }
    """
    HELP_TITLE = "Calibration"
    BINDINGS = bindings.CALIBRATION

    def __init__(self) -> None:
        super().__init__()
        self.report: CalibrationReport | None = None

    @property
    def services(self) -> Services:
        return services_of(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator()
        with VerticalScroll(id="cb-body"):
            yield Static(
                Text("Computing calibration from the submitted scorecards…"), id="cb-content"
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Calibration"
        self.query_one(LoadingIndicator).display = False
        self.load()

    def on_screen_resume(self) -> None:
        if self.report is not None:
            self.load()  # a drill may have just been recorded

    def load(self) -> None:
        self._slow = self.set_timer(SLOW_SECONDS, self._show_loading)
        self.run_worker(
            self._fetch, name="calibration", thread=True, exit_on_error=False, exclusive=True
        )

    def _show_loading(self) -> None:
        self.query_one(LoadingIndicator).display = True

    def _fetch(self) -> Loaded:
        services = self.services
        with reading(services.repo, services.db_path) as repo:
            service = CalibrationService(repo)
            return Loaded(service.report(), service.histories())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "calibration" or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return
        self._slow.stop()
        self.query_one(LoadingIndicator).display = False
        content = self.query_one("#cb-content", Static)
        if event.state == WorkerState.ERROR:
            reason = failure(event.worker.error)
            content.update(Text(f"Cannot compute calibration: {reason}", style="red"))
            return
        loaded = cast(Loaded, event.worker.result)
        self.report = loaded.report
        renderable = calibration_renderable(loaded.report, loaded.histories)
        # As wide as the tables need: a narrow terminal scrolls sideways rather than
        # cutting every offset to "+0.…".
        console = self.app.console
        needed = Measurement.get(console, console.options.update_width(1000), renderable)
        content.styles.min_width = needed.maximum
        content.update(renderable)

    def action_drill(self) -> None:
        from interview.tui.screens.drill import DrillScreen

        self.app.push_screen(DrillScreen())

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()
