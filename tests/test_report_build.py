"""A report says exactly what was entered: scores, signals, probes, notes, amendments."""

from __future__ import annotations

import pytest

from interview.domain.scoring import score
from interview.reports.build import load_report
from interview.reports.export import render
from interview.reports.model import Report
from interview.services.demo import recorded_plan
from interview.services.demo_data import DMITRI_HANNAH, DMITRI_KENJI, PRACTICE, PRIYA_OLU
from interview.storage.repository import Repository
from tests.report_support import bundled_content, demo_db, golden_session, sample_session


@pytest.fixture(scope="module")
def db():  # type: ignore[no-untyped-def]
    database = demo_db()
    yield database
    database.conn.close()


def report_for(db, key: str) -> Report:  # type: ignore[no-untyped-def]
    return load_report(db, sample_session(db, key))


def test_amended_scorecard_reports_the_amended_scores_and_the_change(db) -> None:  # type: ignore[no-untyped-def]
    r = report_for(db, DMITRI_HANNAH.key)
    assert (r.candidate_name, r.candidate_code, r.interviewer) == (
        "Dmitri Volkov", "C-2042", "Hannah Schmidt"
    )  # fmt: skip
    expected = {**DMITRI_HANNAH.scores, "databases": 3}
    assert {a.id: a.score for a in r.areas} == expected
    assert r.weighted == pytest.approx(61.67, abs=0.01)
    assert r.recommendation == "yes" and r.recommendation_label == "Yes"
    assert r.recorded_weighted == pytest.approx(r.weighted, abs=0.01)
    assert not r.recorded_differs
    assert r.revision == 1 and r.submitted and r.sample
    [amendment] = r.amendments
    assert amendment.reason.startswith("Re-read my notes")
    assert [(c.area_id, c.before, c.after) for c in amendment.score_changes] == [
        ("databases", 2, 3)
    ]
    assert r.justification == DMITRI_HANNAH.amendment.justification  # type: ignore[union-attr]
    # Borderline: every area moving down one point drops it to No.
    assert r.sensitivity and {f.recommendation for f in r.flips} == {"no"}
    assert [t.kind for t in r.timeline][:2] == ["session_started", "sample_data"]
    assert r.timeline[-1].kind == "amended"


def test_questions_hold_time_signals_probes_and_notes_as_entered(db) -> None:  # type: ignore[no-untyped-def]
    r = report_for(db, DMITRI_HANNAH.key)
    content = bundled_content()
    plan = recorded_plan(content, DMITRI_HANNAH)  # the version it was recorded on
    assert [q.id for q in r.questions] == [i.question_id for i in plan.items]
    by_id = {q.id: q for q in r.questions}
    for take in DMITRI_HANNAH.takes:
        q = by_id[take.question]
        assert q.notes == take.notes
        assert q.elapsed_seconds == take.seconds
        assert {s.id for s in q.senior} == set(take.senior)
        assert {s.id for s in q.junior} == set(take.junior)
        asked = {(f.follow_up_id, f.source) for f in q.asked_follow_ups}
        assert asked == {(f, "bank") for f in take.bank} | {(f, "offline") for f in take.offline}
    payment = by_id["payment-endpoint"]
    assert payment.over_budget and payment.budget_seconds == 11 * 60
    # A happy path first is a weak answer, not a risk: it is listed, but not as a red flag.
    assert "happy-path" in {s.id for s in payment.junior}
    assert [f.signal_id for f in r.red_flags] == []
    offline = payment.asked_follow_ups[0]
    assert offline.reason.startswith("Not covered yet")


def test_area_evidence_comes_from_questions_tagged_with_the_area(db) -> None:  # type: ignore[no-untyped-def]
    r = report_for(db, DMITRI_HANNAH.key)
    databases = next(a for a in r.areas if a.id == "databases")
    tagged = {q.id for q in r.questions if "databases" in q.areas}
    assert {e.question_id for e in databases.evidence} == tagged
    assert databases.level_label == "Proficient" and databases.behaviours
    oversell = next(e for e in databases.evidence if e.question_id == "inventory-oversell")
    assert oversell.excerpt.startswith('"Use a transaction" first')


