"""Shared by the data-lifecycle commands: the database, the config and who is acting."""

from __future__ import annotations

import getpass
from pathlib import Path

import click

from interview.commands.common import fail, option_from_ctx, require_file
from interview.config import Config
from interview.storage.candidate_data import CandidateLookupError, CandidateRow, resolve_candidate
from interview.storage.db import Database

as_option = click.option(
    "--as",
    "actor",
    metavar="NAME",
    default="",
    help="Who is doing this, for the audit trail (default: your login name).",
)


def open_existing(ctx: click.Context, db_path: Path | None) -> tuple[Database, Path]:
    from interview import paths
    from interview.storage.db import StorageError, open_db

    path: Path = option_from_ctx(ctx, "db_path", db_path) or paths.default_db_path()  # type: ignore[assignment]
    require_file(path, f"{path}: no such database")
    try:
        return open_db(path), path
    except StorageError as exc:
        fail(str(exc))


def load_config_or_exit() -> Config:
    from interview.config import ConfigError, load_config

    try:
        return load_config()
    except ConfigError as exc:
        fail(str(exc))


def candidate_or_exit(db: Database, query: str) -> CandidateRow:
    try:
        return resolve_candidate(db.conn, query)
    except CandidateLookupError as exc:
        fail(str(exc))


def actor_name(actor: str) -> str:
    if actor.strip():
        return actor.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
