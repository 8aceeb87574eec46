"""Large, realistic databases for benchmarks, built fast with direct bulk inserts.

``build_db(path, sessions=10_000, candidates=2_500)`` writes through the real schema
(``open_db`` applies every migration) and fills sessions, answers, signal
observations, area scores and events the way a year of interviewing would. The same
seed gives the same database. A built database is cached in the temp folder (keyed by
size, seed and schema) and copied, so repeated benchmark runs don't rebuild it.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from interview.domain.content_paths import content_layers
from interview.domain.loader import load_content
from interview.domain.models import Content, Plan, PlanItem
from interview.domain.records import Mode, Status, iso
from interview.domain.scoring import score
from interview.storage.db import open_db, schema_names

# The newest session belongs to this candidate: a start-up benchmark waits for the name.
NEWEST_CANDIDATE = "Zora Quillfeather"
FIRST = [
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Guido",
    "Barbara",
    "Ken",
    "Dennis",
    "Margaret",
    "Edsger",
    "Frances",
    "Donald",
    "John",
    "Radia",
    "Tim",
    "Vint",
    "Leslie",
    "Hedy",
    "Katherine",
    "Shafi",
    "Yukihiro",
    "Anders",
    "Bjarne",
    "Niklaus",
    "Sophie",
    "Ward",
    "Jean",
]
LAST = [
    "Okafor",
    "Lindqvist",
    "Tanaka",
    "Moreau",
    "Novak",
    "Haddad",
    "Kowalski",
    "Fernandes",
    "Oyelaran",
    "Petrov",
    "Nguyen",
    "Schmidt",
    "Rossi",
    "Dubois",
    "Kaur",
    "Mensah",
    "Sato",
    "Ivanova",
    "Castillo",
    "Byrne",
    "Achterberg",
    "Olsen",
    "Varga",
]
INTERVIEWERS = [f"{f} {ln}" for f, ln in zip(FIRST[:20], reversed(LAST), strict=False)]
ROLES = ("Backend engineer", "Senior backend engineer", "Platform engineer", "AI backend engineer")
WORDS = [
    "idempotency",
    "retries",
    "timeout",
    "queue",
    "index",
    "transaction",
    "isolation",
    "deadlock",
    "cache",
    "invalidation",
    "backpressure",
    "observability",
    "tracing",
    "metrics",
    "rollback",
    "migration",
    "schema",
    "latency",
    "p99",
    "asyncio",
    "gil",
    "threads",
    "pool",
    "connection",
    "ordering",
    "outbox",
    "saga",
    "rate-limit",
    "circuit",
    "breaker",
    "fixture",
    "mock",
    "contract",
    "test",
    "flaky",
    "deploy",
    "canary",
    "feature",
    "flag",
    "incident",
    "postmortem",
    "ownership",
    "trade-off",
]


@dataclass(frozen=True)
class Dataset:
    path: Path
    sessions: int
    candidates: int
    newest_candidate: str
    plan_id: str


def pick_plan(content: Content) -> Plan:
    """An interview plan from the bank, or one built from the first rubric's questions."""
    preferred = ("senior-backend-60", "mid-backend-45")
    for plan_id in preferred:
        if plan_id in content.plans:
            return content.plans[plan_id]
    for plan in content.plans.values():
        if plan.mode == Mode.INTERVIEW:
            return plan
    rubric_id = "backend" if "backend" in content.rubrics else next(iter(content.rubrics))
    areas = set(content.rubrics[rubric_id].area_ids)
    questions = [q for q in content.questions.values() if set(q.areas) <= areas][:6]
    if not questions:
        raise RuntimeError("no questions fit any rubric; cannot build a benchmark plan")
    return Plan(
        id="bench-plan",
        title="Benchmark plan",
        rubric_id=rubric_id,
        mode=str(Mode.INTERVIEW),
        description="Built by the benchmark suite from the bundled bank.",
        items=tuple(PlanItem(q.id, q.minutes) for q in questions),
    )


def bundled_content() -> Content:
    return load_content(content_layers()).content


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _notes(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def build_db(
    path: Path,
    *,
    sessions: int = 10_000,
    candidates: int = 2_500,
    seed: int = 1,
    content: Content | None = None,
    cache: bool = True,
) -> Dataset:
    """Write a database with ``sessions`` sessions for ``candidates`` candidates to ``path``."""
    content = content or bundled_content()
    plan = pick_plan(content)
    path = Path(path)
    # The schema steps by name, not by count: two versions with as many steps differ.
    steps = hashlib.sha256("\n".join(schema_names()).encode()).hexdigest()[:12]
    key = f"s{sessions}-c{candidates}-seed{seed}-m{steps}-{content.content_hash(plan)}"
    cached = Path(tempfile.gettempdir()) / "interview-bench-cache" / f"{key}.db"
    dataset = Dataset(path, sessions, candidates, NEWEST_CANDIDATE, plan.id)
    if cache and cached.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, path)
        return dataset
    if path.exists():
        path.unlink()
    _fill(path, content, plan, sessions=sessions, candidates=candidates, seed=seed)
    if cache:
        cached.parent.mkdir(parents=True, exist_ok=True)
        # One temporary name per process: parallel test workers may build the same key.
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(path, tmp)
        tmp.replace(cached)
    return dataset


