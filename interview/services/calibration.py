"""Calibration: how each interviewer scores compared with the rest of the panel, how far
the panel agrees per area (Krippendorff's alpha, ordinal), and drills on the bank's
sample answers so drift shows over time.

An interviewer's offset on a scorecard is their score minus the mean of the *other*
interviewers' scores for the same candidate and area (leave-one-out, so a two-person
panel does not halve every difference). Positive means lenient, negative severe.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from interview.domain.agreement import alpha_from_counts
from interview.domain.rubric import Rubric, rubric_from_snapshot
from interview.domain.scoring import Recommendation
from interview.domain.scoring_prepared import RubricScorer
from interview.services.calibration_drills import (
    RECENT_DRILLS,
    DrillAttempt,
    DrillHistory,
    DrillItem,
    group_attempts,
)
from interview.storage import panel_queries as q

if TYPE_CHECKING:
    from interview.domain.models import Content
    from interview.storage.db import Database
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
    "build_report_from_aggregates",
    "calibration_report",
    "drill_histories",
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
    # Recommendations of candidates with two or more (the ratings its alpha reads).
    recommendation_ratings: int = 0

    @property
    def area_ids(self) -> tuple[str, ...]:
        return tuple(a.area_id for a in self.areas)


def build_report_from_aggregates(
    offsets: Iterable[Sequence[Any]],
    value_counts: Iterable[Sequence[Any]],
    sessions: Sequence[Sequence[Any]],
    rubric_data: Mapping[str, Mapping[str, Any]],
) -> CalibrationReport:
    """The report from what SQLite aggregates: mean offsets per interviewer and area,
    how often each score was given per candidate and area, and one narrow row per
    scorecard, oldest first (see ``panel_queries.calibration_*``). Thousands of
    scorecards then cost a few thousand small rows instead of one row per score, with
    the same figures. A scorecard row's fifth value, when there, says it is demo data."""
    rubrics = {h: rubric_from_snapshot(d) for h, d in rubric_data.items()}
    scorers = {h: RubricScorer(r) for h, r in rubrics.items()}
    usage: dict[str, int] = {}
    cards: dict[str, int] = {}
    demo: dict[str, int] = {}
    # candidate -> their scorecards (interviewer, recommendation, ...), oldest first
    by_candidate: dict[str, list[Sequence[Any]]] = {}
    for row in sessions:
        cid, who, chash = row[0], row[1], row[3]
        usage[chash] = usage.get(chash, 0) + 1
        cards[who] = cards.get(who, 0) + 1
        if len(row) > 4 and row[4]:
            demo[who] = demo.get(who, 0) + 1
        seen = by_candidate.get(cid)
        if seen is None:
            by_candidate[cid] = [row]
        else:
            seen.append(row)
    main_hash = max(usage, key=usage.__getitem__) if usage else None
    main = rubrics[main_hash] if main_hash is not None else None
    main_scorer = scorers[main_hash] if main_hash is not None else None

    # area -> candidate -> {score: interviewers who gave it}; candidate -> area -> [sum, n].
    # SQLite hands the rows of one candidate and area together: the dictionaries are
    # looked up once per candidate and area, not once per row (any order still adds up).
    units: dict[str, dict[str, dict[float, int]]] = {}
    sums: dict[str, dict[str, list[int]]] = {}
    last_cid = last_area = None
    unit: dict[float, int] = {}
    total: list[int] = []
    for cid, area_id, value, n in value_counts:
        if area_id != last_area or cid != last_cid:
            last_cid, last_area = cid, area_id
            per = units.get(area_id)
            if per is None:
                per = units[area_id] = {}
            found = per.get(cid)
            if found is None:
                found = per[cid] = {}
            unit = found
            of = sums.get(cid)
            if of is None:
                of = sums[cid] = {}
            adding = of.get(area_id)
            if adding is None:
                adding = of[area_id] = [0, 0]
            total = adding
        unit[value] = n
        total[0] += value * n
        total[1] += n

    compared: dict[str, int] = {}
    differing: dict[str, int] = {}
    rec_units: list[dict[float, int]] = []
    for cid, cards_of in by_candidate.items():
        if len(cards_of) < 2:
            continue
        scorer = scorers.get(cards_of[-1][3], main_scorer)  # the latest scorecard's rubric
        means = {a: t / n for a, (t, n) in sums.get(cid, {}).items()}
        panel = scorer.verdict(means).recommendation if scorer else None
        given: dict[float, int] = {}  # the recommendations as a unit of the alpha
        for row in cards_of:
            rec = row[2]
            rank = REC_RANK.get(rec) if rec is not None else None
            if rank is not None:
                given[rank] = given.get(rank, 0) + 1
                if panel is not None:
                    who = row[1]
                    compared[who] = compared.get(who, 0) + 1
                    differing[who] = differing.get(who, 0) + (rec != panel)
        rec_units.append(given)

    mean_offsets: dict[str, dict[str, float]] = {}
    offset_counts: dict[str, dict[str, int]] = {}
    for who, area_id, offset, n in offsets:
        mean_offsets.setdefault(who, {})[area_id] = offset
        offset_counts.setdefault(who, {})[area_id] = n
    interviewers = [
        InterviewerStats(
            interviewer=name,
            scorecards=n,
            offsets=mean_offsets.get(name, {}),
            offset_counts=offset_counts.get(name, {}),
            recommendations_compared=compared.get(name, 0),
            recommendations_differing=differing.get(name, 0),
            sample_scorecards=demo.get(name, 0),
        )
        for name, n in sorted(cards.items(), key=lambda kv: kv[0].casefold())
    ]
    area_ids = list(main.area_ids) if main else []
    area_ids += sorted(set(units) - set(area_ids))
    areas = []
    for area_id in area_ids:
        shared = []
        ratings = 0
        for counts in units.get(area_id, {}).values():
            m = sum(counts.values())
            if m >= 2:
                shared.append(counts)
                ratings += m
        title = main.area(area_id).title if main and area_id in main.area_ids else area_id
        areas.append(AreaAgreement(area_id, title, alpha_from_counts(shared), len(shared), ratings))
    return CalibrationReport(
        rubric=main,
        interviewers=interviewers,
        areas=areas,
        recommendation_alpha=alpha_from_counts(rec_units),
        candidates_with_panels=sum(1 for c in by_candidate.values() if len(c) >= 2),
        scorecards=len(sessions),
        sample_scorecards=sum(demo.values()),
        recommendation_ratings=sum(m for u in rec_units if (m := sum(u.values())) >= 2),
    )


def calibration_report(db: Database) -> CalibrationReport:
    """Four statements, whatever the number of scorecards."""
    return build_report_from_aggregates(
        q.calibration_offsets(db),
        q.calibration_value_counts(db),
        q.calibration_sessions(db),
        q.rubrics(db),
    )


def drill_histories(db: Database, interviewer: str = "") -> dict[str, DrillHistory]:
    """Every interviewer's calibration drills (or ``interviewer``'s alone), by name."""
    return group_attempts(q.calibration_attempts(db, interviewer))


class CalibrationService:
    def __init__(self, repo: Repository, content: Content | None = None) -> None:
        self.repo = repo
        self.db = repo.db
        self.content = content

    def report(self) -> CalibrationReport:
        """Four statements, whatever the number of scorecards."""
        return calibration_report(self.db)

    def histories(self, interviewer: str = "") -> dict[str, DrillHistory]:
        return drill_histories(self.db, interviewer)

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
