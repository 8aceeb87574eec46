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
    screen.set_class(width < MIN_SIZE[0] or height < MIN_SIZE[1], "-too-small")
