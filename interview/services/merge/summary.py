"""What a merge did, source by source, in lines a person can read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from interview.reports.text import one_line


def _name(value: str, limit: int = 60) -> str:
    """A stored name, safe to print (controls visible, one line, not too long)."""
    flat = one_line(value)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True)
class Conflict:
    source: str
    session_id: str
    candidate: str
    interviewer: str
    detail: str

    def __str__(self) -> str:
        who = f"{_name(self.candidate) or '?'} / {_name(self.interviewer) or '?'}"
        return f"{self.source}: session {one_line(self.session_id)[:8]} ({who}): {self.detail}"


@dataclass(frozen=True)
class Held:
    """A scorecard naming another interviewer than the one whose file it came in."""

    source: str
    session_id: str
    candidate: str
    interviewer: str
    owner: str

    def __str__(self) -> str:
        owner = (
            f"this file's scorecards are {_name(self.owner)}'s"
            if self.owner
            else "this file holds several interviewers' scorecards"
        )
        sid, candidate = one_line(self.session_id)[:8], _name(self.candidate) or "?"
        return (
            f"{self.source}: session {sid} ({candidate})"
            f" names interviewer {_name(self.interviewer)!r}, but {owner}; not merged "
            "(merge that interviewer's own file, or pass --mixed if this is a panel "
            "database you trust)"
        )


@dataclass
class SourceSummary:
    path: str
    owner: str = ""
    candidates_added: int = 0
    candidates_by_code: int = 0
    candidates_by_id: int = 0  # already in the target under the same id
    sessions_added: int = 0
    sessions_updated: int = 0
    sessions_unchanged: int = 0
    sessions_kept_newer: int = 0
    rows_added: Counter[str] = field(default_factory=Counter)
    conflicts: list[Conflict] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    skipped: str = ""


@dataclass
class MergeSummary:
    target: str
    created: bool
    sources: list[SourceSummary] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Conflict]:
        return [c for s in self.sources for c in s.conflicts]

    @property
    def held(self) -> list[Held]:
        return [h for s in self.sources for h in s.held]

    def total(self, name: str) -> int:
        return sum(int(getattr(s, name)) for s in self.sources)

    @property
    def changed(self) -> bool:
        return any(
            s.candidates_added or s.sessions_added or s.sessions_updated or +s.rows_added
            for s in self.sources
        )

    def lines(self) -> list[str]:
        out = []
        for s in self.sources:
            if s.skipped:
                out.append(f"{s.path}: skipped ({s.skipped})")
                continue
            rows = ", ".join(f"{n} {t}" for t, n in sorted(s.rows_added.items()) if n)
            held = f", {len(s.held)} held (another interviewer's)" if s.held else ""
            out.append(
                f"{s.path}: sessions {s.sessions_added} added, {s.sessions_updated} updated, "
                f"{s.sessions_unchanged} unchanged, {s.sessions_kept_newer} older copies skipped, "
                f"{len(s.conflicts)} conflicts{held}; candidates {s.candidates_added} added, "
                f"{s.candidates_by_id} already there, {s.candidates_by_code} matched by code"
                + (f"; rows added: {rows}" if rows else "")
            )
        verb = "created" if self.created else "updated" if self.changed else "unchanged"
        out.append(
            f"{self.target}: {verb} — {self.total('sessions_added')} sessions added, "
            f"{self.total('sessions_updated')} updated, "
            f"{self.total('sessions_unchanged') + self.total('sessions_kept_newer')} skipped, "
            f"{len(self.conflicts)} conflicts left untouched"
            + (f", {len(self.held)} held" if self.held else "")
        )
        out.extend(f"conflict: {c}" for c in self.conflicts)
        out.extend(f"held: {h}" for h in self.held)
        out.extend(f"warning: {w}" for w in self.warnings)
        return out
