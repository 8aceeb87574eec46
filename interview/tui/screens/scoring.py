"""Scoring: each rubric area 1-4 against its anchored behaviours, beside its evidence.

Scores are written the moment they are chosen.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from interview.services.live import LiveSession
from interview.storage.db import StorageError
from interview.storage.repository import Locked
from interview.tui import bindings
from interview.tui.safe_text import one_line
from interview.tui.widgets.scoring import AreaDetail, AreaList, EvidenceView, result_lines

if TYPE_CHECKING:
    from interview.tui.app import InterviewApp


class ScoringScreen(Screen[None]):
    DEFAULT_CSS = """
    ScoringScreen #scoring-body {
        height: 1fr;
    }
    ScoringScreen #areas {
        width: 34;
        height: 1fr;
    }
    ScoringScreen #scoring-detail {
        width: 1fr;
        layout: horizontal;
    }
    ScoringScreen #area-detail {
        width: 3fr;
    }
    ScoringScreen #area-evidence {
        width: 2fr;
    }
    ScoringScreen.-narrow #areas {
        width: 28;
    }
    ScoringScreen.-narrow #scoring-detail {
        layout: vertical;
    }
    ScoringScreen.-narrow #area-detail {
        width: 1fr;
        height: 3fr;
    }
    ScoringScreen.-narrow #area-evidence {
        width: 1fr;
        height: 2fr;
    }
    ScoringScreen #scoring-result {
        height: auto;
        padding: 0 1;
        border-top: solid $foreground 25%;
    }
    """
    HELP_TITLE = "Scoring"
    BINDINGS = bindings.SCORING
    AUTO_FOCUS = "AreaList"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-normal")]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self.session_id = live.id

    def compose(self) -> ComposeResult:
        yield Static(id="scoring-top", markup=False)
        with Horizontal(id="scoring-body"):
            yield AreaList(id="areas")
            with Container(id="scoring-detail"):
                yield AreaDetail(id="area-detail")
                yield EvidenceView(id="area-evidence")
        yield Static(id="scoring-result", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        summary = self.live.state.summary
        self.query_one("#scoring-top", Static).update(
            Content.assemble(
                ("Scoring  ", "bold"),
                (one_line(summary.candidate_label, 40), "bold"),
                (f" · {one_line(summary.role, 30)} · {summary.level}", ""),
                (f" · {self.live.rubric.title}", "$text-muted"),
            )
        )
        self._refresh()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self._refresh()

    @property
    def area_id(self) -> str:
        areas = self.query_one(AreaList)
        option = areas.highlighted_option
        return option.id if option is not None and option.id else self.live.rubric.areas[0].id

    def _no_evidence(self) -> set[str]:
        return set(self.live.areas_without_evidence())

    def _refresh(self) -> None:
        no_evidence = self._no_evidence()
        self.query_one(AreaList).show(self.live.rubric, self.live.state.scores, no_evidence)
        self._show_area()
        result = self.live.result()
        self.query_one("#scoring-result", Static).update(
            result_lines(self.live.rubric, result, no_evidence)
        )

    def _show_area(self) -> None:
        area = self.live.rubric.area(self.area_id)
        self.query_one(AreaDetail).show(area, self.live.state.scores.get(area.id))
        self.query_one(EvidenceView).show(area, self.live.evidence(area.id))

    @on(OptionList.OptionHighlighted, "#areas")
    def _area_moved(self) -> None:
        self._show_area()

    @on(OptionList.OptionSelected, "#areas")
    def _area_done(self) -> None:
        self.action_move(1)

    def action_set_score(self, value: int) -> None:
        if self.live.locked:
            self.notify("This scorecard is submitted; amend it from the summary.", timeout=3)
            return
        area_id = self.area_id
        try:
            self.live.set_score(area_id, value or None)
        except Locked:
            self.notify("This scorecard was submitted elsewhere.", severity="warning")
            return
        except (StorageError, sqlite3.Error, OSError) as exc:
            self.notify(f"Score not recorded: {exc}", severity="error", markup=False)
            return
        self._refresh()

    def action_move(self, step: int) -> None:
        areas = self.query_one(AreaList)
        current = areas.highlighted or 0
        areas.highlighted = max(0, min(areas.option_count - 1, current + step))

    def action_scroll_evidence(self, direction: int) -> None:
        view = self.query_one(EvidenceView)
        step = max(3, view.scrollable_content_region.height - 2)
        view.scroll_relative(y=direction * step, animate=False)

    def action_summary(self) -> None:
        from interview.tui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.live))

    def action_back(self) -> None:
        app = cast("InterviewApp", self.app)
        if len(app.screen_stack) > 2:
            app.pop_screen()
        else:
            app.open_interview(self.live)
