"""Shared helpers for the follow-up and LLM tests: fixture content, a live session, settings."""

from __future__ import annotations

from pathlib import Path

# Setting up the openai client counts against each call's deadline. The short budgets
# below are for the calls themselves, so the one-off import is paid here, at collection.
import openai  # noqa: F401

from interview.config import Config
from interview.domain.loader import load_content
from interview.domain.models import Content
from interview.llm.settings import Limits, LLMSettings
from interview.services.container import Services, build_services
from interview.services.live import LiveSession

FIXTURE = Path(__file__).parent / "fixtures" / "followups"
# Distinctive, so a leak anywhere (DB, report, message) is found by a plain search.
FAKE_KEY = "sk-test-LEAKCANARY-7f3a9c2e41"
CANDIDATE = "Ada Lovelace"
INTERVIEWER = "Grace Hopper"

# Short limits keep every fault test well under a few seconds.
FAST = Limits(
    connect=1.0,
    first_token=1.0,
    total=3.0,
    retries=2,
    backoff_base=0.02,
    backoff_max=0.05,
    breaker_threshold=3,
    breaker_cooldown=60.0,
)


def fixture_content() -> Content:
    return load_content([[FIXTURE]]).content


def fixture_services(clock: object) -> Services:
    return build_services(memory=True, clock=clock, config=Config(), content=fixture_content())  # type: ignore[arg-type]


def start_session(
    services: Services, candidate: str = CANDIDATE, interviewer: str = INTERVIEWER
) -> LiveSession:
    repo = services.repo
    plan = services.content.plans["fu-plan"]
    sid = repo.create_session(
        candidate_id=repo.find_or_create_candidate(candidate),
        interviewer=interviewer,
        role="Backend engineer",
        level="senior",
        plan=plan,
        content=services.content,
    )
    return LiveSession(repo, sid)


def fake_settings(base_url: str, key: str = FAKE_KEY, limits: Limits = FAST) -> LLMSettings:
    return LLMSettings(model="fake-model", base_url=base_url, api_key=key, limits=limits)


def dump_database(services: Services) -> str:
    """Every row of every table as text (for leak checks)."""
    db = services.repo.db
    out: list[str] = []
    for table in db.table_names():
        for row in db.execute(f"SELECT * FROM [{table}]").fetchall():
            out.append(f"{table}: {row!r}")
    return "\n".join(out)
