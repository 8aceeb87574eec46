"""``interview forget``: erase one candidate from this database (a GDPR art. 17 request)."""

from __future__ import annotations

from pathlib import Path

import click

from interview.commands.common import fail
from interview.commands.lifecycle_common import (
    actor_name,
    as_option,
    candidate_or_exit,
    load_config_or_exit,
    open_existing,
)
from interview.commands.report import db_option


@click.command()
@click.argument("candidate", metavar="CANDIDATE")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@as_option
@db_option
@click.pass_context
def forget(ctx: click.Context, candidate: str, yes: bool, actor: str, db_path: Path | None) -> None:
    """Erase CANDIDATE (name, code or id) and everything stored about them.

    Notes, justifications, summaries, follow-ups, amendments, LLM usage and events go,
    in one transaction. With `[retention] keep_anonymous_scores = true` their submitted
    scores stay as anonymous numbers for calibration. The file is then compacted so no
    erased text remains in it or its -wal. Refused while the candidate has a session
    open in the app.
    """
    from interview.domain.records import utc_now
    from interview.reports.text import one_line
    from interview.services import erasure
    from interview.storage.erase import EraseError

    config = load_config_or_exit()
    db, path = open_existing(ctx, db_path)
    who = candidate_or_exit(db, candidate)
    label = one_line(who.label)
    busy = erasure.open_session(db, who, utc_now())
    if busy:
        fail(one_line(busy))
    keep = config.retention.keep_anonymous_scores
    if not yes:
        kept = " (scores kept as anonymous numbers)" if keep else ""
        click.confirm(
            f"Erase {label} and everything stored about them from {path}{kept}? "
            "This cannot be undone",
            abort=True,
            err=True,
        )
    try:
        result = erasure.erase(db, who, actor=actor_name(actor), now=utc_now(), keep_scores=keep)
    except EraseError as exc:
        fail(str(exc))
    finally:
        db.close()
    kept_text = (
        f"; {result.kept_anonymous} scorecard(s) kept as anonymous scores"
        if result.kept_anonymous
        else ""
    )
    click.echo(f"erased {label}: {result.sessions} session(s){kept_text}")
