"""One candidate report in a database of 10,000 sessions, against the bare SQL it needs.

The report layer runs a fixed set of queries (interview/storage/report_queries.py) and
then builds the report model and renders it. The baseline is those same queries,
executed and fetched into Python with nothing else done, timed in the same run and
alternated with the figures. Each measure goes through the same 20 submitted sessions
from the middle of the table in turn, so no figure is one session's row count.

- load + build, first report of a content snapshot: the parsed-snapshot cache is
  emptied before each report (outside the timing), so the snapshot's JSON is parsed
  and turned into models every time: what one ``interview report`` command pays;
- load + build, snapshot already parsed: another session's report in a process that
  has built one against the same content before (the report screen, a batch);
- Markdown and HTML end to end (load, build, render), first report of the snapshot,
  against an absolute target, since that is what a reader waits for;
- the number of SQL statements one report runs (an absolute target).

``run(size)`` is what the harness calls (``quick=True``: 20 sessions, one run).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.common import Row, interleaved
from bench.dataset import build_db
from interview.reports.build import load_report
from interview.reports.export import render
from interview.reports.snapshot import clear_cache
from interview.storage import report_queries as q
from interview.storage.db import Database, open_db

GROUP = "report"
FULL = 10_000
SESSIONS = 20  # reports per measure, one per session, in turn
QUERIES = (q.SESSIONS_SQL, q.SNAPSHOTS_SQL, q.ANSWERS_SQL, q.OBSERVATIONS_SQL, q.FOLLOWUPS_SQL,
           q.SCORES_SQL, q.AMENDMENTS_SQL, q.EVENTS_SQL)  # fmt: skip
TARGET = 2.0  # the speed spec: a report costs at most twice the bare SQL it needs


def _ms(func: Callable[[str], object], sids: Sequence[str], *, cold: bool) -> Callable[[], float]:
    """Mean milliseconds per report over ``sids``; ``cold`` empties the snapshot cache
    before each one, outside the timed part."""

    def measure() -> float:
        total = 0.0
        for sid in sids:
            if cold:
                clear_cache()
            start = time.perf_counter()
            func(sid)
            total += time.perf_counter() - start
        return total * 1000 / len(sids)

    return measure


def _middle_sessions(db: Database, count: int) -> list[str]:
    """Submitted sessions from the middle of the table, not the newest ones."""
    rows = db.execute(
        "SELECT id FROM sessions WHERE status = 'submitted' ORDER BY id "
        "LIMIT ? OFFSET (SELECT count(*) / 2 FROM sessions WHERE status = 'submitted')",
        [count],
    ).fetchall()
    return [r[0] for r in rows]


def run(size: int | None = None, *, quick: bool = False, runs: int = 5) -> list[Row]:
    size = size or (20 if quick else FULL)
    runs = 1 if quick else runs
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        dataset = build_db(Path(tmp) / "report.db", sessions=size, candidates=max(1, size // 4))
        db = open_db(dataset.path, readonly=True)
        try:
            sids = _middle_sessions(db, SESSIONS)
            assert sids, "the benchmark database has no submitted session"

            def bare_sql(sid: str) -> None:
                param = f'["{sid}"]'
                for sql in QUERIES:
                    db.execute(sql, [param]).fetchall()

            statements: list[str] = []
            clear_cache()
            db.conn.set_trace_callback(statements.append)
            report = load_report(db, sids[0])
            db.conn.set_trace_callback(None)
            assert report.questions, "the benchmark session has no questions"

            measures = [
                _ms(bare_sql, sids, cold=False),
                _ms(lambda sid: load_report(db, sid), sids, cold=True),
                _ms(lambda sid: load_report(db, sid), sids, cold=False),
                _ms(lambda sid: render(load_report(db, sid), "md"), sids, cold=True),
                _ms(lambda sid: render(load_report(db, sid), "html"), sids, cold=True),
            ]
            sql, cold, warm, md, html = interleaved(runs, measures)
        finally:
            db.conn.close()
    where = f"{size:,} sessions"
    base = "the report's 8 SQL queries alone"
    target = f"≤ {TARGET:g}× the bare SQL"
    return [
        Row(name=f"report: load + build, first report of its content ({where})", unit="ms",
            values=cold, baseline_name=base, baseline=sql, target=target, target_ratio=TARGET,
            note="snapshot JSON parsed and turned into models, scores recomputed, model built "
                 "(one `interview report` command)", group=GROUP),
        Row(name=f"report: load + build, content already parsed ({where})", unit="ms",
            values=warm, baseline_name=base, baseline=sql, target=target, target_ratio=TARGET,
            note="another session's report against a snapshot this process has parsed "
                 "(report screen, batch of reports)", group=GROUP),
        Row(name=f"report: Markdown end to end ({where})", unit="ms", values=md,
            baseline_name=base, baseline=sql, target="≤ 50 ms (instant to a reader)",
            target_value=50.0, note="first report of its content", group=GROUP),
        Row(name=f"report: HTML end to end ({where})", unit="ms", values=html,
            baseline_name=base, baseline=sql, target="≤ 50 ms (instant to a reader)",
            target_value=50.0, note="first report of its content; inline CSS and SVG chart",
            group=GROUP),
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
