"""Keystroke to frame in the notes editor while an LLM suggestion streams at ~50 tokens/s.

Same method as ``bench_typing``: keys are typed into a real pty from another process
(``bench/keys.py``), so work on the app's event loop delays them as it would a user's.
The app is the real interview screen over a benchmark database, with LLM suggestions
on for the session and the endpoint pointed at the fake OpenAI-compatible server
(``tests/fake_openai.py``), run here in this process. In the figure's runs the
suggestions panel asks for a suggestion as soon as the editor is ready and asks again
whenever one ends, so tokens arrive at ``tokens_per_second`` for every key; the
baseline is the same app, database and session with no stream. Runs alternate.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import REPO, Row, percentile
from bench.keys import KeysError, Latencies, type_into

GROUP = "typing"
KEYS = 150
TARGET = "bench.bench_typing_stream:stream_target"
FAKE_KEY = "sk-bench-not-a-real-key"


def _fake_server_module() -> Any:
    spec = importlib.util.spec_from_file_location("fake_openai", REPO / "tests" / "fake_openai.py")
    if spec is None or spec.loader is None:
        raise ImportError("tests/fake_openai.py is missing")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fake_openai", module)
    spec.loader.exec_module(module)
    return module


def run(
    *, quick: bool = False, runs: int = 3, tokens_per_second: float = 50.0, keys: int = KEYS
) -> list[Row]:
    """Rows: p99 and p50 keystroke-to-frame with a stream, against the same app without.

    ``runs`` pairs of runs (at most 3; 1 when ``quick``), ``keys`` keys per run,
    tokens streamed at ``tokens_per_second``.
    """
    from bench.bench_typing import notes_available

    runs = 1 if quick else max(1, min(runs, 3))
    keys = 20 if quick else keys
    missing = notes_available()
    if importlib.util.find_spec("interview.tui.widgets.suggestions") is None:
        missing = missing or "interview.tui.widgets.suggestions does not exist yet"
    stream_runs: list[Latencies] = []
    idle_runs: list[Latencies] = []
    work = Path(tempfile.mkdtemp(prefix="interview-bench-stream-"))
    fake_module = _fake_server_module()
    reply = fake_module.DEFAULT_REPLY * 6  # about 300 tokens: 6 s per suggestion at 50/s
    fake = fake_module.FakeOpenAI(reply=reply, token_delay=1.0 / tokens_per_second)
    streamed_seconds = 0.0
    streamed_tokens = 0
    try:
        if missing:
            raise KeysError(missing)
        from bench.notes_target import prepare_db

        db = str(prepare_db(work / "stream.db", sessions=200 if quick else 2_000))
        fake.start()
        env = {
            "INTERVIEW_HOME": str(work / "home"),
            "OPENAI_API_KEY": FAKE_KEY,
            "OPENAI_BASE_URL": fake.base_url,
        }
        for i in range(runs):
            pair = [("stream", stream_runs), ("idle", idle_runs)]
            for mode, sink in pair if i % 2 == 0 else reversed(pair):
                marks: list[tuple[float, int]] = []

                def typing_starts(marks: list[tuple[float, int]] = marks) -> None:
                    marks.append((time.perf_counter(), fake.tokens_sent))

                sink.append(
                    type_into(
                        TARGET,
                        keys=keys,
                        arg=f"{mode}|{db}",
                        seed=i,
                        env=env,
                        settle=1.0,  # the first suggestion is streaming by then
                        during=typing_starts,
                    )
                )
                if mode == "stream" and marks:  # tokens sent while keys were typed
                    streamed_seconds += time.perf_counter() - marks[0][0]
                    streamed_tokens += fake.tokens_sent - marks[0][1]
    except KeysError as exc:
        missing = str(exc).splitlines()[0]
    finally:
        fake.stop()
        shutil.rmtree(work, ignore_errors=True)
    rate = streamed_tokens / streamed_seconds if streamed_seconds else 0.0
    return rows(stream_runs, idle_runs, missing, rate, len(fake.requests), tokens_per_second)


def rows(
    stream_runs: list[Latencies],
    idle_runs: list[Latencies],
    missing: str,
    rate: float,
    requests: int,
    tokens_per_second: float,
) -> list[Row]:
    def pooled(runs: list[Latencies], pct: float) -> str:
        samples = [ms for r in runs for ms in r.frame_ms]
        return f"{percentile(samples, pct):.1f} ms" if samples else "—"

    note = missing and f"not available: {missing}"
    if not note:
        missed = sum(r.missed for r in stream_runs)
        note = (
            f"{requests} streamed suggestion(s), {rate:.0f} tokens/s while typing; pooled over "
            f"{sum(len(r.frame_ms) for r in stream_runs)} keys: p99 {pooled(stream_runs, 99)} "
            f"vs {pooled(idle_runs, 99)} with no stream"
            + (f"; {missed} keys never drawn" if missed else "")
        )
        if requests == 0:
            note = "the stream never started; " + note
    label = f"LLM streaming {tokens_per_second:g} tokens/s"
    base_name = "same app, no stream"
    return [
        Row(
            name=f"keystroke to frame, notes editor, {label}, p99",
            unit="ms",
            values=[r.p(99) for r in stream_runs],
            baseline_name=base_name,
            baseline=[r.p(99) for r in idle_runs],
            target="<= 1.5x",
            target_ratio=1.5,
            note=note,
            group=GROUP,
        ),
        Row(
            name=f"keystroke to frame, notes editor, {label}, p50",
            unit="ms",
            values=[r.p(50) for r in stream_runs],
            baseline_name=base_name,
            baseline=[r.p(50) for r in idle_runs],
            group=GROUP,
        ),
    ]


# ------------------------------------------------------------ in the child process


def stream_target(arg: str) -> tuple[Any, Any, Any]:
    """``typing_child`` target: the interview screen, streaming suggestions or not.

    ARG is ``stream|DB`` or ``idle|DB``. Runs in the child, on a real pty.
    """
    mode, _, db = arg.partition("|")
    import openai  # noqa: F401  # imported up front in both modes, so it is off the clock

    from bench.notes_target import build_notes_target

    app, editor, _ = build_notes_target(db)

    def tick() -> None:
        from interview.tui.widgets.suggestions import SuggestionsPanel

        found = app.screen.query(SuggestionsPanel)
        if not found:
            return  # the interview screen mounts its panel a moment after the editor
        panel = found.first()
        live = panel.live
        if not live.state.llm_enabled:  # both modes: LLM on for the session
            live.repo.set_llm_enabled(live.id, True, actor=live.actor)
            live.state.llm_enabled = True
        if mode == "stream" and not panel.streaming:
            panel.start_llm()

    def on_ready() -> None:
        tick()
        app.set_interval(0.2, tick)

    return app, editor, on_ready
