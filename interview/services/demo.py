"""Realistic, deterministic sample data, written through the same APIs the app uses.

Each scripted interview is played through ``LiveSession`` (ticks, follow-ups, notes,
scores, submit, amend) and the practice attempt through ``Repository``, on a clock
that only moves when the script says so, with record ids seeded per script: every
run writes the same rows, and a session has the same id in the combined database
and in its interviewer's own database.

Every sample session carries a ``sample_data`` event. That is how a database with
real interviews is told apart (the demo refuses to write into one) and how reports
label sample data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from interview.domain.models import Content, Plan, PlanItem, Question
from interview.domain.records import FollowUpSource, Mode
from interview.domain.scoring import score
from interview.reports.export import slug
from interview.reports.timeline import SAMPLE_EVENT
from interview.services.demo_data import (
    INTERVIEWS,
    PRACTICE,
    RECORDED_PLANS,
    PracticeScript,
    Script,
    Take,
)
from interview.services.live import LiveSession
from interview.storage.db import Database, open_db
from interview.storage.repository import Repository, seeded_ids

PRACTICE_SOURCE = "self"  # practice ticks (see services/practice.py)
FOLLOW_UP_KEY = "#follow-up"
LLM_MODEL = "gpt-4o-mini"


class DemoError(Exception):
    """The demo cannot write here; the message is one line for the user."""


class DemoClock:
    """Deterministic time: set by the script, and one second per call so events order."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, tzinfo=UTC)

    def set(self, when: datetime) -> None:
        self.now = when

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def __call__(self) -> datetime:
        current = self.now
        self.now = current + timedelta(seconds=1)
        return current


@dataclass(frozen=True)
class DemoResult:
    path: Path | None
    written: int  # sessions added by this run
    present: int  # sample sessions that were already there
    candidates: int  # interviewed candidates
    practice: int  # practice attempts
    interviewers: tuple[str, ...]


# ------------------------------------------------------------------ checks


def content_problems(content: Content) -> list[str]:
    """What the sample scripts need from the bank and cannot find (a renamed id, say)."""
    problems: list[str] = []
    for script in INTERVIEWS:
        if script.plan not in content.plans:
            problems.append(f"plan '{script.plan}' is missing")
            continue
        in_plan = {item.question_id for item in recorded_plan(content, script).items}
        for take in script.takes:
            q = content.questions.get(take.question)
            if q is None or take.question not in in_plan:
                problems.append(f"question '{take.question}' is not in plan '{script.plan}'")
                continue
            for sid in (*take.senior, *take.junior):
                if q.find_signal(sid) is None:
                    problems.append(f"question '{q.id}' has no signal '{sid}'")
            for fid in (*take.bank, *take.offline):
                if q.find_follow_up(fid) is None:
                    problems.append(f"question '{q.id}' has no follow-up '{fid}'")
    plan = content.plans.get(PRACTICE.plan)
    if plan is None:
        problems.append(f"plan '{PRACTICE.plan}' is missing")
    else:
        for ptake in PRACTICE.takes:
            q = content.questions.get(ptake.question)
            if q is None:
                problems.append(f"question '{ptake.question}' is missing")
                continue
            problems += [f"question '{q.id}' has no signal '{s}'" for s in ptake.ticked
                         if q.find_signal(s) is None]  # fmt: skip
            if q.find_follow_up(ptake.follow_up) is None:
                problems.append(f"question '{q.id}' has no follow-up '{ptake.follow_up}'")
    return sorted(set(problems))


def real_session_count(db: Database) -> int:
    """Sessions that are not sample data: real interviews the demo must never mix with."""
    if "sessions" not in db.table_names():
        return 0
    row = db.execute(
        "SELECT count(*) FROM sessions WHERE id NOT IN "
        "(SELECT session_id FROM events WHERE kind = ? AND session_id IS NOT NULL)",
        [SAMPLE_EVENT],
    ).fetchone()
    return int(row[0])


def _present_scripts(db: Database) -> set[str]:
    rows = db.execute(
        "SELECT json_extract(detail, '$.script') FROM events WHERE kind = ?", [SAMPLE_EVENT]
    ).fetchall()
    return {r[0] for r in rows if r[0]}


# ------------------------------------------------------------------ playing scripts


@dataclass(frozen=True)
class _Probe:
    source: FollowUpSource
    follow_up_id: str = ""  # bank and offline probes
    text: str = ""  # LLM suggestions
    reason: str = ""


def _steps(take: Take) -> list[str | _Probe]:
    """Ticks and probes interleaved as they happen: probes after the first few ticks."""
    ticks: list[str] = [*take.senior, *take.junior]
    probes = [
        *(_Probe(FollowUpSource.BANK, f) for f in take.bank),
        *(_Probe(FollowUpSource.OFFLINE, f) for f in take.offline),
        *(_Probe(FollowUpSource.LLM, text=t, reason=r) for t, r in take.llm),
    ]
    head = (len(ticks) + 1) // 2
    return [*ticks[:head], *probes, *ticks[head:]]