def test_unscored_area_is_not_assessed_and_weights_renormalise(db) -> None:  # type: ignore[no-untyped-def]
    r = report_for(db, DMITRI_KENJI.key)
    assert [a.id for a in r.not_assessed] == ["observability"]
    assessed = [a for a in r.areas if a.assessed]
    assert sum(a.effective_weight for a in assessed) == pytest.approx(1, abs=1e-3)
    assert sum(a.contribution for a in assessed) == pytest.approx(r.weighted, abs=0.05)
    sources = {f.source for q in r.questions for f in q.asked_follow_ups}
    assert sources == {"bank", "llm"}


def test_weighted_score_is_the_domain_formula_on_the_stored_scores(db) -> None:  # type: ignore[no-untyped-def]
    content = bundled_content()
    for key in (DMITRI_HANNAH.key, DMITRI_KENJI.key):
        r = report_for(db, key)
        result = score(content.rubrics["backend"], {a.id: a.score for a in r.areas})
        assert r.weighted == pytest.approx(result.weighted, abs=0.005)


def test_unfinished_session_is_a_draft_with_what_was_entered_so_far(db) -> None:  # type: ignore[no-untyped-def]
    r = report_for(db, PRIYA_OLU.key)
    assert not r.submitted and r.submitted_at is None
    assert [q.notes != "" for q in r.questions] == [True, True, True, False, False, False]
    assert {a.id for a in r.areas if a.assessed} == {"python", "api"}
    # Two areas so far carry 40% of the weight: too little for a recommendation yet.
    assert r.recommendation is None and r.recommendation_label == "Insufficient evidence"
    assert r.score_caption == "provisional: in progress, 2 of 6 areas scored"
    assert "*provisional: in progress, 2 of 6 areas scored*" in render(r, "md")


def test_practice_attempt_uses_self_scores_and_gives_no_recommendation(db) -> None:  # type: ignore[no-untyped-def]
    r = report_for(db, PRACTICE.key)
    assert r.mode == "practice" and r.score_basis == "self"
    assert r.recommendation is None and not r.flips and not r.sensitivity
    python = next(a for a in r.areas if a.id == "python")
    assert python.score == pytest.approx((2 + 3 + 3) / 3)
    first = r.questions[0]
    assert dict(first.self_scores) == PRACTICE.takes[0].self_scores
    assert first.follow_up_answer == PRACTICE.takes[0].follow_up_answer
    assert {s.id for s in first.senior} == set(PRACTICE.takes[0].ticked)
    md = render(r, "md")
    assert "## Score: 49.3 / 100" in md and "Recommendation" not in md
    assert "| Practised by | Sam Lee |" in md


def test_only_the_interviewers_ticks_count_as_evidence(db) -> None:  # type: ignore[no-untyped-def]
    sid = sample_session(db, DMITRI_HANNAH.key)
    Repository(db).set_signal(sid, "legacy-monolith", "talk-to-builders", "senior", True,
                              source="offline")  # fmt: skip
    r = load_report(db, sid)
    legacy = next(q for q in r.questions if q.id == "legacy-monolith")
    assert "talk-to-builders" not in {s.id for s in legacy.senior}


def test_each_database_reports_against_its_own_stored_snapshot() -> None:
    """Parsed snapshots are kept per content hash; one edited by hand is read afresh."""
    first, first_id = golden_session()
    second, second_id = golden_session()
    assert load_report(first, first_id).rubric_title == load_report(second, second_id).rubric_title
    second.execute(
        "UPDATE content_snapshots SET snapshot = replace(snapshot, ?, ?)",
        ['"title": "Inheriting an undocumented monolith"', '"title": "Edited by hand"'],
    )
    edited = load_report(second, second_id)
    assert [q.title for q in edited.questions if q.id == "legacy-monolith"] == ["Edited by hand"]
    assert "Edited by hand" in render(edited, "md")
    original = load_report(first, first_id)
    assert "Edited by hand" not in render(original, "md")
    assert original.questions[0].title == "Inheriting an undocumented monolith"
