"""`interview decide` and `interview loop`: the lead's side of the debrief."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from interview.commands.common import fail
from interview.commands.panel import open_repo

db_opt = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Panel database (default: the app's database).",
)


@click.command()
@click.argument("candidate")
@click.argument("decision", type=click.Choice(["hire", "no-hire", "more-evidence"]))
@click.option("--rationale", required=True, help="Why the panel decided so (required).")
@click.option("--by", "by", required=True, help="The lead recording the decision.")
@db_opt
@click.pass_context
def decide(
    ctx: click.Context, candidate: str, decision: str, rationale: str, by: str, db_path: Path | None
) -> None:
    """Record the panel's debrief decision on CANDIDATE: hire, no-hire or more-evidence.

    Stored apart from the formula's recommendation (which it never changes), shown in
    `interview panel` reports and sent to the hub by `interview push`. A new decision
    replaces the shown one; earlier ones are kept.
    """
    from interview.services.debrief import DebriefError, record_decision
    from interview.services.panel import PanelError, PanelService

    repo = open_repo(ctx, db_path)
    try:
        ref = PanelService(repo).find_candidate(candidate)
        made = record_decision(repo.db, ref.id, decision, rationale, by, repo.clock())
    except (PanelError, DebriefError) as exc:
        fail(str(exc))
    click.echo(f"{ref.label}: debrief decision {made.label} recorded by {made.decided_by}")


def _when(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        fail(f"--at {value!r}: expected a date and time like 2026-03-02T14:00")
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@click.command()
@click.argument("candidate")
@click.argument("interviewers", nargs=-1, required=True)
@click.option("--at", "at", default=None, help="When their session is (ISO; default: now).")
@db_opt
@click.pass_context
def loop(
    ctx: click.Context,
    candidate: str,
    interviewers: tuple[str, ...],
    at: str | None,
    db_path: Path | None,
) -> None:
    """Name the INTERVIEWERS expected on CANDIDATE's loop, so `interview panel` lists
    whose scorecard is still missing and for how long."""
    from interview.services.debrief import DebriefError, add_to_loop
    from interview.services.panel import PanelError, PanelService

    repo = open_repo(ctx, db_path)
    try:
        ref = PanelService(repo).find_candidate(candidate)
        add_to_loop(repo.db, ref.id, list(interviewers), _when(at))
    except (PanelError, DebriefError) as exc:
        fail(str(exc))
    click.echo(f"{ref.label}: loop is {', '.join(interviewers)}")
