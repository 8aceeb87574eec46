"""``interview retention``: anonymise or delete finished sessions older than the policy."""

from __future__ import annotations

from pathlib import Path

import click

from interview.commands.common import fail
from interview.commands.lifecycle_common import (
    actor_name,
    as_option,
    load_config_or_exit,
    open_existing,
)
from interview.commands.report import db_option


@click.command()
@click.option("--dry-run", "mode", flag_value="dry-run", help="List what would go; change nothing.")
@click.option("--apply", "mode", flag_value="apply", help="Anonymise and delete what is due.")
@as_option
@db_option
@click.pass_context
def retention(ctx: click.Context, mode: str | None, actor: str, db_path: Path | None) -> None:
    """Apply the [retention] policy of config.toml to finished sessions.

    Submitted, amended and abandoned interview sessions older than
    anonymise_after_days lose every name and text (scores stay as anonymous numbers);
    older than delete_after_days they are deleted. The app applies the policy on start
    too, and says what it did.
    """
    from interview.domain.records import utc_now
    from interview.reports.text import one_line
    from interview.services import retention as service
    from interview.storage.erase import EraseError

    if mode is None:
        fail("give --dry-run to see what would go, or --apply to remove it")
    config = load_config_or_exit()
    settings = config.retention
    if not settings.active:
        where = config.path or "config.toml"
        fail(
            f"no retention policy: add a [retention] table to {where} "
            '(e.g. preset = "eu-default"); see the README'
        )
    db, _ = open_existing(ctx, db_path)
    now = utc_now()
    try:
        if mode == "dry-run":
            todo = service.plan(db, settings, now)
            for verb, items in (("anonymise", todo.anonymise), ("delete", todo.delete)):
                for d in items:
                    click.echo(
                        f"{verb:<10} {d.session_id[:8]}  {d.finished[:10]}  {d.status:<10} "
                        f"{one_line(d.candidate)} · {one_line(d.interviewer)}"
                    )
            click.echo(service.summary(todo, settings, done=False), err=True)
            return
        try:
            todo = service.apply(db, settings, now, actor=actor_name(actor), record_empty=True)
        except EraseError as exc:
            fail(str(exc))
        click.echo(service.summary(todo, settings, done=True))
    finally:
        db.close()
