"""Two processes write interviews into one database file at once: nothing lost, never "locked".

``python -m bench.concurrent_writers [--seconds 30]``

Both writers start together on a database whose schema is in place, then each runs
whole interviews as fast as it can through the live session service, the way the app
does: notes in several saves, signals, scores,
submit, plus the home screen's session list now and then. A writer prints ``done``
with what it wrote after each interview it finished, and ``error`` with the message
for anything that raised. Afterwards every reported interview must be in the database
as reported, and no output may contain "database is locked".

``first_open_race`` checks the moment before that: two processes opening a database
that does not exist yet at the same instant (two app windows started together on a
fresh machine) must both get a working database.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, bench_env


def writer(db: Path, name: str, seconds: float, seed: int) -> None:
    from bench.dataset import pick_plan
    from interview.config import Config
    from interview.services.container import build_services
    from interview.services.live import LiveSession

    rng = random.Random(seed)
    try:
        services = build_services(db_path=db, config=Config())
    except Exception as exc:
        print(f"error start {type(exc).__name__}: {exc}", flush=True)
        return
    repo, content = services.repo, services.content
    plan = pick_plan(content)
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        try:
            cid = repo.find_or_create_candidate(f"{name} candidate {n}")
            sid = repo.create_session(
                candidate_id=cid,
                interviewer=name,
                role="Backend engineer",
                level="mid",
                plan=plan,
                content=content,
            )
            live = LiveSession(repo, sid)
            notes: dict[str, str] = {}
            signals = 0
            for index, (_, question) in enumerate(live.items):
                live.goto(index, float(index))
                text = ""
                for burst in range(3):
                    text += f"{name} {n} {question.id} burst {burst}. "
                    live.save_notes(question.id, text, float(burst), float(index))
                notes[question.id] = text
                live.toggle_signal(question.id, question.senior_signals[0].id)
                signals += 1
            for area in live.rubric.areas:
                live.set_score(area.id, rng.randint(1, 4))
            live.submit(f"{name} submitted interview {n}")
            if rng.random() < 0.3:
                repo.list_sessions(limit=50)
            print("done " + json.dumps({"id": sid, "notes": notes, "signals": signals}), flush=True)
        except Exception as exc:
            last = traceback.extract_tb(exc.__traceback__)[-1]
            print(f"error {type(exc).__name__}: {exc} ({last.filename}:{last.lineno})", flush=True)


@dataclass
class WritersReport:
    seconds: float
    written: int = 0
    lost: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    locked: int = 0


def run_writers(seconds: float = 30.0, *, workdir: Path | None = None) -> WritersReport:
    work = Path(workdir or tempfile.mkdtemp(prefix="interview-writers-"))
    db = work / "shared.db"
    env = bench_env(INTERVIEW_HOME=str(work / "home"))
    from interview.storage.db import open_db

    open_db(db).conn.close()  # the schema first: the start-up race is first_open_race's
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--writer", str(db), name, str(seconds), str(i)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        for i, name in enumerate(("alpha", "beta"))
    ]
    report = WritersReport(seconds=seconds)
    done: list[dict[str, object]] = []
    for proc in procs:
        out, err = proc.communicate(timeout=seconds + 120)
        report.locked += (out + err).lower().count("database is locked")
        for line in out.splitlines():
            if line.startswith("done "):
                done.append(json.loads(line[5:]))
            elif line.startswith("error "):
                report.errors.append(line[6:])
        if proc.returncode != 0:
            report.errors.append(f"writer exited {proc.returncode}: {err.strip()[-300:]}")
    report.written = len(done)
    report.lost = _lost(db, done)
    return report


OPEN = """
import sys
from pathlib import Path
from interview.storage.db import StorageError, open_db
with open(sys.argv[2], "rb") as gate:  # imports done: wait for the common start signal
    gate.read()
try:
    open_db(Path(sys.argv[1])).conn.close()
    print("ok")
except StorageError as exc:
    print(exc)
