"""The panel: side-by-side scorecards, blind mode, ranking, exports."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.domain.records import Mode
from interview.domain.scoring import area_points
from interview.services.live import LiveSession
from interview.services.merge import merge_databases
from interview.services.panel import OVERRIDE_EVENT, PanelError, PanelService
from interview.storage.db import open_db
from interview.storage.repository import Repository
from tests.panel_support import close, interview, services_at

ALICE = {"python": 4, "api": 3, "databases": 2}
BOB = {"python": 3, "api": 3, "databases": 4}


@pytest.fixture
def panel_db(tmp_path: Path) -> Path:
    """Alice submitted for C-7; Bob's C-7 scorecard is still in progress when merged."""
    a, b = tmp_path / "alice.db", tmp_path / "bob.db"
    sa = services_at(a)
    interview(sa, candidate="Ada Lovelace", code="C-7", interviewer="Alice", scores=ALICE,
              note="Sketched an outbox table before anything else")  # fmt: skip
    interview(sa, candidate="Ada Lovelace", code="C-7", interviewer="Alice", scores={"python": 1},
              plan="practice-short", mode=Mode.PRACTICE)  # fmt: skip
    close(sa)
    sb = services_at(b)
    interview(sb, candidate="Ada L.", code="C-7", interviewer="Bob", scores=BOB, submit=False)
    close(sb)
    panel = tmp_path / "panel.db"
    merge_databases([a, b], panel)
    return panel


def submit_bob(tmp_path: Path, panel: Path) -> None:
    sb = services_at(tmp_path / "bob.db")
    sid = sb.repo.list_sessions(interviewer="Bob")[0].id
    LiveSession(sb.repo, sid).submit("Strong on databases")
    close(sb)
    merge_databases([tmp_path / "bob.db"], panel)


def service(path: Path) -> PanelService:
    return PanelService(Repository(open_db(path)))


def test_blind_until_submitted_then_compare_with_disagreements(
    tmp_path: Path, panel_db: Path
) -> None:
    svc = service(panel_db)
    ada = svc.find_candidate("C-7")
    # Bob has not submitted: he may not see Alice's scores.
    bob = svc.access(ada.id, "Bob")
    assert not bob.allowed and "not submitted" in bob.reason and "anchor" in bob.reason
    assert not svc.access(ada.id, "Dana").allowed
    assert not svc.access(ada.id, "").allowed
    assert svc.access(ada.id, "alice").allowed  # names match case-insensitively
    view = svc.view(ada)
    assert [r.interviewer for r in view.raters] == ["Alice"]
    assert [r.interviewer for r in view.pending] == ["Bob"]

    submit_bob(tmp_path, panel_db)
    svc = service(panel_db)
    assert svc.access(ada.id, "Bob").allowed
    view = svc.view(ada)
    assert [r.interviewer for r in view.raters] == ["Alice", "Bob"]  # practice left out
    rows = {r.area_id: r for r in view.rows}
    assert rows["python"].scores == (4, 3) and rows["python"].mean == 3.5
    assert rows["databases"].spread == 2 and rows["databases"].disagreement
    assert not rows["python"].disagreement
    assert rows["testing"].scores == (None, None) and rows["testing"].mean is None
    assert [r.area_id for r in view.disagreements] == ["databases"]
    # Combined by formula: area means, then weights (20/20/20 among assessed areas).
    expected = (area_points(3.5) + area_points(3) + area_points(3)) / 3
    assert view.combined.weighted == pytest.approx(expected)
    # Three areas of six carry 60% of the weight: the policy needs 70% to recommend.
    assert view.combined.recommendation is None and view.combined.insufficient
    assert view.combined.recommendation_label == "Insufficient evidence"
    assert set(view.combined.not_assessed) == {"testing", "infrastructure", "observability"}
    # The agenda leads with the largest disagreement.
    assert view.agenda[0].topic == "Databases" and view.agenda[0].spread == 2
    assert "Alice 2" in view.agenda[0].text and "Bob 4" in view.agenda[0].text
    assert view.agenda[1].topic == "Python fundamentals"
    # Evidence one key away: Alice's note on the first question, for an area it is tagged with.
    first = svc.view(ada).rows[0]
    evidence = [
        e
        for row in view.rows
        for e in view.evidence_for(view.raters[0].session_id, row.area_id)
        if "outbox" in e.notes
    ]
    # The ticked signal is listed under the areas it evidences (its own, else all).
    assert evidence and any(e.senior for e in evidence)
    assert first.area_id == "python"


