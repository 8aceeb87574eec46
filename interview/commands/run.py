"""Launch the app: build services with clean errors, then run the Textual app."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from interview.commands.common import fail, load_or_exit


def run_app(db_path: Path | None, bank: Sequence[Path], rubric: Sequence[Path]) -> None:
    from interview.config import ConfigError
    from interview.services.container import build_services
    from interview.storage.db import StorageError

    content = load_or_exit(bank, rubric).content
    try:
        services = build_services(db_path=db_path, content=content)
    except (StorageError, ConfigError) as exc:
        fail(str(exc))
    from interview.tui.app import build_app

    build_app(services).run()
