from __future__ import annotations

import csv
import dataclasses
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from interview.commands.common import fail
from interview.commands.panel import batch, emit, open_database

if TYPE_CHECKING:
    from interview.services.calibration import CalibrationReport, DrillHistory


def _num(value: float | None, digits: int = 3) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def calibration_csv(
    report: CalibrationReport,
    histories: dict[str, DrillHistory],
    what: str,
    safe_cell: Callable[[str], str],
) -> str:
    """One table per file, so a spreadsheet or a script reads it without splitting."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if what == "offsets":
        areas = report.area_ids
        w.writerow(
            ["interviewer", "scorecards", *[f"offset_{a}" for a in areas], "offset_overall",
             "recommendations_compared", "recommendation_disagreement", "sample_scorecards"]
        )  # fmt: skip
        for s in report.interviewers:
            w.writerow(
                [safe_cell(s.interviewer), s.scorecards]
                + [_num(s.offsets.get(a)) for a in areas]
                + [
                    _num(s.overall_offset),
                    s.recommendations_compared,
                    _num(s.disagreement_rate),
                    s.sample_scorecards,
                ]
            )
    elif what == "agreement":
        w.writerow(["area_id", "area", "alpha_ordinal", "candidates", "ratings"])
        for a in report.areas:
            w.writerow([safe_cell(a.area_id), safe_cell(a.title), _num(a.alpha, 4), a.candidates,
                        a.ratings])  # fmt: skip
        # The recommendation itself, on the same footing as the areas
        w.writerow(["recommendation", "Recommendation", _num(report.recommendation_alpha, 4),
                    report.candidates_with_panels, report.recommendation_ratings])  # fmt: skip
    else:
        w.writerow(["interviewer", "at", "question_id", "sample_level", "area_id", "score",
                    "agreed", "offset"])  # fmt: skip
        for who in sorted(histories):
            for attempt in histories[who].attempts:
                for area in sorted(attempt.scores):
                    agreed = attempt.agreed.get(area)
                    w.writerow(
                        [safe_cell(who), attempt.at, safe_cell(attempt.question_id),
                         attempt.sample_level, safe_cell(area), attempt.scores[area],
                         "" if agreed is None else agreed,
                         "" if agreed is None else attempt.scores[area] - agreed]
                    )  # fmt: skip
    return buf.getvalue()


def _off(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}"


def _alpha(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


@click.command()
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Panel database (default: the app's database).",
)
@click.option(
    "--interviewer", default="", help="Only this interviewer's offsets and drill history."
)
@click.option(
    "--what",
    type=click.Choice(("offsets", "agreement", "drills")),
    default="offsets",
    show_default=True,
    help="With --format csv, which table: one table per file.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("text", "csv")),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")  # fmt: skip
@click.option("--force", is_flag=True, help="Overwrite the -o file if it exists.")
@click.pass_context
def calibration(
    ctx: click.Context,
    db_path: Path | None,
    interviewer: str,
    what: str,
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """Interviewer calibration and inter-rater agreement.

    Per interviewer: scorecards, mean offset from the rest of the panel per area
    (positive = lenient, negative = severe) and how often their recommendation differs
    from the panel's combined one. Per area: Krippendorff's alpha (ordinal) over every
    candidate scored by two or more interviewers; 0.800 or more is reliable, 0.667 to
    0.800 tentative. Then each interviewer's calibration drills on the bank's sample
    answers: mean offset from the agreed scores, overall and by month.
    """

    with batch():  # thousands of rows, no garbage collection meanwhile
        from interview.services.calibration import calibration_report, drill_histories

        db = open_database(ctx, db_path)
        report = calibration_report(db)
        histories = drill_histories(db, interviewer)
        if interviewer:
            known = {st.interviewer for st in report.interviewers} | set(histories)
            if interviewer not in known:
                every = {st.interviewer for st in report.interviewers} | set(drill_histories(db))
                fail(
                    f"no interviewer {interviewer!r} in this database"
                    + (f" (known: {', '.join(sorted(every))})" if every else "")
                )
            report = dataclasses.replace(
                report,
                interviewers=[st for st in report.interviewers if st.interviewer == interviewer],
            )
        if fmt == "csv":
            from interview.reports.panel_csv import safe_cell

            emit(calibration_csv(report, histories, what, safe_cell), output, force)
            return
        if output is not None or not sys.stdout.isatty():
            # Pipes and files get plain columns: the same figures without loading Rich.
            from interview.reports.calibration_plain import render_calibration_plain

            emit(render_calibration_plain(report, histories), output, force)
            return
        from interview.reports.calibration_text import calibration_renderable
        from interview.reports.rich_safe import safe_console

        safe_console(width=None).print(calibration_renderable(report, histories))