def test_lead_override_is_recorded_in_the_event_log(panel_db: Path) -> None:
    svc = service(panel_db)
    ada = svc.find_candidate("Ada")
    access = svc.access(ada.id, "Bob", lead=True)
    assert access.allowed and access.override
    svc.record_override("Bob", ada)
    row = svc.db.execute(
        "SELECT actor, detail FROM events WHERE kind = ?", [OVERRIDE_EVENT]
    ).fetchone()
    assert row[0] == "Bob" and ada.id in row[1]


def test_unknown_or_ambiguous_candidates_get_clear_messages(panel_db: Path) -> None:
    svc = service(panel_db)
    with pytest.raises(PanelError, match="no candidate"):
        svc.find_candidate("Zed")
    repo = svc.repo
    svc2 = services_at(None)
    close(svc2)
    # Two candidates sharing a name fragment.
    for name in ("Ada Byron", "Ada King"):
        cid = repo.find_or_create_candidate(name)
        repo.db.execute(
            "INSERT INTO sessions(id, candidate_id, plan_id, rubric_id, content_hash, started_at, "
            "updated_at) SELECT ?, ?, plan_id, rubric_id, content_hash, started_at, updated_at "
            "FROM sessions LIMIT 1",
            [f"s-{name}", cid],
        )
    with pytest.raises(PanelError, match="several candidates"):
        svc.find_candidate("Ada")
    assert svc.find_candidate("Ada King").name == "Ada King"


def build_many(path: Path, candidates: int) -> None:
    s = services_at(path)
    for i in range(candidates):
        for j, who in enumerate(("Alice", "Bob", "Carol")):
            value = 1 + (i + j) % 4
            interview(s, candidate=f"Cand {i:02d}", code=f"K-{i}", interviewer=who,
                      scores={"python": value, "api": 4 - (i % 4), "testing": 2})  # fmt: skip
    interview(s, candidate="Practice Pat", interviewer="Pat", scores={"python": 4},
              plan="practice-short", mode=Mode.PRACTICE)  # fmt: skip
    close(s)


def count_queries(path: Path, action: str) -> int:
    svc = service(path)
    seen: list[str] = []
    svc.db.conn.set_trace_callback(seen.append)
    if action == "ranking":
        svc.ranking("Backend")
    else:
        svc.view(svc.find_candidate("K-1"))
    svc.db.conn.set_trace_callback(None)
    return len(seen)


@pytest.mark.parametrize("action", ["ranking", "view"])
def test_fixed_number_of_queries_whatever_the_number_of_candidates(
    tmp_path: Path, action: str
) -> None:
    small, large = tmp_path / "small.db", tmp_path / "large.db"
    build_many(small, 2)
    build_many(large, 9)
    assert count_queries(small, action) == count_queries(large, action)
    assert count_queries(large, action) <= 7  # the view: 6, and one for the debrief facts


def test_ranking_sorts_filters_and_hides_blind_rows(tmp_path: Path) -> None:
    path = tmp_path / "many.db"
    build_many(path, 4)
    svc = service(path)
    ranking = svc.ranking("backend")
    assert len(ranking.rows) == 4  # the practice session is not a candidate here
    rows = ranking.filtered()
    combined = [r.combined for r in rows]
    assert combined == sorted(combined, reverse=True)
    assert all(r.scorecards == 3 for r in rows)
    by_api = ranking.filtered(sort="api", descending=False)
    assert [r.area_means["api"] for r in by_api] == sorted(r.area_means["api"] for r in rows)
    assert ranking.filtered(text="cand 02")[0].candidate.code == "K-2"
    top = rows[0]
    best = ranking.filtered(min_score=(top.combined or 0) - 0.01)
    assert top in best and len(best) < len(rows)
    assert all((r.combined or 0) >= (top.combined or 0) - 0.01 for r in best)
    assert all(r.recommendation == "no" for r in ranking.filtered(recommendation="no"))
    assert ranking.filtered(sort="disagreement")[0].max_spread == max(r.max_spread for r in rows)

    dana = svc.ranking("backend", viewer="Dana")
    assert all(r.hidden and r.combined is None and not r.area_means for r in dana.rows)
    alice = svc.ranking("backend", viewer="Alice")
    assert not any(r.hidden for r in alice.rows)


def test_views_agree_with_the_panel_service(tmp_path: Path, panel_db: Path) -> None:
    submit_bob(tmp_path, panel_db)
    svc = service(panel_db)
    view = svc.view(svc.find_candidate("C-7"))
    conn = sqlite3.connect(panel_db)
    row = conn.execute(
        "SELECT scorecards, combined_score, max_spread, disagreements, yes + strong_yes "
        "FROM candidate_summary WHERE candidate_code = 'C-7'"
    ).fetchone()
    assert row[0] == 2
    assert row[1] == pytest.approx(round(view.combined.weighted or 0, 1))
    assert row[2:4] == (2, 1)
    assert conn.execute("SELECT count(*) FROM scorecards").fetchone()[0] == 2  # no practice
    areas = conn.execute(
        "SELECT area_id, raters, mean_score, spread, disagreement FROM candidate_area_scores "
        "WHERE candidate_code = 'C-7' ORDER BY area_id"
    ).fetchall()
    assert ("databases", 2, 3.0, 2, 1) in areas
    conn.close()


