"""Kill test: SIGKILL a scripted interview at random moments; nothing reported saved is lost.

``python -m bench.kill_test [--kills 100] [--seed 1]``

A child process runs a scripted interview against a file database through the live
session service: notes typed in bursts, signals ticked, areas scored, the scorecard
submitted, then the next interview. It prints ``saved ...`` after each save returns.
The parent kills it with SIGKILL after a random delay (some kills land during start-up
and migrations, most while writing), then checks:

- ``PRAGMA integrity_check`` is ``ok``;
- every note, signal, score and submission the child reported saved is in the database
  (notes only grow, so the stored notes must start with the reported text);
- the session resumes: the live session service loads it and its notes and position
  match the database; the next child resumes it and continues typing from there.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, bench_env

if TYPE_CHECKING:
    from interview.services.live import LiveSession

NOTE_LENGTH = 360
ALPHABET = "abcdefghijklmnopqrstuvwxyz  ,.;:!?-'\"[]()<>&é漢🙂\t"
# Typed through the app as key presses: letters and spaces.
UI_ALPHABET = "abcdefghijklmnopqrstuvwxyz    "
UI_NOTE_LENGTH = 80


def note_text(session_id: str, question_id: str, ui: bool = False) -> str:
    """The full note a scripted interviewer types for one question: the same every run."""
    rng = random.Random(hashlib.sha256(f"{session_id}/{question_id}".encode()).digest())
    alphabet, length = (UI_ALPHABET, UI_NOTE_LENGTH) if ui else (ALPHABET, NOTE_LENGTH)
    return "".join(rng.choice(alphabet) for _ in range(length))


# ---------------------------------------------------------------- the child


def child(db: Path, seed: int) -> None:
    from bench.dataset import pick_plan
    from interview.config import Config
    from interview.services.container import build_services
    from interview.services.live import LiveSession

    rng = random.Random(seed)
    services = build_services(db_path=db, config=Config())
    repo, content = services.repo, services.content
    say = _printer()
    while True:
        unfinished = repo.unfinished()
        if unfinished:
            sid = unfinished[0].id
            say(f"resume {sid}")
        else:
            plan = pick_plan(content)
            cid = repo.find_or_create_candidate(f"Kill Test {rng.randrange(10**6)}")
            sid = repo.create_session(
                candidate_id=cid,
                interviewer="kill-test",
                role="Backend engineer",
                level="senior",
                plan=plan,
                content=content,
            )
            say(f"saved session {sid}")
        live = LiveSession(repo, sid)
        _interview(live, rng, say)


def _interview(live: LiveSession, rng: random.Random, say: Callable[[str], None]) -> None:
    sid = live.id
    for index in range(live.index, len(live.items)):
        if index != live.index:
            live.goto(index, session_elapsed=float(index * 60))
            say(f"saved index {sid} {index}")
        question = live.items[index][1]
        full = note_text(sid, question.id)
        notes = live.notes(question.id)
        while len(notes) < len(full):
            notes = full[: len(notes) + rng.randint(3, 40)]
            live.save_notes(question.id, notes, float(len(notes)), float(index * 60))
            say(f"saved notes {sid} {question.id} {len(notes)}")
            time.sleep(rng.uniform(0, 0.012))
        for sig in question.senior_signals[:2]:
            if sig.id not in live.observed(question.id):
                live.toggle_signal(question.id, sig.id)
                say(f"saved signal {sid} {question.id} {sig.id}")
    for i, area in enumerate(live.rubric.areas):
        if area.id not in live.state.scores:
            live.set_score(area.id, 1 + i % 4)
            say(f"saved score {sid} {area.id} {1 + i % 4}")
    live.submit("Scripted by the kill test.")
    say(f"saved submit {sid}")


def ui_child(db: Path, seed: int) -> None:
    """The same interview typed into the real app (headless), saved by its own autosave.

    "saved notes" is printed from the app's autosave writer right after each write
    commits; "resumed" tells what the notes editor shows when the session reopens.
    """
    import asyncio

    from bench.dataset import pick_plan
    from interview.config import Config
    from interview.services.container import build_services
    from interview.tui.app import build_app
    from interview.tui.screens.interview import InterviewScreen
    from interview.tui.widgets.notes import NotesEditor

    rng = random.Random(seed)
    services = build_services(db_path=db, config=Config())
    repo, content = services.repo, services.content
    say = _printer()
    unfinished = repo.unfinished()
    if unfinished:
        sid = unfinished[0].id
    else:
        cid = repo.find_or_create_candidate(f"UI Kill Test {rng.randrange(10**6)}")
        sid = repo.create_session(
            candidate_id=cid, interviewer="kill-test", role="Backend engineer", level="senior",
            plan=pick_plan(content), content=content,
        )  # fmt: skip
        say(f"saved session {sid}")

    async def drive() -> None:
        app = build_app(services)
        async with app.run_test(size=(120, 40)) as pilot:
            app.open_session(sid)
            while not (isinstance(app.screen, InterviewScreen) and app.screen.query(NotesEditor)):
                await pilot.pause(0.02)
            screen = app.screen
            assert isinstance(screen, InterviewScreen)
            writer = screen._writer
            assert writer is not None
            reported = writer._on_saved

            def on_saved(job: Any) -> None:
                say(f"saved notes {job.session_id} {job.question_id} {len(job.notes)}")
                if reported is not None:
                    reported(job)

            writer._on_saved = on_saved
            editor = screen.query_one(NotesEditor)
            editor.focus()
            await pilot.pause()
            say(f"resumed {sid} {screen._editor_qid} {len(editor.text)}")
            while True:
                qid = screen._editor_qid
                full = note_text(sid, qid, ui=True)
                while len(editor.text) < len(full):
                    burst = full[len(editor.text) : len(editor.text) + rng.randint(3, 25)]
                    await pilot.press(*("space" if ch == " " else ch for ch in burst))
                    await pilot.pause(rng.uniform(0, 0.6))
                if screen.live.index == len(screen.live.items) - 1:
                    break
                await pilot.press("ctrl+n")
                while screen._editor_qid == qid:
                    await pilot.pause(0.02)
            # Let the app's own autosave write the last burst (no explicit save).
            while repo.load_state(sid).answers.get(screen._editor_qid) is None or (
                repo.load_state(sid).answers[screen._editor_qid].notes != editor.text
            ):
                await pilot.pause(0.1)
        live = LiveSession(repo, sid)
        for area in live.rubric.areas:
            live.set_score(area.id, 2)
        live.submit("Typed by the kill test.")
        say(f"saved submit {sid}")

    from interview.services.live import LiveSession

    asyncio.run(drive())


def _printer() -> Callable[[str], None]:
    def say(line: str) -> None:
        os.write(1, (line + "\n").encode())  # unbuffered: printed means the save returned

    return say


# ---------------------------------------------------------------- the parent


@dataclass
class Expected:
    notes: dict[tuple[str, str], int] = field(default_factory=dict)
    signals: set[tuple[str, str, str]] = field(default_factory=set)
    scores: dict[tuple[str, str], int] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)
    submitted: set[str] = field(default_factory=set)
    sessions: set[str] = field(default_factory=set)
    saves: int = 0

    def take(self, line: str) -> None:
        parts = line.split()
        if len(parts) < 3 or parts[0] != "saved":
            return
        kind, sid, rest = parts[1], parts[2], parts[3:]
        self.saves += 1
        self.sessions.add(sid)
        if kind == "notes":
            key = (sid, rest[0])
            self.notes[key] = max(self.notes.get(key, 0), int(rest[1]))
        elif kind == "signal":
            self.signals.add((sid, rest[0], rest[1]))
        elif kind == "score":
            self.scores[(sid, rest[0])] = int(rest[1])
        elif kind == "index":
            self.index[sid] = max(self.index.get(sid, 0), int(rest[0]))
        elif kind == "submit":
            self.submitted.add(sid)


@dataclass
class KillReport:
    kills: int = 0
    failures: list[str] = field(default_factory=list)
    saves: int = 0
    sessions: int = 0
    submitted: int = 0
    killed_before_first_save: int = 0
    seconds: float = 0.0


def check(db: Path, expected: Expected, ui: bool = False) -> list[str]:
    """Everything that is wrong with the database after a kill (empty: all good)."""
    if not db.exists():
        return [] if not expected.saves else ["database file is gone"]
    problems: list[str] = []
    conn = sqlite3.connect(db, timeout=10)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchall()
        if verdict != [("ok",)]:
            problems.append(f"integrity_check: {verdict[:3]}")
        stored = {
            (s, q): n
            for s, q, n in conn.execute("SELECT session_id, question_id, notes FROM answers")
        }
        for (sid, qid), length in expected.notes.items():
            want = note_text(sid, qid, ui)[:length]
            have = stored.get((sid, qid))
            if have is None or not have.startswith(want):
                problems.append(f"notes lost: {sid[:8]}/{qid} reported {length} chars, "
                                f"stored {len(have or '')}")  # fmt: skip
        observed = set(
            conn.execute(
                "SELECT session_id, question_id, signal_id FROM signal_observations "
                "WHERE observed = 1"
            ).fetchall()
        )
        problems += [f"signal lost: {s}" for s in expected.signals - observed]
        scores = {
            (s, a): v
            for s, a, v in conn.execute(
                "SELECT session_id, area_id, score FROM area_scores WHERE question_id = ''"
            )
        }
        problems += [f"score lost: {k}" for k, v in expected.scores.items() if scores.get(k) != v]
        status = dict(conn.execute("SELECT id, status FROM sessions").fetchall())
        problems += [f"session lost: {s}" for s in expected.sessions if s not in status]
        problems += [
            f"submission lost: {s}" for s in expected.submitted if status.get(s) != "submitted"
        ]
        index = dict(conn.execute("SELECT id, current_index FROM sessions").fetchall())
        problems += [
            f"position lost: {s}" for s, i in expected.index.items() if index.get(s, -1) < i
        ]
    finally:
        conn.close()
    if not problems:
        problems += _check_resume(db)
    return problems


def _check_resume(db: Path) -> list[str]:
    """The live session service loads every unfinished session exactly as stored."""
    from interview.services.live import LiveSession
    from interview.storage.db import open_db
    from interview.storage.repository import Repository

    problems: list[str] = []
    database = open_db(db)  # as the app would: finishes any interrupted migration
    try:
        repo = Repository(database)
        for summary in repo.unfinished():
            live = LiveSession(repo, summary.id)
            rows = dict(
                database.execute(
                    "SELECT question_id, notes FROM answers WHERE session_id = ?", [summary.id]
                ).fetchall()
            )
            for qid, notes in rows.items():
                if live.notes(qid) != notes:
                    problems.append(f"resume shows other notes for {summary.id[:8]}/{qid}")
    except Exception as exc:
        problems.append(f"resume failed: {type(exc).__name__}: {exc}")
    finally:
        database.conn.close()
    return problems


def run_kills(
    kills: int = 100,
    *,
    seed: int = 1,
    workdir: Path | None = None,
    delay: tuple[float, float] = (0.02, 1.5),
    log: bool = False,
    ui: bool = False,
    after_saves: tuple[int, int] | None = None,
) -> KillReport:
    """``ui=True``: the child types into the real app (headless) instead of the service."""
    work = Path(workdir or tempfile.mkdtemp(prefix="interview-kill-"))
    db = work / "kill.db"
    env = bench_env(INTERVIEW_HOME=str(work / "home"))
    rng = random.Random(seed)
    expected = Expected()
    report = KillReport()
    started = time.perf_counter()
    at_rest: dict[tuple[str, str], int] = {}  # notes lengths in the database between kills
    for k in range(kills):
        proc = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--ui-child" if ui else "--child",
                str(db),
                "--seed",
                str(seed * 1000 + k),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        head = b""
        if after_saves is not None:
            # Kill once the child reported a random number of saves: progress, not time.
            head = _read_until_saves(proc, rng.randint(*after_saves), timeout=60)
            time.sleep(rng.uniform(0, 0.3))
            proc.send_signal(signal.SIGKILL)
        else:
            try:
                proc.wait(rng.uniform(*delay))
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        out = head + out
        report.kills += 1
        if proc.returncode != -signal.SIGKILL:
            tail = err.decode(errors="replace").strip().splitlines()[-1:]
            report.failures.append(
                f"kill {k}: child exited {proc.returncode} before the kill {tail}"
            )
            continue
        lines = out.decode(errors="replace").split("\n")[:-1]  # a cut last line is not a report
        saves_before = expected.saves
        problems: list[str] = []
        for line in lines:
            expected.take(line)
            parts = line.split()
            if parts[:1] == ["resumed"] and len(parts) == 4:
                stored = at_rest.get((parts[1], parts[2]), 0)
                if int(parts[3]) != stored:
                    problems.append(f"resume showed {parts[3]} chars of notes; stored {stored}")
        if expected.saves == saves_before:
            report.killed_before_first_save += 1
        problems += check(db, expected, ui)
        at_rest = _notes_lengths(db)
        report.failures += [f"kill {k}: {p}" for p in problems]
        if log:
            print(f"kill {k:3d}: {len(lines):4d} lines, {'ok' if not problems else problems[0]}")
    report.saves = expected.saves
    report.sessions = len(expected.sessions)
    report.submitted = len(expected.submitted)
    report.seconds = time.perf_counter() - started
    return report


def _read_until_saves(proc: subprocess.Popen[bytes], saves: int, timeout: float) -> bytes:
    """Read the child's output until it reported ``saves`` saved notes (or died, timed out)."""
    import select

    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    data = b""
    deadline = time.monotonic() + timeout
    while data.count(b"saved notes ") < saves:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return data


