"""Building interviewers' databases for panel, merge and calibration tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from interview.config import Config
from interview.domain.content_paths import content_layers
from interview.domain.loader import load_content
from interview.domain.models import Content
from interview.domain.records import Mode
from interview.services.container import Services, build_services
from interview.services.live import LiveSession

PLAN = "senior-backend-60"


class Clock:
    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@lru_cache(maxsize=1)
def content() -> Content:
    return load_content(content_layers()).content


@lru_cache(maxsize=1)
def content_without_policy() -> Content:
    """The bundled content with a purely compensatory rubric (no floors, no minimum
    assessed weight): for tests of panel arithmetic on a few areas."""
    c = content()
    rubrics = {k: replace(r, policy=None) for k, r in c.rubrics.items()}
    plans = {k: replace(p, policy=None) for k, p in c.plans.items()}
    return replace(c, rubrics=rubrics, plans=plans)


def services_at(path: Path | None, clock: Clock | None = None, *, policy: bool = True) -> Services:
    return build_services(
        db_path=path,
        memory=path is None,
        clock=clock or Clock(),
        config=Config(),
        content=content() if policy else content_without_policy(),
    )


def interview(
    services: Services,
    *,
    candidate: str,
    interviewer: str,
    scores: dict[str, int | None],
    code: str = "",
    role: str = "Backend engineer",
    submit: bool = True,
    note: str = "",
    plan: str = PLAN,
    mode: Mode = Mode.INTERVIEW,
) -> str:
    """One interview: a note and a signal on the first question, the given scores, submitted."""
    repo = services.repo
    cid = repo.find_or_create_candidate(candidate, code)
    sid = repo.create_session(
        candidate_id=cid,
        interviewer=interviewer,
        role=role,
        level="senior",
        plan=services.content.plans[plan],
        content=services.content,
        mode=mode,
    )
    live = LiveSession(repo, sid)
    question = live.question
    live.save_notes(question.id, note or f"{interviewer} heard {candidate} reason", 60.0, 60.0)
    live.toggle_signal(question.id, question.senior_signals[0].id)
    for area, value in scores.items():
        live.set_score(area, value)
    if submit:
        live.submit(f"{interviewer}'s justification")
    return sid


def close(services: Services) -> None:
    services.repo.db.conn.close()
