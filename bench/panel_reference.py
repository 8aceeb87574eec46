"""The panel's figures computed the plain way, one row per score: what the N+1 baseline
of ``bench_panel`` hands its rows to, and what the tests hold the commands' SQL
aggregates and prepared scoring against (the same ranking, the same calibration).

Not used by the app: the ranked list and calibration read aggregates
(``services.ranking.build_ranking_from_aggregates``,
``services.calibration.build_report_from_aggregates``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from interview.domain.agreement import alpha_from_units
from interview.domain.rubric import rubric_from_snapshot
from interview.domain.scoring import mean, score
from interview.services.calibration import (
    REC_RANK,
    AreaAgreement,
    CalibrationReport,
    InterviewerStats,
)
from interview.services.panel_common import CandidateRef
from interview.services.ranking import RankedCandidate, Ranking


def build_ranking(
    rows: Sequence[Mapping[str, Any]],
    rubric_data: Mapping[str, Mapping[str, Any]],
    viewer: str | None = None,
) -> Ranking:
    rubrics = {h: rubric_from_snapshot(d) for h, d in rubric_data.items()}
    by_candidate: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        by_candidate[row["candidate_id"]].append(row)
    # Columns follow the rubric most scorecards used.
    usage: dict[str, int] = defaultdict(int)
    for row in rows:
        usage[row["content_hash"]] += 1
    main = rubrics[max(usage, key=lambda h: usage[h])] if usage else None
    name = viewer.strip().casefold() if viewer is not None else None
    ranked = []
    for cid, items in by_candidate.items():
        sessions: dict[str, Mapping[str, Any]] = {}
        per_area: dict[str, list[int]] = defaultdict(list)
        for row in items:
            sessions.setdefault(row["session_id"], row)
            if row["area_id"] is not None:
                per_area[row["area_id"]].append(row["score"])
        latest = items[-1]  # rows come ordered by submitted_at
        rubric = rubrics.get(latest["content_hash"], main)
        means = {a: mean(v) for a, v in per_area.items()}
        result = score(rubric, means, sensitivity=False) if rubric else None
        interviewers = tuple(dict.fromkeys(s["interviewer"] for s in sessions.values()))
        roles = tuple(sorted({s["role"] for s in sessions.values() if s["role"]}))
        hidden = name is not None and name not in {i.strip().casefold() for i in interviewers}
        if hidden:
            # Blind: the scores never leave this function, so no view can leak them.
            means, per_area, result, sessions = {}, defaultdict(list), None, {}
        ranked.append(
            RankedCandidate(
                candidate=CandidateRef(cid, latest["name"], latest["code"]),
                roles=roles,
                interviewers=interviewers,
                scorecards=len({row["session_id"] for row in items}),
                area_means=means,
                area_spreads={a: max(v) - min(v) for a, v in per_area.items() if len(v) >= 2},
                combined=result.weighted if result else None,
                recommendation=str(result.recommendation)
                if result and result.recommendation
                else None,
                recommendations=tuple(s["recommendation"] or "" for s in sessions.values()),
                hidden=hidden,
                rule=result.rule if result else "",
                insufficient=result.insufficient if result else False,
            )
        )
    return Ranking(main, ranked)


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
        recommendation_ratings=sum(len(u) for u in rec_units if len(u) >= 2),
    )
