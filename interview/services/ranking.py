"""Every candidate ranked by the panel's combined score (the ranking screen and exports).

Thousands of candidates come from SQL aggregates (``rank_candidates``: three statements)
and are scored with each rubric prepared once (``RubricScorer``): the same figures as
scoring each candidate on its own, in a fraction of the time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from interview.domain.folding import fold
from interview.domain.rubric import Rubric, rubric_from_snapshot
from interview.domain.scoring_prepared import RubricScorer
from interview.services.panel_common import DISAGREEMENT, SAMPLE_MARK, CandidateRef, rec_label

if TYPE_CHECKING:
    from interview.storage.db import Database


class RankedCandidate(NamedTuple):
    """One row of the ranked list. A named tuple: thousands are made per list, and a
    tuple is made in a fraction of the time of a frozen dataclass (as immutable)."""

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


def build_ranking_from_aggregates(
    sessions: Iterable[Sequence[Any]],
    area_stats: Iterable[Sequence[Any]],
    rubric_data: Mapping[str, Mapping[str, Any]],
    viewer: str | None = None,
) -> Ranking:
    """The ranking from SQL aggregates (per candidate and area: the mean, the spread and
    how many rated it) and one narrow row per scorecard, oldest first: (candidate id,
    name, code, interviewer, role, recommendation, content hash[, demo data]). What
    thousands of candidates need; the same figures as scoring every score one by one."""
    rubrics = {h: rubric_from_snapshot(d) for h, d in rubric_data.items()}
    scorers = {h: RubricScorer(r) for h, r in rubrics.items()}
    usage: dict[str, int] = {}
    per_candidate: dict[str, list[Sequence[Any]]] = {}
    for row in sessions:
        chash = row[6]
        usage[chash] = usage.get(chash, 0) + 1
        items = per_candidate.get(row[0])
        if items is None:
            per_candidate[row[0]] = [row]
        else:
            items.append(row)
    # Columns (and candidates whose rubric is missing) follow the rubric most scorecards
    # used (the first of equals, in the order scorecards were submitted).
    main_hash = max(usage, key=usage.__getitem__) if usage else None
    main = rubrics[main_hash] if main_hash is not None else None
    main_scorer = scorers[main_hash] if main_hash is not None else None
    means: dict[str, dict[str, float]] = {}
    spreads: dict[str, dict[str, int]] = {}
    # SQLite hands a candidate's areas together: their dictionaries are looked up once
    # per candidate, not once per row (any order still comes out the same).
    last = None
    per: dict[str, float] = {}
    spread_of: dict[str, int] = {}
    for cid, area, avg, spread, raters in area_stats:
        if cid != last:
            last = cid
            per = means.setdefault(cid, {})
            spread_of = spreads.setdefault(cid, {})
        per[area] = avg
        if raters >= 2:
            spread_of[area] = int(spread)
    name = viewer.strip().casefold() if viewer is not None else None
    ranked = []
    for cid, items in per_candidate.items():
        latest = items[-1]  # oldest first, so the last is the latest
        if len(items) == 1:
            interviewers: tuple[str, ...] = (latest[3],)
            roles: tuple[str, ...] = (latest[4],) if latest[4] else ()
        else:
            interviewers = tuple(dict.fromkeys(map(_INTERVIEWER, items)))
            named = set(map(_ROLE, items))
            named.discard("")
            named.discard(None)
            roles = tuple(sorted(named))
        hidden = name is not None and name not in {i.strip().casefold() for i in interviewers}
        # Demo data among the scorecards (rows without the column, from older callers: none).
        sample = len(latest) > 7 and any(map(_SAMPLE, items))
        if hidden:
            # Blind: the scores never leave this function, so no view can leak them.
            ranked.append(
                RankedCandidate(
                    CandidateRef(cid, latest[1], latest[2]),
                    roles,
                    interviewers,
                    len(items),
                    {},
                    {},
                    None,
                    None,
                    (),
                    hidden=True,
                    sample=sample,
                )
            )
            continue
        area_means = means.get(cid, {})
        scorer = scorers.get(latest[6], main_scorer)
        if scorer is None:
            weighted, recommendation, rule, insufficient = None, None, "", False
        else:
            weighted, recommendation, rule, insufficient = scorer.verdict(area_means)
        recommendations = _blank_for_none(tuple(map(_RECOMMENDATION, items)))
        ranked.append(
            RankedCandidate(
                CandidateRef(cid, latest[1], latest[2]),
                roles,
                interviewers,
                len(items),
                area_means,
                spreads.get(cid, {}),
                weighted,
                str(recommendation) if recommendation else None,
                recommendations,
                rule=rule,
                insufficient=insufficient,
                sample=sample,
            )
        )
    return Ranking(main, ranked)


# The columns of a scorecard row that ``build_ranking_from_aggregates`` reads by the
# thousand (read in C, one call per column rather than a Python expression per row).
_INTERVIEWER, _ROLE, _RECOMMENDATION, _SAMPLE = map(itemgetter, (3, 4, 5, 7))
_BLANK: dict[str | None, str] = {None: ""}


def _blank_for_none(values: tuple[str | None, ...]) -> tuple[str, ...]:
    """A scorecard without a recommendation as "" (each value looked up in C)."""
    if None not in values:
        return values  # type: ignore[return-value]
    return tuple(map(_BLANK.get, values, values))  # type: ignore[arg-type]


def rank_candidates(db: Database, role: str = "", viewer: str | None = None) -> Ranking:
    """Every candidate with a submitted scorecard (for ``role``: a substring of the role,
    level or plan), ranked by combined score. Three statements, whatever the number of
    candidates. With ``viewer`` set, candidates that viewer has not submitted a scorecard
    for are marked hidden (blind mode)."""
    from interview.storage import panel_queries as q

    return build_ranking_from_aggregates(
        q.ranking_sessions(db, role), q.ranking_area_stats(db, role), q.rubrics(db, role), viewer
    )
