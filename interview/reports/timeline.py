"""The session's event log, as sentences a hiring manager can read."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from interview.domain.models import Rubric
from interview.domain.scoring import Recommendation
from interview.reports.model import TimelineEntry
from interview.reports.snapshot import SnapshotQuestion
from interview.reports.text import excerpt, one_line
from interview.storage.report_queries import Row

# Written on every session created by `interview demo`, so reports can say so.
SAMPLE_EVENT = "sample_data"

_SOURCES = {"bank": "bank", "offline": "offline engine", "llm": "LLM"}
_FOLLOW_UP_VERBS = {
    "followup_asked": "Asked follow-up",
    "followup_unasked": "Un-marked follow-up",
    "followup_suggested": "Follow-up suggested",
}


class _Describer:
    def __init__(self, rubric: Rubric, questions: Mapping[str, SnapshotQuestion]) -> None:
        self.areas = {a.id: a.title for a in rubric.areas}
        self.tops = {a.id: a.top for a in rubric.areas}
        self.questions = questions

    def title(self, qid: str) -> str:
        q = self.questions.get(qid)
        return f"“{q.title if q else qid}”"

    def signal(self, qid: str, sid: str) -> str:
        q = self.questions.get(qid)
        found = q.signal_text(sid) if q else None
        return excerpt(found, 90) if found is not None else sid

    def follow_up(self, qid: str, fid: str) -> str:
        q = self.questions.get(qid)
        found = q.follow_ups.get(fid) if q and fid else None
        return f": {excerpt(found, 90)}" if found is not None else ""

    def describe(self, kind: str, d: Mapping[str, Any]) -> str:
        handler: Callable[[str, Mapping[str, Any]], str] | None = getattr(self, f"_{kind}", None)
        if kind in _FOLLOW_UP_VERBS:
            handler = self._followup
        if handler is None:
            return self._other(kind, d)
        return handler(kind, d)

    def _session_started(self, kind: str, d: Mapping[str, Any]) -> str:
        return f"Session started ({d.get('mode', 'interview')}, plan {d.get('plan', '')})"

    def _signal_observed(self, kind: str, d: Mapping[str, Any]) -> str:
        verb = "Observed" if kind == "signal_observed" else "Cleared"
        q = str(d.get("question", ""))
        signal = self.signal(q, str(d.get("signal", "")))
        return f"{verb} {d.get('kind', '')} signal on {self.title(q)}: {signal}"

    _signal_cleared = _signal_observed

    def _followup(self, kind: str, d: Mapping[str, Any]) -> str:
        q = str(d.get("question", ""))
        source = _SOURCES.get(str(d.get("source", "")), str(d.get("source", "")))
        probe = self.follow_up(q, str(d.get("follow_up", "")))
        return f"{_FOLLOW_UP_VERBS[kind]} ({source}) on {self.title(q)}{probe}"

    def _area_scored(self, kind: str, d: Mapping[str, Any]) -> str:
        area_id = str(d.get("area", ""))
        area = self.areas.get(area_id, area_id)
        value = d.get("score")
        shown = "cleared" if value is None else f"{value}/{self.tops.get(area_id, 4)}"
        q = str(d.get("question", ""))
        return f"Self-scored {area} {shown} on {self.title(q)}" if q else f"Scored {area} {shown}"

    def _submitted(self, kind: str, d: Mapping[str, Any]) -> str:
        w, rec = d.get("weighted_score"), d.get("recommendation")
        label = Recommendation(rec).label if rec else "no recommendation"
        return f"Submitted: {label}" + (f" ({w:.1f})" if isinstance(w, int | float) else "")

    def _amended(self, kind: str, d: Mapping[str, Any]) -> str:
        return f"Amended: {one_line(str(d.get('reason', '')))}"

    def _llm_enabled(self, kind: str, d: Mapping[str, Any]) -> str:
        return "LLM suggestions turned " + ("on" if kind == "llm_enabled" else "off")

    _llm_disabled = _llm_enabled

    def _summary_saved(self, kind: str, d: Mapping[str, Any]) -> str:
        if not d.get("ai_drafted"):
            return "Summary saved (written by the interviewer)"
        model = one_line(str(d.get("model") or "an LLM"))
        how = "edited by the interviewer" if d.get("edited") else "unchanged"
        return f"Summary saved (AI-drafted with {model}, {how})"

    def _sample_data(self, kind: str, d: Mapping[str, Any]) -> str:
        return "Sample data written by `interview demo`"

    def _other(self, kind: str, d: Mapping[str, Any]) -> str:
        # Event kinds added later still show up, in plain words.
        extra = ", ".join(
            f"{k} {one_line(str(v))}"
            for k, v in sorted(d.items())
            if isinstance(v, str | int | float)
        )
        return kind.replace("_", " ").capitalize() + (f" ({extra})" if extra else "")


def timeline(
    events: Sequence[Row], rubric: Rubric, questions: Mapping[str, SnapshotQuestion]
) -> tuple[TimelineEntry, ...]:
    describer = _Describer(rubric, questions)
    out = []
    for e in events:
        detail = json.loads(e["detail"]) if isinstance(e["detail"], str) else e["detail"]
        text = describer.describe(e["kind"], detail if isinstance(detail, dict) else {})
        out.append(TimelineEntry(at=e["at"], actor=e["actor"], kind=e["kind"], text=text))
    return tuple(out)
