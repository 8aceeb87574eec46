"""The follow-up suggestions panel: offline probes at once, LLM suggestions streamed in.

The LLM call runs in an async worker (named group, ``exit_on_error=False``) and
reports back with the small messages below. The reply's tail goes into a one-line
plain ``Static`` at most ten times a second (Markdown per token, or a layout pass per
token, costs keystroke latency); the list is rendered once when the reply is complete.
A new request or a question change cancels the old one. Any failure is a toast naming
the cause while the offline list stays in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from interview.domain.records import FollowUpSource
from interview.llm.errors import Cause, LLMError
from interview.llm.settings import resolve_settings, settings_env
from interview.llm.suggest import LLMOutcome, LLMRequest, LLMRuntime, fetch, record, request_for
from interview.llm.suggest import usage_line as llm_usage_line
from interview.services.followups import (
    Suggestion,
    mark_asked,
    offline_suggestions,
    record_suggestions,
)
from interview.services.live import LiveSession
from interview.tui.safe_text import printable
from interview.tui.streaming import StreamedText, throttled_stream

LLM_GROUP = "llm-suggestions"
# The keys that mark suggestion 1-3 asked (bound on the interview screen, any focus).
SUGGESTION_KEYS = ("!", "@", "#")


def _fit(text: str, width: int) -> str:
    """One line of at most ``width`` characters, so three suggestions fit whole."""
    flat = " ".join(printable(text).split())
    return flat if len(flat) <= width else flat[: max(1, width - 1)].rstrip() + "…"


# ------------------------------------------------------------ messages


@dataclass
class StreamFinished(Message):
    seq: int
    outcome: LLMOutcome


@dataclass
class SuggestionAsked(Message):
    """Posted after the interviewer marks a suggestion as asked."""

    question_id: str
    suggestion: Suggestion


# ------------------------------------------------------------ runtime per app


def llm_runtime(app: App[object]) -> LLMRuntime:
    """The app's LLM settings and client, created on first use (tests may preset one)."""
    runtime = getattr(app, "llm_runtime", None)
    if isinstance(runtime, LLMRuntime):
        return runtime
    services = getattr(app, "services", None)
    from interview.config import Config

    config = getattr(services, "config", None) or Config()
    overrides = getattr(services, "llm_env", None) or {}
    runtime = LLMRuntime(resolve_settings(config, settings_env(overrides)))
    app.llm_runtime = runtime  # type: ignore[attr-defined]
    return runtime


# ------------------------------------------------------------ the panel


