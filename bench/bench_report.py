"""One candidate report in a database of 10,000 sessions, against the bare SQL it needs.

The report layer runs a fixed set of queries (interview/storage/report_queries.py) and
then builds the report model and renders it. Against baselines timed in the same run:

- load + build (the queries, the content snapshot parsed, scores recomputed, the model
  assembled) against the same queries executed and fetched with nothing else done;
- Markdown and HTML end to end (load, build, render), with the same bare queries as the
  baseline for the ratio and an absolute target, since that is what a reader waits for;
- the number of SQL statements one report runs (an absolute target).

``run(size)`` is what the harness calls (``quick=True``: 20 sessions, one run).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import Row, interleaved
from bench.dataset import build_db
from interview.reports.build import load_report
from interview.reports.export import render
from interview.storage import report_queries as q
from interview.storage.db import open_db

GROUP = "report"
FULL = 10_000
QUERIES = (q.SESSIONS_SQL, q.SNAPSHOTS_SQL, q.ANSWERS_SQL, q.OBSERVATIONS_SQL, q.FOLLOWUPS_SQL,
           q.SCORES_SQL, q.AMENDMENTS_SQL, q.EVENTS_SQL)  # fmt: skip


def _ms(func: Callable[[], object], reps: int) -> Callable[[], float]:
    """Mean milliseconds per call over ``reps`` calls (one call is too short to time)."""

    def measure() -> float:
        start = time.perf_counter()
        for _ in range(reps):
            func()
        return (time.perf_counter() - start) * 1000 / reps

    return measure


def run(size: int | None = None, *, quick: bool = False, runs: int = 5) -> list[Row]:
    size = size or (20 if quick else FULL)
    runs = 1 if quick else runs
    reps = 1 if quick or size < 1000 else 20
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        dataset = build_db(Path(tmp) / "report.db", sessions=size, candidates=max(1, size // 4))
        db = open_db(dataset.path, readonly=True)
        try:
            # A submitted session in the middle of the table, not the newest one.
            sid = db.execute(
                "SELECT id FROM sessions WHERE status = 'submitted' ORDER BY id "
                "LIMIT 1 OFFSET (SELECT count(*) / 2 FROM sessions WHERE status = 'submitted')"
            ).fetchone()[0]
            param = f'["{sid}"]'

            def bare_sql() -> None:
                for sql in QUERIES:
                    db.execute(sql, [param]).fetchall()

            statements: list[str] = []
            db.conn.set_trace_callback(statements.append)
            report = load_report(db, sid)
            db.conn.set_trace_callback(None)
            assert report.questions, "the benchmark session has no questions"

            measures = [
                _ms(bare_sql, reps),
                _ms(lambda: load_report(db, sid), reps),
                _ms(lambda: render(load_report(db, sid), "md"), reps),
                _ms(lambda: render(load_report(db, sid), "html"), reps),
            ]
            sql, build, md, html = interleaved(runs, measures)
        finally:
            db.conn.close()
    where = f"{size:,} sessions"
    base = "the report's 8 SQL queries alone"
    return [
        Row(name=f"report: load + build ({where})", unit="ms", values=build,
            baseline_name=base, baseline=sql, target="≤ 10× the bare SQL", target_ratio=10.0,
            note="queries, snapshot parsed, scores recomputed, model built", group=GROUP),
        Row(name=f"report: Markdown end to end ({where})", unit="ms", values=md,
            baseline_name=base, baseline=sql, target="≤ 50 ms (instant to a reader)",
            target_value=50.0, group=GROUP),
        Row(name=f"report: HTML end to end ({where})", unit="ms", values=html,
            baseline_name=base, baseline=sql, target="≤ 50 ms (instant to a reader)",
            target_value=50.0, note="inline CSS and SVG chart included", group=GROUP),
        Row(name="SQL statements: one report", unit="queries", values=[float(len(statements))],
            target=f"= {q.QUERY_COUNT}, whatever the number of questions",
            target_value=float(q.QUERY_COUNT), group=GROUP),
    ]  # fmt: skip


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else FULL
    for row in run(size):
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
        print(f"{row.name}: median {row.median:.2f} {row.unit}; baseline "
              f"{row.baseline_median or 0:.2f}; ratio {ratio}; {row.verdict()}")  # fmt: skip
