"""``interview demo``: fill a database with realistic, deterministic sample data."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from interview.commands.common import (
    bundled_from_ctx,
    fail,
    load_or_exit,
    option_from_ctx,
)
from interview.commands.report import db_option


@click.command()
@click.option(
    "--per-interviewer",
    "per_interviewer",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write one database per interviewer into DIR, as a panel receives them.",
)
@db_option
@click.pass_context
def demo(ctx: click.Context, per_interviewer: Path | None, db_path: Path | None) -> None:
    """Fill a database with realistic sample data.

    Writes five candidates interviewed by four interviewers (submitted scorecards
    with notes, signals, follow-ups and an amendment, one unfinished session) and one
    practice attempt. Every run writes the same data. Refuses a database that holds
    real sessions. With --per-interviewer DIR, writes DIR/<interviewer>.db for each
    interviewer instead (and the combined database too if --db is given).
    """
    from interview import paths
    from interview.services.demo import (
        DemoError,
        DemoResult,
        write_demo_file,
        write_per_interviewer,
    )
    from interview.storage.db import StorageError

    bank: Sequence[Path] = option_from_ctx(ctx, "bank", ()) or ()  # type: ignore[assignment]
    rubric: Sequence[Path] = option_from_ctx(ctx, "rubric", ()) or ()  # type: ignore[assignment]
    explicit: Path | None = option_from_ctx(ctx, "db_path", db_path)  # type: ignore[assignment]
    content = load_or_exit(bank, rubric, bundled=bundled_from_ctx(ctx)).content

    def say(result: DemoResult) -> None:
        where = result.path
        if result.written == 0:
            click.echo(f"{where}: already holds the sample data ({result.present} sessions)")
        else:
            click.echo(
                f"{where}: wrote {result.written} sample session(s) "
                f"({result.candidates} candidate(s), {len(result.interviewers)} interviewer(s)"
                + (", a practice attempt)" if result.practice else ")")
            )

    try:
        if per_interviewer is not None:
            for result in write_per_interviewer(per_interviewer, content):
                say(result)
        if per_interviewer is None or explicit is not None:
            path = explicit or paths.default_db_path()
            say(write_demo_file(path, content))
            click.echo(f"next: interview sessions --db {path}", err=True)
    except (DemoError, StorageError) as exc:
        fail(str(exc))
