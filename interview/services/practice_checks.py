"""The offline engine of practice: the follow-up probe and the keyword self-check.

Nothing here needs a key or a network; the probe comes from ``services.followups``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from interview.domain.matching import match_signals
from interview.domain.models import (
    FollowUp,
    Question,
    Rubric,
    Signal,
    SignalKind,
)
from interview.services.followups import heard_signals, rank_probes

# ------------------------------------------------------------------ offline engine


@dataclass(frozen=True, slots=True)
class Probe:
    """The follow-up chosen for an answer, and the senior signals it aims at."""

    follow_up: FollowUp
    aims_at: tuple[Signal, ...]
    reason: str


def pick_probe(
    question: Question,
    rubric: Rubric,
    answer: str,
    *,
    asked: Collection[str] = (),
    evidence: Mapping[str, int] | None = None,
) -> Probe | None:
    """The probe the offline engine ranks first for this answer: aimed at what it left out."""
    heard = heard_signals(question, answer, ())
    ranked = rank_probes(
        question, rubric, heard=heard, asked=asked, evidence=evidence or {}, limit=1
    )
    follow_up = question.find_follow_up(ranked[0].follow_up_id) if ranked else None
    if follow_up is None:
        return None
    missing = tuple(
        s for s in question.senior_signals if s.id in follow_up.targets and s.id not in heard
    )
    if missing:
        reason = "it aimed at what your answer did not mention: " + "; ".join(
            s.text for s in missing
        )
    else:
        reason = "your answer already touched what every probe targets; this one digs deeper"
    return Probe(follow_up, missing, reason)


class Verdict(StrEnum):
    BOTH_COVERED = "both_covered"
    BOTH_MISSED = "both_missed"
    TICKED_NOT_FOUND = "ticked_not_found"
    FOUND_NOT_TICKED = "found_not_ticked"
    NO_KEYWORDS = "no_keywords"

    @property
    def disagrees(self) -> bool:
        return self in (Verdict.TICKED_NOT_FOUND, Verdict.FOUND_NOT_TICKED)

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]


VERDICT_LABELS = {
    Verdict.BOTH_COVERED: "agrees: covered",
    Verdict.BOTH_MISSED: "agrees: not covered",
    Verdict.TICKED_NOT_FOUND: "disagrees: you ticked it, none of its keywords are in your answer",
    Verdict.FOUND_NOT_TICKED: "disagrees: keywords found, you did not tick it",
    Verdict.NO_KEYWORDS: "no keywords to check",
}


@dataclass(frozen=True, slots=True)
class SignalCheck:
    """One signal as the candidate ticked it and as the keyword heuristic saw it."""

    signal: Signal
    kind: SignalKind
    ticked: bool
    found: tuple[str, ...]

    @property
    def verdict(self) -> Verdict:
        if not self.signal.keywords:
            return Verdict.NO_KEYWORDS
        if self.ticked:
            return Verdict.BOTH_COVERED if self.found else Verdict.TICKED_NOT_FOUND
        return Verdict.FOUND_NOT_TICKED if self.found else Verdict.BOTH_MISSED


def offline_check(question: Question, text: str, ticked: Iterable[str] = ()) -> list[SignalCheck]:
    """Every signal of the question, senior first, with keywords found in ``text``."""
    ticked_ids = set(ticked)
    found = {
        m.signal.id: m.keywords for m in match_signals(question, text, lang=question.lang or None)
    }
    return [
        SignalCheck(signal, kind, signal.id in ticked_ids, found.get(signal.id, ()))
        for kind in SignalKind
        for signal in question.signals(kind)
    ]


# ------------------------------------------------------------------ one attempt