def _offline_reason(question: Question, fid: str, ticked: set[str]) -> str:
    follow_up = question.find_follow_up(fid)
    assert follow_up is not None
    missing = [
        s.text for s in question.senior_signals if s.id in follow_up.targets and s.id not in ticked
    ]
    if not missing:
        return "Digs deeper into what the answer already covers."
    return "Not covered yet: " + "; ".join(missing)


def recorded_plan(content: Content, script: Script) -> Plan:
    """The plan a sample interview ran on.

    While the bundled plan still holds every question the script asked, that is the
    plan. Once the plan has been revised, the session keeps the version it was
    recorded on (``RECORDED_PLANS``), as a real session keeps the snapshot of the plan
    it ran on.
    """
    plan = content.plans[script.plan]
    in_plan = {item.question_id for item in plan.items}
    if all(take.question in in_plan for take in script.takes):
        return plan
    recorded = RECORDED_PLANS.get(script.plan, ())
    items = tuple(PlanItem(question_id=q, minutes=m) for q, m in recorded)
    return replace(plan, items=items)


def play_interview(repo: Repository, content: Content, clock: DemoClock, script: Script) -> str:
    plan = recorded_plan(content, script)
    positions = {item.question_id: i for i, item in enumerate(plan.items)}
    clock.set(script.start)
    with seeded_ids(f"candidate:{script.code}"):
        candidate_id = repo.find_or_create_candidate(script.candidate, script.code)
    # Whether the candidate already existed must not shift the session's times.
    clock.set(script.start)
    with seeded_ids(f"session:{script.key}"):
        session_id = repo.create_session(
            candidate_id=candidate_id,
            interviewer=script.interviewer,
            role=script.role,
            level=script.level,
            plan=plan,
            content=content,
            llm_enabled=script.llm,
        )
        repo.log_event(session_id, SAMPLE_EVENT, {"script": script.key}, script.interviewer)
        live = LiveSession(repo, session_id)
        elapsed = 60.0  # introductions
        for take in script.takes:
            question = content.questions[take.question]
            clock.set(script.start + timedelta(seconds=elapsed))
            live.goto(positions[take.question], elapsed)
            steps = _steps(take)
            gap = take.seconds / (len(steps) + 1)
            for step in steps:
                clock.advance(gap)
                if isinstance(step, str):
                    live.toggle_signal(question.id, step)
                else:
                    _ask(repo, live, question, step)
            elapsed += take.seconds
            clock.set(script.start + timedelta(seconds=elapsed))
            live.save_notes(question.id, take.notes, take.seconds, elapsed)
        clock.advance(90)
        for area_id, value in script.scores.items():
            if value is not None:
                live.set_score(area_id, value)
        if script.submit:
            clock.advance(120)
            live.submit(script.justification)
        if script.amendment is not None:
            clock.set(script.amendment.at)
            live.amend(
                script.amendment.reason,
                script.amendment.scores,
                script.amendment.justification,
            )
    return session_id


