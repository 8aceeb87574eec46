"""Helpers shared by commands: loading content and opening the database with clean errors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click

from interview import paths
from interview.domain.content_cache import load_content_cached
from interview.domain.content_paths import content_layers
from interview.domain.errors import ContentError
from interview.domain.models import LoadResult


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(code)


def option_from_ctx(ctx: click.Context, name: str, value: object) -> object:
    """A value given after the subcommand wins over one given before it."""
    if value:
        return value
    parent = ctx.find_root().obj or {}
    return parent.get(name)


def load_or_exit(bank: Sequence[Path] = (), rubric: Sequence[Path] = ()) -> LoadResult:
    """Validated content, or every problem on stderr and exit 1 (unchanged files: cached)."""
    try:
        return load_content_cached(content_layers(bank=bank, rubrics=rubric), paths.cache_dir())
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        fail(f"{len(exc.problems)} problem(s) in the content; the app needs valid content to start")
