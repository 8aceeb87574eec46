"""The content a report is built against, read from the session's snapshot.

Parsing a snapshot (the rubric, plan and questions as used, ~50 KB of JSON) costs more
than all of a report's queries together, so two things keep it down:

- only what a report shows is turned into objects: a question's title, areas, signals
  and probe texts, not its prompt, context, sample answers or keywords;
- a snapshot never changes once stored, so a process that builds many reports against
  the same content (the report screen, a batch of reports) keeps the parsed form in a
  small LRU keyed by content hash. An entry is used only when the stored text is
  exactly the one it was parsed from, so a hand-edited database never gets a stale
  rubric.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from interview.domain.evidence import counts_for
from interview.domain.models import Plan, Rubric, plan_from_snapshot, rubric_from_snapshot

# A handful of content versions are in use at once; each entry is tens of KB.
MAX_ENTRIES = 8

# (id, text, red flag), as stored.
SignalData = tuple[str, str, bool]


@dataclass(frozen=True, slots=True)
class SnapshotQuestion:
    """What a report shows of a question."""

    id: str
    title: str
    kind: str
    level: str
    areas: tuple[str, ...]
    senior: tuple[SignalData, ...]  # bank order
    junior: tuple[SignalData, ...]
    follow_ups: Mapping[str, str]  # probe id -> text
    # signal id -> the areas it evidences, for signals that name some (others: all areas)
    signal_areas: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def evidences(self, signal_id: str, area_id: str) -> bool:
        return counts_for(self.signal_areas.get(signal_id, ()), self.areas, area_id)

    def signal_text(self, signal_id: str) -> str | None:
        for sid, text, _ in self.senior + self.junior:
            if sid == signal_id:
                return text
        return None


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    question: SnapshotQuestion
    budget_seconds: int


@dataclass(frozen=True, slots=True)
class ReportContent:
    rubric: Rubric
    plan: Plan
    questions: dict[str, SnapshotQuestion]  # every question of the snapshot, by id
    planned: tuple[PlannedQuestion, ...]  # plan order; items whose question is missing left out
    area_titles: dict[str, str]  # rubric order
    area_questions: dict[str, tuple[int, ...]]  # area id -> indexes into planned


def _signals(raw: list[dict[str, Any]]) -> tuple[SignalData, ...]:
    return tuple([(s["id"], s["text"], bool(s["red_flag"])) for s in raw])


def _question(data: dict[str, Any]) -> SnapshotQuestion:
    follow_ups: dict[str, str] = {}
    for f in data["follow_ups"]:
        follow_ups.setdefault(f["id"], f["text"])  # the first of a repeated id, as the bank
    return SnapshotQuestion(
        id=str(data["id"]),
        title=str(data["title"]),
        kind=str(data["kind"]),
        level=str(data["level"]),
        areas=tuple(data["areas"]),
        senior=_signals(data["senior_signals"]),
        junior=_signals(data["junior_signals"]),
        follow_ups=follow_ups,
        signal_areas={
            str(s["id"]): tuple(s["areas"])
            for s in (*data["senior_signals"], *data["junior_signals"])
            if s.get("areas")
        },
    )


def parse(text: str) -> ReportContent:
    data = json.loads(text)
    rubric = rubric_from_snapshot(data["rubric"])
    plan = plan_from_snapshot(data["plan"])
    questions = {str(q["id"]): _question(q) for q in data["questions"]}
    planned = tuple(
        [
            PlannedQuestion(q, item.minutes * 60)
            for item in plan.items
            if (q := questions.get(item.question_id)) is not None
        ]
    )
    return ReportContent(
        rubric=rubric,
        plan=plan,
        questions=questions,
        planned=planned,
        area_titles={a.id: a.title for a in rubric.areas},
        area_questions={
            a.id: tuple([i for i, p in enumerate(planned) if a.id in p.question.areas])
            for a in rubric.areas
        },
    )


_lock = threading.Lock()
_cache: OrderedDict[str, tuple[str, ReportContent]] = OrderedDict()


def content_for(content_hash: str, text: str) -> ReportContent:
    """The parsed snapshot ``text`` stored under ``content_hash``, from the cache if there."""
    with _lock:
        entry = _cache.get(content_hash)
        if entry is not None and entry[0] == text:
            _cache.move_to_end(content_hash)
            return entry[1]
    content = parse(text)  # outside the lock: a slow parse never holds up another thread
    with _lock:
        _cache[content_hash] = (text, content)
        _cache.move_to_end(content_hash)
        while len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)
    return content


def clear_cache() -> None:
    """Forget every parsed snapshot (the benchmark's first-report figure starts here)."""
    with _lock:
        _cache.clear()
