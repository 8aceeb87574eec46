"""Item analysis of the question bank from submitted scorecards.

Which questions are over-exposed or always run over time, which signals separate strong
from weak candidates, which probes go with different scores, and how each area's scores
spread. Labels, budgets and signal kinds come from the content snapshots the sessions
used, so an edited bank does not rewrite history.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from interview.domain.item_stats import (
    Correlation,
    Distribution,
    MeanDifference,
    Moments,
    StatsSettings,
    Timing,
    distribution,
    mean_difference,
    timing,
)
from interview.storage import bank_stats_queries as q
from interview.storage.db import Database

RECENT_DAYS = 90


@dataclass(frozen=True)
class Flag:
    kind: str  # over-exposed | never-fires | always-fires | not-discriminating | ...
    item: str  # what it is about: a question, "question / signal", an area, "plan / area"
    reason: str


@dataclass
class SignalStat:
    question_id: str
    signal_id: str
    label: str
    kind: str  # senior | junior
    red_flag: bool
    sessions: int  # sessions in which the question was asked
    hits: int
    correlation: Correlation
    reading: str

    @property
    def hit_rate(self) -> float | None:
        return self.hits / self.sessions if self.sessions else None

    @property
    def expect_negative(self) -> bool:
        return self.kind == "junior"


@dataclass
class ProbeStat:
    question_id: str
    follow_up_id: str
    label: str
    sessions: int
    asked: int
    area_scores: MeanDifference  # mean of the question's area scores, asked vs not asked

    @property
    def asked_share(self) -> float | None:
        return self.asked / self.sessions if self.sessions else None


@dataclass
class QuestionStat:
    id: str
    title: str
    live_total: int
    live_recent: int
    practice_total: int
    practice_recent: int
    timing: Timing
    signals: list[SignalStat] = field(default_factory=list)
    probes: list[ProbeStat] = field(default_factory=list)


@dataclass
class AreaStat:
    id: str
    title: str
    scores: Distribution
    questions_per_session: float | None


@dataclass
class PlanAreaCoverage:
    plan_id: str
    area_id: str
    area_title: str
    questions: int


@dataclass
class BankStats:
    sessions: int
    plan_id: str
    since: str
    generated_on: str
    settings: StatsSettings
    questions: list[QuestionStat]
    areas: list[AreaStat]
    coverage: list[PlanAreaCoverage]
    flags: list[Flag]


@dataclass
class _Meta:
    """What the snapshots say about questions, signals, probes, areas and plans."""

    titles: dict[str, str] = field(default_factory=dict)
    areas_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    signals: dict[str, list[tuple[str, str, str, bool]]] = field(default_factory=dict)
    probes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    area_titles: dict[str, str] = field(default_factory=dict)
    # per content hash: question id -> budget in that plan
    budgets: dict[str, dict[str, int]] = field(default_factory=dict)
    plans: dict[str, list[str]] = field(default_factory=dict)  # plan id -> question ids


def _glance(item: dict[str, Any]) -> str:
    label = str(item.get("label") or "")
    if label:
        return label
    text = " ".join(str(item.get("text", "")).split())
    return text if len(text) <= 40 else text[:39].rstrip() + "…"


def _meta(rows: list[tuple[str, str]]) -> _Meta:
    meta = _Meta()
    for content_hash, raw in rows:
        try:
            snap = json.loads(raw)
            plan, rubric, questions = snap["plan"], snap["rubric"], snap["questions"]
            for area in rubric["areas"]:
                meta.area_titles.setdefault(str(area["id"]), str(area["title"]))
            meta.budgets[content_hash] = {
                str(i["question_id"]): int(i["minutes"]) for i in plan["items"]
            }
            meta.plans[str(plan["id"])] = [str(i["question_id"]) for i in plan["items"]]
            for question in questions:
                qid = str(question["id"])
                meta.titles[qid] = str(question["title"])
                meta.areas_of[qid] = tuple(str(a) for a in question["areas"])
                meta.signals[qid] = [
                    (str(s["id"]), _glance(s), kind, bool(s.get("red_flag")))
                    for kind, key in (("senior", "senior_signals"), ("junior", "junior_signals"))
                    for s in question[key]
                ]
                meta.probes[qid] = [(str(f["id"]), _glance(f)) for f in question["follow_ups"]]
        except (ValueError, KeyError, TypeError):
            continue  # a damaged snapshot: its sessions are still counted, without labels
    return meta


def bank_stats(
    db: Database,
    *,
    plan_id: str = "",
    since: str = "",
    settings: StatsSettings | None = None,
    today: date | None = None,
) -> BankStats:
    settings = settings or StatsSettings()
    today = today or datetime.now(UTC).date()
    recent = (today - timedelta(days=RECENT_DAYS)).isoformat()
    f = q.StatsFilter(plan_id=plan_id, since=since)

    sessions = q.sessions(db, f)
    meta = _meta(q.snapshots(db, f))
    score_of = {sid: score for sid, _, _, score, _ in sessions if score is not None}
    started = {sid: started for sid, _, _, _, started in sessions}
    hash_of = {sid: h for sid, _, h, _, _ in sessions}

    asked: dict[str, set[str]] = defaultdict(set)  # question -> sessions it was asked in
    minutes: dict[str, list[float]] = defaultdict(list)
    budget_seen: dict[str, int] = {}
    for sid, qid, elapsed in q.answers(db, f):
        asked[qid].add(sid)
        budget = meta.budgets.get(hash_of.get(sid, ""), {}).get(qid)
        if budget is not None and elapsed and elapsed > 0:
            minutes[qid].append(elapsed / 60)
            budget_seen[qid] = budget
    ticked: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sid, qid, signal in q.ticks(db, f):
        asked[qid].add(sid)
        ticked[(qid, signal)].add(sid)
    probed: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sid, qid, probe in q.probes_asked(db, f):
        asked[qid].add(sid)
        probed[(qid, probe)].add(sid)
    area_scores: dict[str, dict[str, int]] = defaultdict(dict)
    for sid, area, score in q.area_scores(db, f):
        area_scores[sid][area] = int(score)
    practice = {qid: (total, rec) for qid, total, rec in q.practice_exposure(db, recent)}

    questions: list[QuestionStat] = []
    for qid in sorted(set(asked) | set(meta.titles)):
        live = asked.get(qid, set())
        pr_total, pr_recent = practice.get(qid, (0, 0))
        stat = QuestionStat(
            id=qid,
            title=meta.titles.get(qid, qid),
            live_total=len(live),
            live_recent=sum(1 for s in live if started.get(s, "") >= recent),
            practice_total=pr_total,
            practice_recent=pr_recent,
            timing=timing(minutes.get(qid, []), budget_seen.get(qid, 0)),
        )
        moments = Moments.of([score_of[s] for s in live if s in score_of])
        for signal_id, label, kind, red in meta.signals.get(qid, []):
            hits = ticked.get((qid, signal_id), set())
            corr = moments.point_biserial([score_of[s] for s in hits & live if s in score_of])
            stat.signals.append(
                SignalStat(
                    qid,
                    signal_id,
                    label,
                    kind,
                    red,
                    len(live),
                    len(hits & live),
                    corr,
                    corr.reading(expect_negative=kind == "junior", min_n=settings.min_sessions),
                )
            )
        q_areas = meta.areas_of.get(qid, ())
        area_mean: dict[str, float] = {}  # session -> mean final score of the question's areas
        for sid in live:
            values = [v for a in q_areas if (v := area_scores.get(sid, {}).get(a)) is not None]
            if values:
                area_mean[sid] = sum(values) / len(values)
        for probe_id, label in meta.probes.get(qid, []):
            who = probed.get((qid, probe_id), set())
            with_scores = [area_mean[s] for s in live & who if s in area_mean]
            without = [area_mean[s] for s in live - who if s in area_mean]
            stat.probes.append(
                ProbeStat(
                    qid,
                    probe_id,
                    label,
                    len(live),
                    len(who & live),
                    mean_difference(with_scores, without),
                )
            )
        questions.append(stat)

    areas = _areas(meta, area_scores, asked)
    coverage = _coverage(meta, plan_id)
    flags = _flags(questions, areas, coverage, settings, len(sessions))
    return BankStats(
        sessions=len(sessions),
        plan_id=plan_id,
        since=since,
        generated_on=today.isoformat(),
        settings=settings,
        questions=questions,
        areas=areas,
        coverage=coverage,
        flags=flags,
    )


def _areas(
    meta: _Meta, area_scores: dict[str, dict[str, int]], asked: dict[str, set[str]]
) -> list[AreaStat]:
    per_area: dict[str, list[int]] = defaultdict(list)
    for scores in area_scores.values():
        for area, score in scores.items():
            per_area[area].append(score)
    questions_in: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for qid, sids in asked.items():
        for area in meta.areas_of.get(qid, ()):
            for sid in sids:
                questions_in[area][sid] += 1
    out: list[AreaStat] = []
    for area in sorted(set(per_area) | set(meta.area_titles)):
        counts = questions_in.get(area, {})
        out.append(
            AreaStat(
                id=area,
                title=meta.area_titles.get(area, area),
                scores=distribution(per_area.get(area, [])),
                questions_per_session=(sum(counts.values()) / len(counts)) if counts else None,
            )
        )
    return out


def _coverage(meta: _Meta, plan_id: str) -> list[PlanAreaCoverage]:
    out: list[PlanAreaCoverage] = []
    for pid in sorted(meta.plans):
        if plan_id and pid != plan_id:
            continue
        qids = meta.plans[pid]
        plan_areas = sorted({a for qid in qids for a in meta.areas_of.get(qid, ())})
        for area in plan_areas:
            n = sum(1 for qid in qids if area in meta.areas_of.get(qid, ()))
            out.append(PlanAreaCoverage(pid, area, meta.area_titles.get(area, area), n))
    return out


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _flags(
    questions: list[QuestionStat],
    areas: list[AreaStat],
    coverage: list[PlanAreaCoverage],
    s: StatsSettings,
    sessions: int,
) -> list[Flag]:
    flags: list[Flag] = []
    for qs in questions:
        recent = qs.live_recent + qs.practice_recent
        if sessions >= s.min_sessions and recent >= s.overexposed_recent:
            flags.append(
                Flag(
                    "over-exposed",
                    qs.id,
                    f"used {recent} times in the last {RECENT_DAYS} days ({qs.live_recent} live, "
                    f"{qs.practice_recent} practice); the limit is {s.overexposed_recent}",
                )
            )
        t = qs.timing
        if t.n >= s.min_sessions and t.over_share is not None and t.over_share >= s.overtime_share:
            flags.append(
                Flag(
                    "runs-over",
                    qs.id,
                    f"ran over its {t.budget} min budget in {_pct(t.over_share)} of {t.n} "
                    f"sessions (median {t.median_minutes:.1f} min)",
                )
            )
        for sig in qs.signals:
            item = f"{qs.id} / {sig.signal_id}"
            if sig.sessions < s.min_sessions:
                continue
            if sig.hits == 0:
                flags.append(Flag("never-fires", item, f"never ticked in {sig.sessions} sessions"))
                continue
            if sig.hits == sig.sessions:
                flags.append(Flag("always-fires", item, f"ticked in all {sig.sessions} sessions"))
                continue
            r = sig.correlation.r
            if r is None or sig.correlation.n < s.min_sessions:
                continue
            if abs(r) < s.min_abs_r:
                flags.append(
                    Flag(
                        "not-discriminating",
                        item,
                        f"r = {r:+.2f} (n = {sig.correlation.n}): ticking it does not go with "
                        f"higher or lower final scores",
                    )
                )
            elif (r < 0) != sig.expect_negative:
                expected = "lower" if sig.expect_negative else "higher"
                flags.append(
                    Flag(
                        "wrong-direction",
                        item,
                        f"r = {r:+.2f} (n = {sig.correlation.n}): expected to go with {expected} "
                        f"final scores",
                    )
                )
    for area in areas:
        d = area.scores
        if d.n >= s.min_sessions:
            if d.floor >= 0.5:
                flags.append(Flag("floor", area.id, f"{_pct(d.floor)} of {d.n} scores are 1"))
            if d.ceiling >= 0.5:
                flags.append(
                    Flag("ceiling", area.id, f"{_pct(d.ceiling)} of {d.n} scores are the top one")
                )
    for c in coverage:
        if c.questions < 2:
            flags.append(
                Flag(
                    "thin-area",
                    f"{c.plan_id} / {c.area_id}",
                    f"{c.area_title} is evidenced by {c.questions} question in this plan; "
                    f"use at least two",
                )
            )
    return flags
