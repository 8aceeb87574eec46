"""First useful screen in a real terminal: the home screen over a 10,000-session database.

Both programs run in tmux at 120x40 through the same gate (see ``bench/terminal.py``):
the app (``interview --db big.db``, the console script a user runs) until the name on
the 21st row of the session list reaches the terminal (a row in view at 120x40 that the
resume banner does not name: the frame that shows it shows the list), and the one-widget
baseline until its text does. Runs alternate between the two.
Both are then left alone for the same 0.5 s and sent the same ``ctrl+q``; peak RSS is
each process's ``ru_maxrss``.

The app's modules are byte-compiled first, as an installed package is (pip and pipx
compile on install): a source checkout run with ``PYTHONDONTWRITEBYTECODE`` would
otherwise compile every module of the app on every start, which no user pays, while
Textual (installed) never does.
"""

from __future__ import annotations

import compileall
import shutil
import sqlite3
import statistics
import sys
import tempfile
from contextlib import closing
from pathlib import Path

from bench.baseline_apps import BASELINE_TEXT
from bench.common import REPO, Row, interleaved, not_available
from bench.dataset import build_db
from bench.terminal import ScreenTiming, TerminalError, Tmux, tmux_available

GROUP = "start-up"
TARGET_NAME = "first useful screen, tmux 120x40"
# Shown by the app's header on any screen: the fallback when the home screen does not
# list sessions (yet), so the figure is still the app's first frame.
FALLBACK_MARKER = "interview"
TARGET = "<= 1.3x"
TARGET_RATIO = 1.3
SETTLE = 0.5  # seconds both programs run after their first useful screen, then ctrl+q
LIST_ROW = 20  # the row whose name marks the list as drawn (0: the newest interview)
SESSION_NAMES = (
    "SELECT c.name FROM sessions s JOIN candidates c ON c.id = s.candidate_id "
    "WHERE s.mode = 'interview' {where} ORDER BY s.{order} DESC LIMIT {limit}"
)


def list_marker(path: Path) -> str:
    """A candidate's name that only the session list shows, deep enough in the list that
    the frame holding it holds every row above it: not the resume banner's candidate
    (the newest unfinished interview), cut to what the list's column always shows."""
    with closing(sqlite3.connect(path)) as conn:
        banner = conn.execute(
            SESSION_NAMES.format(where="AND s.status = 'in_progress'", order="updated_at", limit=1)
        ).fetchall()
        rows = conn.execute(
            SESSION_NAMES.format(where="", order="started_at", limit=LIST_ROW + 10)
        ).fetchall()
    names = [name for (name,) in rows[LIST_ROW:] if name and (name,) not in banner]
    if not names:
        raise TerminalError(f"{path}: fewer than {LIST_ROW + 1} interviews to list")
    return str(names[0])[:20]


def interview_script() -> str:
    script = Path(sys.executable).with_name("interview")
    return str(script) if script.exists() else "interview"


def run(*, quick: bool = False, runs: int = 5) -> list[Row]:
    if not tmux_available():
        return [not_available(TARGET_NAME, "tmux is not installed", GROUP, TARGET)]
    compileall.compile_dir(REPO / "interview", quiet=1)
    sessions = 200 if quick else 10_000
    work = Path(tempfile.mkdtemp(prefix="interview-bench-startup-"))
    tmux = Tmux()
    try:
        dataset = build_db(work / "big.db", sessions=sessions, candidates=max(50, sessions // 4))
        env = {"INTERVIEW_HOME": str(work / "home")}
        app_cmd = [interview_script(), "--db", str(dataset.path)]
        base_cmd = [sys.executable, str(REPO / "bench" / "baseline_apps.py"), "one-widget"]

        marker, note = list_marker(dataset.path), ""
        try:
            tmux.first_screen(app_cmd, marker, env=env, quit_keys="C-q", timeout=15)
        except TerminalError:
            marker = FALLBACK_MARKER
            note = (
                "home screen does not list sessions yet: figure is the app's first frame "
                "(header), not the session list"
            )
            tmux.first_screen(app_cmd, marker, env=env, quit_keys="C-q", timeout=30)

        results: dict[str, list[ScreenTiming]] = {"app": [], "base": []}

        def app() -> float:
            timing = tmux.first_screen(app_cmd, marker, env=env, settle=SETTLE, quit_keys="C-q")
            results["app"].append(timing)
            return timing.seconds * 1000

        def base() -> float:
            timing = tmux.first_screen(
                base_cmd, BASELINE_TEXT, env=env, settle=SETTLE, quit_keys="C-q"
            )
            results["base"].append(timing)
            return timing.seconds * 1000

        app_ms, base_ms = interleaved(1 if quick else runs, [app, base], warmup=not quick)
    except TerminalError as exc:
        return [not_available(TARGET_NAME, str(exc).splitlines()[0], GROUP, TARGET)]
    finally:
        tmux.close()
        shutil.rmtree(work, ignore_errors=True)

    size = f"{sessions:,} sessions"
    # On a shared machine the load drifts within a run: the ratio of each round's pair
    # (app and baseline back to back) says how far apart they are at one moment.
    pairs = sorted(a / b for a, b in zip(app_ms, base_ms, strict=True) if b)
    if len(pairs) > 1:
        paired = f"per-round ratio {statistics.median(pairs):.2f}x [{pairs[0]:.2f}–{pairs[-1]:.2f}]"
        note = f"{note}; {paired}" if note else paired
    app_rss = [t.peak_rss_mb for t in results["app"][-len(app_ms) :] if t.peak_rss_mb]
    base_rss = [t.peak_rss_mb for t in results["base"][-len(base_ms) :] if t.peak_rss_mb]
    return [
        Row(
            name=f"{TARGET_NAME}, home over {size}",
            unit="ms",
            values=app_ms,
            baseline_name="one-widget Textual app, same terminal",
            baseline=base_ms,
            target=TARGET,
            target_ratio=TARGET_RATIO,
            note=note,
            group=GROUP,
        ),
        Row(
            name=f"peak RSS to first useful screen (+{SETTLE} s), {size}",
            unit="MB",
            values=app_rss,
            baseline_name=f"one-widget Textual app (+{SETTLE} s)",
            baseline=base_rss,
            target=TARGET,
            target_ratio=TARGET_RATIO,
            group=GROUP,
        ),
    ]
