"""The team hub: push and pull over a real Datasette server against a local merge.

- push of 1,000 scorecards (one interviewer) to an empty inbox, against ``merge`` of
  the same file into an empty panel database; the number of HTTP requests;
- a second push (nothing to send): time and requests;
- pull of 10,000 scorecards (five interviewers) into an empty panel database, against
  ``merge`` of the five files; the number of HTTP requests.

``run()`` is what the harness calls (``quick=True``: 20 and 60 scorecards, one run).
"""

from __future__ import annotations

import math
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.common import Row, interleaved
from bench.hub_data import clone_scorecards, running_hub
from interview.services.demo import write_demo_file
from interview.services.hub_client import HubSettings
from interview.services.hub_payload import inbox_table
from interview.services.hub_sync import pull, push
from interview.services.merge import merge_databases
from interview.storage.db import open_db

GROUP = "hub"
PUSH, PULL = 1_000, 10_000


def _submitted(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(
            conn.execute(
                "SELECT count(*) FROM sessions WHERE mode = 'interview' AND status = 'submitted'"
            ).fetchone()[0]
        )
    finally:
        conn.close()


def run(*, quick: bool = False, runs: int = 3) -> list[Row]:
    from bench.dataset import bundled_content

    push_n, pull_n = (20, 60) if quick else (PUSH, PULL)
    runs = 1 if quick else runs
    work = Path(tempfile.mkdtemp(prefix="interview-bench-hub-"))
    try:
        demo = work / "demo.db"
        write_demo_file(demo, bundled_content())
        per_copy = _submitted(demo)
        many = clone_scorecards(demo, work / "pull", math.ceil(pull_n / per_copy))
        # One interviewer's file with push_n scorecards.
        name, source = max(many.items(), key=lambda kv: _submitted(kv[1]))
        one = work / "push" / "one.db"
        one.parent.mkdir()
        src = open_db(source, readonly=True, migrate=False)
        keep = [
            r[0]
            for r in src.conn.execute(
                "SELECT id FROM sessions WHERE status = 'submitted' ORDER BY id LIMIT ?", [push_n]
            )
        ]
        src.conn.close()
        shutil.copy(source, one)
        conn = sqlite3.connect(one)
        with conn:
            conn.execute("CREATE TEMP TABLE keep(id TEXT PRIMARY KEY)")
            conn.executemany("INSERT INTO keep VALUES (?)", [[k] for k in keep])
            for table in ("answers", "signal_observations", "followups", "area_scores",
                          "amendments", "session_summaries"):  # fmt: skip
                conn.execute(f"DELETE FROM {table} WHERE session_id NOT IN keep")
            conn.execute("DELETE FROM sessions WHERE id NOT IN keep")
        conn.close()
        pushed = _submitted(one)
        total = sum(_submitted(p) for p in many.values())

        with running_hub(work / "hub") as hub:
            hub_db = work / "hub" / "hub.db"
            tokens = {n: hub.token(n, "interviewer") for n in many}
            lead = HubSettings(hub.url, hub.token("Lead", "lead"), timeout=120)
            mine = HubSettings(hub.url, tokens[name], timeout=120)
            requests: dict[str, int] = {}

            def clear() -> None:
                c = sqlite3.connect(hub_db)
                with c:
                    c.execute(f"DELETE FROM {inbox_table(name)}")
                c.close()

            def timed_push() -> float:
                clear()
                t0 = time.perf_counter()
                result = push(mine, one)
                requests["push"] = result.requests
                return (time.perf_counter() - t0) * 1000

            def merge_one() -> float:
                target = work / "m1.db"
                target.unlink(missing_ok=True)
                t0 = time.perf_counter()
                merge_databases([one], target)
                return (time.perf_counter() - t0) * 1000

            push_ms, merge1_ms = interleaved(runs, [timed_push, merge_one], warmup=False)
            t0 = time.perf_counter()
            again = push(mine, one)
            again_ms = (time.perf_counter() - t0) * 1000

            clear()
            for n, path in many.items():
                push(HubSettings(hub.url, tokens[n], timeout=120), path)

            def timed_pull() -> float:
                target = work / "pulled.db"
                target.unlink(missing_ok=True)
                t0 = time.perf_counter()
                result = pull(lead, target)
                requests["pull"] = result.requests
                return (time.perf_counter() - t0) * 1000

            def merge_all() -> float:
                target = work / "m5.db"
                target.unlink(missing_ok=True)
                t0 = time.perf_counter()
                merge_databases(list(many.values()), target)
                return (time.perf_counter() - t0) * 1000

            pull_ms, merge5_ms = interleaved(runs, [timed_pull, merge_all], warmup=False)
        return [
            Row(
                name=f"push of {pushed:,} scorecards to an empty inbox",
                unit="ms",
                values=push_ms,
                baseline_name=f"merge of the same file ({pushed:,}) into an empty panel db",
                baseline=merge1_ms,
                note=f"{requests['push']} HTTP requests (batches of 100 and one read)",
                group=GROUP,
            ),
            Row(
                name="push again (nothing to send)",
                unit="ms",
                values=[again_ms],
                note=f"{again.requests} HTTP request(s); {again.line()}",
                group=GROUP,
            ),
            Row(
                name=f"pull of {total:,} scorecards into an empty panel db",
                unit="ms",
                values=pull_ms,
                baseline_name=f"merge of the {len(many)} interviewers' files",
                baseline=merge5_ms,
                note=f"{requests['pull']} HTTP requests (pages of 1,000)",
                group=GROUP,
            ),
            Row(
                name=f"pull of {total:,}: HTTP requests",
                unit="requests",
                values=[float(requests["pull"])],
                target=f"batched (≤ {math.ceil(total / 1000) + 2 * len(many) + 1})",
                target_value=math.ceil(total / 1000) + 2 * len(many) + 1,
                group=GROUP,
            ),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
