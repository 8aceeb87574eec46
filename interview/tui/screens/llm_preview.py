"""Before the first LLM call of a session: show exactly what will be sent, and ask."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from interview.llm.client import TEMPERATURE
from interview.llm.settings import LLMSettings
from interview.llm.suggest import MAX_TOKENS, LLMRequest
from interview.tui import bindings


def preview_text(request: LLMRequest, settings: LLMSettings) -> str:
    """The request as it will leave the machine (the key is sent as a header, never shown)."""
    lines = [
        f"POST {settings.base_url}/chat/completions",
        f"model: {settings.model} · stream: true (with token usage) · "
        f"max_tokens: {MAX_TOKENS} · temperature: {TEMPERATURE}",
        "",
    ]
    for message in request.messages:
        lines.append(f"── {message['role']} ──")
        lines.append(message["content"])
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


class LLMPreviewScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    LLMPreviewScreen { align: center middle; }
    LLMPreviewScreen > Vertical {
        width: 90%; height: 90%; border: round $accent; background: $surface; padding: 0 1;
    }
    LLMPreviewScreen #preview-intro { height: auto; margin-bottom: 1; }
    LLMPreviewScreen #preview-body { height: 1fr; border: tall $panel; }
    LLMPreviewScreen #preview-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    LLMPreviewScreen Button { margin-left: 2; }
    """

    HELP_TITLE = "LLM request preview"
    BINDINGS = bindings.LLM_PREVIEW

    def __init__(
        self,
        request: LLMRequest,
        settings: LLMSettings,
        feature: str = "LLM suggestions for this session",
    ) -> None:
        super().__init__()
        self.request = request
        self.settings = settings
        self.feature = feature

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"Turn on {self.feature}? This is exactly what will be sent "
                f"to {self.settings.host}. Names of people are replaced; the API key travels "
                "only as a request header.",
                id="preview-intro",
                markup=False,
            )
            with VerticalScroll(id="preview-body"):
                yield Static(
                    preview_text(self.request, self.settings), id="preview-text", markup=False
                )
            with Horizontal(id="preview-buttons"):
                yield Button("Keep off (n)", id="preview-cancel")
                yield Button("Send and turn on (y)", id="preview-send", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#preview-send", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "preview-send")

    def action_send(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
