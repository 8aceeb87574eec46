"""Summary: the combined result, every warning, a required justification, then submit.

Submitting locks the scorecard; later changes go through an amendment with a reason.
The same screen shows a submitted scorecard read-only, with its amendments.
"""

from __future__ import annotations

import sqlite3
import time

from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from interview.services.live import LiveSession
from interview.storage.db import StorageError
from interview.storage.repository import Locked
from interview.tui import bindings
from interview.tui.messages import SessionChanged
from interview.tui.navigation import go, has_screen_below
from interview.tui.safe_text import one_line, printable
from interview.tui.screens.interview_saving import AUTOSAVE_TICK, MAX_WAIT
from interview.tui.widgets.checklist import is_required
from interview.tui.widgets.notes import NotesEditor
from interview.tui.widgets.scoring import ScoreSummary, result_lines
from interview.tui.widgets.session_table import local_time
from interview.tui.widgets.too_small import TooSmall, check_size

WRITE_ERRORS = (StorageError, sqlite3.Error, OSError)


class SummaryScreen(Screen[None]):
    DEFAULT_CSS = """
    SummaryScreen #summary-result {
        height: auto;
        padding: 0 1;
    }
    SummaryScreen #summary-checks {
        height: auto;
        max-height: 8;
        padding: 0 1;
        border-bottom: solid $foreground 25%;
    }
    SummaryScreen #summary-body {
        height: 1fr;
        min-height: 3;
        padding: 0 1;
    }
    SummaryScreen #justification {
        height: 8;
    }
    SummaryScreen.-short #justification {
        height: 6;
    }
    SummaryScreen #summary-state {
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SummaryScreen #amendments {
        height: auto;
        margin-top: 1;
    }
    """
    HELP_TITLE = "Summary"
    BINDINGS = bindings.SUMMARY
    AUTO_FOCUS = "#justification"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self.session_id = live.id
        self._dirty_since: float | None = None
        self._editor: NotesEditor | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="summary-top", markup=False)
        yield Static(id="summary-result", markup=False)
        yield Static(id="summary-checks", markup=False)
        with VerticalScroll(id="summary-body"):
            yield ScoreSummary(id="summary-table")
            yield Static(id="amendments", markup=False)
        yield NotesEditor(id="justification", placeholder="Why this recommendation? Required.")
        yield Static(id="summary-state", markup=False)
        yield TooSmall()
        yield Footer(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        check_size(self, event.size.width, event.size.height)

    def on_mount(self) -> None:
        check_size(self, self.size.width, self.size.height)
        editor = self._editor = self.query_one("#justification", NotesEditor)
        editor.border_title = "Justification"
        editor.load_text(self.live.state.justification)
        self.set_interval(AUTOSAVE_TICK, self._autosave_tick)
        self._refresh()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.live.state = self.live.repo.load_state(self.session_id)
            self._refresh()

    def _refresh(self) -> None:
        live = self.live
        summary = live.state.summary
        self.query_one("#summary-top", Static).update(
            Content.assemble(
                ("Summary  ", "bold"),
                (one_line(summary.candidate_label, 40), "bold"),
                (f" · {one_line(summary.role, 30)} · {summary.level}", ""),
                (f" · interviewer {one_line(summary.interviewer, 30)}", "$text-muted"),
            )
        )
        no_evidence = set(live.areas_without_evidence())
        result = live.result()
        self.query_one("#summary-result", Static).update(
            result_lines(live.rubric, result, no_evidence)
        )
        # An area scored without evidence is already named under the result: once is enough.
        unscored = no_evidence - set(result.assessed)
        self.query_one("#summary-checks", Static).update(review_checks(live, unscored))
        evidence = {area.id: live.evidence(area.id) for area in live.rubric.areas}
        self.query_one(ScoreSummary).show(live.rubric, live.state.scores, result, evidence)
        editor = self.query_one("#justification", NotesEditor)
        editor.read_only = live.locked
        editor.border_subtitle = "locked" if live.locked else "required · autosaved"
        state = self.query_one("#summary-state", Static)
        keys = bindings.keys_by_id(self.app, self)
        if live.locked:
            revision = f" · amended {summary.revision}×" if summary.revision else ""
            state.update(
                Content.assemble(
                    ("Submitted ", "bold $text-success"),
                    (f"{local_time(summary.submitted_at)}{revision} · locked; ", ""),
                    (keys.get("amend", "a"), "bold $text-accent"),
                    (" amends it, ", "$text-muted"),
                    (keys.get("review_questions", "v"), "bold $text-accent"),
                    (" reviews the notes", "$text-muted"),
                )
            )
        else:
            state.update(
                Content.assemble(
                    (keys.get("submit", "^s"), "bold $text-accent"),
                    (" submits and locks the scorecard · ", "$text-muted"),
                    (keys.get("back_to_scoring", "esc"), "bold $text-accent"),
                    (" back to scoring", "$text-muted"),
                )
            )
        self._show_amendments()
        self.refresh_bindings()

    def _show_amendments(self) -> None:
        box = self.query_one("#amendments", Static)
        rows = self.live.repo.amendments(self.session_id) if self.live.locked else []
        box.display = bool(rows)
        if not rows:
            return
        parts: list[str | tuple[str, str]] = [("Amendments", "bold")]
        for row in rows:
            changes = row["changes"].get("scores", {})
            changed = ", ".join(
                f"{a} {old or '–'}→{new or '–'}" for a, (old, new) in changes.items()
            )
            if "justification" in row["changes"]:
                changed = ", ".join(filter(None, [changed, "justification"]))
            parts += [
                "\n",
                (f"{local_time(row['at'])} ", "$text-muted"),
                (f"{one_line(row['actor'], 30)}: ", ""),
                printable(row["reason"]),
                (f"  ({changed or 'no score change'})", "$text-muted"),
            ]
        box.update(Content.assemble(*parts))

    # ------------------------------------------------------------ justification

    @on(TextArea.Changed, "#justification")
    def _changed(self) -> None:
        if self.live.locked:
            return
        text = self.query_one("#justification", NotesEditor).text
        if text != self.live.state.justification and self._dirty_since is None:
            self._dirty_since = time.monotonic()  # the first unsaved keystroke

    def _autosave_tick(self) -> None:
        # As the notes: handed to the writer MAX_WAIT after the first unsaved keystroke,
        # also while typing goes on, so a hard kill takes at most a moment of it.
        if self._dirty_since is not None and time.monotonic() - self._dirty_since >= MAX_WAIT:
            self.save_now()

    def save_now(self, timeout: float = 5.0) -> bool:
        if self.live.locked or self._dirty_since is None:
            return True
        try:
            text = self._editor.text if self._editor else ""
            self.live.set_justification(text)
        except (Locked, *WRITE_ERRORS):
            return False
        except Exception:
            return False
        self._dirty_since = None
        return True

    def on_screen_suspend(self) -> None:
        self.save_now()

    def on_unmount(self) -> None:
        self.save_now()

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit":
            return not self.live.locked
        if action == "amend":
            return self.live.locked
        return True

    def action_submit(self) -> None:
        from interview.tui.screens.confirm import ConfirmScreen

        if self.live.locked:
            return
        editor = self.query_one("#justification", NotesEditor)
        justification = editor.text.strip()
        if not self.live.state.scores:
            self.notify("Score at least one area before submitting.", severity="error", timeout=4)
            return
        if not justification:
            editor.add_class("-invalid")
            editor.focus()
            self.notify("Write a justification before submitting.", severity="error", timeout=4)
            return
        editor.remove_class("-invalid")
        self.save_now()
        result = self.live.result()
        rec = result.recommendation.label if result.recommendation else "no recommendation"
        score = f"{result.weighted:.1f}" if result.weighted is not None else "–"
        flags = sum(
            1
            for _, q in self.live.items
            for sig in q.junior_signals
            if sig.red_flag and sig.id in self.live.observed(q.id)
        )
        flagged = f"⚑ {flags} red flag{'s' if flags != 1 else ''} ticked. " if flags else ""
        message = (
            f"Submit {score} / 100 → {rec}?\n{flagged}"
            "The scorecard is locked afterwards; changes need an amendment with a reason."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._submit(justification)

        self.app.push_screen(ConfirmScreen("Submit scorecard", message, "Submit"), answered)

    def _submit(self, justification: str) -> None:
        try:
            self.live.submit(justification)
        except Locked:
            self.live.state = self.live.repo.load_state(self.session_id)
            self.notify("Already submitted elsewhere.", severity="warning")
        except (ValueError, *WRITE_ERRORS) as exc:
            self.notify(f"Not submitted: {exc}", severity="error", markup=False)
            return
        else:
            self.notify("Submitted and locked.", timeout=3)
        self._dirty_since = None
        self.app.post_message(SessionChanged(self.session_id))
        self._refresh()
        self.set_focus(None)

    def action_amend(self) -> None:
        from interview.tui.screens.amend import AmendScreen

        if not self.live.locked:
            return

        def done(amended: bool | None) -> None:
            if amended:
                self._refresh()

        self.app.push_screen(AmendScreen(self.live), done)

    def action_session_summary(self) -> None:
        """The written summary for the report (LLM-drafted on request); not the scorecard."""
        from interview.tui.screens.summary_draft import SummaryDraftScreen

        self.save_now()
        # Opens the editor: an LLM draft only starts when asked for there (ctrl+g again).
        self.app.push_screen(SummaryDraftScreen(self.live, draft_now=False))

    def action_report(self) -> None:
        go(self, "report", self.session_id)

    def action_review(self) -> None:
        go(self, "interview", self.live)

    def action_back(self) -> None:
        if has_screen_below(self):
            self.app.pop_screen()


def review_checks(live: LiveSession, no_evidence: set[str]) -> Content:
    """What to see again before submitting: red flags, areas with no evidence, probes
    the plan requires that were not asked."""
    titles = {a.id: a.title for a in live.rubric.areas}
    parts: list[str | tuple[str, str]] = []
    flags = []
    missing = []
    for _, question in live.items:
        observed = live.observed(question.id)
        asked = live.asked_follow_ups(question.id)
        flags += [
            (question.title, s.text)
            for s in question.junior_signals
            if s.red_flag and s.id in observed
        ]
        missing += [
            (question.title, p.text)
            for p in question.follow_ups
            if is_required(p) and p.id not in asked
        ]

    def line(head: str, style: str, items: list[str]) -> None:
        if parts:
            parts.append("\n")
        parts.append((head, style))
        parts.append("; ".join(items))

    if flags:
        line(
            f"⚑ Red flags ticked ({len(flags)}): ",
            "bold $text-error",
            [f"{one_line(q, 30)}: {one_line(t, 70)}" for q, t in flags],
        )
    else:
        line("⚑ Red flags ticked: ", "bold", ["none"])
    if no_evidence:
        line(
            "⚠ No evidence: ",
            "bold $text-warning",
            [titles[a] for a in live.rubric.area_ids if a in no_evidence],
        )
    if missing:
        line(
            f"* Required probes not asked ({len(missing)}): ",
            "bold $text-warning",
            [f"{one_line(q, 30)}: {one_line(t, 60)}" for q, t in missing],
        )
    return Content.assemble(*parts)
