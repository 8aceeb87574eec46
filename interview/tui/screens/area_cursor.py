"""Reading anchors without scoring, shared by scoring and amending.

``j``/``k`` move between areas, ``↑``/``↓`` move a cursor over the four levels of the
highlighted area (nothing is recorded while reading); a number key, or Enter on the
cursor's level, scores the area and moves on to the next one.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.screen import Screen
from textual.widgets import OptionList

from interview.domain.models import Rubric
from interview.tui.widgets.scoring import AreaDetail, AreaList


class AreaCursorMixin(Screen[Any]):
    _cursor: int | None = None

    @property
    def rubric(self) -> Rubric:
        raise NotImplementedError

    def _chosen(self, area_id: str) -> int | None:
        raise NotImplementedError

    def _apply(self, area_id: str, value: int | None) -> bool:
        """Record the score; False when it was refused (the cursor then stays)."""
        raise NotImplementedError

    def _refresh(self) -> None:
        raise NotImplementedError

    @property
    def area_id(self) -> str:
        option = self.query_one(AreaList).highlighted_option
        return option.id if option is not None and option.id else self.rubric.areas[0].id

    def _show_area(self) -> None:
        area = self.rubric.area(self.area_id)
        self.query_one(AreaDetail).show(area, self._chosen(area.id), self._cursor)

    @on(OptionList.OptionHighlighted, "#areas")
    def _area_moved(self) -> None:
        self._cursor = self._chosen(self.area_id)
        self._show_area()

    def action_move(self, step: int) -> None:
        areas = self.query_one(AreaList)
        current = areas.highlighted or 0
        areas.highlighted = max(0, min(areas.option_count - 1, current + step))

    def action_browse(self, step: int) -> None:
        """Move the reading cursor over the levels: nothing is recorded."""
        start = self._cursor or (0 if step > 0 else 5)
        self._cursor = max(1, min(4, start + step))
        self._show_area()

    def action_commit(self) -> None:
        if self._cursor is None:
            self.notify("↑↓ picks a level to read; 1-4 or Enter scores it.", timeout=3)
            return
        self.action_set_score(self._cursor)

    def action_set_score(self, value: int) -> None:
        areas = self.query_one(AreaList)
        top = self.rubric.area(self.area_id).top  # keys 5-7 serve rubrics with more levels
        if value > top:
            self.notify(f"This area is scored 1-{top}.", timeout=3, markup=False)
            return
        if not self._apply(self.area_id, value or None):
            return
        self._cursor = value or None
        self._refresh()
        last = (areas.highlighted or 0) >= areas.option_count - 1
        if not last:
            self.action_move(1)
        else:
            self._scored_last_area()

    def _scored_last_area(self) -> None:
        """The last area was scored: the screen says what comes next."""
