"""Calibration: how each interviewer scores compared with the rest of the panel, how far
the panel agrees per area (Krippendorff's alpha, ordinal), and drills on the bank's
sample answers so drift shows over time.

An interviewer's offset on a scorecard is their score minus the mean of the *other*
interviewers' scores for the same candidate and area (leave-one-out, so a two-person
panel does not halve every difference). Positive means lenient, negative severe.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from interview.domain.agreement import alpha_from_counts, alpha_from_units
from interview.domain.models import Content, Rubric, rubric_from_snapshot
from interview.domain.scoring import Recommendation, mean, score
from interview.services.calibration_drills import (
    RECENT_DRILLS,
    DrillAttempt,
    DrillHistory,
    DrillItem,
    group_attempts,
)
from interview.storage import panel_queries as q
from interview.storage.repository import Repository

__all__ = [
    "RECENT_DRILLS",
    "AreaAgreement",
    "CalibrationReport",
    "CalibrationService",
    "DrillAttempt",
    "DrillHistory",
    "DrillItem",
    "InterviewerStats",
    "alpha_reading",
    "build_report",
    "build_report_from_aggregates",
    "group_attempts",
]

REC_RANK = {r.value: i + 1 for i, r in enumerate(Recommendation)}


def alpha_reading(value: float | None) -> str:
    """Krippendorff's own guide: rely on alpha >= .800, tentative conclusions from .667."""
    if value is None:
        return "not enough data"
    if value >= 0.8:
        return "reliable"
    if value >= 0.667:
        return "tentative"
    return "low agreement"


@dataclass(frozen=True)
class InterviewerStats:
    interviewer: str
    scorecards: int
    offsets: dict[str, float]  # area id -> mean offset from the rest of the panel
    offset_counts: dict[str, int]
    recommendations_compared: int
    recommendations_differing: int
    sample_scorecards: int = 0  # of ``scorecards``, demo data from `interview demo`

    @property
    def overall_offset(self) -> float | None:
        total = sum(self.offset_counts.values())
        if not total:
            return None
        return sum(self.offsets[a] * n for a, n in self.offset_counts.items()) / total

    @property
    def disagreement_rate(self) -> float | None:
        if not self.recommendations_compared:
            return None
        return self.recommendations_differing / self.recommendations_compared

    @property
    def tendency(self) -> str:
        overall = self.overall_offset
        if overall is None:
            return "no shared candidates"
        if overall >= 0.5:
            return "lenient"
        if overall <= -0.5:
            return "severe"
        return "in line"


@dataclass(frozen=True)
class AreaAgreement:
    area_id: str
    title: str
    alpha: float | None
    candidates: int  # candidates rated by two or more interviewers in this area
    ratings: int

    @property
    def reading(self) -> str:
        return alpha_reading(self.alpha)


@dataclass
class CalibrationReport:
    rubric: Rubric | None
    interviewers: list[InterviewerStats]
    areas: list[AreaAgreement]
    recommendation_alpha: float | None
    candidates_with_panels: int
    scorecards: int
    sample_scorecards: int = 0  # demo data from `interview demo` among the scorecards

    @property
    def area_ids(self) -> tuple[str, ...]:
        return tuple(a.area_id for a in self.areas)


def _sample(row: Mapping[str, Any]) -> int:
    try:
        return int(bool(row["sample"]))
    except (KeyError, IndexError):  # rows without the column (older callers)
        return 0


