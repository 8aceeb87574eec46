"""Shared set-up for the TUI tests: frozen fixture content, services, seeded sessions."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from interview.config import Config
from interview.domain.loader import load_content
from interview.domain.models import Content
from interview.services.container import Services, build_services
from interview.services.live import LiveSession

FIXTURE = Path(__file__).parent / "fixtures" / "tui"
PLAN = "senior-backend-40"


@lru_cache(maxsize=1)
def fixture_content() -> Content:
    return load_content([[FIXTURE]]).content


class StepClock:
    """Wall clock for stored timestamps: fixed start, one second per call."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        current = self.now
        self.now = current + timedelta(seconds=1)
        return current


class Monotonic:
    """A monotonic source the test moves by hand (frozen unless advanced)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += seconds


def make_services(
    db_path: Path | None = None,
    *,
    config: Config | None = None,
    clock: Callable[[], datetime] | None = None,
    monotonic: Callable[[], float] | None = None,
) -> Services:
    services = build_services(
        db_path=db_path,
        memory=db_path is None,
        content=fixture_content(),
        config=config or Config(),
        clock=clock or StepClock(),
    )
    services.monotonic = monotonic or Monotonic()
    return services


def seed_session(
    services: Services,
    *,
    name: str = "Ada Lovelace",
    code: str = "",
    role: str = "Backend engineer",
    level: str = "senior",
    interviewer: str = "Grace Hopper",
    plan_id: str = PLAN,
) -> LiveSession:
    repo = services.repo
    candidate = repo.find_or_create_candidate(name, code)
    session_id = repo.create_session(
        candidate_id=candidate,
        interviewer=interviewer,
        role=role,
        level=level,
        plan=services.content.plans[plan_id],
        content=services.content,
    )
    return LiveSession(repo, session_id)


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text (one line per row)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def home_settled(pilot: Pilot[Any]) -> None:
    """Wait for the home screen's filter bar and footer, mounted just after its first frame."""
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "settled", True))


async def wait_for(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


async def type_steadily(pilot: Pilot[Any], text: str, gap: float = 0.1) -> None:
    """Type ``text`` a key every ``gap`` seconds: steady typing, never a pause long
    enough for a debounce to fire."""
    for char in text:
        await pilot.press(char if char != " " else "space")
        await pilot.pause(gap)


def stored_text(path: Path, sql: str, params: Sequence[object] = ()) -> str:
    """The first column of the first row, read through a connection of its own, as
    another process would see the file ("" when there is no row or it is NULL)."""
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(sql, list(params)).fetchone()
    finally:
        conn.close()
    return (row[0] or "") if row else ""
