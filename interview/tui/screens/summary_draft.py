"""The session summary: an LLM draft streamed into a plain editor, edited, saved on request.

An annotation for the report, never part of the scorecard: it can be written before or
after submission and changes no score. The draft runs in an async worker (named
group, ``exit_on_error=False``) and reports back with the messages below; streamed
text goes into the plain ``TextArea`` at most ten times a second (never a Markdown
widget while streaming: re-rendering Markdown per token costs keystroke latency).
The editor is read-only while text streams in; Escape stops the draft and keeps what
arrived. A failure is a short toast and a status line, and the editor stays usable
for a summary written by hand. Nothing is saved until the interviewer presses ctrl+s.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea
from textual.worker import Worker

from interview.llm.errors import Cause, LLMError
from interview.llm.suggest import LLMRequest, LLMRuntime
from interview.reports.model import summary_label
from interview.services import summary_draft
from interview.services.live import LiveSession
from interview.storage.db import StorageError
from interview.storage.repository import SummaryNote
from interview.tui import bindings
from interview.tui.safe_text import one_line
from interview.tui.streaming import StreamedText, throttled_stream
from interview.tui.widgets.notes import NotesEditor
from interview.tui.widgets.session_table import local_time

DRAFT_GROUP = "summary-draft"
WRITE_ERRORS = (StorageError, sqlite3.Error, OSError)


@dataclass
class DraftDone(Message):
    seq: int
    outcome: summary_draft.DraftOutcome


class SummaryDraftScreen(Screen[None]):
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
        super().__init__()
        self.live = live
        self.session_id = live.id
        self._runtime = runtime
        self.saved: SummaryNote | None = live.repo.summary_note(live.id)
        # With nothing saved yet, opening the editor asks for a draft (after the preview).
        self._draft_now = self.saved is None if draft_now is None else draft_now
        self.draft: str | None = None  # the LLM's text, once a draft arrived in this editor
        self.draft_model = ""
        self.last_error: LLMError | None = None
        self.worker: Worker[None] | None = None
        self._previewed = False
        self._seq = 0
        self._streamed = ""  # the streamed text already in the editor
        self._before = ""  # the editor's text before the draft began

    @property
    def runtime(self) -> LLMRuntime:
        if self._runtime is None:
            from interview.tui.widgets.suggestions import llm_runtime

            self._runtime = llm_runtime(self.app)
        return self._runtime

    @property
    def editor(self) -> NotesEditor:
        return self.query_one("#summary-editor", NotesEditor)

    @property
    def drafting(self) -> bool:
        return self.worker is not None and not self.worker.is_finished

    @property
    def dirty(self) -> bool:
        """The editor holds text that is not what is saved."""
        text = self.editor.text
        saved = self.saved.text if self.saved else ""
        return text != saved and bool(text.strip() or saved)

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

    def on_unmount(self) -> None:
        self._seq += 1
        self.workers.cancel_group(self, DRAFT_GROUP)

    # ------------------------------------------------------------ status lines

    def _set_status(self, text: str | Content) -> None:
        self.query_one("#sd-status", Static).update(text, layout=False)

    def _origin(self) -> Content:
        text = self.editor.text
        if not self.dirty:
            if self.saved is None:
                return Content.styled(
                    "No summary yet: ctrl+g drafts one with the LLM, or write it yourself.",
                    "$text-muted",
                )
            label = summary_label(self.saved.ai_drafted, self.saved.edited)
            model = f" ({self.saved.model})" if self.saved.model else ""
            return Content.assemble(
                ("Saved ", "bold $text-success"),
                (f"{local_time(self.saved.updated_at)} · Summary ({label}){model}", ""),
            )
        ai, edited, _ = summary_draft.provenance(
            text, draft=self.draft, draft_model=self.draft_model, saved=self.saved
        )
        return Content.assemble(
            ("Not saved ", "bold $text-warning"),
            (f"· the report will say “Summary ({summary_label(ai, edited)})” · ", ""),
            ("ctrl+s", "bold $text-accent"),
            (" saves", "$text-muted"),
        )

    def _show_origin(self) -> None:
        origin = self._origin()
        line = self.query_one("#sd-origin", Static)
        if str(line.content) != str(origin):
            line.update(origin, layout=False)

    @on(TextArea.Changed, "#summary-editor")
    def _edited(self) -> None:
        self._show_origin()

    # ------------------------------------------------------------ drafting

    def action_draft(self) -> None:
        if self.drafting:
            self.notify("A draft is on its way; Escape stops it.", timeout=3)
            return
        settings = self.runtime.settings
        if not settings.has_key:
            self._fail(LLMError(Cause.NO_KEY, "set OPENAI_API_KEY (any value for a local server)"))
            return
        # What was typed or saved since the summary screen loaded is what gets sent.
        self.live.state = self.live.repo.load_state(self.session_id)
        request = summary_draft.summary_request(self.live)
        if self.dirty and self.editor.text.strip():
            from interview.tui.screens.confirm import ConfirmScreen

            def answered(yes: bool | None) -> None:
                if yes:
                    self._preview_then_start(request)

            self.app.push_screen(
                ConfirmScreen(
                    "Replace the text?",
                    "The editor holds unsaved text. A new draft replaces it.",
                    "Replace with a draft",
                ),
                answered,
            )
            return
        self._preview_then_start(request)

    def _preview_then_start(self, request: LLMRequest) -> None:
        enabling = not self.live.state.llm_enabled
        if self._previewed and not enabling:
            self.start(request)
            return
        from interview.tui.screens.summary_preview import SummaryPreviewScreen

        settings = self.runtime.settings
        self.app.push_screen(
            SummaryPreviewScreen(request, settings, enabling=enabling),
            lambda ok: self._after_preview(ok, request, enabling),
        )

    def _after_preview(self, accepted: bool | None, request: LLMRequest, enabling: bool) -> None:
        if not accepted:
            self._set_status(Content.styled("Nothing was sent.", "$text-muted"))
            return
        if enabling:
            try:
                self.live.repo.set_llm_enabled(self.live.id, True, actor=self.live.actor)
            except WRITE_ERRORS as exc:
                self.notify(f"LLM not turned on: {exc}", severity="error", markup=False)
                return
            self.live.state.llm_enabled = True
        self._previewed = True
        self.start(request)

    def start(self, request: LLMRequest) -> Worker[None]:
        self._seq += 1
        editor = self.editor
        self._before = editor.text
        self._streamed = ""
        self.last_error = None
        editor.load_text("")
        editor.read_only = True
        model = self.runtime.settings.model
        self._set_status(
            Content.assemble(
                (f"Drafting with {model}… ", "bold"),
                ("escape", "bold $text-accent"),
                (" stops and keeps what arrived", "$text-muted"),
            )
        )
        self.worker = self.run_worker(
            self._work(self._seq, request),
            name=f"summary-draft-{self._seq}",
            group=DRAFT_GROUP,
            exclusive=True,
            exit_on_error=False,
        )
        return self.worker

    async def _work(self, seq: int, request: LLMRequest) -> None:
        on_text = throttled_stream(self.post_message, seq)
        outcome = await summary_draft.draft(self.runtime.client, request, on_text)
        self.post_message(DraftDone(seq, outcome))

    @on(StreamedText)
    def _draft_text(self, message: StreamedText) -> None:
        if message.seq != self._seq:
            return
        editor = self.editor
        text = message.text.lstrip()
        if text.startswith(self._streamed):
            editor.insert(text[len(self._streamed) :], editor.document.end)
        else:
            editor.load_text(text)
        self._streamed = text
        editor.scroll_end(animate=False)

    @on(DraftDone)
    def _draft_done(self, message: DraftDone) -> None:
        if message.seq != self._seq:
            return
        outcome = message.outcome
        with contextlib.suppress(*WRITE_ERRORS):  # a lost usage row must not lose the draft
            summary_draft.record_usage(self.live, self.runtime.settings, outcome)
        if outcome.error is not None:
            self._fail(outcome.error)
            return
        model = outcome.completion.model if outcome.completion else self.runtime.settings.model
        self._took_draft(outcome.text, model)
        stamp = datetime.now().strftime("%H:%M:%S")
        self._set_status(
            Content.styled(f"Draft from {model} arrived {stamp}: read and edit it.", "$text-muted")
        )
        if outcome.notice:
            self.notify(f"LLM: {outcome.notice}", severity="warning", timeout=6, markup=False)

    def _took_draft(self, text: str, model: str) -> None:
        """Hand the editor back with ``text`` in it, remembered as the LLM's draft."""
        editor = self.editor
        editor.load_text(text)
        editor.read_only = False
        self.draft, self.draft_model = text, model
        self._show_origin()
        editor.focus()

    def _fail(self, error: LLMError) -> None:
        """One short line and a toast; the editor stays (or becomes) usable."""
        self.last_error = error
        editor = self.editor
        partial = error.partial.strip()
        if partial and editor.read_only:
            self._took_draft(partial, self.runtime.settings.model)
        else:
            if editor.read_only:
                editor.load_text(self._before)
                editor.read_only = False
            self._show_origin()
            editor.focus()
        message = self.runtime.settings.redact(error.message)
        kept = " · the text that arrived is in the editor" if partial else ""
        self._set_status(
            Content.assemble(
                (f"No LLM draft: {message}{kept} · ", "$text-warning"),
                ("write it yourself or press ctrl+g to try again", "$text-muted"),
            )
        )
        self.notify(
            f"LLM {message}. The editor is yours: write the summary or try again.",
            title="Summary draft",
            severity="warning",
            timeout=6,
            markup=False,
        )

    def cancel_draft(self) -> None:
        if not self.drafting:
            return
        self._seq += 1  # anything still queued from this draft is ignored
        self.workers.cancel_group(self, DRAFT_GROUP)
        self.worker = None
        editor = self.editor
        if editor.text.strip():
            self._took_draft(editor.text.strip(), self.runtime.settings.model)
            self._set_status(Content.styled("Draft stopped: what arrived is yours to edit.", ""))
        else:
            editor.load_text(self._before)
            editor.read_only = False
            self._show_origin()
            editor.focus()
            self._set_status(Content.styled("Draft stopped before any text arrived.", ""))

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
