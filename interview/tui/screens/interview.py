"""The live interview: one question at a time, its whole checklist, notes and clocks.

The layout (sketched at 80x24, 120x40 and 200x60 in ``interview_layout``) keeps every
row of the checklist in view at 120x40; the clocks and notes autosave live in
``interview_saving``, ticking signals and probes in ``interview_marks``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static

from interview.services.autosave import AutosaveWriter, LeaseRef
from interview.services.lease import this_process
from interview.services.live import LiveSession
from interview.tui import bindings
from interview.tui.messages import QuestionChanged
from interview.tui.navigation import go, services_of
from interview.tui.safe_text import one_line
from interview.tui.screens import interview_layout
from interview.tui.screens.interview_marks import MarksMixin, red_flags_ticked
from interview.tui.screens.interview_moves import MovesMixin
from interview.tui.screens.interview_saving import AUTOSAVE_TICK, AutosaveMixin
from interview.tui.widgets.checklist import JUNIOR, PROBE, SENIOR, Checklist, ChecklistDetail
from interview.tui.widgets.clocks import ClockBar, Stopwatch
from interview.tui.widgets.notes import NotesEditor
from interview.tui.widgets.private_pad import PrivatePad
from interview.tui.widgets.question_list import QuestionList
from interview.tui.widgets.question_view import QuestionView
from interview.tui.widgets.too_small import TooSmall, check_size

if TYPE_CHECKING:
    from interview.services.container import Services

# Ctrl keys that act only while the notes editor has focus (and show in the footer then).
NOTES_ONLY = ("notes_next", "notes_previous", "notes_go_to", "save_now")
FOLD_AFTER = 60.0  # seconds on a question before its prompt folds to a reminder


class InterviewScreen(AutosaveMixin, MovesMixin, MarksMixin):
    DEFAULT_CSS = interview_layout.CSS
    HELP_TITLE = "Interview"
    BINDINGS = bindings.INTERVIEW
    AUTO_FOCUS = "#checklist"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-normal"), (170, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-medium"), (50, "-tall")]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self.session_id = live.id
        self._editor_qid = live.question.id
        self._init_saving()
        self._temporary_list = False
        self._keys: dict[str, Sequence[str]] = {}
        self._last_action = ""
        self._unfolded_by_hand: set[str] = set()  # questions the interviewer unfolded

    @property
    def services(self) -> Services:
        return services_of(self)

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="interview-top"):
            yield Static(id="interview-title", markup=False)
            yield ClockBar(id="clocks")
        with Horizontal(id="interview-status-bar"):
            yield Static(id="interview-status", markup=False)
            yield Static(id="db-state", markup=False)
            yield Static(id="notes-state", markup=False)
        with Horizontal(id="interview-body"):
            with Vertical(id="sidebar"):
                yield QuestionList(id="qlist")
            with Vertical(id="interview-left"):
                yield QuestionView(id="question")
                yield Vertical(id="suggestions")
            with Vertical(id="interview-side"):
                yield Checklist(id="checklist")
                yield ChecklistDetail(id="checklist-detail", markup=False)
        yield NotesEditor(id="notes", placeholder="Notes for this question…")
        yield PrivatePad(id="private-notes")
        yield TooSmall()
        yield Footer(compact=True)

    def on_mount(self) -> None:
        services = self.services
        mono = services.monotonic
        self._session_clock = Stopwatch(mono, self.live.state.elapsed_seconds)
        self._question_clock = Stopwatch(mono, self.live.question_elapsed(self._editor_qid))
        owner = str(getattr(self.app, "owner", ""))
        lease = LeaseRef(self.session_id, owner, this_process()) if owner else None
        self._writer = AutosaveWriter(
            services.repo,
            services.db_path,
            on_saved=self._saved_from_writer,
            on_error=self._failed_from_writer,
            on_refused=self._refused_from_writer,
            lease=None if self.locked else lease,
        )
        if not self.locked:
            self.live.writer = self._writer
        ids = bindings.keys_by_id(self.app, self)
        self._keys = {
            SENIOR: [ids.get(f"senior_signal_{i + 1}", "") for i in range(9)],
            JUNIOR: [ids.get(f"junior_signal_{i + 1}", "") for i in range(7)],
            PROBE: [ids.get(f"probe_{i + 1}", "") for i in range(7)],
        }
        summary = self.live.state.summary
        self.query_one("#interview-title", Static).update(
            Content.assemble(
                (one_line(summary.candidate_label, 40), "bold"),
                (f" · {one_line(summary.role, 30)} · {summary.level}", ""),
                (f" · {one_line(self.live.plan.title, 50)}", "$text-muted"),
            )
        )
        notes = self._editor = self.query_one(NotesEditor)
        notes.read_only = self.locked
        notes.border_title = "Notes"
        notes.border_subtitle = "read only" if self.locked else "autosaved"
        self.query_one(PrivatePad).open_session(
            services.repo, services.db_path, self.session_id, locked=self.locked
        )
        self._mount_suggestions()
        self._show_question(initial=True)
        self._check_size(self.size.width, self.size.height)
        self.set_interval(AUTOSAVE_TICK, self._autosave_tick, name="autosave")
        self.set_interval(1.0, self._clock_tick, name="clocks")

    def _mount_suggestions(self) -> None:
        from interview.tui.widgets.suggestions import SuggestionsPanel

        if self.locked:
            return
        panel = SuggestionsPanel(self.live, notes=self._current_text, id="suggestions-panel")
        self.query_one("#suggestions", Vertical).mount(panel)

    def _suggestions(self) -> Any | None:
        found = self.query("#suggestions-panel")
        return found.first() if found else None

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        """Below 80x24 the panes would be zero rows high: say so instead."""
        check_size(self, width, height)

    # ------------------------------------------------------------ rendering

    def _current_text(self) -> str:
        return self.query_one(NotesEditor).text

    def _show_question(self, initial: bool = False) -> None:
        live = self.live
        question = live.question
        view = self.query_one(QuestionView)
        view.show(question, live.index, len(live.items), live.items[live.index][0].minutes)
        view.show_context(False)
        view.fold(self._question_elapsed() >= FOLD_AFTER)
        self._show_checklist()
        editor = self.query_one(NotesEditor)
        text = self._notes.get(question.id, live.notes(question.id))
        self._notes[question.id] = text
        self._queued.setdefault(question.id, live.notes(question.id))
        self._editor_qid = question.id
        editor.load_text(text)
        editor.move_cursor(editor.document.end)
        self._refresh_clocks()
        self._refresh_list()
        self._set_notes_state("saved" if live.notes(question.id) else "")
        self._show_private(question.id)
        self.refresh_bindings()  # v (code view) comes and goes with the question's code
        message = QuestionChanged(self.session_id, live.index, question.id)
        panel = self._suggestions()
        if panel is not None:
            if not initial and hasattr(panel, "question_changed"):
                panel.question_changed()
            panel.post_message(message)

    def _show_checklist(self) -> None:
        qid = self.live.question.id
        checklist = self.query_one(Checklist)
        checklist.show(
            self.live.question,
            self.live.observed(qid),
            self.live.asked_follow_ups(qid),
            self._keys,
            locked=self.locked,
        )
        checklist.border_title = self._checklist_title()
        if self.live.read_only:
            checklist.border_subtitle = "open in another window · read only"
        self._show_detail()

    def _checklist_title(self) -> str:
        question = self.live.question

        def span(kind: str, count: int) -> str:
            used = [k for k in self._keys.get(kind, ())[:count] if k]
            if not used:
                return ""
            return used[0] if len(used) == 1 else f"{used[0]}-{used[-1]}"

        parts = [
            span(SENIOR, len(question.senior_signals)),
            span(JUNIOR, len(question.junior_signals)),
            span(PROBE, len(question.follow_ups)),
        ]
        return "Checklist · " + " · ".join(p for p in parts if p)

    @on(OptionList.OptionHighlighted, "#checklist")
    def _show_detail(self) -> None:
        checklist = self.query_one(Checklist)
        row = checklist.highlighted_row()
        key = ""
        if row is not None:
            keys = self._keys.get(row.kind, ())
            key = keys[row.index] if row.index < len(keys) else ""
        self.query_one(ChecklistDetail).show(row, key)

    def _refresh_list(self) -> None:
        self.query_one(QuestionList).show(self.live, self._question_elapsed())

    def _refresh_clocks(self) -> None:
        q_spent, s_spent = self._question_elapsed(), self._session_elapsed()
        pacing = self.live.pacing(s_spent, q_spent)
        self.query_one(ClockBar).show(
            q_spent,
            self.live.budget_seconds(),
            s_spent,
            self.live.plan.total_minutes * 60,
            paused=self._user_paused,
        )
        parts: list[str | tuple[str, str]] = [
            (f"{self.live.index + 1}/{len(self.live.items)} ", "bold"),
        ]
        # The red-flag count comes first, so a narrow terminal never cuts it off.
        flags = len(red_flags_ticked(self.live))
        if flags:
            noun = "red flags" if flags > 1 else "red flag"
            parts.append((f" ⚑ {flags} {noun} ", "bold reverse $text-error"))
            parts.append(" ")
        if self._user_paused:
            parts.append((" clocks paused ", "bold reverse $text-warning"))
            parts.append(" ")
        if self.live.read_only:
            parts.append(("Open in another window · read only", "bold $text-warning"))
        elif self.locked:
            parts.append(("Submitted scorecard · read only", "bold $text-warning"))
        else:
            late = pacing.behind >= 120 or pacing.time_left <= 0
            parts.append((pacing.hint(), "$text-warning" if late else "$text-muted"))
        if self._last_action:
            parts.append(("  ·  ", "$text-muted"))
            parts.append(self._last_action)
        self.query_one("#interview-status", Static).update(Content.assemble(*parts), layout=False)

    def _set_notes_state(self, state: str) -> None:
        """Autosave state in the status bar: a one-line update, never a notes repaint."""
        if self.locked:
            text: str | Content = ""
        elif state.startswith("not saved"):
            text = Content.styled(f"notes {state}", "bold $text-warning")
        else:
            text = Content.styled(f"notes {state}" if state else "", "$text-muted")
        label = self.query_one("#notes-state", Static)
        if str(label.content) != str(text):
            label.update(text, layout=False)

    def _minute_passed(self) -> None:
        """The prompt folds once the question has had a minute (unless unfolded by hand)."""
        view = self.query_one(QuestionView)
        qid = self.live.question.id
        if (
            not view.folded
            and not view.context_shown
            and qid not in self._unfolded_by_hand
            and self._question_elapsed() >= FOLD_AFTER
        ):
            view.fold(True)

    # ------------------------------------------------------------ suspend and resume

    def on_screen_suspend(self) -> None:
        self._save(force=True)
        self.query_one(PrivatePad).save()
        self._suspended = True
        self._stop_clocks()

    def on_screen_resume(self) -> None:
        self._suspended = False
        if not self._user_paused and not self.locked:
            self._start_clocks()
        if self.live.locked != self.query_one(NotesEditor).read_only:
            self.query_one(NotesEditor).read_only = self.live.locked
            self.query_one(NotesEditor).border_subtitle = "read only"
            self._show_checklist()
        self._refresh_clocks()

    def action_score(self) -> None:
        if self.live.read_only:
            self.notify("This session is open in another window; read only here.", timeout=3)
            return
        self._save(force=True)
        go(self, "scoring", self.live)

    # ------------------------------------------------------------ suggestions panel

    def action_suggest(self) -> None:
        panel = self._suggestions()
        if panel is None:
            self.notify("Follow-up suggestions are not available.", timeout=3)
            return
        self.add_class("-show-suggestions")
        panel.action_suggest()
        count = len(panel.suggestions)
        keys = " ".join(bindings.SUGGESTION_DISPLAY[:count])
        self._note_action(
            f"{count} follow-up{'s' if count != 1 else ''} suggested · {keys} marks one asked"
            if count
            else "Every probe for this question was asked"
        )

    def action_toggle_llm(self) -> None:
        panel = self._suggestions()
        if panel is not None and hasattr(panel, "action_toggle_llm"):
            panel.action_toggle_llm()

    def _typing(self) -> bool:
        return isinstance(self.focused, (NotesEditor, PrivatePad))

    # ------------------------------------------------------------ private pad

    def _show_private(self, question_id: str) -> None:
        pad = self.query_one(PrivatePad)
        pad.show_question(question_id)
        mark = " · private pad ✎ (ctrl+r)" if pad.has_text(question_id) else ""
        self.query_one(NotesEditor).border_title = "Notes" + mark

    def action_private_notes(self) -> None:
        """Open this question's private pad in place of the notes, or go back to them."""
        pad = self.query_one(PrivatePad)
        opening = not self.has_class("-private")
        self.set_class(opening, "-private")
        if opening:
            pad.focus()
        else:
            pad.save()
            self._show_private(self.live.question.id)
            self.query_one(NotesEditor).focus()

    def action_focus_notes(self) -> None:
        if self.has_class("-private"):
            self.action_private_notes()
        else:
            super().action_focus_notes()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NOTES_ONLY:
            return self._typing()
        # One escape key, labelled for where the focus is; "go to" is moot in the list.
        in_list = isinstance(self.focused, QuestionList)
        if action == "close_question_list":
            return in_list
        if action == "leave_notes":
            return self.focused is not None and not isinstance(
                self.focused, (Checklist, QuestionList)
            )
        if action == "go_to_question":
            return not in_list
        if action == "code_view":  # the code of a code-review question, full width
            return self.live.question.code is not None and not in_list
        if action == "fold":
            return not in_list
        if action in ("suggest", "toggle_llm", "mark_suggestion") and (
            self.is_mounted and not self.query("#suggestions-panel")
        ):
            return None  # shown dimmed: the panel is not there
        return True
