"""One factory that builds every service, shared by the CLI, the app and the tests."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from interview import paths
from interview.config import Config, load_config
from interview.domain.content_paths import content_layers
from interview.domain.records import utc_now
from interview.storage.db import open_db
from interview.storage.repository import Repository

if TYPE_CHECKING:
    from interview.domain.models import Content


@dataclass
class Services:
    repo: Repository
    config: Config
    db_path: Path | None
    # The validated content, or a function returning it: the app's start passes a
    # function so its first screen is drawn before the questions are unpickled.
    content_source: Content | Callable[[], Content]
    clock: Callable[[], datetime] = utc_now
    # OpenAI-compatible endpoint overrides (tests point these at a local fake server).
    llm_env: dict[str, str] = field(default_factory=dict)
    # Seconds for on-screen session and question clocks; tests freeze it.
    monotonic: Callable[[], float] = time.monotonic
    # Shown by the app once it has started (e.g. what the retention policy removed).
    notices: list[str] = field(default_factory=list)

    def checkpoint(self) -> None:
        """Everything written so far into the database file itself (used on quitting)."""
        if self.db_path is not None:
            self.repo.db.checkpoint()

    def close(self) -> None:
        """Checkpoint and close the database; the services are not usable afterwards."""
        if self.db_path is not None:
            self.repo.db.checkpoint()
            self.repo.db.close()

    @cached_property
    def content(self) -> Content:
        source = self.content_source
        return source() if callable(source) else source


def build_services(
    *,
    db_path: Path | None = None,
    memory: bool = False,
    bank: Sequence[Path] = (),
    rubric: Sequence[Path] = (),
    clock: Callable[[], datetime] = utc_now,
    config: Config | None = None,
    content: Content | Callable[[], Content] | None = None,
    bundled: bool | None = None,
) -> Services:
    """Raises ContentError, StorageError or ConfigError with user-facing messages.

    ``bundled`` None follows config.toml (``[content] bundled``)."""
    config = config if config is not None else load_config()
    if content is None:
        from interview.domain.loader import load_content

        include = config.content.bundled if bundled is None else bundled
        layers = content_layers(bank=bank, rubrics=rubric, bundled=include)
        content = load_content(layers).content
    path = None if memory else (db_path or paths.default_db_path())
    db = open_db(path)
    return Services(
        content_source=content,
        repo=Repository(db, clock=clock),
        config=config,
        db_path=path,
        clock=clock,
    )
