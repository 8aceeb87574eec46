"""The report benchmark runs end to end at a tiny size (its figures mean nothing here)."""

from __future__ import annotations

from bench.bench_report import run
from interview.storage.report_queries import QUERY_COUNT


def test_report_benchmark_runs_at_a_tiny_size() -> None:
    rows = {row.name: row for row in run(20)}
    assert rows["SQL statements: one report"].values == [float(QUERY_COUNT)]
    build = rows["report: load + build (20 sessions)"]
    assert build.values and build.baseline and build.unit == "ms"
    assert all(row.values for row in rows.values())