class SuggestionsPanel(Vertical):
    """Three suggested follow-ups for the current question, with why each is suggested.

    Every part has a fixed height, so nothing here triggers a layout pass of the
    screen while the interviewer types: not a streamed token, not a new list.
    """

    DEFAULT_CSS = """
    SuggestionsPanel { height: auto; padding: 0 1; }
    SuggestionsPanel #suggestions-title { height: 1; text-style: bold; }
    SuggestionsPanel #llm-stream { height: 1; color: $text-muted; }
    SuggestionsPanel OptionList { height: auto; max-height: 7; border: none; padding: 0; }
    """

    # The interview screen binds the same keys for any focus; these serve the panel alone.
    BINDINGS = [
        Binding("exclamation_mark", "mark_asked(1)", "Asked 1", show=False),
        Binding("at", "mark_asked(2)", "Asked 2", show=False),
        Binding("number_sign", "mark_asked(3)", "Asked 3", show=False),
    ]

    def __init__(
        self,
        live: LiveSession,
        *,
        notes: Callable[[], str] | None = None,
        runtime: LLMRuntime | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.live = live
        self._notes = notes
        self._runtime = runtime
        self.suggestions: list[Suggestion] = []
        self.source: FollowUpSource = FollowUpSource.OFFLINE
        self.question_id = live.question.id
        self._seq = 0
        self._stream_text = ""
        self.last_error: LLMError | None = None
        self.llm_worker: Worker[None] | None = None

    def compose(self) -> ComposeResult:
        yield Static("Follow-ups", id="suggestions-title", markup=False)
        # One line above the list: the streamed reply's tail, a failure, or token usage.
        yield Static("", id="llm-stream", markup=False)
        yield OptionList(id="suggestion-list")

    def on_mount(self) -> None:
        self.refresh_offline()

    def on_resize(self) -> None:
        self._render_list()  # suggestions are cut to the width: redo them when it changes

    async def on_unmount(self) -> None:
        self.cancel_llm()
        await self.runtime.aclose()

    # ------------------------------------------------------------ state

    @property
    def runtime(self) -> LLMRuntime:
        if self._runtime is None:
            self._runtime = llm_runtime(self.app)
        return self._runtime

    @property
    def llm_enabled(self) -> bool:
        return self.live.state.llm_enabled

    @property
    def streaming(self) -> bool:
        """An LLM request is in flight."""
        return self.llm_worker is not None and not self.llm_worker.is_finished

    def current_notes(self) -> str:
        return self._notes() if self._notes is not None else self.live.notes(self.question_id)

    # ------------------------------------------------------------ offline

    def refresh_offline(self) -> list[Suggestion]:
        """Show offline suggestions for the current question (not recorded)."""
        self.question_id = self.live.question.id
        suggestions = offline_suggestions(self.live, self.question_id, self.current_notes())
        self._show(suggestions, FollowUpSource.OFFLINE)
        return suggestions

    def evidence_changed(self) -> None:
        """Call after a signal or probe is ticked: the offline ranking may change."""
        if self.source is FollowUpSource.OFFLINE and not self.streaming:
            self.refresh_offline()
        else:
            self._render_list()  # keep the LLM's list; update the asked marks

    def question_changed(self) -> None:
        """Call when the interview moves to another question."""
        self.cancel_llm()
        self.last_error = None
        self.refresh_offline()

    # ------------------------------------------------------------ actions

    def action_suggest(self) -> None:
        """Record the offline suggestions now; ask the LLM too when enabled for the session."""
        self.cancel_llm()
        suggestions = self.refresh_offline()
        self.suggestions = record_suggestions(self.live, self.question_id, suggestions)
        if self.llm_enabled:
            self.start_llm()

    def action_toggle_llm(self) -> None:
        if self.llm_enabled:
            self.live.repo.set_llm_enabled(self.live.id, False, actor=self.live.actor)
            self.live.state.llm_enabled = False
            self.cancel_llm()
            self.refresh_offline()
            self.app.notify("LLM suggestions off for this session", timeout=3)
            return
        settings = self.runtime.settings
        if not settings.has_key:
            self._fail(LLMError(Cause.NO_KEY, "set OPENAI_API_KEY (any value for a local server)"))
            return
        from interview.tui.screens.llm_preview import LLMPreviewScreen

        request = request_for(self.live, self.question_id, self.current_notes())
        self.app.push_screen(
            LLMPreviewScreen(request, settings), lambda ok: self._after_preview(ok, request)
        )

    def _after_preview(self, accepted: bool | None, request: LLMRequest) -> None:
        if not accepted:
            self.app.notify("LLM suggestions stay off", timeout=3)
            return
        self.live.repo.set_llm_enabled(self.live.id, True, actor=self.live.actor)
        self.live.state.llm_enabled = True
        self.app.notify(
            f"LLM suggestions on for this session ({self.runtime.settings.model})", markup=False
        )
        self.start_llm(request)

    def action_mark_asked(self, number: int) -> None:
        if not 1 <= number <= len(self.suggestions):
            return
        question_id = self.question_id
        asked = mark_asked(self.live, question_id, self.suggestions[number - 1])
        self.suggestions[number - 1] = asked
        self.app.notify(f"Asked: {asked.text}", timeout=3, markup=False)
        self.post_message(SuggestionAsked(question_id, asked))
        if self.source is FollowUpSource.OFFLINE:
            self.refresh_offline()  # the asked probe drops out; the next best comes in
        else:
            self._render_list()

    @on(OptionList.OptionSelected, "#suggestion-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_mark_asked(event.option_index + 1)

    # ------------------------------------------------------------ LLM

    def start_llm(self, request: LLMRequest | None = None) -> Worker[None]:
        self.cancel_llm()
        request = request or request_for(self.live, self.question_id, self.current_notes())
        self._seq += 1
        self._stream_text = ""
        self._set_line(f"Asking {self.runtime.settings.model}…")
        self.llm_worker = self.run_worker(
            self._llm_work(self._seq, request),
            name=f"llm-suggest-{self._seq}",
            group=LLM_GROUP,
            exclusive=True,
            exit_on_error=False,
        )
        return self.llm_worker

    def cancel_llm(self) -> None:
        self._seq += 1  # anything still queued from the old request is ignored
        self.workers.cancel_group(self, LLM_GROUP)
        self._stream_text = ""
        if self.query("#llm-stream"):
            self._set_line(self._idle_line())

    async def _llm_work(self, seq: int, request: LLMRequest) -> None:
        on_text = throttled_stream(self.post_message, seq)
        outcome = await fetch(self.runtime.client, request, on_text)
        self.post_message(StreamFinished(seq, outcome))

    @on(StreamedText)
    def _streamed_text(self, message: StreamedText) -> None:
        if message.seq != self._seq:
            return
        self._stream_text = message.text
        self._set_line(f"{self.runtime.settings.model} ▸ {self._tail(message.text)}")

    @on(StreamFinished)
    def _stream_finished(self, message: StreamFinished) -> None:
        if message.seq != self._seq:
            return
        outcome = record(self.live, self.runtime.settings, message.outcome)
        if outcome.question_id != self.question_id:
            self._set_line(self._idle_line())
            return
        if outcome.error is not None:
            self._fail(outcome.error)
            return
        self.last_error = None
        self._show(list(outcome.suggestions), FollowUpSource.LLM)
        if outcome.notice:
            self.app.notify(f"LLM: {outcome.notice}", severity="warning", timeout=6, markup=False)

    def _fail(self, error: LLMError) -> None:
        """Say what went wrong in one line and fall back to the offline suggestions."""
        self.last_error = error
        self.refresh_offline()
        message = self.runtime.settings.redact(error.message)
        self.app.notify(
            f"LLM {message} — showing offline suggestions",
            title="LLM suggestions",
            severity="warning",
            timeout=6,
            markup=False,
        )

    # ------------------------------------------------------------ rendering

    def _set_line(self, text: str) -> None:
        for line in self.query("#llm-stream").results(Static):  # none while unmounting
            line.update(text, layout=False)  # fixed height: no layout pass

    def _tail(self, text: str) -> str:
        """The end of a streamed reply on one line: the newest tokens stay in view."""
        flat = " ".join(text.split())
        width = max(20, self.size.width - 2 - len(self.runtime.settings.model) - 3)
        return flat if len(flat) <= width else "…" + flat[-(width - 1) :]

    def _idle_line(self) -> str:
        if self.last_error is not None:
            line = f"LLM {self.last_error.cause}: offline suggestions shown"
            if self.last_error.partial.strip():
                line += f" · cut off after: {self._tail(self.last_error.partial)}"
            return line
        return llm_usage_line(self.live)

    def _show(self, suggestions: list[Suggestion], source: FollowUpSource) -> None:
        self.suggestions = list(suggestions)
        self.source = source
        self._render_list()

    def _render_list(self) -> None:
        if not self.query("#suggestion-list"):
            return  # not composed yet, or already torn down
        label = "LLM" if self.source is FollowUpSource.LLM else "offline"
        title = f"Follow-ups · {label}"
        if self.llm_enabled and self.source is FollowUpSource.OFFLINE:
            title += " · LLM on"
        self.query_one("#suggestions-title", Static).update(title, layout=False)
        options: list[Option] = []
        asked = self.live.asked_follow_ups(self.question_id)
        asked_rows = {f.id for f in self.live.state.followups if f.asked}
        width = max(20, self.size.width - 4)
        for n, s in enumerate(self.suggestions, start=1):
            done = s.row_id in asked_rows or (s.follow_up_id and s.follow_up_id in asked)
            prompt = Text(no_wrap=True, overflow="ellipsis")
            key = SUGGESTION_KEYS[n - 1] if n <= len(SUGGESTION_KEYS) else " "
            prompt.append(f"{key} ", style="bold")
            prompt.append(_fit(("✓ " if done else "") + s.text, width))
            if s.reason:
                prompt.append("\n  " + _fit(s.reason, width - 2), style="dim")
            options.append(Option(prompt, id=f"suggestion-{n}"))
        if not options:
            done_text = Text("Every probe for this question was asked.", style="dim")
            options.append(Option(done_text, disabled=True))
        self.query_one("#suggestion-list", OptionList).set_options(options)
        if not self.streaming:
            self._set_line(self._idle_line())
