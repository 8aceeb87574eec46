from __future__ import annotations

from pathlib import Path

import click

from interview.commands.common import bundled_from_ctx, fail, option_from_ctx
from interview.domain.content_paths import content_layers
from interview.domain.errors import ContentError
from interview.domain.loader import load_content
from interview.domain.plan_coverage import plan_coverage_warnings


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Check rubrics, questions and plans.

    With no PATHS, checks the bundled content plus any configured user content.
    PATHS (files or folders) are checked on top of the bundled content, so a plan
    of yours may use the bundled questions (with --no-bundled, PATHS are checked
    alone). Prints one line per problem as file:line:col and exits 1, or any
    warnings (content that works badly: more signals than the live screen has keys,
    a plan area whose share of minutes is under half its weight) and a one-line
    summary and exits 0.
    """
    bank = option_from_ctx(ctx, "bank", ()) or ()
    rubric = option_from_ctx(ctx, "rubric", ()) or ()
    layers = content_layers(
        bank=bank,  # type: ignore[arg-type]
        rubrics=rubric,  # type: ignore[arg-type]
        extra=paths,
        bundled=bundled_from_ctx(ctx),
    )
    if not layers:
        fail("nothing to check: the bundled content is off — give PATHS, --bank or --rubric")
    try:
        result = load_content(layers)
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(str(problem))
        click.echo(f"{len(exc.problems)} problem(s) found", err=True)
        raise SystemExit(1) from None
    for warning in result.warnings:  # on stderr: stdout stays the one-line summary
        click.echo(str(warning), err=True)
    c = result.content
    for warning in plan_coverage_warnings(c):  # warns, never fails
        click.echo(str(warning))
    warned = f", {len(result.warnings)} warning(s)" if result.warnings else ""
    click.echo(
        f"ok: {len(c.rubrics)} rubric(s), {len(c.questions)} question(s), "
        f"{len(c.plans)} plan(s) in {result.files} file(s){warned}"
    )
