"""Typing lost to a hard kill: SIGKILL the real app while notes are typed at 15 chars/s.

``python -m bench.bench_typing_kill [--kills 60] [--seed 1]`` (``python -m bench --only
typing_kill`` runs it in the suite's table).

Method, for each kill:

1. The ``interview`` command a user runs (``interview --db DB``, the console script)
   starts on a fresh 120x40 pseudo-terminal with Textual's normal driver. The database
   holds one unfinished interview; this process plays the terminal: it reads every
   byte the app writes (ANSI sequences stripped) and writes keys into the pty.
2. When the home screen offers ``press r to resume`` it sends ``r``; when the interview
   screen shows its notes (``autosaved``) it sends ``i``; once the footer says
   ``Leave notes`` (the notes editor has the focus) and a short settle time has passed,
   typing starts.
3. One character every 1/15 s (15 characters per second, a fast typist's burst) is
   written into the pty, as a terminal does when a key is pressed. At a moment drawn
   uniformly between ``KILL_AFTER`` seconds after the first key, independent of the
   key clock, the app gets SIGKILL: no handler, no flush, no goodbye.
4. The notes of the session are read from the database. They must be the notes from
   before plus the first ``n`` typed characters (anything else counts as a failed
   kill). Keys sent after the ``n``-th are lost; the typing lost is the time from
   sending the first lost key to the kill (0 when nothing was lost). A key sent a few
   milliseconds before the kill counts as lost too: no program can save a key it has
   not read yet, so the floor is about one key interval.

The next kill resumes the same interview, so notes grow over the run as they would.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import random
import re
import shutil
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, bench_env, percentile

GROUP = "durability"
CPS = 15.0
KILL_AFTER = (0.5, 4.5)  # seconds of typing before the kill, drawn uniformly
SETTLE = 0.3  # after the editor has the focus, before the first key
TYPED = "the quick brown fox jumps over the lazy dog "
TARGET_MS = 200.0
KILLS = 60
ANSI = re.compile(
    rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78]"
)


class KillBenchError(RuntimeError):
    pass


@dataclass
class Kill:
    typed: int  # keys sent before the kill
    saved: int  # of them, in the database after the kill
    lost_seconds: float
    problem: str = ""


@dataclass
class KillRun:
    kills: list[Kill] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def lost_ms(self) -> list[float]:
        return [k.lost_seconds * 1000 for k in self.kills if not k.problem]

    @property
    def failures(self) -> list[str]:
        return [k.problem for k in self.kills if k.problem]


class _Screen(threading.Thread):
    """Drain the pty (a terminal must, or the app blocks) and watch for visible text."""

    def __init__(self, fd: int) -> None:
        super().__init__(daemon=True)
        self.fd = fd
        self.raw = bytearray()
        self.changed = threading.Condition()

    def run(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            with self.changed:
                self.raw += chunk
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def visible(self, since: int = 0) -> str:
        with self.changed:
            data = bytes(self.raw[since:])
        return " ".join(ANSI.sub(b"", data).decode(errors="replace").split())

    def wait_for(self, marker: str, timeout: float, since: int = 0) -> int:
        """Wait until ``marker`` shows after byte ``since``; return the bytes seen so far."""
        deadline = time.monotonic() + timeout
        while True:
            with self.changed:
                size = len(self.raw)
            if marker in self.visible(since):
                return size
            left = deadline - time.monotonic()
            if left <= 0 or not self.is_alive():
                tail = self.visible(max(0, size - 3000))[-300:]
                raise KillBenchError(f"{marker!r} never showed; screen tail: {tail}")
            with self.changed:
                self.changed.wait(min(left, 0.1))


def interview_script() -> str:
    script = Path(sys.executable).with_name("interview")
    return str(script) if script.exists() else "interview"


def prepare(db: Path, home: Path) -> str:
    """A database with one unfinished interview (as the new-session form makes it)."""
    from bench.dataset import pick_plan
    from interview.config import Config
    from interview.services.container import build_services

    old = os.environ.get("INTERVIEW_HOME")
    os.environ["INTERVIEW_HOME"] = str(home)
    try:
        services = build_services(db_path=db, config=Config())
        repo, content = services.repo, services.content
        cid = repo.find_or_create_candidate("Kill Typing")
        sid = repo.create_session(
            candidate_id=cid, interviewer="bench", role="Backend engineer", level="senior",
            plan=pick_plan(content), content=content,
        )  # fmt: skip
        services.close()
    finally:
        if old is None:
            os.environ.pop("INTERVIEW_HOME", None)
        else:
            os.environ["INTERVIEW_HOME"] = old
    return str(sid)


def _notes(db: Path, session_id: str) -> dict[str, str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return dict(
            conn.execute(
                "SELECT question_id, notes FROM answers WHERE session_id = ?", [session_id]
            ).fetchall()
        )
    finally:
        conn.close()


def saved_count(before: str, after: str, typed: str) -> int | None:
    """How many typed characters ``after`` holds: ``before`` with ``typed[:n]`` inserted at
    one place (the cursor). None when it is anything else."""
    n = len(after) - len(before)
    if n < 0 or n > len(typed):
        return None
    if n == 0:
        return 0 if after == before else None
    chunk = typed[:n]
    common = 0
    while common < len(before) and before[common] == after[common]:
        common += 1
    for at in range(max(0, common - n), common + 1):
        if (
            after[:at] == before[:at]
            and after[at : at + n] == chunk
            and after[at + n :] == before[at:]
        ):
            return n
    return None


def one_kill(
    db: Path, session_id: str, env: dict[str, str], rng: random.Random,
    kill_after: tuple[float, float], timeout: float = 60.0,
) -> Kill:  # fmt: skip
    before = _notes(db, session_id)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen(
        [interview_script(), "--db", str(db)],
        stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    screen = _Screen(master)
    screen.start()
    sent: list[float] = []
    typed = ""
    killed_at = 0.0
    try:
        seen = screen.wait_for("to resume", timeout)
        os.write(master, b"r")
        seen = screen.wait_for("autosaved", timeout, seen)
        os.write(master, b"i")
        screen.wait_for("Leave notes", timeout, seen)
        time.sleep(SETTLE)
        interval = 1 / CPS
        start = time.perf_counter()
        kill_at = start + rng.uniform(*kill_after)
        i = 0
        while True:
            due = start + i * interval
            if due >= kill_at:
                break
            time.sleep(max(0.0, due - time.perf_counter()))
            ch = TYPED[i % len(TYPED)]
            os.write(master, ch.encode())
            sent.append(time.perf_counter())
            typed += ch
            i += 1
        time.sleep(max(0.0, kill_at - time.perf_counter()))
        os.kill(proc.pid, signal.SIGKILL)
        killed_at = time.perf_counter()
    finally:
        if proc.poll() is None and not killed_at:
            proc.kill()
        proc.wait(10)
        os.close(master)
        screen.join(2)
    after = _notes(db, session_id)
    changed = [q for q in after if after[q] != before.get(q, "")]
    if len(changed) > 1:
        return Kill(len(sent), 0, 0.0, f"notes of {len(changed)} questions changed")
    qid = changed[0] if changed else ""
    n = saved_count(before.get(qid, ""), after.get(qid, ""), typed) if qid else 0
    if n is None:
        return Kill(len(sent), 0, 0.0, f"stored notes are not what was typed ({qid})")
    lost = killed_at - sent[n] if n < len(sent) else 0.0
    return Kill(len(sent), n, lost)


def run_kills(
    kills: int = KILLS,
    *,
    seed: int = 1,
    kill_after: tuple[float, float] = KILL_AFTER,
    log: bool = False,
) -> KillRun:
    work = Path(tempfile.mkdtemp(prefix="interview-bench-typing-kill-"))
    out = KillRun()
    started = time.perf_counter()
    try:
        home = work / "home"
        db = work / "notes.db"
        session_id = prepare(db, home)
        env = bench_env(INTERVIEW_HOME=str(home), TERM="xterm-256color", COLORTERM="truecolor")
        rng = random.Random(seed)
        for k in range(kills):
            kill = one_kill(db, session_id, env, rng, kill_after)
            out.kills.append(kill)
            if log:
                print(
                    f"kill {k:3d}: typed {kill.typed:3d}, saved {kill.saved:3d}, lost "
                    f"{kill.lost_seconds * 1000:6.0f} ms {kill.problem}",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out.seconds = time.perf_counter() - started
    return out


def summary(result: KillRun) -> str:
    ms = result.lost_ms
    if not ms:
        return "no kill measured"
    lost_chars = [k.typed - k.saved for k in result.kills if not k.problem]
    return (
        f"{len(ms)} kills: lost median {statistics.median(ms):.0f} ms, p90 "
        f"{percentile(ms, 90):.0f} ms, max {max(ms):.0f} ms; characters lost median "
        f"{statistics.median(lost_chars):.0f}, max {max(lost_chars)} (at {CPS:.0f}/s); "
        f"{sum(1 for v in ms if v == 0)} kills lost nothing"
    )


def run(*, quick: bool = False, runs: int = 5) -> list[Row]:
    del runs  # the kills are the runs
    result = run_kills(2 if quick else KILLS, kill_after=(0.3, 0.8) if quick else KILL_AFTER)
    return rows(result, quick=quick)


def rows(result: KillRun, *, quick: bool = False) -> list[Row]:
    note = (
        f"{summary(result)}; the real `interview` command in a 120x40 pty, typing 15 chars/s, "
        f"SIGKILL at a random moment {KILL_AFTER[0]}–{KILL_AFTER[1]} s into typing; "
        f"{result.seconds:.0f} s"
    )
    if result.failures:
        note += f"; first failure: {result.failures[0]}"
    return [
        Row(
            name=f"typing lost to SIGKILL at 15 chars/s, per kill (of {len(result.kills)})",
            unit="ms",
            values=result.lost_ms,
            target=f"max ≤ {TARGET_MS:.0f} ms",
            # A tiny run (the test suite's) judges nothing: its two kills prove it works.
            target_value=None if quick else TARGET_MS,
            note=note,
            group=GROUP,
        ),
        Row(
            name="kills whose stored notes were not the typed text",
            unit="kills",
            values=[float(len(result.failures))],
            target="0",
            target_value=0,
            group=GROUP,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=KILLS)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    result = run_kills(args.kills, seed=args.seed, log=True)
    for failure in result.failures:
        print(failure)
    ms = result.lost_ms
    print(summary(result))
    verdict = "met" if ms and max(ms) <= TARGET_MS and not result.failures else "missed"
    print(f"target: at most {TARGET_MS:.0f} ms of typing lost on every kill: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
