"""Short version of the concurrent-writers check: two processes writing interviews into
one new database file lose nothing and never hit "database is locked".

The full version (30 s) is ``python -m bench.concurrent_writers``; ``make bench`` runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from bench.concurrent_writers import first_open_race, run_writers  # noqa: E402


def test_two_writers_share_one_database(tmp_path: Path) -> None:
    report = run_writers(2.0, workdir=tmp_path)
    assert report.locked == 0
    assert report.errors == []
    assert report.lost == []
    assert report.written >= 2, "each writer should finish at least one interview"


def test_two_processes_creating_one_database_both_succeed(tmp_path: Path) -> None:
    assert first_open_race(10, workdir=tmp_path) == []
