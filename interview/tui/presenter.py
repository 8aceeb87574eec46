"""``interview present``: a second window for the candidate, following a live session.

It reads the database once a second (the interviewer's app writes the current question
there as it moves) and shows only the prompt and code of the current question, never
signals, notes, interviewer context or scores. Run it in a second terminal, or in one
shared in a video call.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.widgets import Footer, Markdown, Static

from interview.services.presenter import CandidateView
from interview.storage.db import StorageError
from interview.tui.safe_text import one_line
from interview.tui.screens.code_view import candidate_syntax

POLL_SECONDS = 1.0


class PresenterApp(App[None]):
    TITLE = "interview · candidate view"
    CSS = """
    #pv-title {
        height: 1;
        padding: 0 1;
        background: $boost;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #pv-body {
        height: 1fr;
        padding: 0 2;
        overflow-x: auto;
    }
    #pv-prompt {
        margin: 1 0;
        background: transparent;
    }
    #pv-code {
        width: auto;
        height: auto;
    }
    """
    BINDINGS = [Binding("q,escape", "quit", "Quit", id="present_quit")]

    def __init__(self, read: Callable[[], CandidateView]) -> None:
        super().__init__()
        self._read = read
        self.view: CandidateView | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="pv-title", markup=False)
        with ScrollableContainer(id="pv-body"):
            yield Markdown(id="pv-prompt")
            yield Static(id="pv-code", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.poll()
        self.set_interval(POLL_SECONDS, self.poll)

    def poll(self) -> None:
        try:
            view = self._read()
        except (StorageError, sqlite3.Error, OSError, LookupError):
            return  # the interviewer's app may be mid-write: try again in a second
        if view != self.view:
            self.show(view)

    def show(self, view: CandidateView) -> None:
        self.view = view
        state = "  ·  interview finished" if view.finished else ""
        self.query_one("#pv-title", Static).update(
            Content.assemble(
                (f"Question {view.position + 1} of {view.total}  ", "bold"),
                (one_line(view.title, 80), "bold"),
                (state, "$text-muted"),
            )
        )
        self.query_one("#pv-prompt", Markdown).update(view.prompt)
        code = self.query_one("#pv-code", Static)
        code.display = bool(view.code)
        if view.code:
            dark = self.current_theme.dark if self.current_theme else True
            background = self.theme_variables.get("surface", "default")
            code.update(candidate_syntax(view.code, view.language, dark, background))
        self.query_one("#pv-body").scroll_home(animate=False)
