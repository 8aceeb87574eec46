from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real home directory, config, or an API key from the environment."""
    home = tmp_path / "home"
    monkeypatch.setenv("INTERVIEW_HOME", str(home))
    for name in (
        "INTERVIEW_DB",
        "INTERVIEW_BANK",
        "INTERVIEW_RUBRIC",
        "INTERVIEW_CONFIG_DIR",
        "INTERVIEW_DATA_DIR",
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "INTERVIEW_LLM_MODEL",
    ):
        monkeypatch.delenv(name, raising=False)
    return home


class FakeClock:
    """A deterministic UTC clock; each call advances by ``step``."""

    def __init__(self, start: datetime | None = None, step: timedelta = timedelta(seconds=1)):
        self.now = start or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        self.step = step

    def __call__(self) -> datetime:
        current = self.now
        self.now = current + self.step
        return current


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def services(clock: FakeClock) -> Iterator[object]:
    from interview.config import Config
    from interview.services.container import build_services

    svc = build_services(memory=True, clock=clock, config=Config())
    yield svc
    svc.repo.db.conn.close()