"""


def first_open_race(pairs: int = 20, *, workdir: Path | None = None) -> list[str]:
    """Open a new database from two processes at once, ``pairs`` times; the failures."""
    work = Path(workdir or tempfile.mkdtemp(prefix="interview-open-race-"))
    env = bench_env(INTERVIEW_HOME=str(work / "home"))
    failures = []
    for i in range(pairs):
        db, gate = work / f"race-{i}.db", work / f"gate-{i}"
        os.mkfifo(gate)
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", OPEN, str(db), str(gate)],
                stdout=subprocess.PIPE,
                text=True,
                env=env,
            )
            for _ in range(2)
        ]
        # Opening the FIFO for writing waits for a reader; once both children are blocked
        # reading it, closing it releases them at the same moment.
        with open(gate, "wb") as fh:
            time.sleep(0.05)
            while not _both_waiting(gate, procs):
                time.sleep(0.01)
            fh.write(b"go")
        for proc in procs:
            out = proc.communicate(timeout=60)[0].strip()
            if out != "ok":
                failures.append(out.splitlines()[-1] if out else f"exit {proc.returncode}")
    return failures


def _both_waiting(gate: Path, procs: list[subprocess.Popen[str]]) -> bool:
    """Both children have the gate open (or one died, which the caller will see)."""
    target = str(gate)
    for proc in procs:
        if proc.poll() is not None:
            return True
        try:
            fds = os.listdir(f"/proc/{proc.pid}/fd")
            if not any(os.readlink(f"/proc/{proc.pid}/fd/{fd}") == target for fd in fds):
                return False
        except OSError:
            return False
    return True


def _lost(db: Path, done: list[dict[str, object]]) -> list[str]:
    if not done:
        return []
    conn = sqlite3.connect(db, timeout=10)
    try:
        lost = []
        if conn.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            lost.append("integrity_check failed")
        for item in done:
            sid = str(item["id"])
            row = conn.execute("SELECT status FROM sessions WHERE id = ?", [sid]).fetchone()
            if not row or row[0] != "submitted":
                lost.append(f"session {sid[:8]}: {'missing' if not row else row[0]}")
                continue
            stored = dict(
                conn.execute(
                    "SELECT question_id, notes FROM answers WHERE session_id = ?", [sid]
                ).fetchall()
            )
            notes = item["notes"]
            assert isinstance(notes, dict)
            lost += [f"notes {sid[:8]}/{q}" for q, text in notes.items() if stored.get(q) != text]
            signals = conn.execute(
                "SELECT count(*) FROM signal_observations WHERE session_id = ? AND observed = 1",
                [sid],
            ).fetchone()[0]
            if signals != item["signals"]:
                lost.append(f"signals {sid[:8]}: {signals} of {item['signals']}")
        return lost
    finally:
        conn.close()


def run(*, quick: bool = False) -> list[Row]:
    race = first_open_race(2 if quick else 20)
    report = run_writers(2.0 if quick else 30.0)
    note = (
        f"{report.written} interviews written by 2 processes in {report.seconds:.0f} s; "
        f"{len(report.lost)} lost; {report.locked} 'database is locked'; "
        f"{len(report.errors)} other errors"
    )
    if report.errors:
        note += f"; first error: {report.errors[0]}"
    if report.lost:
        note += f"; first loss: {report.lost[0]}"
    pairs = 2 if quick else 20
    return [
        Row(
            name=f"first start of two processes on a new database: failed opens, of {pairs} pairs",
            unit="errors",
            values=[float(len(race))],
            target="0",
            target_value=0,
            note=f"first error: {race[0]}" if race else "",
            group="durability",
        ),
        Row(
            name=f"concurrent writers, 2 x {report.seconds:.0f} s: lost + locked + errors",
            unit="errors",
            values=[float(len(report.lost) + report.locked + len(report.errors))],
            target="0",
            target_value=0,
            note=note,
            group="durability",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--writer", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.writer:
        db, name, seconds, seed = args.writer
        writer(Path(db), name, float(seconds), int(seed))
        return 0
    report = run_writers(args.seconds)
    for line in report.errors + report.lost:
        print(line)
    print(f"{report.written} interviews written, {len(report.lost)} lost, "
          f"{report.locked} 'database is locked', {len(report.errors)} errors")  # fmt: skip
    return 0 if not (report.lost or report.errors or report.locked) else 1


if __name__ == "__main__":
    raise SystemExit(main())
