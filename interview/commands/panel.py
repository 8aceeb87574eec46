from __future__ import annotations

import gc
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from interview.commands.common import fail, option_from_ctx, require_file, write_or_exit

if TYPE_CHECKING:
    from interview.storage.db import Database
    from interview.storage.repository import Repository

FORMATS = ("text", "md", "html", "csv", "json")
RECS = ("strong_yes", "yes", "no", "strong_no")


def open_database(ctx: click.Context, db_path: Path | None) -> Database:
    """The database to read (``--db``, or the app's), or a one-line error."""
    from interview import paths
    from interview.storage.db import StorageError, open_db

    path: Path | None = option_from_ctx(ctx, "db_path", db_path)  # type: ignore[assignment]
    path = path or paths.default_db_path()
    require_file(path, f"{path}: no such database")
    try:
        return open_db(path)
    except StorageError as exc:
        fail(str(exc))


def open_repo(ctx: click.Context, db_path: Path | None) -> Repository:
    db = open_database(ctx, db_path)
    from interview.storage.repository import Repository

    return Repository(db)


@contextmanager
def batch() -> Iterator[None]:
    """One pass over thousands of rows, done when the process ends: no garbage collection
    meanwhile. The pass makes next to no reference cycles, and every collection would
    walk again the rows fetched so far (tens of milliseconds at 10,000 scorecards)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def emit(text: str, output: Path | None, force: bool = False) -> None:
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    write_or_exit(output, text, force=force)


def _console(output: Path | None) -> Any:
    """A Rich console for the terminal, or (writing to a file) a recording one that
    prints nowhere. Only the Rich views import Rich: plain piped lists never do."""
    from interview.reports.rich_safe import safe_console

    if output is None:
        return safe_console(width=None if sys.stdout.isatty() else 160)
    return _recording_console()


def _recording_console() -> Any:
    """A Rich console that prints nowhere and keeps plain text for ``export_text``."""
    from interview.reports.rich_safe import safe_console

    return safe_console(file=io.StringIO(), width=160, record=True, color_system=None)


@click.command()
@click.argument("candidate", required=False, default="")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Panel database (default: the app's database).",
)
@click.option(
    "--role",
    default=None,
    help="List candidates for this role, ranked: a substring of the role, level or plan.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
@click.option("--force", is_flag=True, help="Overwrite the -o file if it exists.")
@click.option(
    "--as",
    "viewer",
    default=None,
    help="Check blind mode for this interviewer: scores stay hidden until they submit.",
)
@click.option(
    "--lead", is_flag=True, help="Panel-lead override of blind mode (recorded in the event log)."
)
@click.option("--evidence", is_flag=True, help="Text format: show notes and signals per cell.")
@click.option(
    "--sort",
    "sort",
    default="combined",
    show_default=True,
    help="Ranking order: combined, name, scorecards, disagreement or an area id.",
)
@click.option(
    "--asc/--desc",
    "asc",
    default=None,
    help="Ranking order (default: names A-Z, scores highest first).",
)
@click.option("--min-score", type=float, default=None, help="Ranking: combined score at least.")
@click.option(
    "--recommendation",
    type=click.Choice(RECS),
    default=None,
    help="Ranking: only this combined recommendation.",
)
@click.option("--filter", "text", default="", help="Ranking: candidate or interviewer contains.")
@click.option("--chart", is_flag=True, help="Ranking: a bar chart per area (text format).")
@click.option("--top", type=int, default=20, show_default=True,
              help="Ranking: rows in the chart.")  # fmt: skip
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=None,
    help="Ranking: the first N candidates (to a terminal, the default is what fits).",
)
@click.option("--all", "show_all", is_flag=True, help="Ranking: every candidate.")
@click.pass_context
def panel(
    ctx: click.Context,
    candidate: str,
    db_path: Path | None,
    role: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
    viewer: str | None,
    lead: bool,
    evidence: bool,
    sort: str,
    asc: bool | None,
    min_score: float | None,
    recommendation: str | None,
    text: str,
    chart: bool,
    top: int,
    limit: int | None,
    show_all: bool,
) -> None:
    """Compare interviewers' scorecards for CANDIDATE (name, code or id).

    Interviewers are columns and rubric areas rows, with each area's mean and spread;
    disagreements of 2 points or more are highlighted and a debrief agenda lists them
    largest first. The combined score is by formula: the mean of each area across
    interviewers, then the rubric's weights. With --role (or no CANDIDATE), lists
    candidates ranked by combined score with a column per area.

    Blind mode: with --as NAME, scores stay hidden unless NAME has submitted a
    scorecard for the candidate; --lead overrides it and the override is recorded.
    """
    if lead and not viewer:
        fail("--lead needs --as NAME so the override records who used it")

    if candidate and role is None:
        from interview.services.panel import PanelError, PanelService

        service = PanelService(open_repo(ctx, db_path))
        try:
            ref = service.find_candidate(candidate)
            if viewer is not None:
                access = service.access(ref.id, viewer, lead=lead)
                if not access.allowed:
                    fail(access.reason)
                if access.override:
                    service.record_override(viewer, ref)
            view = service.view(ref)
        except PanelError as exc:
            fail(str(exc))
        if fmt == "text":
            from interview.reports.panel_text import panel_renderable

            console = _console(output)
            console.print(panel_renderable(view, evidence=evidence))
            if output is not None:
                emit(console.export_text(), output, force)
            return
        if fmt == "md":
            from interview.reports.panel_md import render_panel
        elif fmt == "html":
            from interview.reports.panel_html import render_panel
        elif fmt == "json":
            from interview.reports.panel_json import render_panel
        else:
            from interview.reports.panel_csv import render_panel
        emit(render_panel(view), output, force)
        return

    # The ranked list reads three aggregates and imports only what ranking them needs.
    with batch():
        from interview.services.ranking import SORT_KEYS, rank_candidates

        db = open_database(ctx, db_path)
        ranking = rank_candidates(db, role or "", viewer=None if lead or viewer is None else viewer)
        if lead and viewer:
            from interview.services.panel_common import record_override
            from interview.storage.repository import Repository

            record_override(Repository(db), viewer, scope=f"ranking:{role or ''}")
        if sort not in SORT_KEYS and sort not in ranking.area_ids:
            choices = ", ".join((*SORT_KEYS, *ranking.area_ids))
            fail(f"unknown sort key {sort!r}; use one of: {choices}")
        rows = ranking.filtered(
            text=text, min_score=min_score, recommendation=recommendation or "", sort=sort,
            descending=(sort != "name") if asc is None else not asc,
        )  # fmt: skip
        title = f"Candidates for {role}" if role else "Candidates"
        if not rows:
            fail(
                "no candidate with a submitted scorecard matches"
                + (f" role {role!r}" if role else "")
            )
        if fmt == "text" and (output is not None or not stdout_is_terminal()):
            # Pipes and files get plain columns: thousands of rows in milliseconds.
            from interview.reports.ranking_plain import render_ranking_plain

            shown = rows if show_all or limit is None else rows[:limit]
            text = render_ranking_plain(ranking, shown, title, sort)
            if chart:  # the bars as plain lines below the list
                from interview.reports.panel_text import area_charts

                console = _recording_console()
                console.print(area_charts(ranking, shown, top=top))
                text = text.rstrip("\n") + "\n" + console.export_text()
            emit(text, output, force)
            return
        if fmt == "text":
            from rich.text import Text

            from interview.reports.panel_text import area_charts, ranking_notes, ranking_table
            from interview.reports.rich_safe import plain

            console = _console(output)

            if show_all:
                page = len(rows)
            elif limit is not None:
                page = limit
            else:  # what fits the terminal, header and notes included
                import shutil

                page = max(5, shutil.get_terminal_size((120, 40)).lines - 8)
            shown = rows[:page]
            heading = plain(title, "bold")
            heading.append(f" — {len(rows)} candidate(s), ranked by {sort}", style="")
            console.print(heading)
            console.print(ranking_table(ranking, shown))
            if len(shown) < len(rows):
                console.print(
                    Text(
                        f"showing {len(shown)} of {len(rows)}: --all for every candidate, "
                        "--limit N for more, --min-score or --filter to narrow",
                        style="dim",
                    )
                )
            console.print(ranking_notes(shown))
            if chart:
                console.print(area_charts(ranking, shown, top=top))
            if output is not None:
                emit(console.export_text(), output, force)
            return
        if not show_all and limit is not None:
            rows = rows[:limit]
        if fmt == "md":
            from interview.reports.panel_md import render_ranking as md

            emit(md(ranking, rows, title), output, force)
        elif fmt == "html":
            from interview.reports.panel_html import render_ranking as html

            emit(html(ranking, rows, title), output, force)
        elif fmt == "json":
            from interview.reports.panel_json import render_ranking as as_json

            emit(as_json(ranking, rows), output, force)
        else:
            from interview.reports.panel_csv import render_ranking as csv

            emit(csv(ranking, rows), output, force)
