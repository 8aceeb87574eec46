"""Calibration: interviewer offsets, agreement per area, and the drill history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.measure import Measurement
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, LoadingIndicator, Static

from interview.reports.calibration_text import calibration_renderable
from interview.services.calibration import CalibrationReport, CalibrationService, DrillHistory
from interview.services.panel import reading
from interview.storage.damage import failure
from interview.tui import bindings
from interview.tui.navigation import services_of
from interview.tui.screens.background_load import BackgroundLoadScreen

if TYPE_CHECKING:
    from interview.services.container import Services


@dataclass(frozen=True)
class Loaded:
    report: CalibrationReport
    histories: dict[str, DrillHistory]


class CalibrationScreen(BackgroundLoadScreen[Loaded]):
    DEFAULT_CSS = """
    CalibrationScreen #cb-body { padding: 0 2; overflow-x: auto; }
    """
    HELP_TITLE = "Calibration"
    BINDINGS = bindings.CALIBRATION
    LOAD_NAME = "calibration"

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
        self.start_load()

    def on_screen_resume(self) -> None:
        if self.report is not None:
            self.start_load()  # a drill may have just been recorded

    def fetch(self) -> Loaded:
        services = self.services
        with reading(services.repo, services.db_path) as repo:
            service = CalibrationService(repo)
            return Loaded(service.report(), service.histories())

    def fetch_failed(self, error: BaseException | None) -> None:
        content = self.query_one("#cb-content", Static)
        content.update(Text(f"Cannot compute calibration: {failure(error)}", style="red"))

    def fetched(self, loaded: Loaded) -> None:
        content = self.query_one("#cb-content", Static)
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
        self.start_load()

    def action_back(self) -> None:
        self.app.pop_screen()
