"""The session summary: an LLM draft streamed into a plain editor, edited, saved on request.

An annotation for the report, never part of the scorecard: it can be written before or
after submission and changes no score. The editor is read-only while a draft streams
in; Escape stops the draft and keeps what arrived. A failure is a short toast and a
status line, and the editor stays usable for a summary written by hand. Nothing is
saved until the interviewer presses ctrl+s.

This module is the screen's layout, saving and leaving. Its base class
``SummaryDrafting`` (summary_drafting.py) runs the draft; summary_status.py words the
lines under the editor.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Footer, Static, TextArea

from interview.llm.suggest import LLMRuntime
from interview.services import summary_draft
from interview.services.live import LiveSession
from interview.tui import bindings
from interview.tui.safe_text import one_line
from interview.tui.screens.summary_drafting import WRITE_ERRORS, SummaryDrafting
from interview.tui.widgets.notes import NotesEditor


class SummaryDraftScreen(SummaryDrafting):
    DEFAULT_CSS = """
    SummaryDraftScreen #sd-title {
        height: 1;
        padding: 0 1;
        background: $boost;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SummaryDraftScreen #sd-note {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    SummaryDraftScreen #summary-editor {
        height: 1fr;
    }
    SummaryDraftScreen #sd-origin, SummaryDraftScreen #sd-status {
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """
    HELP_TITLE = "Session summary"
    BINDINGS = bindings.SUMMARY_NOTE
    AUTO_FOCUS = "#summary-editor"

    def __init__(
        self, live: LiveSession, runtime: LLMRuntime | None = None, *, draft_now: bool | None = None
    ) -> None:
        super().__init__(live, runtime)
        # With nothing saved yet, opening the editor asks for a draft (after the preview).
        self._draft_now = self.saved is None if draft_now is None else draft_now

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(id="sd-title", markup=False)
        yield Static(id="sd-note", markup=False)
        yield NotesEditor(
            id="summary-editor",
            placeholder="Write the summary for the report, or press ctrl+g for an LLM draft.",
        )
        yield Static(id="sd-origin", markup=False)
        yield Static(id="sd-status", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        summary = self.live.state.summary
        self.query_one("#sd-title", Static).update(
            Content.assemble(
                ("Session summary  ", "bold"),
                (one_line(summary.candidate_label, 40), "bold"),
                (f" · {one_line(summary.role, 30)} · {summary.level}", "$text-muted"),
            )
        )
        locked = " The submitted scorecard stays as it is." if self.live.locked else ""
        self.query_one("#sd-note", Static).update(
            "For the report, labelled with how it was written. An annotation: it never "
            f"changes the scores.{locked} Names of people are never sent to the LLM."
        )
        editor = self.editor
        editor.border_title = "Summary"
        editor.load_text(self.saved.text if self.saved else "")
        self._show_origin()
        self._set_status("")
        if self._draft_now:
            self.call_after_refresh(self.action_draft)

    @on(TextArea.Changed, "#summary-editor")
    def _edited(self) -> None:
        self._show_origin()

    # ------------------------------------------------------------ saving and leaving

    def action_save(self) -> None:
        if self.drafting:
            self.notify("A draft is still arriving: wait for it, or Escape stops it.", timeout=4)
            return
        text = self.editor.text
        if not text.strip():
            self.notify(
                "Nothing to save: write a summary, or ctrl+g drafts one.",
                severity="warning",
                timeout=4,
            )
            return
        try:
            self.saved = summary_draft.save(
                self.live, text, draft=self.draft, draft_model=self.draft_model
            )
        except (ValueError, *WRITE_ERRORS) as exc:
            self.notify(f"Summary not saved: {exc}", severity="error", markup=False)
            return
        # From now on, edits are measured against what was saved.
        self.draft, self.draft_model = None, ""
        self._show_origin()
        self._set_status("")
        self.notify("Summary saved for the report.", timeout=3)

    def action_stop_or_back(self) -> None:
        if self.drafting:
            self.cancel_draft()
            return
        if not self.dirty:
            self.app.pop_screen()
            return
        from interview.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmScreen(
                "Leave without saving?",
                "The summary on screen is not saved; leaving discards it.",
                "Leave without saving",
            ),
            answered,
        )
