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
from dataclasses import dataclass, field
from statistics import fmean as mean
from typing import Any

from interview.domain.agreement import alpha_from_units
from interview.domain.models import Content, Question, Rubric, SampleAnswer, rubric_from_snapshot
from interview.domain.scoring import Recommendation, score
from interview.storage import panel_queries as q
from interview.storage.repository import Repository

REC_RANK = {r.value: i + 1 for i, r in enumerate(Recommendation)}
RECENT_DRILLS = 5


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


# ---------------------------------------------------------------------------- drills


@dataclass(frozen=True)
class DrillItem:
    question: Question
    sample: SampleAnswer

    @property
    def key(self) -> str:
        return f"{self.question.id}:{self.sample.level}"

    @property
    def area_ids(self) -> tuple[str, ...]:
        return tuple(self.sample.scores)


@dataclass(frozen=True)
class DrillAttempt:
    """One drill: an interviewer's scores for one sample answer, against the agreed ones."""

    at: str
    question_id: str
    sample_level: str
    scores: dict[str, int]
    agreed: dict[str, int]

    @property
    def offsets(self) -> dict[str, int]:
        return {a: self.scores[a] - self.agreed[a] for a in self.scores if a in self.agreed}

    @property
    def mean_abs_offset(self) -> float:
        values = [abs(v) for v in self.offsets.values()]
        return mean(values) if values else 0.0


@dataclass
class DrillHistory:
    interviewer: str
    attempts: list[DrillAttempt] = field(default_factory=list)

    def _mean_offsets(self, attempts: Sequence[DrillAttempt]) -> dict[str, float]:
        per: dict[str, list[int]] = defaultdict(list)
        for a in attempts:
            for area, off in a.offsets.items():
                per[area].append(off)
        return {area: mean(v) for area, v in sorted(per.items())}

    @property
    def mean_offsets(self) -> dict[str, float]:
        return self._mean_offsets(self.attempts)

    @property
    def recent_offsets(self) -> dict[str, float]:
        return self._mean_offsets(self.attempts[-RECENT_DRILLS:])

    @property
    def earlier_offsets(self) -> dict[str, float]:
        return self._mean_offsets(self.attempts[:-RECENT_DRILLS])

    def by_month(self) -> list[tuple[str, dict[str, float], int]]:
        """(YYYY-MM, mean offset per area, drills) in time order: drift at a glance."""
        months: dict[str, list[DrillAttempt]] = defaultdict(list)
        for a in self.attempts:
            months[a.at[:7]].append(a)
        return [(m, self._mean_offsets(v), len(v)) for m, v in sorted(months.items())]


def group_attempts(rows: Sequence[Mapping[str, Any]]) -> dict[str, DrillHistory]:
    histories: dict[str, DrillHistory] = {}
    drills: dict[tuple[str, str, str, str], DrillAttempt] = {}
    for r in rows:
        key = (r["interviewer"], r["at"], r["question_id"], r["sample_level"])
        attempt = drills.get(key)
        if attempt is None:
            attempt = DrillAttempt(r["at"], r["question_id"], r["sample_level"], {}, {})
            drills[key] = attempt
            histories.setdefault(r["interviewer"], DrillHistory(r["interviewer"])).attempts.append(
                attempt
            )
        attempt.scores[r["area_id"]] = r["score"]
        attempt.agreed[r["area_id"]] = r["agreed"]
    for h in histories.values():
        h.attempts.sort(key=lambda a: a.at)
    return histories


class CalibrationService:
    def __init__(self, repo: Repository, content: Content | None = None) -> None:
        self.repo = repo
        self.db = repo.db
        self.content = content

    def report(self) -> CalibrationReport:
        """Two queries, whatever the number of scorecards."""
        return build_report(q.calibration_scores(self.db), q.rubrics(self.db))

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
