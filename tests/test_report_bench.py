"""The report benchmark runs end to end at a tiny size (its figures mean nothing here)."""

from __future__ import annotations

from bench.bench_report import CLI_TARGET, run
from interview.storage.report_queries import QUERY_COUNT


def test_report_benchmark_runs_at_a_tiny_size() -> None:
    rows = {row.name: row for row in run(20, quick=True)}
    assert rows["SQL statements: one report"].values == [float(QUERY_COUNT)]
    cli = rows["interview report SESSION -o FILE.md, a new process (20 sessions)"]
    assert cli.values and cli.baseline and cli.unit == "ms"
    # Judged against the speed target's own figure, not a looser one.
    assert cli.target_ratio == CLI_TARGET == 1.5
    assert all(row.values for row in rows.values())
