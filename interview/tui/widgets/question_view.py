"""The question as the interviewer reads it: prompt, code and interviewer context.

Markdown is rendered once when the question changes, never while notes are typed.
Folded (``-folded``), the pane is the title line and a one-line reminder of the
prompt, giving its room to the checklist; the interviewer context shows on demand
(``-context``).
"""

from __future__ import annotations

from rich.syntax import Syntax
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from interview.domain.models import Question
from interview.tui.safe_text import one_line


def code_syntax(
    app: App[object], source: str, language: str, background: str = "surface"
) -> Syntax:
    """A question's code, coloured for the theme (light or dark), wrapped, numbered."""
    dark = app.current_theme.dark if app.current_theme else True
    return Syntax(
        source.rstrip("\n"),
        language or "text",
        theme="monokai" if dark else "friendly",
        line_numbers=True,
        word_wrap=True,
        # The colour behind the code: "default" left ragged patches behind the text.
        background_color=app.theme_variables.get(background, "default"),
    )


class QuestionView(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    QuestionView {
        border: round $foreground 25%;
        border-title-color: $text-muted;
        padding: 0 1;
        background: $surface;
        scrollbar-size-vertical: 1;
    }
    QuestionView #meta {
        color: $text-muted;
        margin: 0 0 1 0;
    }
    QuestionView #reminder {
        display: none;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    QuestionView.-folded {
        height: auto;
        max-height: 6;
        scrollbar-size-vertical: 0;
    }
    QuestionView.-folded #meta {
        margin: 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    QuestionView.-folded #reminder {
        display: block;
    }
    QuestionView.-folded #prompt, QuestionView.-folded #code,
    QuestionView.-folded #context-label, QuestionView.-folded #context {
        display: none;
    }
    QuestionView #context-label, QuestionView #context {
        display: none;
    }
    QuestionView.-context #context-label, QuestionView.-context #context {
        display: block;
    }
    QuestionView.-no-context #context-label, QuestionView.-no-context #context {
        display: none;
    }
    QuestionView Markdown {
        margin: 0;
        padding: 0;
        background: transparent;
    }
    QuestionView #prompt {
        text-style: none;
    }
    QuestionView .label {
        color: $text-accent;
        text-style: bold;
        margin-top: 1;
    }
    QuestionView #context {
        color: $text-muted;
        border-left: outer $accent 50%;
        padding-left: 1;
    }
    QuestionView #code {
        margin-bottom: 1;  /* the prompt's last paragraph already leaves a line above */
    }
    /* Code wraps instead of hiding past the edge: the pane does not scroll sideways. */
    QuestionView MarkdownFence {
        margin: 0 0 1 0;
    }
    QuestionView MarkdownFence > Label {
        width: 1fr;
        padding: 0 1;
        text-wrap: wrap;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="meta", markup=False)
        yield Static(id="reminder", markup=False)
        yield Markdown(id="prompt")
        # The code belongs to the prompt ("review this"): right under it, not below the
        # interviewer context where a long context would push it out of view.
        yield Static(id="code", markup=False)
        yield Static("Interviewer context", classes="label", id="context-label")
        yield Markdown(id="context")

    def show(self, question: Question, position: int, total: int, minutes: int) -> None:
        self.border_title = f"Question {position + 1} of {total}"
        areas = ", ".join(question.areas)
        meta = f"{one_line(question.title)}  ·  {question.kind} · {question.level} · {areas}"
        self.query_one("#meta", Static).update(
            Content.assemble(
                (one_line(question.title), "bold $text"),
                (f"  ·  {question.kind} · {question.level} · {areas} · {minutes} min", ""),
            )
            if meta
            else ""
        )
        self.query_one("#prompt", Markdown).update(question.prompt)
        self.query_one("#reminder", Static).update(
            Content.styled(one_line(question.prompt), "$text-muted italic")
        )
        self.query_one("#context", Markdown).update(question.context)
        self.set_class(not question.context.strip(), "-no-context")
        code = self.query_one("#code", Static)
        self.border_subtitle = "code: v full width" if question.code is not None else ""
        if question.code is not None:
            code.update(self._syntax(question.code.source, question.code.language))
            code.display = True
        else:
            code.update("")
            code.display = False
        self.scroll_home(animate=False)
        self._code = question.code

    @property
    def folded(self) -> bool:
        return self.has_class("-folded")

    def fold(self, folded: bool) -> None:
        self.set_class(folded, "-folded")
        if folded:
            self.scroll_home(animate=False)

    @property
    def context_shown(self) -> bool:
        return self.has_class("-context")

    def show_context(self, shown: bool) -> None:
        self.set_class(shown, "-context")
        if shown:
            self.fold(False)
            context = self.query_one("#context-label")
            self.call_after_refresh(self.scroll_to_widget, context, animate=False, top=True)

    def _syntax(self, source: str, language: str) -> Syntax:
        return code_syntax(self.app, source, language)

    def on_mount(self) -> None:
        self._code = None
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self.call_after_refresh(self._retheme)  # once the new theme's colours are set

    def _retheme(self) -> None:
        if self._code is not None:
            self.query_one("#code", Static).update(
                self._syntax(self._code.source, self._code.language)
            )
