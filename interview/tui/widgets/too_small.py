"""A notice in place of panes that would be zero rows high: "terminal too small".

A screen yields ``TooSmall()`` last (before its footer) and calls ``check_size`` on mount
and on every resize; below the minimum it gets ``-too-small``, which hides everything but
the notice (the rules are in ``app.tcss``).
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Static

MIN_SIZE = (80, 24)


class TooSmall(Static):
    DEFAULT_CSS = """
    TooSmall {
        display: none;
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-style: bold;
        color: $text-warning;
    }
    """

    def __init__(self) -> None:
        super().__init__(
            f"terminal too small (need {MIN_SIZE[0]}x{MIN_SIZE[1]})", id="too-small", markup=False
        )


def check_size(screen: Screen[Any], width: int, height: int) -> None:
    small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
    was_small = screen.has_class("-too-small")
    screen.set_class(small, "-too-small")
    if was_small and not small and screen.focused is None:
        # The panes were hidden when the screen chose its first focus: choose it now.
        screen.call_after_refresh(screen._update_auto_focus)