def build_report(
    rows: Sequence[Mapping[str, Any]],
    rubric_data: Mapping[str, Mapping[str, Any]],
) -> CalibrationReport:
    """A row's ``sample`` column, when there, marks a scorecard of demo data."""
    rubrics = {h: rubric_from_snapshot(d) for h, d in rubric_data.items()}
    usage: dict[str, int] = defaultdict(int)
    sessions: dict[str, Mapping[str, Any]] = {}
    # candidate -> area -> [(session id, score)]
    ratings: dict[str, dict[str, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
    by_candidate: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        sid = row["session_id"]
        if sid not in sessions:
            sessions[sid] = row
            usage[row["content_hash"]] += 1
            by_candidate[row["candidate_id"]].append(sid)
        if row["area_id"] is not None:
            ratings[row["candidate_id"]][row["area_id"]].append((sid, row["score"]))
    main = rubrics[max(usage, key=lambda h: usage[h])] if usage else None

    offsets: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for per_area in ratings.values():
        for area_id, values in per_area.items():
            if len(values) < 2:
                continue
            total = sum(v for _, v in values)
            for sid, value in values:
                others = (total - value) / (len(values) - 1)
                offsets[sessions[sid]["interviewer"]][area_id].append(value - others)

    compared: dict[str, int] = defaultdict(int)
    differing: dict[str, int] = defaultdict(int)
    rec_units: list[list[int]] = []
    for cid, sids in by_candidate.items():
        if len(sids) < 2:
            continue
        rubric = rubrics.get(sessions[sids[-1]]["content_hash"], main)
        means = {a: mean(v for _, v in vals) for a, vals in ratings[cid].items()}
        panel = score(rubric, means, sensitivity=False).recommendation if rubric else None
        unit = []
        for sid in sids:
            rec = sessions[sid]["recommendation"]
            if rec in REC_RANK:
                unit.append(REC_RANK[rec])
                if panel is not None:
                    who = sessions[sid]["interviewer"]
                    compared[who] += 1
                    differing[who] += int(rec != panel.value)
        rec_units.append(unit)

    cards: dict[str, int] = defaultdict(int)
    demo: dict[str, int] = defaultdict(int)
    for s in sessions.values():
        cards[s["interviewer"]] += 1
        demo[s["interviewer"]] += _sample(s)
    interviewers = [
        InterviewerStats(
            interviewer=name,
            scorecards=n,
            offsets={a: mean(v) for a, v in offsets[name].items()},
            offset_counts={a: len(v) for a, v in offsets[name].items()},
            recommendations_compared=compared[name],
            recommendations_differing=differing[name],
            sample_scorecards=demo[name],
        )
        for name, n in sorted(cards.items(), key=lambda kv: kv[0].casefold())
    ]
    area_ids = list(main.area_ids) if main else []
    area_ids += sorted({a for per in ratings.values() for a in per} - set(area_ids))
    areas = []
    for area_id in area_ids:
        units = [[v for _, v in per[area_id]] for per in ratings.values() if area_id in per]
        shared = [u for u in units if len(u) >= 2]
        title = main.area(area_id).title if main and area_id in main.area_ids else area_id
        areas.append(
            AreaAgreement(
                area_id, title, alpha_from_units(shared), len(shared), sum(len(u) for u in shared)
            )
        )
    return CalibrationReport(
        rubric=main,
        interviewers=interviewers,
        areas=areas,
        recommendation_alpha=alpha_from_units(rec_units),
        candidates_with_panels=sum(1 for sids in by_candidate.values() if len(sids) >= 2),
        scorecards=len(sessions),
        sample_scorecards=sum(demo.values()),
    )


def build_report_from_aggregates(
    offsets: Sequence[tuple[Any, ...]],
    value_counts: Sequence[tuple[Any, ...]],
    sessions: Sequence[tuple[Any, ...]],
    rubric_data: Mapping[str, Mapping[str, Any]],
) -> CalibrationReport:
    """The same report as ``build_report``, from what SQLite aggregates: mean offsets per
    interviewer and area, how often each score was given per candidate and area, and one
    narrow row per scorecard (see ``panel_queries.calibration_*``). Thousands of
    scorecards then cost a few thousand small rows instead of one row per score. A
    scorecard row's fifth value, when there, says it is demo data."""
    rubrics = {h: rubric_from_snapshot(d) for h, d in rubric_data.items()}
    usage: dict[str, int] = defaultdict(int)
    cards: dict[str, int] = defaultdict(int)
    demo: dict[str, int] = defaultdict(int)
    latest: dict[str, str] = {}  # candidate -> content hash of their latest scorecard
    by_candidate: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for cid, who, rec, chash, *sample in sessions:  # oldest first
        usage[chash] += 1
        cards[who] += 1
        demo[who] += int(bool(sample and sample[0]))
        latest[cid] = chash
        by_candidate[cid].append((who, rec))
    main = rubrics[max(usage, key=lambda h: usage[h])] if usage else None

    # area -> candidate -> {score: interviewers who gave it}; candidate -> area -> [sum, n]
    units: dict[str, dict[str, dict[float, int]]] = defaultdict(dict)
    sums: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for cid, area_id, value, n in value_counts:
        per = units[area_id].get(cid)
        if per is None:
            per = units[area_id][cid] = {}
        per[value] = n
        total = sums[cid].get(area_id)
        if total is None:
            sums[cid][area_id] = [value * n, n]
        else:
            total[0] += value * n
            total[1] += n

    compared: dict[str, int] = defaultdict(int)
    differing: dict[str, int] = defaultdict(int)
    rec_units: list[dict[float, int]] = []
    for cid, cards_of in by_candidate.items():
        if len(cards_of) < 2:
            continue
        rubric = rubrics.get(latest[cid], main)
        means = {a: t / n for a, (t, n) in sums.get(cid, {}).items()}
        panel = score(rubric, means, sensitivity=False).recommendation if rubric else None
        unit: dict[float, int] = {}
        for who, rec in cards_of:
            if rec in REC_RANK:
                unit[REC_RANK[rec]] = unit.get(REC_RANK[rec], 0) + 1
                if panel is not None:
                    compared[who] += 1
                    differing[who] += int(rec != panel.value)
        rec_units.append(unit)

    mean_offsets: dict[str, dict[str, float]] = defaultdict(dict)
    offset_counts: dict[str, dict[str, int]] = defaultdict(dict)
    for who, area_id, offset, n in offsets:
        mean_offsets[who][area_id] = offset
        offset_counts[who][area_id] = n
    interviewers = [
        InterviewerStats(
            interviewer=name,
            scorecards=n,
            offsets=mean_offsets.get(name, {}),
            offset_counts=offset_counts.get(name, {}),
            recommendations_compared=compared[name],
            recommendations_differing=differing[name],
            sample_scorecards=demo[name],
        )
        for name, n in sorted(cards.items(), key=lambda kv: kv[0].casefold())
    ]
    area_ids = list(main.area_ids) if main else []
    area_ids += sorted(set(units) - set(area_ids))
    areas = []
    for area_id in area_ids:
        shared = [u for u in units.get(area_id, {}).values() if sum(u.values()) >= 2]
        title = main.area(area_id).title if main and area_id in main.area_ids else area_id
        areas.append(
            AreaAgreement(
                area_id,
                title,
                alpha_from_counts(shared),
                len(shared),
                sum(sum(u.values()) for u in shared),
            )
        )
    return CalibrationReport(
        rubric=main,
        interviewers=interviewers,
        areas=areas,
        recommendation_alpha=alpha_from_counts(rec_units),
        candidates_with_panels=sum(1 for c in by_candidate.values() if len(c) >= 2),
        scorecards=len(sessions),
        sample_scorecards=sum(demo.values()),
    )


class CalibrationService:
    def __init__(self, repo: Repository, content: Content | None = None) -> None:
        self.repo = repo
        self.db = repo.db
        self.content = content

    def report(self) -> CalibrationReport:
        """Four queries, whatever the number of scorecards."""
        return build_report_from_aggregates(
            q.calibration_offsets(self.db),
            q.calibration_value_counts(self.db),
            q.calibration_sessions(self.db),
            q.rubrics(self.db),
        )

    def histories(self, interviewer: str = "") -> dict[str, DrillHistory]:
        return group_attempts(q.calibration_attempts(self.db, interviewer))

    def history(self, interviewer: str) -> DrillHistory:
        return self.histories(interviewer).get(interviewer, DrillHistory(interviewer))

    def drill_bank(self) -> list[DrillItem]:
        """The bank's sample answers that carry agreed scores."""
        if self.content is None:
            return []
        return [
            DrillItem(question, sample)
            for question in sorted(self.content.questions.values(), key=lambda x: x.id)
            for sample in question.sample_answers
            if sample.scores
        ]

    def next_drill(self, interviewer: str) -> DrillItem | None:
        """The sample this interviewer has scored least often (then least recently)."""
        bank = self.drill_bank()
        if not bank:
            return None
        done: dict[str, tuple[int, str]] = {}
        for a in self.history(interviewer).attempts:
            n, _ = done.get(f"{a.question_id}:{a.sample_level}", (0, ""))
            done[f"{a.question_id}:{a.sample_level}"] = (n + 1, a.at)
        return min(bank, key=lambda item: done.get(item.key, (0, "")))

    def record(self, interviewer: str, item: DrillItem, scores: Mapping[str, int]) -> DrillAttempt:
        """Store a drill; only then are the agreed scores revealed (the returned attempt)."""
        if not interviewer.strip():
            raise ValueError("set your interviewer name before a calibration drill")
        missing = [a for a in item.area_ids if a not in scores]
        if missing:
            raise ValueError(f"score every area first: {', '.join(missing)}")
        for area, value in scores.items():
            if area not in item.sample.scores:
                raise ValueError(f"{area} is not scored in this sample")
            if not 1 <= value <= 4:
                raise ValueError("scores are 1-4")
        at = self.repo.now()
        rows = [
            (str(uuid.uuid4()), interviewer, item.question.id, item.sample.level, area,
             int(scores[area]), int(item.sample.scores[area]), at)
            for area in item.area_ids
        ]  # fmt: skip
        q.insert_calibration_attempts(self.db, rows)
        return DrillAttempt(
            at,
            item.question.id,
            item.sample.level,
            {a: int(scores[a]) for a in item.area_ids},
            {a: int(item.sample.scores[a]) for a in item.area_ids},
        )
