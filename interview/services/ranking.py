"""Every candidate ranked by the panel's combined score (the ranking screen and exports)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from interview.domain.folding import fold
from interview.domain.models import Rubric, rubric_from_snapshot
from interview.domain.scoring import mean, score
from interview.services.panel_model import DISAGREEMENT, CandidateRef, rec_label


@dataclass(frozen=True)
class RankedCandidate:
    candidate: CandidateRef
    roles: tuple[str, ...]
    interviewers: tuple[str, ...]
    scorecards: int
    area_means: dict[str, float]
    area_spreads: dict[str, int]
    combined: float | None
    recommendation: str | None
    recommendations: tuple[str, ...]
    hidden: bool = False
    rule: str = ""  # the scoring policy's rule that decided the recommendation, in words
    insufficient: bool = False  # too little of the rubric assessed to recommend
    sample: bool = False  # demo data from `interview demo` among the scorecards

    @property
    def shown_label(self) -> str:
        """The candidate as listed: sample data marked first, so no cut ever hides it."""
        return f"{SAMPLE_MARK} {self.candidate.label}" if self.sample else self.candidate.label

    @property
    def max_spread(self) -> int:
        return max(self.area_spreads.values(), default=0)

    @property
    def disagreements(self) -> int:
        return sum(1 for s in self.area_spreads.values() if s >= DISAGREEMENT)

    @property
    def recommendation_label(self) -> str:
        if self.insufficient:
            return "Insufficient evidence"
        return rec_label(self.recommendation) + ("*" if self.rule else "")


SORT_KEYS = ("combined", "name", "scorecards", "disagreement")
SAMPLE_MARK = "[sample]"
SAMPLE_NOTE = f"{SAMPLE_MARK} sample data from `interview demo`, not a real interview"


def sample_note(rows: Sequence[RankedCandidate]) -> str:
    """What the sample mark means, when a listed row carries it."""
    return SAMPLE_NOTE if any(r.sample for r in rows) else ""


def policy_notes(rows: Sequence[RankedCandidate]) -> list[str]:
    """One line per candidate whose recommendation the scoring policy decided ("*")."""
    return [f"{r.candidate.label}: {r.rule}" for r in rows if r.rule and not r.hidden]


@dataclass
class Ranking:
    rubric: Rubric | None
    rows: list[RankedCandidate]

    @property
    def area_ids(self) -> tuple[str, ...]:
        return self.rubric.area_ids if self.rubric else ()

    def area_title(self, area_id: str) -> str:
        if self.rubric and area_id in self.rubric.area_ids:
            return self.rubric.area(area_id).title
        return area_id

    def filtered(
        self,
        *,
        text: str = "",
        min_score: float | None = None,
        recommendation: str = "",
        sort: str = "combined",
        descending: bool = True,
    ) -> list[RankedCandidate]:
        """Rows matching the filters, sorted by ``sort`` (a SORT_KEYS entry or an area id)."""
        needle = fold(text.strip())
        rows = [
            r
            for r in self.rows
            if (not needle or needle in fold(r.candidate.label)
                or any(needle in fold(i) for i in r.interviewers))
            and (min_score is None or (not r.hidden and (r.combined or 0) >= min_score))
            and (not recommendation or (not r.hidden and r.recommendation == recommendation))
        ]  # fmt: skip
        if sort == "name":
            return sorted(rows, key=lambda r: r.candidate.label.casefold(), reverse=descending)

        def key(r: RankedCandidate) -> tuple[int, float]:
            if r.hidden:
                value = None
            elif sort == "combined":
                value = r.combined
            elif sort == "scorecards":
                value = float(r.scorecards)
            elif sort == "disagreement":
                value = float(r.max_spread) + r.disagreements / 100
            else:
                value = r.area_means.get(sort)
            # Unknown values sort last whichever the direction.
            if value is None:
                return (1, 0.0)
            return (0, -value if descending else value)

        return sorted(rows, key=lambda r: (*key(r), r.candidate.label.casefold()))


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


def build_ranking_from_aggregates(
    sessions: Sequence[tuple[Any, ...]],
    area_stats: Sequence[tuple[Any, ...]],
    rubric_data: Mapping[str, Mapping[str, Any]],
    viewer: str | None = None,
) -> Ranking:
    """The same ranking as ``build_ranking``, from SQL aggregates (per candidate and area)
    and one narrow row per scorecard: what thousands of candidates need. A session row's
    eighth value, when there, says it is demo data."""
    rubrics = {h: rubric_from_snapshot(d) for h, d in rubric_data.items()}
    usage: dict[str, int] = defaultdict(int)
    per_candidate: dict[str, list[tuple[Any, ...]]] = {}
    for row in sessions:
        usage[row[6]] += 1
        items = per_candidate.get(row[0])
        if items is None:
            per_candidate[row[0]] = [row]
        else:
            items.append(row)
    main = rubrics[max(usage, key=lambda h: usage[h])] if usage else None
    means: dict[str, dict[str, float]] = {}
    spreads: dict[str, dict[str, int]] = {}
    for cid, area, avg, spread, raters in area_stats:
        per = means.get(cid)
        if per is None:
            per = means[cid] = {}
        per[area] = avg
        if raters >= 2:
            spread_of = spreads.get(cid)
            if spread_of is None:
                spread_of = spreads[cid] = {}
            spread_of[area] = int(spread)
    name = viewer.strip().casefold() if viewer is not None else None
    ranked = []
    for cid, items in per_candidate.items():
        latest = items[-1]  # oldest first, so the last is the latest
        interviewers = tuple(dict.fromkeys([r[3] for r in items]))
        roles = tuple(sorted({r[4] for r in items if r[4]}))
        hidden = name is not None and name not in {i.strip().casefold() for i in interviewers}
        rubric = rubrics.get(latest[6], main)
        result = None
        if not hidden and rubric is not None:
            result = score(rubric, means.get(cid, {}), sensitivity=False)
        ranked.append(
            RankedCandidate(
                candidate=CandidateRef(cid, latest[1], latest[2]),
                roles=roles,
                interviewers=interviewers,
                scorecards=len(items),
                # Blind: the scores never leave this function, so no view can leak them.
                area_means={} if hidden else means.get(cid, {}),
                area_spreads={} if hidden else spreads.get(cid, {}),
                combined=result.weighted if result else None,
                recommendation=str(result.recommendation)
                if result and result.recommendation
                else None,
                recommendations=() if hidden else tuple([r[5] or "" for r in items]),
                hidden=hidden,
                rule=result.rule if result else "",
                insufficient=result.insufficient if result else False,
                sample=any(len(r) > 7 and r[7] for r in items),
            )
        )
    return Ranking(main, ranked)