def _notes_lengths(db: Path) -> dict[tuple[str, str], int]:
    if not db.exists():
        return {}
    conn = sqlite3.connect(db, timeout=10)
    try:
        return {
            (s, q): len(n)
            for s, q, n in conn.execute("SELECT session_id, question_id, notes FROM answers")
        }
    finally:
        conn.close()


def run(*, quick: bool = False) -> list[Row]:
    service = run_kills(5 if quick else 100, delay=(0.3, 0.8) if quick else (0.02, 1.2))
    app = run_kills(2 if quick else 12, delay=(2.5, 3.5) if quick else (1.5, 6.0), ui=True)
    return [
        _row(service, "kill test (live session service)", "0 (100 of 100 clean)"),
        _row(app, "kill test (real app, headless, own autosave)", "0"),
    ]


def _row(report: KillReport, label: str, target: str) -> Row:
    failed = sorted({f.split(": ", 1)[0] for f in report.failures})
    note = (
        f"{report.kills - len(failed)} of {report.kills} kills clean; {report.saves} saves "
        f"confirmed across {report.sessions} sessions ({report.submitted} submitted); "
        f"{report.killed_before_first_save} kills landed before the first save; "
        f"{report.seconds:.0f} s"
    )
    if report.failures:
        note += f"; first failure: {report.failures[0]}"
    return Row(
        name=f"{label}: SIGKILLs with lost data or a failed check, of {report.kills}",
        unit="kills",
        values=[float(len(failed))],
        target=target,
        target_value=0,
        note=note,
        group="durability",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ui", action="store_true", help="type into the real app (headless)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--ui-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.seed)
        return 0
    if args.ui_child:
        ui_child(args.ui_child, args.seed)
        return 0
    delay = (1.5, 6.0) if args.ui else (0.02, 1.5)
    report = run_kills(args.kills, seed=args.seed, log=True, ui=args.ui, delay=delay)
    for failure in report.failures:
        print(failure)
    clean = report.kills - len({f.split(": ", 1)[0] for f in report.failures})
    print(f"{clean} of {report.kills} kills clean, {report.saves} saves confirmed, "
          f"{report.sessions} sessions, {report.seconds:.0f} s")  # fmt: skip
    return 0 if not report.failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
