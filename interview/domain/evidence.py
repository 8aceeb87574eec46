"""Which rubric areas a ticked signal is evidence for.

A signal may name the areas it evidences (``areas: [api]``); one that names none counts
for every area of its question. The scoring pane, the panel and the reports all list a
ticked signal only under the areas it evidences, through these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from interview.domain.models import Question, Signal, SignalKind


def signal_areas(own: tuple[str, ...], question_areas: tuple[str, ...]) -> tuple[str, ...]:
    """The areas a signal counts for: its own, else all of its question's."""
    return own or question_areas


def counts_for(own: tuple[str, ...], question_areas: tuple[str, ...], area_id: str) -> bool:
    return area_id in signal_areas(own, question_areas)


def ticked_texts(
    question: Question, kind: SignalKind, observed: Iterable[str], area_id: str
) -> tuple[str, ...]:
    """Texts of the ticked signals of one kind that evidence ``area_id``, in bank order."""
    seen = set(observed)
    return tuple(
        s.text
        for s in question.signals(kind)
        if s.id in seen and counts_for(s.areas, question.areas, area_id)
    )


def own_areas(signals: Iterable[Signal]) -> Mapping[str, tuple[str, ...]]:
    """Signal id -> the areas it names, for the signals that name any."""
    return {s.id: s.areas for s in signals if s.areas}
