"""Baseline Textual apps the benchmarks compare against, measured the same way as the app.

``python bench/baseline_apps.py one-widget``: one Static, exits right after its first
frame is written. ``python bench/baseline_apps.py textarea``: one focused TextArea
(cursor blink off, as in the notes editor measurements) that runs until quit.

Run as a file, not ``-m``, so nothing but Textual is imported before the first frame.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea

BASELINE_TEXT = "one-widget baseline ready"


class OneWidgetApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(BASELINE_TEXT)

    def post_display_hook(self) -> None:
        # The first frame has been handed to the terminal: that is all a baseline does.
        if not self._exit_requested:
            self._exit_requested = True
            self.exit()

    _exit_requested = False


class TextAreaApp(App[None]):
    def compose(self) -> ComposeResult:
        area = TextArea(id="baseline-editor")
        area.cursor_blink = False
        yield area


APPS: dict[str, type[App[None]]] = {"one-widget": OneWidgetApp, "textarea": TextAreaApp}


if __name__ == "__main__":
    APPS[sys.argv[1] if len(sys.argv) > 1 else "one-widget"]().run()
