"""The offline follow-up engine: what an interviewer sees without a key or a network."""

from __future__ import annotations

import pytest
from followups_support import fixture_services, start_session

from interview.domain.records import FollowUpSource
from interview.services.container import Services
from interview.services.followups import (
    mark_asked,
    offline_suggestions,
    record_suggestions,
    signal_areas,
)
from interview.services.live import LiveSession


@pytest.fixture
def live(clock: object) -> LiveSession:
    return start_session(fixture_services(clock))


def ids(live: LiveSession, **kwargs: object) -> list[str]:
    return [s.follow_up_id for s in offline_suggestions(live, **kwargs)]  # type: ignore[arg-type]


def test_fresh_question_prefers_probes_that_reach_most_unheard_senior_signals(
    live: LiveSession,
) -> None:
    suggestions = offline_suggestions(live)
    assert [s.follow_up_id for s in suggestions] == [
        "double-submit",  # two senior signals not yet heard
        "client-retries",
        "provider-timeout",
    ]
    assert suggestions[0].reason == (
        "probes: idempotency key, row lock — not yet heard; api, databases: no evidence yet"
    )
    assert all(s.source is FollowUpSource.OFFLINE for s in suggestions)


def test_signals_heard_in_the_notes_are_not_probed_again(live: LiveSession) -> None:
    notes = "Starts with an Idempotency-Key header and a dedupe table."
    suggestions = offline_suggestions(live, notes=notes)
    assert [s.follow_up_id for s in suggestions] == [
        "provider-timeout",
        "double-submit",
        "side-effects",
    ]
    assert "client-retries" not in [s.follow_up_id for s in suggestions]
    # Evidence now exists for the question's areas, so the reasons say "little", not "no".
    assert suggestions[1].reason == (
        "probes: row lock — not yet heard; databases: little evidence so far"
    )


@pytest.mark.parametrize("notes", ["took a ROW-LOCK first", "a row lock, then", "Row\n  lock"])
def test_keywords_match_whole_words_across_case_hyphens_and_lines(
    live: LiveSession, notes: str
) -> None:
    assert "row lock" not in offline_suggestions(live, notes=notes)[0].reason
    assert "row lock" in offline_suggestions(live, notes="a rowlocker")[0].reason


def test_a_ticked_signal_counts_as_heard_like_a_keyword(live: LiveSession) -> None:
    live.toggle_signal("fu-payment", "idempotency-key")
    assert ids(live) == ["provider-timeout", "double-submit", "side-effects"]


def test_probes_whose_targets_were_all_heard_rank_last_and_say_so(live: LiveSession) -> None:
    for signal in ("idempotency-key", "unknown-outcome", "row-lock"):
        live.toggle_signal("fu-payment", signal)
    suggestions = offline_suggestions(live)
    assert [s.follow_up_id for s in suggestions] == ["side-effects", "general", "client-retries"]
    assert suggestions[1].reason == "general probe for this question"
    assert suggestions[2].reason == "probes: idempotency key — already heard"


def test_asked_probes_are_skipped_and_the_next_best_comes_in(live: LiveSession) -> None:
    first = offline_suggestions(live)[0]
    mark_asked(live, "fu-payment", first)
    assert ids(live) == ["client-retries", "provider-timeout", "side-effects"]
    row = next(f for f in live.state.followups if f.follow_up_id == "double-submit")
    assert row.asked and row.source == "offline" and row.reason == first.reason


def test_suggestions_are_recorded_with_source_and_reason_when_asked_for(
    live: LiveSession,
) -> None:
    stored = record_suggestions(live, "fu-payment", offline_suggestions(live))
    assert all(s.row_id for s in stored)
    rows = [f for f in live.state.followups if f.question_id == "fu-payment"]
    assert [(r.follow_up_id, r.source, r.asked) for r in rows] == [
        ("double-submit", "offline", False),
        ("client-retries", "offline", False),
        ("provider-timeout", "offline", False),
    ]
    assert rows[0].reason.startswith("probes: idempotency key, row lock")
    mark_asked(live, "fu-payment", stored[1])
    assert live.asked_follow_ups("fu-payment") == {"client-retries"}
    kinds = [e["kind"] for e in live.repo.events(live.id)]
    assert kinds.count("followup_suggested") == 3 and kinds.count("followup_asked") == 1


def test_same_state_gives_the_same_list(live: LiveSession) -> None:
    notes = "mentions reconcile"
    assert offline_suggestions(live, notes=notes) == offline_suggestions(live, notes=notes)


def test_nothing_left_to_ask_gives_an_empty_list(live: LiveSession) -> None:
    for probe in live.question.follow_ups:
        live.toggle_follow_up("fu-payment", probe)
    assert offline_suggestions(live) == []


def test_another_question_can_be_asked_about(live: LiveSession) -> None:
    (only,) = offline_suggestions(live, question_id="fu-tests")
    assert only.follow_up_id == "what-to-mock"
    assert only.reason == "probes: real db — not yet heard; testing: no evidence yet"


def test_signals_belong_to_the_areas_whose_anchors_mention_them(live: LiveSession) -> None:
    question = live.question
    by_id = {s.id: s for s in question.senior_signals}
    assert signal_areas(question, live.rubric, by_id["idempotency-key"]) == ("api",)
    assert signal_areas(question, live.rubric, by_id["row-lock"]) == ("databases",)
    # No anchor mentions it: it belongs to all of the question's areas.
    assert signal_areas(question, live.rubric, by_id["unknown-outcome"]) == ("api", "databases")


def test_bundled_plans_give_explained_suggestions_for_every_question(services: Services) -> None:
    """With no key and no network, every shipped question gets useful probes."""
    repo = services.repo
    plans = [p for p in services.content.plans.values() if p.mode == "interview"]
    assert plans, "the bundled content ships interview plans"
    for plan in plans:
        sid = repo.create_session(
            candidate_id=repo.find_or_create_candidate("Sam Example"),
            interviewer="Pat",
            role="Backend",
            level="senior",
            plan=plan,
            content=services.content,
        )
        live = LiveSession(repo, sid)
        for _, question in live.items:
            suggestions = offline_suggestions(live, question_id=question.id)
            assert 1 <= len(suggestions) <= 3, question.id
            assert all(s.reason and s.text for s in suggestions), question.id
