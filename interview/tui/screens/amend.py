"""Amend a submitted scorecard: changed scores and justification, with a required reason.

Nothing is written until the amendment is saved; it is recorded with the reason, who
made it, when, and what changed.
"""

from __future__ import annotations

import sqlite3

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from interview.domain.models import Rubric
from interview.services.live import LiveSession
from interview.storage.db import StorageError
from interview.tui import bindings
from interview.tui.safe_text import one_line
from interview.tui.screens.area_cursor import AreaCursorMixin
from interview.tui.widgets.notes import NotesEditor
from interview.tui.widgets.scoring import AreaDetail, AreaList, result_lines
from interview.tui.widgets.too_small import TooSmall, check_size


class AmendScreen(AreaCursorMixin):
    DEFAULT_CSS = """
    AmendScreen #amend-body {
        height: 1fr;
    }
    AmendScreen #areas {
        width: 34;
        height: 1fr;
    }
    AmendScreen #amend-result {
        height: auto;
        padding: 0 1;
        border-top: solid $foreground 25%;
    }
    AmendScreen #amend-side {
        width: 1fr;
    }
    AmendScreen #area-detail {
        height: 1fr;
    }
    AmendScreen #amend-justification {
        height: 6;
    }
    AmendScreen #amend-reason {
        margin-bottom: 0;
    }
    """
    HELP_TITLE = "Amend"
    BINDINGS = bindings.AMEND
    AUTO_FOCUS = ""  # nothing: the keys act on the areas until r or Tab

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self.session_id = live.id
        self.scores: dict[str, int | None] = dict(live.state.scores)

    def compose(self) -> ComposeResult:
        yield Static(id="amend-top", markup=False)
        with Horizontal(id="amend-body"):
            yield AreaList(id="areas")
            with Vertical(id="amend-side"):
                yield AreaDetail(id="area-detail")
                # The reason first: the first Tab (or r) goes to it.
                yield Input(placeholder="Reason for the amendment (required)", id="amend-reason")
                yield NotesEditor(id="amend-justification")
        yield Static(id="amend-result", markup=False)
        yield TooSmall()
        yield Footer(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        check_size(self, event.size.width, event.size.height)

    def on_mount(self) -> None:
        check_size(self, self.size.width, self.size.height)
        summary = self.live.state.summary
        keys = bindings.keys_by_id(self.app, self)
        self.query_one("#amend-top", Static).update(
            Content.assemble(
                ("Amend scorecard  ", "bold $text-warning"),
                (one_line(summary.candidate_label, 30), "bold"),
                (
                    f"  1-{self.live.rubric.top} score · j/k area · ↑↓ read · "
                    f"{keys.get('amend_reason', 'r')} reason",
                    "$text-muted",
                ),
            )
        )
        self._cursor = self._chosen(self.rubric.areas[0].id)
        editor = self.query_one("#amend-justification", NotesEditor)
        editor.border_title = "Justification"
        editor.load_text(self.live.state.justification)
        self._refresh()

    def _current(self) -> dict[str, int]:
        return {k: v for k, v in self.scores.items() if v is not None}

    def _changes(self) -> dict[str, int | None]:
        before = self.live.state.scores
        areas = set(before) | set(self.scores)
        return {a: self.scores.get(a) for a in areas if before.get(a) != self.scores.get(a)}

    def _refresh(self) -> None:
        no_evidence = set(self.live.areas_without_evidence())
        self.query_one(AreaList).show(self.live.rubric, self._current(), no_evidence)
        self._show_area()
        result = self.live.result(dict(self.scores))
        changes = self._changes()
        titles = {a.id: a.title for a in self.live.rubric.areas}
        diff = ", ".join(
            f"{titles[a]} {self.live.state.scores.get(a) or '–'}→{v or '–'}"
            for a, v in sorted(changes.items())
        )
        self.query_one("#amend-result", Static).update(
            Content.assemble(
                ("Changes: ", "bold"),
                diff or "none yet",
                "\n",
                result_lines(self.live.rubric, result, no_evidence),
            )
        )

    @property
    def rubric(self) -> Rubric:
        return self.live.rubric

    def _chosen(self, area_id: str) -> int | None:
        return self.scores.get(area_id)

    def _apply(self, area_id: str, value: int | None) -> bool:
        self.scores[area_id] = value
        return True

    def _scored_last_area(self) -> None:
        key = bindings.keys_by_id(self.app, self).get("amend_reason", "r")
        self.notify(
            f"Last area. Press {key} to give the reason, ctrl+s to save.", timeout=4, markup=False
        )

    def action_focus_reason(self) -> None:
        self.query_one("#amend-reason", Input).focus()

    @property
    def dirty(self) -> bool:
        """Something was changed that cancelling would throw away."""
        justification = self.query_one("#amend-justification", NotesEditor).text.strip()
        return bool(
            self._changes()
            or justification != self.live.state.justification.strip()
            or self.query_one("#amend-reason", Input).value.strip()
        )

    def action_save(self) -> None:
        reason_input = self.query_one("#amend-reason", Input)
        reason = reason_input.value.strip()
        justification = self.query_one("#amend-justification", NotesEditor).text.strip()
        changes = self._changes()
        changed_text = justification != self.live.state.justification.strip()
        if not changes and not changed_text:
            self.notify("Nothing changed.", timeout=3)
            return
        if not reason:
            reason_input.add_class("-invalid")
            reason_input.focus()
            self.notify("An amendment needs a reason.", severity="error", timeout=4)
            return
        if not justification:
            self.notify("The justification cannot be empty.", severity="error", timeout=4)
            return
        if not self._current():
            self.notify("Keep at least one area scored.", severity="error", timeout=4)
            return
        try:
            self.live.amend(reason, changes, justification if changed_text else None)
        except (ValueError, StorageError, sqlite3.Error, OSError) as exc:
            self.notify(f"Not amended: {exc}", severity="error", markup=False)
            return
        self.notify("Amendment recorded.", timeout=3)
        self.dismiss(True)

    def action_cancel(self) -> None:
        if not self.dirty:
            self.dismiss(False)
            return
        from interview.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(False)

        self.app.push_screen(
            ConfirmScreen(
                "Discard this amendment?",
                "The changed scores, justification and reason are not saved.",
                "Discard",
            ),
            answered,
        )
