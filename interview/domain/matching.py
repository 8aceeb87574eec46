"""Offline keyword matching of free text (notes, answers) against a question's signals.

A heuristic, and labelled as one wherever it is shown: it finds the words a
candidate used, not whether they understood them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from interview.domain.models import Question, Signal, SignalKind


@dataclass(frozen=True, slots=True)
class Match:
    signal: Signal
    kind: SignalKind
    keywords: tuple[str, ...]


@lru_cache(maxsize=4096)
def _pattern(keyword: str) -> re.Pattern[str]:
    # Whole words, flexible whitespace and hyphens: "row lock" matches "row-lock".
    parts = [re.escape(p) for p in re.split(r"[\s-]+", keyword.strip().lower()) if p]
    return re.compile(r"(?<![\w])" + r"[\s-]*".join(parts) + r"(?![\w])")


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


def keyword_hits(signal: Signal, text: str) -> tuple[str, ...]:
    norm = normalise(text)
    return tuple(k for k in signal.keywords if k.strip() and _pattern(k).search(norm))


def match_signals(question: Question, text: str) -> list[Match]:
    """Signals of ``question`` whose keywords appear in ``text``, in bank order."""
    if not text.strip():
        return []
    out: list[Match] = []
    for kind in SignalKind:
        for signal in question.signals(kind):
            hits = keyword_hits(signal, text)
            if hits:
                out.append(Match(signal, kind, hits))
    return out
