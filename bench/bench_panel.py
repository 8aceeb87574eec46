"""The hiring panel at scale: merge, ranked list and calibration.

Builds one database per interviewer (40 of them) holding ``size`` sessions in all over
``size / 4`` candidates, each candidate seen by four interviewers and recorded under
the same candidate code in each of their files. Then measures, against baselines
timed in the same run:

- merging the 40 files into a new panel database (one transaction) against copying
  rows with a commit per row (timed on the first files only, reported per 1,000
  sessions, since the baseline at full size takes minutes);
- merging them again (nothing to add: idempotent), same unit;
- the ranked list (two queries) against the same aggregation fetched N+1 style,
  one query per candidate and per session;
- calibration (two queries) against N+1 fetching;
- the ``candidate_summary`` view as Datasette would run it;
- the number of SQL statements the ranked list and calibration run.

``run(size)`` is what the harness calls (``quick=True``: 400 sessions, one run).
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import mean
from typing import Any

from bench.common import Row, interleaved
from bench.dataset import bundled_content, pick_plan
from bench.panel_reference import build_ranking, build_report
from interview.domain.records import iso
from interview.domain.scoring import score
from interview.services.merge import merge_databases
from interview.services.panel import PanelService
from interview.storage.db import open_db
from interview.storage.repository import Repository

GROUP = "panel"
FULL = 10_000
INTERVIEWERS = 40
PER_CANDIDATE = 4
WORDS = (
    "idempotency", "retries", "timeout", "index", "transaction", "cache", "queue", "tracing",
)  # fmt: skip


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _insert_sql(table: str, cols: list[str], verb: str = "") -> str:
    marks = ",".join("?" * len(cols))
    return f"INSERT {verb} INTO {table}({','.join(cols)}) VALUES ({marks})"


def build_sources(folder: Path, size: int, seed: int = 7) -> list[Path]:
    """One database per interviewer, rows bulk-inserted through the real schema."""
    rng = random.Random(seed)
    content = bundled_content()
    plan = pick_plan(content)
    rubric = content.rubric_for(plan)
    questions = [q for _, q in content.plan_questions(plan)]
    snapshot = json.dumps(content.snapshot(plan), sort_keys=True, ensure_ascii=False)
    chash = content.content_hash(plan)
    names = [f"Interviewer {i:02d}" for i in range(INTERVIEWERS)]
    bias = {n: rng.uniform(-0.6, 0.6) for n in names}
    start = datetime(2025, 1, 1, tzinfo=UTC)
    rows: dict[str, dict[str, list[tuple[Any, ...]]]] = {n: defaultdict(list) for n in names}
    cand_ids: dict[tuple[str, int], str] = {}
    candidates = max(1, size // PER_CANDIDATE)
    made = 0
    for c in range(candidates):
        level = rng.uniform(1.2, 3.8)
        panel = rng.sample(names, PER_CANDIDATE)
        for who in panel:
            if made >= size:
                break
            made += 1
            key = (who, c)
            if key not in cand_ids:
                cand_ids[key] = _uuid(rng)
                at = iso(start + timedelta(days=c % 700))
                rows[who]["candidates"].append(
                    (cand_ids[key], f"Candidate {c:05d}", f"P-{c:05d}", at, at)
                )
            sid = _uuid(rng)
            when = start + timedelta(days=c % 700, hours=rng.uniform(0, 8))
            at = iso(when)
            scores = {
                a.id: max(1, min(4, round(level + bias[who] + rng.gauss(0, 0.6))))
                for a in rubric.areas
                if rng.random() < 0.92
            }
            result = score(rubric, scores)
            rows[who]["sessions"].append(
                (sid, cand_ids[key], who, "Backend engineer", "senior", plan.id, plan.title,
                 plan.rubric_id, chash, "interview", "submitted", at, at, at, "Justified.",
                 result.weighted, str(result.recommendation) if result.recommendation else None)
            )  # fmt: skip
            for pos, q in enumerate(questions):
                notes = " ".join(rng.choice(WORDS) for _ in range(30))
                rows[who]["answers"].append((_uuid(rng), sid, q.id, pos, notes, 300.0, at))
                for sig in q.senior_signals[:2]:
                    rows[who]["signal_observations"].append(
                        (_uuid(rng), sid, q.id, sig.id, "senior", 1, "interviewer", at)
                    )
            for area, value in scores.items():
                rows[who]["area_scores"].append((_uuid(rng), sid, area, "", value, at))
            rows[who]["events"].append((_uuid(rng), sid, at, who, "session_started", "{}"))
            rows[who]["events"].append((_uuid(rng), sid, at, who, "submitted", "{}"))
    columns = {
        "candidates": "id name code created_at updated_at",
        "sessions": "id candidate_id interviewer role level plan_id plan_title rubric_id "
        "content_hash mode status started_at updated_at submitted_at justification "
        "weighted_score recommendation",
        "answers": "id session_id question_id position notes elapsed_seconds updated_at",
        "signal_observations": "id session_id question_id signal_id kind observed source "
        "updated_at",
        "area_scores": "id session_id area_id question_id score updated_at",
        "events": "id session_id at actor kind detail",
    }
    inserts = {t: _insert_sql(t, c.split()) for t, c in columns.items()}
    paths = []
    for i, who in enumerate(names):
        path = folder / f"interviewer-{i:02d}.db"
        db = open_db(path)
        conn = db.conn
        with conn:
            conn.execute(
                "INSERT INTO content_snapshots(hash, snapshot) VALUES (?, ?)", [chash, snapshot]
            )
            for table, sql in inserts.items():
                conn.executemany(sql, rows[who][table])
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------- baselines

TABLES = ("candidates", "content_snapshots", "sessions", "answers", "signal_observations",
          "area_scores", "events")  # fmt: skip


def naive_merge(sources: list[Path], target: Path) -> int:
    """Copy every row with its own transaction. Returns the sessions copied."""
    conn = open_db(target).conn
    copied = 0
    for src_path in sources:
        src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
        for table in TABLES:
            cur = src.execute(f"SELECT * FROM {table}")
            cols = [d[0] for d in cur.description]
            sql = _insert_sql(table, cols, "OR IGNORE")
            for row in cur:
                with conn:
                    conn.execute(sql, row)
                copied += table == "sessions"
        src.close()
    conn.close()
    return copied


def naive_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The scorecard rows the panel needs, fetched one candidate and one session at a time."""
    out = []
    for cid, name, code in conn.execute("SELECT id, name, code FROM candidates").fetchall():
        sessions = conn.execute(
            "SELECT id, interviewer, role, recommendation, weighted_score, content_hash, "
            "submitted_at FROM sessions WHERE candidate_id = ? AND mode = 'interview' "
            "AND status = 'submitted' ORDER BY submitted_at, id",
            [cid],
        ).fetchall()
        for sid, who, role, rec, weighted, chash, sub in sessions:
            scores = conn.execute(
                "SELECT area_id, score FROM area_scores WHERE session_id = ? AND question_id = '' "
                "AND score IS NOT NULL",
                [sid],
            ).fetchall()
            base = {
                "session_id": sid, "candidate_id": cid, "name": name, "code": code,
                "interviewer": who, "role": role, "recommendation": rec,
                "weighted_score": weighted, "content_hash": chash, "submitted_at": sub,
            }  # fmt: skip
            for area, value in scores or [(None, None)]:
                out.append({**base, "area_id": area, "score": value})
    return out


