"""Calibration figures against a hand-computed panel, drills, and the command."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.domain.records import Mode
from interview.services.calibration import CalibrationService
from interview.storage.db import open_db
from interview.storage.repository import Repository
from tests.panel_support import Clock, close, content, interview, services_at


def hand_panel(path: Path) -> None:
    """C1: Alice py4 api3, Bob py2 api3. C2: Alice py3, Bob py2, Carol py2 (api 3 each).
    C3: Alice py4 alone. A practice session that must not count."""
    s = services_at(path, policy=False)  # two areas: too few for the shipped policy
    for who, py, api in (("Alice", 4, 3), ("Bob", 2, 3)):
        interview(s, candidate="One", code="C1", interviewer=who, scores={"python": py, "api": api})
    for who, py in (("Alice", 3), ("Bob", 2), ("Carol", 2)):
        interview(s, candidate="Two", code="C2", interviewer=who, scores={"python": py, "api": 3})
    interview(s, candidate="Three", code="C3", interviewer="Alice", scores={"python": 4})
    interview(s, candidate="Two", code="C2", interviewer="Carol", scores={"python": 4},
              plan="practice-short", mode=Mode.PRACTICE)  # fmt: skip
    close(s)


def service(path: Path) -> CalibrationService:
    return CalibrationService(Repository(open_db(path), clock=Clock()), content())


def test_calibration_matches_a_hand_computed_example(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    hand_panel(path)
    report = service(path).report()
    stats = {s.interviewer: s for s in report.interviewers}
    assert {n: s.scorecards for n, s in stats.items()} == {"Alice": 3, "Bob": 2, "Carol": 1}
    # Leave-one-out offsets. Alice python: C1 4-2 = +2, C2 3-mean(2,2) = +1 -> +1.5.
    assert stats["Alice"].offsets == {"python": 1.5, "api": 0.0}
    # Bob python: C1 2-4 = -2, C2 2-mean(3,2) = -0.5 -> -1.25.
    assert stats["Bob"].offsets["python"] == pytest.approx(-1.25)
    assert stats["Carol"].offsets["python"] == pytest.approx(-0.5)
    assert stats["Alice"].overall_offset == pytest.approx(0.75)
    assert (stats["Alice"].tendency, stats["Bob"].tendency, stats["Carol"].tendency) == (
        "lenient", "severe", "in line",
    )  # fmt: skip
    # Panel recommendations: C1 means 3/3 -> 66.7 Yes; C2 2.33/3 -> 55.6 No.
    # Alice: Strong Yes, Yes (both differ); Bob: No (differs), No (agrees); Carol: No (agrees).
    assert (stats["Alice"].recommendations_differing, stats["Alice"].recommendations_compared) == (
        2,
        2,
    )
    assert stats["Bob"].disagreement_rate == 0.5
    assert stats["Carol"].disagreement_rate == 0.0
    # Ordinal alpha for python: units (4,2) and (3,2,2); C3 has one rating and is left out.
    # Coincidences o24=o42=o23=o32=o22=1; n2=3, n3=1, n4=1, n=5.
    # d23=(4-2)^2=4, d24=(5-2)^2=9, d34=(2-1)^2=1.
    # Observed 2*4 + 2*9 = 26; expected 2*(3*4 + 3*9 + 1*1) = 80; alpha = 1 - 4*26/80 = -0.3.
    areas = {a.area_id: a for a in report.areas}
    assert areas["python"].alpha == pytest.approx(-0.3)
    assert (areas["python"].candidates, areas["python"].ratings) == (2, 5)
    assert areas["python"].reading == "low agreement"
    assert areas["api"].alpha is None  # everyone gave 3: nothing to agree or disagree about
    assert areas["testing"].candidates == 0
    # Recommendations as ordinal ranks: (SY=4, No=2) and (Yes=3, No=2, No=2) -> also -0.3.
    assert report.recommendation_alpha == pytest.approx(-0.3)
    assert report.candidates_with_panels == 2
    # Counted as the areas' ratings are: C3's lone recommendation pairs with nothing.
    assert report.recommendation_ratings == 5


def test_calibration_runs_a_fixed_number_of_queries(tmp_path: Path) -> None:
    counts = []
    for n in (1, 4):
        path = tmp_path / f"db{n}.db"
        s = services_at(path)
        for i in range(n):
            for who in ("Alice", "Bob"):
                interview(s, candidate=f"C{i}", code=f"K{i}", interviewer=who,
                          scores={"python": 1 + i % 4})  # fmt: skip
        close(s)
        svc = service(path)
        seen: list[str] = []
        svc.db.conn.set_trace_callback(seen.append)
        svc.report()
        svc.histories()
        svc.db.conn.set_trace_callback(None)
        counts.append(len(seen))
    # The report's four (offsets, score counts, scorecards, rubrics) and the drills' one.
    assert counts[0] == counts[1] == 5


def test_drills_hide_agreed_scores_until_recorded_and_keep_history(tmp_path: Path) -> None:
    path = tmp_path / "me.db"
    services_at(path).repo.db.conn.close()
    repo = Repository(open_db(path), clock=Clock(datetime(2026, 1, 5, tzinfo=UTC)))
    svc = CalibrationService(repo, content())
    first = svc.next_drill("Alice")
    assert first is not None and first.area_ids
    with pytest.raises(ValueError, match="score every area"):
        svc.record("Alice", first, {})
    with pytest.raises(ValueError, match="interviewer name"):
        svc.record("", first, dict.fromkeys(first.area_ids, 2))
    lenient = {a: min(4, v + 1) for a, v in first.sample.scores.items()}
    attempt = svc.record("Alice", first, lenient)
    assert attempt.agreed == dict(first.sample.scores)
    assert all(v in (0, 1) for v in attempt.offsets.values())
    # The next drill is a sample not yet scored.
    second = svc.next_drill("Alice")
    assert second is not None and second.key != first.key
    # A month later, spot on.
    repo.clock = Clock(datetime(2026, 2, 9, tzinfo=UTC))
    svc.record("Alice", second, dict(second.sample.scores))
    history = svc.history("Alice")
    assert [a.question_id for a in history.attempts] == [first.question.id, second.question.id]
    months = history.by_month()
    assert [m for m, _, _ in months] == ["2026-01", "2026-02"]
    assert all(v == 0 for v in months[1][1].values())
    assert svc.history("Bob").attempts == []
    rows = repo.db.execute("SELECT count(*) FROM calibration_history").fetchone()[0]
    assert rows == len(first.area_ids) + len(second.area_ids)


def test_calibration_command(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    hand_panel(path)
    runner = CliRunner()
    result = runner.invoke(cli, ["calibration", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "-0.300" in result.output and "lenient" in result.output
    assert "No drills yet" in result.output
    csv_out = runner.invoke(cli, ["calibration", "--db", str(path), "--format", "csv"]).output
    assert "Alice,3,1.500,0.000" in csv_out
    missing = runner.invoke(cli, ["calibration", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no such database" in missing.output


def test_calibration_csv_one_table_per_file_and_interviewer_filter(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    hand_panel(path)
    repo = Repository(open_db(path), clock=Clock(datetime(2026, 1, 5, tzinfo=UTC)))
    svc = CalibrationService(repo, content())
    item = svc.next_drill("Alice")
    assert item is not None
    svc.record("Alice", item, {a: min(4, v + 1) for a, v in item.sample.scores.items()})
    repo.db.conn.close()
    runner = CliRunner()

    def csv_of(*args: str) -> list[str]:
        out = runner.invoke(cli, ["calibration", "--db", str(path), "-f", "csv", *args])
        assert out.exit_code == 0, out.output
        return out.output.splitlines()

    offsets = csv_of()
    assert offsets[0].startswith("interviewer,scorecards,") and "" not in offsets
    agreement = csv_of("--what", "agreement")
    assert agreement[0] == "area_id,area,alpha_ordinal,candidates,ratings"
    assert agreement[-1].startswith("recommendation,Recommendation,")
    assert agreement[-1].endswith(",2,5")  # candidates and ratings, as for an area
    drills = csv_of("--what", "drills")
    assert drills[0] == "interviewer,at,question_id,sample_level,area_id,score,agreed,offset"
    assert len(drills) == 1 + len(item.area_ids)
    assert all(row.startswith("Alice,2026-01-05") for row in drills[1:])
    only = csv_of("--interviewer", "Alice")
    assert [row.split(",")[0] for row in only[1:]] == ["Alice"]
    unknown = runner.invoke(cli, ["calibration", "--db", str(path), "--interviewer", "Zed"])
    assert unknown.exit_code == 1
    assert "error: no interviewer 'Zed' in this database (known: " in unknown.output


def test_aggregated_report_equals_the_report_from_every_score(tmp_path: Path) -> None:
    """The command reads SQL aggregates; the figures are those of every score read one by
    one (offsets, agreement per area, recommendations), on an uneven panel."""
    import random

    from bench.panel_reference import build_report
    from interview.storage import panel_queries as q

    path = tmp_path / "uneven.db"
    s = services_at(path)
    rng = random.Random(3)
    areas = ("python", "api", "databases", "testing", "infrastructure", "observability")
    for c in range(14):
        level = rng.uniform(1.3, 3.7)
        for who in rng.sample(["Ann", "Ben", "Cat", "Dan", "Eve"], k=rng.choice((1, 2, 3, 4))):
            scores = {
                a: max(1, min(4, round(level + rng.gauss(0, 0.8))))
                for a in areas
                if rng.random() < 0.85
            }
            interview(s, candidate=f"Cand {c}", code=f"K{c}", interviewer=who, scores=scores)
    close(s)
    svc = service(path)
    fast = svc.report()
    slow = build_report(q.scorecard_scores(svc.db), q.rubrics(svc.db))

    assert fast.scorecards == slow.scorecards and fast.rubric == slow.rubric
    assert fast.candidates_with_panels == slow.candidates_with_panels
    assert fast.recommendation_alpha == pytest.approx(slow.recommendation_alpha)
    assert [(a.area_id, a.title, a.candidates, a.ratings) for a in fast.areas] == [
        (a.area_id, a.title, a.candidates, a.ratings) for a in slow.areas
    ]
    assert [a.alpha for a in fast.areas] == pytest.approx([a.alpha for a in slow.areas])
    assert [i.interviewer for i in fast.interviewers] == [i.interviewer for i in slow.interviewers]
    for f, w in zip(fast.interviewers, slow.interviewers, strict=True):
        assert (f.scorecards, f.offset_counts) == (w.scorecards, w.offset_counts)
        assert f.offsets == pytest.approx(w.offsets)
        assert f.overall_offset == pytest.approx(w.overall_offset)
        assert (f.recommendations_compared, f.recommendations_differing) == (
            w.recommendations_compared,
            w.recommendations_differing,
        )
    assert sum(i.recommendations_compared for i in fast.interviewers) > 10


def test_calibration_to_a_pipe_or_file_is_plain_columns(tmp_path: Path) -> None:
    """Piped (or written with -o), the figures come as plain aligned columns, as the ranked
    list does: what a script or a pager reads, and quick to print."""
    path = tmp_path / "panel.db"
    hand_panel(path)
    piped = CliRunner().invoke(cli, ["calibration", "--db", str(path)]).output
    lines = piped.splitlines()
    header = next(line for line in lines if line.startswith("Interviewer"))
    names = header.split()
    assert names[:4] == ["Interviewer", "Cards", "python", "api"]
    assert names[-4:] == ["Overall", "Tendency", "Rec.", "differs"]
    alice = next(line for line in lines if line.startswith("Alice")).split()
    assert alice[:4] == ["Alice", "3", "+1.50", "+0.00"] and "+0.75" in alice
    assert "Recommendation" in piped and "-0.300" in piped
    assert not any(ch in piped for ch in "┃━│╇")  # no table drawing
    out = tmp_path / "calibration.txt"
    result = CliRunner().invoke(cli, ["calibration", "--db", str(path), "-o", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8") == piped
