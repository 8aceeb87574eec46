"""Offline follow-up suggestions: deterministic, instant, and explained.

For the current question, the bank's probes are ranked by what they could still
reveal:

1. senior signals a probe targets that have not been heard yet (neither ticked by
   the interviewer nor found by keyword in the notes) weigh most;
2. probes whose signals belong to rubric areas with little evidence so far come next
   (a signal belongs to the areas whose anchors mention its keywords; if none do, to
   all the question's areas);
3. ties keep the bank's order, so the same state always gives the same list.

Probes already asked are skipped. Probes whose targets were all heard rank last and
say so. Each suggestion carries a one-line reason such as
"probes: idempotency key — not yet heard".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from interview.domain.matching import keyword_hits
from interview.domain.models import Area, FollowUp, Question, Rubric, Signal, SignalKind
from interview.domain.records import FollowUpSource
from interview.services.live import LiveSession

SUGGESTIONS = 3
# An area with fewer heard signals than this (over the whole session) has "little evidence".
LOW_EVIDENCE = 2


@dataclass(frozen=True, slots=True)
class Suggestion:
    text: str
    reason: str
    source: FollowUpSource = FollowUpSource.OFFLINE
    follow_up_id: str = ""  # the bank probe's id; empty for LLM suggestions
    row_id: str = ""  # the followups row once recorded


# ------------------------------------------------------------ pure ranking


def heard_signals(question: Question, notes: str, ticked: Collection[str]) -> set[str]:
    """Signals ticked by the interviewer or matched by keyword in the notes."""
    spec = tuple(
        (s.id, s.keywords, kind is SignalKind.JUNIOR)
        for kind in SignalKind
        for s in question.signals(kind)
    )
    return set(ticked) | _matched(spec, notes, question.lang or None)


@lru_cache(maxsize=256)
def _matched(
    spec: tuple[tuple[str, tuple[str, ...], bool], ...], notes: str, lang: str | None = None
) -> frozenset[str]:
    # Cached: every ranking re-reads the notes of all the session's questions, and only
    # the current question's notes change between two rankings.
    if not notes.strip():
        return frozenset()
    return frozenset(
        sid
        for sid, words, negatable in spec
        if keyword_hits(Signal(sid, "", words), notes, negatable=negatable, lang=lang)
    )


def _area_text(area: Area) -> str:
    behaviours = " ".join(b for level in area.levels for b in level.behaviours)
    return f"{area.title} {area.description} {behaviours}"


def signal_areas(question: Question, rubric: Rubric, signal: Signal) -> tuple[str, ...]:
    """The question's areas whose anchors mention the signal's keywords (else all of them)."""
    own = [a for a in rubric.areas if a.id in question.areas]
    matched = tuple(a.id for a in own if keyword_hits(signal, _area_text(a)))
    return matched or tuple(a.id for a in own)


def _label(signal_id: str) -> str:
    return signal_id.replace("-", " ")


def _area_note(areas: Sequence[str], evidence: Mapping[str, int]) -> str:
    thin = [a for a in areas if evidence.get(a, 0) < LOW_EVIDENCE]
    if not thin:
        return ""
    empty = [a for a in thin if evidence.get(a, 0) == 0]
    if empty:
        return f"{', '.join(empty)}: no evidence yet"
    return f"{', '.join(thin)}: little evidence so far"


def rank_probes(
    question: Question,
    rubric: Rubric,
    *,
    heard: Collection[str],
    asked: Collection[str],
    evidence: Mapping[str, int],
    limit: int = SUGGESTIONS,
) -> list[Suggestion]:
    """The best ``limit`` probes of ``question`` not asked yet, best first, with reasons."""
    senior = {s.id: s for s in question.senior_signals}
    scored: list[tuple[float, int, Suggestion]] = []
    for position, probe in enumerate(question.follow_ups):
        if probe.id in asked:
            continue
        score, reason = _score(question, rubric, probe, senior, heard, evidence)
        suggestion = Suggestion(text=probe.text, reason=reason, follow_up_id=probe.id)
        scored.append((score, position, suggestion))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [s for _, _, s in scored[:limit]]


def _score(
    question: Question,
    rubric: Rubric,
    probe: FollowUp,
    senior: Mapping[str, Signal],
    heard: Collection[str],
    evidence: Mapping[str, int],
) -> tuple[float, str]:
    targets = [senior[t] for t in probe.targets if t in senior]
    open_targets = [s for s in targets if s.id not in heard]
    if targets and not open_targets:
        names = ", ".join(_label(s.id) for s in targets)
        return -1.0, f"probes: {names} — already heard"
    if open_targets:
        areas = sorted({a for s in open_targets for a in signal_areas(question, rubric, s)})
    else:
        areas = [a for a in question.areas if a in rubric.area_ids]
    thinnest = min((evidence.get(a, 0) for a in areas), default=LOW_EVIDENCE)
    area_bonus = max(0, LOW_EVIDENCE - thinnest)  # 2 for an empty area, 1 for a thin one
    score = 3.0 * len(open_targets) + area_bonus
    if open_targets:
        reason = f"probes: {', '.join(_label(s.id) for s in open_targets)} — not yet heard"
    else:
        reason = "general probe for this question"
    note = _area_note(areas, evidence)
    return score, f"{reason}; {note}" if note else reason


def area_evidence(
    questions: Iterable[Question], heard_by_question: Mapping[str, Collection[str]]
) -> dict[str, int]:
    """Heard signals (senior or junior) per rubric area, over the session's questions."""
    counts: dict[str, int] = {}
    for question in questions:
        heard = len(heard_by_question.get(question.id, ()))
        for area in question.areas:
            counts[area] = counts.get(area, 0) + heard
    return counts