def naive_rubrics(conn: sqlite3.Connection) -> dict[str, Any]:
    return {
        h: json.loads(s)["rubric"]
        for h, s in conn.execute("SELECT hash, snapshot FROM content_snapshots").fetchall()
    }


# ---------------------------------------------------------------------------- measuring


def _ms(fn: Callable[[], object]) -> Callable[[], float]:
    def measure() -> float:
        t0 = time.perf_counter()
        fn()
        return (time.perf_counter() - t0) * 1000

    return measure


def _statements(conn: sqlite3.Connection, fn: Callable[[], object]) -> int:
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        fn()
    finally:
        conn.set_trace_callback(None)
    return len(seen)


def run(size: int = FULL, *, quick: bool = False, runs: int = 3) -> list[Row]:
    if quick:
        size, runs = min(size, 400), 1
    work = Path(tempfile.mkdtemp(prefix="interview-bench-panel-"))
    try:
        return _run(work, size, runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(work: Path, size: int, runs: int) -> list[Row]:
    sources = build_sources(work / "src", size)
    sessions_per_source = size / len(sources)
    # The commit-per-row baseline runs on the first files only (~1,000 sessions).
    sample = sources[: max(1, min(len(sources), round(1000 / sessions_per_source)))]
    counter = iter(range(10**6))

    def merge_fresh() -> float:
        target = work / f"panel-{next(counter)}.db"
        t0 = time.perf_counter()
        merge_databases(sources, target)
        elapsed = (time.perf_counter() - t0) * 1000
        shutil.rmtree(target, ignore_errors=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        return elapsed / size * 1000

    def merge_naive() -> float:
        target = work / f"naive-{next(counter)}.db"
        t0 = time.perf_counter()
        copied = naive_merge(sample, target)
        elapsed = (time.perf_counter() - t0) * 1000
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        return elapsed / max(1, copied) * 1000

    merged, naive = interleaved(runs, [merge_fresh, merge_naive], warmup=False)

    panel = work / "panel.db"
    summary = merge_databases(sources, panel)
    candidates = len({s for s in _codes(panel)})

    def remerge() -> float:
        t0 = time.perf_counter()
        again = merge_databases(sources, panel)
        assert not again.changed
        return (time.perf_counter() - t0) * 1000 / size * 1000

    remerged = [remerge() for _ in range(runs)]

    repo = Repository(open_db(panel, readonly=True))
    service = PanelService(repo)
    conn = repo.db.conn
    from interview.services.calibration import CalibrationService

    calib = CalibrationService(repo)
    ranking_ms, ranking_naive = interleaved(
        runs,
        [
            _ms(lambda: service.ranking("Backend").filtered()),
            _ms(lambda: build_ranking(naive_rows(conn), naive_rubrics(conn)).filtered()),
        ],
    )
    calib_ms, calib_naive = interleaved(
        runs,
        [
            _ms(calib.report),
            _ms(lambda: build_report(naive_rows(conn), naive_rubrics(conn))),
        ],
    )
    view_ms = [
        _ms(lambda: conn.execute("SELECT * FROM candidate_summary").fetchall())()
        for _ in range(runs)
    ]
    ranking_q = _statements(conn, lambda: service.ranking("Backend"))
    calib_q = _statements(conn, calib.report)
    naive_q = _statements(conn, lambda: naive_rows(conn))
    report = calib.report()
    alphas = ", ".join(f"{a.area_id} {a.alpha:.2f}" for a in report.areas if a.alpha is not None)
    conn.close()
    e2e = _end_to_end(panel, runs)

    scale = f"{size:,} sessions, {candidates:,} candidates, {len(sources)} interviewers"
    return [*e2e,
        Row("merge 40 interviewer files into a new panel db", "ms/1k sessions", merged,
            "commit per row", naive, target="≤ 0.1× commit-per-row", target_ratio=0.1,
            note=f"{scale}; one transaction; baseline timed on {len(sample)} file(s); "
                 f"{summary.total('candidates_by_code'):,} candidates matched by code",
            group=GROUP),
        Row("merge the same files again (idempotent)", "ms/1k sessions", remerged,
            target="adds nothing", note="fingerprints every session on both sides", group=GROUP),
        Row("ranked list for a role", "ms", ranking_ms, "N+1 queries", ranking_naive,
            target="≤ 0.5× N+1", target_ratio=0.5, note=scale, group=GROUP),
        Row("calibration (offsets, ordinal alpha per area)", "ms", calib_ms, "N+1 queries",
            calib_naive, target="≤ 0.5× N+1", target_ratio=0.5, note=f"alpha: {alphas}",
            group=GROUP),
        Row("candidate_summary view (Datasette)", "ms", view_ms, target="≤ 1000 ms",
            target_value=1000, note="Datasette's default time limit is 1 s", group=GROUP),
        Row("SQL statements: ranked list", "statements", [float(ranking_q)],
            target="fixed (≤ 3)", target_value=3, note=f"N+1 style: {naive_q:,}", group=GROUP),
        Row("SQL statements: calibration", "statements", [float(calib_q)],
            target="fixed (≤ 4)", target_value=4, group=GROUP),
    ]  # fmt: skip


# What the two commands need from the database, for the sqlite3 shell: the aggregates
# the commands read, so the ratio is the commands' own overhead (start-up, Python work,
# output). The ranked list: per candidate and area the mean, the spread and the
# scorecards, with the candidate's name and code; each scorecard's interviewer, role,
# recommendation and content, oldest first (the latest scorecard's rubric scores the
# candidate, blind mode and --filter go by interviewer; demo data is marked); and the
# rubrics, whose weights and policy turn the means into the combined score and
# recommendation (the rubrics of snapshots a submitted scorecard uses, as the command
# asks for them since run Q). (Before run P this baseline held the first statement only.)
RANKING_SQL = """
SELECT c.id, c.name, c.code, a.area_id, avg(a.score), max(a.score) - min(a.score),
       count(DISTINCT s.id)
FROM sessions s JOIN candidates c ON c.id = s.candidate_id
LEFT JOIN area_scores a ON a.session_id = s.id AND a.question_id = '' AND a.score IS NOT NULL
WHERE s.mode = 'interview' AND s.status = 'submitted'
GROUP BY c.id, a.area_id ORDER BY c.id, a.area_id;
SELECT s.candidate_id, s.interviewer, s.role, s.recommendation, s.content_hash,
       EXISTS (SELECT 1 FROM events e WHERE e.kind = 'sample_data' AND e.session_id = s.id)
FROM sessions s
WHERE s.mode = 'interview' AND s.status = 'submitted' ORDER BY s.submitted_at, s.id;
SELECT c.hash, json_extract(c.snapshot, '$.rubric') FROM content_snapshots c
WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.content_hash = c.hash
              AND s.mode = 'interview' AND s.status = 'submitted');
"""
# Calibration shows three things, and each needs its own aggregate: every interviewer's
# mean offset per area (leave-one-out, computed by SQLite); the agreement per area
# (Krippendorff's alpha needs how many interviewers gave each score to each candidate
# in each area); and how often each interviewer's recommendation differs from the
# panel's (each scorecard's recommendation, oldest first, since the panel's comes from
# the means through the latest rubric), with each scorecard's demo-data mark. Before
# run P this baseline held the offsets only, less than the command needs.
CALIBRATION_SQL = """
WITH scored AS (
  SELECT s.candidate_id, s.interviewer, a.area_id, a.score FROM sessions s
  JOIN area_scores a ON a.session_id = s.id AND a.question_id = '' AND a.score IS NOT NULL
  WHERE s.mode = 'interview' AND s.status = 'submitted'),
units AS (SELECT candidate_id, area_id, sum(score) AS total, count(*) AS n FROM scored
          GROUP BY candidate_id, area_id HAVING count(*) > 1)
SELECT x.interviewer, x.area_id,
       avg(x.score - (u.total - x.score) * 1.0 / (u.n - 1)) AS offset, count(*)
FROM scored x JOIN units u ON u.candidate_id = x.candidate_id AND u.area_id = x.area_id
GROUP BY x.interviewer, x.area_id;
SELECT s.candidate_id, a.area_id, a.score, count(*) FROM sessions s
  JOIN area_scores a ON a.session_id = s.id AND a.question_id = '' AND a.score IS NOT NULL
WHERE s.mode = 'interview' AND s.status = 'submitted'
GROUP BY s.candidate_id, a.area_id, a.score;
SELECT s.candidate_id, s.interviewer, s.recommendation, s.content_hash,
       EXISTS (SELECT 1 FROM events e WHERE e.kind = 'sample_data' AND e.session_id = s.id)
FROM sessions s
WHERE s.mode = 'interview' AND s.status = 'submitted' ORDER BY s.submitted_at, s.id;
SELECT c.hash, json_extract(c.snapshot, '$.rubric') FROM content_snapshots c
WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.content_hash = c.hash
              AND s.mode = 'interview' AND s.status = 'submitted');
"""


def compile_package() -> None:
    """Write the package's bytecode, as installing it does (pip compiles every module).

    An editable install run with PYTHONDONTWRITEBYTECODE (as on the benchmark machine)
    otherwise recompiles every module of ``interview`` on each start, which no
    installed copy does; the sqlite3 shell it is compared with is compiled too."""
    import compileall

    import interview

    compileall.compile_dir(Path(interview.__file__).parent, quiet=1)


def _end_to_end(panel: Path, runs: int) -> list[Row]:
    """`interview panel` and `interview calibration` to a pipe, new process each time,
    against the sqlite3 shell running the aggregate SQL they need."""
    import shutil as sh
    import subprocess
    import sys

    sqlite3_cli = sh.which("sqlite3")
    interview = str(Path(sys.executable).with_name("interview"))

    def timed(args: list[str], stdin: str | None = None) -> Callable[[], float]:
        def measure() -> float:
            t0 = time.perf_counter()
            subprocess.run(args, input=stdin, text=True, check=True,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)  # fmt: skip
            return (time.perf_counter() - t0) * 1000

        return measure

    if sqlite3_cli is None:
        from bench.common import not_available

        return [not_available("panel and calibration end to end", "no sqlite3 shell", GROUP)]
    db = str(panel)
    compile_package()
    ours, base = interleaved(
        runs,
        [
            timed([interview, "panel", "--db", db, "--as", "bench", "--lead"]),
            timed([sqlite3_cli, "-readonly", db], RANKING_SQL),
        ],
    )
    cal, cal_base = interleaved(
        runs,
        [
            timed([interview, "calibration", "--db", db]),
            timed([sqlite3_cli, "-readonly", db], CALIBRATION_SQL),
        ],
    )
    note = (
        "a new process each time, output to a pipe, the package's bytecode compiled as an "
        "install does; the SQL (what each command reads) is in bench/bench_panel.py"
    )
    return [
        Row("interview panel (ranked list) to a pipe", "ms", ours,
            "sqlite3 shell, the aggregate SQL", base, target="≤ 2x", target_ratio=2.0,
            note=note, group=GROUP),
        Row("interview calibration to a pipe", "ms", cal, "sqlite3 shell, the aggregate SQL",
            cal_base, target="≤ 2x", target_ratio=2.0, note=note, group=GROUP),
    ]  # fmt: skip


def _codes(panel: Path) -> list[str]:
    conn = sqlite3.connect(panel)
    try:
        return [c for (c,) in conn.execute("SELECT code FROM candidates")]
    finally:
        conn.close()


if __name__ == "__main__":
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else FULL
    for row in run(n, runs=1):
        base = f" vs {mean(row.baseline):.1f} ({row.baseline_name})" if row.baseline else ""
        print(f"{row.name}: {mean(row.values):.1f} {row.unit}{base} — {row.note}")
