"""The live interview: one question at a time, signals, probes, notes and clocks.

Nothing the interviewer does waits for the disk: signals and probes are one short
write each; notes go to an ``AutosaveWriter`` within a second of the last keystroke
(and at once on every question change), along with both clocks, so a killed process
resumes at the same question with the same notes and time.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from interview.domain.models import SignalKind
from interview.services.live import AutosaveWriter, LiveSession, NotesJob
from interview.storage.db import StorageError
from interview.storage.repository import Locked
from interview.tui import bindings
from interview.tui.messages import AutosaveFailed, NotesSaved, QuestionChanged
from interview.tui.safe_text import one_line
from interview.tui.widgets.checklist import JUNIOR, PROBE, SENIOR, Checklist
from interview.tui.widgets.clocks import ClockBar, Stopwatch
from interview.tui.widgets.notes import NotesEditor
from interview.tui.widgets.question_list import QuestionList
from interview.tui.widgets.question_view import QuestionView

if TYPE_CHECKING:
    from interview.services.container import Services
    from interview.tui.app import InterviewApp

# Notes are written once typing pauses this long, and never later than MAX_WAIT after
# the first unsaved keystroke (continuous typing still reaches the disk every second).
DEBOUNCE = 0.5
MAX_WAIT = 0.9
CHECKPOINT_SECONDS = 5  # clocks are written this often while they run
WRITE_ERRORS = (StorageError, sqlite3.Error, OSError)
# Ctrl keys that act only while the notes editor has focus (and show in the footer then).
NOTES_ONLY = ("notes_next", "notes_previous", "notes_go_to", "save_now")


class InterviewScreen(Screen[None]):
    DEFAULT_CSS = """
    InterviewScreen #interview-top {
        height: 1;
        background: $boost;
    }
    InterviewScreen #interview-title {
        width: 1fr;
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    InterviewScreen #interview-status-bar {
        height: 1;
    }
    InterviewScreen #interview-status {
        width: 1fr;
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    InterviewScreen #notes-state {
        width: 24;
        height: 1;
        padding: 0 1;
    }
    InterviewScreen #interview-body {
        height: 1fr;
    }
    InterviewScreen #sidebar {
        width: 32;
        height: 1fr;
    }
    InterviewScreen #qlist {
        height: 1fr;
    }
    InterviewScreen #key-hint {
        height: auto;
        padding: 0 1;
    }
    InterviewScreen.-short #key-hint {
        display: none;
    }
    InterviewScreen #interview-main {
        width: 1fr;
    }
    InterviewScreen #interview-upper {
        height: 1fr;
    }
    InterviewScreen #question {
        width: 1fr;
    }
    InterviewScreen #interview-side {
        width: 1fr;
    }
    InterviewScreen #checklist {
        height: 1fr;
    }
    InterviewScreen #suggestions {
        height: auto;
        max-height: 40%;
    }
    InterviewScreen #notes {
        height: 8;
    }

    /* Narrow terminals: the question list comes and goes (g jumps, l toggles). */
    InterviewScreen.-narrow #sidebar {
        display: none;
    }
    InterviewScreen.-narrow.-show-list #sidebar {
        display: block;
        width: 30;
    }
    InterviewScreen.-hide-list #sidebar {
        display: none;
    }
    InterviewScreen.-short #notes {
        height: 7;
    }
    InterviewScreen.-tall #notes {
        height: 30%;
        max-height: 20;
    }
    InterviewScreen.-wide #sidebar {
        width: 40;
    }
    InterviewScreen.-wide #question {
        width: 3fr;
    }
    InterviewScreen.-wide #interview-side {
        width: 2fr;
    }

    /* Short terminals: suggestions appear when asked for (f) and go with the question. */
    InterviewScreen.-short #suggestions {
        display: none;
    }
    InterviewScreen.-short.-show-suggestions #suggestions {
        display: block;
    }
    """
    HELP_TITLE = "Interview"
    BINDINGS = bindings.INTERVIEW
    AUTO_FOCUS = "#checklist"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-normal"), (170, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self.session_id = live.id
        self._editor_qid = live.question.id
        self._notes: dict[str, str] = {}  # the text on screen per question: the authority
        self._queued: dict[str, str] = {}  # the last text handed to the writer per question
        self._first_dirty: float | None = None
        self._last_edit = 0.0
        self._user_paused = False
        self._suspended = True
        self._ticks = 0
        self._checkpointed = (-1.0, -1.0)
        self._temporary_list = False
        self._keys: dict[str, Sequence[str]] = {}
        self._writer: AutosaveWriter | None = None
        self._editor: NotesEditor | None = None
        self._session_clock: Stopwatch | None = None
        self._question_clock: Stopwatch | None = None
        self._last_action = ""

    @property
    def services(self) -> Services:
        return cast("InterviewApp", self.app).services

    @property
    def locked(self) -> bool:
        return self.live.locked

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="interview-top"):
            yield Static(id="interview-title", markup=False)
            yield ClockBar(id="clocks")
        with Horizontal(id="interview-status-bar"):
            yield Static(id="interview-status", markup=False)
            yield Static(id="notes-state", markup=False)
        with Horizontal(id="interview-body"):
            with Vertical(id="sidebar"):
                yield QuestionList(id="qlist")
                yield Static(id="key-hint")
            with Vertical(id="interview-main"):
                with Horizontal(id="interview-upper"):
                    yield QuestionView(id="question")
                    with Vertical(id="interview-side"):
                        yield Checklist(id="checklist")
                        yield Vertical(id="suggestions")
                yield NotesEditor(id="notes", placeholder="Notes for this question…")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        services = self.services
        mono = services.monotonic
        self._session_clock = Stopwatch(mono, self.live.state.elapsed_seconds)
        self._question_clock = Stopwatch(mono, self.live.question_elapsed(self._editor_qid))
        self._writer = AutosaveWriter(
            services.repo,
            services.db_path,
            on_saved=self._saved_from_writer,
            on_error=self._failed_from_writer,
        )
        ids = bindings.keys_by_id(self.app, self)
        self._keys = {
            SENIOR: [ids.get(f"senior_signal_{i + 1}", "") for i in range(9)],
            JUNIOR: [ids.get(f"junior_signal_{i + 1}", "") for i in range(7)],
            PROBE: [ids.get(f"probe_{i + 1}", "") for i in range(5)],
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
        self._mount_suggestions()
        self._show_question(initial=True)
        self.set_interval(0.25, self._autosave_tick, name="autosave")
        self.set_interval(1.0, self._clock_tick, name="clocks")

    def _mount_suggestions(self) -> None:
        try:
            from interview.tui.widgets.suggestions import SuggestionsPanel
        except ModuleNotFoundError as exc:
            if exc.name != "interview.tui.widgets.suggestions":
                raise
            return
        if self.locked:
            return
        panel = SuggestionsPanel(self.live, notes=self._current_text, id="suggestions-panel")
        self.query_one("#suggestions", Vertical).mount(panel)

    def _suggestions(self) -> Any | None:
        found = self.query("#suggestions-panel")
        return found.first() if found else None

    # ------------------------------------------------------------ rendering

    def _current_text(self) -> str:
        return self.query_one(NotesEditor).text

    def _show_question(self, initial: bool = False) -> None:
        live = self.live
        question = live.question
        self.query_one(QuestionView).show(
            question, live.index, len(live.items), live.items[live.index][0].minutes
        )
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
        self._show_key_hint()
        self._set_notes_state("saved" if live.notes(question.id) else "")
        message = QuestionChanged(self.session_id, live.index, question.id)
        panel = self._suggestions()
        if panel is not None:
            if not initial and hasattr(panel, "question_changed"):
                panel.question_changed()
            panel.post_message(message)

    def _show_checklist(self) -> None:
        qid = self.live.question.id
        self.query_one(Checklist).show(
            self.live.question,
            self.live.observed(qid),
            self.live.asked_follow_ups(qid),
            self._keys,
            locked=self.locked,
        )

    def _refresh_list(self) -> None:
        self.query_one(QuestionList).show(self.live, self._question_elapsed())

    def _show_key_hint(self) -> None:
        """The single keys for this question's rows, as remapped, under the question list."""
        question = self.live.question
        keys = bindings.keys_by_id(self.app, self)

        def span(kind: str, count: int) -> str:
            used = [k for k in self._keys.get(kind, ())[:count] if k]
            if not used:
                return "–"
            return used[0] if len(used) == 1 else f"{used[0]}–{used[-1]}"

        rows = [
            (span(SENIOR, len(question.senior_signals)), "senior signal"),
            (span(JUNIOR, len(question.junior_signals)), "junior / red flag"),
            (span(PROBE, len(question.follow_ups)), "probe asked"),
            (f"{keys.get('focus_notes', 'i')} esc", "notes in / out"),
            (keys.get("suggest_followups", "f"), "suggest probes"),
            (keys.get("pause_clock", "space"), "pause clocks"),
            ("?", "all keys"),
        ]
        parts: list[str | tuple[str, str]] = []
        for key, what in rows:
            if parts:
                parts.append("\n")
            parts.append((f"{key:>7} ", "bold $text-accent"))
            parts.append((what, "$text-muted"))
        self.query_one("#key-hint", Static).update(Content.assemble(*parts))

    def _session_elapsed(self) -> float:
        return self._session_clock.elapsed if self._session_clock else 0.0

    def _question_elapsed(self) -> float:
        return self._question_clock.elapsed if self._question_clock else 0.0

    @property
    def paused(self) -> bool:
        return self._user_paused

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
        parts: list[str | tuple[str, str]] = []
        if self._user_paused:
            parts.append((" clocks paused ", "bold reverse $text-warning"))
            parts.append(" ")
        if self.locked:
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

    # ------------------------------------------------------------ clocks and autosave

    def _clock_tick(self) -> None:
        if self._suspended:
            return
        self._ticks += 1
        self._refresh_clocks()
        if self._ticks % 15 == 0:
            self._refresh_list()
        if self._ticks % CHECKPOINT_SECONDS == 0 and not self.locked:
            now = (self._question_elapsed(), self._session_elapsed())
            if abs(now[1] - self._checkpointed[1]) >= 1:
                self._save(force=True)

    def _autosave_tick(self) -> None:
        if self._first_dirty is None:
            return
        now = time.monotonic()
        if now - self._last_edit >= DEBOUNCE or now - self._first_dirty >= MAX_WAIT:
            self._save()

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        qid = self._editor_qid
        if self._notes.get(qid) == text:
            return  # a question change loaded this text; nothing was typed
        self._notes[qid] = text
        self._last_edit = time.monotonic()
        if self._first_dirty is None:
            self._first_dirty = self._last_edit
            self._set_notes_state("editing…")

    def _save(self, *, force: bool = False) -> None:
        """Hand the current question's notes and both clocks to the writer."""
        if self.locked or self._writer is None:
            return
        qid = self._editor_qid
        # Read the editor itself: the Changed event of the last keystroke may still be queued.
        # (Held by reference: on shutdown it may already be detached from the screen.)
        text = self._editor.text if self._editor is not None else self._notes.get(qid, "")
        self._notes[qid] = text
        if not force and self._queued.get(qid) == text:
            self._first_dirty = None
            return
        job = NotesJob(
            self.session_id,
            qid,
            self.live.position_of(qid),
            text,
            self._question_elapsed(),
            self._session_elapsed(),
        )
        self._first_dirty = None
        self._queued[qid] = text
        self._checkpointed = (job.question_elapsed, job.session_elapsed)
        self.live.remember_notes(qid, text, job.question_elapsed, job.session_elapsed)
        try:
            self._writer.submit(job)
        except WRITE_ERRORS as exc:
            self._failed(str(exc))

    # The writer calls these from its own thread; post_message is thread-safe and never
    # waits for the UI, so a busy (or crashing) UI cannot stall a write.
    def _saved_from_writer(self, job: NotesJob) -> None:
        self.post_message(NotesSaved(job.question_id, job.notes))

    def _failed_from_writer(self, error: Exception) -> None:
        self.post_message(AutosaveFailed(str(error)))

    def on_autosave_failed(self, message: AutosaveFailed) -> None:
        self._failed(message.reason)

    def on_notes_saved(self, message: NotesSaved) -> None:
        if message.question_id == self._editor_qid and self._first_dirty is None:
            stamp = datetime.now().strftime("%H:%M:%S")
            self._set_notes_state(f"saved {stamp}")

    def _failed(self, reason: str) -> None:
        self._set_notes_state("not saved yet · retrying")
        self.notify(
            f"Notes not saved yet ({reason}); they stay on screen and are retried.",
            severity="warning",
            timeout=4,
            markup=False,
        )

    def save_now(self, timeout: float = 5.0) -> bool:
        """Write everything this screen holds (used on quit and after a crash)."""
        if self._writer is None:
            return True
        queued = True
        if not self.locked:
            try:
                self._save(force=True)
            except Exception:  # widgets already gone (shutting down): flush what is queued
                queued = False
        return self._writer.flush(timeout) and queued

    def on_screen_suspend(self) -> None:
        self._save(force=True)
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

    def on_unmount(self) -> None:
        if self._writer is not None:
            self.save_now()
            self._writer.close()

    def _start_clocks(self) -> None:
        if self._session_clock and self._question_clock:
            self._session_clock.start()
            self._question_clock.start()

    def _stop_clocks(self) -> None:
        if self._session_clock and self._question_clock:
            self._session_clock.stop()
            self._question_clock.stop()

    # ------------------------------------------------------------ navigation

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
            self.notify(f"That was the last question. Press {key} to score.", timeout=3)
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
        step = max(3, view.scrollable_content_region.height - 2)
        view.scroll_relative(y=direction * step, animate=False)

    def action_pause(self) -> None:
        self._user_paused = not self._user_paused
        if self._user_paused:
            self._stop_clocks()
            self._save(force=True)
        elif not self._suspended:
            self._start_clocks()
        kind = "clock_paused" if self._user_paused else "clock_resumed"
        # If this fails the timeline misses one entry; the clocks themselves are saved.
        with contextlib.suppress(*WRITE_ERRORS):
            self.services.repo.log_event(self.session_id, kind, {}, actor=self.live.actor)
        self._refresh_clocks()

    def action_save_now(self) -> None:
        self._save(force=True)

    def action_score(self) -> None:
        from interview.tui.screens.scoring import ScoringScreen

        self._save(force=True)
        self.app.push_screen(ScoringScreen(self.live))

    # ------------------------------------------------------------ signals and probes

    def _refuse_if_locked(self) -> bool:
        if self.locked:
            self.notify("This scorecard is submitted; amend it from the summary.", timeout=3)
            return True
        return False

    def action_toggle_signal(self, kind: str, index: int) -> None:
        if self._refuse_if_locked():
            return
        question = self.live.question
        signals = question.signals(SignalKind(kind))
        if not 0 <= index < len(signals):
            self.app.bell()
            return
        signal = signals[index]
        try:
            on_now = self.live.toggle_signal(question.id, signal.id)
        except Locked:
            self._locked_elsewhere()
            return
        except WRITE_ERRORS as exc:
            self.notify(f"Not recorded: {exc}", severity="error", markup=False)
            return
        label = "Senior" if kind == SENIOR else "Junior"
        mark = "✓" if on_now else "✗ cleared"
        self._note_action(f"{mark} {label} {index + 1}: {one_line(signal.text, 48)}")
        self._show_checklist()
        self._refresh_list()
        self._evidence_changed()

    def action_toggle_probe(self, index: int) -> None:
        if self._refuse_if_locked():
            return
        question = self.live.question
        if not 0 <= index < len(question.follow_ups):
            self.app.bell()
            return
        probe = question.follow_ups[index]
        try:
            asked = self.live.toggle_follow_up(question.id, probe)
        except Locked:
            self._locked_elsewhere()
            return
        except WRITE_ERRORS as exc:
            self.notify(f"Not recorded: {exc}", severity="error", markup=False)
            return
        mark = "✓ asked" if asked else "✗ not asked"
        self._note_action(f"{mark}: {one_line(probe.text, 48)}")
        self._show_checklist()
        self._refresh_list()
        self._evidence_changed()

    def _evidence_changed(self) -> None:
        """The suggestions panel re-ranks its probes when a signal or probe is ticked."""
        panel = self._suggestions()
        if panel is not None and hasattr(panel, "evidence_changed"):
            panel.evidence_changed()

    def _note_action(self, text: str) -> None:
        self._last_action = text
        self._refresh_clocks()

    def _locked_elsewhere(self) -> None:
        self.live.state = self.services.repo.load_state(self.session_id)
        self.query_one(NotesEditor).read_only = True
        self._show_checklist()
        self.notify("This scorecard was submitted elsewhere; it is read only now.", timeout=5)

    @on(Checklist.Toggled)
    def _row_toggled(self, event: Checklist.Toggled) -> None:
        if event.kind == PROBE:
            self.action_toggle_probe(event.index)
        else:
            self.action_toggle_signal(event.kind, event.index)

    # ------------------------------------------------------------ suggestions panel

    def action_suggest(self) -> None:
        panel = self._suggestions()
        if panel is None:
            self.notify("Follow-up suggestions are not available.", timeout=3)
            return
        self.add_class("-show-suggestions")
        panel.action_suggest()

    def action_toggle_llm(self) -> None:
        panel = self._suggestions()
        if panel is not None and hasattr(panel, "action_toggle_llm"):
            panel.action_toggle_llm()

    def _typing(self) -> bool:
        return isinstance(self.focused, NotesEditor)

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
        if (
            action in ("suggest", "toggle_llm")
            and self.is_mounted
            and not self.query("#suggestions-panel")
        ):
            return None  # shown dimmed: the panel is not there
        return True

    def action_notes_next(self) -> None:
        self.action_next_question()

    def action_notes_previous(self) -> None:
        self.action_previous_question()

    def action_notes_go_to(self) -> None:
        self.action_go_to_question()

    # ------------------------------------------------------------ command palette

    def palette_commands(self) -> Iterable[SystemCommand]:
        question = self.live.question
        for i, (_, q) in enumerate(self.live.items):
            yield SystemCommand(
                f"Go to question {i + 1}: {one_line(q.title)}",
                "Jump to this question",
                _call(self.goto, i),
            )
        for kind in (SignalKind.SENIOR, SignalKind.JUNIOR):
            for i, signal in enumerate(question.signals(kind)):
                yield SystemCommand(
                    f"{'Senior' if kind is SignalKind.SENIOR else 'Junior'} signal: "
                    f"{one_line(signal.text, 70)}",
                    "Tick or clear this signal",
                    _call(self.action_toggle_signal, str(kind), i),
                )
        for i, probe in enumerate(question.follow_ups):
            yield SystemCommand(
                f"Probe asked: {one_line(probe.text, 70)}",
                "Mark this follow-up probe as asked (or not)",
                _call(self.action_toggle_probe, i),
            )


def _call(function: Callable[..., None], *args: Any) -> Callable[[], None]:
    def run() -> None:
        function(*args)

    return run
