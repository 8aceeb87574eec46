"""One candidate report in a database of 10,000 sessions, against the bare SQL it needs.

The report layer runs a fixed set of queries (interview/storage/report_queries.py) and
then builds the report model and renders it. The baseline is those same queries,
executed and fetched into Python with nothing else done, timed in the same run and
alternated with the figures. Each measure goes through the same 20 submitted sessions
from the middle of the table in turn, so no figure is one session's row count.

- ``interview report SESSION -o FILE.md`` as a user runs it (a new process each time:
  start-up, queries, build, render, write) against the nearest thing a user has without
  it: the ``sqlite-utils query`` command line reading the same rows (the report's eight
  queries as one UNION ALL of JSON rows) from the same database. Target ≤ 1.5x;
- Markdown and HTML end to end in-process (load, build, render), first report of the snapshot,
  against an absolute target, since that is what a reader waits for;
- the number of SQL statements one report runs (an absolute target).

``run(size)`` is what the harness calls (``quick=True``: 20 sessions, one run).
"""

from __future__ import annotations

import os
import subprocess
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
CLI_TARGET = 1.5  # `interview report` to a file against `sqlite-utils query`

# The rows the report reads, as one statement for `sqlite-utils query` (one process, like
# the report command). :sid is the session id.
ONE_QUERY = """
SELECT json_object('t','session','id',s.id,'c',c.name,'code',c.code,'i',s.interviewer,
  'j',s.justification,'w',s.weighted_score,'r',s.recommendation) AS row
FROM sessions s JOIN candidates c ON c.id = s.candidate_id WHERE s.id = :sid
UNION ALL SELECT json_object('t','snapshot','s',snapshot) FROM content_snapshots
  WHERE hash = (SELECT content_hash FROM sessions WHERE id = :sid)
UNION ALL SELECT json_object('t','answer','q',question_id,'n',notes,'e',elapsed_seconds)
  FROM answers WHERE session_id = :sid
UNION ALL SELECT json_object('t','obs','q',question_id,'s',signal_id,'k',kind,'o',observed)
  FROM signal_observations WHERE session_id = :sid
UNION ALL SELECT json_object('t','fu','q',question_id,'f',follow_up_id,'x',text,'a',asked)
  FROM followups WHERE session_id = :sid
UNION ALL SELECT json_object('t','score','a',area_id,'q',question_id,'s',score)
  FROM area_scores WHERE session_id = :sid AND score IS NOT NULL
UNION ALL SELECT json_object('t','amend','r',reason,'c',changes)
  FROM amendments WHERE session_id = :sid
UNION ALL SELECT json_object('t','event','k',kind,'d',detail)
  FROM events WHERE session_id = :sid
"""


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _process_ms(args_for: Callable[[str], list[str]], sids: Sequence[str]) -> Callable[[], float]:
    """Mean milliseconds per process run over ``sids``."""

    def measure() -> float:
        total = 0.0
        for sid in sids:
            args = args_for(sid)
            start = time.perf_counter()
            subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            total += time.perf_counter() - start
        return total * 1000 / len(sids)

    return measure


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
                _ms(lambda sid: render(load_report(db, sid), "md"), sids, cold=True),
                _ms(lambda sid: render(load_report(db, sid), "html"), sids, cold=True),
            ]
            sql, md, html = interleaved(runs, measures)
            out = Path(tmp) / "out"
            out.mkdir()
            env_db = str(dataset.path)
            cli_sids = sids[: 5 if runs > 1 else 1]
            cli_measures = [
                _process_ms(
                    lambda sid: [_bin("interview"), "report", sid, "--db", env_db, "-o",
                                 str(out / f"{sid}.md"), "--force"],
                    cli_sids,
                ),
                _process_ms(
                    lambda sid: [_bin("sqlite-utils"), "query", env_db, ONE_QUERY, "-p", "sid",
                                 sid],
                    cli_sids,
                ),
            ]  # fmt: skip
            os.environ.setdefault("INTERVIEW_HOME", tmp)
            cli, sqlite_utils = interleaved(runs, cli_measures)
        finally:
            db.conn.close()
    where = f"{size:,} sessions"
    base = "the report's 8 SQL queries alone"
    return [
        Row(name=f"interview report SESSION -o FILE.md, a new process ({where})", unit="ms",
            values=cli, baseline_name="sqlite-utils query reading the same rows",
            baseline=sqlite_utils, target=f"≤ {CLI_TARGET:g}x", target_ratio=CLI_TARGET,
            note="both start a Python process, open the database and read one session's "
                 "rows; the report also builds, renders and writes the file", group=GROUP),
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
