"""A yes/no question before something that cannot be undone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from interview.tui import bindings


class ConfirmScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
        background: $background 60%;
    }
    ConfirmScreen > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $warning;
        background: $panel;
        padding: 0 1;
    }
    ConfirmScreen #confirm-keys {
        margin-top: 1;
    }
    """
    HELP_TITLE = "Confirm"
    BINDINGS = bindings.CONFIRM

    def __init__(
        self, title: str, message: str | Content, yes: str = "Yes", no: str = "Cancel"
    ) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes = yes
        self.no = no  # what Esc does, as the key line says it

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            yield Static(self.message, markup=False)
            yield Static(
                Content.assemble(
                    ("Enter", "bold $text-accent"),
                    f" {self.yes}   ",
                    ("Esc", "bold $text-accent"),
                    f" {self.no}",
                ),
                id="confirm-keys",
            )

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