def _fill(
    path: Path, content: Content, plan: Plan, *, sessions: int, candidates: int, seed: int
) -> None:
    rng = random.Random(seed)
    db = open_db(path)
    conn = db.conn
    rubric = content.rubric_for(plan)
    questions = [q for _, q in content.plan_questions(plan)]
    snapshot = content.snapshot(plan)
    content_hash = content.content_hash(plan)
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    cand_rows = []
    for i in range(candidates):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i:04d}"
        if i == 0:
            name = NEWEST_CANDIDATE
        code = f"C-{i:05d}" if i % 5 == 0 else ""
        created = iso(now - timedelta(days=rng.uniform(0, 730)))
        cand_rows.append((_uuid(rng), name, code, created, created))

    session_rows, answer_rows, obs_rows, score_rows, event_rows = [], [], [], [], []
    for i in range(sessions):
        sid = _uuid(rng)
        # Session 0 is the newest, for candidate 0; the rest spread over two years.
        cand = cand_rows[0] if i == 0 else cand_rows[rng.randrange(candidates)]
        started_dt = now - (
            timedelta(minutes=5) if i == 0 else timedelta(days=rng.uniform(0.1, 730))
        )
        started = iso(started_dt)
        updated = iso(started_dt + timedelta(minutes=rng.uniform(30, 70)) if i else now)
        submitted = i != 0 and rng.random() < 0.9
        scores: dict[str, int | None] = {}
        if submitted:
            for area in rubric.areas:
                if rng.random() < 0.92:
                    scores[area.id] = rng.randint(1, 4)
        result = score(rubric, scores) if submitted else None
        session_rows.append(
            (
                sid, cand[0], rng.choice(INTERVIEWERS), rng.choice(ROLES),
                rng.choice(("mid", "senior")), plan.id, plan.title, plan.rubric_id, content_hash,
                str(Mode.INTERVIEW), str(Status.SUBMITTED if submitted else Status.IN_PROGRESS),
                len(questions) - 1 if submitted else rng.randrange(len(questions)),
                rng.uniform(600, 3600), started, updated, updated if submitted else None,
                _notes(rng, 25) if submitted else "",
                result.weighted if result else None,
                str(result.recommendation) if result and result.recommendation else None,
            )
        )  # fmt: skip
        event_rows.append(
            (_uuid(rng), sid, started, "", "session_started", json.dumps({"plan": plan.id}))
        )
        for pos, q in enumerate(questions):
            answer_rows.append(
                (_uuid(rng), sid, q.id, pos, _notes(rng, rng.randint(20, 80)), 300.0, updated)
            )
            for sig in rng.sample(q.senior_signals, k=min(2, len(q.senior_signals))):
                obs_rows.append(
                    (_uuid(rng), sid, q.id, sig.id, "senior", 1, "interviewer", updated)
                )
            if q.junior_signals and rng.random() < 0.3:
                sig = rng.choice(q.junior_signals)
                obs_rows.append(
                    (_uuid(rng), sid, q.id, sig.id, "junior", 1, "interviewer", updated)
                )
        for area_id, value in scores.items():
            score_rows.append((_uuid(rng), sid, area_id, "", value, updated))
        if submitted:
            event_rows.append((_uuid(rng), sid, updated, "", "submitted", "{}"))

    with conn:
        conn.execute(
            "INSERT OR IGNORE INTO content_snapshots(hash, snapshot) VALUES (?, ?)",
            [content_hash, json.dumps(snapshot, sort_keys=True, ensure_ascii=False)],
        )
        conn.executemany(
            "INSERT INTO candidates(id, name, code, created_at, updated_at) VALUES (?,?,?,?,?)",
            cand_rows,
        )
        conn.executemany(
            """INSERT INTO sessions(id, candidate_id, interviewer, role, level, plan_id,
               plan_title, rubric_id, content_hash, mode, status, current_index, elapsed_seconds,
               started_at, updated_at, submitted_at, justification, weighted_score,
               recommendation) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            session_rows,
        )
        conn.executemany(
            """INSERT INTO answers(id, session_id, question_id, position, notes,
               elapsed_seconds, updated_at) VALUES (?,?,?,?,?,?,?)""",
            answer_rows,
        )
        conn.executemany(
            """INSERT INTO signal_observations(id, session_id, question_id, signal_id, kind,
               observed, source, updated_at) VALUES (?,?,?,?,?,?,?,?)""",
            obs_rows,
        )
        conn.executemany(
            """INSERT INTO area_scores(id, session_id, area_id, question_id, score, updated_at)
               VALUES (?,?,?,?,?,?)""",
            score_rows,
        )
        conn.executemany(
            "INSERT INTO events(id, session_id, at, actor, kind, detail) VALUES (?,?,?,?,?,?)",
            event_rows,
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()


if __name__ == "__main__":
    import sys
    import time

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bench-10k.db")
    t0 = time.perf_counter()
    ds = build_db(target, cache=False)
    print(f"{ds.sessions} sessions, {ds.candidates} candidates -> {ds.path} in "
          f"{time.perf_counter() - t0:.1f}s")  # fmt: skip
