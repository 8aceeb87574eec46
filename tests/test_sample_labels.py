"""Sample data stays labelled: the ranking (command line and app), calibration (command
line, CSV and app) and the published views mark demo scorecards; real ones stay plain."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.hub_data import running_hub  # noqa: E402
from interview.cli import cli  # noqa: E402
from interview.services.demo import write_per_interviewer  # noqa: E402
from interview.storage.db import open_db, schema_names  # noqa: E402
from interview.storage.schema import migrations  # noqa: E402
from interview.tui.app import build_app  # noqa: E402
from interview.tui.screens.calibration import CalibrationScreen  # noqa: E402
from interview.tui.screens.ranking import RankingScreen  # noqa: E402
from tests.panel_support import close, interview, services_at  # noqa: E402
from tests.report_support import bundled_content  # noqa: E402
from tests.test_panel_screens import wait_loaded  # noqa: E402
from tests.tui_support import screen_text  # noqa: E402

VIEWS = ("scorecards", "scorecard_scores", "candidate_area_scores", "candidate_summary")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A panel database with the demo's scorecards and two real ones for Ada (K-1)."""
    folder = tmp_path_factory.mktemp("mixed")
    write_per_interviewer(folder / "demo", bundled_content())
    real = folder / "real.db"
    services = services_at(real)
    for who in ("Ann", "Ben"):
        interview(services, candidate="Ada Real", interviewer=who, code="K-1",
                  scores={"python": 3, "api": 3})  # fmt: skip
    close(services)
    out = folder / "panel.db"
    demo = sorted((folder / "demo").glob("*.db"))
    result = run("merge", real, *demo, "-o", out, "--mixed")
    assert result.exit_code == 0, result.output
    assert "mixes" in result.output
    return out


def lines_with(text: str, needle: str) -> list[str]:
    """Table rows (they start with a rank or a name, never with spaces) holding needle."""
    return [line for line in text.splitlines() if needle in line and line[:1].strip()]


def test_the_ranking_marks_sample_rows_in_every_format(mixed: Path) -> None:
    plain = run("panel", "--db", mixed).output
    (ada,) = lines_with(plain, "Ada Real")
    assert "[sample]" not in ada
    (amara,) = lines_with(plain, "Amara Okafor")
    assert "[sample] Amara Okafor (C-2041)" in amara
    assert "[sample] sample data from `interview demo`" in plain
    rows = list(csv.DictReader(io.StringIO(run("panel", "--db", mixed, "--format", "csv").output)))
    assert {r["name"]: r["sample"] for r in rows}["Ada Real"] == "0"
    assert {r["name"]: r["sample"] for r in rows}["Amara Okafor"] == "1"
    data = json.loads(run("panel", "--db", mixed, "--format", "json").output)
    flags = {c["name"]: c["sample_data"] for c in data["candidates"]}
    assert flags["Ada Real"] is False and flags["Tom Becker"] is True
    for fmt in ("md", "html"):
        out = run("panel", "--db", mixed, "--format", fmt).output
        # Markdown escapes the brackets: \[sample\]
        assert re.search(r"sample\\?\] Amara Okafor", out), fmt
        assert not re.search(r"sample\\?\] Ada Real", out), fmt


def test_real_data_alone_carries_no_sample_mark(tmp_path: Path) -> None:
    path = tmp_path / "real.db"
    services = services_at(path)
    interview(services, candidate="Ada Real", interviewer="Ann", code="K-1", scores={"python": 3})
    close(services)
    for args in (("panel",), ("calibration",)):
        assert "sample" not in run(*args, "--db", path).output


def test_calibration_marks_interviewers_with_sample_scorecards(mixed: Path) -> None:
    text = run("calibration", "--db", mixed).output
    assert "[sample] 10 of the 12 scorecards are sample data" in text
    (ann,) = lines_with(text, "Ann ")
    assert "[sample]" not in ann
    assert lines_with(text, "[sample] Kenji Watanabe")
    rows = list(csv.DictReader(io.StringIO(run("calibration", "--db", mixed, "-f", "csv").output)))
    counts = {r["interviewer"]: r["sample_scorecards"] for r in rows}
    assert counts["Ann"] == "0" and counts["Kenji Watanabe"] == "3"


async def test_the_ranking_status_never_ends_a_line_with_a_separator(mixed: Path) -> None:
    services = services_at(mixed)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        ranking = RankingScreen(viewer=None)  # blind: the status says how many are hidden
        app.push_screen(ranking)
        await wait_loaded(pilot, ranking, "ranking")
        await pilot.pause()
        status = screen_text(app).split("candidate(s) · sorted by", 1)[1].split("#  Candidate")[0]
        lines = [line.rstrip() for line in status.splitlines() if line.strip()]
        assert "hidden until you submit yours" in lines[0]
        assert lines[1].strip().startswith("[sample] sample data from")
        assert not any(line.endswith("·") for line in lines), lines
    close(services)


async def test_the_ranking_and_calibration_screens_mark_sample_data(mixed: Path) -> None:
    services = services_at(mixed)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        ranking = RankingScreen(viewer=None)
        ranking.lead = True
        app.push_screen(ranking)
        await wait_loaded(pilot, ranking, "ranking")
        await pilot.pause()
        text = screen_text(app)
        assert "[sample] Amara Okafor" in text and "[sample] sample data from" in text
        assert "Ada Real" in text and "[sample] Ada Real" not in text
        calibration = CalibrationScreen()
        app.push_screen(calibration)
        await wait_loaded(pilot, calibration, "report")
        await pilot.pause()
        text = screen_text(app)
        assert "10 of the 12 scorecards are sample data" in text
        assert "[sample] Hannah Schmidt" in text
    close(services)


def test_every_published_view_has_a_sample_column(mixed: Path) -> None:
    conn = sqlite3.connect(mixed)
    for view in VIEWS:
        flags = dict(
            conn.execute(
                f"SELECT candidate_code, max(sample) FROM {view} GROUP BY candidate_code"
            ).fetchall()
        )
        assert flags["K-1"] == 0 and flags["C-2041"] == 1, view
    conn.close()


def test_an_older_database_gets_the_sample_column(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = open_db(path, migrate=False)
    step = next(n for n in schema_names() if n.startswith("m008_"))
    migrations.apply(db, stop_before=step)
    # The views as an earlier version wrote them: no sample column.
    for view in VIEWS:
        db.execute(f"DROP VIEW {view}")
        db.execute(f"CREATE VIEW {view} AS SELECT id AS session_id FROM sessions")
    db.conn.close()
    db = open_db(path)
    for view in VIEWS:
        assert "sample" in {r[1] for r in db.execute(f"PRAGMA table_info({view})")}, view
    db.conn.close()


def test_anonymous_visitors_of_a_published_panel_see_the_sample_flag(
    mixed: Path, tmp_path: Path
) -> None:
    import urllib.request

    with running_hub(tmp_path / "hub", publish=(mixed,)) as hub:
        url = f"{hub.url}/panel/candidate_summary.json?_shape=array"
        with urllib.request.urlopen(url, timeout=10) as response:
            rows = json.loads(response.read())
    flags = {r["candidate_code"]: r["sample"] for r in rows}
    assert flags["K-1"] == 0 and flags["C-2044"] == 1
