"""Calibration figures for a terminal (Rich): interviewers, agreement per area, drills."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.text import Text

from interview.reports.rich_safe import SafeTable as Table
from interview.reports.text import one_line
from interview.services.calibration import CalibrationReport, DrillHistory, alpha_reading
from interview.services.ranking import SAMPLE_MARK


def offset_text(value: float | None) -> Text:
    if value is None:
        return Text("—", style="dim")
    style = "yellow" if value >= 0.5 else "cyan" if value <= -0.5 else ""
    return Text(f"{value:+.2f}", style=style)


def alpha_text(value: float | None) -> Text:
    if value is None:
        return Text("—", style="dim")
    style = "green" if value >= 0.8 else "yellow" if value >= 0.667 else "red"
    return Text(f"{value:.3f}", style=style)


def interviewer_table(report: CalibrationReport) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Interviewer", no_wrap=True, overflow="ellipsis", min_width=12, ratio=1)
    table.add_column("Cards", justify="right", no_wrap=True)
    for a in report.area_ids:
        table.add_column(a, justify="right", no_wrap=True, min_width=min(len(a), 6))
    table.add_column("Overall", justify="right", no_wrap=True)
    table.add_column("Tendency", no_wrap=True)
    table.add_column("Rec. differs", justify="right", no_wrap=True)
    for s in report.interviewers:
        rate = s.disagreement_rate
        name = Text(one_line(s.interviewer) or "(no name)")
        if s.sample_scorecards:
            name = Text.assemble((f"{SAMPLE_MARK} ", "yellow"), name)
        table.add_row(
            name,
            str(s.scorecards),
            *(offset_text(s.offsets.get(a)) for a in report.area_ids),
            offset_text(s.overall_offset),
            s.tendency,
            "—" if rate is None else f"{rate:.0%} of {s.recommendations_compared}",
        )
    return table


def area_table(report: CalibrationReport) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Area")
    table.add_column("Alpha (ordinal)", justify="right")
    table.add_column("Reading")
    table.add_column("Candidates", justify="right")
    table.add_column("Ratings", justify="right")
    for a in report.areas:
        table.add_row(a.title, alpha_text(a.alpha), a.reading, str(a.candidates), str(a.ratings))
    table.add_section()
    table.add_row(
        "Recommendation",
        alpha_text(report.recommendation_alpha),
        alpha_reading(report.recommendation_alpha),
        str(report.candidates_with_panels),
        str(report.recommendation_ratings),
    )
    return table


def drill_table(history: DrillHistory) -> Table:
    areas = sorted({a for at in history.attempts for a in at.offsets})
    table = Table(show_edge=False, pad_edge=False, title_justify="left")
    table.add_column("When")
    table.add_column("Drills", justify="right")
    for a in areas:
        table.add_column(a, justify="right")
    for month, offsets, n in history.by_month():
        table.add_row(month, str(n), *(offset_text(offsets.get(a)) for a in areas))
    table.add_section()
    table.add_row(
        "all", str(len(history.attempts)),
        *(offset_text(history.mean_offsets.get(a)) for a in areas), style="bold",
    )  # fmt: skip
    if len(history.attempts) > 5:
        table.add_row("last 5", "5", *(offset_text(history.recent_offsets.get(a)) for a in areas))
    return table


def calibration_renderable(
    report: CalibrationReport, histories: Mapping[str, DrillHistory]
) -> RenderableType:
    parts: list[RenderableType] = [
        Text(
            f"Calibration — {report.scorecards} submitted scorecard(s), "
            f"{report.candidates_with_panels} candidate(s) seen by two or more interviewers",
            style="bold",
        ),
        Text(
            "Offset: score minus the mean of the other interviewers for the same candidate "
            "and area (+ lenient, − severe).",
            style="dim",
        ),
    ]
    if report.sample_scorecards:
        parts.append(
            Text(
                f"{SAMPLE_MARK} {report.sample_scorecards} of the {report.scorecards} scorecards "
                "are sample data from `interview demo`, not real interviews",
                style="yellow",
            )
        )
    if report.interviewers:
        parts.append(interviewer_table(report))
    else:
        parts.append(Text("No submitted interview scorecards yet."))
    parts += [Text("\nAgreement per area (Krippendorff's alpha)", style="bold"), area_table(report)]
    parts.append(Text("\nCalibration drills (offset from the agreed scores)", style="bold"))
    if not histories:
        parts.append(Text("No drills yet: the app's calibration screen runs them (key d)."))
    for name, history in sorted(histories.items()):
        parts += [Text(f"{one_line(name)}", style="bold"), drill_table(history)]
    return Group(*parts)
