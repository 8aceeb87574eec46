"""The LLM half of the session-summary screen: preview, stream a draft into the editor,
stop it, or fail into an editor that stays usable.

The base class of ``SummaryDraftScreen`` (summary_draft.py), which adds the layout,
saving and leaving. It holds the state both read (what is saved, the draft, the
running worker). The draft runs in an async worker (named group,
``exit_on_error=False``) and reports back with the messages below; streamed text goes
into the plain ``TextArea`` at most ten times a second (never a Markdown widget while
streaming: re-rendering Markdown per token costs keystroke latency).
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker

from interview.llm.errors import Cause, LLMError
from interview.llm.suggest import LLMRequest, LLMRuntime
from interview.services import summary_draft
from interview.services.live import LiveSession
from interview.storage.db import StorageError
from interview.storage.repository import SummaryNote
from interview.tui.screens.summary_status import drafting_line, no_draft_line, origin_line
from interview.tui.streaming import StreamedText, throttled_stream
from interview.tui.widgets.notes import NotesEditor

DRAFT_GROUP = "summary-draft"
WRITE_ERRORS = (StorageError, sqlite3.Error, OSError)


@dataclass
class DraftDone(Message):
    seq: int
    outcome: summary_draft.DraftOutcome


class SummaryDrafting(Screen[None]):
    def __init__(self, live: LiveSession, runtime: LLMRuntime | None = None) -> None:
        super().__init__()
        self.live = live
        self.session_id = live.id
        self._runtime = runtime
        self.saved: SummaryNote | None = live.repo.summary_note(live.id)
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

    def on_unmount(self) -> None:
        self._seq += 1
        self.workers.cancel_group(self, DRAFT_GROUP)

    # ------------------------------------------------------------ status lines

    def _set_status(self, text: str | Content) -> None:
        self.query_one("#sd-status", Static).update(text, layout=False)

    def _show_origin(self) -> None:
        origin = origin_line(
            self.editor.text,
            dirty=self.dirty,
            saved=self.saved,
            draft=self.draft,
            draft_model=self.draft_model,
        )
        line = self.query_one("#sd-origin", Static)
        if str(line.content) != str(origin):
            line.update(origin, layout=False)

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
        self._set_status(drafting_line(self.runtime.settings.model))
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
        self._set_status(no_draft_line(message, kept=bool(partial)))
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
