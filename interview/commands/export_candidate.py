"""``interview export-candidate``: everything stored about one person (an access request)."""

from __future__ import annotations

from pathlib import Path

import click

from interview.commands.common import write_or_exit
from interview.commands.lifecycle_common import candidate_or_exit, open_existing
from interview.commands.report import db_option


@click.command("export-candidate")
@click.argument("candidate", metavar="CANDIDATE")
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), required=True, help="JSON file to write."
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@db_option
@click.pass_context
def export_candidate(
    ctx: click.Context, candidate: str, output: Path, force: bool, db_path: Path | None
) -> None:
    """Write everything stored about CANDIDATE (name, code or id) as JSON.

    The format is `interview-candidate-export/1`, described in the README and in
    interview/reports/candidate_export.schema.json. The file is readable only by you.
    """
    from interview.domain.records import iso, utc_now
    from interview.services.candidate_export import export_text

    db, _ = open_existing(ctx, db_path)
    try:
        who = candidate_or_exit(db, candidate)
        text = export_text(db, who, exported_at=iso(utc_now()))
    finally:
        db.close()
    write_or_exit(output, text, force=force)
