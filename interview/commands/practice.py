"""``interview practice``: open the app in practice mode, list attempts, export one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from interview.commands.common import (
    bundled_from_ctx,
    fail,
    load_or_exit,
    option_from_ctx,
    write_or_exit,
)

if TYPE_CHECKING:
    from interview.services.container import Services
    from interview.services.practice import Practice

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite database file (default: $INTERVIEW_DB or the user data directory).",
)


def _services(ctx: click.Context, db_path: Path | None) -> Services:
    from interview.config import ConfigError
    from interview.services.container import build_services
    from interview.storage.db import StorageError

    bank: Sequence[Path] = option_from_ctx(ctx, "bank", ()) or ()  # type: ignore[assignment]
    rubric: Sequence[Path] = option_from_ctx(ctx, "rubric", ()) or ()  # type: ignore[assignment]
    path: Path | None = option_from_ctx(ctx, "db_path", db_path)  # type: ignore[assignment]
    content = load_or_exit(bank, rubric, bundled=bundled_from_ctx(ctx)).content
    try:
        return build_services(db_path=path, content=content)
    except (StorageError, ConfigError) as exc:
        fail(str(exc))
    except OSError as exc:  # e.g. --db inside a folder this user may not enter
        fail(f"{exc.filename or path}: cannot open ({exc.strerror or exc})")


def _practice(services: Services) -> Practice:
    from interview.services.practice import Practice

    return Practice(services.content, services.repo)


@click.group(invoke_without_command=True)
@click.option("--plan", "plan_id", metavar="ID", help="Start an attempt at this plan.")
@click.option("--area", "area_id", metavar="ID", help="Start a question from this rubric area.")
@click.option("--weakest", is_flag=True, help="Start a question from your weakest area.")
@click.option(
    "--only", "practice_only", is_flag=True, hidden=True,
    help="Nothing but practice can be reached (what `interview serve` runs).",
)  # fmt: skip
@db_option
@click.pass_context
def practice(
    ctx: click.Context,
    plan_id: str | None,
    area_id: str | None,
    weakest: bool,
    practice_only: bool,
    db_path: Path | None,
) -> None:
    """Practise alone with the question bank.

    With no command, opens the app on the practice screen; --plan, --area or
    --weakest start an attempt straight away. Nothing needs an API key or a network.
    Practice attempts never count in panels or calibration, the home screen lists
    interviews only, and `interview sessions` labels attempts as practice.
    """
    ctx.ensure_object(dict)
    if db_path is not None:
        ctx.obj["practice_db"] = db_path
    if ctx.invoked_subcommand is not None:
        return
    if sum(bool(x) for x in (plan_id, area_id, weakest)) > 1:
        fail("choose one of --plan, --area or --weakest")
    services = _services(ctx, db_path)
    attempt_id = None
    if plan_id or area_id or weakest:
        catalogue = _practice(services)
        try:
            if plan_id:
                attempt = catalogue.start_plan(plan_id)
            elif area_id:
                attempt = catalogue.start_area(area_id)
            else:
                attempt = catalogue.start_weakest()
        except KeyError as exc:
            fail(str(exc.args[0]) if exc.args else "nothing to practise")
        attempt_id = attempt.id
    from interview.tui.practice_app import run_practice_app

    run_practice_app(services, attempt_id, practice_only=practice_only)


def _db_for(ctx: click.Context, db_path: Path | None) -> Path | None:
    """--db after the subcommand wins over one given to ``practice`` or the main command."""
    if db_path is not None:
        return db_path
    parent = ctx.parent.obj if ctx.parent and ctx.parent.obj else {}
    found: Path | None = parent.get("practice_db")
    return found


@practice.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (full ids, every field).")
@db_option
@click.pass_context
def list_attempts(ctx: click.Context, as_json: bool, db_path: Path | None) -> None:
    """List practice attempts, newest first."""
    from interview.reports.text import json_text, one_line

    services = _services(ctx, _db_for(ctx, db_path))
    attempts = _practice(services).attempts()
    if as_json:
        rows = [
            {
                "id": s.id,
                "started_at": s.started_at,
                "status": "finished" if s.status == "submitted" else "in_progress",
                "plan_id": s.plan_id,
                "plan_title": s.plan_title,
            }
            for s in attempts
        ]
        click.echo(json_text(rows))
        return
    if not attempts:
        click.echo("no practice attempts yet: run `interview practice` to start one", err=True)
        return
    click.echo(f"{'ATTEMPT':<8}  {'STARTED':<16}  {'STATUS':<11}  PLAN")
    for s in attempts:
        status = "finished" if s.status == "submitted" else "in progress"
        click.echo(
            f"{s.id[:8]}  {s.started_at[:16].replace('T', ' ')}  {status:<11}  "
            f"{one_line(s.plan_title)}"
        )


@practice.command("export")
@click.argument("attempt_id")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@db_option
@click.pass_context
def export(
    ctx: click.Context, attempt_id: str, output: Path | None, force: bool, db_path: Path | None
) -> None:
    """Export a practice attempt as Markdown (ATTEMPT_ID may be a unique prefix)."""
    from interview.reports.practice_md import render_attempt
    from interview.storage.repository import NotFound

    services = _services(ctx, _db_for(ctx, db_path))
    try:
        attempt = _practice(services).open(attempt_id)
    except (NotFound, ValueError) as exc:
        fail(str(exc))
    text = render_attempt(attempt)
    if output is None:
        click.echo(text, nl=False)
        return
    write_or_exit(output, text, force=force)
