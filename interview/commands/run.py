"""Launch the app: build services with clean errors, then run the Textual app.

A closed terminal (SIGHUP) or a polite kill (SIGTERM) ends the app the normal way, so
open notes are written before the process goes.
"""

from __future__ import annotations

import signal
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def check_new_database(db_path: Path | None) -> None:
    """A database named on the command line (or in $INTERVIEW_DB) is never created in a
    folder that does not exist: a typo must not leave databases in odd places."""
    import os

    from interview.commands.common import fail

    path = db_path or (Path(os.environ["INTERVIEW_DB"]) if os.environ.get("INTERVIEW_DB") else None)
    if path is None:
        return  # the default location in the user data folder is created as needed
    path = path.expanduser()
    try:
        folder_exists = path.exists() or path.parent.is_dir()
    except OSError as exc:
        fail(f"{path}: cannot read ({exc.strerror})")
    if not folder_exists:
        fail(f"{path.parent}: no such folder; create it first, or check the --db path")


def run_app(
    db_path: Path | None, bank: Sequence[Path], rubric: Sequence[Path], no_bundled: bool = False
) -> None:
    from interview import paths
    from interview.commands.common import include_bundled, layers_or_exit
    from interview.config import ConfigError
    from interview.domain.content_cache import cached_loader
    from interview.services.container import build_services
    from interview.storage.db import StorageError

    check_new_database(db_path)
    # Content validated on an earlier start with unchanged files is unpickled after the
    # first screen is drawn; anything else is validated now, before the app opens.
    bundled = include_bundled(no_bundled)
    cached = cached_loader(layers_or_exit(bank, rubric, bundled=bundled), paths.cache_dir())
    if cached:
        content: Any = lambda: cached().content  # noqa: E731
    else:
        from interview.commands.common import load_or_exit

        content = load_or_exit(bank, rubric, bundled=bundled).content
    try:
        services = build_services(db_path=db_path, content=content)
    except (StorageError, ConfigError) as exc:
        from interview.commands.common import fail

        fail(str(exc))
    _apply_retention(services)
    from interview.tui.app import build_app

    app = build_app(services)
    _exit_cleanly_on(app, signal.SIGTERM, getattr(signal, "SIGHUP", None))
    try:
        app.run()
    finally:
        services.close()  # a copy of the .db file alone then holds everything
    if app.return_code:
        raise SystemExit(app.return_code)


def _apply_retention(services: Any) -> None:
    """The retention policy runs on every start, never silently: the app shows a notice."""
    if not services.config.retention.active:
        return
    from interview.services.retention import on_start
    from interview.storage.db import Database

    db = services.repo.db
    if isinstance(db, Database) and (
        notice := on_start(db, services.config.retention, services.clock())
    ):
        services.notices.append(notice)


def _exit_cleanly_on(app: Any, *signals: signal.Signals | None) -> None:
    def handler(signum: int, frame: object) -> None:
        loop = getattr(app, "_loop", None)
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(app.exit)
        else:
            raise SystemExit(128 + signum)

    for sig in signals:
        if sig is not None:
            signal.signal(sig, handler)
