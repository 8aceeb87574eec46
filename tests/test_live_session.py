"""The live-session service: what the UI relies on, checked against the database."""

from __future__ import annotations

import pytest

from interview.domain.records import Status
from interview.services.container import Services
from interview.services.live import LiveSession
from interview.storage.repository import Locked


def start(services: Services, plan_id: str = "senior-backend-60") -> LiveSession:
    repo = services.repo
    plan = services.content.plans[plan_id]
    cid = repo.find_or_create_candidate("Ada Example")
    sid = repo.create_session(
        candidate_id=cid,
        interviewer="Grace",
        role="Backend engineer",
        level="senior",
        plan=plan,
        content=services.content,
    )
    return LiveSession(repo, sid)


def rows(services: Services, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    return list(services.repo.db.execute(sql, params).fetchall())


def test_notes_signals_followups_and_scores_are_in_the_database(services: Services) -> None:
    live = start(services)
    q = live.question
    live.save_notes(q.id, "Talks about idempotency keys first", 42.0, 50.0)
    assert live.toggle_signal(q.id, q.senior_signals[0].id) is True
    assert live.toggle_follow_up(q.id, q.follow_ups[0]) is True
    live.goto(2, 120.0)
    live.set_score("api", 3)

    assert rows(services, "SELECT notes, elapsed_seconds FROM answers") == [
        ("Talks about idempotency keys first", 42.0)
    ]
    assert rows(services, "SELECT signal_id, observed FROM signal_observations") == [
        (q.senior_signals[0].id, 1)
    ]
    assert rows(services, "SELECT follow_up_id, source, asked FROM followups") == [
        (q.follow_ups[0].id, "bank", 1)
    ]
    assert rows(services, "SELECT current_index, elapsed_seconds FROM sessions") == [(2, 120.0)]
    assert rows(services, "SELECT area_id, score FROM area_scores") == [("api", 3)]
    kinds = [k for (k,) in rows(services, "SELECT kind FROM events ORDER BY rowid")]
    assert kinds == [
        "session_started",
        "signal_observed",
        "followup_asked",
        "area_scored",
    ]


def test_resume_restores_everything(services: Services) -> None:
    live = start(services)
    q = live.question
    live.save_notes(q.id, "first notes", 10.0, 10.0)
    live.toggle_signal(q.id, q.junior_signals[0].id)
    live.goto(1, 30.0)
    again = LiveSession(services.repo, live.id)
    assert again.index == 1
    assert again.state.elapsed_seconds == 30.0
    assert again.notes(q.id) == "first notes"
    assert again.observed(q.id) == {q.junior_signals[0].id}


def test_toggle_twice_clears_and_keeps_both_events(services: Services) -> None:
    live = start(services)
    q = live.question
    sid = q.senior_signals[1].id
    assert live.toggle_signal(q.id, sid) is True
    assert live.toggle_signal(q.id, sid) is False
    assert live.observed(q.id) == set()
    sql = "SELECT kind FROM events WHERE kind LIKE 'signal%' ORDER BY rowid"
    kinds = [k for (k,) in rows(services, sql)]
    assert kinds == ["signal_observed", "signal_cleared"]


def test_submit_needs_justification_then_locks(services: Services) -> None:
    live = start(services)
    for area in live.rubric.area_ids:
        live.set_score(area, 3)
    with pytest.raises(ValueError):
        live.submit("   ")
    result = live.submit("Consistent senior answers on failure modes.")
    assert result.recommendation is not None
    assert live.locked and live.state.summary.status == Status.SUBMITTED
    with pytest.raises(Locked):
        live.set_score("api", 4)
    with pytest.raises(Locked):
        live.toggle_signal(live.question.id, live.question.senior_signals[0].id)


def test_amend_records_reason_and_change(services: Services) -> None:
    live = start(services)
    for area in live.rubric.area_ids:
        live.set_score(area, 2)
    before = live.submit("Mixed.")
    after = live.amend("Re-read notes on the database answer", {"databases": 4})
    assert after.weighted is not None and before.weighted is not None
    assert after.weighted > before.weighted
    (amendment,) = services.repo.amendments(live.id)
    assert amendment["reason"] == "Re-read notes on the database answer"
    assert amendment["changes"]["scores"] == {"databases": [2, 4]}
    assert live.state.summary.revision == 1
    with pytest.raises(ValueError):
        live.amend("  ", {"api": 3})


def test_event_log_is_append_only(services: Services) -> None:
    import sqlite3

    start(services)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        services.repo.db.execute("DELETE FROM events")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        services.repo.db.execute("UPDATE events SET kind = 'x'")


def test_evidence_lists_questions_tagged_with_the_area(services: Services) -> None:
    live = start(services)
    q = live.question
    area = (q.senior_signals[0].areas or q.areas)[0]  # an area the signal evidences
    live.toggle_signal(q.id, q.senior_signals[0].id)
    evidence = {e.question_id: e for e in live.evidence(area)}
    assert evidence[q.id].senior == (q.senior_signals[0].text,)
    assert area not in live.areas_without_evidence()
    untouched = [a for a in live.rubric.area_ids if all(e.empty for e in live.evidence(a))]
    assert set(untouched) == set(live.areas_without_evidence())


def test_resumed_session_uses_its_snapshot_not_the_current_bank(services: Services) -> None:
    live = start(services)
    services.content.questions.pop(live.question.id)
    again = LiveSession(services.repo, live.id)
    assert again.question.id == live.question.id
