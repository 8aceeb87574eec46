from __future__ import annotations

from pathlib import Path

import click

from interview.commands.common import fail


@click.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "target",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Panel database to create or update.",
)
@click.option(
    "--mixed",
    is_flag=True,
    help="The sources are panel databases you trust: take every scorecard under the "
    "interviewer it names (by default a file speaks for one interviewer).",
)
def merge(sources: tuple[Path, ...], target: Path, mixed: bool) -> None:
    """Merge interviewers' databases into one panel database.

    Rows are matched by id, so merging a file again adds nothing. Candidates with the
    same candidate code become one candidate. An amended scorecard replaces its older
    version and keeps the amendment. The same scorecard with different content and no
    amendment is listed as a conflict and left untouched. All or nothing: on any
    error the output database is left as it was.

    Each file is untrusted input: only known tables and columns are read, values
    are checked and capped, content is checked against its hash. A file speaks for
    one interviewer (the one most of its scorecards name); a scorecard in it naming
    anyone else is held back and listed, unless --mixed.

    Exit status: 0 merged, 1 nothing merged (an error), 3 merged with conflicts or
    held scorecards left untouched (listed after the summary).
    """
    from interview.services.merge import MergeError, merge_databases

    try:
        summary = merge_databases(sources, target, mixed=mixed)
    except MergeError as exc:
        fail(str(exc))
    except OSError as exc:  # anything the checks above did not foresee: still one line
        fail(f"{exc.filename or target}: {exc.strerror or exc}; {target} left as it was")
    for line in summary.lines():
        click.echo(line)
    if summary.conflicts or summary.held:
        raise SystemExit(3)  # merged, but a script must notice what was left untouched
