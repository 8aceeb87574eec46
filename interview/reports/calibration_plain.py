"""Calibration as plain aligned text, for pipes and files.

The same figures as the terminal's Rich tables (``calibration_text``), without loading
Rich or laying out tables: what a script, a pager or ``grep`` reads. Stored names are
cleaned of control characters and never interpreted as markup (there is none here).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from interview.reports.text import one_line
from interview.services.calibration import CalibrationReport, DrillHistory, alpha_reading
from interview.services.panel_common import SAMPLE_MARK

NAME_WIDTH = 60  # longer names are cut with "…": a column, not a page, per name


def _off(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}"


def _alpha(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def columns(
    header: Sequence[str], rows: Sequence[Sequence[str]], left: Collection[int] = (0,)
) -> list[str]:
    """Aligned columns two spaces apart: text columns (``left``) to the left, figures right."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        cells = [
            cell.ljust(w) if i in left else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return [line(header), rule, *(line(r) for r in rows)]


def interviewer_lines(report: CalibrationReport) -> list[str]:
    areas = report.area_ids
    header = ["Interviewer", "Cards", *areas, "Overall", "Tendency", "Rec. differs"]
    rows = []
    for s in report.interviewers:
        rate = s.disagreement_rate
        name = _cut(one_line(s.interviewer) or "(no name)", NAME_WIDTH)
        rows.append(
            [
                f"{SAMPLE_MARK} {name}" if s.sample_scorecards else name,
                str(s.scorecards),
                *(_off(s.offsets.get(a)) for a in areas),
                _off(s.overall_offset),
                s.tendency,
                "—" if rate is None else f"{rate:.0%} of {s.recommendations_compared}",
            ]
        )
    return columns(header, rows, left=(0, len(header) - 2))


def area_lines(report: CalibrationReport) -> list[str]:
    rows = [
        [one_line(a.title), _alpha(a.alpha), a.reading, str(a.candidates), str(a.ratings)]
        for a in report.areas
    ]
    rows.append(
        [
            "Recommendation",
            _alpha(report.recommendation_alpha),
            alpha_reading(report.recommendation_alpha),
            str(report.candidates_with_panels),
            str(report.recommendation_ratings),
        ]
    )
    return columns(["Area", "Alpha (ordinal)", "Reading", "Candidates", "Ratings"], rows, (0, 2))


def drill_lines(history: DrillHistory) -> list[str]:
    areas = sorted({a for at in history.attempts for a in at.offsets})
    rows = [
        [month, str(n), *(_off(offsets.get(a)) for a in areas)]
        for month, offsets, n in history.by_month()
    ]
    rows.append(
        ["all", str(len(history.attempts)), *(_off(history.mean_offsets.get(a)) for a in areas)]
    )
    if len(history.attempts) > 5:
        rows.append(["last 5", "5", *(_off(history.recent_offsets.get(a)) for a in areas)])
    return columns(["When", "Drills", *(one_line(a) for a in areas)], rows)


def render_calibration_plain(
    report: CalibrationReport, histories: Mapping[str, DrillHistory]
) -> str:
    lines = [
        f"Calibration — {report.scorecards} submitted scorecard(s), "
        f"{report.candidates_with_panels} candidate(s) seen by two or more interviewers",
        "Offset: score minus the mean of the other interviewers for the same candidate "
        "and area (+ lenient, − severe).",
    ]
    if report.sample_scorecards:
        lines.append(
            f"{SAMPLE_MARK} {report.sample_scorecards} of the {report.scorecards} scorecards "
            "are sample data from `interview demo`, not real interviews"
        )
    lines.append("")
    if report.interviewers:
        lines += interviewer_lines(report)
    else:
        lines.append("No submitted interview scorecards yet.")
    lines += ["", "Agreement per area (Krippendorff's alpha)", *area_lines(report)]
    lines += ["", "Calibration drills (offset from the agreed scores)"]
    if not histories:
        lines.append("No drills yet: the app's calibration screen runs them (key d).")
    for name, history in sorted(histories.items()):
        lines += ["", one_line(name), *drill_lines(history)]
    return "\n".join(lines) + "\n"
