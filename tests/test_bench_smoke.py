"""Every benchmark runs once at a tiny size, so none of them can rot unnoticed.

Figures from these runs mean nothing and nothing here looks at them: the checks are
that each benchmark runs, returns rows with figures, and that the durability ones
(kill, concurrent writers) report no loss. ``make bench`` gives the real figures.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.__main__ import BENCHMARKS, render_markdown, render_text, run_one  # noqa: E402
from bench.common import Row, machine_info  # noqa: E402

NEEDS_TMUX = {"startup"}
# Run at tiny size, with their outcome asserted, by test_kill.py and test_concurrent_writers.py
# (and typing_kill below).
OWN_TESTS = {"kill", "writers", "typing_kill"}


@pytest.mark.parametrize(
    ("name", "module"),
    [(n, m) for n, m, _ in BENCHMARKS if n not in OWN_TESTS],
    ids=[n for n, _, _ in BENCHMARKS if n not in OWN_TESTS],
)
def test_benchmark_runs_at_tiny_size(name: str, module: str) -> None:
    if name in NEEDS_TMUX and shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    rows = run_one(name, module, quick=True, runs=1)
    assert rows, f"{name} returned no rows"
    for row in rows:
        assert isinstance(row, Row)
        assert not row.note.startswith("failed"), row.note
        if row.note.startswith("not available"):
            continue  # a feature still being built; the harness says so in the table
        assert row.values, f"{name}: {row.name} has no figure"
        if row.target_value is not None:
            assert row.met, f"{name}: {row.name}: {row.note}"
    # The table renders whatever came back.
    assert name in render_text(rows) or rows[0].name in render_text(rows)


def test_table_renders_with_machine_info() -> None:
    rows = [
        Row("first screen", "ms", [3.0, 2.0, 4.0], "baseline", [2.0, 2.0, 2.0], "<= 1.5x", 1.5),
        Row("lost notes", "notes", [0.0], target="0", target_value=0),
    ]
    text = render_text(rows)
    assert "3.0 [2.0–4.0] ms" in text
    assert "1.50x" in text and "met" in text
    md = render_markdown(rows, machine_info("python -m bench"))
    assert "| first screen |" in md and "**python**" in md and "cores" in md


def test_typing_kill_benchmark_runs_at_tiny_size() -> None:
    """Two hard kills of the real app while it is typed into: each kill is measured and
    the database holds exactly what was typed up to some point (no timing is judged)."""
    if (
        shutil.which("interview") is None
        and not (Path(sys.executable).parent / "interview").exists()
    ):
        pytest.skip("the interview command is not installed")
    from bench.bench_typing_kill import rows, run_kills

    result = run_kills(2, kill_after=(0.3, 0.8))
    assert len(result.kills) == 2 and not result.failures, result.failures
    for kill in result.kills:
        assert kill.typed > 0 and 0 <= kill.saved <= kill.typed
        assert kill.lost_seconds >= 0
    lost, failed = rows(result, quick=True)
    assert len(lost.values) == 2 and lost.target_value is None  # a tiny run judges no timing
    assert failed.values == [0.0]
