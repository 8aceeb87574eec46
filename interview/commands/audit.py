"""``interview audit``: the audit trail of submitted scorecards and data removal."""

from __future__ import annotations

from pathlib import Path

import click

from interview.commands.lifecycle_common import candidate_or_exit, open_existing
from interview.commands.report import db_option


@click.command()
@click.argument("candidate", metavar="[CANDIDATE]", required=False)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@db_option
@click.pass_context
def audit(ctx: click.Context, candidate: str | None, fmt: str, db_path: Path | None) -> None:
    """Print who changed a submitted scorecard, when and why (all candidates, or one).

    Lists submissions, amendments with their reasons, panel lead overrides, panel
    decisions, erasures and retention runs, oldest first.
    """
    from interview.reports.text import one_line
    from interview.services import audit as service

    db, path = open_existing(ctx, db_path)
    try:
        who = candidate_or_exit(db, candidate) if candidate else None
        items = service.entries(db, who)
    finally:
        db.close()
    if fmt == "json":
        click.echo(service.as_json(items), nl=False)
        return
    if fmt == "csv":
        click.echo(service.as_csv(items), nl=False)
        return
    if not items:
        click.echo(f"no audit entries in {path}", err=True)
        return
    for e in items:
        where = " ".join(p for p in (one_line(e.candidate), e.session) if p)
        why = f" — {one_line(e.why)}" if e.why else ""
        actor = one_line(e.actor) or "unknown"
        click.echo(f"{e.at[:19].replace('T', ' ')}  {e.kind:<20} {actor:<18} {where}{why}")
