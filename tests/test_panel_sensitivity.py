"""The panel's one-point check: one interviewer changes one score by one point."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from interview.cli import cli
from interview.domain.models import Area, Level, Rubric, Thresholds
from interview.domain.scoring import Recommendation
from interview.services.panel_model import AreaRow, combine

LEVELS = tuple(Level(i, f"L{i}", ("a",)) for i in range(1, 5))
TITLES = {
    "python": ("Python fundamentals", 20),
    "api": ("API design", 20),
    "databases": ("Databases", 20),
    "testing": ("Testing", 15),
    "infrastructure": ("Infrastructure", 15),
    "observability": ("Observability", 10),
}
RUBRIC = Rubric(
    "backend",
    "Backend",
    "",
    tuple(Area(a, t, w, "", LEVELS) for a, (t, w) in TITLES.items()),
    Thresholds(35, 60, 80),
)


def rows(matrix: dict[str, tuple[int | None, ...]]) -> list[AreaRow]:
    return [AreaRow(a, TITLES[a][0], TITLES[a][1], matrix[a]) for a in TITLES]


# The demo's panels, one column per interviewer.
AMARA = {  # C-2041: Yes at 78.3
    "python": (4, 3, 3),
    "api": (4, 4, 3),
    "databases": (3, 4, 3),
    "testing": (3, 3, 4),
    "infrastructure": (4, 3, 2),
    "observability": (3, 3, 4),
}
DMITRI = {  # C-2042: No at 56.1
    "python": (3, 2, 3),
    "api": (3, 3, 3),
    "databases": (3, 3, 3),
    "testing": (3, 2, 2),
    "infrastructure": (2, 2, 3),
    "observability": (3, None, 2),
}


def test_one_interviewers_point_is_a_third_of_a_point_on_the_mean() -> None:
    result = combine(RUBRIC, rows(AMARA))
    assert result.recommendation is Recommendation.YES
    flips = {(f.area_id, f.delta): f for f in result.flips}
    # Any one interviewer raising python, api, databases or testing reaches Strong Yes...
    for area in ("python", "api", "databases", "testing", "infrastructure"):
        assert flips[(area, 1)].recommendation is Recommendation.STRONG_YES
    assert round(flips[("python", 1)].weighted, 1) == 80.6
    # ...observability +1 (10% weight) does not: 80 needs more.
    assert ("observability", 1) not in flips
    text = result.sensitivity_text(panel=True)
    assert text.startswith("One interviewer changing one score by one point")
    assert "Python fundamentals +1 → Strong Yes (80.6)" in text
    # The old check moved the whole mean a point: "infrastructure +1 → Strong Yes (83.3)".
    assert "83.3" not in text and "infrastructure" not in text


def test_a_result_no_single_point_changes_is_called_robust() -> None:
    result = combine(RUBRIC, rows(DMITRI))
    assert result.recommendation is Recommendation.NO
    assert result.flips == ()
    assert result.sensitivity_text(panel=True) == (
        "Robust: no interviewer changing one score by one point changes the recommendation."
    )


def test_panel_command_on_merged_demo_data(tmp_path: Path) -> None:
    runner = CliRunner()
    folder, merged = tmp_path / "per", tmp_path / "panel.db"
    assert runner.invoke(cli, ["demo", "--per-interviewer", str(folder)]).exit_code == 0
    dbs = sorted(str(p) for p in folder.glob("*.db"))
    assert runner.invoke(cli, ["merge", "-o", str(merged), *dbs]).exit_code == 0
    amara = runner.invoke(cli, ["--db", str(merged), "panel", "C-2041"], terminal_width=200)
    assert amara.exit_code == 0, amara.output
    assert "Python fundamentals +1 → Strong Yes (80.6)" in amara.output
    assert "infrastructure +1" not in amara.output
    dmitri = runner.invoke(cli, ["--db", str(merged), "panel", "C-2042"], terminal_width=200)
    assert "Robust: no interviewer changing one score" in dmitri.output
    assert "62.8" not in dmitri.output
