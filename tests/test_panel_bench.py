"""The panel benchmark runs end to end at a tiny size (its figures mean nothing here)."""

from __future__ import annotations

from bench.bench_panel import run


def test_panel_benchmark_runs_at_a_tiny_size() -> None:
    rows = {row.name: row for row in run(quick=True)}
    assert rows["SQL statements: ranked list"].values == [3.0]
    assert rows["SQL statements: calibration"].values == [4.0]
    merge = rows["merge 40 interviewer files into a new panel db"]
    assert merge.values and merge.baseline and merge.unit == "ms/1k sessions"
    assert all(row.values for row in rows.values())
