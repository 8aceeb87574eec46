"""Keystroke to frame in the notes editor, idle, against a one-widget TextArea app.

Keys are typed into a real pty from another process (see ``bench/keys.py``); runs of
the app and the baseline alternate. Each run's p99 and p50 are figures; the pooled
p99 over every key of every run is in the note.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path

from bench.common import Row, percentile
from bench.keys import KeysError, Latencies, type_into

GROUP = "typing"
KEYS = 150


def notes_available() -> str:
    """Why the notes target cannot run yet, or '' when it can."""
    for module in ("interview.tui.screens.interview", "interview.tui.widgets.notes"):
        if importlib.util.find_spec(module) is None:
            return f"{module} does not exist yet"
    return ""


def prepare_notes_db(work: Path, quick: bool = False) -> str:
    from bench.notes_target import prepare_db

    return str(prepare_db(work / "notes.db", sessions=200 if quick else 10_000))


def run(*, quick: bool = False, runs: int = 3) -> list[Row]:
    runs = 1 if quick else max(1, min(runs, 3))  # ~8 s per run and app: 3 is plenty
    keys = 20 if quick else KEYS
    work = Path(tempfile.mkdtemp(prefix="interview-bench-typing-"))
    missing = notes_available()
    app_runs: list[Latencies] = []
    base_runs: list[Latencies] = []
    try:
        db = "" if missing else prepare_notes_db(work, quick)
        env = {"INTERVIEW_HOME": str(work / "home")}
        for i in range(runs):
            pair = [("textarea", "", base_runs)]
            if not missing:
                pair.append(("notes", db, app_runs))
            for target, arg, sink in pair if i % 2 == 0 else reversed(pair):
                sink.append(
                    type_into(
                        target, keys=keys, arg=arg, seed=i, env=env, settle=0.2 if quick else 1.0
                    )
                )
    except KeysError as exc:
        missing = str(exc).splitlines()[0]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows(app_runs, base_runs, missing, label="idle")


def rows(
    app_runs: list[Latencies], base_runs: list[Latencies], missing: str, *, label: str
) -> list[Row]:
    def pooled(runs: list[Latencies], pct: float) -> str:
        samples = [ms for r in runs for ms in r.frame_ms]
        return f"{percentile(samples, pct):.1f} ms" if samples else "—"

    note = missing and f"not available: {missing}"
    if not note:
        missed = sum(r.missed for r in app_runs)
        note = (
            f"pooled over {sum(len(r.frame_ms) for r in app_runs)} keys: p99 "
            f"{pooled(app_runs, 99)} vs {pooled(base_runs, 99)} baseline"
            + (f"; {missed} keys never drawn" if missed else "")
            + f"; garbage-collection pauses >= 5 ms hit {sum(r.gc_keys for r in app_runs)} "
            f"keys (longest {max(r.gc_max_ms for r in app_runs):.0f} ms) vs "
            f"{sum(r.gc_keys for r in base_runs)} in the baseline; layout passes >= 5 ms hit "
            f"{sum(r.layout_keys for r in app_runs)} keys (longest "
            f"{max(r.layout_max_ms for r in app_runs):.0f} ms) vs "
            f"{sum(r.layout_keys for r in base_runs)}"
        )
    base_name = "one-widget TextArea app"
    return [
        Row(
            name=f"keystroke to frame, notes editor, {label}, p99",
            unit="ms",
            values=[r.p(99) for r in app_runs],
            baseline_name=base_name,
            baseline=[r.p(99) for r in base_runs],
            target="<= 1.2x",
            target_ratio=1.2,
            note=note,
            group=GROUP,
        ),
        Row(
            name=f"keystroke to frame, notes editor, {label}, p50",
            unit="ms",
            values=[r.p(50) for r in app_runs],
            baseline_name=base_name,
            baseline=[r.p(50) for r in base_runs],
            group=GROUP,
        ),
    ]
