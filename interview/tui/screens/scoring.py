"""Scoring: each rubric area 1-4 against its anchored behaviours, beside its evidence.

Reading the anchors records nothing (``↑``/``↓`` move a cursor over the levels); a
number key or Enter scores the area, is written at once, and moves to the next area.
"""

from __future__ import annotations

import sqlite3

from textual import events
from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.widgets import Footer, Static

from interview.domain.models import Rubric
from interview.services.live import LiveSession
from interview.storage.db import StorageError
from interview.storage.repository import Locked
from interview.tui import bindings
from interview.tui.navigation import go, has_screen_below
from interview.tui.safe_text import one_line
from interview.tui.screens.area_cursor import AreaCursorMixin
from interview.tui.widgets.scoring import AreaDetail, AreaList, EvidenceView, result_lines
from interview.tui.widgets.too_small import TooSmall, check_size


class ScoringScreen(AreaCursorMixin):
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
        width: 26;
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
    AUTO_FOCUS = ""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-normal")]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self.session_id = live.id

    @property
    def rubric(self) -> Rubric:
        return self.live.rubric

    def compose(self) -> ComposeResult:
        yield Static(id="scoring-top", markup=False)
        with Horizontal(id="scoring-body"):
            yield AreaList(id="areas")
            with Container(id="scoring-detail"):
                yield AreaDetail(id="area-detail")
                yield EvidenceView(id="area-evidence")
        yield Static(id="scoring-result", markup=False)
        yield TooSmall()
        yield Footer(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        check_size(self, event.size.width, event.size.height)

    def on_mount(self) -> None:
        check_size(self, self.size.width, self.size.height)
        summary = self.live.state.summary
        self.query_one("#scoring-top", Static).update(
            Content.assemble(
                ("Scoring  ", "bold"),
                (one_line(summary.candidate_label, 40), "bold"),
                (f" · {one_line(summary.role, 30)} · {summary.level}", ""),
                (f" · {self.live.rubric.title}", "$text-muted"),
            )
        )
        self._cursor = self._chosen(self.rubric.areas[0].id)
        self._refresh()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self._refresh()

    def _chosen(self, area_id: str) -> int | None:
        return self.live.state.scores.get(area_id)

    def _refresh(self) -> None:
        no_evidence = set(self.live.areas_without_evidence())
        self.query_one(AreaList).show(self.live.rubric, self.live.state.scores, no_evidence)
        self._show_area()
        result = self.live.result()
        self.query_one("#scoring-result", Static).update(
            result_lines(self.live.rubric, result, no_evidence)
        )

    def _show_area(self) -> None:
        super()._show_area()
        area = self.rubric.area(self.area_id)
        self.query_one(EvidenceView).show(area, self.live.evidence(area.id))

    def _apply(self, area_id: str, value: int | None) -> bool:
        if self.live.read_only:
            self.notify("This session is open in another window; read only here.", timeout=3)
            return False
        if self.live.locked:
            self.notify("This scorecard is submitted; amend it from the summary.", timeout=3)
            return False
        try:
            self.live.set_score(area_id, value)
        except Locked:
            self.notify("This scorecard was submitted elsewhere.", severity="warning")
            return False
        except (StorageError, sqlite3.Error, OSError) as exc:
            self.notify(f"Score not recorded: {exc}", severity="error", markup=False)
            return False
        return True

    def _scored_last_area(self) -> None:
        key = bindings.keys_by_id(self.app, self).get("summary", "s")
        missing = len(self.rubric.areas) - len(self.live.state.scores)
        left = f"{missing} area{'s' if missing != 1 else ''} not assessed · " if missing else ""
        self.notify(
            f"Last area scored. {left}Press {key} for the summary.", timeout=4, markup=False
        )

    def action_scroll_evidence(self, direction: int) -> None:
        view = self.query_one(EvidenceView)
        step = max(3, view.scrollable_content_region.height - 2)
        view.scroll_relative(y=direction * step, animate=False)

    def action_summary(self) -> None:
        go(self, "summary", self.live)

    def action_back(self) -> None:
        if has_screen_below(self):
            self.app.pop_screen()
        else:
            go(self, "interview", self.live)
