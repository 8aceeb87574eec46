"""`interview hub serve|token`: run the team hub (Datasette) and issue its tokens."""

from __future__ import annotations

import subprocess
from pathlib import Path

import click

from interview.commands.common import fail, listen_or_exit


@click.group()
def hub() -> None:
    """The team hub: a Datasette server interviewers push scorecards to.

    Set-up: pip install 'structured-interview[hub]', then interview hub serve DIR.
    The JSON write API it uses is a Datasette 1.0 alpha feature.
    """


@hub.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8001,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--publish",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also serve this panel database: views public, tables for a lead's token only.",
)
def serve(directory: Path, host: str, port: int, publish: tuple[Path, ...]) -> None:
    """Run the hub on DIRECTORY/hub.db (created when missing) until interrupted.

    Anonymous visitors see nothing of the hub; a published panel database shows them
    only its documented views (scorecards, scores, candidate summaries). Raw tables
    (notes, unfinished sessions, prefs) and SQL need a lead's token.
    """
    from interview.services.hub_server import (
        HubDir,
        HubSetupError,
        require_datasette,
        serve_command,
    )

    try:
        require_datasette()
        argv, env = serve_command(HubDir(directory), host, port, publish)
    except HubSetupError as exc:
        fail(str(exc))
    listen_or_exit(host, port)
    click.echo(f"hub on http://{host}:{port}/ (config {directory / 'datasette.yaml'})", err=True)
    try:
        status = subprocess.call(argv, env=env)
    except KeyboardInterrupt:
        status = 0
    raise SystemExit(status)


@hub.command()
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["interviewer", "lead"]),
    required=True,
    help="interviewer: writes only their own inbox; lead: reads everything.",
)
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The hub's folder (where hub serve runs).",
)
def token(name: str, role: str, directory: Path) -> None:
    """Print a token for NAME: an interviewer's may only insert or update rows of their
    own inbox; a lead's may read everything. Give it as INTERVIEW_HUB_TOKEN."""
    from interview.services.hub_server import HubDir, HubSetupError, issue_token

    try:
        click.echo(issue_token(HubDir(directory), name, role))
    except HubSetupError as exc:
        fail(str(exc))
