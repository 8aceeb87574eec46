from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import click

from interview.commands.panel import emit, open_repo


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
@click.option("--interviewer", default="", help="Only this interviewer's drill history.")
@click.option(
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
    from rich.console import Console

    from interview.reports.calibration_text import calibration_renderable
    from interview.reports.panel_csv import safe_cell
    from interview.services.calibration import CalibrationService

    service = CalibrationService(open_repo(ctx, db_path))
    report = service.report()
    histories = service.histories(interviewer)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        areas = report.area_ids
        w.writerow(
            ["interviewer", "scorecards", *[f"offset_{a}" for a in areas], "offset_overall",
             "recommendations_compared", "recommendation_disagreement"]
        )  # fmt: skip
        for s in report.interviewers:
            w.writerow(
                [safe_cell(s.interviewer), s.scorecards]
                + [f"{s.offsets[a]:.3f}" if a in s.offsets else "" for a in areas]
                + ["" if s.overall_offset is None else f"{s.overall_offset:.3f}",
                   s.recommendations_compared,
                   "" if s.disagreement_rate is None else f"{s.disagreement_rate:.3f}"]
            )  # fmt: skip
        w.writerow([])
        w.writerow(["area_id", "area", "alpha_ordinal", "candidates", "ratings"])
        for a in report.areas:
            w.writerow([a.area_id, safe_cell(a.title), "" if a.alpha is None else f"{a.alpha:.4f}",
                        a.candidates, a.ratings])  # fmt: skip
        emit(buf.getvalue(), output, force)
        return
    console = (
        Console(width=None if sys.stdout.isatty() else 160)  # piped: no cut-off figures
        if output is None
        else Console(file=io.StringIO(), width=160, record=True, color_system=None)
    )
    console.print(calibration_renderable(report, histories))
    if output is not None:
        emit(console.export_text(), output, force)
