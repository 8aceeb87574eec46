"""Practice mode without the UI: attempts, the offline self-check, progress, separation."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from conftest import FakeClock

from interview.domain.matching import match_signals
from interview.domain.models import Content, PlanItem, SignalKind
from interview.domain.records import Mode, Status
from interview.services.container import Services
from interview.services.practice import Practice
from interview.services.practice_attempt import PracticeAttempt, Stage
from interview.services.practice_checks import SignalCheck, Verdict, offline_check
from interview.services.practice_keys import SELF, follow_up_key


def practice_of(services: Services) -> Practice:
    return Practice(services.content, services.repo)


def rows(services: Services, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    return list(services.repo.db.execute(sql, params).fetchall())


def start_interview(services: Services) -> str:
    repo = services.repo
    cid = repo.find_or_create_candidate("Ada Example")
    return repo.create_session(
        candidate_id=cid,
        interviewer="Grace",
        role="Backend engineer",
        level="senior",
        plan=services.content.plans["senior-backend-60"],
        content=services.content,
    )


def do_question(attempt: PracticeAttempt, answer: str, reply: str, ticks: int, score: int) -> str:
    """Answer, take the follow-up, reveal, tick the first ``ticks`` senior signals, score."""
    q = attempt.question
    attempt.save_answer(q.id, answer, 120.0)
    assert attempt.ask_follow_up(q.id) is not None
    attempt.save_follow_up_answer(q.id, reply, 180.0)
    attempt.reveal(q.id)
    for signal in q.senior_signals[:ticks]:
        attempt.toggle_tick(q.id, signal.id)
    for area in attempt.score_areas(q.id):
        attempt.set_self_score(q.id, area.id, score)
    return q.id


# ------------------------------------------------------------------ what is offered


def test_interviewer_only_questions_never_appear(services: Services) -> None:
    practice = practice_of(services)
    hidden = {q.id for q in services.content.questions.values() if q.interviewer_only}
    assert hidden, "the bundled bank should have interviewer-only questions"
    offered = {i.question_id for p in practice.plans() for i in p.items}
    offered |= {q.id for a in practice.areas() for q in practice.questions_for_area(a.id)}
    assert offered and not offered & hidden
    for area in practice.areas():
        attempt = practice.start_area(area.id)
        assert not attempt.question.interviewer_only


def test_interview_plans_lose_their_interviewer_only_questions(services: Services) -> None:
    content = services.content
    plan = content.plans["practice-short"]
    in_plan = {i.question_id for i in plan.items}
    hidden = next(
        q for q in content.questions.values() if q.interviewer_only and q.id not in in_plan
    )
    mixed = dataclasses.replace(plan, items=(*plan.items, PlanItem(hidden.id, hidden.minutes)))
    only_hidden = dataclasses.replace(
        plan, id="reviews-only", items=(PlanItem(hidden.id, hidden.minutes),)
    )
    patched = Content(
        rubrics=content.rubrics,
        questions=content.questions,
        plans={**content.plans, mixed.id: mixed, only_hidden.id: only_hidden},
    )
    practice = Practice(patched, services.repo)

    assert "reviews-only" not in {p.id for p in practice.plans()}
    attempt = practice.start_plan(mixed.id)
    assert hidden.id not in {q.id for _, q in attempt.items}
    assert len(attempt.items) == len(plan.items)
    with pytest.raises(KeyError, match="interviewer-only"):
        practice.start_plan("reviews-only")


def test_practice_plans_are_offered_first(services: Services) -> None:
    plans = practice_of(services).plans()
    modes = [p.mode for p in plans]
    assert modes == sorted(modes, key=lambda m: m != "practice")  # practice plans first
    assert {"practice-short", "practice-senior", "practice-ai"} <= {p.id for p in plans}


def test_unknown_plan_or_area_is_a_clear_error(services: Services) -> None:
    practice = practice_of(services)
    with pytest.raises(KeyError, match=r"no plan 'nope'.*practice-short"):
        practice.start_plan("nope")
    with pytest.raises(KeyError, match=r"no practicable area 'nope'.*databases"):
        practice.start_area("nope")


# ------------------------------------------------------------------ separation


def test_practice_attempts_never_mix_with_interviews(services: Services) -> None:
    from interview.services.panel import PanelError, PanelService

    interview_id = start_interview(services)
    attempt = practice_of(services).start_plan("practice-short")
    do_question(attempt, "I would talk to the founders.", "Traffic and logs.", 2, 3)
    attempt.finish()
    repo = services.repo

    assert rows(services, "SELECT mode FROM sessions WHERE id = ?", (attempt.id,)) == [
        ("practice",)
    ]
    assert [s.id for s in repo.list_sessions()] == [interview_id]
    assert [s.id for s in repo.unfinished()] == [interview_id]
    assert repo.count_sessions(Mode.INTERVIEW) == 1
    assert [s.id for s in practice_of(services).attempts()] == [attempt.id]
    # The practising candidate has no interview sessions, so no panel knows them.
    panel = PanelService(repo)
    with pytest.raises(PanelError):
        panel.find_candidate("me")
    assert all(r.candidate.label != "me" for r in panel.ranking().rows)
    # A finished attempt is stored as submitted, yet calibration never counts it.
    from interview.services.calibration import CalibrationService

    report = CalibrationService(repo).report()
    assert report.scorecards == 0
    assert all(i.interviewer != "me" for i in report.interviewers)


def test_an_interview_cannot_be_opened_as_practice(services: Services) -> None:
    interview_id = start_interview(services)
    with pytest.raises(ValueError, match="not a practice attempt"):
        practice_of(services).open(interview_id)


def test_candidate_name_comes_from_prefs(services: Services) -> None:
    practice = practice_of(services)
    assert practice.candidate_name() == "me"
    services.repo.set_pref("practice.name", "Sam")
    attempt = practice.start_plan("practice-short")
    assert attempt.summary.candidate == "Sam"


# ------------------------------------------------------------------ one attempt


def test_answers_ticks_and_scores_are_stored_as_the_candidates_own(services: Services) -> None:
    attempt = practice_of(services).start_plan("practice-short")
    qid = do_question(attempt, "My answer", "My follow-up answer", 2, 3)

    answers = rows(services, "SELECT question_id, notes FROM answers")
    assert {str(k): v for k, v in answers} == {
        qid: "My answer",
        follow_up_key(qid): "My follow-up answer",
    }
    observations = rows(services, "SELECT source, observed FROM signal_observations")
    assert observations == [(SELF, 1), (SELF, 1)]
    scores = rows(services, "SELECT question_id, score FROM area_scores")
    assert scores and all(row == (qid, 3) for row in scores)
    assert rows(services, "SELECT source, asked FROM followups") == [("offline", 1)]


def test_follow_up_aims_at_what_the_answer_left_out(services: Services) -> None:
    practice = practice_of(services)
    # Covers map-the-system, talk-to-builders and logging: the probe on those is pointless.
    attempt = practice.start_question("inherited-monolith-practice")
    attempt.save_answer(
        "inherited-monolith-practice",
        "Talk to the founders, map the hot paths from traffic, add structured logging.",
        60.0,
    )
    record = attempt.ask_follow_up("inherited-monolith-practice")
    assert record is not None and record.follow_up_id != "which-paths"
    assert "did not mention" in record.reason

    # An answer that says none of that gets the probe aimed at it.
    other = practice.start_question("inherited-monolith-practice")
    other.save_answer(
        "inherited-monolith-practice", "Characterisation tests, then a strangler fig.", 60.0
    )
    record = other.ask_follow_up("inherited-monolith-practice")
    assert record is not None and record.follow_up_id == "which-paths"
    assert "Maps the system" in record.reason
    # Asking again gives the same probe, not a second one.
    assert other.ask_follow_up("inherited-monolith-practice") == record
    assert len(other.state.followups) == 1


def test_stages_survive_reopening(services: Services) -> None:
    practice = practice_of(services)
    attempt = practice.start_plan("practice-short")
    qid = attempt.question.id
    assert attempt.stage(qid) is Stage.ANSWER
    attempt.save_answer(qid, "draft", 30.0)
    attempt.ask_follow_up(qid)
    assert practice.open(attempt.id[:8]).stage(qid) is Stage.FOLLOW_UP
    attempt.reveal(qid)
    attempt.goto(1)
    again = practice.open(attempt.id)
    assert again.stage(qid) is Stage.REVEALED
    assert again.index == 1
    assert again.answer(qid) == "draft"
    assert again.elapsed(qid) == 30.0


def test_finishing_keeps_self_check_editable(services: Services) -> None:
    attempt = practice_of(services).start_plan("practice-short")
    qid = do_question(attempt, "answer", "reply", 1, 2)
    attempt.finish()
    assert attempt.finished and attempt.summary.status == Status.SUBMITTED
    assert attempt.summary.weighted_score is not None
    signal = attempt.question.senior_signals[3].id
    assert attempt.toggle_tick(qid, signal) is True
    attempt.set_self_score(qid, attempt.score_areas(qid)[0].id, 4)


# ------------------------------------------------------------------ the offline self-check


def senior_hits(question_id: str, text: str, services: Services) -> int:
    question = services.content.questions[question_id]
    return sum(1 for m in match_signals(question, text) if m.kind is SignalKind.SENIOR)


def test_senior_sample_answers_match_more_senior_signals_than_junior_ones(
    services: Services,
) -> None:
    compared = 0
    for question in services.content.questions.values():
        samples = {s.level: s.text for s in question.sample_answers}
        if "senior" not in samples or "junior" not in samples:
            continue
        senior = offline_check(question, samples["senior"])
        junior = offline_check(question, samples["junior"])

        def found(checks: list[SignalCheck], kind: SignalKind) -> int:
            return sum(1 for c in checks if c.kind is kind and c.found)

        assert found(senior, SignalKind.SENIOR) > found(junior, SignalKind.SENIOR), question.id
        assert found(junior, SignalKind.JUNIOR) > found(senior, SignalKind.JUNIOR), question.id
        compared += 1
    assert compared >= 3  # at least the three flagship questions


def test_every_senior_sample_answer_finds_most_senior_signals(services: Services) -> None:
    for question in services.content.questions.values():
        for sample in question.sample_answers:
            if sample.level == "senior":
                hits = senior_hits(question.id, sample.text, services)
                assert hits * 2 >= len(question.senior_signals), question.id


def test_self_check_shows_where_candidate_and_heuristic_disagree(services: Services) -> None:
    question = services.content.questions["legacy-monolith"]
    checks = {
        c.signal.id: c
        for c in offline_check(
            question, "We need CI and a rollback.", ticked={"ci-first", "characterisation-tests"}
        )
    }
    assert checks["ci-first"].verdict is Verdict.BOTH_COVERED
    assert checks["characterisation-tests"].verdict is Verdict.TICKED_NOT_FOUND
    assert checks["deploy-safety"].verdict is Verdict.FOUND_NOT_TICKED
    assert checks["deploy-safety"].found == ("rollback",)
    assert checks["map-the-system"].verdict is Verdict.BOTH_MISSED
    assert {c.verdict.disagrees for c in checks.values()} == {True, False}


# ------------------------------------------------------------------ progress


def test_progress_over_time_missed_signals_and_next_question(
    services: Services, clock: FakeClock
) -> None:
    practice = practice_of(services)
    first = practice.start_question("n-plus-one-practice")
    do_question(first, "select_related", "an index", ticks=1, score=1)
    first.finish()
    clock.now += timedelta(days=2)
    second = practice.start_question("n-plus-one-practice")
    do_question(second, "prefetch_related and EXPLAIN", "a covering index", ticks=3, score=3)
    second.finish()

    progress = practice.progress()
    assert progress.attempts == 2 and progress.questions_revealed == 2
    databases = next(a for a in progress.areas if a.area_id == "databases")
    assert [p.score for p in databases.points] == [1.0, 3.0]
    assert databases.latest == 3.0 and databases.recent == 2.0
    assert databases.points[0].at < databases.points[1].at
    unscored = next(a for a in progress.areas if a.area_id == "testing")
    assert unscored.points == ()

    question = services.content.questions["n-plus-one-practice"]
    # Missed in both attempts, listed first and in bank order.
    never_ticked = [s.id for s in question.senior_signals[3:]]
    assert [m.signal.id for m in progress.missed[: len(never_ticked)]] == never_ticked
    assert (progress.missed[0].missed, progress.missed[0].seen) == (2, 2)
    second_signal = next(m for m in progress.missed if m.signal.id == question.senior_signals[1].id)
    assert (second_signal.missed, second_signal.seen) == (1, 2)

    weakest = practice.weakest_area()
    assert weakest.recent == 2.0
    assert weakest.area.id in question.areas
    assert progress.suggestion is not None
    assert progress.suggestion.area.id == weakest.area.id
    # The suggestion is a question not practised yet, from the weakest area.
    assert progress.suggestion.question.id != "n-plus-one-practice"
    assert weakest.area.id in progress.suggestion.question.areas
    assert "not practised it yet" in progress.suggestion.reason


def test_weakest_area_without_scores_is_the_heaviest(services: Services) -> None:
    practice = practice_of(services)
    weakest = practice.weakest_area()
    assert weakest.recent is None
    heaviest = max(a.weight for a in practice.areas())
    assert weakest.area.weight == heaviest
    attempt = practice.start_weakest()
    assert weakest.area.id in attempt.question.areas
    assert attempt.plan.mode == "practice"


def test_the_sample_data_practice_attempt_shows_in_progress(services: Services) -> None:
    from interview.services.demo import write_demo

    write_demo(services.repo.db, services.content)
    practice = practice_of(services)
    (summary,) = practice.attempts()
    attempt = practice.open(summary.id)
    progress = practice.progress()
    assert progress.attempts == 1
    assert progress.questions_revealed == sum(1 for _, q in attempt.items if attempt.ticked(q.id))
    assert progress.missed and progress.suggestion is not None
    assert any(a.points for a in progress.areas)
    # The demo's interviews stay out of practice, and its practice out of interviews.
    assert summary.id not in {s.id for s in services.repo.list_sessions()}
