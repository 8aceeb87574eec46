"""CSV: one row per session per area, ready for a spreadsheet pivot."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from interview.reports.model import Report
from interview.reports.text import one_line

COLUMNS = (
    "session_id",
    "candidate",
    "candidate_code",
    "role",
    "level",
    "interviewer",
    "started_at",
    "submitted_at",
    "status",
    "mode",
    "revision",
    "plan_id",
    "rubric_id",
    "content_hash",
    "area_id",
    "area_title",
    "weight",
    "effective_weight",
    "score",
    "level_label",
    "contribution",
    "weighted_score",
    "recommendation",
    "policy_rule",
)

# A cell starting with one of these is a formula to a spreadsheet; a quote defuses it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    value = one_line(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def _num(value: float | None, places: int = 2) -> str:
    if value is None:
        return ""
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


def rows(report: Report) -> list[list[str]]:
    r = report
    out = []
    for a in r.areas:
        out.append(
            [
                r.session_id,
                _text(r.candidate_name),
                _text(r.candidate_code),
                _text(r.role),
                _text(r.level),
                _text(r.interviewer),
                r.started_at,
                r.submitted_at or "",
                r.status,
                r.mode,
                str(r.revision),
                r.plan_id,
                r.rubric_id,
                r.content_hash,
                a.id,
                _text(a.title),
                str(a.weight),
                _num(a.effective_weight, 4) if a.assessed else "",
                _num(a.score),
                _text(a.level_label),
                _num(a.contribution) if a.assessed else "",
                _num(r.weighted),
                r.recommendation or "",
                _text(r.policy_rule),
            ]
        )
    return out


def render_csv(reports: Report | Iterable[Report]) -> str:
    """One report, or many (a panel export) under one header row."""
    batch = [reports] if isinstance(reports, Report) else list(reports)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for report in batch:
        writer.writerows(rows(report))
    return buffer.getvalue()
