"""The notes editor: a plain TextArea that shows control characters as visible symbols."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import TextArea

from interview.tui.safe_text import printable


class NotesEditor(TextArea):
    """Soft-wrapped notes; Tab moves focus on (notes are prose, not code).

    Text is stored exactly as typed or pasted. Only its display is made safe: an
    ANSI escape pasted into the notes shows as ``␛[31m`` instead of colouring the
    terminal.
    """

    DEFAULT_CSS = """
    NotesEditor {
        height: 1fr;
        min-height: 3;
        border: round $foreground 25%;
        padding: 0 1;
    }
    NotesEditor:focus {
        border: round $accent;
    }
    """

    def __init__(self, *, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(
            "",
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            placeholder=placeholder,
        )

    # Set when another window takes the session over mid-typing: the rest of the word
    # typed here goes nowhere, never to the screen's one-letter keys ("h" goes home).
    swallow_typing = False

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only and self.swallow_typing and event.is_printable:
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    def get_line(self, line_index: int) -> Text:
        return Text(printable(self.document.get_line(line_index)), end="", no_wrap=True)
