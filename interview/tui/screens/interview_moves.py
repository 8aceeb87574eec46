"""Moving around the live interview: questions, the question list, the notes, and the
question pane's fold, context and full-width code view."""

from __future__ import annotations

from textual import on
from textual.screen import Screen

from interview.services.live import LiveSession
from interview.tui import bindings
from interview.tui.screens.interview_saving import WRITE_ERRORS
from interview.tui.widgets.checklist import Checklist
from interview.tui.widgets.clocks import Stopwatch
from interview.tui.widgets.notes import NotesEditor
from interview.tui.widgets.question_list import QuestionList
from interview.tui.widgets.question_view import QuestionView


class MovesMixin(Screen[None]):
    """Navigation for ``InterviewScreen``."""

    live: LiveSession
    _question_clock: Stopwatch | None
    _last_action: str
    _temporary_list: bool
    _unfolded_by_hand: set[str]

    # Hooks the screen provides.
    def _save(self, *, force: bool = False) -> None:
        raise NotImplementedError

    def _session_elapsed(self) -> float:
        raise NotImplementedError

    def _show_question(self, initial: bool = False) -> None:
        raise NotImplementedError

    def goto(self, index: int) -> None:
        index = max(0, min(index, len(self.live.items) - 1))
        if index == self.live.index:
            return
        self._save(force=True)
        try:
            self.live.goto(index, self._session_elapsed())
        except WRITE_ERRORS as exc:
            self.notify(f"Could not move: {exc}", severity="error", markup=False)
            return
        if self._question_clock is not None:
            self._question_clock.reset(self.live.question_elapsed(self.live.question.id))
        self._last_action = ""
        self.remove_class("-show-suggestions")
        self._show_question()

    def action_next_question(self) -> None:
        if self.live.index >= len(self.live.items) - 1:
            key = bindings.keys_by_id(self.app, self).get("score", "s")
            self.notify(
                f"That was the last question. Press {key} to score.", timeout=3, markup=False
            )
            return
        self.goto(self.live.index + 1)

    def action_previous_question(self) -> None:
        if self.live.index > 0:
            self.goto(self.live.index - 1)

    def action_go_to_question(self) -> None:
        qlist = self.query_one(QuestionList)
        if not self._list_visible():
            self._temporary_list = True
            self.add_class("-show-list")
            self.remove_class("-hide-list")
        qlist.highlighted = self.live.index
        qlist.focus()

    def _list_visible(self) -> bool:
        sidebar = self.query_one("#sidebar")
        return bool(sidebar.display and sidebar.region.width)

    def action_toggle_question_list(self) -> None:
        qlist = self.query_one(QuestionList)
        self._temporary_list = False
        if self._list_visible():
            self.add_class("-hide-list")
            self.remove_class("-show-list")
            if qlist.has_focus:
                self.query_one(Checklist).focus()
        else:
            self.add_class("-show-list")
            self.remove_class("-hide-list")

    @on(QuestionList.Jump)
    def _jump(self, event: QuestionList.Jump) -> None:
        self.goto(event.index)
        if self._temporary_list:
            self._temporary_list = False
            self.remove_class("-show-list")
        self.query_one(Checklist).focus()

    def action_focus_notes(self) -> None:
        self.query_one(NotesEditor).focus()

    def action_leave_notes(self) -> None:
        if self._temporary_list and self.query_one(QuestionList).has_focus:
            self._temporary_list = False
            self.remove_class("-show-list")
        self.query_one(Checklist).focus()

    def action_close_question_list(self) -> None:
        self.action_leave_notes()

    def action_scroll_prompt(self, direction: int) -> None:
        view = self.query_one(QuestionView)
        if view.folded:
            self.action_fold()
            return
        step = max(3, view.scrollable_content_region.height - 2)
        view.scroll_relative(y=direction * step, animate=False)

    def action_fold(self) -> None:
        """Fold the question to its title and a reminder, or unfold it."""
        view = self.query_one(QuestionView)
        folding = not view.folded
        view.fold(folding)
        if folding:
            view.show_context(False)
            self._unfolded_by_hand.discard(self.live.question.id)
        else:
            self._unfolded_by_hand.add(self.live.question.id)
        self.remove_class("-show-suggestions")

    def action_toggle_context(self) -> None:
        view = self.query_one(QuestionView)
        if not self.live.question.context.strip():
            self.notify("This question has no interviewer context.", timeout=3)
            return
        shown = not view.context_shown
        view.show_context(shown)
        if shown:
            self._unfolded_by_hand.add(self.live.question.id)
            self.remove_class("-show-suggestions")

    def action_code_view(self) -> None:
        from interview.tui.screens.code_view import CodeViewScreen

        question = self.live.question
        self.app.push_screen(CodeViewScreen(question, self.live.index, len(self.live.items)))

    def action_notes_next(self) -> None:
        self.action_next_question()

    def action_notes_previous(self) -> None:
        self.action_previous_question()

    def action_notes_go_to(self) -> None:
        self.action_go_to_question()
