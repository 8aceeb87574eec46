"""Scorecards in the shapes Greenhouse, Lever and Ashby take, with the documented mapping."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.reports.ats import ASHBY_WORDS, BUILDERS, GREENHOUSE_WORDS, LEVER_WORDS
from interview.reports.build import load_report
from interview.reports.export import ExportError, render, suggested_name
from tests.report_support import golden_session


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    db, sid = golden_session()
    return load_report(db, sid)


@pytest.mark.parametrize(
    ("rec", "gh", "lever", "ashby"),
    [
        ("strong_no", "definitely_not", "1 - Strong No Hire", 1),
        ("no", "no", "2 - No Hire", 2),
        ("yes", "yes", "3 - Hire", 3),
        ("strong_yes", "strong_yes", "4 - Strong Hire", 4),
        (None, "no_decision", None, None),
    ],
)
def test_overall_recommendation_mapping(report, rec, gh, lever, ashby) -> None:  # type: ignore[no-untyped-def]
    r = dataclasses.replace(report, recommendation=rec)
    assert BUILDERS["greenhouse"](r)["overall_recommendation"] == gh
    assert BUILDERS["lever"](r)["fields"][0] == {
        "text": "Overall rating",
        "type": "score-system",
        "value": lever,
    }
    assert BUILDERS["ashby"](r)["overallRecommendation"]["score"] == ashby


def test_each_area_maps_its_score_onto_four_points(report) -> None:  # type: ignore[no-untyped-def]
    gh = BUILDERS["greenhouse"](report)
    lever = BUILDERS["lever"](report)
    ashby = BUILDERS["ashby"](report)
    for area in report.areas:
        attribute = next(a for a in gh["attributes"] if a["name"] == area.title)
        field = next(f for f in lever["fields"] if f["text"] == area.title)
        value = ashby["submittedValues"][area.id]
        if area.score is None:
            assert attribute["rating"] == "no_decision"
            assert field["value"] is None and value["score"] is None
            assert attribute["note"] == "Not assessed in this interview."
        else:
            point = round(area.score)
            assert attribute["rating"] == GREENHOUSE_WORDS[point]
            assert field["value"] == point and value["score"] == point
            assert ASHBY_WORDS[point] and LEVER_WORDS[point]
            assert attribute["note"].startswith(f"{area.level_label} ({area.score:g} of 4).")
    for shape in (gh, lever, ashby):
        assert any("weights" in line for line in shape["not_carried"])
        assert shape["source"]["session_id"] == report.session_id


def test_practice_attempts_are_refused(report) -> None:  # type: ignore[no-untyped-def]
    practice = dataclasses.replace(report, mode="practice")
    with pytest.raises(ExportError, match="only interview scorecards"):
        render(practice, "lever")


def test_file_name_is_json(report) -> None:  # type: ignore[no-untyped-def]
    assert suggested_name(report, "greenhouse").endswith("-greenhouse.json")


def test_report_command_writes_each_shape(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["demo", "--db", str(db)]).exit_code == 0
    for system in ("greenhouse", "lever", "ashby"):
        out = runner.invoke(cli, ["report", "-c", "Dmitri", "--db", str(db), "-f", system])
        assert out.exit_code == 0, out.output
        data = json.loads(out.stdout)
        assert data["candidate"]["name"] == "Dmitri Volkov"
