"""Before drafting a session summary: show exactly what will be sent, and ask.

The summary request carries far more than a follow-up request (every note and the
justification), so it is shown before the first draft each time the editor opens,
even when LLM use is already on for the session.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from interview.llm.client import TEMPERATURE
from interview.llm.settings import LLMSettings
from interview.llm.suggest import LLMRequest
from interview.services.summary_draft import MAX_TOKENS
from interview.tui.screens.llm_preview import LLMPreviewScreen


def summary_preview_text(request: LLMRequest, settings: LLMSettings) -> str:
    """The request as it will leave the machine (the key is sent as a header, never shown)."""
    lines = [
        f"POST {settings.base_url}/chat/completions",
        f"model: {settings.model} · stream: true (with token usage) · "
        f"max_tokens: {MAX_TOKENS} · temperature: {TEMPERATURE}",
        "",
    ]
    for message in request.messages:
        lines += [f"── {message['role']} ──", message["content"], ""]
    return "\n".join(lines).rstrip() + "\n"


class SummaryPreviewScreen(LLMPreviewScreen):
    """Same keys and look as the follow-up preview: y sends, n or Escape keeps it local."""

    def __init__(self, request: LLMRequest, settings: LLMSettings, *, enabling: bool) -> None:
        super().__init__(request, settings)
        self.enabling = enabling

    def compose(self) -> ComposeResult:
        ask = (
            "Turn on LLM use for this session and draft a summary? "
            if self.enabling
            else "Draft a summary with the LLM? "
        )
        with Vertical():
            yield Static(
                f"{ask}This is exactly what will be sent to {self.settings.host}: the "
                "rubric levels, signals, notes and justification. Names of people are "
                "replaced; the API key travels only as a request header. Nothing is saved "
                "until you save the summary.",
                id="preview-intro",
                markup=False,
            )
            with VerticalScroll(id="preview-body"):
                yield Static(
                    summary_preview_text(self.request, self.settings),
                    id="preview-text",
                    markup=False,
                )
            with Horizontal(id="preview-buttons"):
                yield Button("Don't send (n)", id="preview-cancel")
                label = "Send and turn on (y)" if self.enabling else "Send (y)"
                yield Button(label, id="preview-send", variant="primary")