def _ask(repo: Repository, live: LiveSession, question: Question, probe: _Probe) -> None:
    if probe.source is FollowUpSource.LLM:
        usage = (900 + len(probe.text), 60 + len(probe.text) // 4)
        repo.record_llm_usage(live.id, LLM_MODEL, *usage, cost=0.0002)
        row = live.record_suggestion(question.id, probe.text, probe.source, reason=probe.reason)
        live.mark_suggestion_asked(row)
        return
    follow_up = question.find_follow_up(probe.follow_up_id)
    assert follow_up is not None  # content_problems() checked every id
    if probe.source is FollowUpSource.BANK:
        live.toggle_follow_up(question.id, follow_up, FollowUpSource.BANK)
        return
    reason = _offline_reason(question, follow_up.id, live.observed(question.id))
    row = live.record_suggestion(question.id, follow_up.text, probe.source, follow_up.id, reason)
    live.mark_suggestion_asked(row)


def play_practice(
    repo: Repository, content: Content, clock: DemoClock, script: PracticeScript
) -> str:
    """A candidate's practice attempt: answers, self-ticks, the probe and self-scores."""
    plan = content.plans[script.plan]
    positions = {item.question_id: i for i, item in enumerate(plan.items)}
    rubric = content.rubric_for(plan)
    clock.set(script.start)
    with seeded_ids(f"candidate:practice:{script.name}"):
        candidate_id = repo.find_or_create_candidate(script.name)
    clock.set(script.start)
    with seeded_ids(f"session:{script.key}"):
        session_id = repo.create_session(
            candidate_id=candidate_id,
            interviewer=script.name,
            role="",
            level="",
            plan=plan,
            content=content,
            mode=Mode.PRACTICE,
        )
        repo.log_event(session_id, SAMPLE_EVENT, {"script": script.key}, script.name)
        elapsed = 0.0
        means: dict[str, list[int]] = {}
        for take in script.takes:
            question = content.questions[take.question]
            pos = positions[question.id]
            answer_time = round(take.seconds * 0.75)
            clock.set(script.start + timedelta(seconds=elapsed))
            repo.set_position(session_id, pos, elapsed)
            clock.advance(answer_time)
            repo.save_answer(session_id, question.id, pos, take.answer, answer_time)
            follow_up = question.find_follow_up(take.follow_up)
            assert follow_up is not None
            reason = _offline_reason(question, follow_up.id, set())
            repo.add_followup(session_id, question.id, follow_up.text, str(FollowUpSource.OFFLINE),
                              follow_up_id=follow_up.id, reason=reason, asked=True,
                              actor=script.name)  # fmt: skip
            clock.advance(take.seconds - answer_time)
            repo.save_answer(session_id, question.id + FOLLOW_UP_KEY, pos, take.follow_up_answer,
                             take.seconds - answer_time)  # fmt: skip
            for signal_id in take.ticked:
                found = question.find_signal(signal_id)
                assert found is not None
                repo.set_signal(session_id, question.id, signal_id, str(found[0]), True,
                                actor=script.name, source=PRACTICE_SOURCE)  # fmt: skip
            for area_id, value in take.self_scores.items():
                repo.set_area_score(
                    session_id, area_id, value, question_id=question.id, actor=script.name
                )
                means.setdefault(area_id, []).append(value)
            elapsed += take.seconds
        result = score(rubric, {a: sum(v) / len(v) for a, v in means.items()})
        repo.submit(session_id, justification="", weighted_score=result.weighted,
                    recommendation=None, actor=script.name)  # fmt: skip
    return session_id


# ------------------------------------------------------------------ entry points


def write_demo(
    db: Database, content: Content, *, interviewer: str | None = None, path: Path | None = None
) -> DemoResult:
    """Write the sample sessions (only ``interviewer``'s, if given) into ``db``.

    Raises DemoError if the bank lacks what the scripts need or the database holds
    real sessions. Sample sessions already present are left as they are.
    """
    problems = content_problems(content)
    if problems:
        raise DemoError(
            "the question bank does not match the sample data: " + "; ".join(problems[:3])
        )
    real = real_session_count(db)
    if real:
        where = f"{path}" if path else "this database"
        raise DemoError(
            f"{where} holds {real} real session(s); sample data goes into its own database "
            "(use --db PATH with a new file)"
        )
    clock = DemoClock()
    repo = Repository(db, clock=clock)
    present = _present_scripts(db)
    scripts = [s for s in INTERVIEWS if interviewer is None or s.interviewer == interviewer]
    written = 0
    for script in scripts:
        if script.key not in present:
            play_interview(repo, content, clock, script)
            written += 1
    practice = interviewer is None
    if practice and PRACTICE.key not in present:
        play_practice(repo, content, clock, PRACTICE)
        written += 1
    total = len(scripts) + int(practice)
    return DemoResult(
        path=path,
        written=written,
        present=total - written,
        candidates=len({s.code for s in scripts}),
        practice=int(practice),
        interviewers=tuple(sorted({s.interviewer for s in scripts})),
    )


def demo_interviewers() -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.interviewer for s in INTERVIEWS))


def write_demo_file(path: Path, content: Content) -> DemoResult:
    db = open_db(path)
    try:
        return write_demo(db, content, path=path)
    finally:
        db.conn.close()


def write_per_interviewer(
    directory: Path, content: Content, interviewers: Iterable[str] | None = None
) -> list[DemoResult]:
    """One database per interviewer, as each would hand theirs to a panel.

    Every target is checked before any is written, so a refusal leaves nothing half done.
    """
    if directory.exists() and not directory.is_dir():
        raise DemoError(f"{directory}: is a file, not a folder")
    names = list(interviewers or demo_interviewers())
    targets = [directory / f"{slug(name, 'interviewer')}.db" for name in names]
    for path in targets:
        if path.exists():
            db = open_db(path)
            try:
                if real := real_session_count(db):
                    raise DemoError(f"{path} holds {real} real session(s); choose another folder")
            finally:
                db.conn.close()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    results = []
    for name, path in zip(names, targets, strict=True):
        db = open_db(path)
        try:
            results.append(write_demo(db, content, interviewer=name, path=path))
        finally:
            db.conn.close()
    return results
