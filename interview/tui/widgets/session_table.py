"""Past and current sessions, newest first, loaded a page at a time.

Drawn a line at a time (Textual's Line API): only the rows in view are turned into
segments, straight from each session's already formatted cells, so the home screen's
first frame costs a few milliseconds instead of a table model laid out through Rich.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from interview.domain.records import SessionSummary
from interview.tui.widgets.session_columns import (
    Layout,
    Run,
    fit,
    local_time,
    recommendation_label,
)

BOLD = Style(bold=True)
__all__ = ["SessionTable", "local_time", "recommendation_label"]


class SessionTable(ScrollView, can_focus=True):
    """Columns are chosen by importance to fit the width: no sideways scrolling.

    Looks and moves like a row-cursor ``DataTable`` with zebra stripes: a fixed header,
    ↑/↓, page up/down, home/end, the mouse wheel, a click to highlight and a click on the
    highlighted row (or Enter, bound by the screen) to open it.
    """

    DEFAULT_CSS = """
    SessionTable {
        height: 1fr;
        border: round $foreground 25%;
        border-title-color: $text-muted;
        background: $surface;
        color: $foreground;
        width: 1fr;
        overflow-x: hidden;
    }
    SessionTable:focus {
        border: round $accent;
        background-tint: $foreground 5%;
    }
    SessionTable > .session-table--header {
        text-style: bold;
        background: $panel;
        color: $foreground;
    }
    SessionTable:focus > .session-table--header {
        background-tint: $foreground 5%;
    }
    SessionTable:ansi > .session-table--header {
        background: ansi_bright_blue;
        color: ansi_default;
    }
    SessionTable > .session-table--even-row {
        background: $surface-lighten-1 50%;
    }
    SessionTable:dark > .session-table--even-row {
        background: $surface-darken-1 40%;
    }
    SessionTable > .session-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    SessionTable:focus > .session-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    SessionTable > .session-table--hover {
        background: $block-hover-background;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "session-table--header",
        "session-table--even-row",
        "session-table--cursor",
        "session-table--hover",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first_row", "First", show=False),
        Binding("end,ctrl+end", "last_row", "Last", show=False),
    ]

    cursor_row: reactive[int] = reactive(0)

    class Highlighted(Message):
        """The cursor moved to ``row``."""

        def __init__(self, table: SessionTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = row

        @property
        def control(self) -> SessionTable:
            return self.table

    class Selected(Message):
        """A click on the highlighted row: open ``summary``."""

        def __init__(self, table: SessionTable, summary: SessionSummary) -> None:
            super().__init__()
            self.table = table
            self.summary = summary

        @property
        def control(self) -> SessionTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.summaries: dict[str, SessionSummary] = {}
        self._rows: list[SessionSummary] = []
        self.columns = Layout((), (), date_only=False)
        self._fitted_to = -1
        self._cells: dict[str, list[Run]] = {}
        self._hover: int | None = None
        self._base = Style()
        self.border_title = "Sessions · newest interview first"

    # ------------------------------------------------------------ columns

    def _fit_columns(self) -> Layout:
        """The columns for the width in view (chosen again only when it changes)."""
        # Room for a scrollbar even before there is one, so that loading more rows
        # never changes the columns.
        width = self.scrollable_content_region.width - 2
        if width != self._fitted_to:
            self._fitted_to = width
            layout = fit(width)
            if layout != self.columns:
                self.columns = layout
                self._cells.clear()
        return self.columns

    @property
    def shown(self) -> tuple[str, ...]:
        return self.columns.keys

    def _row_cells(self, s: SessionSummary) -> list[Run]:
        cells = self._cells.get(s.id)
        if cells is None:
            cells = self._cells[s.id] = self.columns.row(s)
        return cells

    # ------------------------------------------------------------ rows

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def replace(self, sessions: list[SessionSummary]) -> None:
        """New rows; the cursor stays on the same session when it is still listed."""
        before = self.selected
        self.summaries.clear()
        self._rows.clear()
        self._cells.clear()
        self._add(sessions)
        row = 0
        if before is not None and before.id in self.summaries:
            row = self._rows.index(self.summaries[before.id])
        self.set_reactive(SessionTable.cursor_row, min(row, max(0, self.row_count - 1)))
        self._changed()
        self.scroll_to_cursor()

    def append(self, sessions: list[SessionSummary]) -> None:
        self._add(sessions)
        self._changed()

    def _add(self, sessions: list[SessionSummary]) -> None:
        for s in sessions:
            if s.id not in self.summaries:
                self.summaries[s.id] = s
                self._rows.append(s)

    def _changed(self) -> None:
        # Only the height scrolls (the columns always fit the width), so the extent does
        # not depend on the width and a resize leaves it alone (Textual repaints a
        # widget whose size changed by itself).
        self.virtual_size = Size(0, self.row_count + 1)  # + the header
        self.refresh()

    @property
    def selected(self) -> SessionSummary | None:
        if not self._rows:
            return None
        return self._rows[min(self.cursor_row, len(self._rows) - 1)]

    # ------------------------------------------------------------ cursor

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, self.row_count - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self.scroll_to_cursor()
        self.post_message(self.Highlighted(self, new))

    def move_cursor(self, *, row: int, animate: bool = False, scroll: bool = True) -> None:
        del animate, scroll  # the cursor is always brought into view, at once
        self.cursor_row = row

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def scroll_to_cursor(self) -> None:
        """Scroll just enough for the cursor's row to be in view below the header."""
        page = self._page
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + page:
            self.scroll_to(y=self.cursor_row - page + 1, animate=False, immediate=True)

    def _refresh_row(self, row: int) -> None:
        self.refresh_line(row + 1)  # the line below the header, in scrolled coordinates

    def _hover_on(self, row: int | None) -> None:
        """Highlight ``row`` as the one under the mouse (None: no row; keys clear it)."""
        if row != self._hover:
            old, self._hover = self._hover, row
            for changed in (old, row):
                if changed is not None:
                    self._refresh_row(changed)

    def action_cursor_up(self) -> None:
        self._hover_on(None)
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self._hover_on(None)
        self.cursor_row += 1

    def action_page_down(self) -> None:
        self._hover_on(None)
        page = self._page
        self.scroll_to(y=self.scroll_y + page, animate=False, immediate=True)
        self.cursor_row += page

    def action_page_up(self) -> None:
        self._hover_on(None)
        page = self._page
        self.scroll_to(y=self.scroll_y - page, animate=False, immediate=True)
        self.cursor_row -= page

    def action_first_row(self) -> None:
        self.cursor_row = 0

    def action_last_row(self) -> None:
        self.cursor_row = self.row_count - 1

    # ------------------------------------------------------------ mouse

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:  # outside, or the header
            return None
        row = offset.y - 1 + round(self.scroll_y)
        return row if row < self.row_count else None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover_on(self._row_at(event))

    def on_leave(self, _: events.Leave) -> None:
        self._hover_on(None)

    def on_click(self, event: events.Click) -> None:
        row = self._row_at(event)
        if row is None:
            return
        event.stop()
        if row == self.cursor_row:
            self.post_message(self.Selected(self, self._rows[row]))
        else:
            self.cursor_row = row

    # ------------------------------------------------------------ drawing

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base = self.rich_style  # the same for every line of one pass
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        layout = self._fit_columns()
        base = self._base
        if y == 0:
            return self._line(layout.header(), base + self._style("header"), width)
        row = y - 1 + round(self.scroll_y)
        if row >= self.row_count:
            return Strip.blank(width, base)
        style = base + self._style("even-row") if row % 2 == 0 else base
        if row == self.cursor_row:
            style += self._style("cursor")
        elif row == self._hover:
            style += self._style("hover")
        return self._line(self._row_cells(self._rows[row]), style, width)

    def _style(self, part: str) -> Style:
        return self.get_component_rich_style(f"session-table--{part}")

    def _line(self, runs: list[Run], style: Style, width: int) -> Strip:
        """One row in ``style`` (bold runs in bold), the rest of the width in the same style."""
        bold = style + BOLD
        segments = [Segment(text, bold if strong else style) for text, strong in runs]
        used = self.columns.width
        if used < width:
            segments.append(Segment(" " * (width - used), style))
            return Strip(segments, width)
        return Strip(segments, used).crop(0, width)
