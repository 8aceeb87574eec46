"""Bank health: the item analysis of the question bank, read from submitted scorecards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, LoadingIndicator, Static

from interview.reports.bank_stats_render import render_text
from interview.services.bank_stats import BankStats, bank_stats
from interview.services.panel import reading
from interview.tui import bindings
from interview.tui.navigation import services_of
from interview.tui.screens.background_load import BackgroundLoadScreen

if TYPE_CHECKING:
    from interview.services.container import Services


class BankStatsScreen(BackgroundLoadScreen[BankStats]):
    DEFAULT_CSS = """
    BankStatsScreen #bs-body { padding: 0 2; overflow-x: auto; }
    """
    HELP_TITLE = "Bank health"
    BINDINGS = bindings.BANK_STATS
    LOAD_NAME = "bank-stats"

    def __init__(self) -> None:
        super().__init__()
        self.stats: BankStats | None = None

    @property
    def services(self) -> Services:
        return services_of(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator()
        with VerticalScroll(id="bs-body"):
            yield Static(Text("Reading the submitted scorecards…"), id="bs-content")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Bank health"
        self.start_load()

    def fetch(self) -> BankStats:
        services = self.services
        settings = services.config.bank_stats
        with reading(services.repo, services.db_path) as repo:
            return bank_stats(repo.db, settings=settings)

    def fetch_failed(self, error: BaseException | None) -> None:
        content = self.query_one("#bs-content", Static)
        content.update(Text(f"Cannot read the bank statistics: {error}"))

    def fetched(self, result: BankStats) -> None:
        content = self.query_one("#bs-content", Static)
        self.stats = result
        # Plain text built without markup: labels from any content file stay text.
        text = Text(render_text(self.stats), no_wrap=True)
        for line_start, kind in _flag_lines(text.plain):
            text.stylize("bold", line_start, line_start + len(kind) + 2)
        content.update(text)

    def action_reload(self) -> None:
        self.start_load()

    def action_back(self) -> None:
        self.app.pop_screen()


def _flag_lines(plain: str) -> list[tuple[int, str]]:
    """Offsets of the flag kind at the start of each flag line, to set them in bold."""
    out: list[tuple[int, str]] = []
    offset = 0
    in_flags = False
    for line in plain.splitlines(keepends=True):
        if line.startswith("Flags ("):
            in_flags = True
        elif not line.strip():
            in_flags = False
        elif in_flags and line.startswith("  "):
            out.append((offset, line.split()[0]))
        offset += len(line)
    return out
