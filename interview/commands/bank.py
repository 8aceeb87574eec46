"""``interview bank stats``: which questions and signals work, from submitted scorecards."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from interview.commands.common import fail
from interview.commands.panel import emit, open_repo


def _since(value: str) -> str:
    if not value:
        return ""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        fail(f"--since {value!r} is not a date — use YYYY-MM-DD")


@click.group()
def bank() -> None:
    """The question bank: item analysis from real interviews."""


@bank.command()
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Database to analyse (default: the app's database; a merged panel database "
    "gives the whole team's picture).",
)
@click.option("--plan", "plan_id", default="", help="Only sessions of this plan id.")
@click.option("--since", default="", help="Only sessions started on or after this date.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("text", "md", "html", "csv", "json")),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")  # fmt: skip
@click.option("--force", is_flag=True, help="Overwrite the -o file if it exists.")
@click.pass_context
def stats(
    ctx: click.Context,
    db_path: Path | None,
    plan_id: str,
    since: str,
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """Per question: exposure (live and practice, overall and last 90 days) and minutes
    against the budget. Per signal: hit rate and discrimination (point-biserial r between
    ticking it and the final weighted score, with n and a 95% interval). Per probe: how
    often it is asked and the area scores with and without it. Per area: the score
    distribution. Then flags with their reasons; nothing is flagged from fewer sessions
    than `min_sessions` in the [bank_stats] section of config.toml.
    """
    from interview.config import ConfigError, load_config
    from interview.reports.bank_stats_render import RENDERERS
    from interview.services.bank_stats import bank_stats

    try:
        settings = load_config().bank_stats
    except ConfigError as exc:
        fail(str(exc))
    since_iso = _since(since)
    repo = open_repo(ctx, db_path)
    if plan_id:
        from interview.storage.bank_stats_queries import plans_used

        used = plans_used(repo.db)
        if plan_id not in used:
            known = ", ".join(used) if used else "none yet"
            fail(f"--plan {plan_id!r}: no session in this database used it (plans used: {known})")
    # A damaged database is one line from interview.cli.main, as for every command.
    result = bank_stats(repo.db, plan_id=plan_id, since=since_iso, settings=settings)
    emit(RENDERERS[fmt](result), output, force)
