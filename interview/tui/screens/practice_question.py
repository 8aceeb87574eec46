"""One practice question: the prompt and its clock, the answer, then the follow-up probe."""

from __future__ import annotations

from time import monotonic as time_monotonic

from rich.syntax import Syntax
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Markdown, Static, TextArea

from interview.domain.records import FollowUpRecord
from interview.services.practice_attempt import PracticeAttempt, Stage
from interview.tui import bindings
from interview.tui.safe_text import one_line

AUTOSAVE_DELAY = 0.5  # seconds after the last keystroke; well inside the 1 s promise


def clock_text(elapsed: float, budget: int) -> Text:
    spent = int(elapsed)
    text = f"{spent // 60:02d}:{spent % 60:02d} / {budget // 60:02d}:00"
    style = "bold red" if spent > budget else ("bold yellow" if spent > budget * 0.8 else "bold")
    return Text(text, style=style)


class PracticeQuestionScreen(Screen[None]):
    DEFAULT_CSS = """
    PracticeQuestionScreen #pq-top { height: 1; padding: 0 1; }
    PracticeQuestionScreen #pq-title { width: 1fr; text-style: bold; }
    PracticeQuestionScreen #pq-clock { width: auto; }
    PracticeQuestionScreen #pq-prompt { height: auto; max-height: 40%; padding: 0 1; }
    PracticeQuestionScreen.-has-code #pq-prompt { max-height: 60%; }
    PracticeQuestionScreen #pq-prompt Markdown { margin: 0; padding: 0; }
    PracticeQuestionScreen .pq-label { padding: 0 1; color: $text-muted; }
    PracticeQuestionScreen TextArea { height: 1fr; min-height: 4; }
    PracticeQuestionScreen #pq-follow-up { height: auto; max-height: 30%; padding: 0 1; }
    """
    HELP_TITLE = "Practice question"
    BINDINGS = bindings.PRACTICE_QUESTION

    def __init__(self, attempt: PracticeAttempt) -> None:
        super().__init__()
        self.attempt = attempt
        self.question = attempt.question
        self._saved = {
            "answer": attempt.answer(self.question.id),
            "follow-up-answer": attempt.follow_up_answer(self.question.id),
        }
        self._elapsed_base = attempt.elapsed(self.question.id)
        self._running_since: float | None = None
        self._typed = dict(self._saved)
        self._save_timer: Timer | None = None

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        q, attempt = self.question, self.attempt
        yield Header()
        with Horizontal(id="pq-top"):
            yield Static(f"{attempt.index + 1}/{len(attempt.items)}  {q.title}", id="pq-title")
            yield Static(id="pq-clock")
        with VerticalScroll(id="pq-prompt"):
            yield Markdown(q.prompt)
            if q.code is not None:
                yield Static(Syntax(q.code.source, q.code.language, line_numbers=True))
        yield Static("Your answer (saved as you type)", classes="pq-label")
        yield TextArea(self._saved["answer"], id="answer", soft_wrap=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = one_line(self.attempt.plan.title)
        self.set_class(self.question.code is not None, "-has-code")
        follow_up = self.attempt.follow_up(self.question.id)
        if follow_up is not None:
            self._show_follow_up(follow_up, focus=False)
        self.query_one("#answer", TextArea).focus()
        self.set_interval(1.0, self._tick)
        self._tick()

    def on_screen_resume(self) -> None:
        if self.attempt.stage(self.question.id) is not Stage.REVEALED:
            self._running_since = self._monotonic()

    def on_screen_suspend(self) -> None:
        self.flush(keep_clock=True)
        self._elapsed_base = self.elapsed()
        self._running_since = None

    def on_unmount(self) -> None:
        self.flush(keep_clock=True)

    # ------------------------------------------------------------ clock

    def _monotonic(self) -> float:
        # The services' clock source, so tests can move time by hand.
        services = getattr(self.app, "services", None)
        return float(getattr(services, "monotonic", time_monotonic)())

    def elapsed(self) -> float:
        if self._running_since is None:
            return self._elapsed_base
        return self._elapsed_base + self._monotonic() - self._running_since

    def _tick(self) -> None:
        budget = self.attempt.budget_seconds()
        self.query_one("#pq-clock", Static).update(clock_text(self.elapsed(), budget))

    # ------------------------------------------------------------ autosave

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        key = event.text_area.id or ""
        if key not in self._typed or event.text_area.text == self._typed[key]:
            return
        self._typed[key] = event.text_area.text
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(AUTOSAVE_DELAY, self.flush)

    def flush(self, keep_clock: bool = False) -> None:
        """Write what is typed now (autosave and before any step); ``keep_clock`` also
        stores the clock when nothing was typed (leaving the screen)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        qid, elapsed = self.question.id, self.elapsed()
        answer, reply = self._typed["answer"], self._typed["follow-up-answer"]
        if answer != self._saved["answer"]:
            self.attempt.save_answer(qid, answer, elapsed)
            self._saved["answer"] = answer
        if reply != self._saved["follow-up-answer"]:
            self.attempt.save_follow_up_answer(qid, reply, elapsed)
            self._saved["follow-up-answer"] = reply
        clock_moved = abs(elapsed - self.attempt.elapsed(qid)) >= 1
        if keep_clock and clock_moved and not self.attempt.revealed(qid):
            self.attempt.save_answer(qid, self._saved["answer"], elapsed)

    # ------------------------------------------------------------ steps

    def action_follow_up(self) -> None:
        self.flush()
        if not self._saved["answer"].strip():
            self.notify("Write your answer first: the follow-up is chosen from what it leaves out.")
            return
        follow_up = self.attempt.ask_follow_up(self.question.id)
        if follow_up is None:
            self.notify("This question has no follow-ups; reveal the signals when ready.")
            return
        self._show_follow_up(follow_up, focus=True)

    def _show_follow_up(self, follow_up: FollowUpRecord, focus: bool) -> None:
        # Why this probe was chosen names the missed signals, so it waits for the reveal.
        box = VerticalScroll(
            Static(Text.assemble(("Follow-up: ", "bold"), follow_up.text)), id="pq-follow-up"
        )
        reply = TextArea(self._saved["follow-up-answer"], id="follow-up-answer", soft_wrap=True)
        footer = self.query_one(Footer)
        self.mount(box, before=footer)
        self.mount(Static("Your follow-up answer", classes="pq-label"), before=footer)
        self.mount(reply, before=footer)
        self.refresh_bindings()
        if focus:
            self.call_after_refresh(reply.focus)

    def action_coach(self) -> None:
        """The optional LLM coach: opt-in per attempt after seeing what is sent."""
        from interview.services.practice_coach import questions_request
        from interview.tui.screens.llm_preview import LLMPreviewScreen
        from interview.tui.widgets.suggestions import llm_runtime

        self.flush()
        settings = llm_runtime(self.app).settings
        if not settings.has_key:
            self.notify(
                "The coach is optional and needs OPENAI_API_KEY (any value for a local "
                "server). Everything else in practice works without it.",
                title="LLM coach",
                timeout=6,
            )
            return
        if not self._saved["answer"].strip():
            self.notify("Write your answer first: the coach asks about what you wrote.")
            return
        if self.attempt.state.llm_enabled:
            self._open_coach()
            return
        request = questions_request(self.attempt, self.question.id)
        self.app.push_screen(
            LLMPreviewScreen(request, settings, "the LLM coach for this attempt"),
            self._after_preview,
        )

    def _after_preview(self, accepted: bool | None) -> None:
        if not accepted:
            self.notify("The coach stays off; practice goes on offline.", timeout=3)
            return
        self.attempt.repo.set_llm_enabled(self.attempt.id, True, actor=self.attempt.actor)
        self.attempt.state.llm_enabled = True
        self._open_coach()

    def _open_coach(self) -> None:
        from interview.tui.screens.practice_coach import PracticeCoachScreen

        self.app.push_screen(PracticeCoachScreen(self.attempt))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "follow_up":
            return self.attempt.follow_up(self.question.id) is None
        return True

    def action_reveal(self) -> None:
        from interview.tui.screens.practice_reveal import PracticeRevealScreen

        self.flush()
        self._elapsed_base = self.elapsed()
        self._running_since = None
        self.attempt.save_answer(self.question.id, self._saved["answer"], self._elapsed_base)
        self.attempt.reveal(self.question.id)
        self.app.push_screen(PracticeRevealScreen(self.attempt), self._after_reveal)

    def _after_reveal(self, outcome: str | None) -> None:
        if outcome == "next":
            self.attempt.goto(self.attempt.index + 1)
            self.app.switch_screen(PracticeQuestionScreen(self.attempt))
        elif outcome == "finish":
            from interview.tui.screens.progress import ProgressScreen

            self.attempt.finish()
            self.app.switch_screen(ProgressScreen(finished=self.attempt))

    def action_leave(self) -> None:
        self.flush(keep_clock=True)
        self.app.pop_screen()
