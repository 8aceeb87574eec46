"""The optional LLM coach: one or two questions about the answer, then feedback per area.

Calls run in an async worker (named group, ``exit_on_error=False``) and report back
with small messages; tokens stream into a plain ``Static`` and the feedback is
rendered as Markdown once complete. Any failure is a toast naming the cause; the
offline practice flow is never blocked by the coach.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Markdown, Static, TextArea

from interview.llm.errors import LLMError
from interview.llm.suggest import LLMRequest, LLMRuntime
from interview.services import practice_coach as coach
from interview.services.practice_attempt import PracticeAttempt
from interview.tui import bindings
from interview.tui.widgets.suggestions import llm_runtime

COACH_GROUP = "practice-coach"
AUTOSAVE_DELAY = 0.5


@dataclass
class CoachText(Message):
    """The reply so far (a flood of these collapses to the latest)."""

    seq: int
    text: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CoachText) and message.seq == self.seq


@dataclass
class CoachDone(Message):
    seq: int
    outcome: coach.CoachOutcome


class PracticeCoachScreen(Screen[None]):
    DEFAULT_CSS = """
    PracticeCoachScreen #coach-title { padding: 0 1; text-style: bold; }
    PracticeCoachScreen #coach-note { padding: 0 1; color: $text-muted; }
    PracticeCoachScreen #coach-body { padding: 0 1; }
    PracticeCoachScreen .coach-heading { margin-top: 1; text-style: bold; }
    PracticeCoachScreen #coach-stream { color: $text-muted; }
    PracticeCoachScreen #coach-answer { height: 8; }
    PracticeCoachScreen #coach-feedback { margin: 0; padding: 0; }
    """
    HELP_TITLE = "Practice coach"
    BINDINGS = bindings.PRACTICE_COACH

    def __init__(
        self, attempt: PracticeAttempt, runtime: LLMRuntime | None = None, ask_now: bool = True
    ) -> None:
        super().__init__()
        self.attempt = attempt
        self.question = attempt.question
        self._runtime = runtime
        self._ask_now = ask_now
        self._seq = 0
        self._saved = attempt.coach_answer(self.question.id)
        self._typed = self._saved
        self._save_timer: Timer | None = None

    @property
    def runtime(self) -> LLMRuntime:
        if self._runtime is None:
            self._runtime = llm_runtime(self.app)
        return self._runtime

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Coach · {self.question.title}", id="coach-title")
        yield Static(
            f"Feedback from {self.runtime.settings.model} is advice: your self-scores stay "
            "yours. Your name is never sent.",
            id="coach-note",
        )
        with VerticalScroll(id="coach-body"):
            yield Static("The coach asks", classes="coach-heading")
            yield Static(id="coach-questions")
            yield Static("Your answer to the coach (saved as you type)", classes="coach-heading")
            yield TextArea(self._saved, id="coach-answer", soft_wrap=True)
            yield Static("Feedback", classes="coach-heading")
            yield Static("", id="coach-stream", markup=False)
            yield Markdown(self.attempt.coach_feedback(self.question.id), id="coach-feedback")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Practice coach (LLM)"
        self._show_questions()
        if not self.attempt.coach_questions(self.question.id) and self._ask_now:
            self.start(coach.questions_request(self.attempt, self.question.id), "questions")
        self.query_one("#coach-answer", TextArea).focus()

    def on_unmount(self) -> None:
        self.flush()
        self.workers.cancel_group(self, COACH_GROUP)

    def _show_questions(self) -> None:
        asked = self.attempt.coach_questions(self.question.id)
        text = Text()
        for n, q in enumerate(asked, start=1):
            if n > 1:
                text.append("\n")
            text.append(f"{n}. ", style="bold")
            text.append(q.text)
        if not asked:
            text.append("(waiting for the coach's questions)", style="dim")
        self.query_one("#coach-questions", Static).update(text)

    # ------------------------------------------------------------ autosave

    @on(TextArea.Changed, "#coach-answer")
    def _changed(self, event: TextArea.Changed) -> None:
        if event.text_area.text == self._typed:
            return
        self._typed = event.text_area.text
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(AUTOSAVE_DELAY, self.flush)

    def flush(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self._typed != self._saved:
            self.attempt.save_coach_answer(self.question.id, self._typed)
            self._saved = self._typed

    # ------------------------------------------------------------ calls

    @property
    def busy(self) -> bool:
        return any(w.group == COACH_GROUP and not w.is_finished for w in self.workers)

    def action_feedback(self) -> None:
        if self.busy:
            self.notify("The coach is still answering.", timeout=3)
            return
        self.flush()
        self.start(coach.feedback_request(self.attempt, self.question.id), "feedback")

    def start(self, request: LLMRequest, kind: str) -> None:
        self._seq += 1
        stream = self.query_one("#coach-stream", Static)
        stream.update(f"Asking {self.runtime.settings.model}…")
        stream.display = True
        if kind == "feedback":
            self.call_after_refresh(stream.scroll_visible)
        self.run_worker(
            self._work(self._seq, request, kind),
            name=f"coach-{kind}-{self._seq}",
            group=COACH_GROUP,
            exclusive=True,
            exit_on_error=False,
        )

    async def _work(self, seq: int, request: LLMRequest, kind: str) -> None:
        received: list[str] = []

        def on_text(piece: str) -> None:
            received.append(piece)
            self.post_message(CoachText(seq, "".join(received)))

        call = coach.ask if kind == "questions" else coach.feedback
        outcome = await call(self.runtime.client, request, on_text)
        self.post_message(CoachDone(seq, outcome))

    def on_coach_text(self, message: CoachText) -> None:
        if message.seq == self._seq:
            self.query_one("#coach-stream", Static).update(message.text)

    def on_coach_done(self, message: CoachDone) -> None:
        if message.seq != self._seq:
            return
        outcome = message.outcome
        coach.record(self.attempt, self.runtime.settings, outcome)
        stream = self.query_one("#coach-stream", Static)
        stream.display = False
        if outcome.error is not None:
            self._fail(outcome.error)
            return
        if outcome.questions:
            self._show_questions()
        if outcome.feedback:
            shown = self.query_one("#coach-feedback", Markdown)
            shown.update(outcome.feedback)
            self.call_after_refresh(shown.scroll_visible, top=True)

    def _fail(self, error: LLMError) -> None:
        message = self.runtime.settings.redact(error.message)
        self.notify(
            f"Coach: {message}. Everything else works offline.",
            title="LLM coach",
            severity="warning",
            timeout=6,
            markup=False,
        )

    def action_leave(self) -> None:
        self.flush()
        self.app.pop_screen()
