"""Warnings: content that validates but works badly in the app. Printed, never fatal."""

from __future__ import annotations

from collections.abc import Iterable

from interview.domain.content_doc import Doc
from interview.domain.errors import Problem
from interview.domain.models import LIVE_KEYS, Question
from interview.domain.yaml_source import Path_

_WHAT = {
    "senior_signals": "senior signals",
    "junior_signals": "junior signals and red flags",
    "follow_ups": "follow-up probes",
}


def live_key_warnings(questions: Iterable[tuple[Question, Doc, Path_]]) -> list[Problem]:
    """A question with more signals or probes than the live screen has keys for: the
    rows past the last key can only be ticked with the mouse."""
    out: list[Problem] = []
    for question, doc, path in questions:
        counts = {
            "senior_signals": len(question.senior_signals),
            "junior_signals": len(question.junior_signals),
            "follow_ups": len(question.follow_ups),
        }
        for key, count in counts.items():
            limit = LIVE_KEYS[key]
            if count > limit:
                line, col = doc.source.where((*path, key))
                out.append(
                    Problem(
                        doc.source.file,
                        line,
                        col,
                        f"warning: {count} {_WHAT[key]}, but the live screen has keys for {limit}",
                        f"the rest can only be ticked with the mouse; keep the {limit} "
                        "that matter most",
                    )
                )
    return sorted(out, key=lambda p: (p.file, p.line, p.col))
