"""A question's prompt and code at full width: what the candidate may see, nothing else.

Code keeps its lines (no wrapping inside a 40-column pane); long lines scroll sideways.
No signals, notes, context or scores are on this screen, so it can be shown on a shared
screen. ``interview present`` shows the same in a second terminal, following the session.
"""

from __future__ import annotations

from rich.syntax import Syntax
from textual.app import ComposeResult
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from interview.domain.models import Question
from interview.tui import bindings
from interview.tui.safe_text import one_line


def candidate_syntax(source: str, language: str, dark: bool, background: str) -> Syntax:
    """Code as written: numbered, coloured, never wrapped."""
    return Syntax(
        source.rstrip("\n"),
        language or "text",
        theme="monokai" if dark else "friendly",
        line_numbers=True,
        word_wrap=False,
        background_color=background,
    )


class CodeViewScreen(Screen[None]):
    DEFAULT_CSS = """
    CodeViewScreen #cv-title {
        height: 1;
        padding: 0 1;
        background: $boost;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    CodeViewScreen #cv-body {
        height: 1fr;
        padding: 0 1;
        background: $surface;
        overflow-x: auto;
        overflow-y: auto;
    }
    CodeViewScreen #cv-prompt {
        margin: 1 0;
        padding: 0;
        background: transparent;
    }
    CodeViewScreen #cv-code {
        width: auto;
        height: auto;
    }
    """
    HELP_TITLE = "Code view"
    BINDINGS = bindings.CODE_VIEW

    def __init__(self, question: Question, index: int = 0, total: int = 1) -> None:
        super().__init__()
        self.question = question
        self.index = index
        self.total = total

    def compose(self) -> ComposeResult:
        yield Static(id="cv-title", markup=False)
        with ScrollableContainer(id="cv-body"):
            yield Markdown(self.question.prompt, id="cv-prompt")
            yield Static(id="cv-code", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#cv-title", Static).update(
            Content.assemble(
                (f"Question {self.index + 1} of {self.total}  ", "bold"),
                (one_line(self.question.title, 60), "bold"),
                ("  ·  prompt and code only, safe to share", "$text-muted"),
            )
        )
        self._show_code()
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self.call_after_refresh(self._show_code)

    def _show_code(self) -> None:
        code = self.query_one("#cv-code", Static)
        snippet = self.question.code
        if snippet is None:
            code.display = False
            return
        dark = self.app.current_theme.dark if self.app.current_theme else True
        background = self.app.theme_variables.get("surface", "default")
        code.update(candidate_syntax(snippet.source, snippet.language, dark, background))

    def action_close(self) -> None:
        self.dismiss(None)
