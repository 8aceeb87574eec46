"""The Textual application and its factory (used by the CLI and the tests)."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from interview.services.container import Services


class InterviewApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "interview"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        if services.config.theme:
            self.theme = services.config.theme
        if services.config.bindings:
            self.set_keymap(services.config.bindings)

    def on_mount(self) -> None:
        from interview.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())


def build_app(services: Services) -> InterviewApp:
    return InterviewApp(services)
