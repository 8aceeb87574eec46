"""Choosing a format and naming the file; ``write_file`` (from files.py) writes it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from interview.reports.ats import ATS_FORMATS, render_ats
from interview.reports.csv_report import render_csv
from interview.reports.files import ExportError as ExportError
from interview.reports.files import write_file as write_file
from interview.reports.html_report import render_html
from interview.reports.json_report import render_json
from interview.reports.markdown import render_markdown
from interview.reports.model import Report
from interview.reports.text import parse_iso

RENDERERS: dict[str, Callable[[Report], str]] = {
    "md": render_markdown,
    "html": render_html,
    "json": render_json,
    "csv": render_csv,
    # Applicant tracking systems' scorecard shapes, as JSON (see ats.py for the mapping)
    "greenhouse": lambda r: render_ats(r, "greenhouse"),
    "lever": lambda r: render_ats(r, "lever"),
    "ashby": lambda r: render_ats(r, "ashby"),
}
FORMATS = tuple(RENDERERS)
EXTENSIONS = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".csv": "csv",
}


def render(report: Report, fmt: str) -> str:
    if fmt not in RENDERERS:
        raise ExportError(f"unknown format {fmt!r} (choose {', '.join(FORMATS)})")
    try:
        return RENDERERS[fmt](report)
    except ValueError as exc:  # e.g. a practice attempt asked for in an ATS shape
        raise ExportError(str(exc)) from None


def extension(fmt: str) -> str:
    return "json" if fmt in ATS_FORMATS else fmt


def format_for_path(path: Path) -> str | None:
    return EXTENSIONS.get(path.suffix.lower())


def slug(text: str, fallback: str = "candidate") -> str:
    """A safe file-name stem: ASCII letters, digits and dashes, never a path or a dot file."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:48].strip("-")
    return stem or fallback


def suggested_name(report: Report, fmt: str) -> str:
    """e.g. ``amara-okafor-2026-03-02-66c613a0.html``; unique per session."""
    who = slug(report.candidate_name) if report.candidate_name else ""
    if not who or who == "candidate":
        who = slug(report.candidate_code)
    day = parse_iso(report.started_at).strftime("%Y-%m-%d")
    suffix = f"-{fmt}" if fmt in ATS_FORMATS else ""
    return f"{who}-{day}-{slug(report.session_id[:8], 'session')}{suffix}.{extension(fmt)}"
