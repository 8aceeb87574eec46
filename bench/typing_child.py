"""The process under test in the keystroke benchmarks: an app on a real pseudo-terminal.

``python bench/typing_child.py TARGET REPORT_FD STOP_FD [ARG]`` runs the app named by
TARGET with Textual's normal Linux driver on its stdin/stderr (a pty the benchmark
owns). Once the editor has focus and a frame is out, it writes ``ready <len>`` to
REPORT_FD. Every later terminal write is logged as (time, editor text length) so the
benchmark can tell which frame first showed each key. When STOP_FD reaches EOF the app
exits and the log goes to REPORT_FD as one JSON line.

TARGET is ``textarea`` (the one-widget baseline), ``notes`` (the interview screen's
notes editor over a database given as ARG), or ``module:function`` returning
``(app, editor_getter, on_ready)`` for benchmarks written elsewhere.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if sys.argv[1:2] != ["textarea"]:
    # Start the app as the `interview` command does (interview.launch): no garbage
    # collection until its first frame, then a frozen start-up heap.
    gc.disable()

from textual.app import App
from textual.widgets import TextArea

Target = tuple[App[Any], Callable[[], TextArea], Callable[[], None] | None]


def textarea_target(_arg: str) -> Target:
    from bench.baseline_apps import TextAreaApp

    app = TextAreaApp()
    return app, lambda: app.query_one(TextArea), None


def notes_target(arg: str) -> Target:
    from bench.notes_target import build_notes_target

    return build_notes_target(arg)


TARGETS: dict[str, Callable[[str], Target]] = {"textarea": textarea_target, "notes": notes_target}


def load_target(name: str, arg: str) -> Target:
    if name in TARGETS:
        return TARGETS[name](arg)
    module, _, func = name.partition(":")
    factory: Callable[[str], Target] = getattr(importlib.import_module(module), func)
    return factory(arg)


def main() -> None:
    name, report_fd, stop_fd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    arg = sys.argv[4] if len(sys.argv) > 4 else ""
    report = os.fdopen(report_fd, "w", buffering=1)
    app, editor_of, on_ready = load_target(name, arg)
    frames: list[tuple[float, int]] = []
    errors: list[str] = []
    # Garbage collections (start, seconds, generation): a pause shows as a latency spike.
    collections: list[tuple[float, float, int]] = []
    gc_started = [0.0]
    # Full layout passes of the screen (start, seconds): the other source of long frames.
    layouts: list[tuple[float, float]] = []

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
        else:
            end = time.perf_counter()
            collections.append((gc_started[0], end - gc_started[0], info["generation"]))

    gc.callbacks.append(on_gc)

    def arm() -> bool:
        """Hook the terminal writes once the editor exists; False to try again later."""
        try:
            editor = editor_of()
        except Exception:
            return False
        editor.cursor_blink = False
        editor.focus()
        driver = app._driver
        assert driver is not None
        write = driver.write

        def timed_write(data: str) -> None:
            write(data)
            frames.append((time.perf_counter(), len(editor.text)))

        driver.write = timed_write  # type: ignore[method-assign]
        screen = app.screen
        refresh_layout = screen._refresh_layout

        def timed_layout(*args: Any, **kwargs: Any) -> None:
            started = time.perf_counter()
            refresh_layout(*args, **kwargs)
            layouts.append((started, time.perf_counter() - started))

        screen._refresh_layout = timed_layout  # type: ignore[method-assign]
        if on_ready is not None:
            on_ready()
        if os.environ.get("BENCH_GC_FREEZE"):
            # Experiment: what the app would gain by freezing its start-up heap.
            gc.freeze()
        # Ready once the focus change is on screen, so no set-up frame counts as a key's.
        app.call_after_refresh(lambda: report.write(f"ready {len(editor.text)}\n"))
        return True

    def control() -> None:
        try:
            deadline = time.monotonic() + 60
            while not app.is_running and time.monotonic() < deadline:
                time.sleep(0.01)
            while not app.call_from_thread(arm):
                if time.monotonic() > deadline:
                    raise TimeoutError("the editor never appeared")
                time.sleep(0.05)
        except Exception as exc:  # reported to the benchmark, which prints it
            errors.append(f"{type(exc).__name__}: {exc}")
            report.write("failed\n")
        with os.fdopen(stop_fd, "rb") as fh:
            fh.read()
        app.call_from_thread(app.exit)

    threading.Thread(target=control, daemon=True).start()
    try:
        app.run()
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
    log = {"frames": frames, "errors": errors, "gc": collections, "layouts": layouts}
    report.write(json.dumps(log) + "\n")
    report.close()


if __name__ == "__main__":
    main()
