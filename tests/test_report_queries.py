"""A report costs a fixed, small number of queries, whatever the size of the session."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlite_utils import Database

from interview.domain.models import Content, Plan, PlanItem
from interview.domain.records import FollowUpSource
from interview.reports.build import load_report, load_reports
from interview.services.demo import DemoClock
from interview.services.live import LiveSession
from interview.storage.db import open_db
from interview.storage.report_queries import QUERY_COUNT
from interview.storage.repository import NotFound, Repository
from tests.report_support import QueryCounter, bundled_content


def plan_of(content: Content, size: int) -> tuple[Content, Plan]:
    rubric = content.rubrics["backend"]
    fits = [q for q in content.questions.values() if set(q.areas) <= set(rubric.area_ids)]
    assert len(fits) >= size
    plan = Plan(
        id=f"plan-{size}",
        title=f"{size} questions",
        rubric_id=rubric.id,
        mode="interview",
        description="",
        items=tuple(PlanItem(q.id, q.minutes) for q in fits[:size]),
    )
    return replace(content, plans={**content.plans, plan.id: plan}), plan


def full_session(db: Database, size: int) -> str:
    """Every question with notes, two ticks, a bank probe and an LLM probe; scored,
    submitted and amended: the most a session holds."""
    content, plan = plan_of(bundled_content(), size)
    clock = DemoClock()
    repo = Repository(db, clock=clock)
    cid = repo.find_or_create_candidate(f"Candidate {size}", f"C-{size}")
    sid = repo.create_session(candidate_id=cid, interviewer="Ann", role="Backend", level="mid",
                              plan=plan, content=content)  # fmt: skip
    live = LiveSession(repo, sid)
    for i, (_, q) in enumerate(live.items):
        live.goto(i, i * 60.0)
        live.save_notes(q.id, f"notes on {q.id}", 60.0, (i + 1) * 60.0)
        live.toggle_signal(q.id, q.senior_signals[0].id)
        live.toggle_signal(q.id, q.junior_signals[0].id)
        live.toggle_follow_up(q.id, q.follow_ups[0])
        row = live.record_suggestion(q.id, "Why?", FollowUpSource.LLM, reason="gap")
        live.mark_suggestion_asked(row)
    for area in live.rubric.areas:
        live.set_score(area.id, 3)
    live.submit("Solid.")
    live.amend("Second look", {"python": 4})
    return sid


@pytest.mark.parametrize("size", [3, 10])
def test_one_report_costs_the_same_fixed_number_of_queries(size: int) -> None:
    db = open_db(None)
    sid = full_session(db, size)
    with QueryCounter(db) as counter:
        report = load_report(db, sid)
    assert len(report.questions) == size
    assert all(q.notes and q.senior and q.junior and len(q.follow_ups) == 2
               for q in report.questions)  # fmt: skip
    assert counter.count == QUERY_COUNT, counter.statements


def test_many_reports_cost_the_same_queries_as_one() -> None:
    db = open_db(None)
    ids = [full_session(db, size) for size in (3, 4, 10)]
    with QueryCounter(db) as counter:
        reports = load_reports(db, ids)
    assert [r.session_id for r in reports] == ids
    assert counter.count == QUERY_COUNT


def test_unknown_session_is_not_found() -> None:
    db = open_db(None)
    with pytest.raises(NotFound, match="no session"):
        load_report(db, "nope")
