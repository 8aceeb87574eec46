"""A problem the user must read before going on (bad content, an unusable database).

Used instead of a traceback: one line per problem, as the command line prints them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from interview.tui import bindings
from interview.tui.safe_text import printable


class ErrorScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ErrorScreen {
        align: center middle;
        background: $background 60%;
    }
    ErrorScreen > Vertical {
        width: 100;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $error;
        background: $panel;
        padding: 0 1;
    }
    ErrorScreen VerticalScroll {
        height: auto;
        max-height: 1fr;
    }
    ErrorScreen #error-hint {
        color: $text-muted;
        margin-top: 1;
    }
    """
    BINDINGS = bindings.MODAL

    def __init__(self, title: str, lines: list[str], hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            box.border_subtitle = "esc closes"
            with VerticalScroll():
                yield Static(printable("\n".join(self.lines)), markup=False, id="error-lines")
            if self.hint:
                yield Static(self.hint, markup=False, id="error-hint")

    def action_dismiss_modal(self) -> None:
        self.dismiss(None)
