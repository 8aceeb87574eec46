"""``interview report``: one candidate report as Markdown, HTML, JSON or CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from interview.commands.common import fail, option_from_ctx, require_file, write_or_exit

if TYPE_CHECKING:
    from interview.domain.records import SessionSummary
    from interview.storage.repository import Repository

# as in interview.reports.export, without importing it
FORMATS = ("md", "html", "json", "csv", "greenhouse", "lever", "ashby")
AMBIGUOUS_EXIT = 2


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def open_repository(ctx: click.Context, db_path: Path | None) -> tuple[Repository, Path]:
    """The database to read, which must already exist (reading never creates one)."""
    from interview import paths
    from interview.storage.db import StorageError, open_db
    from interview.storage.repository import Repository

    path: Path = option_from_ctx(ctx, "db_path", db_path) or paths.default_db_path()  # type: ignore[assignment]
    require_file(
        path, f"{path}: no such database (try `interview demo --db {path}` for sample data)"
    )
    try:
        return Repository(open_db(path)), path
    except StorageError as exc:
        fail(str(exc))


def _choices(sessions: list[SessionSummary]) -> str:
    from interview.reports.text import day_label, one_line

    by_candidate: dict[str, list[SessionSummary]] = {}
    for s in sessions:
        by_candidate.setdefault(s.candidate_id, []).append(s)
    lines = []
    for group in by_candidate.values():
        latest = max(group, key=lambda s: s.started_at)
        code = one_line(latest.candidate_code) or "—"
        lines.append(
            f"  {code:<10} {one_line(latest.candidate)[:32]:<32} {len(group)} session(s), "
            f"latest {day_label(latest.started_at)} ({latest.id[:8]})"
        )
    return "\n".join(lines)


def find_candidate_session(repo: Repository, name: str) -> str | None:
    """The latest session of the one candidate whose name or code matches ``name``.

    None if nothing matches; exits with the list of choices if several candidates do.
    """
    from interview.reports.text import day_label, one_line

    sessions = repo.list_sessions(candidate=name.strip(), mode=None, limit=None)
    if not sessions:
        return None
    candidates = {s.candidate_id for s in sessions}
    if len(candidates) > 1:
        from interview.domain.folding import fold

        wanted = fold(name.strip())
        exact = {
            s.candidate_id
            for s in sessions
            if wanted in (fold(s.candidate), fold(s.candidate_code))
        }
        if len(exact) != 1:
            click.echo(
                f"error: {name!r} matches {len(candidates)} candidates; choose one:", err=True
            )
            click.echo(_choices(sessions), err=True)
            click.echo("then: interview report --candidate CODE, or a session id", err=True)
            raise SystemExit(AMBIGUOUS_EXIT)
        sessions = [s for s in sessions if s.candidate_id in exact]
    sessions.sort(key=lambda s: (s.started_at, s.id), reverse=True)
    latest = sessions[0]
    if len(sessions) > 1:
        others = ", ".join(
            f"{s.id[:8]} ({one_line(s.interviewer) or 'no interviewer'}, {day_label(s.started_at)})"
            for s in sessions[1:6]
        )
        more = f" and {len(sessions) - 6} more" if len(sessions) > 6 else ""
        click.echo(
            f"{one_line(latest.candidate_label)} has {len(sessions)} sessions; showing the latest "
            f"({latest.id[:8]}, {one_line(latest.interviewer)}). Others: {others}{more}",
            err=True,
        )
    return latest.id


def _resolve(repo: Repository, target: str | None, candidate: str | None) -> str:
    from interview.storage.repository import NotFound

    if candidate:
        found = find_candidate_session(repo, candidate)
        if found is None:
            fail(f"no candidate matches {candidate!r} (see `interview sessions`)")
        return found
    assert target is not None
    try:
        return repo.resolve_session_id(target.strip())
    except NotFound as exc:
        if "ambiguous" in str(exc):
            fail(str(exc))
    # Not an id: a candidate's name or code is the next best guess.
    found = find_candidate_session(repo, target)
    if found is None:
        fail(f"no session or candidate matches {target!r} (see `interview sessions`)")
    return found


DB_HELP = "SQLite database file (default: $INTERVIEW_DB or the user data directory)."
db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), help=DB_HELP
)


@click.command()
@click.argument("target", metavar="SESSION", required=False)
@click.option(
    "--candidate", "-c", metavar="NAME", help="Latest session of this candidate (name or code)."
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format (default: from the -o extension, else md).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="Write to this file (or into this folder, named after the candidate).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@db_option
@click.pass_context
def report(
    ctx: click.Context,
    target: str | None,
    candidate: str | None,
    fmt: str | None,
    output: Path | None,
    force: bool,
    db_path: Path | None,
) -> None:
    """Export a candidate report (md, html, json, csv) or an ATS scorecard.

    greenhouse, lever and ashby write the scorecard as JSON in the shape each
    applicant tracking system uses (overall rating and one rating per area; the README
    has the mapping and what cannot be carried).

    SESSION is a session id or a unique prefix of one, as shown by `interview
    sessions`; a candidate's name or code works too. --candidate NAME picks that
    candidate's latest session and lists the choices when the name is ambiguous.

    Without -o, Markdown goes to stdout, or a formatted report when stdout is a
    terminal. With -o the format follows the extension (.md, .html, .json, .csv)
    unless --format says otherwise. An existing file is never overwritten without
    --force.
    """
    if not target and not candidate:
        fail("give a session id (see `interview sessions`) or --candidate NAME")
    if target and candidate:
        fail("give a session id or --candidate NAME, not both")
    from interview.reports.build import load_report
    from interview.reports.export import format_for_path, render, suggested_name

    repo, path = open_repository(ctx, db_path)
    if repo.count_sessions() == 0:
        fail(f"{path}: no sessions yet (try `interview demo --db {path}` for sample data)")
    session_id = _resolve(repo, target, candidate)
    data = load_report(repo.db, session_id)

    if output is None:
        if fmt is None and stdout_is_terminal():
            from interview.reports.rich_safe import safe_console
            from interview.reports.terminal import render_rich

            safe_console().print(render_rich(data))
            return
        from interview.reports.export import ExportError

        try:
            click.echo(render(data, fmt or "md"), nl=False)
        except ExportError as exc:
            fail(str(exc))
        return

    try:
        into_folder = output.is_dir()
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror})")
    if into_folder:
        output = output / suggested_name(data, fmt or "md")
    chosen = fmt or format_for_path(output)
    if chosen is None:
        fail(f"{output}: cannot tell the format from the extension; add --format md|html|json|csv")
    from interview.reports.export import ExportError

    try:
        text = render(data, chosen)
    except ExportError as exc:
        fail(str(exc))
    write_or_exit(output, text, force=force)
