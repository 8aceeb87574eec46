"""Golden files: each format of one fixed sample interview, byte for byte.

The interview is played from the sample data against a frozen copy of the content
(tests/fixtures/reports), so editing the shipped bank never moves these files.
Regenerate deliberately with ``UPDATE_GOLDEN=1 pytest tests/test_report_golden.py``
and review the diff.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from interview.reports.build import load_report
from interview.reports.export import render
from interview.reports.model import Report
from interview.reports.terminal import render_text
from tests.report_support import GOLDEN, golden_session

RENDERERS: dict[str, Callable[[Report], str]] = {
    "md": lambda r: render(r, "md"),
    "html": lambda r: render(r, "html"),
    "json": lambda r: render(r, "json"),
    "csv": lambda r: render(r, "csv"),
    "txt": lambda r: render_text(r, width=100),
}


@pytest.fixture(scope="module")
def report() -> Report:
    db, session_id = golden_session()
    return load_report(db, session_id)


@pytest.mark.parametrize("fmt", list(RENDERERS))
def test_format_matches_its_golden_file(report: Report, fmt: str) -> None:
    path = GOLDEN / f"report.{fmt}"
    actual = RENDERERS[fmt](report)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"{path} is missing; run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{path.name} differs; if intended, rerun with UPDATE_GOLDEN=1"


def test_the_same_session_played_twice_gives_identical_reports() -> None:
    first = [r(load_report(*golden_session())) for r in RENDERERS.values()]
    second = [r(load_report(*golden_session())) for r in RENDERERS.values()]
    assert first == second
