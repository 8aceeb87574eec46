"""Item analysis of the bank at 10,000 sessions against the bare SQL that reads its rows.

The panel benchmark's 40 interviewer files are merged into one database; then, in
interleaved rounds, ``bank_stats()`` (queries, statistics and flags) is timed against
executing the same seven SELECT statements and fetching every row, with nothing done to
them. Target: at most 3x. The statement count is recorded too (it does not grow with the
number of sessions; the test suite asserts it).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench.bench_panel import build_sources
from bench.common import Row, interleaved
from interview.services.bank_stats import bank_stats
from interview.services.merge import merge_databases
from interview.storage import bank_stats_queries as q
from interview.storage.db import open_db

GROUP = "bank"
FULL = 10_000


def run(size: int = FULL, *, quick: bool = False, runs: int = 5) -> list[Row]:
    if quick:
        size, runs = min(size, 400), 1
    work = Path(tempfile.mkdtemp(prefix="interview-bench-bank-"))
    try:
        sources = build_sources(work / "src", size)
        panel = work / "panel.db"
        merge_databases(sources, panel)
        db = open_db(panel)
        f = q.StatsFilter()

        def stats() -> float:
            t0 = time.perf_counter()
            bank_stats(db)
            return (time.perf_counter() - t0) * 1000

        def bare() -> float:
            t0 = time.perf_counter()
            q.sessions(db, f), q.answers(db, f), q.ticks(db, f), q.probes_asked(db, f)
            q.area_scores(db, f), q.practice_exposure(db, ""), q.snapshots(db, f)
            return (time.perf_counter() - t0) * 1000

        ours, base = interleaved(runs, [stats, bare])
        statements: list[str] = []
        db.conn.set_trace_callback(statements.append)
        bank_stats(db)
        db.conn.set_trace_callback(None)
        db.close()
        return [
            Row(
                name=f"bank stats, {size:,} sessions",
                unit="ms",
                values=ours,
                baseline_name="the same 7 SELECTs, rows fetched",
                baseline=base,
                target="≤ 3x",
                target_ratio=3.0,
                group=GROUP,
            ),
            Row(
                name="bank stats: SQL statements",
                unit="statements",
                values=[
                    float(sum(1 for s in statements if s.lstrip().upper().startswith("SELECT")))
                ],
                target="fixed (7)",
                target_value=7,
                group=GROUP,
            ),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
