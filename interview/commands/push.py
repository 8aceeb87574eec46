"""`interview push` and `interview pull`: exchange scorecards with the team hub."""

from __future__ import annotations

from pathlib import Path

import click

from interview.commands.common import fail, option_from_ctx, require_file

hub_option = click.option(
    "--hub",
    "url",
    default=None,
    help="Hub URL (default: $INTERVIEW_HUB_URL or url in hub.toml).",
)


@click.command()
@hub_option
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Database to push from (default: the app's database).",
)
@click.option("--interviewer", default=None, help="Only this interviewer's scorecards.")
@click.option(
    "--decisions", "decisions_only", is_flag=True, help="Only debrief decisions (a lead's push)."
)
@click.pass_context
def push(
    ctx: click.Context,
    url: str | None,
    db_path: Path | None,
    interviewer: str | None,
    decisions_only: bool,
) -> None:
    """Send submitted and amended scorecards the hub does not have yet.

    Idempotent: a second push sends nothing and says so. Debrief decisions in the
    database go too (with --decisions, only they: a lead's push of a panel database).
    Sessions in progress, practice, private notes, prefs and calibration never leave. A
    lead's token pushes decisions only (--decisions). The token comes
    from $INTERVIEW_HUB_TOKEN (or hub.toml in the config folder), never from the database.
    """
    from interview import paths
    from interview.services.hub_client import HubError, resolve
    from interview.services.hub_sync import push as run

    path: Path = option_from_ctx(ctx, "db_path", db_path) or paths.default_db_path()  # type: ignore[assignment]
    require_file(path, f"{path}: no such database")
    try:
        result = run(resolve(url), path, interviewer, decisions_only=decisions_only)
    except HubError as exc:
        fail(f"{exc}; nothing changed locally")
    click.echo(result.line())


@click.command()
@hub_option
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Panel database to create or update.",
)
def pull(url: str | None, output: Path) -> None:
    """Bring every scorecard on the hub into a panel database (a lead's token).

    The same rules as `interview merge`: pulling again adds nothing, amendments replace
    older versions, conflicts are listed and left untouched (exit status 3).
    """
    from interview.services.hub_client import HubError, resolve
    from interview.services.hub_sync import pull as run

    try:
        result = run(resolve(url), output)
    except HubError as exc:
        fail(str(exc))
    for line in result.merge.lines():
        click.echo(line)
    click.echo(f"pulled {result.scorecards} scorecard(s) in {result.requests} request(s)")
    if result.merge.conflicts:
        raise SystemExit(3)
