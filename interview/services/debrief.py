"""The debrief: a lead's decision on a candidate, and who is missing from the loop.

The decision (hire / no hire / more evidence, with a written rationale) is the panel's
own, recorded apart from the formula's recommendation and never changing it. The
loop is the list of interviewers expected to score the candidate; whoever among them
(or whoever has a session still in progress) has no submitted scorecard is missing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from interview.domain.records import iso
from interview.storage import debrief_queries as q
from interview.storage.db import Database

DECISIONS = {"hire": "Hire", "no_hire": "No hire", "more_evidence": "More evidence"}


class DebriefError(ValueError):
    """Bad input for a decision or a loop; one line for the user."""


@dataclass(frozen=True, slots=True)
class Decision:
    decision: str
    rationale: str
    decided_by: str
    decided_at: str

    @property
    def label(self) -> str:
        return DECISIONS.get(self.decision, self.decision)


@dataclass(frozen=True, slots=True)
class Missing:
    interviewer: str
    since: str  # when their session started or was scheduled (ISO), "" if unknown
    waited: str  # how long ago, for people ("3 h", "2 d", "in 4 h")
    in_progress: bool


def normalise(decision: str) -> str:
    key = decision.strip().lower().replace(" ", "_").replace("-", "_")
    if key not in DECISIONS:
        raise DebriefError(f"unknown decision {decision!r}; use hire, no-hire or more-evidence")
    return key


def record_decision(
    db: Database, candidate_id: str, decision: str, rationale: str, by: str, now: datetime
) -> Decision:
    if not rationale.strip():
        raise DebriefError("a decision needs a written rationale (--rationale TEXT)")
    if not by.strip():
        raise DebriefError("say who decides (--by NAME)")
    row = {
        "id": str(uuid.uuid4()),
        "candidate_id": candidate_id,
        "decision": normalise(decision),
        "rationale": rationale.strip(),
        "decided_by": by.strip(),
        "decided_at": iso(now),
    }
    q.insert_decision(db, row)
    return Decision(row["decision"], row["rationale"], row["decided_by"], row["decided_at"])


@dataclass(frozen=True, slots=True)
class PanelFacts:
    missing: list[Missing]
    decision: Decision | None
    sample: bool


def panel_facts(
    db: Database, candidate_id: str, sessions: list[dict[str, Any]], now: datetime
) -> PanelFacts:
    """Who is missing, the latest decision and the sample flag, in one query."""
    loop: list[tuple[str, str]] = []
    decision = None
    sample = False
    for kind, a, b, c, d in q.panel_facts(db, candidate_id):
        if kind == "loop":
            loop.append((a, b))
        elif kind == "decision":
            decision = Decision(a, b, c, d)
        else:
            sample = True
    return PanelFacts(missing(loop, sessions, now), decision, sample)


def add_to_loop(
    db: Database, candidate_id: str, interviewers: list[str], session_at: datetime
) -> int:
    names = [n.strip() for n in interviewers if n.strip()]
    if not names:
        raise DebriefError("name at least one interviewer")
    rows = [
        {
            "id": str(uuid.uuid4()),
            "candidate_id": candidate_id,
            "interviewer": n,
            "session_at": iso(session_at),
        }
        for n in names
    ]
    return q.add_loop_members(db, rows)


def _ago(then: str, now: datetime) -> str:
    try:
        seconds = (now - datetime.fromisoformat(then)).total_seconds()
    except (TypeError, ValueError):
        return ""
    ahead = seconds < 0
    seconds = abs(seconds)
    if seconds < 3600:
        text = f"{int(seconds // 60)} min"
    elif seconds < 2 * 86400:
        text = f"{int(seconds // 3600)} h"
    else:
        text = f"{int(seconds // 86400)} d"
    return f"in {text}" if ahead else f"{text} ago"


def missing(
    loop: list[tuple[str, str]], sessions: list[dict[str, Any]], now: datetime
) -> list[Missing]:
    """Expected interviewers (the loop, and anyone with a session in progress) whose
    scorecard is not in, with how long it has been since their session."""
    submitted = {str(s["interviewer"]).casefold() for s in sessions if s["status"] == "submitted"}
    expected: dict[str, tuple[str, str, bool]] = {}
    for name, session_at in loop:
        expected[name.casefold()] = (name, session_at, False)
    for s in sessions:
        if s["status"] != "submitted":
            name = str(s["interviewer"])
            expected[name.casefold()] = (name, str(s["started_at"]), True)
    return [
        Missing(name, since, _ago(since, now), running)
        for key, (name, since, running) in sorted(expected.items())
        if key not in submitted
    ]
