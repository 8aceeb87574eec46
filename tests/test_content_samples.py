"""The shipped sample answers are calibrated: every agreed score rests on what the answer says.

A sample answer teaches raters what a level sounds like, so an agreed score must be
defensible against the answer's own words. The offline keyword matcher finds which
signals an answer gives evidence for, and each signal evidences its declared areas
(or all of its question's). From that:

- an area is scored only if the answer gives evidence for it (else it stays unscored);
- 3 needs a strong signal heard for that area, 4 needs two;
- 1 needs a weak signal heard for that area, and a red flag (a risk) caps the area at 1;
- every score is on the rubric's scale.

It also holds the live screen's limits (keys for 9 strong signals, 7 weak ones and
5 probes) and the glanceable labels on every signal and probe.
"""

from __future__ import annotations

from functools import cache

import pytest

from interview import paths
from interview.domain.loader import load_content
from interview.domain.matching import keyword_hits
from interview.domain.models import (
    LABEL_MAX,
    Content,
    FollowUp,
    Question,
    SampleAnswer,
    Signal,
)

LIVE_KEYS = {"senior": 9, "junior": 7, "probes": 5}


@cache
def shipped() -> Content:
    return load_content([[paths.bundled_rubrics_dir(), paths.bundled_bank_dir()]]).content


def samples() -> list[tuple[Question, SampleAnswer]]:
    return [(q, s) for q in shipped().questions.values() for s in q.sample_answers]


def sample_id(value: tuple[Question, SampleAnswer]) -> str:
    question, sample = value
    return f"{question.id}:{sample.level}"


def heard(question: Question, sample: SampleAnswer, area: str) -> tuple[list[Signal], list[Signal]]:
    """The strong and weak signals the answer's words evidence for ``area``."""

    def evidences(signal: Signal) -> bool:
        return area in (signal.areas or question.areas) and bool(keyword_hits(signal, sample.text))

    return (
        [s for s in question.senior_signals if evidences(s)],
        [s for s in question.junior_signals if evidences(s)],
    )


def scale(area: str) -> set[int]:
    levels = {
        lv.score
        for r in shipped().rubrics.values()
        for a in r.areas
        if a.id == area
        for lv in a.levels
    }
    assert levels, f"area {area!r} is in no shipped rubric"
    return levels


def test_the_bank_ships_junior_mid_and_senior_samples_for_every_flagship() -> None:
    for qid in ("legacy-monolith", "payment-endpoint", "incident-you-caused"):
        levels = [s.level for s in shipped().questions[qid].sample_answers]
        assert sorted(levels) == ["junior", "mid", "senior"], qid
    assert len(samples()) >= 12


@pytest.mark.parametrize("case", samples(), ids=sample_id)
def test_agreed_scores_rest_on_evidence_in_the_answer(
    case: tuple[Question, SampleAnswer],
) -> None:
    question, sample = case
    assert sample.scores, "a sample with no agreed score teaches nothing"
    for area, agreed in sample.scores.items():
        where = f"{question.id} {sample.level} sample, {area}={agreed}"
        assert agreed in scale(area), f"{where}: not on the rubric's scale"
        strong, weak = heard(question, sample, area)
        assert strong or weak, f"{where}: no evidence for this area; leave it unscored"
        if agreed >= 3:
            assert strong, f"{where}: no strong behaviour for this area is heard"
        if agreed == 4:
            assert len(strong) >= 2, f"{where}: Expert needs more than one strong behaviour"
        if agreed == 1:
            assert weak, f"{where}: Insufficient needs a weak behaviour heard for this area"
        if any(s.red_flag for s in weak):
            assert agreed == 1, f"{where}: a risk ({[s.id for s in weak]}) sets the area to 1"


def test_mid_samples_sit_between_junior_and_senior() -> None:
    for question in shipped().questions.values():
        by_level = {s.level: s.scores for s in question.sample_answers}
        if not {"junior", "mid", "senior"} <= by_level.keys():
            continue
        total = {lvl: sum(scores.values()) / len(scores) for lvl, scores in by_level.items()}
        assert total["junior"] < total["mid"] < total["senior"], question.id
        # A mid answer mixes good and weak: neither all 1s nor all 4s.
        assert set(by_level["mid"].values()) - {1, 4}, question.id


def test_every_question_fits_the_live_screen_keys() -> None:
    for q in shipped().questions.values():
        assert len(q.senior_signals) <= LIVE_KEYS["senior"], q.id
        assert len(q.junior_signals) <= LIVE_KEYS["junior"], q.id
        assert len(q.follow_ups) <= LIVE_KEYS["probes"], q.id


def test_every_signal_and_probe_has_a_glanceable_label() -> None:
    missing, too_long = [], []
    for q in shipped().questions.values():
        items: list[Signal | FollowUp] = [*q.senior_signals, *q.junior_signals, *q.follow_ups]
        for item in items:
            where = f"{q.id}/{item.id}"
            if not item.label.strip():
                missing.append(where)
            elif len(item.label) > LABEL_MAX:
                too_long.append(where)
    assert not missing, f"no label: {missing}"
    assert not too_long, f"label over {LABEL_MAX} characters: {too_long}"
