"""Choosing a format, naming the file and writing it without clobbering anything."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

from interview.reports.csv_report import render_csv
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


class ExportError(Exception):
    """A file cannot be written as asked; the message is one line for the user."""


def render(report: Report, fmt: str) -> str:
    try:
        return RENDERERS[fmt](report)
    except KeyError:
        raise ExportError(f"unknown format {fmt!r} (choose {', '.join(FORMATS)})") from None


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
    return f"{who}-{day}-{slug(report.session_id[:8], 'session')}.{fmt}"


def write_file(path: Path, text: str, *, force: bool = False) -> Path:
    """Write ``text`` to ``path``; an existing file is replaced only with ``force``.

    Without force the file is created exclusively, so two exports never race into one
    file. With force the new content is written beside it and moved into place, so a
    failed write never leaves half a report.
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent}: no such folder")
    data = text.encode("utf-8")
    try:
        if not force:
            with path.open("xb") as fh:
                fh.write(data)
            return path
        fd, tmp = tempfile.mkstemp(prefix=".report-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except FileExistsError:
        raise ExportError(f"{path}: already exists; use --force to overwrite it") from None
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from None
    return path
