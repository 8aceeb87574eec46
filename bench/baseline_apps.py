"""Baseline Textual apps the benchmarks compare against, measured the same way as the app.

``python bench/baseline_apps.py one-widget``: one Static and nothing else, run until
quit (the start-up benchmark sends ``ctrl+q``, as it does to the app).
``python bench/baseline_apps.py textarea``: one focused TextArea (cursor blink off, as
in the notes editor measurements) that runs until quit.

Run as a file, not ``-m``, so nothing but Textual is imported before the first frame;
each app imports only its own widget (the one-widget app must not pay for a TextArea).
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult

BASELINE_TEXT = "one-widget baseline ready"


class OneWidgetApp(App[None]):
    def compose(self) -> ComposeResult:
        from textual.widgets import Static

        yield Static(BASELINE_TEXT)


class TextAreaApp(App[None]):
    def compose(self) -> ComposeResult:
        from textual.widgets import TextArea

        area = TextArea(id="baseline-editor")
        area.cursor_blink = False
        yield area


APPS: dict[str, type[App[None]]] = {"one-widget": OneWidgetApp, "textarea": TextAreaApp}


if __name__ == "__main__":
    APPS[sys.argv[1] if len(sys.argv) > 1 else "one-widget"]().run()