# ------------------------------------------------------------ on a live session


def session_heard(
    live: LiveSession, notes_override: Mapping[str, str] | None = None
) -> dict[str, set[str]]:
    notes_override = notes_override or {}
    return {
        q.id: heard_signals(q, notes_override.get(q.id, live.notes(q.id)), live.observed(q.id))
        for _, q in live.items
    }


def offline_suggestions(
    live: LiveSession,
    question_id: str | None = None,
    notes: str | None = None,
    limit: int = SUGGESTIONS,
) -> list[Suggestion]:
    """Suggestions for a question of the session (the current one by default).

    ``notes`` is the editor's current text when it is newer than the saved notes.
    """
    question = _question(live, question_id)
    override = {question.id: notes} if notes is not None else {}
    heard = session_heard(live, override)
    return rank_probes(
        question,
        live.rubric,
        heard=heard[question.id],
        asked=live.asked_follow_ups(question.id),
        evidence=area_evidence((q for _, q in live.items), heard),
        limit=limit,
    )


def record_suggestions(
    live: LiveSession, question_id: str, suggestions: Sequence[Suggestion]
) -> list[Suggestion]:
    """Store suggestions as shown (source and reason kept); returns them with row ids."""
    return [
        replace(
            s,
            row_id=live.record_suggestion(
                question_id, s.text, s.source, follow_up_id=s.follow_up_id, reason=s.reason
            ),
        )
        for s in suggestions
    ]


def mark_asked(live: LiveSession, question_id: str, suggestion: Suggestion) -> Suggestion:
    """Mark a suggestion as asked, recording it first if it was never recorded."""
    if not suggestion.row_id:
        (suggestion,) = record_suggestions(live, question_id, [suggestion])
    live.mark_suggestion_asked(suggestion.row_id)
    return suggestion


def _question(live: LiveSession, question_id: str | None) -> Question:
    if question_id is None:
        return live.question
    for _, question in live.items:
        if question.id == question_id:
            return question
    raise KeyError(question_id)