def test_panel_command_exports_and_blind_checks(tmp_path: Path, panel_db: Path) -> None:
    submit_bob(tmp_path, panel_db)
    runner = CliRunner()
    base = ["panel", "C-7", "--db", str(panel_db)]
    text = runner.invoke(cli, base)
    assert text.exit_code == 0, text.output
    assert "Databases" in text.output and "2 ⚠" in text.output
    assert "Debrief agenda" in text.output

    md = runner.invoke(cli, [*base, "--format", "md"])
    assert "| **Databases** | 20 | 2 | 4 | 3 | **2 ⚠** |" in md.output
    assert "1. **Databases**" in md.output

    out = tmp_path / "panel.html"
    html = runner.invoke(cli, [*base, "--format", "html", "-o", str(out)])
    assert html.exit_code == 0
    page = out.read_text()
    assert 'class="disagree"' in page and "<script" not in page

    rows = list(csv.reader(io.StringIO(runner.invoke(cli, [*base, "--format", "csv"]).output)))
    assert rows[0][:6] == ["candidate", "area_id", "area", "weight", "Alice", "Bob"]
    assert [rows[3][1], *rows[3][4:]] == ["databases", "2", "4", "3", "2", "1"]

    blind = runner.invoke(cli, [*base, "--as", "Dana"])
    assert blind.exit_code == 1 and "not submitted a scorecard" in blind.output
    lead = runner.invoke(cli, [*base, "--as", "Dana", "--lead"])
    assert lead.exit_code == 0
    conn = sqlite3.connect(panel_db)
    assert conn.execute("SELECT actor FROM events WHERE kind = ?", [OVERRIDE_EVENT]).fetchall() == [
        ("Dana",)
    ]
    conn.close()

    missing = runner.invoke(cli, ["panel", "Nobody", "--db", str(panel_db)])
    assert missing.exit_code == 1 and "no candidate" in missing.output


def test_ranking_command_with_chart_and_csv(tmp_path: Path) -> None:
    path = tmp_path / "many.db"
    build_many(path, 3)
    runner = CliRunner()
    result = runner.invoke(cli, ["panel", "--role", "Backend", "--db", str(path), "--chart"])
    assert result.exit_code == 0, result.output
    assert "Candidates for Backend" in result.output and "█" in result.output
    assert "Python fundamentals (1–4)" in result.output
    # Piped, the list stays plain columns with the chart below, as without --chart.
    assert not set("┃━│─╇┏┡") & set(result.output), result.output
    rows = list(
        csv.DictReader(
            io.StringIO(
                runner.invoke(
                    cli,
                    [
                        "panel",
                        "--role",
                        "Backend",
                        "--db",
                        str(path),
                        "--format",
                        "csv",
                        "--sort",
                        "name",
                    ],
                ).output
            )
        )
    )
    assert [r["code"] for r in rows] == ["K-0", "K-1", "K-2"]
    bad = runner.invoke(cli, ["panel", "--role", "Backend", "--db", str(path), "--sort", "zz"])
    assert bad.exit_code == 1 and "unknown sort key" in bad.output


def test_aggregated_ranking_equals_the_row_by_row_one(tmp_path: Path) -> None:
    from bench.panel_reference import build_ranking
    from interview.storage import panel_queries as pq

    path = tmp_path / "many.db"
    build_many(path, 9)
    svc = service(path)
    for viewer in (None, "Alice", "Nobody"):
        fast = svc.ranking("", viewer=viewer)
        slow = build_ranking(pq.scorecard_scores(svc.db), pq.rubrics(svc.db), viewer)
        key = lambda r: r.candidate.id  # noqa: E731
        assert sorted(fast.rows, key=key) == sorted(slow.rows, key=key)


def test_a_blind_viewers_piped_list_keeps_its_columns(tmp_path: Path) -> None:
    """Hidden rows say "hidden until you submit" inside the Rec. column: the Cards column
    still lines up under its heading."""
    path = tmp_path / "many.db"
    build_many(path, 3)
    result = CliRunner().invoke(cli, ["panel", "--role", "Backend", "--db", str(path),
                                      "--as", "Dora"])  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(line for line in lines if "Cards" in line)
    end = header.index("Cards") + len("Cards")
    hidden = [line for line in lines if "until you submit" in line]
    assert len(hidden) == 3
    for line in hidden:
        assert line[end - 1] == "3" and line[end - 2] == " ", f"{header}\n{line}"
